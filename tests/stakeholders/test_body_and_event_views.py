"""The stakeholders' workspace pages of bodies with their members and meetings, and of participation events."""

import datetime

from stakeholders.models import Body, Meeting, Membership, ParticipationEvent
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
)
from tests.stakeholders.view_helpers import url


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
