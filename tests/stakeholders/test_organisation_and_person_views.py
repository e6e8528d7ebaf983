"""The stakeholders' workspace pages of organisations and persons."""

import pytest
from django.urls import reverse

from stakeholders.models import Organisation, Person
from tests.factories import (
    BodyFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    ProjectFactory,
    ProjectPartnerFactory,
)
from tests.stakeholders.view_helpers import url


def person_data(**overrides):
    data = {
        "name": "Erika Muster",
        "public_function": "",
        "organisation": "",
        "consent_date": "",
        "consent_scope": "",
        "email": "erika.muster@example.org",
        "phone": "07141 000000",
        "notes": "",
    }
    return {**data, **overrides}


# Organisations ----------------------------------------------------------------------------------------------------


def test_editor_creates_an_organisation(client, editor_user):
    client.force_login(editor_user)

    response = client.post(
        url("organisation", "create"),
        {"name": "Industrie- und Handelskammer Region Stuttgart", "short_name": "IHK", "category": "chamber"},
    )

    organisation = Organisation.objects.get(short_name="IHK")
    assert response.status_code == 302
    assert response["Location"] == url("organisation", "detail", organisation.pk)
    assert organisation.history.get().history_user == editor_user


def test_editor_updates_an_organisation(client, editor_user):
    organisation = OrganisationFactory(name="Marabu")
    client.force_login(editor_user)

    response = client.post(
        url("organisation", "update", organisation.pk),
        {"name": "Marabu GmbH & Co. KG", "category": "company", "is_sponsor": "on"},
    )

    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.name == "Marabu GmbH & Co. KG"
    assert organisation.is_sponsor


def test_it_rejects_a_second_organisation_of_the_same_name(client, editor_user):
    OrganisationFactory(name="Porsche")
    client.force_login(editor_user)

    response = client.post(url("organisation", "create"), {"name": "Porsche", "category": "company"})

    assert response.status_code == 200
    assert "name" in response.context["form"].errors
    assert Organisation.objects.count() == 1


def test_organisation_list_searches_name_and_short_name_and_filters(client, committee_user):
    OrganisationFactory(name="Industrie- und Handelskammer", short_name="IHK", category="chamber")
    OrganisationFactory(name="Handwerkskammer", short_name="HWK", category="chamber", is_sponsor=True)
    OrganisationFactory(name="Robert Bosch GmbH", category="company")
    client.force_login(committee_user)

    def names(**query):
        return [o.name for o in client.get(url("organisation", "list"), query).context["object_list"]]

    assert names(search="ihk") == ["Industrie- und Handelskammer"]
    assert names(search="bosch") == ["Robert Bosch GmbH"]
    assert names(category="chamber") == ["Handwerkskammer", "Industrie- und Handelskammer"]
    assert names(is_sponsor="true") == ["Handwerkskammer"]


def test_organisation_page_shows_its_persons_seats_and_projects(client, committee_user):
    organisation = OrganisationFactory(name="Landratsamt Ludwigsburg")
    person = PersonFactory(name="Dietmar Allgaier", organisation=organisation)
    MembershipFactory(body=BodyFactory(name="Sounding Board"), person=None, organisation=organisation)
    ProjectFactory(title="Fachkräfteallianz", lead_organisation=organisation)
    ProjectPartnerFactory(project=ProjectFactory(title="Gründungsnetzwerk"), organisation=organisation, role="Träger")
    client.force_login(committee_user)

    page = client.get(url("organisation", "detail", organisation.pk)).content.decode()

    assert url("person", "detail", person.pk) in page
    assert "Sounding Board" in page
    assert "Fachkräfteallianz" in page
    assert "Gründungsnetzwerk" in page
    assert "Träger" in page


def test_an_archived_organisation_leaves_the_list_and_can_be_restored(client, editor_user):
    organisation = OrganisationFactory(name="Alte Initiative")
    client.force_login(editor_user)

    response = client.post(url("organisation", "archive", organisation.pk))

    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.is_archived
    assert organisation not in client.get(url("organisation", "list")).context["object_list"]
    assert organisation in client.get(url("organisation", "list"), {"archiviert": "1"}).context["object_list"]

    client.post(url("organisation", "archive", organisation.pk))

    organisation.refresh_from_db()
    assert not organisation.is_archived
    assert organisation in client.get(url("organisation", "list")).context["object_list"]


