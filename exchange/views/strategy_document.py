"""The featured strategy's document as a download at /berichte/strategie.json, offered on the exports page."""

import json

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import Http404, HttpResponse
from django.utils.http import content_disposition_header
from django.views.generic import View

from exchange.document import export_document
from projects.models import Strategy


class StrategyDocumentView(PermissionRequiredMixin, View):
    """The featured strategy as its JSON document (the file `manage.py export_strategy` writes)."""

    permission_required = "projects.view_all_projects"

    def get(self, request):
        strategy = Strategy.objects.filter(is_featured=True).first()
        if strategy is None:
            raise Http404("No featured strategy")
        text = json.dumps(export_document(strategy), ensure_ascii=False, indent=2) + "\n"
        response = HttpResponse(text, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = content_disposition_header(True, f"{strategy.slug}.json")
        return response


def download_context(request):
    """What the exports page's section on the strategy document shows (reports.extra_downloads)."""
    return {"strategy": Strategy.objects.filter(is_featured=True).first()}
