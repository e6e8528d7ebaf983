"""Partner reporting: a partner's project lead sees only their projects and submits status reports with the
milestones they completed; the office publishes them or returns them with a comment. Only a published report is the
project's state, on public pages too."""

import datetime
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts import roles
from exchange.document import export_document, import_document
from projects.models import MilestoneUpdate, Project, StatusReport
from projects.services import publish_report, return_report
from tests import factories

SUBMITTED, PUBLISHED, RETURNED = StatusReport.State.SUBMITTED, StatusReport.State.PUBLISHED, StatusReport.State.RETURNED
REVIEW_LIST = reverse("projects:statusreport-review-list")


@pytest.fixture
def strategy(db):
    return factories.StrategyFactory(is_featured=True)


@pytest.fixture
def lead(user_for_role):
    return user_for_role(roles.PROJECT_LEAD, first_name="Petra", last_name="Partner", email="petra@example.org")


@pytest.fixture
def editor(user_for_role):
    return user_for_role(roles.EDITOR, first_name="Erik", last_name="Editor")


@pytest.fixture
def mine(strategy, lead):
    """A published, monitored project of the featured strategy, led by the partner's project lead."""
    return factories.ProjectFactory(
        strategy=strategy,
        title="Fachkräftenetzwerk",
        kind=Project.Kind.MONITORED,
        visibility=Project.Visibility.PUBLISHED,
        project_leads=[lead],
    )


@pytest.fixture
def other(strategy):
    return factories.ProjectFactory(strategy=strategy, title="Gründerzentrum", visibility=Project.Visibility.PUBLISHED)


@pytest.fixture
def milestone(mine):
    return factories.MilestoneFactory(project=mine, title="Netzwerk gegründet", due_date=datetime.date(2026, 6, 30))


def report_data(**changes):
    return {"reported_on": "2026-11-20", "traffic_light": "amber", "progress": 40, "achieved": "Auftakt"} | changes


def done_field(milestone):
    return f"milestone_{milestone.pk}_done_on"


def note_field(milestone):
    return f"milestone_{milestone.pk}_note"


def submitted(project, author, **kwargs):
    return factories.StatusReportFactory(project=project, author=author, state=SUBMITTED, **kwargs)


def latest(project):
    return Project.objects.with_latest_report().get(pk=project.pk)


def review(client, report, **data):
    return client.post(reverse("projects:statusreport-review", args=[report.pk]), data)


# Only their own projects ------------------------------------------------------------------------------------------


def test_a_partner_lead_sees_only_their_projects(client, lead, mine, other):
    client.force_login(lead)

    listed = client.get(reverse("projects:project-list")).content.decode()

    assert mine.title in listed
    assert other.title not in listed
    assert client.get(reverse("projects:project-detail", args=[mine.pk])).status_code == 200
    assert client.get(reverse("projects:project-detail", args=[other.pk])).status_code == 404


def test_a_partner_lead_cannot_report_on_another_project(client, lead, other):
    client.force_login(lead)
    url = reverse("projects:statusreport-create", args=[other.pk])

    assert client.get(url).status_code == 404
    assert client.post(url, report_data()).status_code == 404
    assert not StatusReport.objects.exists()


def test_a_partner_lead_cannot_see_or_change_another_projects_report(client, lead, other, editor):
    report = submitted(other, editor, progress=10)
    client.force_login(lead)

    assert client.get(reverse("projects:statusreport-detail", args=[report.pk])).status_code == 404
    assert client.get(reverse("projects:statusreport-update", args=[report.pk])).status_code == 404
    response = client.post(reverse("projects:statusreport-update", args=[report.pk]), report_data(progress=99))
    assert response.status_code == 404
    first = report.history.earliest("history_date").history_id
    assert client.post(reverse("projects:statusreport-revert", args=[report.pk, first])).status_code == 404
    listed = client.get(reverse("projects:statusreport-list")).context["object_list"]
    assert report not in listed
    report.refresh_from_db()
    assert report.progress == 10


