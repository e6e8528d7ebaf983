"""The public strategy pages: the start page with the Strategiehaus, a strategic goal, an action field.

Everything is read from the featured strategy. Projects come through `Project.objects.for_public(user)`: anonymous
visitors see published, non-archived projects; committee members and staff internal ones too; nobody archived ones.
Each page runs a fixed number of queries however many projects there are. The Strategiehaus picture is drawn by
projects/strategiehaus.py, the projects and events read by projects/selectors/public.py.
"""

from collections import Counter, defaultdict

from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from projects.models import Project, Strategy
from projects.selectors.public import first_projects_per_field, project_counts_per_field, projects_query, public_events
from projects.selectors.rollup import Rollup, progress_rollup, weighted_projects
from projects.strategiehaus import NARROW, WIDE, strategiehaus
from projects.views.strategy import figure_label
from strategy_portal.pagination import paginate


def featured_strategy_or_404():
    return get_object_or_404(Strategy, is_featured=True)


def status_figures(counts):
    """Projects per status in lifecycle order, only the statuses that occur."""
    return [
        {"status": status, "label": status.label, "count": counts[status]}
        for status in Project.Status
        if counts.get(status)
    ]


class HomeView(TemplateView):
    """Public: the featured strategy at a glance — the Strategiehaus, key figures and the process with its events."""

    template_name = "projects/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        strategy = Strategy.objects.filter(is_featured=True).first()
        if strategy is not None:
            context.update(self.strategy_context(strategy))
        return context

    def strategy_context(self, strategy):
        by_field, by_status = self.project_counts(strategy)
        goals = list(strategy.goals.all())
        fields = list(strategy.action_fields.prefetch_related("focus_areas", "goals"))
        progress = progress_rollup(strategy, Project.objects.for_public(self.request.user))
        for field in fields:
            field.public_project_count = by_field[field.pk]
            field.progress = progress.for_field(field.pk)
        for goal in goals:
            goal.progress = progress.for_goal(goal.pk)
        phases = list(strategy.phases.prefetch_related(Prefetch("participation_events", queryset=public_events())))
        events = sorted(
            {event.pk: event for phase in phases for event in phase.participation_events.all()}.values(),
            key=lambda event: (event.start_date, event.pk),
        )
        return {
            "strategy": strategy,
            "goals": goals,
            "action_fields": fields,
            "houses": [strategiehaus(strategy, goals, fields, shape) for shape in (WIDE, NARROW)],
            "project_total": sum(by_status.values()),
            "status_figures": status_figures(by_status),
            "phases": phases,
            "events": events,
        }

    def project_counts(self, strategy):
        """Visible projects per action field and per status, from one grouped query."""
        rows = (
            Project.objects.for_public(self.request.user)
            .filter(strategy=strategy)
            .values("action_field", "status")
            .annotate(count=Count("pk"))
            .order_by()
        )
        by_field, by_status = Counter(), Counter()
        for row in rows:
            by_field[row["action_field"]] += row["count"]
            by_status[row["status"]] += row["count"]
        return by_field, by_status


class PublicGoalView(TemplateView):
    """Public: a strategic goal of the featured strategy, the action fields that serve it and their first projects
    (each field's page lists them all). The progress is summed in the database."""

    template_name = "projects/public_goal.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        strategy = featured_strategy_or_404()
        goals = list(strategy.goals.all())
        goal = next((goal for goal in goals if goal.number == self.kwargs["number"]), None)
        if goal is None:
            raise Http404(_("No such strategic goal."))
        user = self.request.user
        fields = list(goal.action_fields.prefetch_related("focus_areas"))
        by_field = defaultdict(list)
        for project in first_projects_per_field(user, strategy, fields):
            by_field[project.action_field_id].append(project)
        counts = project_counts_per_field(user, strategy, fields)
        progress = progress_rollup(strategy, Project.objects.for_public(user))
        for field in fields:
            field.public_projects = by_field[field.pk]
            field.public_project_count = counts[field.pk]
            field.progress = progress.for_field(field.pk)
        context.update(
            strategy=strategy, goal=goal, goals=goals, action_fields=fields, progress=progress.for_goal(goal.pk)
        )
        return context


class PublicActionFieldView(TemplateView):
    """Public: an action field of the featured strategy with the goals it serves, its focus areas, the findings that
    support it and its projects, 25 a page; the weighting table shows the page's projects, the progress all."""

    template_name = "projects/public_actionfield.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        strategy = featured_strategy_or_404()
        fields = list(strategy.action_fields.all())
        field = next((field for field in fields if field.slug == self.kwargs["slug"]), None)
        if field is None:
            raise Http404(_("No such action field."))
        findings = list(field.findings.select_related("event").order_by("number"))
        for finding in findings:
            finding.figure_label = figure_label(finding)
        context.update(
            strategy=strategy,
            field=field,
            action_fields=fields,
            goals=list(field.goals.all()),
            focus_areas=list(field.focus_areas.all()),
            findings=findings,
            events=list(public_events().filter(action_fields=field)),
            **self.projects_context(strategy, field),
        )
        return context

    def projects_context(self, strategy, field):
        user = self.request.user
        visible = Project.objects.for_public(user).filter(action_field=field)
        pages = paginate(
            self.request,
            projects_query(user, strategy=strategy, action_field=field).order_by("number", "pk"),
            anchor="projects-heading",
        )
        projects = list(pages.rows)
        total = progress_rollup(strategy, visible).for_field(field.pk)
        items = weighted_projects(strategy, visible.filter(pk__in=[project.pk for project in projects]))
        return {
            "pages": pages,
            "projects": projects,
            "progress": Rollup(total.weighted, total.weights, tuple(items)),
        }
