"""A strategy document file that is too large, not UTF-8, nested without end or holding a key twice is refused by
`import_strategy` with a German message naming the file (and the place), exits non-zero and changes nothing."""

import pytest
from django.core.management import CommandError, call_command

from projects.models import Strategy


def import_file(path):
    with pytest.raises(CommandError) as error:
        call_command("import_strategy", str(path))
    assert not Strategy.objects.exists()
    message = str(error.value)
    assert message.startswith(f"{path}: ")
    assert message.endswith("(es wurde nichts importiert)")
    return message


def test_a_file_nested_100_000_levels_deep_is_refused_before_parsing(db, tmp_path):
    path = tmp_path / "tief.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")

    assert "tiefer als 20 Ebenen verschachtelt (bei Zeichen 20)" in import_file(path)


def test_brackets_inside_strings_do_not_count_as_nesting(db, tmp_path):
    path = tmp_path / "klammern.json"
    path.write_text('{"format": "' + "[{" * 50 + '\\"", "version": []}', encoding="utf-8")

    assert "verschachtelt" not in import_file(path)


def test_a_latin_1_file_is_refused_with_the_encoding_it_needs(db, tmp_path):
    path = tmp_path / "latin1.json"
    path.write_bytes('{"title": "Förderung"}'.encode("latin-1"))

    assert "nicht UTF-8-kodiert (Byte 12); speichern Sie die Datei als UTF-8" in import_file(path)


def test_a_key_twice_in_one_object_is_refused(db, tmp_path):
    path = tmp_path / "doppelt.json"
    path.write_text('{"format": "x", "strategy": {"title": "A", "title": "B"}}', encoding="utf-8")

    assert "der Schlüssel „title“ steht zweimal im selben Objekt" in import_file(path)


def test_a_file_over_the_size_limit_is_refused_unread(db, tmp_path, settings):
    settings.STRATEGY_IMPORT_MAX_BYTES = 1000
    path = tmp_path / "gross.json"
    path.write_text('{"description": "' + "x" * 2000 + '"}', encoding="utf-8")

    assert "zu groß (2019 Bytes; höchstens 1000 werden angenommen)" in import_file(path)


def test_broken_json_names_line_and_column(db, tmp_path):
    path = tmp_path / "kaputt.json"
    path.write_text('{\n  "format": \n}', encoding="utf-8")

    assert "kein gültiges JSON (Zeile 3, Spalte 1" in import_file(path)
