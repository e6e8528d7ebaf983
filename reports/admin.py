from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.contrib import admin
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from reports.forms import PaperAttachmentForm
from reports.models import CommitteePaper, Consultation, PaperAttachment
from strategy_portal.admin_utils import VersionedAdmin, VersionedTabularInline

# A finalised paper is frozen: neither it nor its consultations and attachments change after it was sent.


def is_finalised(paper: CommitteePaper | None) -> bool:
    return paper is not None and paper.status == CommitteePaper.Status.FINALISED


class PaperPartInline(VersionedTabularInline):
    extra = 0

    # InlineModelAdmin's own signature, which adds `obj` to BaseModelAdmin's (django-stubs ignores this there too).
    def has_add_permission(self, request: HttpRequest, obj: CommitteePaper | None) -> bool:  # type: ignore[override]
        return not is_finalised(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: CommitteePaper | None = None) -> bool:
        return not is_finalised(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: CommitteePaper | None = None) -> bool:
        return not is_finalised(obj) and super().has_delete_permission(request, obj)


class ConsultationInline(PaperPartInline):
    model = Consultation
    fields = ("position", "body", "competence", "meeting_date", "is_public")


class PaperAttachmentInline(PaperPartInline):
    model = PaperAttachment
    form = PaperAttachmentForm  # the same checks of the file as in the workspace
    fields = ("number", "title", "file")


@admin.register(CommitteePaper)
class CommitteePaperAdmin(VersionedAdmin):
    list_display = ("number", "title", "kind", "status", "meeting", "finalised_at")
    list_filter = ("strategy", "kind", "status", "meeting__body")
    list_select_related = ("meeting__body",)
    search_fields = ("number", "title", "subtitle")
    ordering = ("-created",)
    autocomplete_fields = ("meeting",)
    # Finalising stores the snapshot of the paper's figures: the finalise service does that, not a form.
    readonly_fields = ("status", "finalised_at", "snapshot", "committee_snapshot")
    fieldsets = (
        (None, {"fields": ("strategy", "number", "kind", "title", "subtitle", "meeting", "addressees")}),
        (_("Decision proposal"), {"fields": ("decision_proposal", "introduction")}),
        (
            _("KlimaCheck"),
            {"fields": ("climate_check_result", "climate_check_partial_results", "climate_check_reasoning")},
        ),
        (
            _("Finalisation"),
            {"fields": ("status", "finalised_at", "snapshot", "committee_snapshot"), "classes": ("collapse",)},
        ),
    )
    inlines = [ConsultationInline, PaperAttachmentInline]

    def has_change_permission(self, request: HttpRequest, obj: CommitteePaper | None = None) -> bool:
        return not is_finalised(obj) and super().has_change_permission(request, obj)


class PaperPartAdmin(VersionedAdmin):
    list_select_related: ClassVar[tuple[str, ...]] = ("paper",)

    def has_change_permission(self, request: HttpRequest, obj: Consultation | PaperAttachment | None = None) -> bool:
        return not (obj and is_finalised(obj.paper)) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Consultation | PaperAttachment | None = None) -> bool:
        return not (obj and is_finalised(obj.paper)) and super().has_delete_permission(request, obj)

    def formfield_for_foreignkey(
        self, db_field: models.ForeignKey[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> forms.ModelChoiceField[Any] | None:
        if db_field.name == "paper":
            kwargs["queryset"] = CommitteePaper.objects.filter(status=CommitteePaper.Status.DRAFT)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Consultation)
class ConsultationAdmin(PaperPartAdmin):
    list_display = ("paper", "position", "body", "competence", "meeting_date", "is_public")
    list_filter = ("body", "competence", "is_public")
    list_select_related = ("paper", "body")
    search_fields = ("paper__number", "paper__title", "body__name")
    ordering = ("paper", "position")


@admin.register(PaperAttachment)
class PaperAttachmentAdmin(PaperPartAdmin):
    form = PaperAttachmentForm
    fields = ("paper", "number", "title", "file")
    list_display = ("paper", "number", "title", "file")
    search_fields = ("paper__number", "paper__title", "title")
    ordering = ("paper", "number")
