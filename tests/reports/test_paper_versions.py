"""A committee paper in two versions: the public paper (what OParl and every public channel serve) without internal
projects and non-public consultations, and the committee's version with them, marked as not public."""

import datetime
import importlib
import json

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import translation

from exchange.document import export_document, import_document
from projects.models import Project
from reports.models import CommitteePaper
from reports.paper import NON_PUBLIC_MARK, compose_paper
from reports.services import finalise_paper
from strategy_portal.publication import Audience
from tests import factories
from tests.reports.test_render import docx_lines, pdf_text

SECRET_PROJECT = "Geheimprojekt Xylophon"
SECRET_BODY = "Beirat Quastenflosser"
COMMITTEE = {"fassung": "ausschuss"}


def marking():
    with translation.override("de"):
        return str(NON_PUBLIC_MARK)


@pytest.fixture
def paper(seeded):
    """The seeded paper, with an internal project in its strategy and a consultation in a non-public meeting."""
    paper = CommitteePaper.objects.get(number="AUT_18/2025")
    field = seeded.action_fields.order_by("number").first()
    factories.ProjectFactory(
        strategy=seeded, action_field=field, number=99, title=SECRET_PROJECT, visibility=Project.Visibility.INTERNAL
    )
    body = factories.BodyFactory(name=SECRET_BODY)
    meeting = factories.MeetingFactory(body=body, date=datetime.date(2025, 6, 30), is_public=False)
    factories.ConsultationFactory(
        paper=paper, position=9, body=body, meeting_date=meeting.date, is_public=False, competence="decision"
    )
    return paper


@pytest.fixture
def finalised(paper, admin_user_role):
    return finalise_paper(paper=paper, user=admin_user_role)


def get(client, name, paper, params=None):
    return client.get(reverse(f"reports:committeepaper-{name}", args=[paper.pk]), params or {})


def docx_text(data):
    paragraphs, cells = docx_lines(data)
    return "\n".join(paragraphs + cells)


def test_the_public_composition_leaves_out_what_the_rule_keeps_from_the_public(paper):
    public = compose_paper(paper, audience=Audience.PUBLIC)
    committee = compose_paper(paper, audience=Audience.COMMITTEE)

    def projects(content):
        return [project["title"] for field in content["action_fields"] for project in field["projects"]]

    def bodies(content):
        return [row["body"] for row in content["consultations"]]

    assert SECRET_PROJECT not in projects(public)
    assert SECRET_BODY not in bodies(public)
    assert public["non_public"] is False
    assert SECRET_PROJECT in projects(committee)
    assert SECRET_BODY in bodies(committee)
    assert committee["non_public"] is True
    # Everything public is in both.
    assert set(projects(public)) == set(projects(committee)) - {SECRET_PROJECT}
    assert len(projects(public)) == 7


def test_the_finalised_public_files_hold_no_internal_project_nor_non_public_meeting(client, committee_user, finalised):
    client.force_login(committee_user)

    docx = get(client, "docx", finalised)
    pdf = get(client, "pdf", finalised)
    page = get(client, "preview", finalised).content.decode()

    assert docx["Content-Disposition"] == 'attachment; filename="AUT_18-2025.docx"'
    assert pdf["Content-Disposition"] == 'attachment; filename="AUT_18-2025.pdf"'
    for text in (docx_text(docx.content), pdf_text(pdf.content), page):
        assert "Ausschuss für Umwelt und Technik" in text  # the public consultation stays
        assert "Xylophon" not in text
        assert "Quastenflosser" not in text
        assert marking() not in text
    assert "Xylophon" not in str(finalised.snapshot)


def test_the_committee_version_holds_them_and_is_marked_in_every_rendering(client, committee_user, finalised):
    client.force_login(committee_user)

    docx = get(client, "docx", finalised, COMMITTEE)
    pdf = get(client, "pdf", finalised, COMMITTEE)
    page = get(client, "preview", finalised, COMMITTEE).content.decode()

    assert docx["Content-Disposition"] == 'attachment; filename="AUT_18-2025-nichtoeffentlich.docx"'
    assert pdf["Content-Disposition"] == 'attachment; filename="AUT_18-2025-nichtoeffentlich.pdf"'
    for text in (docx_text(docx.content), pdf_text(pdf.content), page):
        assert SECRET_PROJECT in text
        assert SECRET_BODY in text
        assert marking() in text
    assert "nichtöffentlich" in pdf_text(pdf.content)  # the consultation's status in the Beratungsfolge


def test_the_detail_page_offers_the_committee_version_to_the_committee_only(client, committee_user, finalised):
    client.force_login(committee_user)
    committee_preview = reverse("reports:committeepaper-preview", args=[finalised.pk]) + "?fassung=ausschuss"

    page = get(client, "detail", finalised).content.decode()

    assert committee_preview in page


@pytest.mark.parametrize("name", ["preview", "docx", "pdf"])
def test_a_project_lead_never_gets_the_committee_version(client, project_lead_user, finalised, name):
    # Even one who may see the committee's papers in the workspace reads them as the public does.
    project_lead_user.user_permissions.add(Permission.objects.get(codename="view_committeepaper"))
    client.force_login(project_lead_user)

    public = get(client, name, finalised)
    committee = get(client, name, finalised, COMMITTEE)

    assert public.status_code == 200
    assert committee.status_code == 404
    detail = get(client, "detail", finalised).content.decode()
    assert "fassung=ausschuss" not in detail


