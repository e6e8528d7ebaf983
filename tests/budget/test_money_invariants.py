"""The money rules hold after any sequence of writes through budget.services (hypothesis' stateful testing).

A strategy with budget lines 2025–2028 (results budget) and 2025–2026 (financial budget) and three projects. The
machine adds, changes and removes funding sources (plans, grants, the carry-in from 2024), allocates as an editor or
as an administrator (with or without a reason), changes and deletes allocations, spends, changes and deletes
expenditures, carries years over and undoes carry-overs, each through the service the workspace uses. A refusal (a
ValidationError) is an answer, not a failure, and must leave every money row as it was. After every step:

- a line has no more allocated than available, unless an administrator's reason stands on one of its allocations;
- no project has spent more on a line than is allocated to it there;
- every line has what its rows say (the selectors agree with a sum in Python) and never less than nothing;
- the years' available amounts add up to what was granted (the sources): carry-overs move money, never make it;
- undoing a carry-over right after it leaves every line as it was before it.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule, run_state_machine_as_test

from budget import services
from budget.models import Allocation, BudgetLine, CarryOver, Expenditure, FundingSource
from budget.selectors import line_state
from tests import factories
from tests.budget.money_properties_helpers import rolled_back

CENTS = Decimal("0.00")
RESULTS, FINANCIAL = BudgetLine.BudgetPart.RESULTS, BudgetLine.BudgetPart.FINANCIAL
LINE_KEYS = [(RESULTS, 2025), (RESULTS, 2026), (RESULTS, 2027), (RESULTS, 2028), (FINANCIAL, 2025), (FINANCIAL, 2026)]
REASON = "Beschluss des Kreistags vom 26.05.2025"

STEPS = settings(
    max_examples=30,
    stateful_step_count=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)

LINES = st.integers(0, len(LINE_KEYS) - 1)
PROJECTS = st.integers(0, 2)
# Which existing row (of those there are, modulo their number).
PICKS = st.integers(0, 30)
AMOUNTS = st.one_of(st.integers(0, 1500).map(Decimal), st.decimals(min_value=0, max_value=1500, places=2))
# Instead of the drawn amount: exactly what is left (a cent less, exactly, a cent more), where the rules bite.
NEAR = st.sampled_from([None, Decimal("-0.01"), CENTS, Decimal("0.01")])
ROLES = st.sampled_from(["editor", "admin"])
REASONS = st.sampled_from(["", "   ", REASON])
DAYS = st.integers(0, 364)  # 1 January + days lies in the year, leap year or not
SOURCE_KINDS = st.sampled_from(["plan", "grant", "carry_in"])
REFUSED = object()  # what MoneyMachine.attempt returns for a refused write
WRITES = {"source", "allocation", "expenditure", "carry-over", "undo"}


@dataclass
class World:
    """What every example starts from: the lines (in LINE_KEYS' order), the projects and who writes."""

    lines: list[BudgetLine]
    projects: list
    users: dict


def make_world(editor, admin):
    strategy = factories.StrategyFactory(first_budget_year=2025, last_budget_year=2028)
    lines = [
        factories.BudgetLineFactory(strategy=strategy, budget_part=part, year=year, required_amount=Decimal("1000.00"))
        for part, year in LINE_KEYS
    ]
    projects = factories.ProjectFactory.create_batch(3, strategy=strategy)
    return World(lines, projects, {"editor": editor, "admin": admin})


def nth(queryset, pick):
    rows = list(queryset.order_by("pk"))
    return rows[pick % len(rows)] if rows else None


def near_or(amount, near, rest):
    """`amount`, or where `near` is drawn: what is left (`rest()`) + `near`, never below nothing."""
    return amount if near is None else max(rest() + near, CENTS)


def left_to_spend(project_pk, line_pk, excluding=None):
    allocated, spent = services.pair_amounts(project_pk, line_pk, excluding_expenditure=excluding)
    return allocated - spent


def in_year(line, day):
    return datetime.date(line.year, 1, 1) + datetime.timedelta(days=day)


# What the rows say ---------------------------------------------------------------------------------------------------


def money_rows():
    """Every money row with every column: a refusal changes none of it."""
    models = (BudgetLine, FundingSource, Allocation, Expenditure, CarryOver)
    return {model.__name__: list(model.objects.order_by("pk").values_list()) for model in models}


def summed(pairs):
    sums = defaultdict(lambda: CENTS)
    for key, amount in pairs:
        sums[key] += amount
    return sums


@dataclass(frozen=True)
class Figures:
    granted: Decimal
    carried_in: Decimal
    carried_out: Decimal
    available: Decimal
    allocated: Decimal
    spent: Decimal

    @property
    def amounts(self):
        return (self.granted, self.carried_in, self.carried_out, self.available)


def figures_from_rows(line_pks):
    """Per line, summed in Python from the rows themselves."""
    active = CarryOver.objects.active()
    granted = summed(FundingSource.objects.values_list("budget_line", "amount"))
    carried_in = summed(active.values_list("target", "amount"))
    carried_out = summed(active.values_list("origin", "amount"))
    allocated = summed(Allocation.objects.values_list("budget_line", "amount"))
    spent = summed(Expenditure.objects.values_list("budget_line", "amount"))
    return {
        pk: Figures(
            granted[pk],
            carried_in[pk],
            carried_out[pk],
            granted[pk] + carried_in[pk] - carried_out[pk],
            allocated[pk],
            spent[pk],
        )
        for pk in line_pks
    }


def amounts_from_selectors(line_pks):
    """Per line, what the pages and the services read (`with_amounts`): granted, carried in and out, available."""
    lines = BudgetLine.objects.filter(pk__in=line_pks).with_amounts()
    return {
        line.pk: (line.granted_amount, line.carried_in_amount, line.carried_out_amount, line.available_amount)
        for line in lines
    }


# The machine ---------------------------------------------------------------------------------------------------------


class MoneyMachine(RuleBasedStateMachine):
    """Each example runs in a savepoint that its teardown rolls back (`rolled_back`; the world is made once, by the
    test)."""

    world: World
    outcomes: Counter  # how often each kind of write was saved and refused, over all examples

    def __init__(self):
        super().__init__()
        self.example = rolled_back()
        self.example.__enter__()
        self.line_pks = [line.pk for line in self.world.lines]
        # (carry-over, every line's figures before it) while nothing else has been written since it.
        self.just_carried = None
        # Whether a write was saved since the rules were last checked (a refusal changes nothing, see attempt).
        self.changed = True

    def teardown(self):
        self.example.__exit__(None, None, None)

    def line(self, index):
        return BudgetLine.objects.get(pk=self.line_pks[index])

    def attempt(self, kind, write):
        """Run `write` (of a `kind` of WRITES) and return what it returns, REFUSED on a ValidationError. A refusal must
        leave every money row as it was."""
        before = money_rows()
        try:
            result = write()
        except ValidationError:
            assert money_rows() == before, "a refused write changed money rows"
            self.outcomes[kind, "refused"] += 1
            return REFUSED
        self.outcomes[kind, "saved"] += 1
        self.just_carried = None
        self.changed = True
        return result

    # Funding sources -------------------------------------------------------------------------------------------------

    @initialize(amounts=st.lists(AMOUNTS, min_size=len(LINE_KEYS), max_size=len(LINE_KEYS)), carry_in=AMOUNTS)
    def plan(self, amounts, carry_in):
        """The lines' plans and 2025's carry-in from 2024, as the budget brought them (set up, not a step)."""
        plans = [
            FundingSource(budget_line_id=pk, kind="plan", amount=amount)
            for pk, amount in zip(self.line_pks, amounts, strict=True)
        ]
        carry_in = FundingSource(budget_line_id=self.line_pks[0], kind="carry_over", origin_year=2024, amount=carry_in)
        FundingSource.objects.bulk_create([*plans, carry_in])

    @rule(line=LINES, kind=SOURCE_KINDS, amount=AMOUNTS)
    def add_source(self, line, kind, amount):
        """A plan or grant, or a carry-in from the year before (allowed only from 2024, before the strategy)."""
        budget_line = self.line(line)
        source = FundingSource(budget_line=budget_line, amount=amount, kind=FundingSource.Kind.PLAN)
        if kind == "grant":
            source.kind = FundingSource.Kind.GRANT
        elif kind == "carry_in":
            source.kind, source.origin_year = FundingSource.Kind.CARRY_OVER, budget_line.year - 1
        self.attempt("source", lambda: services.save_funding_source(source, user=self.world.users["editor"]))

    @rule(pick=PICKS, amount=AMOUNTS, near=NEAR, move_to=st.none() | LINES)
    def change_source(self, pick, amount, near, move_to):
        """Change a source's amount (`near`: to leave its line exactly what is allocated there), or move it."""
        source = nth(FundingSource.objects.all(), pick)
        if source is None:
            return
        state = line_state(source.budget_line_id) if near is not None else None
        source.amount = near_or(amount, near, lambda: source.amount + state.allocated - state.available)
        if move_to is not None:
            source.budget_line = self.line(move_to)
        self.attempt("source", lambda: services.save_funding_source(source))

    @rule(pick=PICKS)
    def remove_source(self, pick):
        """As the budget line's form removes a source row: through save_budget_line."""
        source = nth(FundingSource.objects.all(), pick)
        if source is None:
            return
        line = source.budget_line
        self.attempt("source", lambda: services.save_budget_line(line, write_sources=lambda _line: source.delete()))

    # Allocations -----------------------------------------------------------------------------------------------------

    def save_allocation(self, allocation, role):
        user = self.world.users[role]
        return self.attempt(
            "allocation", lambda: services.save_allocation(allocation, may_exceed=role == "admin", user=user)
        )

    @rule(line=LINES, project=PROJECTS, amount=AMOUNTS, near=NEAR, role=ROLES, reason=REASONS, day=st.none() | DAYS)
    def allocate(self, line, project, amount, near, role, reason, day):
        budget_line = self.line(line)
        allocation = Allocation(
            budget_line=budget_line,
            project=self.world.projects[project],
            amount=near_or(amount, near, lambda: line_state(budget_line.pk).unallocated),
            decided_on=None if day is None else in_year(budget_line, day),
            # The editor's form has no reason field.
            override_reason=reason if role == "admin" else "",
        )
        self.save_allocation(allocation, role)

    @rule(line=LINES, project=PROJECTS, excess=st.integers(1, 50_000).map(lambda cents: Decimal(cents) / 100))
    def allocate_beyond(self, line, project, excess):
        """An administrator allocates more than the line has left, and says why (a recorded exception)."""
        budget_line = self.line(line)
        allocation = Allocation(
            budget_line=budget_line,
            project=self.world.projects[project],
            amount=max(line_state(budget_line.pk).unallocated, CENTS) + excess,
            override_reason=REASON,
        )
        self.save_allocation(allocation, "admin")

    @rule(
        pick=PICKS,
        amount=st.none() | AMOUNTS,
        near=NEAR,
        role=ROLES,
        reason=REASONS,
        line=st.none() | LINES,
        project=st.none() | PROJECTS,
    )
    def change_allocation(self, pick, amount, near, role, reason, line, project):
        """Change an allocation's amount (None: keep it), line or project; an editor's edit keeps the administrator's
        reason, an administrator's sets it."""
        allocation = nth(Allocation.objects.all(), pick)
        if allocation is None:
            return
        if line is not None:
            allocation.budget_line = self.line(line)
            allocation.decided_on = None
        if project is not None:
            allocation.project = self.world.projects[project]
        if amount is not None or near is not None:
            allocation.amount = near_or(
                amount,
                near,
                lambda: line_state(allocation.budget_line_id, excluding_allocation=allocation.pk).unallocated,
            )
        if role == "admin":
            allocation.override_reason = reason
        self.save_allocation(allocation, role)

    @rule(pick=PICKS, reason=REASONS)
    def change_reason(self, pick, reason):
        """An administrator changes only the reason of an allocation."""
        allocation = nth(Allocation.objects.all(), pick)
        if allocation is not None:
            allocation.override_reason = reason
            self.save_allocation(allocation, "admin")

    @rule(pick=PICKS)
    def delete_allocation(self, pick):
        allocation = nth(Allocation.objects.all(), pick)
        if allocation is not None:
            self.attempt("allocation", lambda: services.delete_entry(allocation))

    # Expenditures ----------------------------------------------------------------------------------------------------

    @rule(line=LINES, project=PROJECTS, amount=AMOUNTS, near=NEAR, day=DAYS)
    def spend(self, line, project, amount, near, day):
        budget_line, spender = self.line(line), self.world.projects[project]
        expenditure = Expenditure(
            budget_line=budget_line,
            project=spender,
            amount=near_or(amount, near, lambda: left_to_spend(spender.pk, budget_line.pk)),
            spent_on=in_year(budget_line, day),
            purpose="Rechnung",
        )
        self.attempt("expenditure", lambda: services.save_expenditure(expenditure, user=self.world.users["editor"]))

    @rule(pick=PICKS, amount=AMOUNTS, near=NEAR, day=DAYS, line=st.none() | LINES, project=st.none() | PROJECTS)
    def change_expenditure(self, pick, amount, near, day, line, project):
        expenditure = nth(Expenditure.objects.all(), pick)
        if expenditure is None:
            return
        if line is not None:
            expenditure.budget_line = self.line(line)
        if project is not None:
            expenditure.project = self.world.projects[project]
        expenditure.spent_on = in_year(expenditure.budget_line, day)
        expenditure.amount = near_or(
            amount,
            near,
            lambda: left_to_spend(expenditure.project_id, expenditure.budget_line_id, expenditure.pk),
        )
        self.attempt("expenditure", lambda: services.save_expenditure(expenditure))

    @rule(pick=PICKS)
    def delete_expenditure(self, pick):
        expenditure = nth(Expenditure.objects.all(), pick)
        if expenditure is not None:
            self.attempt("expenditure", lambda: services.delete_entry(expenditure))

    # Carry-overs -----------------------------------------------------------------------------------------------------

    @rule(line=LINES)
    def carry(self, line):
        """Carry a year over; it moves exactly what was neither allocated nor spent."""
        origin = self.line(line)
        before = figures_from_rows(self.line_pks)
        record = self.attempt("carry-over", lambda: services.carry_over(line=origin, user=self.world.users["admin"]))
        if record is not REFUSED:
            state = line_state(origin.pk)
            assert state.available == state.committed == before[origin.pk].available - record.amount
            self.just_carried = (record.pk, before)

    @rule(pick=st.none() | PICKS)
    def undo(self, pick):
        """Undo a carry-over (`pick` None: the newest one); right after it, every line is as before it."""
        records = CarryOver.objects.all()
        record = records.order_by("pk").last() if pick is None else nth(records, pick)
        if record is None:
            return
        just_carried = self.just_carried
        undone = self.attempt("undo", lambda: services.undo_carry_over(record, user=self.world.users["admin"]))
        if undone is not REFUSED and just_carried is not None and just_carried[0] == record.pk:
            before = just_carried[1]
            assert figures_from_rows(self.line_pks) == before
            assert amounts_from_selectors(self.line_pks) == {pk: figures.amounts for pk, figures in before.items()}

    @rule(line=LINES)
    def carry_and_undo(self, line):
        self.carry(line)
        self.undo(None)

    # What always holds -----------------------------------------------------------------------------------------------

    @invariant()
    def the_money_rules_hold(self):
        if not self.changed:
            return
        self.changed = False
        figures = figures_from_rows(self.line_pks)
        assert amounts_from_selectors(self.line_pks) == {pk: f.amounts for pk, f in figures.items()}, "selectors"
        for line_figures in figures.values():
            assert line_figures.available >= 0, line_figures
        check_carry_overs_neither_make_nor_lose_money(figures)
        check_allocated_beyond_available_only_with_a_reason(figures)
        check_no_project_spends_more_than_allocated_to_it()
        check_a_year_is_carried_once_into_the_next_year_of_its_part()


def check_carry_overs_neither_make_nor_lose_money(figures):
    available = sum((line_figures.available for line_figures in figures.values()), CENTS)
    assert available == sum(FundingSource.objects.values_list("amount", flat=True), CENTS)


def check_allocated_beyond_available_only_with_a_reason(figures):
    reasons = defaultdict(list)
    for line_pk, reason in Allocation.objects.values_list("budget_line", "override_reason"):
        reasons[line_pk].append(reason.strip())
    for pk, line_figures in figures.items():
        assert line_figures.allocated <= line_figures.available or any(reasons[pk]), (line_figures, reasons[pk])


def check_no_project_spends_more_than_allocated_to_it():
    allocated = summed(((a.project_id, a.budget_line_id), a.amount) for a in Allocation.objects.all())
    spent = summed(((e.project_id, e.budget_line_id), e.amount) for e in Expenditure.objects.all())
    for pair, amount in spent.items():
        assert amount <= allocated[pair], (pair, amount, allocated[pair])


def check_a_year_is_carried_once_into_the_next_year_of_its_part():
    active = list(CarryOver.objects.active().select_related("origin", "target"))
    assert len({record.origin_id for record in active}) == len(active)
    for record in active:
        assert (record.target.budget_part, record.target.year) == (record.origin.budget_part, record.origin.year + 1)
        assert record.amount > 0


def test_the_money_rules_hold_after_any_sequence_of_writes(db, editor_user, admin_user_role):
    outcomes = Counter()
    machine = type("Money", (MoneyMachine,), {"world": make_world(editor_user, admin_user_role), "outcomes": outcomes})

    run_state_machine_as_test(machine, settings=STEPS)

    # Every kind of write was saved and refused: the rules were checked on real money, not on an empty strategy.
    assert {kind for kind, outcome in outcomes if outcome == "saved"} == WRITES, outcomes
    assert {kind for kind, outcome in outcomes if outcome == "refused"} == WRITES, outcomes
