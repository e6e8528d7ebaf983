"""A table as a download: CSV for German Excel or XLSX, from the same headers and rows.

Cells are typed Python values: `Decimal` (money, euros with cents), `datetime.date`, `int` (years, numbers), `str` or
None. CSV writes them the German way (semicolons, decimal comma, dd.mm.yyyy) with a byte order mark, so Excel opens
the umlauts and the columns right; XLSX writes numbers and dates as typed cells with German number formats. Money
stays a Decimal, rounded half up to cents, up to the file: openpyxl writes a number with 16 significant digits, exact
for every amount the money fields hold (at most 14 digits).
"""

import csv
import datetime
import io
import re
from decimal import ROUND_HALF_UP, Decimal

from django.http import Http404, HttpResponse
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
CENT = Decimal("0.01")
MONEY_FORMAT = '#,##0.00 "€"'
DATE_FORMAT = "DD.MM.YYYY"
# A text cell starting with one of these is read as a formula by spreadsheet programs (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def table_response(filename, headers, rows, *, format):
    """An attachment `filename.csv` or `filename.xlsx` holding `headers` and `rows`; Http404 for another format."""
    if format not in FORMATS:
        raise Http404(f"Unknown export format {format!r}")
    content = csv_bytes(headers, rows) if format == "csv" else xlsx_bytes(headers, rows, title=filename)
    response = HttpResponse(content, content_type=FORMATS[format])
    response["Content-Disposition"] = content_disposition_header(True, f"{filename}.{format}")
    return response


# CSV ----------------------------------------------------------------------------------------------------------------


def csv_bytes(headers, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([csv_text(header) for header in headers])
    writer.writerows([csv_text(cell) for cell in row] for row in rows)
    return "\N{BYTE ORDER MARK}".encode() + buffer.getvalue().encode()


def csv_text(value):
    """A cell as German Excel reads it: 72577,00 · 26.05.2025 · text that cannot turn into a formula."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{cents(value):f}".replace(".", ",")
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) and not _is_number(text) else text


def _is_number(text):
    return text.lstrip("+-").replace(",", "").replace(".", "").isdigit()


# XLSX ---------------------------------------------------------------------------------------------------------------


def xlsx_bytes(headers, rows, *, title=""):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = re.sub(r"[][:*?/\\]", "", title)[:31] or "Export"  # what Excel allows in a sheet name
    sheet.append([str(header) for header in headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for row in rows:
        sheet.append([xlsx_value(value) for value in row])
        for cell in sheet[sheet.max_row]:
            _type_cell(cell)
    _fit_columns(sheet, headers)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_value(value):
    if isinstance(value, Decimal):
        return cents(value)
    if value is None or isinstance(value, int | datetime.date):
        return value
    return str(value)


def cents(amount):
    """Money in whole cents, half up as the budget office rounds (a Decimal's own formatting would round half even)."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def _type_cell(cell):
    value = cell.value
    if isinstance(value, Decimal):
        cell.number_format = MONEY_FORMAT
    elif isinstance(value, datetime.date):
        cell.number_format = DATE_FORMAT
    elif isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # text, not a formula


def _fit_columns(sheet, headers):
    for index, header in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(12, min(len(str(header)) + 4, 60))