def test_a_draft_is_composed_for_the_requested_version(client, committee_user, paper):
    client.force_login(committee_user)

    public = get(client, "preview", paper).content.decode()
    committee = get(client, "preview", paper, COMMITTEE).content.decode()

    assert SECRET_PROJECT not in public
    assert SECRET_PROJECT in committee


def test_a_session_that_is_not_public_is_not_named_in_the_public_paper(paper, admin_user_role):
    paper.meeting.is_public = False
    paper.meeting.save()

    finalised = finalise_paper(paper=paper, user=admin_user_role)

    assert (finalised.snapshot["body"], finalised.snapshot["meeting_date"]) == ("", None)
    assert finalised.committee_snapshot["body"] == "Ausschuss für Umwelt und Technik"
    assert finalised.committee_snapshot["public"] is False


# The data migration that makes the snapshots of papers finalised before there were two versions public.

migration = importlib.import_module("reports.migrations.0006_public_snapshots")


def old_snapshot(paper):
    """A snapshot as finalise_paper stored it before: one composition for everybody."""
    content = compose_paper(paper, audience=Audience.COMMITTEE)
    del content["non_public"]
    content["changes"] = {
        "since": "AUT_1/2025",
        "new_projects": [f"Projekt 99: {SECRET_PROJECT}", "Projekt 1: Werbung"],
        "status_changes": ["Projekt 99: in Qualifizierung → in Umsetzung"],
        "traffic_light_changes": [],
        "budget_changes": [],
    }
    return content


def test_the_migration_makes_an_old_snapshot_public_and_keeps_it_for_the_committee(client, paper, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    snapshot = old_snapshot(paper)
    CommitteePaper.objects.filter(pk=paper.pk).update(
        status=CommitteePaper.Status.FINALISED, finalised_at=datetime.datetime(2025, 5, 20, tzinfo=datetime.UTC),
        snapshot=snapshot, committee_snapshot=None,
    )  # fmt: skip
    oparl_pdf = f"/oparl/v1.1/paper/{paper.pk}/vorlage.pdf"
    assert SECRET_PROJECT in pdf_text(client.get(oparl_pdf).content)  # what OParl served before

    migration.publish_old_snapshots(apps, None)

    paper.refresh_from_db()
    public = str(paper.snapshot)
    assert "Xylophon" not in public
    assert "Quastenflosser" not in public
    assert paper.snapshot["changes"]["new_projects"] == ["Projekt 1: Werbung"]
    assert paper.snapshot["changes"]["status_changes"] == []
    assert paper.committee_snapshot == {**snapshot, "non_public": True}
    # OParl renders the public snapshot anew, though the paper's modification time did not change.
    for extension in ("pdf", "docx"):
        served = client.get(f"/oparl/v1.1/paper/{paper.pk}/vorlage.{extension}").content
        text = pdf_text(served) if extension == "pdf" else docx_text(served)
        assert "Xylophon" not in text
        assert "Quastenflosser" not in text
        assert "Ausschuss für Umwelt und Technik" in text


def test_the_migration_leaves_papers_with_two_versions_alone(finalised):
    before = (finalised.snapshot, finalised.committee_snapshot)

    migration.publish_old_snapshots(apps, None)

    finalised.refresh_from_db()
    assert (finalised.snapshot, finalised.committee_snapshot) == before


def test_the_strategy_document_carries_both_versions(finalised):
    document = json.loads(json.dumps(export_document(finalised.strategy, audience=Audience.COMMITTEE), default=str))
    [exported] = [p for p in document["committee_papers"] if p["number"] == finalised.number]
    assert SECRET_PROJECT in str(exported["committee_snapshot"])
    assert SECRET_PROJECT not in str(exported["snapshot"])
    CommitteePaper.objects.filter(pk=finalised.pk).update(committee_snapshot=None)

    import_document(document)

    finalised.refresh_from_db()
    assert SECRET_PROJECT in str(finalised.committee_snapshot)
    assert SECRET_PROJECT not in str(finalised.snapshot)


def test_an_old_strategy_document_imports_its_one_snapshot_as_the_committee_version(paper):
    """A document written before papers had two versions: its snapshot was composed for everybody."""
    CommitteePaper.objects.filter(pk=paper.pk).update(
        status=CommitteePaper.Status.FINALISED, finalised_at=datetime.datetime(2025, 5, 20, tzinfo=datetime.UTC),
    )  # fmt: skip
    document = json.loads(json.dumps(export_document(paper.strategy, audience=Audience.COMMITTEE), default=str))
    [entry] = [p for p in document["committee_papers"] if p["number"] == paper.number]
    entry["snapshot"] = old_snapshot(paper)
    del entry["committee_snapshot"]

    import_document(document)
    paper.refresh_from_db()
    stored = (paper.snapshot, paper.committee_snapshot)
    import_document(document)  # and a second import changes nothing
    paper.refresh_from_db()

    assert "Xylophon" not in str(paper.snapshot)
    assert "Quastenflosser" not in str(paper.snapshot)
    assert SECRET_PROJECT in str(paper.committee_snapshot)
    assert paper.committee_snapshot["non_public"] is True
    assert (paper.snapshot, paper.committee_snapshot) == stored
