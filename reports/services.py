"""Writes on committee papers."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from reports.models import CommitteePaper
from reports.paper import paper_content
from strategy_portal.publication import Audience


@transaction.atomic
def finalise_paper(*, paper: CommitteePaper, user: User) -> CommitteePaper:
    """Freeze the paper: its content (with the changes since the previous paper) becomes the stored snapshot that
    later edits of projects or budget do not change. A paper is finalised once.

    Two versions are stored: `snapshot`, the public paper that OParl and the public channels serve, and
    `committee_snapshot`, the committee's version with the internal projects and non-public consultations."""
    paper = CommitteePaper.objects.select_for_update().select_related("strategy").get(pk=paper.pk)
    if paper.status == CommitteePaper.Status.FINALISED:
        raise ValidationError(_("This paper has already been finalised."))
    paper.snapshot = paper_content(paper, Audience.PUBLIC)
    paper.committee_snapshot = paper_content(paper, Audience.COMMITTEE)
    paper.status = CommitteePaper.Status.FINALISED
    paper.finalised_at = timezone.now()
    paper._change_reason = _("Finalised by %(user)s") % {"user": user}
    paper.save(update_fields=["snapshot", "committee_snapshot", "status", "finalised_at", "modified"])
    return paper
