"""Sparklines: an indicator's measurements over time as a small line, with its target as a dashed line.

Coordinates are computed from the Decimals and dates in Python (a Decimal scaled to the picture and rounded to a
tenth), so the template only places them. Zero or one measurement, or all values equal, still give a sensible picture.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from projects.models import Indicator, Measurement

WIDTH, HEIGHT, PAD = 120, 32, 4
TENTH = Decimal("0.1")


@dataclass(frozen=True)
class Sparkline:
    width: int
    height: int
    points: str  # "x,y x,y …" of the measurements, oldest first
    last: tuple[str, str] | None  # (x, y) of the newest measurement
    target_y: str | None
    label: str


def coordinate(value: Decimal) -> str:
    return str(Decimal(value).quantize(TENTH, rounding=ROUND_HALF_UP))


def german_number(value: Decimal) -> str:
    """40 for 40.00, 12,5 for 12.50: no decimals where there are none."""
    value = Decimal(value).normalize()
    exponent = value.as_tuple().exponent  # a letter for NaN and infinity, which a DecimalField never holds
    places = max(0, -exponent) if isinstance(exponent, int) else 0
    return number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)


def scale(low: Decimal, high: Decimal) -> Callable[[Decimal], Decimal]:
    """value → y: the highest value at the top; all values equal (or just one) sit in the middle."""
    usable = HEIGHT - 2 * PAD
    if high == low:
        return lambda value: Decimal(HEIGHT) / 2
    return lambda value: PAD + (high - value) / (high - low) * usable


def timeline(first: datetime.date, last: datetime.date) -> Callable[[datetime.date], Decimal]:
    """date → x: the oldest measurement at the left, the newest at the right; a single one in the middle."""
    span = (last - first).days
    usable = WIDTH - 2 * PAD
    if span == 0:
        return lambda day: Decimal(WIDTH) / 2
    return lambda day: PAD + Decimal((day - first).days) / span * usable


def sparkline(indicator: Indicator, measurements: Iterable[Measurement]) -> Sparkline:
    """The picture of `indicator` from its `measurements` (any order)."""
    in_order = sorted(measurements, key=lambda m: m.measured_on)
    values = [m.value for m in in_order] + ([indicator.target] if indicator.target is not None else [])
    if not values:
        return Sparkline(WIDTH, HEIGHT, "", None, None, label(indicator, None))
    y = scale(min(values), max(values))
    points: list[tuple[str, str]] = []
    if in_order:
        x = timeline(in_order[0].measured_on, in_order[-1].measured_on)
        points = [(coordinate(x(m.measured_on)), coordinate(y(m.value))) for m in in_order]
    return Sparkline(
        width=WIDTH,
        height=HEIGHT,
        points=" ".join(f"{px},{py}" for px, py in points),
        last=points[-1] if points else None,
        target_y=coordinate(y(indicator.target)) if indicator.target is not None else None,
        label=label(indicator, in_order[-1] if in_order else None),
    )


def label(indicator: Indicator, newest: Measurement | None) -> str:
    """What the picture says, in words: the newest value against the target."""
    unit = f" {indicator.unit}" if indicator.unit else ""
    names = {"name": indicator.name}
    if newest is None:
        if indicator.target is None:
            return _("Indicator %(name)s: not measured yet") % names
        return _("Indicator %(name)s: not measured yet, target %(target)s") % {
            **names,
            "target": german_number(indicator.target) + unit,
        }
    names.update(value=german_number(newest.value), date=date_format(newest.measured_on, "SHORT_DATE_FORMAT"))
    if indicator.target is None:
        return _("Indicator %(name)s: latest %(value)s (%(date)s), no target set") % {
            **names,
            "value": names["value"] + unit,
        }
    return _("Indicator %(name)s: latest %(value)s of target %(target)s (%(date)s)") % {
        **names,
        "target": german_number(indicator.target) + unit,
    }
