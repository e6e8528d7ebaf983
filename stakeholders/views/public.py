"""Public pages of the stakeholders: the bodies with their members (the participation timeline reads the strategy
too: projects/views/public_participation.py).

Persons appear by name only where the publication rule (strategy_portal/publication.py) lets the public know them;
contact data, notes and consent never leave the workspace.
"""

from dataclasses import dataclass

from django.db.models import Case, IntegerField, Prefetch, Value, When
from django.utils import timezone
from django.views.generic import ListView

from stakeholders.models import Body, Meeting
from stakeholders.selectors import current_public_memberships
from strategy_portal import publication
from strategy_portal.publication import Audience

# The bodies that shape the strategy come first, the council's bodies after them.
BODY_KIND_ORDER = [
    Body.Kind.ADVISORY_BOARD,
    Body.Kind.STEERING_COMMITTEE,
    Body.Kind.COUNCIL_COMMITTEE,
    Body.Kind.COUNCIL,
]


@dataclass(frozen=True)
class PublicSeat:
    """What a public page may say about a membership."""

    organisation: str
    represented_by: str
    role: str


def public_seat(membership):
    """A person is named (after their function: "Landrat Dietmar Allgaier") only where the publication rule lets the
    public know them; otherwise only the seat's own function and the organisation show. Reads the membership's person
    and organisations, so select them with the membership."""
    person = membership.person
    named = publication.may_name_person(person, Audience.PUBLIC)
    organisation = membership.organisation or (person.organisation if person else None)
    function = membership.function or (person.public_function if named else "")
    if named:
        function = f"{function} {person.name}".strip()
    return PublicSeat(
        organisation=organisation.name if organisation else "",
        represented_by=function,
        role=membership.get_role_display(),
    )


class BodyListView(ListView):
    """Public: the bodies with their member organisations, public functions and public meetings."""

    template_name = "stakeholders/public_bodies.html"
    context_object_name = "bodies"

    def get_queryset(self):
        kind_order = Case(
            *(When(kind=kind, then=Value(position)) for position, kind in enumerate(BODY_KIND_ORDER)),
            default=Value(len(BODY_KIND_ORDER)),
            output_field=IntegerField(),
        )
        return (
            Body.objects.alias(kind_order=kind_order)
            .order_by("kind_order", "name")
            .prefetch_related(
                Prefetch(
                    "memberships",
                    queryset=current_public_memberships(timezone.localdate()),
                    to_attr="public_memberships",
                ),
                Prefetch(
                    "meetings",
                    queryset=Meeting.objects.filter(publication.meeting_q(Audience.PUBLIC)),
                    to_attr="public_meetings",
                ),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["body_rows"] = [
            (body, [public_seat(membership) for membership in body.public_memberships]) for body in context["bodies"]
        ]
        return context