def test_editor_cannot_delete_an_organisation(client, editor_user):
    organisation = OrganisationFactory()
    client.force_login(editor_user)

    assert client.post(url("organisation", "delete", organisation.pk)).status_code == 403
    assert Organisation.objects.filter(pk=organisation.pk).exists()


# Persons ----------------------------------------------------------------------------------------------------------


def test_editor_creates_a_person_of_an_organisation(client, editor_user):
    organisation = OrganisationFactory()
    client.force_login(editor_user)

    form_page = client.get(url("person", "create"), {"organisation": organisation.pk})
    response = client.post(url("person", "create"), person_data(organisation=organisation.pk))

    assert form_page.context["form"].initial["organisation"] == organisation.pk
    assert 'data-searchable="true"' in form_page.content.decode()
    person = Person.objects.get(name="Erika Muster")
    assert response["Location"] == url("person", "detail", person.pk)
    assert person.organisation == organisation
    assert not person.public_figure


def test_editor_updates_a_person(client, editor_user):
    person = PersonFactory(name="Max Muster")
    client.force_login(editor_user)

    response = client.post(
        url("person", "update", person.pk),
        person_data(name="Max Muster", organisation=person.organisation_id, phone="07141 123"),
    )

    assert response.status_code == 302
    person.refresh_from_db()
    assert person.phone == "07141 123"


def test_it_rejects_a_person_marked_public_without_consent_or_public_function(client, editor_user):
    person = PersonFactory(name="Max Muster", email="max@example.org")
    client.force_login(editor_user)

    response = client.post(
        url("person", "update", person.pk),
        person_data(
            name="Max Muster", organisation=person.organisation_id, email="neu@example.org", public_figure="on"
        ),
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["public_figure"]
    person.refresh_from_db()
    assert not person.public_figure
    assert person.email == "max@example.org"
    assert person.history.count() == 1


@pytest.mark.parametrize(
    "grounds",
    [
        {"public_function": "Landrat"},
        {"consent_date": "2025-05-02", "consent_scope": "Website", "consent_covers_publication": "on"},
    ],
)
def test_a_person_may_be_named_publicly_with_a_public_function_or_consent(client, editor_user, grounds):
    client.force_login(editor_user)

    response = client.post(url("person", "create"), person_data(public_figure="on", **grounds))

    assert response.status_code == 302
    assert Person.objects.get(name="Erika Muster").public_figure


def test_committee_member_does_not_see_contact_details_or_notes(client, committee_user, editor_user):
    person = PersonFactory(email="geheim@example.org", phone="0711 999", notes="nur intern")
    person.email = "neu-geheim@example.org"
    person.save()

    client.force_login(committee_user)
    committee_page = client.get(url("person", "detail", person.pk)).content.decode()
    client.force_login(editor_user)
    editor_page = client.get(url("person", "detail", person.pk)).content.decode()

    for private in ("geheim@example.org", "0711 999", "nur intern"):
        assert private not in committee_page
        assert private in editor_page


def test_person_page_lists_the_projects_they_are_responsible_for_after_their_seats(client, committee_user):
    person = PersonFactory(name="Erika Muster")
    MembershipFactory(body=BodyFactory(name="Sounding Board"), person=person)
    project = ProjectFactory(title="Fachkräfteallianz", responsible_person=person)
    client.force_login(committee_user)

    page = client.get(url("person", "detail", person.pk)).content.decode()

    # The projects app's section comes where the page listed the projects before: after the seats, before the history.
    assert reverse("projects:project-detail", args=[project.pk]) in page
    assert page.index("Sounding Board") < page.index("Fachkräfteallianz") < page.index('id="history-heading"')


def test_person_list_filters_by_organisation_and_searches_functions(client, committee_user):
    chamber = OrganisationFactory()
    president = PersonFactory(name="Präsident", public_function="IHK-Präsident", organisation=chamber)
    PersonFactory(name="Jemand anderes")
    client.force_login(committee_user)

    def listed(**query):
        return list(client.get(url("person", "list"), query).context["object_list"])

    assert listed(organisation=chamber.name.upper()) == [president]
    assert listed(search="ihk-präs") == [president]
