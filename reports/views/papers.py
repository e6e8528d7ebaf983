"""Committee papers in the workspace: create and edit drafts, preview the paper, finalise it.

A finalised paper is frozen: editing, reverting to an earlier version and deleting it are refused with a message
and a redirect to its page (the snapshot is the record of what the committee read).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.generic import DetailView

from projects.models import Strategy
from reports.forms import AttachmentFormSet, CommitteePaperForm, ConsultationFormSet
from reports.models import CommitteePaper
from reports.paper import paper_content
from reports.services import finalise_paper
from reports.views.downloads import COMMITTEE_VERSION, VERSION_PARAMETER, requested_audience
from strategy_portal.publication import Audience, audience_of
from strategy_portal.workspace import (
    ObjectActionView,
    ObjectDetailView,
    ObjectFormView,
    ObjectListView,
    WorkspaceMixin,
    delete_object,
    restore_version,
    workspace_url,
)


def is_finalised(paper):
    return paper.status == CommitteePaper.Status.FINALISED


def refuse_finalised(request, paper):
    messages.error(request, _("“%(paper)s” is finalised and can no longer be changed.") % {"paper": paper})
    return HttpResponseRedirect(workspace_url(paper, "detail"))


def downloads_available():
    """The DOCX and PDF routes, where they are installed."""
    try:
        reverse("reports:committeepaper-docx", args=[1])
        reverse("reports:committeepaper-pdf", args=[1])
    except NoReverseMatch:
        return False
    return True


class CommitteePaperListView(ObjectListView):
    model = CommitteePaper
    columns = ("number", "title", "meeting", "status")
    filterset_fields = ("status", "kind")

    def get_queryset(self):
        return super().get_queryset().select_related("meeting__body")


class CommitteePaperDetailView(ObjectDetailView):
    model = CommitteePaper
    template_name = "reports/committeepaper_detail.html"
    fields = (
        "strategy", "kind", "subtitle", "date", "meeting", "addressees", "decision_proposal", "climate_check_result",
        "climate_check_partial_results", "climate_check_reasoning", "introduction", "status", "finalised_at",
    )  # fmt: skip

    def get_queryset(self):
        return CommitteePaper.objects.select_related("strategy", "meeting__body")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            consultations=self.object.consultations.select_related("body"),
            attachments=self.object.attachments.all(),
            can_finalise=self.request.user.has_perm("reports.finalise_committeepaper"),
            downloads=downloads_available(),
            # The committee's non-public version, for the committee's audience and above only.
            committee_version=(
                f"?{VERSION_PARAMETER}={COMMITTEE_VERSION}"
                if audience_of(self.request.user) >= Audience.COMMITTEE
                else ""
            ),
            **kwargs,
        )
        if is_finalised(self.object):
            context["can_change"] = False
        return context


class CommitteePaperFormView(ObjectFormView):
    """New papers start with the featured strategy; editing is for drafts only: a finalised paper is answered with a
    redirect to its page and an error message."""

    model = CommitteePaper
    form_class = CommitteePaperForm
    inlines = (ConsultationFormSet, AttachmentFormSet)

    def dispatch(self, request, *args, **kwargs):
        if not self.creating and self.has_permission():
            paper = get_object_or_404(CommitteePaper, pk=kwargs["pk"])
            if is_finalised(paper):
                return refuse_finalised(request, paper)
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        if self.creating:
            return {"strategy": Strategy.objects.filter(is_featured=True).first()}
        return super().get_initial()


class CommitteePaperRevertView(ObjectActionView):
    model = CommitteePaper
    action = "change"

    def perform(self, history_id):
        if is_finalised(self.object):
            refuse_finalised(self.request, self.object)
        else:
            self.object = restore_version(self.request, self.object, history_id)


class CommitteePaperDeleteView(ObjectActionView):
    model = CommitteePaper
    action = "delete"

    def perform(self):
        if is_finalised(self.object):
            refuse_finalised(self.request, self.object)
        else:
            self.object = delete_object(self.request, self.object)


class CommitteePaperPreviewView(WorkspaceMixin, DetailView):
    """The paper as it is published: a standalone page, from the snapshot once finalised; with ?fassung=ausschuss
    the committee's non-public version (for the committee's audience and above)."""

    model = CommitteePaper
    action = "view"
    template_name = "reports/paper_preview.html"

    def get_queryset(self):
        return CommitteePaper.objects.select_related("strategy")

    def get_context_data(self, **kwargs):
        content = paper_content(self.object, requested_audience(self.request))
        return super().get_context_data(content=content, paper=self.object, **kwargs)


class CommitteePaperFinaliseView(WorkspaceMixin, DetailView):
    """GET asks for confirmation; POST freezes the paper's content as its snapshot (administrators)."""

    model = CommitteePaper
    action = "finalise"
    template_name = "reports/committeepaper_finalise.html"

    def post(self, request, pk):
        paper = get_object_or_404(CommitteePaper, pk=pk)
        try:
            finalise_paper(paper=paper, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("“%(paper)s” was finalised.") % {"paper": paper})
        return HttpResponseRedirect(workspace_url(paper, "detail"))

    def get_breadcrumbs(self):
        return super().get_breadcrumbs() + [
            (str(self.object), workspace_url(self.object, "detail")),
            (_("Finalise"), None),
        ]
