"""The search behind a long select list's search box (static/js/portal.js).

Above a threshold a form lists only the chosen entry (strategy_portal/forms.py, SearchableMixin); as the user types,
Tom Select asks here for matches. Only the models an app has registered (in its AppConfig.ready()), and only what
the user may see of them.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views import View

MAX_MATCHES = 20


def has_control_characters(text: str) -> bool:
    """NUL and the other control characters: no search term has them (and PostgreSQL refuses NUL in a query)."""
    return any(ord(character) < 32 or ord(character) == 127 for character in text)


@dataclass(frozen=True)
class ChoiceSearch:
    permission: str  # the permission a user needs to search at all
    search: Callable[..., QuerySet]  # (user, text) → the matches the user may see


_SEARCHES: dict[str, ChoiceSearch] = {}


def register_choice_search(model: type[Model], permission: str, search: Callable[..., QuerySet]) -> None:
    """Let long select lists of `model` search on the server; `search(user, text)` keeps out what the user may
    not see."""
    _SEARCHES[model._meta.label_lower] = ChoiceSearch(permission, search)


def searches(model: type[Model]) -> bool:
    return model._meta.label_lower in _SEARCHES


class ChoiceSearchView(LoginRequiredMixin, View):
    """At most MAX_MATCHES matches of `?q=` as {"results": [{"value": pk, "text": label}, ...]}."""

    http_method_names = ["get"]

    def get(self, request: HttpRequest, label: str) -> JsonResponse:
        if label not in _SEARCHES:
            raise Http404
        choice_search = _SEARCHES[label]
        if not request.user.has_perm(choice_search.permission):
            raise PermissionDenied
        text = request.GET.get("q", "")
        if has_control_characters(text):
            return JsonResponse({"error": _("The search term must not contain control characters.")}, status=400)
        matches = choice_search.search(request.user, text.strip())[:MAX_MATCHES]
        return JsonResponse({"results": [{"value": str(obj.pk), "text": str(obj)} for obj in matches]})
