"""Every message of the money rules reaches the user in German: the refusals of budget.services and the models'
validation messages and names (the workspace and the admin show them as they are)."""

import ast
from pathlib import Path

from django.utils import translation

import budget

SOURCES = ("services.py", "models.py")


def msgids(path):
    """The strings of `path` marked for translation with `_()`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "_"
        and node.args
        and isinstance(node.args[0], ast.Constant)
    ]


def test_every_message_of_the_money_rules_has_its_german_translation():
    folder = Path(budget.__file__).parent
    with translation.override("de"):
        untranslated = [
            f"{name}: {msgid}"
            for name in SOURCES
            for msgid in msgids(folder / name)
            if translation.gettext(msgid) == msgid
        ]

    assert not untranslated, "not translated in locale/de/LC_MESSAGES/django.po:\n" + "\n".join(untranslated)
