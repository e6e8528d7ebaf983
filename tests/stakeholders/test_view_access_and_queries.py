"""The stakeholders' workspace pages (organisations, persons, bodies, meetings, events): who may see and change
them, and their query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

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
from tests.stakeholders.view_helpers import url

LISTS = ["organisation", "person", "body", "meeting", "participationevent"]
FACTORIES = {
    "organisation": OrganisationFactory,
    "person": PersonFactory,
    "body": BodyFactory,
    "meeting": MeetingFactory,
    "participationevent": ParticipationEventFactory,
}


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
