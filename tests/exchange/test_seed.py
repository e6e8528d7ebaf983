"""The shipped seed holds what committee paper AUT_18/2025 says; every sum is computed, none typed."""

from decimal import Decimal

from budget.selectors import financing_table
from reports.models import CommitteePaper
from stakeholders.models import Body, ParticipationEvent


def test_seed_holds_goals_action_fields_projects_and_events(seeded):
    assert seeded.goals.count() == 4
    assert seeded.action_fields.count() == 6
    assert seeded.projects.count() == 7
    assert ParticipationEvent.objects.count() == 5


def test_seed_financing_matches_the_paper(seeded):
    table = financing_table(seeded)

    assert table.available == Decimal("72577.00")
    assert table.required == Decimal("132577.00")
    assert table.shortfall == Decimal("60000.00")
    assert [line.year for line in table.lines] == [2025, 2026, 2027, 2028]
    assert [line.shortfall_amount for line in table.lines] == [Decimal("0.00")] + [Decimal("20000.00")] * 3


def test_seed_available_2025_is_the_sum_of_plan_and_carry_over(seeded):
    line = seeded.budget_lines.get(year=2025)
    sources = {source.kind: source for source in line.sources.all()}

    assert sources["plan"].amount == Decimal("20000.00")
    assert sources["carry_over"].amount == Decimal("52577.00")
    assert sources["carry_over"].origin_year == 2024
    assert financing_table(seeded).lines[0].available_amount == Decimal("72577.00")


def test_infrastructure_action_field_has_no_project_yet(seeded):
    field = seeded.action_fields.get(slug__startswith="infrastruktur")

    assert not field.projects.exists()


def test_seed_holds_the_committee_paper_and_its_meeting(seeded):
    paper = CommitteePaper.objects.get(number="AUT_18/2025")

    assert paper.meeting.body.name == "Ausschuss für Umwelt und Technik"
    assert paper.meeting.date.isoformat() == "2025-05-26"
    assert paper.decision_proposal == "Kenntnisnahme"
    assert paper.attachments.count() == 4


def test_sounding_board_is_chaired_by_the_district_administrator(seeded):
    chair = Body.objects.get(name="Sounding Board").memberships.get(role="chair")

    assert chair.person.name == "Dietmar Allgaier"
