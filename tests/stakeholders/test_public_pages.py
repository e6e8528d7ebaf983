"""The public participation and bodies pages, and the accessibility, imprint and privacy pages."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from stakeholders.models import Body, Membership, Person
from stakeholders.views.public import public_seat
from tests import factories

EVENTS_URL = "/beteiligung/"
BODIES_URL = "/gremien/"
LEGAL_URLS = ["/barrierefreiheit/", "/impressum/", "/datenschutz/"]
PUBLIC_URLS = ["/", "/projekte/", EVENTS_URL, BODIES_URL, "/finanzen/", *LEGAL_URLS]
EMAIL_PATTERN = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def event_articles(html):
    """The timeline entries by title: {"Kick-off-Veranstaltung": "<article …>…</article>", …}."""
    articles = re.findall(r"<article .*?</article>", html, flags=re.S)
    return {re.search(r"<h2[^>]*>(.*?)</h2>", article).group(1): article for article in articles}


def participants(article):
    match = re.search(r'class="event-participants">\s*(.*?)\s*</span>', article, flags=re.S)
    return match.group(1) if match else None


def footer(html):
    return re.search(r"<footer.*?</footer>", html, flags=re.S).group(0)


# Participation --------------------------------------------------------------------------------------------------


def test_participation_page_is_a_page_of_the_projects_app_at_the_same_address():
    # It reads the strategy's phases, topics and findings, so it lives in the app above stakeholders.
    assert reverse("projects:public-events") == EVENTS_URL


def test_participation_page_shows_the_five_seeded_events_in_date_order(client, seeded):
    articles = event_articles(page(client, EVENTS_URL))

    assert list(articles) == [
        "Kick-off-Veranstaltung",
        "Strategiewerkstatt",
        "Unternehmensbefragung",
        "Unternehmensworkshop",
        "Zukunftswerkstatt",
    ]
    assert "01.10.2024" in articles["Kick-off-Veranstaltung"]
    assert "14.01.2025" in articles["Strategiewerkstatt"]
    assert "25.02.2025–16.03.2025" in articles["Unternehmensbefragung"]
    assert "25.03.2025" in articles["Unternehmensworkshop"]
    assert "30.04.2025" in articles["Zukunftswerkstatt"]


def test_participation_page_gives_participant_counts_as_the_paper_does(client, seeded):
    articles = event_articles(page(client, EVENTS_URL))

    assert participants(articles["Kick-off-Veranstaltung"]).startswith("über 60")
    assert participants(articles["Strategiewerkstatt"]).startswith("rund 40")
    assert participants(articles["Unternehmensbefragung"]).startswith("rund 190")
    assert re.match(r"15\b", participants(articles["Unternehmensworkshop"]))
    assert participants(articles["Zukunftswerkstatt"]) is None  # the paper gives no count


def test_participation_page_shows_groups_outcomes_findings_and_phases_of_the_events(client, seeded):
    articles = event_articles(page(client, EVENTS_URL))

    survey = articles["Unternehmensbefragung"]
    assert "Unternehmen in der Transformation, innovative Unternehmen" in survey
    assert "Rund dreiviertel der befragten Unternehmen" in survey  # a finding of the survey
    assert "1. Analyse" in survey
    assert "Online-Befragung" in survey  # the kind, translated
    assert "vertiefte die Ergebnisse der Online-Befragung" in articles["Unternehmensworkshop"]
    assert "3. Projektentwicklung" in articles["Zukunftswerkstatt"]
    assert "kommunale Akteure" in articles["Zukunftswerkstatt"]


def test_participation_page_never_shows_an_archived_event(client, seeded):
    factories.ParticipationEventFactory(title="Abgesagter Workshop", is_archived=True)

    html = page(client, EVENTS_URL)

    assert "Abgesagter Workshop" not in html
    assert len(event_articles(html)) == 5


def test_participation_page_does_not_invent_an_overall_participant_count(client, seeded):
    # "rund 250 Stakeholder" is in the paper's prose but not in the data; a sum of the events would be wrong.
    assert "250" not in page(client, EVENTS_URL)


def test_participation_page_queries_do_not_grow_with_the_events(client, seeded, django_assert_num_queries):
    with CaptureQueriesContext(connection) as five:
        client.get(EVENTS_URL)
    phase = seeded.phases.get(number=3)
    field = seeded.action_fields.first()
    events = factories.ParticipationEventFactory.create_batch(45, participants_count=12)
    phase.participation_events.add(*events)
    field.participation_events.add(*events)
    for event in events:
        factories.FindingFactory(event=event)

    with django_assert_num_queries(len(five)):
        assert len(event_articles(page(client, EVENTS_URL))) == 50


# Bodies ---------------------------------------------------------------------------------------------------------


def test_bodies_page_shows_the_sounding_board_with_its_members_and_functions(client, seeded):
    html = page(client, BODIES_URL)
    sounding_board = html[html.index("Sounding Board</h2>") : html.index("Lenkungskreis</h2>")]

    for text in [
        "Bosch",
        "Porsche",
        "Mann+Hummel",
        "Wüstenrot &amp; Württembergische",
        "IHK-Präsident",
        "Kreishandwerksmeister",
        "Landrat Dietmar Allgaier",
        "Vorsitz",
    ]:
        assert text in sounding_board, text
    for body in ["Lenkungskreis", "Ausschuss für Umwelt und Technik", "Kreistag"]:
        assert f"{body}</h2>" in html or f"{body} (" in html, body


def test_bodies_page_lists_public_meetings_only(client, seeded):
    committee = Body.objects.get(name="Ausschuss für Umwelt und Technik")
    factories.MeetingFactory(
        body=committee, date=datetime.date(2025, 7, 14), title="Nichtöffentliche Sitzung", is_public=False
    )

    html = page(client, BODIES_URL)

    assert "26.05.2025: Öffentliche Sitzung" in html
    assert "Nichtöffentliche Sitzung" not in html
    assert "14.07.2025" not in html


def test_bodies_page_names_only_public_figures_and_shows_no_contact_data(client, seeded):
    Person.objects.filter(name="Dietmar Allgaier").update(
        email="landrat@example.org", phone="07141 111111", notes="Nur intern", consent_scope="Portal"
    )
    private = factories.PersonFactory(
        name="Petra Privat",
        public_function="Referentin",
        organisation=factories.OrganisationFactory(name="Musterfirma GmbH"),
        email="petra.privat@example.org",
        phone="0711 987654",
        notes="Rückruf erbeten",
    )
    factories.MembershipFactory(body=Body.objects.get(name="Sounding Board"), person=private)

    html = page(client, BODIES_URL)

    assert "Dietmar Allgaier" in html
    assert "Musterfirma GmbH" in html  # the organisation's seat, but not the person: neither name nor function
    for secret in [
        "Petra Privat",
        "Referentin",
        "petra.privat@example.org",
        "0711 987654",
        "Rückruf erbeten",
        "landrat@example.org",
        "07141 111111",
        "Nur intern",
    ]:
        assert secret not in html, secret
    assert not EMAIL_PATTERN.search(html)


def test_bodies_page_leaves_out_ended_seats_and_archived_organisations(client, seeded):
    body = Body.objects.get(name="Lenkungskreis")
    factories.MembershipFactory(
        body=body,
        person=None,
        organisation=factories.OrganisationFactory(name="Ehemalige AG"),
        end_date=datetime.date(2020, 12, 31),
    )
    factories.MembershipFactory(
        body=body, person=None, organisation=factories.OrganisationFactory(name="Archivierte eG", is_archived=True)
    )

    html = page(client, BODIES_URL)

    assert "Ehemalige AG" not in html
    assert "Archivierte eG" not in html
    assert "Agentur für Arbeit" in html


def test_a_seat_names_a_person_only_if_they_are_a_public_figure(db):
    organisation = factories.OrganisationFactory(name="Kreishandwerkerschaft Test")
    public = factories.PersonFactory(
        name="Erika Muster", public_function="Kreishandwerksmeisterin", organisation=organisation, public_figure=True
    )
    private = factories.PersonFactory(name="Max Muster", public_function="Referent", organisation=organisation)

    named = public_seat(factories.MembershipFactory(person=public, role=Membership.Role.CHAIR))
    unnamed = public_seat(factories.MembershipFactory(person=private, function="Beisitz"))

    assert named.represented_by == "Kreishandwerksmeisterin Erika Muster"
    assert named.organisation == "Kreishandwerkerschaft Test"
    assert unnamed.represented_by == "Beisitz"  # the seat's own function, not the person's
    assert "Max Muster" not in str(unnamed) and "Referent" not in str(unnamed)


@pytest.mark.parametrize("covers_publication, named", [(False, False), (True, True)])
def test_a_consent_names_a_person_only_where_it_covers_publication(db, covers_publication, named):
    person = factories.PersonFactory(
        name="Nora Newsletter",
        consent_date=datetime.date(2025, 3, 1),
        consent_scope="Newsletter",
        consent_covers_publication=covers_publication,
    )

    seat = public_seat(factories.MembershipFactory(person=person))

    assert ("Nora Newsletter" in seat.represented_by) is named


def test_bodies_page_queries_do_not_grow_with_the_memberships(client, db, django_assert_num_queries):
    body = factories.BodyFactory()
    factories.MeetingFactory(body=body)
    add_memberships(body, 5)
    with CaptureQueriesContext(connection) as five:
        client.get(BODIES_URL)
    for _ in range(3):
        other = factories.BodyFactory()
        factories.MeetingFactory.create_batch(3, body=other)
        add_memberships(other, 15)

    with django_assert_num_queries(len(five)):
        assert page(client, BODIES_URL).count('<th scope="row">') == 50


def add_memberships(body, count):
    """Seats of every shape: a person with their organisation, an organisation alone, a public figure."""
    for number in range(count):
        if number % 3 == 0:
            factories.MembershipFactory(body=body, person=None, organisation=factories.OrganisationFactory())
        else:
            factories.MembershipFactory(body=body, person__public_figure=number % 3 == 1, person__public_function="X")


# Accessibility statement, imprint, privacy notice -----------------------------------------------------------------


@pytest.mark.parametrize("url", LEGAL_URLS)
def test_legal_pages_answer_with_one_heading_and_no_invented_contact_data(client, db, url):
    html = page(client, url)

    assert html.count("<h1") == 1
    assert "Landratsamt Ludwigsburg" in html
    assert "eintragen]" in html  # the placeholders an editor fills in
    assert not EMAIL_PATTERN.search(html)
    assert not re.search(r"\b0\d{2,5}[ /-]?\d{4,}", html)  # no phone number


def test_accessibility_statement_is_honest_about_its_state_and_names_the_feedback_and_conciliation(client, db):
    html = page(client, "/barrierefreiheit/")

    assert "teilweise vereinbar" in html
    assert "[Kontaktadresse der Kreiswirtschaftsförderung eintragen]" in html
    assert "Schlichtungsstelle nach dem Landes-Behindertengleichstellungsgesetz Baden-Württemberg" in html


def test_privacy_notice_names_the_rights_and_the_only_cookies(client, db):
    html = page(client, "/datenschutz/")

    for article in range(15, 22):
        assert f"Artikel&nbsp;{article}" in html, article
    assert "sessionid" in html and "csrftoken" in html
    assert "Datenschutzbeauftragten eintragen]" in html


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_every_public_page_links_the_legal_pages_in_its_footer(client, seeded, url):
    links = footer(page(client, url))

    for legal in LEGAL_URLS:
        assert f'href="{legal}"' in links, legal


@pytest.mark.parametrize("url", [EVENTS_URL, BODIES_URL, *LEGAL_URLS])
def test_reading_a_public_page_sets_no_cookie(client, seeded, url):
    # The privacy notice promises this.
    assert not client.get(url).cookies
