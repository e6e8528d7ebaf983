"""Reads of the stakeholders across relations."""

import datetime

from django.db.models import Q, QuerySet

from stakeholders.models import Membership


def current_public_memberships(today: datetime.date) -> QuerySet[Membership]:
    """Seats held today (or from a date to come), of organisations that are not archived."""
    return (
        Membership.objects.filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .exclude(organisation__is_archived=True)
        .select_related("person__organisation", "organisation")
    )
