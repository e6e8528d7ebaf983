"""The publication rule (strategy_portal/publication.py) as the channels that ask it show it to their users."""

import csv
import datetime
import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from accounts import roles
from strategy_portal.publication import Audience, audience_of
from tests import factories

OPARL_PERSONS = "/oparl/v1.1/person/"


@pytest.mark.parametrize(
    "role, audience",
    [
        (roles.COMMITTEE, Audience.COMMITTEE),
        (roles.EDITOR, Audience.STAFF),
        (roles.ADMIN, Audience.ADMIN),
        # A partner's project lead reads their own projects in the workspace, and is the public everywhere else.
        (roles.PROJECT_LEAD, Audience.PUBLIC),
    ],
)
def test_each_role_reads_as_its_audience(user_for_role, role, audience):
    assert audience_of(user_for_role(role)) == audience


def test_a_visitor_without_login_is_the_public():
    assert audience_of(AnonymousUser()) == Audience.PUBLIC


@pytest.fixture
def newsletter_reader(db):
    """Consented to the newsletter only: not to be named on the portal or in its open data."""
    person = factories.PersonFactory(
        name="Nora Newsletter", consent_date=datetime.date(2025, 3, 1), consent_scope="Newsletter"
    )
    factories.MembershipFactory(person=person)
    return person


def oparl_names(client):
    return {person["name"] for person in client.get(OPARL_PERSONS).json()["data"]}


def test_oparl_does_not_publish_a_person_whose_consent_does_not_cover_publication(client, newsletter_reader):
    person = client.get(f"{OPARL_PERSONS}{newsletter_reader.pk}/").json()

    assert "Nora Newsletter" not in oparl_names(client)
    assert person.get("deleted") is True and "name" not in person


def test_oparl_publishes_a_person_whose_consent_covers_publication(client, newsletter_reader):
    newsletter_reader.consent_scope = "Portal und offene Daten"
    newsletter_reader.consent_covers_publication = True
    newsletter_reader.save()

    person = client.get(f"{OPARL_PERSONS}{newsletter_reader.pk}/").json()

    assert "Nora Newsletter" in oparl_names(client)
    assert person["name"] == "Nora Newsletter"
    assert "Newsletter" not in str(person).replace("Nora Newsletter", "")  # the consent's scope stays home


@pytest.fixture
def contact(db):
    return factories.PersonFactory(
        name="Klara Kontakt",
        email="klara.kontakt@example.org",
        phone="07141 555 0199",
        notes="Bevorzugt Rückruf am Vormittag",
        consent_date=datetime.date(2024, 11, 5),
        consent_scope="Einladungen zu Werkstätten",
    )


PRIVATE = ("klara.kontakt@example.org", "07141 555 0199", "Rückruf am Vormittag", "Einladungen zu Werkstätten")


def persons_list(client, **query):
    return client.get(reverse("stakeholders:person-list"), query)


def csv_text(response):
    return b"".join(response.streaming_content).decode("utf-8-sig")


def test_the_committee_reads_persons_without_contact_data_or_consent(client, committee_user, contact):
    contact.phone = "07141 555 0200"
    contact.save()  # a change of a staff-only field in the history
    client.force_login(committee_user)

    pages = [
        persons_list(client).content.decode(),
        csv_text(persons_list(client, format="csv")),
        client.get(reverse("stakeholders:person-detail", args=[contact.pk])).content.decode(),
    ]

    for text in pages:
        assert "Klara Kontakt" in text
        for private in (*PRIVATE, "07141 555 0200", "05.11.2024"):
            assert private not in text, private


def test_the_office_reads_contact_data_and_consent(client, editor_user, contact):
    client.force_login(editor_user)

    detail = client.get(reverse("stakeholders:person-detail", args=[contact.pk])).content.decode()
    rows = list(csv.reader(io.StringIO(csv_text(persons_list(client, format="csv"))), delimiter=";"))

    for private in PRIVATE:
        assert private in detail
    assert "05.11.2024" in rows[1]
