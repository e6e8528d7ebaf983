from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format


def format_euro(amount):
    """German money: whole euros without cents (72.577 €), otherwise with cents (1.234,50 €)."""
    if amount is None:
        return ""
    amount = Decimal(amount).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    places = 0 if amount == amount.to_integral_value() else 2
    return f"{number_format(amount, decimal_pos=places, use_l10n=True, force_grouping=True)}\N{NO-BREAK SPACE}€"
