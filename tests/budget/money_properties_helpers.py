"""What the property-based money tests share: the amounts hypothesis draws, its settings and a rolled-back savepoint
for examples that write to the database, and what counts as money."""

from contextlib import contextmanager
from decimal import Decimal

from django.db import connection, transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from budget.models import BudgetLine, FundingSource
from strategy_portal.money import round_money

RESULTS = BudgetLine.BudgetPart.RESULTS
PLAN = FundingSource.Kind.PLAN
AMOUNTS = st.decimals(min_value=0, max_value=Decimal("9999999.99"), places=2, allow_nan=False, allow_infinity=False)

DB_PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@contextmanager
def rolled_back():
    """Run one example in a savepoint that is rolled back at its end: examples never see each other's rows."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


# SQLite sums decimals as floats and Django does not quantize an annotation read from SQLite: 0,10 € + 0,20 € comes
# back as Decimal("0.300000000000000"). The value is still exact to the cent; the two places hold on PostgreSQL.
SUMS_KEEP_TWO_PLACES = connection.vendor != "sqlite"


def is_money(value):
    """A Decimal of whole cents, never a float; with exactly two places where the database keeps them."""
    if type(value) is not Decimal or value != round_money(value):
        return False
    return value.as_tuple().exponent == -2 or not SUMS_KEEP_TWO_PLACES
