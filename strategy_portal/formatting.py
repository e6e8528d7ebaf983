"""The one way the portal writes money, numbers and dates for people: pages, papers, messages and e-mails.

German, whatever the active language: the portal, its papers and its messages are German. (Exports write typed
cells instead: strategy_portal/exports.py.)
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from strategy_portal.money import round_money

NO_BREAK_SPACE = "\N{NO-BREAK SPACE}"


def _german(number: Decimal, places: int) -> str:
    """1234567.5 with 2 places → "1.234.567,50" (thousands with dots, decimals with a comma)."""
    return f"{number:,.{places}f}".replace(",", "\0").replace(".", ",").replace("\0", ".")


def format_euro(amount: Decimal | int | str | None, *, cents: bool = False) -> str:
    """German money: in tables, as the committee paper writes them, whole euros without cents (72.577 €), otherwise
    with cents (1.234,50 €); with `cents` always with cents (12.000,00 €), as a record's page and the confirmation of
    an entered amount show it. Empty for nothing.

    Takes a Decimal, an int, or an amount string as the committee paper's content stores it ("72577.00")."""
    if amount is None or amount == "":
        return ""
    rounded = round_money(amount) or Decimal(0)  # no "-0 €" for a rounded-away minus
    places = 2 if cents or rounded != rounded.to_integral_value() else 0
    return f"{_german(rounded, places)}{NO_BREAK_SPACE}€"


def format_number(value: Decimal | int | float | str | None, places: int | None = None) -> str:
    """A German number: "1.234,5" → with `places` None up to two decimals, none for a whole number ("12", "0,25");
    with `places` exactly that many ("3,00"). Empty for nothing."""
    if value is None or value == "":
        return ""
    number = Decimal(str(value))
    if places is None:
        number = number.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP).normalize()
        exponent = number.as_tuple().exponent  # a letter for NaN and infinity
        places = max(0, -exponent) if isinstance(exponent, int) else 0
    return _german(number or Decimal(0), places)  # no "-0"


def format_date(value: datetime.date | str | None) -> str:
    """A date as the office writes it: 26.05.2025; an ISO string ("2025-05-26", as stored in papers) too."""
    if not value:
        return ""
    if isinstance(value, str):
        value = datetime.date.fromisoformat(value[:10])
    return value.strftime("%d.%m.%Y")
