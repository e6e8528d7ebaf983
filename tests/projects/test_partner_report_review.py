"""Partner reporting, the office's side: the office publishes submitted reports or returns them with a comment.
Only a published report is the project's state, on public pages, the workspace home and in the strategy document too."""

import datetime
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from exchange.document import export_document, import_document
from projects.models import MilestoneUpdate, StatusReport
from projects.services import publish_report, return_report
from strategy_portal.publication import Audience
from tests import factories
from tests.projects import partner_helpers
from tests.projects.partner_helpers import PUBLISHED, RETURNED, REVIEW_LIST, SUBMITTED, latest, review, submitted

# Fixtures of partner_helpers.py, named here for pytest to find; conftest.py says why they are not in it.
editor = partner_helpers.editor
lead = partner_helpers.lead
milestone = partner_helpers.milestone
mine = partner_helpers.mine
other = partner_helpers.other
strategy = partner_helpers.strategy

# Reviewing ----------------------------------------------------------------------------------------------------------


def test_the_review_list_shows_submitted_reports_oldest_first(client, editor, lead, mine, other):
    first = submitted(mine, lead, reported_on=datetime.date(2026, 10, 1), traffic_light="red")
    second = submitted(other, editor, reported_on=datetime.date(2026, 9, 1))
    factories.StatusReportFactory(project=mine, reported_on=datetime.date(2026, 8, 1))  # published: not listed
    client.force_login(editor)

    response = client.get(REVIEW_LIST)

    assert list(response.context["reports"]) == [first, second]
    page = response.content.decode()
    assert "2 Sachstandsberichte warten auf Prüfung." in page
    row = re.search(r"<tr>\s*<th scope=\"row\">Projekt \d+: Fachkräftenetzwerk.*?</tr>", page, re.S).group(0)
    assert "Petra Partner" in row
    assert "01.10.2026" in row
    assert ">rot</span>" in row


def test_the_review_page_shows_the_report_with_its_milestones_and_both_decisions(client, editor, lead, mine, milestone):
    report = submitted(mine, lead, achieved="Auftaktveranstaltung")
    MilestoneUpdate.objects.create(status_report=report, milestone=milestone, done_on=datetime.date(2026, 11, 2))
    client.force_login(editor)

    page = client.get(reverse("projects:statusreport-review", args=[report.pk])).content.decode()

    assert "Auftaktveranstaltung" in page
    assert "Netzwerk gegründet" in page
    assert "02.11.2026" in page
    assert ">Veröffentlichen</button>" in page
    assert ">Zurückgeben</button>" in page
    assert '<textarea name="comment"' in page


def test_publishing_makes_the_report_the_projects_state(client, editor, lead, mine):
    report = submitted(mine, lead, traffic_light="red", progress=70)
    client.force_login(editor)

    response = review(client, report, decision="publish")

    assert response["Location"] == REVIEW_LIST
    report.refresh_from_db()
    assert report.state == PUBLISHED
    assert report.reviewed_by == editor
    assert report.reviewed_at is not None
    assert latest(mine).latest_progress == 70
    assert "wurde veröffentlicht" in client.get(REVIEW_LIST).content.decode()


def test_returning_needs_a_comment_and_mails_it_to_the_author(
    client, editor, lead, mine, settings, django_capture_on_commit_callbacks
):
    settings.PORTAL_URL = "https://portal.example.org"
    report = submitted(mine, lead, reported_on=datetime.date(2026, 11, 20))
    client.force_login(editor)

    with django_capture_on_commit_callbacks(execute=True):
        review(client, report, decision="return", comment="Bitte die Risiken beziffern.")

    report.refresh_from_db()
    assert report.state == RETURNED
    assert report.review_comment == "Bitte die Risiken beziffern."
    assert report.reviewed_by == editor
    assert latest(mine).latest_report_date is None
    (message,) = mail.outbox
    assert message.to == ["petra@example.org"]
    assert message.subject.startswith("Sachstandsbericht zur Überarbeitung zurückgegeben: Projekt")
    assert "Erik Editor hat Ihren Sachstandsbericht vom 20.11.2026" in message.body
    assert "Bitte die Risiken beziffern." in message.body
    assert f"https://portal.example.org/arbeitsbereich/sachstaende/{report.pk}/bearbeiten/" in message.body


def test_without_portal_url_the_mail_links_to_the_address_the_reviewer_used(
    client, editor, lead, mine, settings, django_capture_on_commit_callbacks
):
    del settings.PORTAL_URL
    report = submitted(mine, lead)
    client.force_login(editor)

    with django_capture_on_commit_callbacks(execute=True):
        review(client, report, decision="return", comment="Zu knapp.")

    assert f"http://testserver/arbeitsbereich/sachstaende/{report.pk}/bearbeiten/" in mail.outbox[0].body


def test_returning_without_a_comment_is_refused_and_changes_nothing(
    client, editor, lead, mine, django_capture_on_commit_callbacks
):
    report = submitted(mine, lead)
    client.force_login(editor)

    with django_capture_on_commit_callbacks(execute=True):
        response = review(client, report, decision="return", comment="  ")

    assert response.status_code == 200
    assert "Bitte geben Sie an, was die Projektleitung überarbeiten soll." in response.content.decode()
    report.refresh_from_db()
    assert report.state == SUBMITTED
    assert report.reviewed_by is None
    assert not mail.outbox
    with pytest.raises(ValidationError, match="Bitte geben Sie an, was die Projektleitung überarbeiten soll."):
        return_report(report, by=editor, comment="")


