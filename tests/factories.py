"""One factory per model; each builds a valid row with the fewest rows around it."""

import datetime
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from accounts.models import User
from budget.models import Allocation, BudgetLine, CarryOver, Expenditure, ExternalFunding, FundingSource
from projects.models import (
    ActionField,
    Document,
    ExternalInitiative,
    Finding,
    FocusArea,
    Indicator,
    Measurement,
    Milestone,
    Phase,
    Project,
    ProjectLink,
    ProjectPartner,
    StatusReport,
    StrategicGoal,
    Strategy,
)
from reports.models import CommitteePaper, Consultation, PaperAttachment
from stakeholders.models import (
    Body,
    District,
    LegislativeTerm,
    Meeting,
    Membership,
    Organisation,
    ParticipationEvent,
    Person,
)


def day_sequence(start):
    """A different day per instance, for fields unique per parent and day."""
    return factory.Sequence(lambda n: start + datetime.timedelta(days=n))


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Sequence(lambda n: f"Vorname{n}")
    last_name = factory.Sequence(lambda n: f"Nachname{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("correct horse battery staple")


# stakeholders


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    category = Organisation.Category.COMPANY
    municipality = "Ludwigsburg"


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person {n}")
    organisation = factory.SubFactory(OrganisationFactory)


class BodyFactory(DjangoModelFactory):
    class Meta:
        model = Body

    name = factory.Sequence(lambda n: f"Gremium {n}")
    kind = Body.Kind.ADVISORY_BOARD


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    body = factory.SubFactory(BodyFactory)
    person = factory.SubFactory(PersonFactory)
    organisation = None
    role = Membership.Role.MEMBER


class DistrictFactory(DjangoModelFactory):
    class Meta:
        model = District
        django_get_or_create = ("name",)

    name = "Landkreis Ludwigsburg"


class LegislativeTermFactory(DjangoModelFactory):
    class Meta:
        model = LegislativeTerm

    district = factory.SubFactory(DistrictFactory)
    name = factory.Sequence(lambda n: f"Wahlperiode {2024 + 5 * n}–{2029 + 5 * n}")
    start_date = factory.Sequence(lambda n: datetime.date(2024 + 5 * n, 7, 1))


class MeetingFactory(DjangoModelFactory):
    class Meta:
        model = Meeting

    body = factory.SubFactory(BodyFactory)
    date = day_sequence(datetime.date(2025, 1, 1))
    title = factory.Sequence(lambda n: f"Sitzung {n}")


class ParticipationEventFactory(DjangoModelFactory):
    class Meta:
        model = ParticipationEvent

    kind = ParticipationEvent.Kind.STRATEGY_WORKSHOP
    title = factory.Sequence(lambda n: f"Workshop {n}")
    slug = factory.Sequence(lambda n: f"workshop-{n}")
    start_date = datetime.date(2024, 10, 1)


# projects


class StrategyFactory(DjangoModelFactory):
    class Meta:
        model = Strategy

    title = factory.Sequence(lambda n: f"Strategie {n}")
    slug = factory.Sequence(lambda n: f"strategie-{n}")
    first_budget_year = 2026
    last_budget_year = 2099  # wide enough for BudgetLineFactory's years
    annual_project_budget = Decimal("100000.00")


class PhaseFactory(DjangoModelFactory):
    class Meta:
        model = Phase

    strategy = factory.SubFactory(StrategyFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Phase {n}")


class StrategicGoalFactory(DjangoModelFactory):
    class Meta:
        model = StrategicGoal

    strategy = factory.SubFactory(StrategyFactory)
    number = factory.Sequence(lambda n: n + 1)
    statement = factory.Sequence(lambda n: f"Ziel {n}")


class ActionFieldFactory(DjangoModelFactory):
    class Meta:
        model = ActionField

    strategy = factory.SubFactory(StrategyFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Handlungsfeld {n}")
    short_title = factory.Sequence(lambda n: f"HF {n}")
    slug = factory.Sequence(lambda n: f"handlungsfeld-{n}")


class FocusAreaFactory(DjangoModelFactory):
    class Meta:
        model = FocusArea

    action_field = factory.SubFactory(ActionFieldFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Handlungsschwerpunkt {n}")


class ProjectFactory(DjangoModelFactory):
    class Meta:
        model = Project
        skip_postgeneration_save = True

    strategy = factory.SubFactory(StrategyFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Projekt {n}")
    slug = factory.Sequence(lambda n: f"projekt-{n}")
    # The action field belongs to the project's own strategy.
    action_field = factory.SubFactory(ActionFieldFactory, strategy=factory.SelfAttribute("..strategy"))

    @factory.post_generation
    def project_leads(self, create, extracted, **kwargs):
        if create and extracted:
            self.project_leads.set(extracted)


class ProjectPartnerFactory(DjangoModelFactory):
    class Meta:
        model = ProjectPartner

    project = factory.SubFactory(ProjectFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = "Partner"


class MilestoneFactory(DjangoModelFactory):
    class Meta:
        model = Milestone

    project = factory.SubFactory(ProjectFactory)
    title = factory.Sequence(lambda n: f"Meilenstein {n}")
    due_date = datetime.date(2026, 6, 30)


class StatusReportFactory(DjangoModelFactory):
    class Meta:
        model = StatusReport

    project = factory.SubFactory(ProjectFactory)
    reported_on = day_sequence(datetime.date(2026, 1, 1))
    traffic_light = StatusReport.TrafficLight.GREEN
    progress = 50


class IndicatorFactory(DjangoModelFactory):
    class Meta:
        model = Indicator

    project = factory.SubFactory(ProjectFactory)
    name = factory.Sequence(lambda n: f"Indikator {n}")
    unit = "Unternehmen"
    baseline = Decimal("10.00")
    target = Decimal("50.00")


class MeasurementFactory(DjangoModelFactory):
    class Meta:
        model = Measurement

    indicator = factory.SubFactory(IndicatorFactory)
    measured_on = day_sequence(datetime.date(2026, 1, 1))
    value = Decimal("20.00")


class FindingFactory(DjangoModelFactory):
    class Meta:
        model = Finding

    strategy = factory.SubFactory(StrategyFactory)
    number = factory.Sequence(lambda n: n + 1)
    statement = factory.Sequence(lambda n: f"Befund {n}")


class ExternalInitiativeFactory(DjangoModelFactory):
    class Meta:
        model = ExternalInitiative

    strategy = factory.SubFactory(StrategyFactory)
    title = factory.Sequence(lambda n: f"Initiative {n}")
    level = ExternalInitiative.Level.REGION


class ProjectLinkFactory(DjangoModelFactory):
    """Two projects of one strategy recorded as a synergy."""

    class Meta:
        model = ProjectLink

    project = factory.SubFactory(ProjectFactory)
    linked_project = factory.SubFactory(ProjectFactory, strategy=factory.SelfAttribute("..project.strategy"))
    kind = ProjectLink.Kind.SYNERGY
    note = "Gemeinsame Veranstaltungen"


# budget


class BudgetLineFactory(DjangoModelFactory):
    class Meta:
        model = BudgetLine

    strategy = factory.SubFactory(StrategyFactory)
    # Unique per strategy and part; several lines of one strategy get different years.
    year = factory.Sequence(lambda n: 2026 + n % 70)
    budget_part = BudgetLine.BudgetPart.RESULTS
    required_amount = Decimal("100000.00")


class FundingSourceFactory(DjangoModelFactory):
    class Meta:
        model = FundingSource

    budget_line = factory.SubFactory(BudgetLineFactory)
    kind = FundingSource.Kind.PLAN
    amount = Decimal("100000.00")


class AllocationFactory(DjangoModelFactory):
    class Meta:
        model = Allocation

    project = factory.SubFactory(ProjectFactory)
    budget_line = factory.SubFactory(BudgetLineFactory, strategy=factory.SelfAttribute("..project.strategy"))
    amount = Decimal("20000.00")


class CarryOverFactory(DjangoModelFactory):
    class Meta:
        model = CarryOver

    origin = factory.SubFactory(BudgetLineFactory)
    target = factory.SubFactory(
        BudgetLineFactory,
        strategy=factory.SelfAttribute("..origin.strategy"),
        year=factory.LazyAttribute(lambda line: line.factory_parent.origin.year + 1),
    )
    amount = Decimal("1000.00")


class ExternalFundingFactory(DjangoModelFactory):
    class Meta:
        model = ExternalFunding

    project = factory.SubFactory(ProjectFactory)
    kind = ExternalFunding.Kind.GRANT
    funder = factory.Sequence(lambda n: f"Förderprogramm {n}")
    amount = Decimal("10000.00")
    status = ExternalFunding.Status.APPLIED


class ExpenditureFactory(DjangoModelFactory):
    class Meta:
        model = Expenditure

    project = factory.SubFactory(ProjectFactory)
    budget_line = factory.SubFactory(BudgetLineFactory, strategy=factory.SelfAttribute("..project.strategy"))
    spent_on = factory.LazyAttribute(lambda expenditure: datetime.date(expenditure.budget_line.year, 3, 15))
    amount = Decimal("1500.00")
    purpose = factory.Sequence(lambda n: f"Ausgabe {n}")


# reports


class CommitteePaperFactory(DjangoModelFactory):
    class Meta:
        model = CommitteePaper

    strategy = factory.SubFactory(StrategyFactory)
    number = factory.Sequence(lambda n: f"AUT_{n}/2026")
    kind = CommitteePaper.Kind.STATUS_REPORT
    title = factory.Sequence(lambda n: f"Sachstandsbericht {n}")
    decision_proposal = "Der Ausschuss nimmt den Bericht zur Kenntnis."


class ConsultationFactory(DjangoModelFactory):
    class Meta:
        model = Consultation

    paper = factory.SubFactory(CommitteePaperFactory)
    position = factory.Sequence(lambda n: n + 1)
    body = factory.SubFactory(BodyFactory, kind=Body.Kind.COUNCIL_COMMITTEE)
    competence = Consultation.Competence.ACKNOWLEDGEMENT


PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


class PaperAttachmentFactory(DjangoModelFactory):
    class Meta:
        model = PaperAttachment

    paper = factory.SubFactory(CommitteePaperFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Anlage {n}")

    class Params:
        # A PDF as the attachment form stores it (reports/forms.py); without it the attachment has no file.
        with_file = factory.Trait(
            file=factory.django.FileField(filename="anlage.pdf", data=PDF),
            original_name="Anlage.pdf",
            content_type="application/pdf",
        )


class DocumentFactory(DjangoModelFactory):
    class Meta:
        model = Document

    title = factory.Sequence(lambda n: f"Protokoll {n}")
    file = factory.django.FileField(filename="protokoll.pdf", data=PDF)
    original_name = "protokoll.pdf"
    content_type = Document.FileType.PDF
    size = len(PDF)
    project = factory.SubFactory(ProjectFactory)
