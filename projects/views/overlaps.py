"""The overlap check on the project form and the project page, and the recorded overlaps (synergies, duplicates).

Without JavaScript the form's button "Auf Überschneidungen prüfen" re-renders the form with the matches for the
typed title and summary, saving nothing. With it, static/js/overlaps.js fetches the list from ProjectOverlapsView
while the editor types.
"""

from crispy_forms.layout import HTML
from django.forms.utils import ErrorDict
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from projects.forms.overlaps import ProjectLinkForm
from projects.models import Project, ProjectLink, Strategy
from projects.selectors.overlaps import recorded_overlaps, recorded_parameters, similar_to
from strategy_portal.workspace import (
    ObjectActionView,
    ObjectDetailView,
    ObjectFormView,
    WorkspaceMixin,
    delete_object,
    workspace_url,
)

CHECK_BUTTON = "check_overlaps"
SHOWN = 5  # matches shown on the form and the project page
SECTION = HTML('{% include "projects/_overlap_check.html" %}')


def overlap_check(user, strategy, text, project_pk=None, *, checked=False):
    """What the list of matches shows: the matches, the text they were found for, where to record one and which
    are recorded already (as the record page's query parameters)."""
    can_link = project_pk is not None and user.has_perm("projects.add_projectlink")
    return {
        "text": text.strip(),
        "overlaps": similar_to(strategy, text, exclude_project=project_pk, limit=SHOWN),
        "link_url": reverse("projects:projectlink-create", args=[project_pk]) if can_link else None,
        "recorded": recorded_parameters(project_pk) if can_link else set(),
        "checked": checked,
    }


def strategy_or_featured(value):
    """The strategy a form or query names (an object or its id), else the featured one."""
    if isinstance(value, Strategy):
        return value
    strategies = Strategy.objects.all()
    if str(value or "").isdigit():
        return strategies.filter(pk=value).first()
    return strategies.filter(is_featured=True).first()


def pk_or_none(value):
    return int(value) if str(value or "").isdigit() else None


# The project form --------------------------------------------------------------------------------------------------


def overlap_section(form, user, project, *, checked=False):
    """The project form's section "Ähnliche Vorhaben" after the basic data, and what its list of matches shows for
    what was typed (`checked`: the form was re-rendered by the section's button, saving nothing)."""
    if SECTION not in form.helper.layout.fields:
        form.helper.layout.fields.insert(1, SECTION)  # after the fieldset with title and summary
    text = f"{form['title'].value() or ''} {form['summary'].value() or ''}"
    strategy = strategy_or_featured(form["strategy"].value())
    return overlap_check(user, strategy, text, project.pk if project else None, checked=checked)


def shown_without_errors(form):
    """A bound form that shows what was typed without validating it: the check did not try to save."""
    form._errors = ErrorDict()
    form.cleaned_data = {}
    return form


def formset_shown_without_errors(formset):
    for form in formset.forms:
        shown_without_errors(form)
    formset._errors = [form.errors for form in formset.forms]
    formset._non_form_errors = formset.error_class()
    return formset


class ProjectOverlapsView(WorkspaceMixin, TemplateView):
    """The list of matches for the text typed into the project form, as an HTML fragment for its script:
    ?strategie=<id>&titel=…&zusammenfassung=…&projekt=<id of the project being edited>. For whoever may add or
    change projects."""

    model = Project
    action = "change"
    template_name = "projects/_overlap_results.html"

    def has_permission(self):
        user = self.request.user
        return user.has_perm("projects.change_project") or user.has_perm("projects.add_project")

    def get_context_data(self, **kwargs):
        query = self.request.GET
        text = f"{query.get('titel', '')} {query.get('zusammenfassung', '')}"
        strategy = strategy_or_featured(query.get("strategie"))
        return {"overlap_check": overlap_check(self.request.user, strategy, text, pk_or_none(query.get("projekt")))}


# The project page and the initiative page --------------------------------------------------------------------------


def project_overlap_context(user, project):
    """The project page's section "Überschneidungen": recorded overlaps and similar ones not yet recorded (three
    queries); nothing for who may not see recorded overlaps."""
    if not user.has_perm("projects.view_projectlink"):
        return {}
    links = recorded_overlaps(project)
    linked = {(type(link.other), link.other.pk) for link in links}
    similar = similar_to(
        project.strategy, f"{project.title} {project.summary}", exclude_project=project, limit=SHOWN + len(links)
    )
    return {
        "overlap_links": links,
        "similar_overlaps": [match for match in similar if (type(match.object), match.object.pk) not in linked][:SHOWN],
        "overlap_perms": link_permissions(user),
    }


def initiative_overlap_context(user, initiative):
    """The projects recorded as overlapping with an external initiative (one query)."""
    if not user.has_perm("projects.view_projectlink"):
        return {}
    links = initiative.project_links.select_related("project").order_by("kind", "project__number")
    return {"overlap_links": links, "overlap_perms": link_permissions(user)}


def link_permissions(user):
    return {action: user.has_perm(f"projects.{action}_projectlink") for action in ("add", "change", "delete")}


# Recorded overlaps -------------------------------------------------------------------------------------------------


def project_crumbs(project):
    return [
        (Project._meta.verbose_name_plural, workspace_url(Project, "list")),
        (str(project), workspace_url(project, "detail")),
    ]


LINKS = ProjectLink.objects.select_related("project", "linked_project", "external_initiative")


class ProjectLinkFormView(ObjectFormView):
    """Record an overlap of the project in the address (?projekt=<id> or ?initiative=<id> preselects the other side),
    or edit one; both are reached from the project's page and lead back to it."""

    model = ProjectLink
    form_class = ProjectLinkForm
    queryset = LINKS

    @cached_property
    def project(self):
        if not self.creating:
            return self.object.project
        visible = Project.objects.visible_to(self.request.user)
        return get_object_or_404(visible, pk=self.kwargs["project_pk"])

    def get_initial(self):
        if not self.creating:
            return super().get_initial()
        return {
            field: int(value)
            for parameter, field in (("projekt", "linked_project"), ("initiative", "external_initiative"))
            if (value := self.request.GET.get(parameter, "")).isdigit()
        }

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.creating:
            kwargs["instance"] = ProjectLink(project=self.project)
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = workspace_url(self.project, "detail")
        return context

    def get_success_url(self):
        return workspace_url(self.project, "detail")

    def get_breadcrumbs(self):
        crumbs = super().get_breadcrumbs()[:1] + project_crumbs(self.project)
        if self.creating:
            return crumbs + [(_("New overlap"), None)]
        return crumbs + [(str(self.object), workspace_url(self.object, "detail")), (_("Edit"), None)]


class ProjectLinkDetailView(ObjectDetailView):
    """A recorded overlap is reached from its project's page and leads back to it."""

    model = ProjectLink
    queryset = LINKS
    fields = ("project", "linked_project", "external_initiative", "kind", "note")

    def get_breadcrumbs(self):
        return super().get_breadcrumbs()[:1] + project_crumbs(self.object.project) + [(str(self.object), None)]


class ProjectLinkDeleteView(ObjectActionView):
    """Editors may remove an overlap recorded by mistake; back to the project's page."""

    model = ProjectLink
    action = "delete"

    def perform(self):
        self.back_url = workspace_url(self.object.project, "detail")
        self.object = delete_object(self.request, self.object)

    def get_success_url(self):
        return self.back_url if self.object is None else super().get_success_url()
