"""The committee paper as files: DOCX laid out like the office's Vorlage, PDF from the HTML preview.

Both renderers read only the paper's content dict (reports.paper.compose_paper / the finalised snapshot), never the
database, so a finalised paper renders the same figures however the data changes later.
"""

from __future__ import annotations

import io
import mimetypes
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.utils import timezone, translation
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from reports.paper import NON_PUBLIC_MARK, Cell, PaperContent, change_sections, financing_table, genitive
from strategy_portal.formatting import format_date

if TYPE_CHECKING:
    # python-docx has no type information: these name what the functions pass around.
    from docx.document import Document as WordDocument
    from docx.table import Table
    from docx.text.paragraph import Paragraph

# A part of the paper's content (reports/paper.py): a JSON object.
Part = dict[str, Any]

DOCX_MIME_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_MIME_TYPE = "application/pdf"


def event_dates(event: Part) -> str:
    start, end = format_date(event.get("start_date")), format_date(event.get("end_date"))
    return f"{start} – {end}" if end and end != start else start


def event_line(event: Part) -> str:
    """ "01.10.2024: Kickoff-Veranstaltung (Teilnehmende: über 60)"."""
    line = f"{event_dates(event)}: {event['title']}"
    if event.get("participants"):
        line += f" (Teilnehmende: {event['participants']})"
    return line


def project_line(project: Part) -> str:
    """ "Projekt 1: … (in Qualifizierung, Ampel grün)"."""
    details = [project.get("status") or ""]
    if project.get("traffic_light"):
        details.append(f"Ampel {project['traffic_light']}")
    if project.get("progress") is not None:
        details.append(f"Fortschritt {project['progress']} %")
    text = ", ".join(detail for detail in details if detail)
    return f"Projekt {project['number']}: {project['title']}" + (f" ({text})" if text else "")


# DOCX


def render_docx(content: PaperContent) -> bytes:
    """The paper as a Word document (bytes), in the order and layout of the office's Vorlage."""
    with translation.override("de"):
        document = Document()
        document.styles["Normal"].font.name = "Arial"
        document.styles["Normal"].font.size = Pt(11)
        _page_setup(document, content)
        _styles(document)
        _properties(document, content)
        _header(document, content)
        _decision(document, content)
        _financing(document, content.get("financing") or {})
        _climate(document, content.get("climate") or {})
        _facts(document, content)
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()


OFFICE = "Kreiswirtschaftsförderung Landkreis Ludwigsburg"


def _page_setup(document: WordDocument, content: PaperContent) -> None:
    """A4 with the margins of the PDF (static/css/paper.css), the Vorlage number in every page's header and "Seite x
    von y" (Word's PAGE and NUMPAGES fields) in every footer; German as the language of every style."""
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin = section.bottom_margin = section.right_margin = Cm(2)
    section.left_margin = Cm(2.5)
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    header.add_run(f"Vorlage {content.get('number') or ''}").font.size = Pt(9)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for text, field in (("Seite ", "PAGE"), (" von ", "NUMPAGES")):
        footer.add_run(text).font.size = Pt(9)
        _field(footer, field)
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_properties = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")) if defaults is not None else None
    if run_properties is not None:
        language = run_properties.find(qn("w:lang"))
        if language is None:
            language = OxmlElement("w:lang")
            run_properties.append(language)
        for attribute in ("w:val", "w:eastAsia", "w:bidi"):
            language.set(qn(attribute), "de-DE")


# Word's heading styles in the paper's look (the PDF's h1–h3, static/css/paper.css): Arial, black, bold, 11–13 pt.
HEADING_SIZES = {"Title": 13, "Heading 1": 11, "Heading 2": 11, "Heading 3": 11}


