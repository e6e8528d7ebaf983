from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from strategy_portal.db import ArchivableModel, CountQualifier, TimestampedModel, not_before

END_BEFORE_START_MESSAGE = _("The end must not lie before the start.")


def check_end_not_before_start(obj: Membership | ParticipationEvent) -> None:
    """The same rule as the `not_before` constraint, raised at the end date so a form shows it there."""
    if obj.start_date and obj.end_date and obj.end_date < obj.start_date:
        raise ValidationError({"end_date": END_BEFORE_START_MESSAGE})


class Organisation(ArchivableModel, TimestampedModel):
    class Category(models.TextChoices):
        COMPANY = "company", _("company")
        MUNICIPALITY = "municipality", _("municipality")
        CHAMBER = "chamber", _("chamber")
        ASSOCIATION = "association", _("association")
        RESEARCH = "research", _("university or research")
        EDUCATION = "education", _("education")
        LABOUR_MARKET = "labour_market", _("labour market")
        DISTRICT_ADMINISTRATION = "district_administration", _("district administration")
        REGIONAL_BODY = "regional_body", _("regional body")
        INITIATIVE = "initiative", _("initiative")
        OTHER = "other", _("other")

    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    category = models.CharField(_("category"), max_length=30, choices=Category.choices, default=Category.OTHER)
    municipality = models.CharField(_("municipality"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True)
    is_sponsor = models.BooleanField(_("sponsor of the economic development office"), default=False)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Person(TimestampedModel):
    """Personal data: shown to staff only. Named publicly only as a public figure or with a consent that covers
    publication (strategy_portal/publication.py)."""

    name = models.CharField(_("name"), max_length=200)
    # Only where the person gave them: the portal does not split a name (OParl givenName/familyName).
    given_name = models.CharField(_("given name"), max_length=100, blank=True)
    family_name = models.CharField(_("family name"), max_length=100, blank=True)
    public_function = models.CharField(_("public function"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation, models.PROTECT, verbose_name=_("organisation"), null=True, blank=True, related_name="persons"
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    public_figure = models.BooleanField(_("public figure"), default=False, help_text=_("May be named on public pages."))
    consent_date = models.DateField(_("consent given on"), null=True, blank=True)
    consent_scope = models.CharField(_("scope of consent"), max_length=300, blank=True)
    consent_covers_publication = models.BooleanField(
        _("consent covers publication"),
        default=False,
        help_text=_("The consent covers naming the person on the portal and in its open data (OParl)."),
    )
    notes = models.TextField(_("private notes"), blank=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        ordering = ["name"]
        permissions = [("export_personal_data", _("Can export personal data"))]
        constraints = [
            models.UniqueConstraint(fields=["name", "organisation"], name="person_unique_name_per_organisation"),
            models.UniqueConstraint(
                fields=["name"],
                condition=models.Q(organisation__isnull=True),
                name="person_unique_name_without_organisation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.public_function})" if self.public_function else self.name

    def clean(self) -> None:
        # Naming someone on public pages needs their consent to it, or an office held in public (a Landrat is named as
        # such). A consent for something else (a newsletter, say) does not make anyone public.
        errors = {}
        if self.consent_covers_publication and not self.consent_date:
            errors["consent_date"] = _("Enter when the person consented to publication.")
        publication_consent = self.consent_covers_publication and self.consent_date
        if self.public_figure and not publication_consent and not self.public_function.strip():
            errors["public_figure"] = _(
                "A person may be named publicly only in a public function or with a consent that covers "
                "publication. Enter their public function, or when they consented to publication."
            )
        if errors:
            raise ValidationError(errors)


class Body(TimestampedModel):
    class Kind(models.TextChoices):
        ADVISORY_BOARD = "advisory_board", _("advisory board")
        STEERING_COMMITTEE = "steering_committee", _("steering committee")
        COUNCIL_COMMITTEE = "council_committee", _("council committee")
        COUNCIL = "council", _("council")

    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    purpose = models.TextField(_("purpose"), blank=True)

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Membership(TimestampedModel):
    """A seat in a body, held by a person, by an organisation, or by a person for their organisation."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("chair")
        MEMBER = "member", _("member")
        DEPUTY = "deputy", _("deputy")

    body = models.ForeignKey(Body, models.CASCADE, verbose_name=_("body"), related_name="memberships")
    person = models.ForeignKey(
        Person, models.PROTECT, verbose_name=_("person"), null=True, blank=True, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation,
        models.PROTECT,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    function = models.CharField(
        _("function in the body"),
        max_length=200,
        blank=True,
        help_text=_("As the paper names it, e.g. “IHK-Präsident”."),
    )
    start_date = models.DateField(_("from"), null=True, blank=True)
    end_date = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["body", "role", "organisation__name", "person__name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(person__isnull=False) | models.Q(organisation__isnull=False),
                name="membership_has_person_or_organisation",
                violation_error_message=_("A membership needs a person or an organisation."),
            ),
            not_before("end_date", "start_date", "membership", _("The end must not lie before the start.")),
        ]

    def __str__(self) -> str:
        holder = self.person or self.organisation
        return f"{holder} – {self.body}"

    def clean(self) -> None:
        check_end_not_before_start(self)


class Meeting(TimestampedModel):
    body = models.ForeignKey(Body, models.PROTECT, verbose_name=_("body"), related_name="meetings")
    date = models.DateField(_("date"))
    start_time = models.TimeField(
        _("start time"), null=True, blank=True, help_text=_("Leave empty when only the date is decided.")
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    is_public = models.BooleanField(_("public"), default=True)
    location = models.CharField(_("location"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-date"]
        constraints = [
            models.UniqueConstraint(fields=["body", "date"], name="meeting_one_per_body_and_day"),
        ]

    def __str__(self) -> str:
        return f"{self.body} – {self.date:%d.%m.%Y}"


class ParticipationEvent(ArchivableModel, TimestampedModel):
    class Kind(models.TextChoices):
        KICK_OFF = "kick_off", _("kick-off")
        STRATEGY_WORKSHOP = "strategy_workshop", _("strategy workshop")
        ONLINE_SURVEY = "online_survey", _("online survey")
        COMPANY_WORKSHOP = "company_workshop", _("company workshop")
        FUTURE_WORKSHOP = "future_workshop", _("future workshop")
        OTHER = "other", _("other")

    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    participants_count = models.PositiveIntegerField(_("participants"), null=True, blank=True)
    participants_qualifier = models.CharField(
        _("participant count is"), max_length=20, choices=CountQualifier.choices, default=CountQualifier.EXACT
    )
    participant_groups = models.TextField(_("participant groups"), blank=True)
    description = models.TextField(_("description"), blank=True)
    outcomes = models.TextField(_("outcomes"), blank=True)

    class Meta:
        verbose_name = _("participation event")
        verbose_name_plural = _("participation events")
        ordering = ["start_date"]
        constraints = [
            not_before("end_date", "start_date", "participationevent", _("The end must not lie before the start.")),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        check_end_not_before_start(self)

    @property
    def participants_label(self) -> str:
        """The count as the paper gives it: "über 60", "rund 190", "15"."""
        if self.participants_count is None:
            return ""
        if self.participants_qualifier == CountQualifier.EXACT:
            return str(self.participants_count)
        return f"{self.get_participants_qualifier_display()} {self.participants_count}"


class District(TimestampedModel):
    """The district whose office runs the portal, as OParl's Body: its official keys and the council's terms. One
    row, made by the migration; edited in the admin."""

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=30, blank=True)
    ags = models.CharField(
        _("official municipality key (AGS)"), max_length=8, blank=True, help_text=_("8 digits, e.g. “08118000”.")
    )
    rgs = models.CharField(
        _("regional key (RGS)"), max_length=12, blank=True, help_text=_("12 digits, e.g. “081180000000”.")
    )
    website = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("district")

    def __str__(self) -> str:
        return self.name


class LegislativeTerm(TimestampedModel):
    """A term of the district council (Wahlperiode des Kreistags), published with the district in OParl."""

    district = models.ForeignKey(District, models.CASCADE, verbose_name=_("district"), related_name="terms")
    name = models.CharField(_("name"), max_length=100, help_text=_("E.g. “Wahlperiode 2024–2029”."))
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("legislative term")
        verbose_name_plural = _("legislative terms")
        ordering = ["start_date"]
        constraints = [
            not_before("end_date", "start_date", "legislativeterm", _("A term cannot end before it starts.")),
        ]

    def __str__(self) -> str:
        return self.name
