"""The committee paper as files to download: DOCX for the office to finish in Word, PDF of the preview page, and
the files attached to it."""

import re
from pathlib import PurePosixPath

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.views.generic import View

from projects.uploads import attachment_name, file_download
from reports.models import CommitteePaper, PaperAttachment
from reports.render import DOCX_MIME_TYPE, PDF_MIME_TYPE, render_docx, render_pdf
from strategy_portal.publication import Audience, audience_of
from strategy_portal.workspace import WorkspaceMixin

# The query parameter that asks the workspace's paper pages for the committee's non-public version.
VERSION_PARAMETER, COMMITTEE_VERSION = "fassung", "ausschuss"
NON_PUBLIC_SUFFIX = "-nichtoeffentlich"


def paper_filename(paper, extension, non_public=False):
    """ "AUT_18/2025" → "AUT_18-2025.docx" (the committee's version: "AUT_18-2025-nichtoeffentlich.docx"): the paper
    number, safe as a file name."""
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "-", paper.number).strip("-.") or f"vorlage-{paper.pk}"
    return f"{stem}{NON_PUBLIC_SUFFIX if non_public else ''}.{extension}"


def requested_audience(request: HttpRequest) -> Audience:
    """The version of the paper a workspace request asks for: the public one, or with ?fassung=ausschuss the
    committee's, which only users of the committee's audience or above get (Http404 for everyone else, a project
    lead too)."""
    if request.GET.get(VERSION_PARAMETER) != COMMITTEE_VERSION:
        return Audience.PUBLIC
    if audience_of(request.user) < Audience.COMMITTEE:
        raise Http404
    return Audience.COMMITTEE


def attachment_filename(paper_attachment: PaperAttachment) -> str:
    """The uploader's file name (the stored name for a file uploaded before it was kept), sanitised."""
    name = paper_attachment.original_name or PurePosixPath(paper_attachment.file.name or "").name
    return attachment_name(name, paper_attachment.content_type)


def attachment_download(paper_attachment: PaperAttachment, as_attachment: bool = True) -> FileResponse:
    """The attached file as a download (or to be shown) that no browser runs (projects/uploads.py); Http404 without
    a file."""
    if not paper_attachment.file:
        raise Http404
    content_type = paper_attachment.content_type or "application/octet-stream"
    return file_download(paper_attachment.file, attachment_filename(paper_attachment), content_type, as_attachment)


def attachment(body, content_type, filename, disposition="attachment"):
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


class CommitteePaperDownloadView(WorkspaceMixin, View):
    model = CommitteePaper
    action = "view"

    def get(self, request, pk):
        # Imported here: reports.paper composes the content; this module must load without it.
        from reports.paper import paper_content

        audience = requested_audience(request)
        paper = get_object_or_404(CommitteePaper, pk=pk)
        return self.download(request, paper, paper_content(paper, audience))


class CommitteePaperDocxView(CommitteePaperDownloadView):
    def download(self, request, paper, content):
        filename = paper_filename(paper, "docx", non_public=content.get("non_public", False))
        return attachment(render_docx(content), DOCX_MIME_TYPE, filename)


class CommitteePaperPdfView(CommitteePaperDownloadView):
    def download(self, request, paper, content):
        html = render_to_string("reports/paper_preview.html", {"content": content, "paper": paper}, request=request)
        pdf = render_pdf(html, base_url=request.build_absolute_uri("/"))
        return attachment(pdf, PDF_MIME_TYPE, paper_filename(paper, "pdf", non_public=content.get("non_public", False)))


class PaperAttachmentDownloadView(WorkspaceMixin, View):
    """An attachment of a paper, for whoever may see the paper in the workspace, draft or finalised."""

    model = CommitteePaper
    action = "view"
    http_method_names = ["get", "head"]

    def get(self, request, pk):
        return attachment_download(get_object_or_404(PaperAttachment, pk=pk))
