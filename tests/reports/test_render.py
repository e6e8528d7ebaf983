"""The committee paper as DOCX and PDF, read back from the files (python-docx, pypdf)."""

import copy
import io
import re

import pypdf
import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from reports.models import CommitteePaper
from reports.paper import changes_since
from reports.render import render_docx, render_pdf
from strategy_portal.formatting import format_date
from tests.seed import seed_document

NBSP = "\N{NO-BREAK SPACE}"

EVENTS = [
    {"title": "Kick-off-Veranstaltung", "kind": "Kick-off", "start_date": "2024-10-01", "participants": "über 60"},
    {
        "title": "Strategiewerkstatt",
        "kind": "Strategiewerkstatt",
        "start_date": "2025-01-14",
        "participants": "rund 40",
    },
    {
        "title": "Unternehmensbefragung",
        "kind": "Online-Befragung",
        "start_date": "2025-02-25",
        "end_date": "2025-03-16",
        "participants": "rund 190",
    },
    {"title": "Unternehmensworkshop", "kind": "Unternehmensworkshop", "start_date": "2025-03-25", "participants": "15"},
    {"title": "Zukunftswerkstatt", "kind": "Zukunftswerkstatt", "start_date": "2025-04-30", "participants": ""},
]
for _event in EVENTS:
    _event.setdefault("end_date", None)
    _event["outcomes"] = ""

# Action field (number, title) → its projects (number, title), as in AUT_18/2025.
ACTION_FIELDS = [
    (
        (1, "Identität des Wirtschaftsstandorts schaffen und ausbauen"),
        [(6, "Gemeinsame Identität und zielgerichtete Kommunikation der wirtschaftlichen Stärken")],
    ),
    (
        (2, "Bildung und Fachkräfte für die Arbeitswelt von Morgen sichern"),
        [
            (1, "Werbung für den internationalen Arbeitsstandort Landkreis Ludwigsburg"),
            (2, "Machbarkeitsstudie Internationale Schule"),
        ],
    ),
    (
        (3, "Mit Wissenstransfer, Vernetzung und Gründungsförderung eine erfolgreiche Transformation gestalten"),
        [
            (3, "Erleichterung des Zugangs von kleinen und mittelgroßen Unternehmen zu neuen Technologien"),
            (4, "Vernetzung junger Start-Ups mit Mittelständlern und Technologieführern"),
        ],
    ),
    (
        (4, "Die Verwaltung und Wirtschaftsförderung als Lotse und Enabler"),
        [(5, "Digitalisierung von ausgewählten Verwaltungsservices für Unternehmen")],
    ),
    (
        (5, "Ressourceneffizienz in der Wirtschaft fördern"),
        [(7, "Auf- und Ausbau von Unternehmensnetzwerken für Klimaschutz und Energieeffizienz")],
    ),
    ((6, "Infrastruktur und Raum als Erfolgsfaktoren ausbauen"), []),
]


def financing_line(year, available, required, **extra):
    shortfall = f"{float(required) - float(available):.2f}"  # test data only; the renderer never sees a float
    return {
        "year": year,
        "available": available,
        "required": required,
        "shortfall": shortfall,
        "budget_part": "Ergebnishaushalt",
        "product_group": "1110",
        "department": "L-01",
        "account_label": "Geschäftsaufwendungen (anteilig am Budget Wirtschaftsförderung)",
        "remark": "",
        "coverage_proposal": "",
        "sources": [],
        **extra,
    }


