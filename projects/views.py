from django.db.models import Count, Q
from django.views.generic import TemplateView

from budget.selectors import financing_table
from projects.models import Strategy


class HomeView(TemplateView):
    """Public: the featured strategy, its goals and action fields, and its financing."""

    template_name = "projects/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        strategy = Strategy.objects.filter(is_featured=True).first()
        if strategy is not None:
            context.update(
                strategy=strategy,
                goals=strategy.goals.all(),
                phases=strategy.phases.prefetch_related("participation_events"),
                action_fields=strategy.action_fields.annotate(
                    project_count=Count("projects", filter=Q(projects__is_archived=False))
                ).prefetch_related("focus_areas"),
                financing=financing_table(strategy),
            )
        return context
