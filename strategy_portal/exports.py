"""A table as a download: CSV for German Excel or XLSX, from the same headers and rows.

Cells are typed Python values: `Decimal` (money, euros with cents), `datetime.date`, `int` (years, numbers), `str` or
None. CSV writes them the German way (semicolons, decimal comma, dd.mm.yyyy) with a byte order mark, so Excel opens
the umlauts and the columns right; XLSX writes numbers and dates as typed cells with German number formats. Money
stays a Decimal, rounded half up to cents, up to the file: openpyxl writes a number with 16 significant digits, exact
for every amount the money fields hold (at most 14 digits).

Both writers take the rows one at a time: `table_response` holds a small table in memory, `streaming_table_response`
streams CSV line by line and writes XLSX row by row (openpyxl's write-only mode) to a temporary file, so a list of
10.000 projects is never held in memory as a whole.
"""

import csv
import datetime
import io
import re
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import IO, TypeVar

from django.http import FileResponse, Http404, HttpResponse, HttpResponseBase, StreamingHttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
CENT = Decimal("0.01")
MONEY_FORMAT = '#,##0.00 "€"'
DATE_FORMAT = "DD.MM.YYYY"
DATETIME_FORMAT = "DD.MM.YYYY HH:MM"
# A text cell starting with one of these is read as a formula by spreadsheet programs (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# A row of cells; a value of another type than those above is written as its text (str()).
Row = Iterable[object]
Headers = Sequence[object]  # read twice for XLSX (widths, then the header row)
XlsxValue = Decimal | datetime.date | int | str | None
Response = TypeVar("Response", bound=HttpResponseBase)


def table_response(filename: str, headers: Headers, rows: Iterable[Row], *, format: str) -> HttpResponse:
    """An attachment `filename.csv` or `filename.xlsx` holding `headers` and `rows`; Http404 for another format."""
    check_format(format)
    content = csv_bytes(headers, rows) if format == "csv" else xlsx_bytes(headers, rows, title=filename)
    return _attachment(HttpResponse(content, content_type=FORMATS[format]), filename, format)


def streaming_table_response(filename: str, headers: Headers, rows: Iterable[Row], *, format: str) -> HttpResponseBase:
    """Like `table_response` for many rows (an iterator, read once): CSV streams as the rows come, XLSX is written
    row by row to a temporary file that the response then sends."""
    check_format(format)
    if format == "csv":
        response: HttpResponseBase = StreamingHttpResponse(csv_chunks(headers, rows), content_type=FORMATS[format])
    else:
        file = tempfile.TemporaryFile()  # noqa: SIM115 - the response closes (and so deletes) it once sent
        write_xlsx(file, headers, rows, title=filename)
        file.seek(0)
        response = FileResponse(file, content_type=FORMATS[format])
    return _attachment(response, filename, format)


def check_format(format: str) -> None:
    if format not in FORMATS:
        raise Http404(f"Unknown export format {format!r}")


def _attachment(response: Response, filename: str, format: str) -> Response:
    response["Content-Disposition"] = content_disposition_header(True, f"{filename}.{format}")
    return response


# CSV ----------------------------------------------------------------------------------------------------------------


class _Line:
    """A file for csv.writer that hands back what was written instead of keeping it."""

    def write(self, text: str) -> str:
        return text


def csv_chunks(headers: Headers, rows: Iterable[Row]) -> Iterator[bytes]:
    """The CSV file as bytes, one line at a time; the first begins with the byte order mark."""
    writer = csv.writer(_Line(), delimiter=";", lineterminator="\r\n")
    yield "\N{BYTE ORDER MARK}".encode() + writer.writerow([csv_text(header) for header in headers]).encode()
    for row in rows:
        yield writer.writerow([csv_text(cell) for cell in row]).encode()


def csv_bytes(headers: Headers, rows: Iterable[Row]) -> bytes:
    return b"".join(csv_chunks(headers, rows))


def csv_text(value: object) -> str:
    """A cell as German Excel reads it: 72577,00 · 26.05.2025 · text that cannot turn into a formula."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{cents(value):f}".replace(".", ",")
    if isinstance(value, datetime.datetime):
        return _local(value).strftime("%d.%m.%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) and not _is_number(text) else text


def _is_number(text: str) -> bool:
    return text.lstrip("+-").replace(",", "").replace(".", "").isdigit()


def _local(moment: datetime.datetime) -> datetime.datetime:
    """Berlin time without a time zone: Excel knows no time zones."""
    return timezone.localtime(moment).replace(tzinfo=None) if timezone.is_aware(moment) else moment


# XLSX ---------------------------------------------------------------------------------------------------------------


def xlsx_bytes(headers: Headers, rows: Iterable[Row], *, title: str = "") -> bytes:
    buffer = io.BytesIO()
    write_xlsx(buffer, headers, rows, title=title)
    return buffer.getvalue()


def write_xlsx(file: IO[bytes], headers: Headers, rows: Iterable[Row], *, title: str = "") -> None:
    """One sheet with a bold, frozen header row; written row by row, so the rows are never all in memory."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(re.sub(r"[][:*?/\\]", "", title)[:31] or "Export")  # what Excel allows
    _fit_columns(sheet, headers)  # a write-only sheet takes column styles before its rows only
    sheet.freeze_panes = "A2"
    sheet.append([_header_cell(sheet, header) for header in headers])
    for row in rows:
        sheet.append([_typed_cell(sheet, value) for value in row])
    workbook.save(file)


def xlsx_value(value: object) -> XlsxValue:
    if isinstance(value, Decimal):
        return cents(value)
    if isinstance(value, datetime.datetime):
        return _local(value)
    if value is None or isinstance(value, int | datetime.date):
        return value
    return str(value)


def cents(amount: Decimal) -> Decimal:
    """Money in whole cents, half up as the budget office rounds (a Decimal's own formatting would round half even)."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def _header_cell(sheet: WriteOnlyWorksheet, header: object) -> Cell:
    cell = WriteOnlyCell(sheet, str(header))
    cell.font = Font(bold=True)
    return cell


def _typed_cell(sheet: WriteOnlyWorksheet, value: object) -> Cell:
    cell = WriteOnlyCell(sheet, xlsx_value(value))
    if isinstance(cell.value, Decimal):
        cell.number_format = MONEY_FORMAT
    elif isinstance(cell.value, datetime.datetime):
        cell.number_format = DATETIME_FORMAT
    elif isinstance(cell.value, datetime.date):
        cell.number_format = DATE_FORMAT
    elif isinstance(cell.value, str) and cell.value.startswith("="):
        cell.data_type = "s"  # text, not a formula
    return cell


def _fit_columns(sheet: WriteOnlyWorksheet, headers: Headers) -> None:
    for index, header in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(12, min(len(str(header)) + 4, 60))