CONTENT = {
    "version": 1,
    "number": "AUT_18/2025",
    "kind": "Sachstandsbericht",
    "title": "Zukunftsstrategie für den Wirtschaftsstandort",
    "subtitle": "Sachstandsbericht",
    "addressees": "Mitglieder des Ausschusses für Umwelt und Technik",
    "body": "Ausschuss für Umwelt und Technik",
    "meeting_date": "2025-05-26",
    "public": True,
    "decision_proposal": "Kenntnisnahme",
    "consultations": [
        {
            "body": "Ausschuss für Umwelt und Technik",
            "competence": "Kenntnisnahme",
            "date": "2025-05-26",
            "public": True,
        }
    ],
    "financing": {
        "lines": [
            financing_line(
                2025,
                "72577.00",
                "72577.00",
                account_label="Aufwendungen für sonstige Sach- und Dienstleistungen",
                remark="Das verfügbare Budget 2025 setzt sich zusammen aus dem Planansatz von 20.000 € (Umsetzung von "
                "Projekten) und einem Ermächtigungsübertrag aus 2024 in Höhe von 52.577 € (Durchführung des "
                "Strategieprozesses).",
                sources=[
                    {"kind": "Planansatz", "amount": "20000.00", "origin_year": None, "purpose": "Umsetzung"},
                    {"kind": "Ermächtigungsübertrag", "amount": "52577.00", "origin_year": 2024, "purpose": "Prozess"},
                ],
            ),
            financing_line(
                2026,
                "0.00",
                "20000.00",
                coverage_proposal="Der Mehrbedarf wird in den Haushaltsentwurf 2026 aufgenommen.",
            ),
            financing_line(2027, "0.00", "20000.00"),
            financing_line(2028, "0.00", "20000.00"),
        ],
        "available": "72577.00",
        "required": "132577.00",
        "shortfall": "60000.00",
    },
    "climate": {
        "result": "Bei Verwendung des derzeitigen Tools konnte bei dieser Vorlage keine Klimaauswirkung festgestellt "
        "werden.",
        "partial_results": "Strategie: ++",
        "reasoning": "Da es sich bei dieser Vorlage nur um eine Kenntnisnahme des Zwischenstands handelt, folgen "
        "daraus noch keine Klimaauswirkungen.",
    },
    "introduction": "",
    "background": "Mit seiner aktuellen Wirtschaftsstruktur ist der Landkreis Ludwigsburg dem fortschreitenden "
    "Strukturwandel besonders ausgesetzt.",
    "process_objectives": [
        "Erarbeitung einer Zukunftsvision für den Wirtschaftsstandort Landkreis Ludwigsburg",
        "Identifikation von neuen Branchen- und Technologieschwerpunkten",
    ],
    "phases": [
        {"number": 1, "title": "Analyse", "status": "abgeschlossen", "description": "", "events": EVENTS[:4]},
        {
            "number": 2,
            "title": "Strategische Ziele und Eckpunkte",
            "status": "abgeschlossen",
            "description": "",
            "events": [],
        },
        {"number": 3, "title": "Projektentwicklung", "status": "aktiv", "description": "", "events": EVENTS[4:]},
        {"number": 4, "title": "Umsetzung", "status": "geplant", "description": "", "events": []},
    ],
    "events": EVENTS,
    "goals": [
        {
            "number": 1,
            "statement": "Der Wirtschaftsstandort Landkreis Ludwigsburg hat sich als attraktiver, "
            "innovativer Standort mit einer eigenen Identität etabliert",
        },
        {"number": 2, "statement": "Industrielle Transformationsprozesse werden gezielt stimuliert."},
        {"number": 3, "statement": "Es existieren Rahmenbedingungen für neue Branchen."},
        {"number": 4, "statement": "Die kommunale Verwaltung wird als Impulsgeber wahrgenommen."},
    ],
    "action_fields": [
        {
            "number": number,
            "title": title,
            "short_title": title,
            "projects": [
                {"number": p, "title": t, "status": "in Qualifizierung", "traffic_light": "", "progress": None}
                for p, t in projects
            ],
        }
        for (number, title), projects in ACTION_FIELDS
    ],
    "next_steps": "Nach aktuellem Planungsstand ist davon auszugehen, dass die Zukunftsstrategie im Herbst dem "
    "Ausschuss für Umwelt und Technik final präsentiert werden kann.",
    "attachments": [
        {"number": 1, "title": "Sounding Board"},
        {"number": 2, "title": "Ergebnisse der Online-Befragung"},
        {"number": 3, "title": "Ergebnisse der Strategiewerkstatt"},
        {"number": 4, "title": "Strategiehaus"},
    ],
    "changes": None,
    "generated_at": "2025-05-10T12:00:00+02:00",
}


def docx_lines(data):
    """Every paragraph, then every table cell, of a DOCX file; no-break spaces read as spaces."""
    document = Document(io.BytesIO(data))
    lines = [paragraph.text for paragraph in document.paragraphs]
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return [line.replace(NBSP, " ") for line in lines], [cell.replace(NBSP, " ") for cell in cells]


