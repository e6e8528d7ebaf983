"""What anonymous visitors may see: every public page, scanned for internal items and personal contact data."""

import pytest

from projects.models import Project
from stakeholders.models import Person
from tests import factories

EMAIL = "allgaier.privat@example.org"
PHONE = "+49 7141 123456"
NOTE = "Nur intern: Rückruf erbeten"


def public_urls(strategy):
    urls = ["/", "/projekte/", "/beteiligung/", "/gremien/", "/finanzen/", "/barrierefreiheit/", "/impressum/",
            "/datenschutz/"]  # fmt: skip
    urls += [f"/ziele/{goal.number}/" for goal in strategy.goals.all()]
    urls += [f"/handlungsfelder/{field.slug}/" for field in strategy.action_fields.all()]
    urls += [f"/projekte/{project.slug}/" for project in strategy.projects.published()]
    return urls


@pytest.fixture
def strategy_with_secrets(seeded):
    """The seed plus contact data, a private person, an internal and an archived project in the same field."""
    Person.objects.filter(name="Dietmar Allgaier").update(email=EMAIL, phone=PHONE, notes=NOTE)
    private = factories.PersonFactory(name="Petra Privat", email="petra@example.org", phone="0711 987654")
    factories.MembershipFactory(body=factories.BodyFactory(name="Beirat Test"), person=private, organisation=None)
    field = seeded.action_fields.get(slug="bildung-fachkraefte")
    common = {"strategy": seeded, "action_field": field, "responsible_person": private}
    Project.objects.create(
        number=20, title="Geheimes internes Projekt", slug="intern-20", visibility=Project.Visibility.INTERNAL, **common
    )
    Project.objects.create(
        number=21, title="Archiviertes Projekt", slug="intern-21", visibility=Project.Visibility.PUBLISHED,
        is_archived=True, **common,
    )  # fmt: skip
    return seeded


def test_every_public_page_answers_anonymous_visitors(client, strategy_with_secrets):
    for url in public_urls(strategy_with_secrets):
        assert client.get(url).status_code == 200, url


def test_no_public_page_shows_contact_data_private_persons_or_internal_projects(client, strategy_with_secrets):
    secrets = [EMAIL, PHONE, NOTE, "petra@example.org", "0711 987654", "Petra Privat", "Geheimes internes Projekt",
               "Archiviertes Projekt"]  # fmt: skip
    for url in public_urls(strategy_with_secrets):
        page = client.get(url).content.decode()
        for secret in secrets:
            assert secret not in page, f"{url} shows {secret!r}"


def test_internal_and_archived_project_pages_are_not_found_for_anonymous(client, strategy_with_secrets):
    assert client.get("/projekte/intern-20/").status_code == 404
    assert client.get("/projekte/intern-21/").status_code == 404


def test_committee_member_sees_the_internal_project_but_never_the_archived_one(
    client, strategy_with_secrets, committee_user
):
    client.force_login(committee_user)

    assert "Geheimes internes Projekt" in client.get("/projekte/").content.decode()
    assert client.get("/projekte/intern-20/").status_code == 200
    assert client.get("/projekte/intern-21/").status_code == 404


def test_every_public_page_is_german_and_has_one_main_heading_and_the_skip_link(client, strategy_with_secrets):
    for url in public_urls(strategy_with_secrets):
        page = client.get(url).content.decode()
        assert '<html lang="de">' in page, url
        assert page.count("<h1") == 1, url
        assert 'href="#main"' in page, url
        assert 'href="/barrierefreiheit/"' in page, url
