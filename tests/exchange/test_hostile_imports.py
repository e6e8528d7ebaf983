"""A strategy document file that is too large, not UTF-8, nested without end or holding a key twice is refused by
`import_strategy` with a German message naming the file (and the place), exits non-zero and changes nothing."""

import json

import pytest
from django.core.management import CommandError, call_command

from exchange.document import export_document
from projects.models import Strategy
from strategy_portal.publication import Audience
from tests.seed import seed_document


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


# Documents that parse but would store something else than they say: each is refused at its path, nothing changes.
# Each case changes the seed document as a hostile or careless file would (the fixture files of the cases).
HOSTILE_DOCUMENTS = {
    "title-as-number": (lambda d: d["projects"][0].update(title=5), "projects[0].title: muss Text sein"),
    "number-as-text": (lambda d: d["projects"][0].update(staff_days_per_year="viel"), "muss eine ganze Zahl sein"),
    "nul-in-a-title": (
        lambda d: d["projects"][0].update(title="Projekt\x00 mit NUL"),
        "projects[0].title: Steuerzeichen (wie NUL) sind hier nicht erlaubt.",
    ),
    "control-character-in-a-key": (
        lambda d: d["organisations"][0].update(name="Kreis\x07sparkasse"),
        "organisations[0].name: Steuerzeichen (wie NUL) sind hier nicht erlaubt.",
    ),
    "the-same-project-twice": (
        lambda d: d["projects"].append({**d["projects"][0], "title": "Doppelt"}),
        "kommt im Dokument zweimal vor (zuerst bei projects[0])",
    ),
    "title-too-long": (lambda d: d["projects"][0].update(title="x" * 1000), "projects[0].title: "),
}


@pytest.mark.parametrize("case", HOSTILE_DOCUMENTS, ids=str)
def test_a_hostile_document_is_refused_at_its_path_and_changes_nothing(seeded, tmp_path, case):
    change, message = HOSTILE_DOCUMENTS[case]
    document = seed_document()
    change(document)
    path = tmp_path / f"{case}.json"
    path.write_text(json.dumps(document, ensure_ascii=False, default=str), encoding="utf-8")
    before = export_document(seeded, audience=Audience.ADMIN)

    with pytest.raises(CommandError) as error:
        call_command("import_strategy", str(path))

    assert message in str(error.value)
    assert str(error.value).endswith("(es wurde nichts importiert)")
    assert export_document(seeded, audience=Audience.ADMIN) == before