def pdf_text(data):
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)
    return " ".join(text.replace(NBSP, " ").split())


def test_docx_carries_the_header_of_aut_18_2025():
    paragraphs, cells = docx_lines(render_docx(CONTENT))

    assert paragraphs[0] == "Vorlage AUT_18/2025"
    assert "zur öffentlichen Sitzung des Ausschusses für Umwelt und Technik" in paragraphs
    assert "am 26.05.2025" in paragraphs
    assert "Mitglieder des Ausschusses für Umwelt und Technik" in paragraphs
    assert "- Sachstandsbericht -" in paragraphs
    assert "4: Strategiehaus" in paragraphs
    assert cells[4:8] == ["Ausschuss für Umwelt und Technik", "Kenntnisnahme", "26.05.2025", "öffentlich"]


# The Finanzierung table of AUT_18/2025 row by row, as the original has it (../shared/seed/vorlage-aut-18-2025.txt).
ORIGINAL_FINANCING = [
    ["Verfügbares Budget", "Jahr", "Finanzierungsbedarf", "Finanzhaushalt", "", "Fachbereich:"],
    ["72.577 €", "2025", "72.577 €", "Ergebnishaushalt", "x", "L-01"],
    ["0 €", "2026", "20.000 €", "Produktgruppe/Investitionsauftrag: 1110", "", ""],
    ["0 €", "2027", "20.000 €", "", "", ""],
    ["0 €", "2028", "20.000 €", "", "", ""],
    ["", "spätere", "", "", "", ""],
    ["72.577 €", "Summe", "132.577 €", "", "", ""],
]


def test_the_financing_table_has_the_originals_columns_and_rows_in_docx_and_pdf():
    document = Document(io.BytesIO(render_docx(CONTENT)))
    table = next(table for table in document.tables if table.rows[0].cells[0].text == "Verfügbares Budget")
    rows = [[cell.text.replace(NBSP, " ") for cell in row.cells] for row in table.rows]

    assert rows[: len(ORIGINAL_FINANCING)] == ORIGINAL_FINANCING
    assert table.rows[1].cells[0].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT  # amounts right-aligned
    assert '<w:tblHeader w:val="true"/>' in table.rows[0]._tr.xml
    # Fixed column widths that fit the page (Word's equal widths broke "Finanzierungs|bedarf" and "Sum|me").
    assert '<w:tblLayout w:type="fixed"/>' in table._tbl.xml
    widths = [column.width.cm for column in table.columns]
    assert sum(widths) <= 16.5 and widths[2] > widths[1] > widths[4]
    html = render_to_string("reports/paper_preview.html", {"content": CONTENT})
    text = pdf_text(render_pdf(html, base_url="http://testserver/")).replace("/ ", "/")  # a cell's line break
    for row in ORIGINAL_FINANCING:
        assert " ".join(cell for cell in row if cell) in text
    assert "Mehrbedarf:" not in text  # not in the original's table


def test_docx_carries_the_financing_figures():
    _paragraphs, cells = docx_lines(render_docx(CONTENT))

    assert any("Ermächtigungsübertrag aus 2024 in Höhe von 52.577 €" in cell for cell in cells)
    assert any(cell.startswith("Bezeichnung: 2025: Aufwendungen") and "2026 ff.: Geschäfts" in cell for cell in cells)
    assert any("keine Klimaauswirkung festgestellt" in cell for cell in cells)


def test_docx_lists_all_seven_projects_under_their_action_fields_and_the_five_events():
    paragraphs, _cells = docx_lines(render_docx(CONTENT))

    for (number, title), projects in ACTION_FIELDS:
        start = paragraphs.index(f"Handlungsfeld {number}: {title}")
        following = paragraphs[start + 1 : start + 1 + len(projects)]
        assert following == [f"Projekt {p}: {t} (in Qualifizierung)" for p, t in projects]
    assert sum(line.startswith("Projekt ") for line in paragraphs) == 7
    assert "Strategisches Ziel 4: Die kommunale Verwaltung wird als Impulsgeber wahrgenommen." in paragraphs
    assert "01.10.2024: Kick-off-Veranstaltung (Teilnehmende: über 60)" in paragraphs
    assert "14.01.2025: Strategiewerkstatt (Teilnehmende: rund 40)" in paragraphs
    assert "25.02.2025 – 16.03.2025: Unternehmensbefragung (Teilnehmende: rund 190)" in paragraphs
    assert "25.03.2025: Unternehmensworkshop (Teilnehmende: 15)" in paragraphs
    assert "30.04.2025: Zukunftswerkstatt" in paragraphs
    assert "Änderungen seit der letzten Vorlage" not in paragraphs


