"""OParl as a council information system uses it: the whole system imported once, then updated with
`modified_since` (OParl 1.1, "Filter", "Gelöschte Objekte"). After any sequence of changes in the portal the updated
copy equals a fresh import; hypothesis chooses the sequences."""

import hashlib
import json
from urllib.parse import urlencode

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reports.models import CommitteePaper
from reports.services import finalise_paper
from stakeholders.models import Body, Meeting, Membership, Organisation, Person
from stakeholders.services import erase_person
from tests import factories
from tests.oparl.test_interface import ENTRY, LIST_KEYS, get_json, validate

pytestmark = pytest.mark.django_db


class Consumer:
    """An OParl client that keeps a copy of every object of the external lists, by id, embedded objects inside."""

    def __init__(self, client):
        self.client = client
        self.copy, self.since = {}, None

    def lists(self):
        system = get_json(self.client, ENTRY)
        bodies = self.walk(system["body"])
        return [system["body"], *(body[key] for body in bodies for key in sorted(LIST_KEYS - {"body"}))]

    def walk(self, url, **filters):
        objects = []
        url = f"{url}?{urlencode(filters)}" if filters else url
        while url:
            page = get_json(self.client, url)
            objects += page["data"]
            url = page["links"].get("next")
        return objects

    def full_import(self):
        copy = {}
        for url in self.lists():
            for obj in self.walk(url):
                assert not obj.get("deleted"), f"a list without modified_since holds the deleted {obj['id']}"
                validate(obj)
                copy[obj["id"]] = obj
        return copy

    def start(self):
        self.since = timezone.now().replace(microsecond=0)
        self.copy = self.full_import()

    def update(self):
        """The specification's update: every list since the previous run's start, deleted objects removed."""
        since, self.since = self.since, timezone.now().replace(microsecond=0)
        for url in self.lists():
            for obj in self.walk(url, modified_since=since.isoformat()):
                validate(obj)
                if obj.get("deleted"):
                    self.copy.pop(obj["id"], None)
                else:
                    self.copy[obj["id"]] = obj


# --- the changes ------------------------------------------------------------------------------------------------------


def public_person(random):
    people = list(Person.objects.filter(public_figure=True).order_by("pk"))
    return random.choice(people) if people else None


def edit_membership_role(random, user):
    memberships = list(Membership.objects.filter(person__public_figure=True).order_by("pk"))
    if memberships:
        membership = random.choice(memberships)
        membership.role = random.choice([r for r in Membership.Role.values if r != membership.role])
        membership.function = random.choice(["", "Sprecherin", "Schriftführer"])
        membership.save()


def add_public_member(random, user):
    body = random.choice(list(Body.objects.order_by("pk")))
    person = factories.PersonFactory(public_figure=True, public_function=random.choice(["Bürgermeister", "Kreisrätin"]))
    factories.MembershipFactory(body=body, person=person)


def delete_membership(random, user):
    memberships = list(Membership.objects.order_by("pk"))
    if memberships:
        random.choice(memberships).delete()


def withdraw_consent(random, user):
    person = public_person(random)
    if person is not None:
        person.public_figure, person.consent_covers_publication = False, False
        person.save()


def erase(random, user):
    person = public_person(random)
    if person is not None:
        erase_person(person=person, user=user)


def archive_organisation(random, user):
    """Organisations hold seats; archived, they stay out of OParl as before (nothing changes for the consumer)."""
    organisation = random.choice(list(Organisation.objects.filter(is_archived=False).order_by("pk")) or [None])
    if organisation is not None:
        organisation.is_archived = True
        organisation.save()


def rename_body(random, user):
    body = random.choice(list(Body.objects.order_by("pk")))
    body.name = f"{body.name} (neu)"
    body.save()


def toggle_meeting(random, user):
    """Depublish a public meeting, or publish one that was not: the consultations held in it change with it."""
    meeting = random.choice(list(Meeting.objects.order_by("pk")))
    meeting.is_public = not meeting.is_public
    meeting.save()


def add_meeting(random, user):
    body = random.choice(list(Body.objects.order_by("pk")))
    factories.MeetingFactory(body=body, location=random.choice(["", "Kreishaus, Sitzungssaal"]), is_public=True)


def move_meeting(random, user):
    meeting = random.choice(list(Meeting.objects.order_by("pk")))
    date = meeting.date + timezone.timedelta(days=random.choice([-7, 7]))
    if not Meeting.objects.filter(body=meeting.body, date=date).exists():  # a body meets once a day
        meeting.date = date
    meeting.location = random.choice(["", "Landratsamt, Raum 101", meeting.location])
    meeting.save()


def finalise_new_paper(random, user):
    meeting = random.choice(list(Meeting.objects.filter(is_public=True).order_by("pk")) or [None])
    paper = factories.CommitteePaperFactory(strategy=CommitteePaper.objects.earliest("pk").strategy)
    if meeting is not None:
        factories.ConsultationFactory(paper=paper, body=meeting.body, meeting_date=meeting.date, is_public=True)
    finalise_paper(paper=paper, user=user)


CHANGES = [
    edit_membership_role,
    add_public_member,
    delete_membership,
    withdraw_consent,
    erase,
    archive_organisation,
    rename_body,
    toggle_meeting,
    add_meeting,
    move_meeting,
    finalise_new_paper,
]


@pytest.fixture
def district(seeded, admin_user_role, monkeypatch):
    """The seed with a finalised paper, public members of the bodies and public meetings with places."""
    # The files' bytes are not what this test is about (tests/oparl/test_paper_files.py renders them).
    monkeypatch.setattr(
        "oparl.serializers.paper_file",
        lambda paper, extension, request=None: hashlib.sha256(json.dumps(paper.snapshot).encode()).digest(),
    )
    paper = CommitteePaper.objects.get(number="AUT_18/2025")
    for body in Body.objects.order_by("pk")[:3]:
        factories.MembershipFactory(
            body=body, person=factories.PersonFactory(public_figure=True, public_function="Rat")
        )
        factories.MeetingFactory(body=body, location="Kreishaus Ludwigsburg", is_public=True)
    consultation = paper.consultations.order_by("position").first()
    if consultation is not None and consultation.meeting_date:
        Meeting.objects.update_or_create(
            body=consultation.body, date=consultation.meeting_date, defaults={"is_public": True}
        )
    finalise_paper(paper=paper, user=admin_user_role)
    return admin_user_role


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(changes=st.lists(st.sampled_from(CHANGES), min_size=1, max_size=6), random=st.randoms(use_true_random=False))
def test_the_nightly_update_keeps_a_copy_equal_to_a_fresh_import(client, district, changes, random):
    with transaction.atomic():
        consumer = Consumer(client)
        consumer.start()
        for change in changes:
            change(random, district)
            consumer.update()
            fresh = consumer.full_import()
            assert consumer.copy.keys() == fresh.keys(), change.__name__
            assert consumer.copy == fresh, change.__name__
        transaction.set_rollback(True)  # the next example starts from the same district
