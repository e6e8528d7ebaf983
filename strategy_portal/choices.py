"""The search behind a long select list's search box (static/js/portal.js).

Above a threshold a form lists only the chosen entry (strategy_portal/forms.py, SearchableMixin); as the user types,
Tom Select asks here for matches. Only the models below, and only what the user may see of them.
"""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.views import View

from projects.filters import search_projects
from projects.models import Project
from stakeholders.filters import search_organisations, search_persons
from stakeholders.models import Organisation, Person

MAX_MATCHES = 20


def visible_projects(user, text):
    return search_projects(Project.objects.visible_to(user), text)


def organisations(user, text):
    return search_organisations(Organisation.objects.all(), text)


def persons(user, text):
    return search_persons(Person.objects.all(), text)


# The model's label: the permission to ask, and the search, which also keeps what the user may not see out.
SEARCHES = {
    "projects.project": ("projects.view_project", visible_projects),
    "stakeholders.organisation": ("stakeholders.view_organisation", organisations),
    "stakeholders.person": ("stakeholders.view_person", persons),
}


class ChoiceSearchView(LoginRequiredMixin, View):
    """At most MAX_MATCHES matches of `?q=` as {"results": [{"value": pk, "text": label}, ...]}."""

    http_method_names = ["get"]

    def get(self, request, label):
        if label not in SEARCHES:
            raise Http404
        permission, search = SEARCHES[label]
        if not request.user.has_perm(permission):
            raise PermissionDenied
        matches = search(request.user, request.GET.get("q", "").strip())[:MAX_MATCHES]
        return JsonResponse({"results": [{"value": str(obj.pk), "text": str(obj)} for obj in matches]})