def test_docx_of_a_later_paper_shows_the_changes_and_a_closed_session():
    content = copy.deepcopy(CONTENT)
    content.update(
        number="AUT_7/2026",
        public=False,
        changes={
            "since": "AUT_18/2025",
            "new_projects": ["Projekt 8: Flächenmanagement"],
            "status_changes": ["Projekt 1: in Qualifizierung → in Umsetzung"],
            "traffic_light_changes": [],
            "budget_changes": ["2026: Verfügbares Budget 0,00 € → 20.000,00 €"],
        },
    )

    paragraphs, _cells = docx_lines(render_docx(content))

    assert "zur nichtöffentlichen Sitzung des Ausschusses für Umwelt und Technik" in paragraphs
    start = paragraphs.index("Änderungen seit der letzten Vorlage")
    assert paragraphs[start + 1] == "Gegenüber der Vorlage AUT_18/2025:"
    assert "Projekt 8: Flächenmanagement" in paragraphs[start:]
    assert "Projekt 1: in Qualifizierung → in Umsetzung" in paragraphs[start:]
    assert "Ampeländerungen:" not in paragraphs


def test_dates_are_written_the_german_way():
    assert format_date("2025-05-26") == "26.05.2025"
    assert format_date(None) == ""


def test_pdf_is_rendered_from_html():
    html = "<html><body><h1>Vorlage AUT_18/2025</h1><p>Summe 132.577 €</p><img src='https://example.org/x.png'></body></html>"

    text = pdf_text(render_pdf(html))

    assert "Vorlage AUT_18/2025" in text
    assert "132.577 €" in text


@pytest.fixture
def paper(seeded):
    return CommitteePaper.objects.get(number="AUT_18/2025")


