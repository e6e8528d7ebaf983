"""The strategy document by audience: administrators download it with the persons' personal data (recorded in the
admin log), the committee and staff without it; importing the document without personal data leaves the persons'
contact data, notes and consent as they are."""

import datetime
import io
import json

import pytest
from django.contrib.admin.models import LogEntry
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from accounts import roles
from exchange.document import DocumentError, export_document, import_document
from projects.models import Strategy
from stakeholders.models import Body, Person
from strategy_portal.publication import PERSONAL_FIELDS, Audience
from tests import factories

DOCUMENT_URL = reverse("exchange:strategy-document")
EXPORTS_URL = reverse("reports:exports")
EMAIL = "erika.geheim@example.org"
PHONE = "07141 987654321"
NOTES = "Nur für die Geschäftsstelle: ruft nie vor 10 Uhr zurück"
CONSENT_SCOPE = "Newsletter der Wirtschaftsförderung"
CONSENT_DATE = datetime.date(2025, 3, 17)
DISTINCTIVE = (EMAIL, PHONE, NOTES, CONSENT_SCOPE, CONSENT_DATE.isoformat())
REFUSED = "personal data in a document without personal data (“personal_data”: false)"


@pytest.fixture
def person(seeded):
    """A person with distinctive contact data, notes and consent, seated in a body and responsible for a project."""
    person = factories.PersonFactory(
        name="Erika Geheim",
        public_function="Geschäftsführerin",
        email=EMAIL,
        phone=PHONE,
        notes=NOTES,
        consent_date=CONSENT_DATE,
        consent_scope=CONSENT_SCOPE,
    )
    factories.MembershipFactory(person=person, body=Body.objects.get(name="Lenkungskreis"))
    seeded.projects.filter(number=1).update(responsible_person=person)
    return person


def personal_values(person):
    return Person.objects.filter(pk=person.pk).values(*PERSONAL_FIELDS).get()


def download(client, user):
    client.force_login(user)
    response = client.get(DOCUMENT_URL)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("role_fixture", ["committee_user", "editor_user"])
def test_the_committee_and_staff_download_the_document_without_personal_data(client, request, role_fixture, person):
    text = download(client, request.getfixturevalue(role_fixture))

    for value in DISTINCTIVE:
        assert value not in text
    document = json.loads(text)
    assert document["personal_data"] is False
    (entry,) = [entry for entry in document["persons"] if entry["name"] == person.name]
    assert entry == {
        "name": "Erika Geheim",
        "public_function": "Geschäftsführerin",
        "public_figure": False,
        "organisation": person.organisation.name,
    }
    assert not LogEntry.objects.exists()


def test_an_administrator_downloads_the_document_with_personal_data_and_it_is_logged(client, admin_user_role, person):
    text = download(client, admin_user_role)

    for value in DISTINCTIVE:
        assert value in text
    document = json.loads(text)
    assert "personal_data" not in document
    assert document == export_document(Strategy.objects.get(), audience=Audience.ADMIN)
    entry = LogEntry.objects.get()
    assert entry.user == admin_user_role
    assert entry.get_edited_object() == Strategy.objects.get()
    assert entry.change_message == "Strategy document with personal data downloaded"
    assert timezone.now() - entry.action_time < datetime.timedelta(minutes=1)


def test_each_download_with_personal_data_shows_in_the_strategys_admin_history(client, seeded, user_for_role):
    administrator = user_for_role(roles.ADMIN, is_staff=True, username="verwalterin")
    client.force_login(administrator)
    client.get(DOCUMENT_URL)
    client.get(DOCUMENT_URL)

    page = client.get(reverse("admin:projects_strategy_history", args=[seeded.pk])).content.decode()

    assert page.count("Strategy document with personal data downloaded") == 2
    assert "verwalterin" in page


def test_the_exports_page_tells_the_committee_it_gets_the_document_without_personal_data(
    client, committee_user, seeded
):
    client.force_login(committee_user)

    page = client.get(EXPORTS_URL).content.decode()

    assert (
        gettext(
            "Without personal data: the persons with name, function and organisation, but no contact data, notes or "
            "consent."
        )
        in page
    )
    assert gettext("With personal data: the persons’ contact data, notes and consent.") not in page
    assert reverse("admin:projects_strategy_history", args=[seeded.pk]) not in page


