"""The OParl 1.1 interface: walked from the entry point, every object validated against the specification's schemas."""

import datetime
import hashlib
import json
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import jsonschema
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from reports.models import CommitteePaper
from reports.services import finalise_paper
from stakeholders.models import Body, Meeting, Organisation, Person
from tests import factories

SCHEMA_DIR = Path(__file__).resolve().parent / "schema"
SCHEMA = "https://schema.oparl.org/1.1/"
ENTRY = "/oparl/v1.1/"
LIST_KEYS = {"body", "organization", "person", "meeting", "paper"}


def schema_for(kind):
    return json.loads((SCHEMA_DIR / f"{kind}.json").read_text(encoding="utf-8"))


def validate(obj):
    """Validate the object, and the objects embedded in it, against the schema of its type."""
    kind = obj["type"].removeprefix(SCHEMA)
    schema = schema_for(kind)
    validator_class = jsonschema.validators.validator_for(schema, default=jsonschema.Draft7Validator)
    validator_class(schema).validate(obj)
    for key in ("id", "created", "modified"):
        assert key in obj, (kind, key)
    assert obj["id"].startswith("http://testserver/")
    if obj.get("deleted"):
        assert set(obj) == {"id", "type", "created", "modified", "deleted"}
        return
    assert obj["web"].startswith("http://testserver/")
    for value in (obj["created"], obj["modified"]):
        parsed = datetime.datetime.fromisoformat(value)
        assert parsed.tzinfo is not None
    for key, value in obj.items():
        assert value is not None and value != [] or key == "legislativeTerm", (kind, key)
        if isinstance(value, dict) and "type" in value:
            validate(value)
        if isinstance(value, list):
            for item in value:
                if isinstance(item, dict):
                    validate(item)


