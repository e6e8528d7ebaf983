"""Workspace pages of the strategy's own structure: the strategy, its phases, strategic goals, action fields with
their focus areas, findings and external initiatives. The paper expects the action fields to be adapted as conditions
change; an action field's page therefore shows its own history and that of its focus areas."""

from dataclasses import dataclass

from django.db.models import Count, Max, Prefetch, Q
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from projects.filters import (
    ActionFieldFilter,
    ExternalInitiativeFilter,
    FindingFilter,
    PhaseFilter,
    StrategicGoalFilter,
    StrategyFilter,
)
from projects.forms.strategy import (
    ActionFieldForm,
    ExternalInitiativeForm,
    FindingForm,
    FocusAreaFormSet,
    FocusAreaFormSetWithoutDelete,
    PhaseForm,
    StrategicGoalForm,
    StrategyForm,
)
from projects.models import (
    ActionField,
    ExternalInitiative,
    Finding,
    FocusArea,
    Phase,
    StrategicGoal,
    Strategy,
)
from projects.views.overlaps import initiative_overlap_context
from strategy_portal.db import CountQualifier
from strategy_portal.history import HIDDEN, Change
from strategy_portal.pagination import paginate
from strategy_portal.workspace import ObjectDetailView, ObjectFormView, ObjectListView

STRATEGY_PARAMETER = "strategie"  # ?strategie=<id> on a create page preselects the strategy


def initial_in_strategy(request, model, *, numbered=True):
    """A new phase, goal, action field, finding or initiative belongs to the strategy named in the address (the
    featured one otherwise) and, where it is numbered, gets the next free number."""
    strategy = initial_strategy(request)
    if strategy is None:
        return {}
    initial = {"strategy": strategy}
    if numbered:
        highest = model.objects.filter(strategy=strategy).aggregate(highest=Max("number"))["highest"]
        initial["number"] = (highest or 0) + 1
    return initial


def initial_strategy(request):
    pk = request.GET.get(STRATEGY_PARAMETER, "")
    if pk.isdigit():
        return Strategy.objects.filter(pk=pk).first()
    return Strategy.objects.filter(is_featured=True).first()


# Strategies --------------------------------------------------------------------------------------------------------


class StrategyListView(ObjectListView):
    model = Strategy
    filterset_class = StrategyFilter
    columns = ("title", "responsible_unit", "council_decision_year", "started", "is_featured")


class StrategyDetailView(ObjectDetailView):
    model = Strategy
    template_name = "projects/strategy_detail.html"
    fields = (
        "slug", "is_featured", "vision", "background", "responsible_unit", "department", "council_decision_year",
        "started", "final_presentation", "first_budget_year", "last_budget_year", "annual_project_budget",
    )  # fmt: skip

    def get_context_data(self, **kwargs):
        strategy = self.object
        return super().get_context_data(
            phases=strategy.phases.prefetch_related("participation_events"),
            goals=strategy.goals.prefetch_related(
                Prefetch("action_fields", queryset=ActionField.objects.order_by("number"))
            ),
            action_fields=strategy.action_fields.annotate(
                project_count=Count("projects", filter=Q(projects__is_archived=False), distinct=True),
                focus_area_count=Count("focus_areas", distinct=True),
            ).prefetch_related("goals"),
            finding_count=strategy.findings.count(),
            initiative_count=strategy.external_initiatives.count(),
            strategy_parameter=STRATEGY_PARAMETER,
            **kwargs,
        )


class StrategyFormView(ObjectFormView):
    model = Strategy
    form_class = StrategyForm


# Phases ------------------------------------------------------------------------------------------------------------


class PhaseListView(ObjectListView):
    model = Phase
    queryset = Phase.objects.select_related("strategy")
    filterset_class = PhaseFilter
    columns = ("number", "title", "status", "start_date", "end_date", "strategy")


class PhaseDetailView(ObjectDetailView):
    model = Phase
    queryset = Phase.objects.select_related("strategy")
    fields = ("strategy", "number", "title", "description", "status", "start_date", "end_date", "participation_events")


class PhaseFormView(ObjectFormView):
    model = Phase
    form_class = PhaseForm

    def get_initial(self):
        initial = super().get_initial()
        if self.creating:
            initial.update(initial_in_strategy(self.request, Phase))
        return initial


# Strategic goals ---------------------------------------------------------------------------------------------------


class StrategicGoalListView(ObjectListView):
    model = StrategicGoal
    queryset = StrategicGoal.objects.select_related("strategy")
    filterset_class = StrategicGoalFilter
    columns = ("number", "statement", "strategy")


class StrategicGoalDetailView(ObjectDetailView):
    model = StrategicGoal
    queryset = StrategicGoal.objects.select_related("strategy")
    template_name = "projects/strategicgoal_detail.html"
    fields = ("strategy", "number", "statement", "description")

    def get_context_data(self, **kwargs):
        return super().get_context_data(action_fields=self.object.action_fields.order_by("number"), **kwargs)


class StrategicGoalFormView(ObjectFormView):
    model = StrategicGoal
    form_class = StrategicGoalForm

    def get_initial(self):
        initial = super().get_initial()
        if self.creating:
            initial.update(initial_in_strategy(self.request, StrategicGoal))
        return initial


# Action fields -----------------------------------------------------------------------------------------------------


