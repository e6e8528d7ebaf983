"""Public: a finalised committee paper as it was published (its public snapshot), the page OParl's `web` links to."""

from django.views.generic import DetailView

from reports.models import CommitteePaper
from strategy_portal import publication
from strategy_portal.publication import Audience


class PublicPaperView(DetailView):
    """The standalone paper page of the preview, from the stored public snapshot; drafts are not found."""

    template_name = "reports/paper_preview.html"
    context_object_name = "paper"

    def get_queryset(self):
        return CommitteePaper.objects.filter(publication.paper_q(Audience.PUBLIC))

    def get_context_data(self, **kwargs):
        return super().get_context_data(content=self.object.snapshot, **kwargs)