def _styles(document: WordDocument) -> None:
    """Real heading styles (the navigation pane, a table of contents and screen readers find the structure), drawn
    like the PDF's headings instead of Word's blue theme fonts."""
    for name, size in HEADING_SIZES.items():
        style = document.styles[name]
        font = style.font
        font.name, font.size, font.bold, font.italic = "Arial", Pt(size), True, False
        font.color.rgb = RGBColor(0, 0, 0)
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(theme), None)
        properties = style.element.get_or_add_pPr()
        for border in properties.findall(qn("w:pBdr")):
            properties.remove(border)
        style.paragraph_format.space_before, style.paragraph_format.space_after = Pt(12), Pt(4)
    document.styles["Title"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _field(paragraph: Paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice fill in when they lay out the pages."""
    run = paragraph.add_run()
    run.font.size = Pt(9)
    for kind, text in (("begin", None), (None, instruction), ("separate", None), (None, "1"), ("end", None)):
        if kind is not None:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText" if text == instruction else "w:t")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _properties(document: WordDocument, content: PaperContent) -> None:
    properties = document.core_properties
    properties.title = f"Vorlage {content.get('number') or ''}: {content.get('title') or ''}".strip()
    properties.subject = content.get("subtitle") or content.get("title") or ""
    properties.author = properties.last_modified_by = OFFICE
    properties.language = "de-DE"
    properties.keywords = "Sitzungsvorlage"
    properties.comments = ""
    properties.created = properties.modified = timezone.now()
    properties.revision = 1


def _text(
    document: WordDocument, text: object, bold: bool = False, italic: bool = False, style: str | None = None
) -> Paragraph | None:
    """One paragraph per block of `text` separated by blank lines; a single paragraph for one-line text."""
    blocks = [block.strip() for block in str(text or "").split("\n\n") if block.strip()] or [""]
    paragraph = None
    for block in blocks:
        paragraph = document.add_paragraph(style=style)
        run = paragraph.add_run(block)
        run.bold, run.italic = bold, italic
    return paragraph


def _label(document: WordDocument, text: str) -> Paragraph | None:
    return _text(document, text, bold=True)


def _section(document: WordDocument, text: str) -> None:
    """A part of the Landkreis' form (Beschlussvorschlag, Beratungsfolge, …): the PDF's h2, Word's Heading 1."""
    document.add_heading(text, level=1)


def _bullets(document: WordDocument, lines: Iterable[object]) -> None:
    for line in lines:
        document.add_paragraph(str(line), style="List Bullet")


def _table(document: WordDocument, rows: Sequence[Sequence[object]], header: bool = True) -> Table:
    table = document.add_table(rows=len(rows), cols=max(len(row) for row in rows))
    table.style = "Table Grid"
    for row_cells, row in zip(table.rows, rows, strict=True):
        for cell, value in zip(row_cells.cells, row, strict=False):
            cell.text = str(value)
    if header:
        for cell in table.rows[0].cells:
            for run in cell.paragraphs[0].runs:
                run.bold = True
    return table


def _header(document: WordDocument, content: PaperContent) -> None:
    if content.get("non_public"):
        _mark_non_public(document)
    number = document.add_paragraph()
    number.add_run(f"Vorlage {content['number']}").bold = True
    if content.get("body"):
        publicity = "öffentlichen" if content.get("public", True) else "nichtöffentlichen"
        document.add_paragraph(f"zur {publicity} Sitzung des {genitive(content.get('body'))}")
    if content.get("meeting_date"):
        document.add_paragraph(f"am {format_date(content['meeting_date'])}")
    if content.get("attachments"):
        _label(document, "Anlagen")
        _bullets(document, _attachment_lines(content))
    if content.get("addressees"):
        document.add_paragraph("An die")
        document.add_paragraph(content["addressees"])
    document.add_paragraph(content.get("title") or "", style="Title")
    if content.get("subtitle"):
        subtitle = document.add_paragraph()
        subtitle.alignment = WD_ALIGN_PARAGRAPH.CENTER
        subtitle.add_run(f"- {content['subtitle']} -").bold = True


def _mark_non_public(document: WordDocument) -> None:
    """The committee's version: the marking above the paper and in every page's header."""
    mark = str(NON_PUBLIC_MARK)
    marking = document.add_paragraph()
    marking.alignment = WD_ALIGN_PARAGRAPH.CENTER
    marking.add_run(mark).bold = True
    header = document.sections[0].header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    header.add_run(mark).bold = True


def _attachment_lines(content: PaperContent) -> list[str]:
    return [f"{attachment['number']}: {attachment['title']}" for attachment in content.get("attachments") or []]


def _decision(document: WordDocument, content: PaperContent) -> None:
    _section(document, "Beschlussvorschlag:")
    _text(document, content.get("decision_proposal"))
    consultations = content.get("consultations") or []
    if consultations:
        _section(document, "Beratungsfolge:")
        rows = [[Cell(text) for text in ("Gremium", "Zuständigkeit", "Sitzungsdatum", "Öffentlichkeitsstatus")]]
        for row in consultations:
            status = "öffentlich" if row.get("public", True) else "nichtöffentlich"
            texts = (row.get("body") or "", row.get("competence") or "", format_date(row.get("date")), status)
            rows.append([Cell(text) for text in texts])
        _cells_table(document, rows, CONSULTATION_WIDTHS)


# Column widths (cm) that fit their content on the 16,5 cm of an A4 page between the margins.
FINANCING_WIDTHS = (2.9, 1.8, 4.0, 4.0, 0.6, 3.2)
CONSULTATION_WIDTHS = (5.2, 3.0, 3.3, 5.0)
TABLE_TEXT = Pt(10)  # as the PDF's table cells (static/css/paper.css)


def _financing(document: WordDocument, financing: Part) -> None:
    rows = financing_table(financing)
    if rows:
        _section(document, "Finanzierung:")
        _cells_table(document, rows, FINANCING_WIDTHS)


def _cells_table(document: WordDocument, rows: Sequence[Sequence[Cell]], widths: Sequence[float]) -> Table:
    """A table of Cells (reports.paper) as the PDF shows it: spans merged, amounts right-aligned, bold where bold,
    the header row repeated on every page, each column as wide as `widths` says."""
    table = document.add_table(rows=len(rows), cols=len(widths))
    table.style = "Table Grid"
    table.autofit = False
    for row_index, (word_row, row) in enumerate(zip(table.rows, rows, strict=True)):
        column = 0
        for cell in row:
            target = word_row.cells[column]
            if cell.span > 1:
                target = target.merge(word_row.cells[column + cell.span - 1])
            paragraph = target.paragraphs[0]
            if cell.label:
                label = paragraph.add_run(f"{cell.label} ")
                label.bold, label.font.size = True, TABLE_TEXT
            run = paragraph.add_run(cell.text)
            run.bold, run.font.size = cell.bold or row_index == 0, TABLE_TEXT
            if cell.amount:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            column += cell.span
        for word_cell, width in zip(word_row.cells, widths, strict=True):
            word_cell.width = Cm(width)
    for word_column, width in zip(table.columns, widths, strict=True):
        word_column.width = Cm(width)  # the table's grid, which LibreOffice lays out by
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    _repeat_header(table)
    return table


def _repeat_header(table: Table) -> None:
    properties = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _climate(document: WordDocument, climate: Part) -> None:
    if not any(climate.get(key) for key in ("result", "partial_results", "reasoning")):
        return
    _section(document, "Klima-Auswirkung:")
    table = _table(
        document,
        [
            ("Gesamtergebnis des KlimaChecks:", "Teilergebnis(se) des KlimaChecks:"),
            (climate.get("result") or "", climate.get("partial_results") or ""),
            ("Begründung / Einordnung / Alternativen-Prüfung:", ""),
            (climate.get("reasoning") or "", ""),
        ],
    )
    for row in (2, 3):
        merged = table.cell(row, 0).merge(table.cell(row, 1))
        merged.text = (
            "Begründung / Einordnung / Alternativen-Prüfung:" if row == 2 else (climate.get("reasoning") or "")
        )
    table.cell(2, 0).paragraphs[0].runs[0].bold = True


def _facts(document: WordDocument, content: PaperContent) -> None:
    _section(document, "Sachverhalt und Begründung:")
    if content.get("introduction"):
        _text(document, content["introduction"])
    _process(document, content)
    _interim_results(document, content)
    if content.get("next_steps"):
        document.add_heading("3. Weitere Schritte", level=2)
        _text(document, content["next_steps"])
    if content.get("changes"):
        _changes(document, content["changes"])
    if content.get("attachments"):
        _label(document, "Anlagen:")
        _bullets(document, _attachment_lines(content))


def _process(document: WordDocument, content: PaperContent) -> None:
    document.add_heading("1. Strategieprozess im Überblick", level=2)
    if content.get("background"):
        _text(document, content["background"])
    if content.get("process_objectives"):
        document.add_paragraph("Die wichtigsten Ziele des Strategieprozesses sind")
        _bullets(document, content["process_objectives"])
    shown: set[tuple[str | None, str | None]] = set()
    for phase in content.get("phases") or []:
        status = f" ({phase['status']})" if phase.get("status") else ""
        document.add_heading(f"Phase {phase['number']}: {phase['title']}{status}", level=3)
        if phase.get("description"):
            _text(document, phase["description"])
        _events(document, phase.get("events") or [])
        shown.update(_event_key(event) for event in phase.get("events") or [])
    others = [event for event in content.get("events") or [] if _event_key(event) not in shown]
    if others:
        document.add_heading("Beteiligungsformate", level=3)
        _events(document, others)


def _event_key(event: Part) -> tuple[str | None, str | None]:
    return event.get("title"), event.get("start_date")


def _events(document: WordDocument, events: Iterable[Part]) -> None:
    for event in events:
        document.add_paragraph(event_line(event), style="List Bullet")
        if event.get("outcomes"):
            _text(document, event["outcomes"])


def _interim_results(document: WordDocument, content: PaperContent) -> None:
    goals, fields = content.get("goals") or [], content.get("action_fields") or []
    if not goals and not fields:
        return
    document.add_heading("2. Zukunftsstrategie – Zwischenergebnisse", level=2)
    for goal in goals:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"Strategisches Ziel {goal['number']}: ").bold = True
        paragraph.add_run(goal.get("statement") or "")
    for field in fields:
        # A heading of its own with its projects as a list below, as the PDF shows them (not one flat list).
        document.add_heading(f"Handlungsfeld {field['number']}: {field['title']}", level=3)
        projects = field.get("projects") or []
        if projects:
            _bullets(document, [project_line(project) for project in projects])
        else:
            document.add_paragraph("Noch keine Projekte.")


def _changes(document: WordDocument, changes: Part) -> None:
    document.add_heading("Änderungen seit der letzten Vorlage", level=2)
    if changes.get("since"):
        document.add_paragraph(f"Gegenüber der Vorlage {changes['since']}:")
    sections = change_sections(changes)
    for heading, lines in sections:
        _label(document, f"{heading}:")
        _bullets(document, lines)
    if not sections:
        document.add_paragraph("Keine Änderungen.")


# PDF


def render_pdf(html: str, base_url: str | None = None) -> bytes:
    """The HTML (the paper's preview page) as PDF bytes; stylesheets and images under STATIC_URL and MEDIA_URL are
    read from disk, nothing is fetched over the network.

    WeasyPrint is imported here: it loads Pango when imported, and the site must start without it.
    """
    import weasyprint
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LocalFetcher(URLFetcher):
        def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
            parts = urlsplit(url)
            if parts.scheme == "data":
                return super().fetch(url, headers)
            local = _local_file(parts.path) if parts.scheme in {"http", "https", "file"} else None
            if local is None:
                raise ValueError(f"Not a static or media file of the site: {url}")
            mime_type = mimetypes.guess_type(local)[0] or "application/octet-stream"
            return URLFetcherResponse(url, local.read_bytes(), {"Content-Type": mime_type})

    # PDF/UA-1: tagged, with a structure tree, the document's title and language and XMP metadata (BITV 2.0).
    document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=LocalFetcher())
    return document.write_pdf(pdf_variant="pdf/ua-1")


def _local_file(path: str) -> Path | None:
    """The file on disk behind a site path such as "/static/css/paper.css", or None."""
    static, media = "/" + settings.STATIC_URL.lstrip("/"), "/" + settings.MEDIA_URL.lstrip("/")
    if path.startswith(static):
        name = path.removeprefix(static)
        found = finders.find(name)
        # In production the page names the collected copy with its content hash (paper.3f2a….css).
        return Path(found) if found else _file_under(settings.STATIC_ROOT, name)
    if path.startswith(media):
        return _file_under(settings.MEDIA_ROOT, path.removeprefix(media))
    return None


def _file_under(root: str | Path | None, name: str) -> Path | None:
    if not root:
        return None
    directory = Path(root).resolve()
    candidate = (directory / name).resolve()
    return candidate if candidate.is_file() and candidate.is_relative_to(directory) else None
