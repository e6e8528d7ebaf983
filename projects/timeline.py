"""The milestone timeline on a public project page: the milestones placed on a line for an SVG picture
(projects/_public_milestone_timeline.html); no queries."""

import datetime
from collections.abc import Iterable
from typing import NotRequired, TypedDict

from projects.models import Milestone


class TimelineItem(TypedDict):
    milestone: Milestone
    state: str  # done, open or overdue
    x: NotRequired[int]  # its place on the line, once the line's ends are known


class MilestoneTimeline:
    """The milestones placed on a line from the earliest to the latest date (today included), for an SVG picture;
    each is done, open or overdue (open and due before today)."""

    WIDTH = 1000
    MARGIN = 24

    def __init__(self, milestones: Iterable[Milestone], today: datetime.date) -> None:
        self.today = today
        self.items = [self._item(milestone) for milestone in milestones]
        dates = [item["milestone"].due_date for item in self.items] + [today]
        self.start, self.end = min(dates), max(dates)
        for item in self.items:
            item["x"] = self.position(item["milestone"].due_date)
        self.today_x = self.position(today)
        self.axis_end = self.WIDTH - self.MARGIN
        # The "today" label stays inside the picture at either end.
        self.today_anchor = "start" if self.today_x < 80 else "end" if self.today_x > self.WIDTH - 80 else "middle"

    def _item(self, milestone: Milestone) -> TimelineItem:
        if milestone.done_on:
            state = "done"
        elif milestone.due_date < self.today:
            state = "overdue"
        else:
            state = "open"
        return {"milestone": milestone, "state": state}

    def position(self, day: datetime.date) -> int:
        span = max((self.end - self.start).days, 1)
        usable = self.WIDTH - 2 * self.MARGIN
        return round(self.MARGIN + (day - self.start).days / span * usable)

    def count(self, state: str) -> int:
        return sum(1 for item in self.items if item["state"] == state)

    @property
    def done_count(self) -> int:
        return self.count("done")

    @property
    def overdue_count(self) -> int:
        return self.count("overdue")

    @property
    def open_count(self) -> int:
        return self.count("open")
