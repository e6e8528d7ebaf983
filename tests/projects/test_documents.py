"""Documents of projects, participation events and meetings: accepted by content, served only as downloads."""

import io
import re
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, transaction
from django.db.models import ProtectedError
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projects.models import Document
from projects.uploads import download_name, upload_url
from tests import factories
from tests.factories import PDF, DocumentFactory

HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32
GIF = b"GIF89a" + b"\x00" * 32
WEBP = b"RIFF\x00\x00\x00\x00WEBPVP8 " + b"\x00" * 32


def office_file(main_part):
    """A minimal Office Open XML package as Word and Excel write it: content types, relations, then the main part."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("_rels/.rels", "<Relationships/>")
        package.writestr(main_part, "<document/>")
    return buffer.getvalue()


DOCX = office_file("word/document.xml")
XLSX = office_file("xl/workbook.xml")
PLAIN_ZIP = office_file("notes.txt")


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(media_root):
    return [path for path in media_root.rglob("*") if path.is_file()]


def upload(name, data, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def create_url(**query):
    key, pk = next(iter(query.items()))
    return f"{reverse('projects:document-create')}?{key}={pk}"


def download_url(document):
    return reverse("projects:document-download", args=[document.pk])


@pytest.fixture
def editor_client(client, editor_user):
    client.force_login(editor_user)
    return client


# Upload ------------------------------------------------------------------------------------------------------------


def test_editor_uploads_a_pdf_and_it_is_downloaded_as_an_attachment(editor_client, editor_user, media_root):
    project = factories.ProjectFactory()

    response = editor_client.post(
        create_url(projekt=project.pk),
        {"title": "Protokoll Lenkungskreis", "file": upload("Protokoll.pdf", PDF, "application/pdf")},
    )

    document = Document.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("projects:project-detail", args=[project.pk])
    assert (document.project, document.uploaded_by) == (project, editor_user)
    assert (document.original_name, document.content_type, document.size) == (
        "Protokoll.pdf",
        "application/pdf",
        len(PDF),
    )
    assert re.fullmatch(r"documents/\d{4}/\d{2}/[0-9a-f]{32}\.pdf", document.file.name)
    assert (media_root / document.file.name).read_bytes() == PDF

    download = editor_client.get(download_url(document))

    assert download.status_code == 200
    assert download["Content-Disposition"] == 'attachment; filename="Protokoll.pdf"'
    assert download["Content-Type"] == "application/pdf"
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert "private" in download["Cache-Control"]
    assert b"".join(download.streaming_content) == PDF


@pytest.mark.parametrize(
    ("name", "data", "content_type"),
    [
        ("Bericht.docx", DOCX, Document.FileType.DOCX),
        ("Tabelle.xlsx", XLSX, Document.FileType.XLSX),
        ("foto.png", PNG, Document.FileType.PNG),
        ("foto.jpg", JPEG, Document.FileType.JPEG),
        ("grafik.gif", GIF, Document.FileType.GIF),
        ("bild.webp", WEBP, Document.FileType.WEBP),
    ],
)
def test_office_documents_and_images_are_accepted_by_their_content(editor_client, name, data, content_type):
    project = factories.ProjectFactory()

    # The browser's declared type is ignored: the content decides.
    response = editor_client.post(create_url(projekt=project.pk), {"title": "Anlage", "file": upload(name, data)})

    assert response.status_code == 302
    assert Document.objects.get().content_type == content_type


def test_an_empty_title_is_taken_from_the_file_name(editor_client):
    project = factories.ProjectFactory()

    editor_client.post(create_url(projekt=project.pk), {"title": "", "file": upload("Ergebnisse Umfrage.pdf", PDF)})

    assert Document.objects.get().title == "Ergebnisse Umfrage"


@pytest.mark.parametrize(
    ("key", "factory_class", "field"),
    [
        ("beteiligung", factories.ParticipationEventFactory, "participation_event"),
        ("sitzung", factories.MeetingFactory, "meeting"),
    ],
)
def test_documents_are_uploaded_to_participation_events_and_meetings(editor_client, key, factory_class, field):
    parent = factory_class()

    response = editor_client.post(create_url(**{key: parent.pk}), {"title": "Ergebnisse", "file": upload("e.pdf", PDF)})

    document = Document.objects.get()
    assert response.status_code == 302
    assert getattr(document, field) == parent
    assert document.project is None


@pytest.mark.parametrize(
    ("name", "data", "content_type"),
    [
        ("x.pdf", HTML, "application/pdf"),  # an HTML page renamed to look like a PDF
        ("logo.svg", SVG, "image/svg+xml"),  # SVG can carry scripts
        ("archiv.zip", PLAIN_ZIP, "application/zip"),  # a ZIP that is no Office document
    ],
)
def test_a_file_of_another_type_is_refused_and_nothing_is_stored(editor_client, media_root, name, data, content_type):
    project = factories.ProjectFactory()

    response = editor_client.post(
        create_url(projekt=project.pk), {"title": "Anlage", "file": upload(name, data, content_type)}
    )

    assert response.status_code == 200
    assert response.context["form"].has_error("file", "file_type")
    assert not Document.objects.exists()
    assert stored_files(media_root) == []


def test_an_oversized_file_is_refused_and_nothing_is_stored(editor_client, settings, media_root):
    settings.DOCUMENT_MAX_BYTES = len(PDF) - 1
    project = factories.ProjectFactory()

    response = editor_client.post(create_url(projekt=project.pk), {"title": "Anlage", "file": upload("x.pdf", PDF)})

    assert response.status_code == 200
    assert response.context["form"].has_error("file", "too_large")
    assert not Document.objects.exists()
    assert stored_files(media_root) == []


def test_a_file_of_exactly_the_maximum_size_is_accepted(editor_client, settings):
    settings.DOCUMENT_MAX_BYTES = len(PDF)
    project = factories.ProjectFactory()

    response = editor_client.post(create_url(projekt=project.pk), {"title": "Anlage", "file": upload("x.pdf", PDF)})

    assert response.status_code == 302


def test_an_empty_file_is_refused(editor_client):
    project = factories.ProjectFactory()

    response = editor_client.post(create_url(projekt=project.pk), {"title": "Anlage", "file": upload("x.pdf", b"")})

    assert "Die übertragene Datei ist leer." in response.context["form"].errors["file"]


def test_the_upload_page_offers_the_allowed_types(editor_client):
    project = factories.ProjectFactory()

    response = editor_client.get(create_url(projekt=project.pk))

    assert response.status_code == 200
    assert 'accept=".pdf,.docx,.xlsx,.png,.jpg,.jpeg,.gif,.webp"' in response.content.decode()


@pytest.mark.parametrize("query", ["", "?projekt=1&sitzung=1", "?unbekannt=1"])
def test_the_upload_page_needs_exactly_one_parent(editor_client, query):
    factories.ProjectFactory()

    assert editor_client.get(reverse("projects:document-create") + query).status_code == 400


@pytest.mark.parametrize("pk", ["999999", "abc"])
def test_the_upload_page_of_an_unknown_parent_is_not_found(editor_client, pk):
    assert editor_client.get(f"{reverse('projects:document-create')}?projekt={pk}").status_code == 404


# Who may do what ---------------------------------------------------------------------------------------------------


def test_committee_may_download_but_not_upload(client, committee_user, media_root):
    document = DocumentFactory()
    client.force_login(committee_user)

    assert client.get(download_url(document)).status_code == 200
    assert client.get(reverse("projects:document-detail", args=[document.pk])).status_code == 200
    assert client.get(create_url(projekt=document.project_id)).status_code == 403
    response = client.post(create_url(projekt=document.project_id), {"title": "x", "file": upload("x.pdf", PDF)})
    assert response.status_code == 403
    assert Document.objects.count() == 1
    assert len(stored_files(media_root)) == 1


def test_a_project_lead_may_neither_download_nor_upload(client, project_lead_user):
    document = DocumentFactory()
    document.project.project_leads.add(project_lead_user)
    client.force_login(project_lead_user)

    assert client.get(download_url(document)).status_code == 403
    assert client.get(create_url(projekt=document.project_id)).status_code == 403


def test_anonymous_is_sent_to_the_login_page(db, client):
    document = DocumentFactory()
    login = reverse("login")

    for url in (download_url(document), create_url(projekt=document.project_id)):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(login)


def test_editor_renames_a_document_but_may_not_delete_it(editor_client, media_root):
    document = DocumentFactory(title="Entwurf")

    response = editor_client.post(reverse("projects:document-update", args=[document.pk]), {"title": "Endfassung"})
    refused = editor_client.post(reverse("projects:document-delete", args=[document.pk]))

    document.refresh_from_db()
    assert response.status_code == 302
    assert document.title == "Endfassung"
    assert refused.status_code == 403
    assert len(stored_files(media_root)) == 1


def test_a_document_needs_a_title(editor_client):
    document = DocumentFactory(title="Entwurf")

    response = editor_client.post(reverse("projects:document-update", args=[document.pk]), {"title": ""})

    document.refresh_from_db()
    assert "Dieses Feld ist zwingend erforderlich." in response.context["form"].errors["title"]
    assert document.title == "Entwurf"


def test_admin_deletes_a_document_with_its_file(
    client, admin_user_role, media_root, django_capture_on_commit_callbacks
):
    document = DocumentFactory()
    client.force_login(admin_user_role)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("projects:document-delete", args=[document.pk]))

    assert response.url == reverse("projects:project-detail", args=[document.project_id])
    assert not Document.objects.exists()
    assert stored_files(media_root) == []


# Pages -------------------------------------------------------------------------------------------------------------


def test_the_detail_page_links_the_download_and_the_parent(client, committee_user):
    document = DocumentFactory(title="Protokoll Sounding Board")
    client.force_login(committee_user)

    response = client.get(reverse("projects:document-detail", args=[document.pk]))

    content = response.content.decode()
    assert response.status_code == 200
    assert download_url(document) in content
    assert reverse("projects:project-detail", args=[document.project_id]) in content


def test_a_file_whose_name_hides_its_type_is_downloaded_with_the_right_extension():
    document = Document(original_name="scan.png", content_type=Document.FileType.PDF)

    assert download_name(document) == "scan.png.pdf"
    assert download_name(Document(original_name="Foto.JPEG", content_type=Document.FileType.JPEG)) == "Foto.JPEG"


def test_a_missing_file_is_not_found(client, committee_user, media_root):
    document = DocumentFactory()
    (media_root / document.file.name).unlink()
    client.force_login(committee_user)

    assert client.get(download_url(document)).status_code == 404


def render_list(user_pk, documents, upload):
    request = RequestFactory().get("/")
    request.user = get_user_model().objects.get(pk=user_pk)
    return render_to_string(
        "projects/document_list_include.html", {"documents": documents, "upload_url": upload}, request=request
    )


def test_the_list_include_shows_documents_with_download_links_without_growing_queries(
    editor_user, django_assert_num_queries
):
    project = factories.ProjectFactory()
    document = DocumentFactory(project=project, uploaded_by=editor_user, size=2048)
    with CaptureQueriesContext(connection) as one:
        html = render_list(editor_user.pk, project.documents.for_list(), upload_url(project))
    assert download_url(document) in html
    assert upload_url(project) in html
    assert "2,0\xa0KB" in html

    DocumentFactory.create_batch(10, project=project, uploaded_by=editor_user)
    with django_assert_num_queries(len(one)):
        render_list(editor_user.pk, project.documents.for_list(), upload_url(project))


def test_the_list_include_shows_nothing_to_those_who_may_not_see_documents(project_lead_user):
    project = factories.ProjectFactory()
    DocumentFactory(project=project)

    assert render_list(project_lead_user.pk, project.documents.for_list(), upload_url(project)).strip() == ""


# Rules -------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("parents", ["none", "two"])
def test_a_document_belongs_to_exactly_one_parent_in_the_database(db, parents):
    document = DocumentFactory.build(project=factories.ProjectFactory())
    if parents == "none":
        document.project = None
    else:
        document.meeting = factories.MeetingFactory()

    with pytest.raises(ValidationError):
        document.validate_constraints()
    with pytest.raises(IntegrityError), transaction.atomic():
        document.save()


def test_a_project_with_documents_cannot_be_deleted(db):
    document = DocumentFactory()

    with pytest.raises(ProtectedError):
        document.project.delete()


@pytest.mark.parametrize("parent_kind", ["participationevent", "meeting"])
def test_event_and_meeting_pages_list_their_documents(client, editor_user, parent_kind):
    parent = {"participationevent": factories.ParticipationEventFactory, "meeting": factories.MeetingFactory}[
        parent_kind
    ]()
    DocumentFactory(
        project=None, **{"participation_event" if parent_kind == "participationevent" else "meeting": parent}
    )
    client.force_login(editor_user)

    page = client.get(reverse(f"stakeholders:{parent_kind}-detail", args=[parent.pk])).content.decode()

    assert "Protokoll" in page
    assert upload_url(parent) in page.replace("&amp;", "&")
