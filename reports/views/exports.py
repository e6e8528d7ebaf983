"""Downloads at /berichte/: every workspace list as CSV and XLSX, what other apps register (reports.extra_downloads:
the strategy document), and (administrators only) the personal data of all persons, each such export recorded in the
admin log."""

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.contrib.contenttypes.models import ContentType
from django.utils.text import capfirst
from django.views.generic import TemplateView, View

from reports.extra_downloads import EXTRA_DOWNLOADS
from reports.sections import visible_sections
from stakeholders.models import Person
from strategy_portal.exports import check_format, streaming_table_response
from strategy_portal.workspace import export_rows

# The admin log keeps it in English, as Django's own log messages.
PERSONS_EXPORTED = "Personal data of {count} persons exported as {format}"


class ExportsView(PermissionRequiredMixin, TemplateView):
    """Who may see all projects: the lists they may view, each as CSV and XLSX, and the registered extra downloads."""

    permission_required = "projects.view_all_projects"
    template_name = "reports/exports.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            sections=visible_sections(user),
            extra_downloads=[(download.template_name, download.context(self.request)) for download in EXTRA_DOWNLOADS],
            can_export_persons=user.has_perm("stakeholders.export_personal_data"),
            **kwargs,
        )


class PersonsExportView(PermissionRequiredMixin, View):
    """Administrators only: every stored field of every person, as CSV or XLSX; each export goes to the admin log."""

    permission_required = "stakeholders.export_personal_data"

    def get(self, request, format):
        check_format(format)
        persons = Person.objects.select_related("organisation").order_by("pk")
        log_persons_export(user=request.user, count=persons.count(), format=format)
        fields = Person._meta.concrete_fields
        headers = [str(capfirst(field.verbose_name)) for field in fields]
        rows = export_rows(persons, [field.name for field in fields])
        return streaming_table_response("personen", headers, rows, format=format)


def log_persons_export(*, user, count, format):
    """Who exported how many persons' data when: one admin log entry per export."""
    LogEntry.objects.create(
        user=user,
        content_type=ContentType.objects.get_for_model(Person),
        object_repr=str(Person._meta.verbose_name_plural),
        action_flag=CHANGE,
        change_message=PERSONS_EXPORTED.format(count=count, format=format.upper()),
    )
