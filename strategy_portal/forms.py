"""Form building blocks shared by the workspace's forms."""

from __future__ import annotations

import contextlib
import copy
from collections.abc import Collection, Iterable, Sequence
from typing import TYPE_CHECKING, Any, TypeGuard, cast

from django import forms
from django.core.exceptions import ValidationError
from django.forms import ModelChoiceField, Textarea
from django.forms.models import ModelChoiceIterator
from django.urls import reverse
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext_lazy as _

from strategy_portal.choices import searches
from strategy_portal.db import TimestampedModel
from strategy_portal.display import readable_value
from strategy_portal.history import changes_since

if TYPE_CHECKING:
    from django.db.models import Model, QuerySet
    from django.utils.choices import _Choices
    from django_stubs_ext import StrOrPromise

    # What the mixin expects of the widget class it is mixed into.
    _ChoiceWidget = forms.widgets.ChoiceWidget
    _AnyModelForm = forms.ModelForm[Any]  # VersionedForm is the base of forms of any model
else:
    _ChoiceWidget = object
    _AnyModelForm = forms.ModelForm


class DateInput(forms.DateInput):
    """The browser's date picker; it sends ISO dates, which Django reads in every locale."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


# Above this many rows a select lists only the chosen entries and the search box asks the server for the others:
# 10,000 projects would be a megabyte of HTML in every form and filter.
REMOTE_CHOICES_THRESHOLD = 300


class SearchableMixin(_ChoiceWidget):
    """A select list with a search box (static/js/portal.js), for long lists such as organisations.

    Up to REMOTE_CHOICES_THRESHOLD rows it lists them all, read in the same single query as before. Above it, and
    for a model the choice search (strategy_portal/choices.py) knows, it lists only the chosen entries and names
    that search in `data-url`; the form field keeps its whole queryset, so any valid choice still validates."""

    template_name: str = "strategy_portal/widgets/searchable_select.html"

    def __init__(self, attrs: dict[str, Any] | None = None, choices: _Choices = ()) -> None:
        # The search box's text comes from the page, so that it is translated with the rest (static/js/portal.js).
        attrs = {"data-searchable": "true", "data-no-results": _("No matches"), **(attrs or {})}
        super().__init__(attrs=attrs, choices=choices)

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        iterator = self.choices
        if not lists_primary_keys(iterator):
            context = super().get_context(name, value, attrs)
            context["widget"]["searches_remotely"] = "data-url" in self.attrs  # see list_only_chosen
            return context
        rows: Collection[Any] = list(iterator.queryset[: REMOTE_CHOICES_THRESHOLD + 1])
        url = search_url(iterator.queryset.model) if len(rows) > REMOTE_CHOICES_THRESHOLD else None
        if url:
            rows = iterator.queryset.filter(pk__in=valid_pks(iterator.queryset.model, self.format_value(value)))
            attrs = {**(attrs or {}), "data-url": url}
        rendering = copy.copy(self)
        rendering.choices = empty_choice(iterator) + [iterator.choice(obj) for obj in rows]
        context = super(SearchableMixin, rendering).get_context(name, value, attrs)
        context["widget"]["searches_remotely"] = bool(url)
        return context


class SearchableSelect(SearchableMixin, forms.Select):
    pass


class SearchableSelectMultiple(SearchableMixin, forms.SelectMultiple):
    pass


def lists_primary_keys(choices: object) -> TypeGuard[ModelChoiceIterator[Any]]:
    """Whether the choices are a model queryset's rows, with their primary keys as values."""
    if type(choices) is not ModelChoiceIterator:
        return False
    return choices.field.to_field_name in (None, choices.queryset.model._meta.pk.name)


def list_only_chosen(formset_forms: Sequence[forms.BaseForm], name: str) -> bool:
    """For the forms of a formset: when the searchable select `name` is too long to list, each form's lists only its
    own choice, read for all forms in one query; returns whether it did (else the caller shares the whole list)."""
    field = formset_forms[0].fields[name]
    if not isinstance(field.widget, SearchableMixin) or not lists_primary_keys(field.widget.choices):
        return False
    field = cast(forms.ModelChoiceField, field)  # its widget lists a queryset's rows
    queryset = cast("QuerySet[Any]", field.queryset)
    model = queryset.model
    url = search_url(model)
    if url is None or len(queryset.values("pk")[: REMOTE_CHOICES_THRESHOLD + 1]) <= REMOTE_CHOICES_THRESHOLD:
        return False
    chosen = {form: valid_pks(model, field.widget.format_value(form[name].value())) for form in formset_forms}
    objects = queryset.in_bulk([pk for pks in chosen.values() for pk in pks])
    for form, pks in chosen.items():
        form_field = cast(forms.ModelChoiceField, form.fields[name])  # the formset's forms all have `field`
        iterator = ModelChoiceIterator(form_field)
        form_field.choices = empty_choice(iterator) + [iterator.choice(objects[pk]) for pk in pks if pk in objects]
        form_field.widget.attrs["data-url"] = url
    return True


