"""A test that asserts nothing cannot fail: every test function must say what it expects.

It counts as saying so with an `assert`, `pytest.raises`/`pytest.warns`, a query count (`django_assert_num_queries`,
`django_assert_max_num_queries`, `assertNumQueries`) or a call of a helper whose name starts with `assert`, `expect`
or `check` (`assert_full_clean_says`, Playwright's `expect`, `checker...assert_clean`)."""

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent
QUERY_COUNTS = {"django_assert_num_queries", "django_assert_max_num_queries", "assertNumQueries"}
HELPER_PREFIXES = ("assert", "expect", "check")


def name_of(node):
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def expects_something(node):
    if isinstance(node, ast.Assert) or name_of(node) in QUERY_COUNTS:
        return True
    if not isinstance(node, ast.Call):
        return False
    called = name_of(node.func)
    if called in {"raises", "warns"} and isinstance(node.func, ast.Attribute):
        return name_of(node.func.value) == "pytest"
    return called.startswith(HELPER_PREFIXES)


def silent_tests(path):
    """The test functions of a module that assert nothing, as "path:line name"."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        f"{path}:{node.lineno} {node.name}"
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.name.startswith("test")
        and not any(expects_something(inner) for inner in ast.walk(node))
    ]


def test_every_test_function_asserts_something():
    found = [test for path in sorted(TESTS.rglob("test_*.py")) for test in silent_tests(path)]

    assert not found, "tests that assert nothing:\n" + "\n".join(found)


def test_the_check_finds_a_test_without_an_assertion(tmp_path):
    module = tmp_path / "test_sample.py"
    module.write_text(
        "def test_asserts():\n    assert 1\n\n"
        "def test_raises():\n    with pytest.raises(ValueError):\n        int('x')\n\n"
        "def test_counts(django_assert_num_queries):\n    with django_assert_num_queries(0):\n        pass\n\n"
        "def test_helper():\n    assert_saved(1)\n\n"
        "def test_nothing():\n    print(1)\n\n"
        "def test_a_raises_of_another_module():\n    other.raises(ValueError)\n",
        encoding="utf-8",
    )

    found = [line.rsplit(" ", 1)[1] for line in silent_tests(module)]

    assert found == ["test_nothing", "test_a_raises_of_another_module"]
