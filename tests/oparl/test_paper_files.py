"""OParl publishes a finalised paper's public version only: its files, consultations and the paper itself hold no
internal project and no non-public meeting, whatever the committee's version holds."""

import datetime
import json
from urllib.parse import urlsplit

import pytest

from projects.models import Project
from reports.models import CommitteePaper
from reports.services import finalise_paper
from tests import factories
from tests.reports.test_render import docx_lines, pdf_text

ENTRY = "/oparl/v1.1/"
SECRET_PROJECT = "Geheimprojekt Xylophon"
SECRET_BODY = "Beirat Quastenflosser"


@pytest.fixture
def finalised(seeded, admin_user_role):
    paper = CommitteePaper.objects.get(number="AUT_18/2025")
    field = seeded.action_fields.order_by("number").first()
    factories.ProjectFactory(
        strategy=seeded, action_field=field, number=99, title=SECRET_PROJECT, visibility=Project.Visibility.INTERNAL
    )
    body = factories.BodyFactory(name=SECRET_BODY)
    meeting = factories.MeetingFactory(body=body, date=datetime.date(2025, 6, 30), is_public=False)
    secret = factories.ConsultationFactory(
        paper=paper, position=9, body=body, meeting_date=meeting.date, is_public=False
    )
    return finalise_paper(paper=paper, user=admin_user_role), secret


def body_of(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_oparl_serves_only_the_public_paper(client, finalised):
    paper, secret = finalised
    assert SECRET_PROJECT in str(paper.committee_snapshot)  # the committee's version has it

    [listed] = [p for p in json.loads(client.get(f"{ENTRY}paper/").content)["data"] if p["reference"] == paper.number]
    texts = [json.dumps(listed, ensure_ascii=False)]
    for file in (listed["mainFile"], listed["auxiliaryFile"][0]):
        served = body_of(client.get(urlsplit(file["downloadUrl"]).path))
        assert len(served) == file["size"]
        if file["mimeType"] == "application/pdf":
            texts.append(pdf_text(served))
        else:
            paragraphs, cells = docx_lines(served)
            texts.append("\n".join(paragraphs + cells))
        assert "nichtoeffentlich" not in file["fileName"]

    for text in texts:
        assert "Xylophon" not in text
        assert "Quastenflosser" not in text
    assert "Ausschuss für Umwelt und Technik" in texts[1]
    assert f"{ENTRY}consultation/{secret.pk}/" not in texts[0]
    consultation = json.loads(client.get(f"{ENTRY}consultation/{secret.pk}/").content)
    assert consultation.get("deleted") is True
