from collections.abc import Iterable
from typing import Any

from django import template

from projects.models import Indicator, Measurement
from projects.sparklines import sparkline as build_sparkline

register = template.Library()


@register.inclusion_tag("projects/_sparkline.svg.html")
def sparkline(indicator: Indicator, measurements: Iterable[Measurement] | None = None) -> dict[str, Any]:
    """{% sparkline indicator %}: the indicator's measurements as a small picture. Pass `measurements` when the page
    has them already; otherwise they are read from `indicator.measurements` (prefetch them on list pages)."""
    if measurements is None:
        measurements = indicator.measurements.all()
    return {"spark": build_sparkline(indicator, measurements)}
