"""The featured strategy's document as a download at /berichte/strategie.json, offered on the exports page."""

import json

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import Http404, HttpResponse
from django.utils.http import content_disposition_header
from django.views.generic import View

from exchange.services import strategy_document_for
from projects.models import Strategy
from strategy_portal import publication


class StrategyDocumentView(PermissionRequiredMixin, View):
    """The featured strategy as its JSON document: for administrators with personal data (the file
    `manage.py export_strategy` writes; each download is logged), for the committee and staff without."""

    permission_required = "projects.view_all_projects"

    def get(self, request):
        strategy = Strategy.objects.filter(is_featured=True).first()
        if strategy is None:
            raise Http404("No featured strategy")
        document = strategy_document_for(strategy=strategy, user=request.user)
        text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
        response = HttpResponse(text, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = content_disposition_header(True, f"{strategy.slug}.json")
        return response


def download_context(request):
    """What the exports page's section on the strategy document shows (reports.extra_downloads): which version the
    user gets."""
    return {
        "strategy": Strategy.objects.filter(is_featured=True).first(),
        "personal_data": publication.may_export_personal_data(publication.audience_of(request.user)),
    }
