"""Money arithmetic shared by every app: amounts are Decimals in whole cents, never floats."""

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def round_money(amount: Decimal | int | str) -> Decimal:
    """`amount` in whole cents, half up as the budget office rounds: 2,675 € → 2,68 € (not banker's 2,67 €).

    A float is refused: it has already lost the cent (2.675 is stored as 2.67499…), so the caller must pass a
    Decimal, an int or the amount as a string.
    """
    if isinstance(amount, float):
        raise TypeError(f"Money is never a float: pass {amount!r} as a Decimal or a string.")
    return Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)