def search_url(model: type[Model]) -> str | None:
    """The choice search's address for `model`, None for a model it does not search."""
    return reverse("choices", args=[model._meta.label_lower]) if searches(model) else None


def valid_pks(model: type[Model], values: Iterable[object]) -> list[Any]:
    """The submitted values that can be primary keys (a bound form may hold anything)."""
    pks = []
    for value in values:
        with contextlib.suppress(ValidationError):
            pks.append(model._meta.pk.to_python(value))
    return [pk for pk in pks if pk is not None]


def empty_choice(iterator: ModelChoiceIterator[Any]) -> list[tuple[str, StrOrPromise]]:
    return [("", iterator.field.empty_label)] if iterator.field.empty_label is not None else []


def date_widgets(*names: str) -> dict[str, forms.Widget | type[forms.Widget]]:
    return {name: DateInput() for name in names}


class WebAddressField(forms.URLField):
    """A web address typed without a scheme is read as https (Django 6's default, without its warning)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("assume_scheme", "https")
        super().__init__(**kwargs)


def compact_textareas(form: forms.BaseForm, rows: int = 4) -> None:
    """Shorter text areas. (Amounts and other decimals are typed the German way by their model fields' form field:
    strategy_portal/db.py.)"""
    for field in form.fields.values():
        if isinstance(field.widget, Textarea):
            field.widget.attrs["rows"] = rows


def share_choices(formset: forms.BaseFormSet) -> None:
    """Read each select list's choices once for all forms of a formset, not once per row (constant queries)."""
    shared: dict[str, list] = {}
    forms = [*formset.forms, formset.empty_form]
    # Too long a list (10,000 projects) is not listed at all: each row gets only its own choice, and a search.
    remote = {name for name in forms[0].fields if list_only_chosen(forms, name)}
    for form in forms:
        for name, field in form.fields.items():
            if isinstance(field, ModelChoiceField) and not field.widget.is_hidden and name not in remote:
                if name not in shared:
                    shared[name] = list(cast(Iterable, field.choices))  # a ModelChoiceIterator
                field.choices = shared[name]


class SlugFromTitleMixin:
    """An empty slug is made from `slug_source` (a field of the form)."""

    slug_source = "title"

    fields: dict[str, forms.Field]
    instance: Any
    _meta: Any

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()  # type: ignore[misc]  # a mixin of ModelForms: super() is the form
        if not cleaned.get("slug") and cleaned.get(self.slug_source):
            cleaned["slug"] = slugify(cleaned[self.slug_source])[: self._meta.model._meta.get_field("slug").max_length]
            self.instance.slug = cleaned["slug"]
        return cleaned


class SeenVersionField(forms.IntegerField):
    """The version of the object its editor opened the form on (VersionedModel): no change of its own."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(required=False, min_value=1, **kwargs)

    def has_changed(self, initial: Any, data: Any) -> bool:
        return False


class VersionedForm(_AnyModelForm):
    """The base of every ModelForm of the portal (workspace forms, their inline rows, the admin's forms): it carries
    the version its editor opened, and a save over a version someone saved since is refused "Inzwischen geändert"
    with who changed what, the editor's input kept and the form now at the stored version (saving again goes
    through). A form (or inline row) without changes saves nothing and is not checked."""

    seen_version = SeenVersionField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["seen_version"].initial = self.instance.version

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or self.cleaned_data
        seen = cleaned.get("seen_version")
        if self.instance.pk is not None and seen is not None and self.has_changed():
            current = type(self.instance)._base_manager.filter(pk=self.instance.pk).first()
            if current is not None and current.version != seen:
                self.refuse_stale_save(current, seen)
        return cleaned

    def _post_clean(self) -> None:
        super()._post_clean()  # type: ignore[misc]  # ModelForm's, which django-stubs leaves out
        seen = self.cleaned_data.get("seen_version")
        if self.instance.pk is not None and seen is not None:
            self.instance.version = seen  # what the save must find stored (VersionedModel.save)

    def refuse_stale_save(self, current: TimestampedModel, seen: int) -> None:
        """Someone saved `current` since this form was opened at `seen`: say who and what, keep the input."""
        user, changes = changes_since(current, seen)
        data = cast(Any, self.data).copy()  # a mutable copy of the submitted QueryDict (or dict)
        data[self.add_prefix("seen_version")] = str(current.version)
        self.data = data
        self.add_error(None, stale_message(current, user, changes))


def stale_message(obj: Model, user: Any, changes: Sequence[Any]) -> str:
    described = "; ".join(
        f"{capfirst(change.field)}: {readable_value(change.old)} → {readable_value(change.new)}" for change in changes
    )
    values = {"user": user or _("Someone"), "object": obj, "changes": described}
    if described:
        return (
            _(
                "Changed meanwhile: %(user)s has changed “%(object)s” since you opened it (%(changes)s). Your input is "
                "kept below: check it against the changes and save again."
            )
            % values
        )
    return (
        _(
            "Changed meanwhile: %(user)s has changed “%(object)s” since you opened it. Your input is kept below: check "
            "it against the changes and save again."
        )
        % values
    )
