"""The ranking page: projects ranked by their priority score, a what-if preview of other weights, saving the
weights (administrators), the projects not yet assessed and the office's staff capacity per year."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from projects.forms.priorities import WeightsForm
from projects.models import Project, Strategy
from projects.selectors import priorities
from strategy_portal.workspace import WorkspaceMixin

RANKING_PAGE_SIZE = 50
UNASSESSED_SHOWN = 100


class PriorityView(WorkspaceMixin, TemplateView):
    """Whoever may see projects sees this page (a project lead only their own projects); only who holds
    `projects.set_priority_weights` may save the weights."""

    model = Project
    action = "view"
    template_name = "projects/priorities.html"
    show_list_crumb = False

    def get(self, request, *args, **kwargs):
        self.strategy = self.get_strategy()
        saved = priorities.Weights.of(self.strategy)
        if any(name in request.GET for name in WeightsForm.base_fields):
            form = WeightsForm(request.GET)
        else:
            form = WeightsForm(initial=WeightsForm.initial_for(saved))
        preview = form.weights() if form.is_bound and form.is_valid() else None
        return self.render_to_response(self.get_context_data(form=form, preview=preview))

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm("projects.set_priority_weights"):
            raise PermissionDenied
        self.strategy = self.get_strategy()
        form = WeightsForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form, preview=None, save_failed=True))
        self.save_weights(form.weights())
        messages.success(request, _("The weights were saved; the ranking now uses them."))
        return HttpResponseRedirect(self.page_url())

    def save_weights(self, weights):
        strategy = self.strategy
        strategy.weight_subject, strategy.weight_resources, strategy.weight_partners = (
            weights.subject,
            weights.resources,
            weights.partners,
        )
        strategy.save(update_fields=["weight_subject", "weight_resources", "weight_partners", "modified"])

    def get_strategy(self):
        """The featured strategy, or the one chosen with ?strategie=<pk>."""
        chosen = self.request.GET.get("strategie", "")
        if chosen.isdigit():
            return get_object_or_404(Strategy, pk=chosen)
        strategy = Strategy.objects.order_by("-is_featured", "title").first()
        if strategy is None:
            raise Http404(_("No strategy yet."))
        return strategy

    def page_url(self):
        return f"{reverse('projects:priorities')}?strategie={self.strategy.pk}"

    def get_context_data(self, *, preview, **kwargs):
        strategy, user = self.strategy, self.request.user
        saved = priorities.Weights.of(strategy)
        weights = preview or saved
        visible = Project.objects.visible_to(user)
        page = Paginator(priorities.ranking(strategy, weights, visible), RANKING_PAGE_SIZE).get_page(
            self.request.GET.get("seite")
        )
        unassessed = list(priorities.not_yet_assessed(strategy, visible)[: UNASSESSED_SHOWN + 1])
        return super().get_context_data(
            strategy=strategy,
            strategies=list(Strategy.objects.order_by("-is_featured", "title").only("pk", "title")),
            saved=saved,
            weights=weights,
            preview=preview,
            preview_differs=preview is not None and preview != saved,
            page_obj=page,
            ranked=[priorities.describe(project, strategy, weights) for project in page.object_list],
            unassessed=[priorities.describe(project, strategy, weights) for project in unassessed[:UNASSESSED_SHOWN]],
            more_unassessed=len(unassessed) > UNASSESSED_SHOWN,
            sees_all=user.has_perm("projects.view_all_projects"),
            capacity=priorities.capacity_by_year(strategy) if user.has_perm("projects.view_all_projects") else None,
            can_save=user.has_perm("projects.set_priority_weights"),
            can_change_strategy=user.has_perm("projects.change_strategy"),
            page_query=self.page_query(),
            **kwargs,
        )

    def page_query(self):
        """The query string of the page links: the strategy and the previewed weights, without the page number."""
        query = self.request.GET.copy()
        query.pop("seite", None)
        query["strategie"] = self.strategy.pk
        return query.urlencode()

    def get_breadcrumbs(self):
        return super().get_breadcrumbs() + [(_("Priorities and capacity"), None)]
