"""The stakeholders' workspace pages: organisations, persons, bodies with members and meetings, events."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from stakeholders.models import Body, Meeting, Membership, Organisation, ParticipationEvent, Person
from tests.factories import (
    ActionFieldFactory,
    BodyFactory,
    FindingFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    ParticipationEventFactory,
    PersonFactory,
    PhaseFactory,
    ProjectFactory,
    ProjectPartnerFactory,
)

LISTS = ["organisation", "person", "body", "meeting", "participationevent"]
FACTORIES = {
    "organisation": OrganisationFactory,
    "person": PersonFactory,
    "body": BodyFactory,
    "meeting": MeetingFactory,
    "participationevent": ParticipationEventFactory,
}


def url(model_name, action, *args):
    return reverse(f"stakeholders:{model_name}-{action}", args=args)


def formset(prefix, rows, initial=0):
    data = {
        f"{prefix}-TOTAL_FORMS": len(rows),
        f"{prefix}-INITIAL_FORMS": initial,
        f"{prefix}-MIN_NUM_FORMS": 0,
        f"{prefix}-MAX_NUM_FORMS": 1000,
    }
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{key}": value for key, value in row.items()})
    return data


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


def event_data(**overrides):
    data = {
        "kind": ParticipationEvent.Kind.ONLINE_SURVEY,
        "title": "Online-Unternehmensbefragung",
        "slug": "",
        "start_date": "2025-02-25",
        "end_date": "2025-03-16",
        "participants_count": "190",
        "participants_qualifier": "about",
        "participant_groups": "",
        "description": "",
        "outcomes": "",
    }
    return {**data, **overrides}


# Who may see and change -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("model_name", LISTS)
def test_anonymous_visitor_is_sent_to_the_login_page(client, db, model_name):
    obj = FACTORIES[model_name]()

    for target in (url(model_name, "list"), url(model_name, "detail", obj.pk), url(model_name, "create")):
        response = client.get(target)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("model_name", LISTS)
def test_committee_member_reads_list_and_detail_but_cannot_write(client, committee_user, model_name):
    obj = FACTORIES[model_name]()
    client.force_login(committee_user)

    assert client.get(url(model_name, "list")).status_code == 200
    assert client.get(url(model_name, "detail", obj.pk)).status_code == 200
    assert client.get(url(model_name, "create")).status_code == 403
    assert client.get(url(model_name, "update", obj.pk)).status_code == 403
    assert client.post(url(model_name, "create"), {}).status_code == 403
    assert client.post(url(model_name, "update", obj.pk), {}).status_code == 403


def test_committee_member_cannot_archive_an_organisation(client, committee_user):
    organisation = OrganisationFactory()
    client.force_login(committee_user)

    assert client.post(url("organisation", "archive", organisation.pk)).status_code == 403
    organisation.refresh_from_db()
    assert not organisation.is_archived


def test_project_lead_cannot_see_stakeholders(client, project_lead_user):
    person = PersonFactory()
    client.force_login(project_lead_user)

    assert client.get(url("person", "list")).status_code == 403
    assert client.get(url("person", "detail", person.pk)).status_code == 403


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
    "grounds", [{"public_function": "Landrat"}, {"consent_date": "2025-05-02", "consent_scope": "Website"}]
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


# Bodies and meetings ----------------------------------------------------------------------------------------------


def test_editor_creates_a_body_with_members_and_meetings(client, editor_user):
    person = PersonFactory()
    organisation = OrganisationFactory()
    client.force_login(editor_user)

    response = client.post(
        url("body", "create"),
        {
            "name": "Sounding Board",
            "kind": Body.Kind.ADVISORY_BOARD,
            **formset(
                "membership",
                [
                    {"person": person.pk, "role": "chair", "function": "Landrat"},
                    {"organisation": organisation.pk, "role": "member"},
                ],
            ),
            **formset("meeting", [{"date": "2025-03-12", "title": "2. Sitzung", "is_public": ""}]),
        },
    )

    body = Body.objects.get(name="Sounding Board")
    assert response["Location"] == url("body", "detail", body.pk)
    assert {(m.person, m.organisation, m.role) for m in body.memberships.all()} == {
        (person, None, "chair"),
        (None, organisation, "member"),
    }
    meeting = body.meetings.get()
    assert meeting.date == datetime.date(2025, 3, 12)
    assert not meeting.is_public


def test_editor_updates_a_body_and_removes_a_member(client, editor_user):
    membership = MembershipFactory(function="alt")
    leaving = MembershipFactory(body=membership.body)
    body = membership.body
    client.force_login(editor_user)

    response = client.post(
        url("body", "update", body.pk),
        {
            "name": body.name,
            "kind": body.kind,
            **formset(
                "membership",
                [
                    {"id": membership.pk, "person": membership.person_id, "role": "deputy", "function": "neu"},
                    {"id": leaving.pk, "person": leaving.person_id, "role": "member", "DELETE": "on"},
                ],
                initial=2,
            ),
            **formset("meeting", []),
        },
    )

    assert response.status_code == 302
    assert list(body.memberships.values_list("pk", "role", "function")) == [(membership.pk, "deputy", "neu")]


def test_it_rejects_a_membership_ending_before_it_starts_and_saves_nothing(client, editor_user):
    body = BodyFactory(name="Lenkungskreis")
    person = PersonFactory()
    client.force_login(editor_user)

    response = client.post(
        url("body", "update", body.pk),
        {
            "name": "Lenkungskreis (neu)",
            "kind": body.kind,
            **formset(
                "membership",
                [{"person": person.pk, "role": "member", "start_date": "2025-05-01", "end_date": "2025-04-30"}],
            ),
            **formset("meeting", []),
        },
    )

    assert response.status_code == 200
    membership_form = response.context["formsets"][0].forms[0]
    assert "end_date" in membership_form.errors
    assert "Das Ende darf nicht vor dem Beginn liegen." in membership_form.errors["end_date"]
    body.refresh_from_db()
    assert body.name == "Lenkungskreis"
    assert not Membership.objects.exists()


def test_it_rejects_a_membership_without_person_or_organisation(client, editor_user):
    client.force_login(editor_user)

    response = client.post(
        url("body", "create"),
        {
            "name": "Gremium ohne Mitglied",
            "kind": Body.Kind.STEERING_COMMITTEE,
            **formset("membership", [{"role": "member", "function": "Vorsitz"}]),
            **formset("meeting", []),
        },
    )

    assert response.status_code == 200
    assert response.context["formsets"][0].forms[0].non_field_errors()
    assert not Body.objects.exists()


def test_editor_creates_and_updates_a_meeting(client, editor_user):
    body = BodyFactory()
    client.force_login(editor_user)

    created = client.post(url("meeting", "create"), {"body": body.pk, "date": "2025-05-26", "is_public": "on"})
    meeting = Meeting.objects.get(body=body)
    updated = client.post(
        url("meeting", "update", meeting.pk), {"body": body.pk, "date": "2025-05-26", "location": "Ludwigsburg"}
    )

    assert created["Location"] == url("meeting", "detail", meeting.pk)
    assert updated.status_code == 302
    meeting.refresh_from_db()
    assert meeting.location == "Ludwigsburg"
    assert not meeting.is_public


def test_it_rejects_a_second_meeting_of_a_body_on_the_same_day(client, editor_user):
    meeting = MeetingFactory(date=datetime.date(2025, 5, 26))
    client.force_login(editor_user)

    response = client.post(url("meeting", "create"), {"body": meeting.body_id, "date": "2025-05-26"})

    assert response.status_code == 200
    assert response.context["form"].errors
    assert Meeting.objects.count() == 1


def test_meeting_create_page_starts_with_the_body_it_was_opened_from(client, editor_user):
    body = BodyFactory()
    client.force_login(editor_user)

    response = client.get(url("meeting", "create"), {"body": body.pk})

    assert response.context["form"].initial["body"] == body.pk


# Participation events ---------------------------------------------------------------------------------------------


def test_editor_creates_a_participation_event_with_a_slug_from_its_title(client, editor_user):
    client.force_login(editor_user)

    response = client.post(url("participationevent", "create"), event_data())

    event = ParticipationEvent.objects.get()
    assert response["Location"] == url("participationevent", "detail", event.pk)
    assert event.slug == "online-unternehmensbefragung"
    assert event.participants_label == "rund 190"


def test_editor_updates_a_participation_event(client, editor_user):
    event = ParticipationEventFactory()
    client.force_login(editor_user)

    response = client.post(
        url("participationevent", "update", event.pk), event_data(slug=event.slug, outcomes="Viele Ideen")
    )

    assert response.status_code == 302
    event.refresh_from_db()
    assert event.outcomes == "Viele Ideen"


def test_it_rejects_an_event_ending_before_it_starts_and_changes_nothing(client, editor_user):
    event = ParticipationEventFactory(title="Befragung", start_date=datetime.date(2025, 2, 25))
    client.force_login(editor_user)

    response = client.post(
        url("participationevent", "update", event.pk),
        event_data(title="Befragung (neu)", slug=event.slug, end_date="2025-02-24"),
    )

    assert response.status_code == 200
    assert response.context["form"].errors["end_date"] == ["Das Ende darf nicht vor dem Beginn liegen."]
    assert not response.context["form"].non_field_errors()
    event.refresh_from_db()
    assert event.title == "Befragung"
    assert event.end_date is None


def test_participation_event_list_filters_by_kind_and_hides_archived_events(client, committee_user):
    survey = ParticipationEventFactory(kind=ParticipationEvent.Kind.ONLINE_SURVEY)
    ParticipationEventFactory(kind=ParticipationEvent.Kind.KICK_OFF)
    ParticipationEventFactory(kind=ParticipationEvent.Kind.ONLINE_SURVEY, is_archived=True)
    client.force_login(committee_user)

    response = client.get(url("participationevent", "list"), {"kind": "online_survey"})

    assert list(response.context["object_list"]) == [survey]


def test_participation_event_page_shows_the_count_as_the_paper_gives_it(client, committee_user):
    event = ParticipationEventFactory(participants_count=60, participants_qualifier="more_than")
    FindingFactory(event=event, statement="Rund drei Viertel sehen sich betroffen")
    client.force_login(committee_user)

    page = client.get(url("participationevent", "detail", event.pk)).content.decode()

    assert "über 60" in page
    assert "Rund drei Viertel sehen sich betroffen" in page


def test_participation_event_page_shows_its_phases_and_topics_in_the_strategy(client, committee_user):
    event = ParticipationEventFactory()
    event.phases.add(PhaseFactory(title="Analyse"))
    event.action_fields.add(ActionFieldFactory(title="Fachkräfte sichern"))
    client.force_login(committee_user)

    page = client.get(url("participationevent", "detail", event.pk)).content.decode()

    assert "Analyse" in page
    assert "Fachkräfte sichern" in page


def test_an_archived_event_leaves_the_list_and_can_be_restored(client, editor_user):
    event = ParticipationEventFactory()
    client.force_login(editor_user)

    client.post(url("participationevent", "archive", event.pk))
    assert event not in client.get(url("participationevent", "list")).context["object_list"]

    client.post(url("participationevent", "archive", event.pk))
    assert event in client.get(url("participationevent", "list")).context["object_list"]


# Queries do not grow with rows ------------------------------------------------------------------------------------


def add_list_rows(model_name, count):
    if model_name == "person":
        PersonFactory.create_batch(count)  # each in its own organisation
    elif model_name == "meeting":
        MeetingFactory.create_batch(count)  # each of its own body
    else:
        FACTORIES[model_name].create_batch(count)


@pytest.mark.parametrize("model_name", LISTS)
def test_list_queries_do_not_grow_with_rows(client, committee_user, django_assert_num_queries, model_name):
    client.force_login(committee_user)
    add_list_rows(model_name, 1)
    with CaptureQueriesContext(connection) as one:
        client.get(url(model_name, "list"))
    add_list_rows(model_name, 10)

    with django_assert_num_queries(len(one)):
        assert client.get(url(model_name, "list")).status_code == 200


def organisation_rows(organisation):
    person = PersonFactory(organisation=organisation)
    MembershipFactory(person=person, organisation=organisation)
    ProjectFactory(lead_organisation=organisation)
    ProjectPartnerFactory(organisation=organisation)


def person_rows(person):
    MembershipFactory(person=person, organisation=OrganisationFactory())
    ProjectFactory(responsible_person=person)


def body_rows(body):
    MembershipFactory(body=body, organisation=OrganisationFactory())
    MeetingFactory(body=body)


def event_rows(event):
    FindingFactory(event=event)
    event.phases.add(PhaseFactory())
    event.action_fields.add(ActionFieldFactory())


DETAIL_ROWS = {
    "organisation": organisation_rows,
    "person": person_rows,
    "body": body_rows,
    "participationevent": event_rows,
    "meeting": lambda meeting: None,
}


@pytest.mark.parametrize("model_name", LISTS)
def test_detail_queries_do_not_grow_with_related_rows(client, editor_user, django_assert_num_queries, model_name):
    obj = FACTORIES[model_name]()
    add_rows = DETAIL_ROWS[model_name]
    client.force_login(editor_user)
    add_rows(obj)
    with CaptureQueriesContext(connection) as one:
        client.get(url(model_name, "detail", obj.pk))
    for _ in range(5):
        add_rows(obj)

    with django_assert_num_queries(len(one)):
        assert client.get(url(model_name, "detail", obj.pk)).status_code == 200


def test_body_form_reads_the_choice_lists_once_however_many_members(client, editor_user, django_assert_num_queries):
    body = BodyFactory()
    MembershipFactory(body=body)
    client.force_login(editor_user)
    with CaptureQueriesContext(connection) as one:
        client.get(url("body", "update", body.pk))
    MembershipFactory.create_batch(8, body=body)

    with django_assert_num_queries(len(one)):
        assert client.get(url("body", "update", body.pk)).status_code == 200
