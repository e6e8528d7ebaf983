"""Files attached to a committee paper: accepted by content and size as project documents are, stored under a random
name, served only as sandboxed downloads; linked from the paper's page and from OParl."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts import roles
from reports.models import PaperAttachment
from reports.services import finalise_paper
from tests import factories
from tests.factories import PDF

HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"PE\x00\x00"
ELEVEN_MIB = PDF + b"\x00" * (11 * 1024 * 1024)
WRONG_TYPE = "Diese Datei ist weder ein PDF-, Word- (DOCX) oder Excel-Dokument (XLSX) noch ein PNG-, JPEG-, GIF-"
TOO_LARGE = "Die Datei ist größer als 10,0"
SANDBOX = "default-src 'none'; sandbox"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def editor_client(client, editor_user):
    client.force_login(editor_user)
    return client


def stored_files(media_root):
    return [path for path in media_root.rglob("*") if path.is_file()]


def paper_form(paper, name, data):
    """The paper's edit form as the browser sends it, with one new attachment."""
    return {
        "strategy": paper.strategy_id,
        "number": paper.number,
        "kind": paper.kind,
        "title": paper.title,
        "decision_proposal": paper.decision_proposal,
        "consultation-TOTAL_FORMS": 0,
        "consultation-INITIAL_FORMS": 0,
        "paperattachment-TOTAL_FORMS": 1,
        "paperattachment-INITIAL_FORMS": 0,
        "paperattachment-0-number": 1,
        "paperattachment-0-title": "Strategiehaus",
        "paperattachment-0-file": SimpleUploadedFile(name, data, content_type="application/pdf"),
    }


def upload(client, paper, name, data):
    return client.post(reverse("reports:committeepaper-update", args=[paper.pk]), paper_form(paper, name, data))


def link_on_paper_page(client, paper):
    page = client.get(reverse("reports:committeepaper-detail", args=[paper.pk])).content.decode()
    return re.search(r'<a href="([^"]+)">Strategiehaus</a>', page).group(1)


def assert_sandboxed_pdf(response, filename):
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == SANDBOX
    assert b"".join(response.streaming_content) == PDF


def test_a_pdf_is_stored_under_a_random_name_and_its_link_downloads_it_sandboxed(editor_client, media_root):
    paper = factories.CommitteePaperFactory()

    response = upload(editor_client, paper, "Strategiehaus final.pdf", PDF)

    assert response.status_code == 302
    attachment = PaperAttachment.objects.get(paper=paper)
    assert re.fullmatch(r"papers/\d{4}/[0-9a-f]{32}\.pdf", attachment.file.name)
    assert (media_root / attachment.file.name).read_bytes() == PDF
    assert (attachment.original_name, attachment.content_type) == ("Strategiehaus final.pdf", "application/pdf")
    link = link_on_paper_page(editor_client, paper)
    assert link == reverse("reports:paperattachment-download", args=[attachment.pk])
    assert_sandboxed_pdf(editor_client.get(link), "Strategiehaus final.pdf")


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("seite.html", HTML, WRONG_TYPE),
        ("grafik.svg", SVG, WRONG_TYPE),
        ("programm.pdf", EXE, WRONG_TYPE),
        ("gross.pdf", ELEVEN_MIB, TOO_LARGE),
    ],
    ids=["html", "svg", "exe-named-pdf", "11-mib"],
)
def test_an_attachment_other_than_an_accepted_file_is_refused_at_the_field(
    editor_client, media_root, name, data, message
):
    paper = factories.CommitteePaperFactory()

    response = upload(editor_client, paper, name, data)

    assert response.status_code == 200
    errors = [form.errors.get("file") for form in response.context["formsets"][1].forms]
    assert errors[0] and errors[0][0].startswith(message)
    assert message in response.content.decode()
    assert not PaperAttachment.objects.exists()
    assert stored_files(media_root) == []


def test_the_admin_checks_an_attachment_as_the_workspace_does(admin_client_for_role, media_root):
    client = admin_client_for_role(roles.ADMIN)
    paper = factories.CommitteePaperFactory()
    data = {"paper": paper.pk, "number": 1, "title": "Seite", "file": SimpleUploadedFile("seite.pdf", HTML)}

    response = client.post(reverse("admin:reports_paperattachment_add"), data)

    assert response.status_code == 200
    assert WRONG_TYPE in response.content.decode()
    assert not PaperAttachment.objects.exists()


def test_oparl_publishes_a_finalised_papers_attachment_with_working_links(client, admin_user_role, media_root):
    paper = factories.CommitteePaperFactory()
    attachment = factories.PaperAttachmentFactory(paper=paper, title="Strategiehaus", with_file=True)
    finalise_paper(paper=paper, user=admin_user_role)

    data = client.get(reverse("oparl:paper", args=[paper.pk])).json()

    files = [item for item in data["auxiliaryFile"] if item["name"].endswith("Strategiehaus")]
    assert len(files) == 1
    assert (files[0]["fileName"], files[0]["mimeType"]) == ("Anlage.pdf", "application/pdf")
    assert client.get(files[0]["id"]).json()["accessUrl"] == files[0]["accessUrl"]
    download = client.get(files[0]["downloadUrl"])
    assert download["Access-Control-Allow-Origin"] == "*"
    assert_sandboxed_pdf(download, "Anlage.pdf")
    assert files[0]["accessUrl"].endswith(reverse("oparl:attachment-download", args=[attachment.pk]))
    shown = client.get(files[0]["accessUrl"])  # OParl: the accessUrl is not a forced download
    assert shown["Content-Disposition"].startswith("inline")
    assert shown["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_oparl_does_not_serve_a_draft_papers_attachment(client, db, media_root):
    attachment = factories.PaperAttachmentFactory(with_file=True)

    assert client.get(reverse("oparl:attachment-download", args=[attachment.pk])).status_code == 404
    assert client.get(reverse("oparl:attachment-file", args=[attachment.pk])).json()["deleted"] is True