def get_json(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Content-Type"].startswith("application/json")
    assert not response.content.startswith(b"\xef\xbb\xbf")
    response.content.decode("utf-8")
    return response.json()


def walk_list(client, url):
    objects, seen_pages = [], 0
    while url:
        page = get_json(client, url)
        assert set(page) >= {"data", "pagination", "links"}
        pagination = page["pagination"]
        assert pagination["elementsPerPage"] == 100
        assert len(page["data"]) <= 100
        seen_pages += 1
        assert pagination["currentPage"] == seen_pages
        if pagination["currentPage"] < pagination["totalPages"]:
            assert "next" in page["links"]
        else:
            assert "next" not in page["links"]
        objects += page["data"]
        url = page["links"].get("next")
    return objects, seen_pages


def walk(client):
    """Every object reachable from the entry point, by type; the number of pages per list."""
    system = get_json(client, ENTRY)
    validate(system)
    found, pages = {"System": [system]}, {}
    bodies, pages["body"] = walk_list(client, system["body"])
    for body in bodies:
        validate(body)
        found.setdefault("Body", []).append(body)
        for key in LIST_KEYS - {"body"}:
            objects, pages[key] = walk_list(client, body[key])
            for obj in objects:
                validate(obj)
                found.setdefault(obj["type"].removeprefix(SCHEMA), []).append(obj)
    return found, pages


@pytest.fixture
def finalised(seeded, admin_user_role):
    paper = CommitteePaper.objects.get(number="AUT_18/2025")
    return finalise_paper(paper=paper, user=admin_user_role)


@pytest.mark.django_db
def test_walk_the_whole_interface(client, finalised):
    body = Body.objects.first()
    for _ in range(101):
        factories.MeetingFactory(body=body)
    hidden = factories.PersonFactory(email="geheim@example.org", public_figure=False)
    factories.MembershipFactory(body=body, person=hidden)
    public = factories.PersonFactory(public_figure=True, public_function="Landrat", email="landrat@example.org")
    factories.MembershipFactory(body=body, person=public)

    found, pages = walk(client)

    assert pages["meeting"] == 2
    assert found["System"][0]["oparlVersion"] == SCHEMA
    district = found["Body"][0]
    assert district["name"] == "Landkreis Ludwigsburg"
    assert district["legislativeTerm"] == []
    organizations = {o["name"]: o for o in found["Organization"]}
    assert organizations["Ausschuss für Umwelt und Technik"]["classification"] == "Ausschuss"
    assert any(o.get("organizationType") == "Verwaltungsbereich" for o in found["Organization"])
    assert len(found["Organization"]) == Body.objects.count() + 1

    person_names = {p["name"] for p in found["Person"]}
    assert public.name in person_names
    assert hidden.name not in person_names
    assert found["Person"][[p["name"] for p in found["Person"]].index(public.name)]["membership"]

    papers = {p["reference"]: p for p in found["Paper"]}
    paper = papers["AUT_18/2025"]
    assert paper["name"] == finalised.title
    [consultation] = [
        c
        for c in paper["consultation"]
        if c["organization"] == [organizations["Ausschuss für Umwelt und Technik"]["id"]]
    ]
    assert consultation["role"] == "Kenntnisnahme"
    assert paper["mainFile"]["mimeType"] == "application/pdf"
    assert paper["auxiliaryFile"][0]["fileName"].endswith(".docx")

    client.logout()
    download = client.get(urlsplit(paper["mainFile"]["downloadUrl"]).path)
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    content = b"".join(download.streaming_content) if download.streaming else download.content
    assert content.startswith(b"%PDF")
    assert len(content) == paper["mainFile"]["size"]
    assert hashlib.sha1(content).hexdigest() == paper["mainFile"]["sha1Checksum"]  # noqa: S324

    # Objects that are referenced answer too.
    for url in [
        consultation["id"],
        paper["mainFile"]["id"],
        *organizations["Ausschuss für Umwelt und Technik"].get("membership", []),
    ]:
        validate(get_json(client, url))


@pytest.mark.django_db
def test_no_email_of_a_seeded_person_appears(client, finalised):
    emails = [e for e in Person.objects.exclude(email="").values_list("email", flat=True)]
    Person.objects.filter(pk__in=Person.objects.values("pk")[:3]).update(public_figure=True, public_function="Amt")
    emails += ["oeffentlich@example.org"]
    factories.PersonFactory(public_figure=True, public_function="Landrat", email="oeffentlich@example.org")
    client.get(ENTRY)
    texts = []
    for key in ("body", "organization", "person", "meeting", "paper"):
        texts.append(client.get(f"{ENTRY}{key}/").content.decode("utf-8"))
    for pk in Person.objects.values_list("pk", flat=True):
        texts.append(client.get(f"{ENTRY}person/{pk}/").content.decode("utf-8"))
    text = "\n".join(texts)
    for email in emails:
        assert email not in text
    assert "@" not in text


@pytest.mark.django_db
def test_unpublished_and_archived_objects_answer_in_deleted_form(client, finalised):
    organisation = factories.OrganisationFactory(is_archived=True)
    hidden_person = factories.PersonFactory(public_figure=False)
    hidden_meeting = factories.MeetingFactory(is_public=False)
    draft = CommitteePaper.objects.exclude(status=CommitteePaper.Status.FINALISED).first()
    urls = [
        f"{ENTRY}organization/organisation-{organisation.pk}/",
        f"{ENTRY}person/{hidden_person.pk}/",
        f"{ENTRY}meeting/{hidden_meeting.pk}/",
    ]
    if draft:
        urls.append(f"{ENTRY}paper/{draft.pk}/")
    for url in urls:
        obj = get_json(client, url)
        validate(obj)
        assert obj["deleted"] is True
        assert set(obj) == {"id", "type", "created", "modified", "deleted"}
    meetings = get_json(client, f"{ENTRY}meeting/")["data"]
    assert all(m["id"] != f"http://testserver{ENTRY}meeting/{hidden_meeting.pk}/" for m in meetings)


@pytest.mark.django_db
def test_draft_papers_are_not_downloadable(client, seeded):
    paper = CommitteePaper.objects.get(number="AUT_18/2025")
    assert client.get(f"{ENTRY}paper/{paper.pk}/vorlage.pdf").status_code == 404
    assert client.get(f"{ENTRY}paper/{paper.pk}/vorlage.docx").status_code == 404
    assert get_json(client, f"{ENTRY}paper/")["data"] == []


@pytest.mark.django_db
def test_filters_narrow_the_lists(client, db):
    old = factories.MeetingFactory()
    new = factories.MeetingFactory()
    long_ago = timezone.now() - datetime.timedelta(days=30)
    Meeting.objects.filter(pk=old.pk).update(created=long_ago, modified=long_ago)
    cut = (timezone.now() - datetime.timedelta(days=1)).isoformat()

    def ids(query):
        data = get_json(client, f"{ENTRY}meeting/?{query}")["data"]
        return {m["id"].rstrip("/").rsplit("/", 1)[1] for m in data}

    assert ids("") == {str(old.pk), str(new.pk)}
    assert ids(urlencode({"created_since": cut})) == {str(new.pk)}
    assert ids(urlencode({"created_until": cut})) == {str(old.pk)}
    assert ids(urlencode({"modified_since": cut})) == {str(new.pk)}
    assert ids(urlencode({"modified_until": cut})) == {str(old.pk)}
    for key in ("organization", "person", "paper", "body"):
        get_json(client, f"{ENTRY}{key}/?{urlencode({'modified_since': cut, 'omit_internal': 'true'})}")
    assert client.get(f"{ENTRY}meeting/?created_since=gestern").status_code == 400


@pytest.mark.django_db
def test_omit_internal_leaves_out_the_internal_objects_only(client, finalised):
    """The specification names Person.membership as internal; a paper's consultations and files are not."""
    factories.MembershipFactory(person=factories.PersonFactory(public_figure=True, public_function="Landrat"))

    persons = get_json(client, f"{ENTRY}person/?omit_internal=true")["data"]
    papers = get_json(client, f"{ENTRY}paper/?omit_internal=true")["data"]

    assert persons and all("membership" not in person for person in persons)
    assert any("membership" in person for person in get_json(client, f"{ENTRY}person/")["data"])
    assert papers and all("consultation" in paper and "mainFile" in paper for paper in papers)


@pytest.mark.django_db
@pytest.mark.parametrize("key", ["meeting", "organization", "person", "paper"])
def test_list_queries_do_not_grow(client, finalised, key):
    def count(n):
        for _ in range(n):
            body = factories.BodyFactory(kind=Body.Kind.COUNCIL_COMMITTEE)
            factories.MeetingFactory(body=body)
            factories.MembershipFactory(
                body=body, person=factories.PersonFactory(public_figure=True, public_function="Rat")
            )
        client.get(f"{ENTRY}{key}/")  # warm caches (rendered files)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"{ENTRY}{key}/").status_code == 200
        return len(queries)

    assert count(5) == count(45)  # 5 bodies, meetings and members, then 50


@pytest.mark.django_db
def test_cors_header_on_every_answer(client, finalised):
    for url in (
        ENTRY,
        f"{ENTRY}body/",
        f"{ENTRY}body/landkreis-ludwigsburg/",
        f"{ENTRY}organization/wirtschaftsfoerderung/",
    ):
        assert client.get(url)["Access-Control-Allow-Origin"] == "*"
    assert Organisation.objects.exists()


@pytest.mark.django_db
def test_a_meeting_place_is_a_location_object(client, seeded):
    meeting = factories.MeetingFactory(location="Kreishaus Ludwigsburg, Sitzungssaal", is_public=True)

    data = get_json(client, f"/oparl/v1.1/meeting/{meeting.pk}/")

    validate(data)
    validate(data["location"])
    assert data["location"]["description"] == "Kreishaus Ludwigsburg, Sitzungssaal"
    assert get_json(client, data["location"]["id"]) == data["location"]


@pytest.mark.django_db
def test_every_error_is_an_oparl_error_object(client, db):
    for url, status in [
        (f"{ENTRY}person/999999/", 404),
        (f"{ENTRY}body/anderswo/", 404),
        (f"{ENTRY}organization/unbekannt/", 404),
        (f"{ENTRY}meeting/?modified_since=gestern", 400),
        (f"{ENTRY}paper/?page=0", 400),
    ]:
        response = client.get(url)
        assert response.status_code == status, url
        assert response["Access-Control-Allow-Origin"] == "*"
        error = response.json()
        assert error["type"] == f"{SCHEMA}Error"
        assert error["message"]
    assert client.post(f"{ENTRY}person/").json()["type"] == f"{SCHEMA}Error"


@pytest.mark.django_db
def test_the_time_filters_include_an_object_whose_time_equals_the_bound(client, db):
    """The objects show whole seconds; a bound written as an object shows its time finds that object."""
    meeting = factories.MeetingFactory(is_public=True)
    shown = get_json(client, f"{ENTRY}meeting/{meeting.pk}/")

    for name in ("created_since", "created_until", "modified_since", "modified_until"):
        bound = shown["created" if name.startswith("created") else "modified"]
        data = get_json(client, f"{ENTRY}meeting/?{urlencode({name: bound})}")["data"]
        assert shown["id"] in [item["id"] for item in data], name


@pytest.mark.django_db
def test_system_and_body_carry_the_open_data_licence(client, db, settings):
    assert get_json(client, ENTRY)["license"] == "https://www.govdata.de/dl-de/by-2-0"
    assert get_json(client, f"{ENTRY}body/landkreis-ludwigsburg/")["license"] == "https://www.govdata.de/dl-de/by-2-0"


@pytest.mark.django_db
def test_a_papers_file_is_shown_at_its_access_url_and_saved_from_its_download_url(client, finalised):
    file = get_json(client, f"{ENTRY}paper/{finalised.pk}/")["mainFile"]

    shown, saved = client.get(file["accessUrl"]), client.get(file["downloadUrl"])

    assert shown["Content-Disposition"].startswith("inline")
    assert saved["Content-Disposition"].startswith("attachment")
    assert shown.content == saved.content
    assert file["size"] == len(shown.content)
    assert file["sha512Checksum"] == hashlib.sha512(shown.content).hexdigest()
    assert file["sha1Checksum"] == hashlib.sha1(shown.content).hexdigest()  # noqa: S324 – what OParl 1.0 clients check


@pytest.mark.django_db
def test_a_conditional_get_of_an_unchanged_object_is_answered_304(client, finalised):
    for url in (ENTRY, f"{ENTRY}paper/{finalised.pk}/", f"{ENTRY}meeting/", f"{ENTRY}paper/{finalised.pk}/vorlage.pdf"):
        first = client.get(url)
        assert first.status_code == 200 and first["ETag"], url
        assert client.get(url, headers={"If-None-Match": first["ETag"]}).status_code == 304, url
    paper = client.get(f"{ENTRY}paper/{finalised.pk}/")
    assert client.get(paper.wsgi_request.path, headers={"If-Modified-Since": paper["Last-Modified"]}).status_code == 304


@pytest.mark.django_db
def test_a_location_names_its_meetings(client, seeded):
    meeting = factories.MeetingFactory(location="Kreishaus Ludwigsburg", is_public=True)

    location = get_json(client, f"{ENTRY}meeting/{meeting.pk}/")["location"]

    assert location["meetings"] == [f"http://testserver{ENTRY}meeting/{meeting.pk}/"]
    assert "meeting" not in location


@pytest.mark.django_db
def test_the_district_is_published_with_its_official_keys_and_the_councils_terms(client, db):
    factories.LegislativeTermFactory(name="Wahlperiode 2024–2029", start_date=datetime.date(2024, 7, 1))

    body = get_json(client, f"{ENTRY}body/landkreis-ludwigsburg/")

    validate(body)
    assert (body["name"], body["ags"], body["rgs"]) == ("Landkreis Ludwigsburg", "08118000", "081180000000")
    [term] = body["legislativeTerm"]
    assert (term["name"], term["startDate"]) == ("Wahlperiode 2024–2029", "2024-07-01")
    assert get_json(client, term["id"]) == term


@pytest.mark.django_db
def test_a_meeting_starts_at_its_recorded_time_and_a_date_only_meeting_has_no_invented_start(client, seeded):
    timed = factories.MeetingFactory(date=datetime.date(2025, 5, 26), start_time=datetime.time(14, 30))
    dated = factories.MeetingFactory(date=datetime.date(2025, 6, 2))

    assert get_json(client, f"{ENTRY}meeting/{timed.pk}/")["start"] == "2025-05-26T14:30:00+02:00"
    untimed = get_json(client, f"{ENTRY}meeting/{dated.pk}/")
    assert "start" not in untimed
    assert "02.06.2025" in untimed["name"] or untimed["name"] == dated.title


@pytest.mark.django_db
def test_a_paper_carries_its_own_date_and_a_person_the_names_given(client, seeded, admin_user_role):
    paper = factories.CommitteePaperFactory(date=datetime.date(2025, 5, 6))
    finalise_paper(paper=paper, user=admin_user_role)
    person = factories.PersonFactory(public_figure=True, name="Dr. Eva Muster", given_name="Eva", family_name="Muster")

    assert get_json(client, f"{ENTRY}paper/{paper.pk}/")["date"] == "2025-05-06"
    shown = get_json(client, f"{ENTRY}person/{person.pk}/")
    assert (shown["givenName"], shown["familyName"]) == ("Eva", "Muster")


@pytest.mark.django_db
def test_every_web_link_leads_to_the_objects_own_page(client, finalised):
    factories.MeetingFactory(location="Kreishaus Ludwigsburg", is_public=True)
    found, _ = walk(client)
    home = "http://testserver/"
    for kind in ("Paper", "Meeting", "Organization"):
        for obj in found.get(kind, []):
            if obj["id"].endswith("/wirtschaftsfoerderung/"):
                continue
            page, _, anchor = obj["web"].partition("#")
            assert page != home, obj["id"]
            response = client.get(page)
            assert response.status_code == 200, obj["web"]
            assert not anchor or f'id="{anchor}"' in response.content.decode(), obj["web"]
    paper = found["Paper"][0]
    assert paper["web"] == f"http://testserver/vorlagen/{finalised.pk}/"
    assert all(file["web"] == paper["web"] for file in [paper["mainFile"], *paper["auxiliaryFile"]])