def test_a_partner_lead_cannot_open_the_review_pages_or_publish(client, lead, mine):
    report = submitted(mine, lead)
    client.force_login(lead)

    assert client.get(REVIEW_LIST).status_code == 403
    assert client.get(reverse("projects:statusreport-review", args=[report.pk])).status_code == 403
    assert review(client, report, decision="publish").status_code == 403
    report.refresh_from_db()
    assert report.state == SUBMITTED


# Submitting ---------------------------------------------------------------------------------------------------------


def test_a_partner_leads_report_is_submitted_and_not_yet_the_projects_state(client, lead, mine):
    factories.StatusReportFactory(project=mine, reported_on=datetime.date(2026, 9, 1), traffic_light="green")
    client.force_login(lead)

    response = client.post(
        reverse("projects:statusreport-create", args=[mine.pk]), report_data(traffic_light="red"), follow=True
    )

    report = StatusReport.objects.get(project=mine, reported_on=datetime.date(2026, 11, 20))
    assert report.state == SUBMITTED
    assert report.author == lead
    assert "Ihr Sachstandsbericht wurde eingereicht." in response.content.decode()
    assert latest(mine).latest_traffic_light == "green"
    assert latest(mine).latest_report_date == datetime.date(2026, 9, 1)
    client.logout()
    public = client.get(f"/projekte/{mine.slug}/").content.decode()
    assert ">grün</span>" in public
    assert ">rot</span>" not in public


def test_the_office_sees_no_submitted_report_among_a_public_pages_reports(client, editor, mine, lead):
    submitted(mine, lead, achieved="Noch ungeprüfter Text")
    client.force_login(editor)

    page = client.get(f"/projekte/{mine.slug}/").content.decode()

    assert "Noch ungeprüfter Text" not in page


def test_the_report_form_offers_each_open_milestone_with_its_title_and_due_date(client, lead, mine, milestone):
    factories.MilestoneFactory(project=mine, title="Schon erledigt", done_on=datetime.date(2026, 3, 1))
    client.force_login(lead)

    page = client.get(reverse("projects:statusreport-create", args=[mine.pk])).content.decode()

    fieldset = re.search(r"<fieldset[^>]*>\s*<legend[^>]*>\s*Meilensteine\s*</legend>.*?</fieldset>", page, re.S)
    assert fieldset, "a fieldset with the legend Meilensteine"
    label = re.search(rf'<label\s+for="id_{done_field(milestone)}"[^>]*>\s*([^<]+?)\s*</label>', fieldset.group(0))
    assert label.group(1) == "Netzwerk gegründet (fällig am 30.06.2026): erledigt am"
    assert f'type="date" name="{done_field(milestone)}"' in fieldset.group(0)
    assert "Schon erledigt" not in fieldset.group(0)


def test_a_reported_milestone_reaches_the_milestone_only_when_the_report_is_published(
    client, lead, editor, mine, milestone
):
    client.force_login(lead)
    client.post(
        reverse("projects:statusreport-create", args=[mine.pk]),
        report_data(**{done_field(milestone): "2026-11-18", note_field(milestone): "Mit 12 Betrieben"}),
    )
    report = StatusReport.objects.get(project=mine)
    milestone.refresh_from_db()
    assert milestone.done_on is None
    assert report.milestone_updates.get().done_on == datetime.date(2026, 11, 18)

    client.force_login(editor)
    response = review(client, report, decision="publish")

    assert response.status_code == 302
    milestone.refresh_from_db()
    assert milestone.done_on == datetime.date(2026, 11, 18)
    assert milestone.note == "Mit 12 Betrieben"
    newest = milestone.history.latest("history_date")
    assert newest.history_change_reason == "Als erledigt gemeldet mit dem Sachstandsbericht vom 20.11.2026"


