"""Handing out the strategy document: each user gets the version their audience may have (strategy_portal/
publication.py); a download with personal data is recorded in the admin log, like the persons' export."""

from __future__ import annotations

from django.contrib.admin.models import CHANGE, LogEntry
from django.utils.translation import gettext_noop

from accounts.models import User
from exchange.document import export_document
from exchange.document.specs import JSONObject
from projects.models import Strategy
from strategy_portal import publication

# The log keeps it in English, as Django's own log messages (and stakeholders.services' "Personal data exported").
DOWNLOADED_WITH_PERSONAL_DATA = gettext_noop("Strategy document with personal data downloaded")


def strategy_document_for(*, strategy: Strategy, user: User) -> JSONObject:
    """The document of `strategy` for `user`; with personal data (administrators) the download goes to the admin log
    on the strategy: who and when, shown in the strategy's history in the Django admin."""
    audience = publication.audience_of(user)
    document = export_document(strategy, audience=audience)
    if publication.may_export_personal_data(audience):
        LogEntry.objects.log_actions(
            user.pk, [strategy], CHANGE, change_message=DOWNLOADED_WITH_PERSONAL_DATA, single_object=True
        )
    return document
