"""The committee paper as files to download: DOCX for the office to finish in Word, PDF of the preview page."""

import re

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.views.generic import View

from reports.models import CommitteePaper
from reports.render import DOCX_MIME_TYPE, PDF_MIME_TYPE, render_docx, render_pdf
from strategy_portal.workspace import WorkspaceMixin


def paper_filename(paper, extension):
    """ "AUT_18/2025" → "AUT_18-2025.docx": the paper number, safe as a file name."""
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "-", paper.number).strip("-.") or f"vorlage-{paper.pk}"
    return f"{stem}.{extension}"


def attachment(body, content_type, filename):
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class CommitteePaperDownloadView(WorkspaceMixin, View):
    model = CommitteePaper
    action = "view"

    def get(self, request, pk):
        # Imported here: reports.paper composes the content; this module must load without it.
        from reports.paper import paper_content

        paper = get_object_or_404(CommitteePaper, pk=pk)
        return self.download(request, paper, paper_content(paper))


class CommitteePaperDocxView(CommitteePaperDownloadView):
    def download(self, request, paper, content):
        return attachment(render_docx(content), DOCX_MIME_TYPE, paper_filename(paper, "docx"))


class CommitteePaperPdfView(CommitteePaperDownloadView):
    def download(self, request, paper, content):
        html = render_to_string("reports/paper_preview.html", {"content": content, "paper": paper}, request=request)
        pdf = render_pdf(html, base_url=request.build_absolute_uri("/"))
        return attachment(pdf, PDF_MIME_TYPE, paper_filename(paper, "pdf"))