def test_docx_download_of_the_seeded_paper(paper, client, admin_user_role):
    client.force_login(admin_user_role)

    response = client.get(reverse("reports:committeepaper-docx", args=[paper.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert response["Content-Disposition"] == 'attachment; filename="AUT_18-2025.docx"'
    paragraphs, cells = docx_lines(response.content)
    assert paragraphs[0] == "Vorlage AUT_18/2025"
    assert "am 26.05.2025" in paragraphs
    assert {"72.577 €", "132.577 €", "Ausschuss für Umwelt und Technik"} <= set(cells)
    assert sum(line.startswith("Projekt ") for line in paragraphs) == 7
    assert_projects_under_their_fields_and_all_events(" \n".join(paragraphs))


def test_pdf_download_of_the_seeded_paper(paper, client, admin_user_role):
    client.force_login(admin_user_role)

    response = client.get(reverse("reports:committeepaper-pdf", args=[paper.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="AUT_18-2025.pdf"'
    text = pdf_text(response.content)
    for word in ("AUT_18/2025", "Ausschuss für Umwelt und Technik", "26.05.2025", "72.577 €", "132.577 €"):
        assert word in text
    assert_projects_under_their_fields_and_all_events(text)


def assert_projects_under_their_fields_and_all_events(text):
    """Every seeded project appears after its action field's heading, and every participation event appears."""
    text = re.sub(r"\s+", " ", text.replace("\xa0", " "))
    seed = seed_document()
    fields = {field["slug"]: field["title"] for field in seed["action_fields"]}
    for project in seed["projects"]:
        field_at = text.index(fields[project["action_field"]])
        assert text.index(project["title"], field_at) > field_at, project["title"]
    for event in seed["participation_events"]:
        assert event["title"] in text


def test_downloads_need_a_login(paper, client):
    response = client.get(reverse("reports:committeepaper-docx", args=[paper.pk]))

    assert response.status_code == 302


def test_the_pdf_is_tagged_pdf_ua_with_title_language_and_xmp_metadata(paper, client, admin_user_role):
    client.force_login(admin_user_role)

    reader = pypdf.PdfReader(io.BytesIO(client.get(reverse("reports:committeepaper-pdf", args=[paper.pk])).content))

    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert catalog["/Lang"] == "de"
    assert reader.metadata.title.startswith("Vorlage AUT_18/2025")
    xmp = catalog["/Metadata"].get_object().get_data().decode()
    assert re.search(r'pdfuaid:part(="1"|>1<)', xmp)  # PDF/UA-1, as attribute or element


def test_every_pdf_page_names_the_paper_and_counts_its_pages(paper, client, admin_user_role):
    client.force_login(admin_user_role)

    response = client.get(reverse("reports:committeepaper-pdf", args=[paper.pk]))
    pages = pypdf.PdfReader(io.BytesIO(response.content)).pages

    assert len(pages) > 1
    for number, page in enumerate(pages, start=1):
        text = " ".join(page.extract_text().split())
        assert "Vorlage AUT_18/2025" in text, number
        assert f"Seite {number} von {len(pages)}" in text, number


def test_the_docx_is_a4_in_german_with_the_paper_in_its_header_page_fields_and_properties(
    paper, client, admin_user_role
):
    client.force_login(admin_user_role)

    document = Document(io.BytesIO(client.get(reverse("reports:committeepaper-docx", args=[paper.pk])).content))

    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert section.header.paragraphs[0].text == "Vorlage AUT_18/2025"
    footer = section.footer.paragraphs[0]._p.xml
    assert "Seite " in footer and " von " in footer
    assert [text.strip() for text in re.findall(r"<w:instrText[^>]*>([^<]*)<", footer)] == ["PAGE", "NUMPAGES"]
    assert 'w:val="de-DE"' in document.styles.element.xml
    properties = document.core_properties
    assert properties.title.startswith("Vorlage AUT_18/2025: ")
    assert (properties.author, properties.language) == ("Kreiswirtschaftsförderung Landkreis Ludwigsburg", "de-DE")
    assert properties.created.year >= 2026 and properties.last_modified_by != "python-docx"


def test_the_changes_list_a_renamed_and_a_removed_project_in_docx_and_pdf():
    previous = copy.deepcopy(CONTENT)
    content = copy.deepcopy(CONTENT)
    projects = [project for field in content["action_fields"] for project in field["projects"]]
    renamed, removed = projects[0], projects[1]
    old_title, renamed["title"] = renamed["title"], "Neuer Projekttitel"
    for field in content["action_fields"]:
        field["projects"] = [project for project in field["projects"] if project["number"] != removed["number"]]
    content["number"] = "AUT_30/2025"
    content["changes"] = changes_since(previous, content)

    paragraphs, _cells = docx_lines(render_docx(content))
    text = pdf_text(render_pdf(render_to_string("reports/paper_preview.html", {"content": content})))

    rename = f"Projekt {renamed['number']}: „{old_title}“ → „Neuer Projekttitel“"
    gone = f"Projekt {removed['number']}: {removed['title']}"
    for document in (" ".join(paragraphs), text):
        assert "Nicht mehr enthaltene Projekte" in document and gone in document
        assert "Umbenannte Projekte" in document and rename in " ".join(document.split())


def test_the_docx_marks_its_structure_with_word_heading_styles_drawn_like_the_pdf():
    document = Document(io.BytesIO(render_docx(CONTENT)))
    styled = {paragraph.text: paragraph.style.name for paragraph in document.paragraphs}

    assert styled["Zukunftsstrategie für den Wirtschaftsstandort"] == "Title"
    for part in ("Beschlussvorschlag:", "Beratungsfolge:", "Finanzierung:", "Klima-Auswirkung:"):
        assert styled[part] == "Heading 1", part
    assert styled["1. Strategieprozess im Überblick"] == "Heading 2"
    paragraphs = document.paragraphs
    fields = [index for index, paragraph in enumerate(paragraphs) if paragraph.text.startswith("Handlungsfeld ")]
    assert len(fields) == 6 and {paragraphs[index].style.name for index in fields} == {"Heading 3"}
    after_first = paragraphs[fields[0] + 1]
    assert after_first.style.name == "List Bullet" and after_first.text.startswith("Projekt ")
    heading = document.styles["Heading 1"]
    assert (heading.font.name, str(heading.font.color.rgb), heading.font.bold) == ("Arial", "000000", True)
    assert "asciiTheme" not in heading.element.xml  # Word would draw its theme font instead