def test_a_done_date_in_the_future_is_refused_and_nothing_is_saved(client, lead, mine, milestone):
    client.force_login(lead)

    response = client.post(
        reverse("projects:statusreport-create", args=[mine.pk]), report_data(**{done_field(milestone): "2099-01-01"})
    )

    assert response.status_code == 200
    assert "Ein Meilenstein kann nicht an einem Tag in der Zukunft erledigt worden sein." in response.content.decode()
    assert not StatusReport.objects.exists()
    assert not MilestoneUpdate.objects.exists()


def test_an_editors_report_is_published_at_once_with_its_milestones(client, editor, mine, milestone):
    client.force_login(editor)

    client.post(
        reverse("projects:statusreport-create", args=[mine.pk]), report_data(**{done_field(milestone): "2026-11-01"})
    )

    report = StatusReport.objects.get(project=mine)
    assert report.state == PUBLISHED
    assert latest(mine).latest_progress == 40
    milestone.refresh_from_db()
    assert milestone.done_on == datetime.date(2026, 11, 1)


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


# Returned and resubmitted -------------------------------------------------------------------------------------------


def test_the_lead_sees_the_returned_report_with_the_comment_and_resubmits_it(client, editor, lead, mine):
    report = submitted(mine, lead, reported_on=datetime.date(2026, 11, 20))
    return_report(report, by=editor, comment="Bitte die Risiken beziffern.")
    client.force_login(lead)

    home = client.get(reverse("reports:workspace")).content.decode()
    detail = client.get(reverse("projects:project-detail", args=[mine.pk])).content.decode()
    form = client.get(reverse("projects:statusreport-update", args=[report.pk])).content.decode()
    response = client.post(
        reverse("projects:statusreport-update", args=[report.pk]), report_data(risks="Zwei Betriebe springen ab")
    )

    assert "An Sie zurückgegebene Sachstandsberichte" in home
    assert "Bitte die Risiken beziffern." in home
    assert ">zurückgegeben</span>" in detail
    assert "Bitte die Risiken beziffern." in detail
    assert "Bitte die Risiken beziffern." in form
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.state == SUBMITTED
    assert report.risks == "Zwei Betriebe springen ab"
    assert report.review_comment == "Bitte die Risiken beziffern."  # visible to the office until the next review
    client.force_login(editor)
    assert report in client.get(REVIEW_LIST).context["reports"]


def test_a_lead_cannot_edit_or_restore_a_published_report(client, lead, editor, mine):
    report = submitted(mine, lead, progress=40)
    publish_report(report, by=editor)
    client.force_login(lead)
    update = reverse("projects:statusreport-update", args=[report.pk])

    assert client.get(update).status_code == 403
    assert client.post(update, report_data(progress=90)).status_code == 403
    first = report.history.earliest("history_date").history_id
    assert client.post(reverse("projects:statusreport-revert", args=[report.pk, first])).status_code == 403
    detail = client.get(reverse("projects:statusreport-detail", args=[report.pk])).content.decode()
    assert "Bearbeiten" not in detail
    report.refresh_from_db()
    assert (report.progress, report.state) == (40, PUBLISHED)


def test_a_lead_edits_a_submitted_report_and_it_stays_submitted(client, lead, mine):
    report = submitted(mine, lead, progress=40)
    client.force_login(lead)

    client.post(reverse("projects:statusreport-update", args=[report.pk]), report_data(progress=45))

    report.refresh_from_db()
    assert (report.progress, report.state) == (45, SUBMITTED)


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
    document = export_document(strategy)
    (exported,) = document["projects"][0]["status_reports"]
    assert (exported["state"], exported["review_comment"]) == ("returned", "Bitte ergänzen.")

    StatusReport.objects.all().delete()
    import_document(document)

    report = StatusReport.objects.get()
    assert (report.state, report.review_comment) == (RETURNED, "Bitte ergänzen.")


def test_an_older_document_without_a_state_brings_published_reports(db, strategy, lead, mine):
    factories.StatusReportFactory(project=mine)
    document = export_document(strategy)
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
