"""Personal data on request (DSGVO): an administrator exports or erases everything stored about a person."""

import datetime
import json

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from stakeholders.models import Person
from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory, ProjectFactory


def export_url(person):
    return reverse("stakeholders:person-export", args=[person.pk])


def erase_url(person):
    return reverse("stakeholders:person-erase", args=[person.pk])


@pytest.fixture
def person(db):
    """A person with a seat in a body, a project and two versions in the history."""
    person = PersonFactory(
        name="Erika Muster",
        public_function="IHK-Präsidentin",
        organisation=OrganisationFactory(name="IHK Region Stuttgart"),
        email="erika.muster@example.org",
        phone="0711 2005-0",
        notes="bevorzugt Termine vormittags",
        public_figure=True,
        consent_date=datetime.date(2025, 1, 14),
        consent_scope="Nennung auf der Website",
    )
    person.phone = "0711 2005-1"
    person.save()
    MembershipFactory(person=person, body__name="Sounding Board", function="IHK-Präsidentin")
    ProjectFactory(title="Fachkräfteallianz", responsible_person=person)
    return person


def log_messages(person):
    entries = LogEntry.objects.filter(object_id=str(person.pk)).order_by("action_time", "pk")
    return list(entries.values_list("change_message", flat=True))


# Export -----------------------------------------------------------------------------------------------------------


def test_administrator_downloads_everything_stored_about_a_person_as_json(client, admin_user_role, person):
    client.force_login(admin_user_role)

    response = client.get(export_url(person))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == f'attachment; filename="person-{person.pk}.json"'
    data = json.loads(response.content)
    assert data["person"]["name"] == "Erika Muster"
    assert data["person"]["email"] == "erika.muster@example.org"
    assert data["person"]["consent_date"] == "2025-01-14"
    assert data["person"]["notes"] == "bevorzugt Termine vormittags"
    assert data["organisation"]["name"] == "IHK Region Stuttgart"
    assert [m["body"] for m in data["memberships"]] == ["Sounding Board"]
    assert [p["title"] for p in data["responsible_projects"]] == ["Fachkräfteallianz"]


def test_the_export_holds_the_full_history_of_the_person(client, admin_user_role, person):
    client.force_login(admin_user_role)

    history = json.loads(client.get(export_url(person)).content)["history"]

    assert [row["type"] for row in history] == ["created", "changed"]
    assert [row["fields"]["phone"] for row in history] == ["0711 2005-0", "0711 2005-1"]
    assert all(row["date"] and row["fields"]["id"] == person.pk for row in history)
    assert {"user", "history_id", "change_reason"} <= set(history[0])


def test_each_export_is_recorded_with_who_and_when(client, admin_user_role, person):
    client.force_login(admin_user_role)

    client.get(export_url(person))

    entry = LogEntry.objects.get(object_id=str(person.pk))
    assert entry.user == admin_user_role
    assert entry.change_message == "Personal data exported"
    assert entry.content_type.model_class() is Person
    assert entry.action_time is not None


@pytest.mark.parametrize("role_fixture", ["editor_user", "committee_user", "project_lead_user"])
def test_only_an_administrator_may_export_personal_data(client, request, person, role_fixture):
    client.force_login(request.getfixturevalue(role_fixture))

    assert client.get(export_url(person)).status_code == 403
    assert not LogEntry.objects.exists()


def test_anonymous_visitor_cannot_export_personal_data(client, person):
    response = client.get(export_url(person))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_only_an_administrator_sees_the_personal_data_buttons(client, admin_user_role, editor_user, person):
    client.force_login(editor_user)
    editor_page = client.get(reverse("stakeholders:person-detail", args=[person.pk])).content.decode()
    client.force_login(admin_user_role)
    admin_page = client.get(reverse("stakeholders:person-detail", args=[person.pk])).content.decode()

    assert export_url(person) not in editor_page
    assert erase_url(person) not in editor_page
    assert export_url(person) in admin_page
    assert erase_url(person) in admin_page


# Erase ------------------------------------------------------------------------------------------------------------


def test_erasing_asks_for_confirmation_first(client, admin_user_role, person):
    client.force_login(admin_user_role)

    response = client.get(erase_url(person))

    assert response.status_code == 200
    assert 'method="post"' in response.content.decode()
    person.refresh_from_db()
    assert person.name == "Erika Muster"


def test_erasing_page_says_that_the_seat_and_the_project_link_stay(client, admin_user_role, person):
    client.force_login(admin_user_role)

    page = client.get(erase_url(person)).content.decode()

    # The sentence on projects comes from the projects app (projects/personal_data.py).
    assert "1 Sitz in einem Gremium bleibt erhalten" in page
    assert "Die Verknüpfung mit 1 Projekt bleibt erhalten." in page


def test_erasing_anonymises_the_person_and_every_history_row(client, admin_user_role, person):
    client.force_login(admin_user_role)

    response = client.post(erase_url(person))

    assert response.status_code == 302
    assert response["Location"] == reverse("stakeholders:person-detail", args=[person.pk])
    person.refresh_from_db()
    anonymised = f"Anonymisierte Person #{person.pk}"
    assert person.name == anonymised
    assert (person.email, person.phone, person.notes, person.public_function, person.consent_scope) == ("",) * 5
    assert person.consent_date is None
    assert not person.public_figure
    rows = Person.history.filter(id=person.pk)
    assert rows.count() == 3  # created, changed, erased
    for row in rows:
        assert row.name == anonymised
        assert (row.email, row.phone, row.notes, row.public_function, row.consent_scope) == ("",) * 5
        assert row.consent_date is None
        assert not row.public_figure


def test_erasing_keeps_memberships_and_project_links_to_the_anonymised_person(client, admin_user_role, person):
    membership = person.memberships.get()
    project = person.responsible_projects.get()
    client.force_login(admin_user_role)

    client.post(erase_url(person))

    membership.refresh_from_db()
    project.refresh_from_db()
    assert membership.person_id == person.pk
    assert membership.function == "IHK-Präsidentin"  # the seat's function belongs to the body, not the person
    assert project.responsible_person_id == person.pk
    assert str(membership.person).startswith("Anonymisierte Person #")


def test_erasing_is_logged_and_earlier_log_entries_lose_the_name(client, admin_user_role, person):
    client.force_login(admin_user_role)
    client.get(export_url(person))

    client.post(erase_url(person))

    assert log_messages(person) == ["Personal data exported", "Personal data erased"]
    reprs = set(LogEntry.objects.filter(object_id=str(person.pk)).values_list("object_repr", flat=True))
    assert reprs == {f"Anonymisierte Person #{person.pk}"}


@pytest.mark.parametrize("role_fixture", ["editor_user", "committee_user"])
def test_only_an_administrator_may_erase_a_person(client, request, person, role_fixture):
    client.force_login(request.getfixturevalue(role_fixture))

    assert client.get(erase_url(person)).status_code == 403
    assert client.post(erase_url(person)).status_code == 403
    person.refresh_from_db()
    assert person.name == "Erika Muster"
    assert Person.history.filter(id=person.pk, name="Erika Muster").count() == 2
    assert not LogEntry.objects.exists()
