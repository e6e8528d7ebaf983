"""CI runs every test: a test skipped there (no PostgreSQL, no Chromium) fails instead (tests/conftest.py)."""

from _pytest.reports import TestReport

from tests.conftest import fail_skips_in_ci


def report(outcome, **attributes):
    made = TestReport(
        nodeid="tests/budget/test_money_concurrency.py::test_x",
        location=("tests/budget/test_money_concurrency.py", 1, "test_x"),
        keywords={},
        outcome=outcome,
        longrepr=("tests/budget/test_money_concurrency.py", 1, "Skipped: row locks need PostgreSQL")
        if outcome == "skipped"
        else None,
        when="setup",
    )
    for name, value in attributes.items():
        setattr(made, name, value)
    return made


def test_in_ci_a_skipped_test_fails_and_says_why_it_was_skipped():
    failed = fail_skips_in_ci(report("skipped"), ci="1")

    assert failed.failed
    assert failed.longrepr == "Skipped in CI, where every test must run. Skipped: row locks need PostgreSQL"


def test_outside_ci_a_test_may_be_skipped():
    assert fail_skips_in_ci(report("skipped"), ci=None).skipped


def test_in_ci_an_expected_failure_and_a_passed_test_stay_as_they_are():
    assert fail_skips_in_ci(report("skipped", wasxfail="SQLite sums through float"), ci="1").skipped
    assert fail_skips_in_ci(report("passed"), ci="1").passed
