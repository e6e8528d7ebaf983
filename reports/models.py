from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from projects.models import Document
from projects.uploads import stored_name
from strategy_portal.db import TimestampedModel


class CommitteePaper(TimestampedModel):
    """A Vorlage. Once finalised, its content is a stored snapshot that later edits do not change."""

    class Kind(models.TextChoices):
        STATUS_REPORT = "status_report", _("status report")
        DECISION_PAPER = "decision_paper", _("decision paper")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        FINALISED = "finalised", _("finalised")

    strategy = models.ForeignKey(
        "projects.Strategy", models.PROTECT, verbose_name=_("strategy"), related_name="committee_papers"
    )
    number = models.CharField(_("number"), max_length=40, unique=True, help_text=_("E.g. “AUT_18/2025”."))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    subtitle = models.CharField(_("subtitle"), max_length=300, blank=True)
    date = models.DateField(_("date of the paper"), null=True, blank=True)
    meeting = models.ForeignKey(
        "stakeholders.Meeting",
        models.PROTECT,
        verbose_name=_("meeting"),
        null=True,
        blank=True,
        related_name="committee_papers",
    )
    addressees = models.CharField(_("addressed to"), max_length=300, blank=True)
    decision_proposal = models.TextField(_("decision proposal"))
    climate_check_result = models.TextField(_("overall result of the KlimaCheck"), blank=True)
    climate_check_partial_results = models.TextField(_("partial results of the KlimaCheck"), blank=True)
    climate_check_reasoning = models.TextField(_("reasoning, classification, alternatives"), blank=True)
    introduction = models.TextField(_("introduction"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    finalised_at = models.DateTimeField(_("finalised at"), null=True, blank=True)
    # The public paper (what OParl and the public channels serve) and the committee's non-public version.
    snapshot = models.JSONField(_("snapshot"), null=True, blank=True, editable=False)
    committee_snapshot = models.JSONField(_("non-public snapshot"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("committee paper")
        verbose_name_plural = _("committee papers")
        ordering = ["-created"]
        permissions = [("finalise_committeepaper", _("Can finalise committee papers"))]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(finalised_at__isnull=False),
                name="committeepaper_finalised_has_date",
                violation_error_message=_("A finalised paper needs the time it was finalised."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}: {self.title}"


class Consultation(TimestampedModel):
    """A row of the paper's Beratungsfolge."""

    class Competence(models.TextChoices):
        ACKNOWLEDGEMENT = "acknowledgement", _("acknowledgement (Kenntnisnahme)")
        PRELIMINARY = "preliminary", _("preliminary consultation (Vorberatung)")
        DECISION = "decision", _("decision (Beschlussfassung)")

    paper = models.ForeignKey(
        CommitteePaper, models.CASCADE, verbose_name=_("committee paper"), related_name="consultations"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    body = models.ForeignKey("stakeholders.Body", models.PROTECT, verbose_name=_("body"), related_name="consultations")
    competence = models.CharField(_("competence"), max_length=20, choices=Competence.choices)
    meeting_date = models.DateField(_("meeting date"), null=True, blank=True)
    is_public = models.BooleanField(_("public"), default=True)

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["paper_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["paper", "position"], name="consultation_unique_position"),
        ]

    def __str__(self) -> str:
        return f"{self.body} – {self.get_competence_display()}"


def attachment_path(instance: "PaperAttachment", filename: str) -> str:
    """A random name with the extension of the detected type: the uploader's name is kept in `original_name` only."""
    return f"papers/{timezone.localdate():%Y}/{stored_name(instance.content_type)}"


class PaperAttachment(TimestampedModel):
    """A file sent with the paper. Its type is detected from the content on upload (reports/forms.py, as for
    project documents); it is only ever served as a download, never shown inline."""

    paper = models.ForeignKey(
        CommitteePaper, models.CASCADE, verbose_name=_("committee paper"), related_name="attachments"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=255, blank=True)
    original_name = models.CharField(_("original file name"), max_length=255, blank=True, editable=False)
    content_type = models.CharField(
        _("file type"), max_length=100, choices=Document.FileType.choices, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["paper_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["paper", "number"], name="paperattachment_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.number}: {self.title}"
