"""OParl papers: the finalised committee papers, their consultations and their files (PDF, DOCX and the files
attached to them)."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from oparl.selectors import (
    finalised_papers,
    is_public_consultation,
    is_published_paper,
    meetings_for,
    public_consultations,
    published_attachment,
    published_paper,
)
from oparl.serializers import (
    FILE_KINDS,
    attachment_file_data,
    consultation_data,
    deleted,
    file_data,
    paper_data,
    paper_file,
    url,
)
from oparl.views.base import ListView, OParlView, published
from reports.models import CommitteePaper, Consultation, PaperAttachment
from reports.views.downloads import attachment, attachment_download, paper_filename


class PaperListView(ListView):
    list_name = "paper"

    def queryset(self):
        return finalised_papers()

    def serialise(self, request, objects, omit_internal):
        consultations = [c for paper in objects for c in public_consultations(paper)]
        meetings = meetings_for(consultations)
        return [paper_data(request, paper, omit_internal, meetings) for paper in objects]


class PaperView(OParlView):
    def get(self, request, pk):
        paper = get_object_or_404(CommitteePaper.objects.prefetch_related("consultations"), pk=pk)
        if not is_published_paper(paper):
            return published(request, deleted(url(request, "paper", pk), "Paper", paper))
        return published(request, paper_data(request, paper))


class ConsultationView(OParlView):
    def get(self, request, pk):
        consultation = get_object_or_404(Consultation.objects.select_related("paper"), pk=pk)
        if not is_published_paper(consultation.paper) or not is_public_consultation(consultation):
            return published(request, deleted(url(request, "consultation", pk), "Consultation", consultation))
        return published(request, consultation_data(request, consultation, meetings_for([consultation])))


class FileView(OParlView):
    def get(self, request, pk, extension):
        paper = get_object_or_404(CommitteePaper, pk=pk)
        if extension not in FILE_KINDS:
            raise Http404
        if not is_published_paper(paper):
            return published(request, deleted(url(request, "file", pk, extension), "File", paper))
        return published(request, file_data(request, paper, extension))


def as_download(request):
    """The File's downloadUrl (`?download`) is saved as a file, its accessUrl is shown in the browser."""
    return "download" in request.GET


class PaperDownloadView(OParlView):
    """The finalised paper as a file, public as OParl's accessUrl/downloadUrl; drafts are not published."""

    extension = "pdf"

    def get(self, request, pk):
        paper = published_paper(pk)
        response = attachment(
            paper_file(paper, self.extension, request),
            FILE_KINDS[self.extension],
            paper_filename(paper, self.extension),
            disposition="attachment" if as_download(request) else "inline",
        )
        response["Access-Control-Allow-Origin"] = "*"
        return response


class PaperDocxDownloadView(PaperDownloadView):
    extension = "docx"


class AttachmentFileView(OParlView):
    """A file attached to a finalised paper as an OParl File; one of a draft paper is answered as deleted."""

    def get(self, request, pk):
        attachment = get_object_or_404(PaperAttachment.objects.select_related("paper"), pk=pk)
        if not is_published_paper(attachment.paper) or not attachment.file:
            return published(request, deleted(url(request, "attachment-file", pk), "File", attachment))
        return published(request, attachment_file_data(request, attachment))


class AttachmentDownloadView(OParlView):
    """The attached file itself, public as the File's accessUrl/downloadUrl once its paper is finalised."""

    def get(self, request, pk):
        response = attachment_download(published_attachment(pk), as_attachment=as_download(request))
        response["Access-Control-Allow-Origin"] = "*"
        return response