def test_a_report_that_is_not_submitted_can_be_neither_published_nor_returned(client, editor, mine):
    report = factories.StatusReportFactory(project=mine, progress=30)
    client.force_login(editor)

    response = client.post(
        reverse("projects:statusreport-review", args=[report.pk]), {"decision": "return", "comment": "X"}, follow=True
    )

    assert "Dieser Sachstandsbericht wartet nicht auf Prüfung (Freigabestatus: „veröffentlicht“)." in (
        response.content.decode()
    )
    report.refresh_from_db()
    assert (report.state, report.review_comment) == (PUBLISHED, "")
    with pytest.raises(ValidationError):
        publish_report(report, by=editor)


# Where the state shows ----------------------------------------------------------------------------------------------


def test_the_status_report_list_shows_the_state_and_filters_by_it(client, editor, lead, mine):
    waiting = submitted(mine, lead)
    factories.StatusReportFactory(project=mine)
    client.force_login(editor)

    response = client.get(reverse("projects:statusreport-list"), {"state": "submitted"})

    assert list(response.context["object_list"]) == [waiting]
    page = response.content.decode()
    assert ">Freigabestatus</th>" in page
    assert "eingereicht, Prüfung ausstehend" in page


def test_the_workspace_home_shows_reviewers_what_awaits_review(client, editor, lead, mine):
    submitted(mine, lead)
    client.force_login(editor)

    page = client.get(reverse("reports:workspace")).content.decode()

    assert "Zur Prüfung eingereicht" in page
    assert "1 Sachstandsbericht einer Projektleitung wartet auf Prüfung." in page
    assert f'href="{REVIEW_LIST}"' in page


def test_the_workspace_home_shows_no_review_queue_to_a_lead(client, lead, mine):
    submitted(mine, lead)
    client.force_login(lead)

    page = client.get(reverse("reports:workspace")).content.decode()

    assert "wartet auf Prüfung" not in page
    assert REVIEW_LIST not in page


def test_a_monitored_projects_progress_comes_from_the_partners_report_only_once_published(client, lead, editor, mine):
    report = submitted(mine, lead, progress=35, traffic_light="green")

    assert latest(mine).latest_progress is None
    assert "Noch kein Sachstand" in client.get(f"/projekte/{mine.slug}/").content.decode()

    publish_report(report, by=editor)

    assert latest(mine).latest_progress == 35
    page = client.get(f"/projekte/{mine.slug}/").content.decode()
    assert 'aria-valuenow="35"' in page
    assert ">grün</span>" in page


def test_the_strategy_document_keeps_the_review_state(db, strategy, lead, mine, editor):
    report = submitted(mine, lead)
    return_report(report, by=editor, comment="Bitte ergänzen.")
    document = export_document(strategy, audience=Audience.ADMIN)
    (exported,) = document["projects"][0]["status_reports"]
    assert (exported["state"], exported["review_comment"]) == ("returned", "Bitte ergänzen.")

    StatusReport.objects.all().delete()
    import_document(document)

    report = StatusReport.objects.get()
    assert (report.state, report.review_comment) == (RETURNED, "Bitte ergänzen.")


def test_an_older_document_without_a_state_brings_published_reports(db, strategy, lead, mine):
    factories.StatusReportFactory(project=mine)
    document = export_document(strategy, audience=Audience.ADMIN)
    for item in document["projects"][0]["status_reports"]:
        del item["state"], item["review_comment"]
    StatusReport.objects.all().delete()

    import_document(document)

    assert StatusReport.objects.get().state == PUBLISHED


# Queries ------------------------------------------------------------------------------------------------------------


def test_the_review_list_keeps_its_query_count(client, editor, lead, mine, django_assert_num_queries):
    milestone = factories.MilestoneFactory(project=mine)
    report = submitted(mine, lead)
    MilestoneUpdate.objects.create(status_report=report, milestone=milestone, done_on=datetime.date(2026, 1, 1))
    client.force_login(editor)
    with CaptureQueriesContext(connection) as one:
        client.get(REVIEW_LIST)

    for _ in range(8):
        project = factories.ProjectFactory(strategy=mine.strategy, project_leads=[lead])
        extra = submitted(project, factories.UserFactory())
        MilestoneUpdate.objects.create(
            status_report=extra,
            milestone=factories.MilestoneFactory(project=project),
            done_on=datetime.date(2026, 1, 1),
        )
    with django_assert_num_queries(len(one)):
        assert client.get(REVIEW_LIST).status_code == 200


@pytest.mark.parametrize("url_name", ["projects:statusreport-review", "projects:statusreport-update"])
def test_review_and_report_form_keep_their_query_count(client, editor, lead, mine, django_assert_num_queries, url_name):
    report = submitted(mine, lead)
    factories.MilestoneFactory(project=mine)
    client.force_login(editor)
    url = reverse(url_name, args=[report.pk])
    with CaptureQueriesContext(connection) as one:
        client.get(url)

    for _ in range(8):
        milestone = factories.MilestoneFactory(project=mine)
        MilestoneUpdate.objects.create(status_report=report, milestone=milestone, done_on=datetime.date(2026, 1, 1))
    with django_assert_num_queries(len(one)):
        assert client.get(url).status_code == 200
