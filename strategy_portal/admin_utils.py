"""Helpers shared by the apps' admin modules."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.contrib import admin
from django.contrib.admin.options import BaseModelAdmin
from django.contrib.admin.utils import flatten_fieldsets
from django.db import models
from django.db.models import F, Model, QuerySet
from django.db.models.expressions import Combinable
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from strategy_portal.db import StaleEdit, model_field
from strategy_portal.forms import VersionedForm


def _set_archived(
    modeladmin: admin.ModelAdmin[Any], request: HttpRequest, queryset: QuerySet[Model], archived: bool
) -> int:
    """Archive or restore the selected rows instead of deleting them, and log it in each row's history."""
    changed = list(queryset.exclude(is_archived=archived))
    updates: dict[str, bool | Combinable] = {"is_archived": archived}
    if any(field.name == "version" for field in queryset.model._meta.concrete_fields):
        # Archiving changes the row, so an edit form opened before must fail its optimistic-locking check.
        updates["version"] = F("version") + 1
    queryset.model._default_manager.filter(pk__in=[obj.pk for obj in changed]).update(**updates)
    with translation.override(None):  # the log stores the English label and translates it when shown
        label = str(model_field(queryset.model, "is_archived").verbose_name)
    for obj in changed:
        modeladmin.log_change(request, obj, [{"changed": {"fields": [label]}}])
    return len(changed)


def year_column(model: type[Model], field_name: str) -> Callable[[Model], str]:
    """A sortable list column showing a year as it is written, "2025": the admin groups other numbers ("2.025")."""

    @admin.display(description=model_field(model, field_name).verbose_name, ordering=field_name)
    def column(obj: Model) -> str:
        year = getattr(obj, field_name)
        return admin.site.empty_value_display if year is None else str(year)

    column.__name__ = field_name  # the list's CSS class: field-year
    return column


@admin.action(description=_("Archive selected items"), permissions=["change"])
def archive_selected(modeladmin: admin.ModelAdmin[Any], request: HttpRequest, queryset: QuerySet[Model]) -> None:
    count = _set_archived(modeladmin, request, queryset, archived=True)
    modeladmin.message_user(
        request, ngettext("%(count)d item was archived.", "%(count)d items were archived.", count) % {"count": count}
    )


@admin.action(description=_("Restore selected items"), permissions=["change"])
def restore_selected(modeladmin: admin.ModelAdmin[Any], request: HttpRequest, queryset: QuerySet[Model]) -> None:
    count = _set_archived(modeladmin, request, queryset, archived=False)
    modeladmin.message_user(
        request, ngettext("%(count)d item was restored.", "%(count)d items were restored.", count) % {"count": count}
    )


# Web addresses typed without a scheme are read as https (Django 6's default; silences its deprecation warning).
HTTPS_URLS: Mapping[type[models.Field[Any, Any]], Mapping[str, Any]] = {models.URLField: {"assume_scheme": "https"}}


class VersionedAdminMixin(BaseModelAdmin):
    """The admin's forms and inline rows refuse a stale save like the workspace's (VersionedForm): their hidden
    `seen_version` is added to the fieldsets, for who may change the object."""

    form: Any = VersionedForm  # ModelAdmin's and the inlines' form, which django-stubs type apart

    def get_fieldsets(self, request: HttpRequest, obj: Model | None = None) -> Any:
        fieldsets = list(super().get_fieldsets(request, obj))
        if "seen_version" in flatten_fieldsets(fieldsets) or not self.has_change_permission(request, obj):
            return fieldsets
        (name, options), *rest = fieldsets
        return [(name, {**options, "fields": [*options["fields"], "seen_version"]}), *rest]


class VersionedAdmin(VersionedAdminMixin, admin.ModelAdmin):
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except StaleEdit:
            # Saved by someone else between the form's check and its save (its transaction is rolled back): asked
            # again, the form finds the newer version and answers "Inzwischen geändert" with the input kept.
            return super().changeform_view(request, object_id, form_url, extra_context)


class VersionedTabularInline(VersionedAdminMixin, admin.TabularInline):
    pass


class VersionedStackedInline(VersionedAdminMixin, admin.StackedInline):
    pass
