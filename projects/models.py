from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Self, TypedDict

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.expressions import Combinable
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from strategy_portal import publication
from strategy_portal.db import (
    RATING_VALIDATORS,
    ArchivableModel,
    CountQualifier,
    DecimalNumberField,
    TimestampedModel,
    money_field,
    non_negative,
    not_before,
    rating_constraint,
)
from strategy_portal.formatting import format_number
from strategy_portal.publication import Audience

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django_stubs_ext import StrOrPromise, WithAnnotations

    from accounts.models import User
    from stakeholders.models import Meeting, ParticipationEvent

PROGRESS_MESSAGE = _("Progress goes from 0 to 100 percent.")
WEIGHT_MESSAGE = _("Weights go from 0 to 10.")
WEIGHT_VALIDATORS = [MinValueValidator(0, WEIGHT_MESSAGE), MaxValueValidator(10, WEIGHT_MESSAGE)]


def weight_field(verbose_name: StrOrPromise) -> models.PositiveSmallIntegerField[float | int | str | Combinable, int]:
    return models.PositiveSmallIntegerField(verbose_name, default=1, validators=WEIGHT_VALIDATORS)


class ReportingPeriod(models.IntegerChoices):
    MONTHLY = 1, _("monthly")
    QUARTERLY = 3, _("quarterly")
    HALF_YEARLY = 6, _("half-yearly")
    YEARLY = 12, _("yearly")


