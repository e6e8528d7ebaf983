from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format

CENT = Decimal("0.01")


def round_money(amount):
    """`amount` in whole cents, half up as the budget office rounds: 2,675 € → 2,68 € (not banker's 2,67 €).

    A float is refused: it has already lost the cent (2.675 is stored as 2.67499…), so the caller must pass a
    Decimal, an int or the amount as a string.
    """
    if isinstance(amount, float):
        raise TypeError(f"Money is never a float: pass {amount!r} as a Decimal or a string.")
    return Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)


def format_euro(amount):
    """German money: whole euros without cents (72.577 €), otherwise with cents (1.234,50 €)."""
    if amount is None:
        return ""
    amount = round_money(Decimal(amount))
    places = 0 if amount == amount.to_integral_value() else 2
    return f"{number_format(amount, decimal_pos=places, use_l10n=True, force_grouping=True)}\N{NO-BREAK SPACE}€"
