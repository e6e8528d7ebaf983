"""Reads of the stakeholders across relations."""

from django.db.models import Q

from stakeholders.models import Membership


def current_public_memberships(today):
    """Seats held today (or from a date to come), of organisations that are not archived."""
    return (
        Membership.objects.filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .exclude(organisation__is_archived=True)
        .select_related("person__organisation", "organisation")
    )