class Strategy(TimestampedModel):
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    vision = models.TextField(_("vision"), blank=True)
    background = models.TextField(_("background"), blank=True)
    process_objectives = models.TextField(
        _("objectives of the strategy process"), blank=True, help_text=_("One objective per line.")
    )
    responsible_unit = models.CharField(_("responsible unit"), max_length=200, blank=True)
    department = models.CharField(_("department"), max_length=30, blank=True)
    council_decision_year = models.PositiveSmallIntegerField(_("year of the council decision"), null=True, blank=True)
    started = models.CharField(_("start of the process"), max_length=60, blank=True, help_text=_("E.g. “Sommer 2024”."))
    final_presentation = models.CharField(_("final presentation planned"), max_length=60, blank=True)
    first_budget_year = models.PositiveSmallIntegerField(_("first budget year"))
    last_budget_year = models.PositiveSmallIntegerField(_("last budget year"))
    annual_project_budget = money_field(_("annual project budget"), null=True, blank=True)
    is_featured = models.BooleanField(
        _("featured"), default=False, help_text=_("The strategy the portal's start page shows.")
    )
    # Steering: the weights of the priority score (an administrator sets them on the ranking page), the reporting
    # period every project in implementation owes a status report for, and the office's staff capacity.
    weight_subject = weight_field(_("weight of the subject weighting"))
    weight_resources = weight_field(_("weight of the availability of staff and money"))
    weight_partners = weight_field(_("weight of the partners' willingness"))
    reporting_period_months = models.PositiveSmallIntegerField(
        _("reporting period"), choices=ReportingPeriod.choices, default=ReportingPeriod.QUARTERLY
    )
    staff_days_capacity = models.PositiveIntegerField(
        _("staff days available per year"),
        null=True,
        blank=True,
        help_text=_("What the office's staff can put into the strategy's projects in one year."),
    )

    class Meta:
        verbose_name = _("strategy")
        verbose_name_plural = _("strategies")
        ordering = ["-is_featured", "title"]
        permissions = [("set_priority_weights", _("Can set the weights of the priority score"))]
        constraints = [
            models.UniqueConstraint(
                fields=["is_featured"],
                condition=Q(is_featured=True),
                name="strategy_one_featured",
                violation_error_message=_("Only one strategy can be featured."),
            ),
            models.CheckConstraint(
                condition=Q(last_budget_year__gte=models.F("first_budget_year")),
                name="strategy_budget_years_in_order",
                violation_error_message=_("The last budget year must not lie before the first."),
            ),
            non_negative("annual_project_budget", "strategy"),
            models.CheckConstraint(
                condition=Q(weight_subject__lte=10, weight_resources__lte=10, weight_partners__lte=10),
                name="strategy_weights_0_to_10",
                violation_error_message=WEIGHT_MESSAGE,
            ),
            models.CheckConstraint(
                condition=Q(weight_subject__gt=0) | Q(weight_resources__gt=0) | Q(weight_partners__gt=0),
                name="strategy_weights_not_all_zero",
                violation_error_message=_("At least one weight must be greater than 0."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def budget_years(self) -> range:
        return range(self.first_budget_year, self.last_budget_year + 1)

    @property
    def process_objective_list(self) -> list[str]:
        return [line.strip() for line in self.process_objectives.splitlines() if line.strip()]


class Phase(TimestampedModel):
    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        ACTIVE = "active", _("active")
        COMPLETED = "completed", _("completed")

    strategy = models.ForeignKey(Strategy, models.CASCADE, verbose_name=_("strategy"), related_name="phases")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    participation_events = models.ManyToManyField(
        "stakeholders.ParticipationEvent",
        verbose_name=_("participation events"),
        blank=True,
        related_name="phases",
    )

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ["strategy_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["strategy", "number"], name="phase_unique_number"),
            not_before("end_date", "start_date", "phase", _("The end must not lie before the start.")),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class StrategicGoal(TimestampedModel):
    strategy = models.ForeignKey(Strategy, models.CASCADE, verbose_name=_("strategy"), related_name="goals")
    number = models.PositiveSmallIntegerField(_("number"))
    statement = models.TextField(_("statement"))
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("strategic goal")
        verbose_name_plural = _("strategic goals")
        ordering = ["strategy_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["strategy", "number"], name="strategicgoal_unique_number"),
            models.CheckConstraint(
                condition=Q(number__gte=1),
                name="strategicgoal_number_positive",
                violation_error_message=_("Numbers start at 1."),
            ),
        ]

    def __str__(self) -> str:
        return _("Strategic goal %(number)s") % {"number": self.number}


class ActionField(TimestampedModel):
    """A Handlungsfeld: a pillar of the Strategiehaus, under the goals it serves."""

    strategy = models.ForeignKey(Strategy, models.CASCADE, verbose_name=_("strategy"), related_name="action_fields")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    short_title = models.CharField(_("short title"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    goals = models.ManyToManyField(
        StrategicGoal, verbose_name=_("strategic goals served"), blank=True, related_name="action_fields"
    )
    participation_events = models.ManyToManyField(
        "stakeholders.ParticipationEvent",
        verbose_name=_("participation events on this topic"),
        blank=True,
        related_name="action_fields",
    )

    class Meta:
        verbose_name = _("action field")
        verbose_name_plural = _("action fields")
        ordering = ["strategy_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["strategy", "number"], name="actionfield_unique_number"),
            models.UniqueConstraint(fields=["strategy", "slug"], name="actionfield_unique_slug"),
        ]

    def __str__(self) -> str:
        return self.short_title or self.title


class FocusArea(TimestampedModel):
    """A Handlungsschwerpunkt within an action field."""

    action_field = models.ForeignKey(
        ActionField, models.CASCADE, verbose_name=_("action field"), related_name="focus_areas"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)

    class Meta:
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")
        ordering = ["action_field_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["action_field", "number"], name="focusarea_unique_number"),
        ]

    def __str__(self) -> str:
        return self.title


class LatestReport(TypedDict):
    """The annotations of `ProjectQuerySet.with_latest_report`: None without a published status report."""

    latest_report_date: datetime.date | None
    latest_traffic_light: str | None
    latest_progress: int | None


class ProjectQuerySet(models.QuerySet["Project"]):
    def active(self) -> Self:
        return self.filter(is_archived=False)

    def visible_to(self, user: User | AnonymousUser) -> Self:
        """All projects for staff and committee; a project lead sees only the projects assigned to them."""
        if user.has_perm("projects.view_all_projects"):
            return self
        return self.filter(project_leads=user)

    def published(self) -> Self:
        return self.for_audience(Audience.PUBLIC)

    def for_audience(self, audience: Audience) -> Self:
        """The projects that may leave the portal to `audience` (strategy_portal/publication.py)."""
        return self.filter(publication.project_q(audience))

    def for_public(self, user: User | AnonymousUser) -> Self:
        """What a public page shows: published projects; internal ones too for committee and staff (never archived)."""
        return self.for_audience(publication.audience_of(user))

    def with_latest_report(self) -> ProjectQuerySet[ReportedProject]:
        """Annotate the newest published status report's date, traffic light and progress, in the same query (no lookup
        per row): `latest_report_date`, `latest_traffic_light`, `latest_progress`. Submitted or returned reports of a
        project lead are not the project's state until the office has published them."""
        newest = StatusReport.objects.filter(
            project=models.OuterRef("pk"), state=StatusReport.State.PUBLISHED
        ).order_by("-reported_on", "-pk")
        return self.annotate(
            latest_report_date=models.Subquery(newest.values("reported_on")[:1]),
            latest_traffic_light=models.Subquery(newest.values("traffic_light")[:1]),
            latest_progress=models.Subquery(newest.values("progress")[:1]),
        )

    def for_list(self) -> ProjectQuerySet[ReportedProject]:
        return self.select_related("action_field", "lead_organisation").with_latest_report()


class Project(ArchivableModel, TimestampedModel):
    class Kind(models.TextChoices):
        KEY = "key", _("key project")
        PARTICIPATING = "participating", _("project with participation")
        MONITORED = "monitored", _("monitored project")

    class Status(models.TextChoices):
        IDEA = "idea", _("idea")
        IN_QUALIFICATION = "in_qualification", _("in qualification")
        PRIORITISED = "prioritised", _("prioritised")
        IN_IMPLEMENTATION = "in_implementation", _("in implementation")
        COMPLETED = "completed", _("completed")
        ON_HOLD = "on_hold", _("on hold")
        DROPPED = "dropped", _("dropped")

    class ClimateImpact(models.TextChoices):
        STRONGLY_POSITIVE = "++", _("strongly positive (++)")
        POSITIVE = "+", _("positive (+)")
        NEUTRAL = "0", _("none (0)")
        NEGATIVE = "-", _("negative (−)")
        STRONGLY_NEGATIVE = "--", _("strongly negative (−−)")
        NOT_ASSESSED = "not_assessed", _("not assessed")

    class Visibility(models.TextChoices):
        PUBLISHED = "published", _("published")
        INTERNAL = "internal", _("internal")

    strategy = models.ForeignKey(Strategy, models.PROTECT, verbose_name=_("strategy"), related_name="projects")
    number = models.PositiveIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=100)
    summary = models.TextField(_("summary"), blank=True)
    description = models.TextField(_("description"), blank=True)
    action_field = models.ForeignKey(
        ActionField, models.PROTECT, verbose_name=_("action field"), related_name="projects"
    )
    focus_areas = models.ManyToManyField(FocusArea, verbose_name=_("focus areas"), blank=True, related_name="projects")
    kind = models.CharField(
        _("kind of project"),
        max_length=20,
        choices=Kind.choices,
        blank=True,
        help_text=_("Empty while it is not yet decided."),
    )
    status = models.CharField(_("status"), max_length=30, choices=Status.choices, default=Status.IDEA)
    lead_organisation = models.ForeignKey(
        "stakeholders.Organisation",
        models.PROTECT,
        verbose_name=_("lead organisation"),
        null=True,
        blank=True,
        related_name="led_projects",
    )
    partners = models.ManyToManyField(
        "stakeholders.Organisation",
        through="ProjectPartner",
        verbose_name=_("partners"),
        blank=True,
        related_name="partner_projects",
    )
    responsible_person = models.ForeignKey(
        "stakeholders.Person",
        models.PROTECT,
        verbose_name=_("responsible staff member"),
        null=True,
        blank=True,
        related_name="responsible_projects",
    )
    project_leads = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("project leads (portal users)"),
        blank=True,
        related_name="led_projects",
        help_text=_("Users who may report on this project."),
    )
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    objectives = models.TextField(_("objectives"), blank=True)
    staff_days_per_year = models.PositiveIntegerField(_("staff days per year"), null=True, blank=True)
    required_amount = money_field(_("required money"), null=True, blank=True)
    priority_subject = models.PositiveSmallIntegerField(
        _("subject weighting (1–5)"), null=True, blank=True, validators=RATING_VALIDATORS
    )
    priority_resources = models.PositiveSmallIntegerField(
        _("availability of the office's staff and money (1–5)"),
        null=True,
        blank=True,
        validators=RATING_VALIDATORS,
    )
    priority_partners = models.PositiveSmallIntegerField(
        _("partners' willingness to take part (1–5)"),
        null=True,
        blank=True,
        validators=RATING_VALIDATORS,
    )
    priority_note = models.TextField(_("note on the priority assessment"), blank=True)
    climate_impact = models.CharField(
        _("climate impact"), max_length=20, choices=ClimateImpact.choices, default=ClimateImpact.NOT_ASSESSED
    )
    climate_justification = models.TextField(_("justification of the climate impact"), blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=20, choices=Visibility.choices, default=Visibility.INTERNAL
    )
    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["strategy_id", "number"]
        permissions = [("view_all_projects", _("Can see all projects, not only the assigned ones"))]
        constraints = [
            models.UniqueConstraint(fields=["strategy", "number"], name="project_unique_number"),
            models.UniqueConstraint(fields=["strategy", "slug"], name="project_unique_slug"),
            not_before("planned_end", "planned_start", "project", _("The end must not lie before the start.")),
            non_negative("required_amount", "project"),
            rating_constraint("priority_subject", "project"),
            rating_constraint("priority_resources", "project"),
            rating_constraint("priority_partners", "project"),
        ]

    def __str__(self) -> str:
        return _("Project %(number)s: %(title)s") % {"number": self.number, "title": self.title}

    def clean(self) -> None:
        if self.action_field_id and self.strategy_id and self.action_field.strategy_id != self.strategy_id:
            raise ValidationError({"action_field": _("The action field belongs to another strategy.")})


if TYPE_CHECKING:
    ReportedProject = WithAnnotations[Project, LatestReport]


class ProjectPartner(TimestampedModel):
    project = models.ForeignKey(Project, models.CASCADE, verbose_name=_("project"), related_name="project_partners")
    organisation = models.ForeignKey(
        "stakeholders.Organisation", models.PROTECT, verbose_name=_("organisation"), related_name="project_roles"
    )
    role = models.CharField(_("role"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("project partner")
        verbose_name_plural = _("project partners")
        ordering = ["project_id", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["project", "organisation"], name="projectpartner_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.project}"


class Milestone(TimestampedModel):
    project = models.ForeignKey(Project, models.CASCADE, verbose_name=_("project"), related_name="milestones")
    title = models.CharField(_("title"), max_length=300)
    due_date = models.DateField(_("due date"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["project_id", "due_date"]
        # The progress page and the reminders look for open milestones by due date.
        indexes = [models.Index(fields=["due_date"], condition=Q(done_on__isnull=True), name="milestone_open_by_due")]
        constraints = [
            models.UniqueConstraint(fields=["project", "title"], name="milestone_unique_title"),
        ]

    def __str__(self) -> str:
        return self.title


class StatusReport(TimestampedModel):
    """A Sachstand. The newest report of a project is its current state."""

    class TrafficLight(models.TextChoices):
        GREEN = "green", _("green")
        AMBER = "amber", _("amber")
        RED = "red", _("red")

    class State(models.TextChoices):
        SUBMITTED = "submitted", _("submitted, awaiting review")
        PUBLISHED = "published", _("published")
        RETURNED = "returned", _("returned for revision")

    project = models.ForeignKey(Project, models.CASCADE, verbose_name=_("project"), related_name="status_reports")
    reported_on = models.DateField(_("reporting date"))
    traffic_light = models.CharField(_("traffic light"), max_length=10, choices=TrafficLight.choices)
    progress = models.PositiveSmallIntegerField(
        _("progress in percent"), default=0, validators=[MaxValueValidator(100, PROGRESS_MESSAGE)]
    )
    achieved = models.TextField(_("achieved"), blank=True)
    next_steps = models.TextField(_("next steps"), blank=True)
    risks = models.TextField(_("risks"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        related_name="status_reports",
    )
    # A project lead's report is submitted and reviewed by the office; the office's own reports are published at once.
    # A context of its own: the bare msgid "state" is the federal state (Land) of ExternalInitiative.Level.
    state = models.CharField(
        pgettext_lazy("status report", "state"), max_length=20, choices=State.choices, default=State.PUBLISHED
    )
    review_comment = models.TextField(_("comment of the review"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        related_name="reviewed_status_reports",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("status report")
        verbose_name_plural = _("status reports")
        ordering = ["project_id", "-reported_on"]
        get_latest_by = "reported_on"
        permissions = [("review_statusreport", _("Can publish or return submitted status reports"))]
        constraints = [
            models.UniqueConstraint(fields=["project", "reported_on"], name="statusreport_one_per_project_and_day"),
            models.CheckConstraint(
                condition=Q(progress__gte=0, progress__lte=100),
                name="statusreport_progress_0_to_100",
                violation_error_message=PROGRESS_MESSAGE,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} – {self.reported_on:%d.%m.%Y}"


class MilestoneUpdate(TimestampedModel):
    """A milestone's completion reported with a status report; it reaches the milestone when the report is
    published."""

    status_report = models.ForeignKey(
        StatusReport, models.CASCADE, verbose_name=_("status report"), related_name="milestone_updates"
    )
    milestone = models.ForeignKey(Milestone, models.CASCADE, verbose_name=_("milestone"), related_name="updates")
    done_on = models.DateField(_("done on"))
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("milestone update")
        verbose_name_plural = _("milestone updates")
        ordering = ["status_report_id", "milestone__due_date"]
        constraints = [
            models.UniqueConstraint(fields=["status_report", "milestone"], name="milestoneupdate_once_per_report"),
        ]

    def __str__(self) -> str:
        return f"{self.milestone}: {self.done_on:%d.%m.%Y}"


class Reminder(models.Model):
    """A reminder e-mail that was sent: at most one per project, kind and reporting period (or per milestone and
    period), however often the daily command runs."""

    class Kind(models.TextChoices):
        REPORT_DUE = "report_due", _("status report due")
        REPORT_OVERDUE = "report_overdue", _("status report overdue")
        MILESTONE_OVERDUE = "milestone_overdue", _("milestone overdue")

    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    project = models.ForeignKey(Project, models.CASCADE, verbose_name=_("project"), related_name="reminders")
    milestone = models.ForeignKey(
        Milestone, models.CASCADE, verbose_name=_("milestone"), null=True, blank=True, related_name="reminders"
    )
    period_start = models.DateField(_("start of the reporting period"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    recipients = models.TextField(_("recipients"), blank=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "project", "period_start"],
                condition=Q(milestone__isnull=True),
                name="reminder_once_per_project_and_period",
            ),
            models.UniqueConstraint(
                fields=["kind", "milestone", "period_start"],
                condition=Q(milestone__isnull=False),
                name="reminder_once_per_milestone_and_period",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.project} ({self.period_start:%d.%m.%Y})"


class Indicator(TimestampedModel):
    project = models.ForeignKey(Project, models.CASCADE, verbose_name=_("project"), related_name="indicators")
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    baseline = DecimalNumberField(_("baseline"), max_digits=14, decimal_places=2, null=True, blank=True)
    target = DecimalNumberField(_("target"), max_digits=14, decimal_places=2, null=True, blank=True)
    target_date = models.DateField(_("target date"), null=True, blank=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["project_id", "name"]
        constraints = [
            models.UniqueConstraint(fields=["project", "name"], name="indicator_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Measurement(TimestampedModel):
    indicator = models.ForeignKey(Indicator, models.CASCADE, verbose_name=_("indicator"), related_name="measurements")
    measured_on = models.DateField(_("measured on"))
    value = DecimalNumberField(_("value"), max_digits=14, decimal_places=2)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        ordering = ["indicator_id", "measured_on"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "measured_on"], name="measurement_one_per_day"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {format_number(self.value)} ({self.measured_on:%d.%m.%Y})"


class Finding(TimestampedModel):
    """An analysis result: the evidence trail from analysis to action field to project."""

    strategy = models.ForeignKey(Strategy, models.CASCADE, verbose_name=_("strategy"), related_name="findings")
    number = models.PositiveSmallIntegerField(_("number"))
    statement = models.TextField(_("statement"))
    figure = DecimalNumberField(_("figure"), max_digits=14, decimal_places=2, null=True, blank=True)
    figure_qualifier = models.CharField(
        _("figure is"), max_length=20, choices=CountQualifier.choices, default=CountQualifier.EXACT
    )
    figure_unit = models.CharField(_("unit of the figure"), max_length=40, blank=True)
    event = models.ForeignKey(
        "stakeholders.ParticipationEvent",
        models.PROTECT,
        verbose_name=_("from event"),
        null=True,
        blank=True,
        related_name="findings",
    )
    action_fields = models.ManyToManyField(
        ActionField, verbose_name=_("supports action fields"), blank=True, related_name="findings"
    )

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["strategy_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["strategy", "number"], name="finding_unique_number"),
        ]

    def __str__(self) -> str:
        return self.statement[:80]


class ExternalInitiative(TimestampedModel):
    """A measure of another level or a neighbour, kept to find overlaps and synergies before duplicating work."""

    class Level(models.TextChoices):
        NEIGHBOURING_DISTRICT = "neighbouring_district", _("neighbouring district")
        REGION = "region", _("Stuttgart region")
        STATE = "state", _("state")
        FEDERAL = "federal", _("federal level")
        EUROPEAN = "european", _("European Union")
        OTHER = "other", _("other")

    strategy = models.ForeignKey(
        Strategy, models.CASCADE, verbose_name=_("strategy"), related_name="external_initiatives"
    )
    title = models.CharField(_("title"), max_length=300)
    level = models.CharField(_("level"), max_length=30, choices=Level.choices)
    responsible = models.CharField(_("responsible"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    url = models.URLField(_("web address"), blank=True)
    action_fields = models.ManyToManyField(
        ActionField, verbose_name=_("action fields"), blank=True, related_name="external_initiatives"
    )

    class Meta:
        verbose_name = _("external initiative")
        verbose_name_plural = _("external initiatives")
        ordering = ["strategy_id", "title"]
        constraints = [
            models.UniqueConstraint(fields=["strategy", "title"], name="externalinitiative_unique_title"),
        ]

    def __str__(self) -> str:
        return self.title


class ProjectLink(TimestampedModel):
    """An overlap found with the overlap check, recorded as a synergy or a duplicate: between two projects or between
    a project and an external initiative. Shown on both sides."""

    class Kind(models.TextChoices):
        SYNERGY = "synergy", _("synergy")
        DUPLICATE = "duplicate", _("duplicate")

    project = models.ForeignKey(Project, models.CASCADE, verbose_name=_("project"), related_name="links")
    linked_project = models.ForeignKey(
        Project,
        models.CASCADE,
        verbose_name=_("linked project"),
        null=True,
        blank=True,
        related_name="linked_from",
    )
    external_initiative = models.ForeignKey(
        ExternalInitiative,
        models.CASCADE,
        verbose_name=_("external initiative"),
        null=True,
        blank=True,
        related_name="project_links",
    )
    kind = models.CharField(_("kind of overlap"), max_length=20, choices=Kind.choices)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("overlap")
        verbose_name_plural = _("overlaps")
        ordering = ["project_id", "kind", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(linked_project__isnull=False, external_initiative__isnull=True)
                | Q(linked_project__isnull=True, external_initiative__isnull=False),
                name="projectlink_exactly_one_target",
                violation_error_message=_("An overlap links a project with exactly one project or initiative."),
            ),
            models.CheckConstraint(
                condition=~Q(linked_project=models.F("project")),
                name="projectlink_not_with_itself",
                violation_error_message=_("A project cannot overlap with itself."),
            ),
            models.UniqueConstraint(
                fields=["project", "linked_project"],
                condition=Q(linked_project__isnull=False),
                name="projectlink_unique_project",
                violation_error_message=_("This overlap is already recorded."),
            ),
            models.UniqueConstraint(
                fields=["project", "external_initiative"],
                condition=Q(external_initiative__isnull=False),
                name="projectlink_unique_initiative",
                violation_error_message=_("This overlap is already recorded."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} ↔ {self.target} ({self.get_kind_display()})"

    @property
    def target(self) -> Project | ExternalInitiative | None:
        return self.linked_project or self.external_initiative

    def clean(self) -> None:
        if (
            self.linked_project_id
            and self.project_id
            and ProjectLink.objects.filter(project_id=self.linked_project_id, linked_project_id=self.project_id)
            .exclude(pk=self.pk)
            .exists()
        ):
            raise ValidationError({"linked_project": _("This overlap is already recorded.")})


class DocumentQuerySet(models.QuerySet["Document"]):
    def for_list(self) -> Self:
        return self.select_related("uploaded_by")


class Document(TimestampedModel):
    """A file attached to exactly one project, participation event or meeting. Its type is detected from the
    content on upload; it is only ever served as a download, never shown inline."""

    class FileType(models.TextChoices):
        PDF = "application/pdf", _("PDF document")
        DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document", _("Word document (DOCX)")
        XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _("Excel workbook (XLSX)")
        PNG = "image/png", _("PNG image")
        JPEG = "image/jpeg", _("JPEG image")
        GIF = "image/gif", _("GIF image")
        WEBP = "image/webp", _("WebP image")

    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(_("file"), upload_to="documents/%Y/%m/", max_length=255)
    original_name = models.CharField(_("original file name"), max_length=255)
    content_type = models.CharField(_("file type"), max_length=100, choices=FileType.choices)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        related_name="documents",
    )
    # Exactly one parent. PROTECT: a project, event or meeting with documents cannot vanish with its files.
    project = models.ForeignKey(
        Project, models.PROTECT, verbose_name=_("project"), null=True, blank=True, related_name="documents"
    )
    participation_event = models.ForeignKey(
        "stakeholders.ParticipationEvent",
        models.PROTECT,
        verbose_name=_("participation event"),
        null=True,
        blank=True,
        related_name="documents",
    )
    meeting = models.ForeignKey(
        "stakeholders.Meeting",
        models.PROTECT,
        verbose_name=_("meeting"),
        null=True,
        blank=True,
        related_name="documents",
    )

    objects = DocumentQuerySet.as_manager()

    PARENT_FIELDS = ("project", "participation_event", "meeting")

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-created"]
        constraints = [
            models.CheckConstraint(
                condition=Q(project__isnull=False, participation_event__isnull=True, meeting__isnull=True)
                | Q(project__isnull=True, participation_event__isnull=False, meeting__isnull=True)
                | Q(project__isnull=True, participation_event__isnull=True, meeting__isnull=False),
                name="document_exactly_one_parent",
                violation_error_message=_("A document belongs to exactly one project, participation event or meeting."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_parent(self) -> Project | ParticipationEvent | Meeting | None:
        """The project, participation event or meeting; reads that relation unless it was select_related."""
        for name in self.PARENT_FIELDS:
            if getattr(self, f"{name}_id") is not None:
                return getattr(self, name)
        return None
