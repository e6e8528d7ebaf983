"""Partner reporting, the partner's side: a partner's project lead sees only their projects and submits status
reports with the milestones they completed; a returned report comes back to them to resubmit."""

import datetime
import re

from django.urls import reverse

from projects.models import MilestoneUpdate, StatusReport
from projects.services import publish_report, return_report
from tests import factories
from tests.projects import partner_helpers
from tests.projects.partner_helpers import PUBLISHED, REVIEW_LIST, SUBMITTED, latest, review, submitted

# Fixtures of partner_helpers.py, named here for pytest to find; conftest.py says why they are not in it.
editor = partner_helpers.editor
lead = partner_helpers.lead
milestone = partner_helpers.milestone
mine = partner_helpers.mine
other = partner_helpers.other
strategy = partner_helpers.strategy


def report_data(**changes):
    return {"reported_on": "2026-11-20", "traffic_light": "amber", "progress": 40, "achieved": "Auftakt"} | changes


def done_field(milestone):
    return f"milestone_{milestone.pk}_done_on"


def note_field(milestone):
    return f"milestone_{milestone.pk}_note"


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
