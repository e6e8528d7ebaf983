"""Reporting periods: the calendar-aligned periods a project in implementation owes a status report for.

With a quarterly period the quarters January–March, April–June, …; half-years; the calendar year; or each month.
No queries, but for `current_period`, which reads the project's strategy.
"""

import datetime
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from projects.models import Project, ReportingPeriod

ONE_DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class Period:
    """A calendar-aligned reporting period of `months` months (1, 3, 6 or 12) beginning on `start`."""

    start: datetime.date
    months: int

    @property
    def end(self) -> datetime.date:
        """The last day of the period: the day the status report is due."""
        month_index = self.start.month - 1 + self.months
        next_start = datetime.date(self.start.year + month_index // 12, month_index % 12 + 1, 1)
        return next_start - ONE_DAY

    def __contains__(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end

    def __str__(self) -> str:
        """As a German reader says it: „2. Quartal 2026“, „Januar 2026“, „1. Halbjahr 2026“, „2026“."""
        number = (self.start.month - 1) // self.months + 1
        if self.months == ReportingPeriod.MONTHLY:
            return date_format(self.start, "YEAR_MONTH_FORMAT")
        if self.months == ReportingPeriod.QUARTERLY:
            return _("%(number)s. quarter %(year)s") % {"number": number, "year": self.start.year}
        if self.months == ReportingPeriod.HALF_YEARLY:
            return _("%(number)s. half-year %(year)s") % {"number": number, "year": self.start.year}
        return str(self.start.year)


def period_containing(day: datetime.date, months: int) -> Period:
    """The reporting period of `months` months (1, 3, 6 or 12) that `day` lies in."""
    if months not in ReportingPeriod.values:
        raise ValueError(f"A reporting period has 1, 3, 6 or 12 months, not {months}.")
    first_month = (day.month - 1) // months * months + 1
    return Period(datetime.date(day.year, first_month, 1), months)


def previous_period(period: Period) -> Period:
    return period_containing(period.start - ONE_DAY, period.months)


def current_period(project: Project, today: datetime.date) -> Period:
    """The reporting period of the project's strategy that `today` lies in; reads project.strategy."""
    return period_containing(today, project.strategy.reporting_period_months)