def test_the_exports_page_tells_the_administrator_the_download_has_personal_data_and_is_logged(
    client, admin_user_role, seeded
):
    client.force_login(admin_user_role)

    page = client.get(EXPORTS_URL).content.decode()

    assert gettext("With personal data: the persons’ contact data, notes and consent.") in page
    assert f'href="{reverse("admin:projects_strategy_history", args=[seeded.pk])}"' in page
    assert not LogEntry.objects.exists()  # the page itself is no download


def test_the_export_command_writes_the_personal_data(person, tmp_path):
    target = tmp_path / "export.json"

    call_command("export_strategy", "--output", str(target))

    text = target.read_text(encoding="utf-8")
    for value in DISTINCTIVE:
        assert value in text
    assert "personal_data" not in json.loads(text)


# Importing the document without personal data -----------------------------------------------------------------------


def import_file(tmp_path, document):
    path = tmp_path / "strategy.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    call_command("import_strategy", str(path), stdout=io.StringIO())


def test_importing_the_committee_document_changes_nothing(person):
    document = export_document(Strategy.objects.get(), audience=Audience.COMMITTEE)
    full = export_document(Strategy.objects.get(), audience=Audience.ADMIN)

    result = import_document(document)

    assert result.changed == 0
    assert export_document(Strategy.objects.get(), audience=Audience.ADMIN) == full


def test_importing_the_committee_document_keeps_the_persons_contact_data_as_the_portal_has_it(person, tmp_path):
    document = export_document(Strategy.objects.get(), audience=Audience.COMMITTEE)
    Person.objects.filter(pk=person.pk).update(email="neu@example.org", phone="0711 1")  # edited since the download
    entry = next(entry for entry in document["persons"] if entry["name"] == person.name)
    entry["public_function"] = "Prokuristin"
    before = personal_values(person)

    import_file(tmp_path, document)

    person.refresh_from_db()
    assert person.public_function == "Prokuristin"
    assert personal_values(person) == before
    assert (person.email, person.phone, person.notes) == ("neu@example.org", "0711 1", NOTES)


@pytest.mark.parametrize("field", PERSONAL_FIELDS)
def test_a_document_without_personal_data_that_holds_some_is_refused_with_the_path(person, tmp_path, field):
    document = export_document(Strategy.objects.get(), audience=Audience.COMMITTEE)
    index = next(i for i, entry in enumerate(document["persons"]) if entry["name"] == person.name)
    full = export_document(Strategy.objects.get(), audience=Audience.ADMIN)
    document["persons"][index][field] = full["persons"][index][field]
    document["persons"][index]["public_function"] = "Darf nicht gespeichert werden"
    before = personal_values(person)

    with pytest.raises(CommandError) as error:
        import_file(tmp_path, document)

    assert f"persons[{index}].{field}: {gettext(REFUSED)}" in str(error.value)
    person.refresh_from_db()
    assert person.public_function == "Geschäftsführerin"
    assert personal_values(person) == before


def test_the_personal_data_marker_must_be_true_or_false(seeded):
    document = export_document(seeded, audience=Audience.COMMITTEE)
    document["personal_data"] = "nein"

    with pytest.raises(DocumentError) as error:
        import_document(document)

    assert error.value.path == "personal_data"


@pytest.mark.django_db(transaction=True)  # flush empties the tables, which PostgreSQL refuses inside a transaction
def test_the_committee_document_imports_into_an_empty_database_and_exports_the_same(person, tmp_path):
    document = export_document(Strategy.objects.get(), audience=Audience.COMMITTEE)
    call_command("flush", "--no-input", verbosity=0)

    import_file(tmp_path, document)

    assert export_document(Strategy.objects.get(), audience=Audience.COMMITTEE) == document
    assert personal_values(Person.objects.get(name=person.name)) == {
        "email": "",
        "phone": "",
        "notes": "",
        "consent_date": None,
        "consent_scope": "",
        "consent_covers_publication": False,
    }