FOCUS_AREA_CHANGES = {
    "+": pgettext_lazy("focus area", "added"),
    "~": pgettext_lazy("focus area", "changed"),
    "-": pgettext_lazy("focus area", "removed"),
}


@dataclass
class FocusAreaEntry:
    """One version of one of an action field's focus areas, for the action field's change list."""

    date: object
    user: object
    kind: str
    title: str
    changes: list


def focus_area_history(action_field, limit=50):
    """Focus areas added, renamed, renumbered or removed, newest first (one query: the history rows of all focus
    areas the action field has ever had)."""
    records = FocusArea.history.filter(action_field_id=action_field.pk).select_related("history_user")
    previous = {}
    entries = []
    for record in records.order_by("history_date", "history_id"):
        changes = []
        if record.history_type == "~" and record.id in previous:
            delta = record.diff_against(previous[record.id], excluded_fields=HIDDEN | {"action_field"})
            opts = FocusArea._meta
            changes = [Change(opts.get_field(c.field).verbose_name, c.old, c.new) for c in delta.changes]
        previous[record.id] = record
        if record.history_type != "~" or changes:
            kind = FOCUS_AREA_CHANGES[record.history_type]
            entries.append(FocusAreaEntry(record.history_date, record.history_user, kind, record.title, changes))
    return entries[::-1][:limit]


class ActionFieldListView(ObjectListView):
    model = ActionField
    queryset = ActionField.objects.select_related("strategy")
    filterset_class = ActionFieldFilter
    columns = ("number", "title", "short_title", "strategy")


class ActionFieldDetailView(ObjectDetailView):
    model = ActionField
    queryset = ActionField.objects.select_related("strategy")
    template_name = "projects/actionfield_detail.html"
    fields = ("strategy", "number", "title", "short_title", "slug", "description", "participation_events")

    def get_context_data(self, **kwargs):
        action_field = self.object
        return super().get_context_data(
            focus_areas=action_field.focus_areas.all(),
            goals=action_field.goals.all(),
            **self.projects_context(action_field),
            findings=action_field.findings.select_related("event"),
            initiatives=action_field.external_initiatives.all(),
            focus_area_history=focus_area_history(action_field),
            **kwargs,
        )

    def projects_context(self, action_field):
        """The field's projects, 25 a page: a field of a large strategy has hundreds."""
        projects = action_field.projects.filter(is_archived=False).select_related("lead_organisation")
        pages = paginate(self.request, projects.order_by("number", "pk"), anchor="projects-heading")
        return {"projects": list(pages.rows), "project_pages": pages}


class ActionFieldFormView(ObjectFormView):
    model = ActionField
    form_class = ActionFieldForm

    @property
    def inlines(self):
        """Editors may add and rename focus areas; removing one takes the permission to delete focus areas."""
        if self.request.user.has_perm("projects.delete_focusarea"):
            return (FocusAreaFormSet,)
        return (FocusAreaFormSetWithoutDelete,)

    def get_initial(self):
        initial = super().get_initial()
        if self.creating:
            initial.update(initial_in_strategy(self.request, ActionField))
        return initial


# Findings ----------------------------------------------------------------------------------------------------------


def figure_label(finding):
    """The figure as the paper gives it: "rund 75 %", "knapp 50 %", "190 Unternehmen"."""
    if finding.figure is None:
        return ""
    qualifier = "" if finding.figure_qualifier == CountQualifier.EXACT else finding.get_figure_qualifier_display()
    return " ".join(part for part in (qualifier, floatformat(finding.figure, -2), finding.figure_unit) if part)


class FindingListView(ObjectListView):
    model = Finding
    queryset = Finding.objects.select_related("strategy", "event")
    filterset_class = FindingFilter
    columns = ("number", "statement", "event", "strategy")


class FindingDetailView(ObjectDetailView):
    model = Finding
    queryset = Finding.objects.select_related("strategy", "event")
    template_name = "projects/finding_detail.html"
    fields = ("strategy", "number", "statement", "event")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(action_fields=self.object.action_fields.all(), **kwargs)
        context["rows"].insert(3, (_("figure"), figure_label(self.object)))
        return context


class FindingFormView(ObjectFormView):
    model = Finding
    form_class = FindingForm

    def get_initial(self):
        initial = super().get_initial()
        if self.creating:
            initial.update(initial_in_strategy(self.request, Finding))
        return initial


# External initiatives ----------------------------------------------------------------------------------------------


class ExternalInitiativeListView(ObjectListView):
    model = ExternalInitiative
    queryset = ExternalInitiative.objects.select_related("strategy")
    filterset_class = ExternalInitiativeFilter
    columns = ("title", "level", "responsible", "strategy")


class ExternalInitiativeDetailView(ObjectDetailView):
    model = ExternalInitiative
    queryset = ExternalInitiative.objects.select_related("strategy")
    template_name = "projects/externalinitiative_detail.html"
    fields = ("strategy", "level", "responsible", "description")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            action_fields=self.object.action_fields.all(),
            **initiative_overlap_context(self.request.user, self.object),
            **kwargs,
        )


class ExternalInitiativeFormView(ObjectFormView):
    model = ExternalInitiative
    form_class = ExternalInitiativeForm

    def get_initial(self):
        initial = super().get_initial()
        if self.creating:
            initial.update(initial_in_strategy(self.request, ExternalInitiative, numbered=False))
        return initial
