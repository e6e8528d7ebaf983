import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from budget.models import FundingSource
from exchange.document import export_document, import_document
from projects.models import Project, Strategy
from stakeholders.models import Organisation
from strategy_portal.publication import Audience
from tests.seed import seed_document


def import_file(tmp_path, document):
    path = tmp_path / "strategy.json"
    path.write_text(json.dumps(document, ensure_ascii=False, default=str), encoding="utf-8")
    out = io.StringIO()
    call_command("import_strategy", str(path), stdout=out)
    return out.getvalue()


def export_text(strategy):
    return json.dumps(export_document(strategy, audience=Audience.ADMIN), ensure_ascii=False, indent=2)


def modified_stamps():
    return sorted(Project.objects.values_list("modified", flat=True)) + sorted(
        FundingSource.objects.values_list("modified", flat=True)
    )


def test_second_import_changes_nothing(seeded, tmp_path):
    stamps = modified_stamps()
    before = export_text(seeded)

    output = import_file(tmp_path, seed_document())

    assert "0 neu angelegt, 0 geändert" in output
    assert modified_stamps() == stamps
    assert export_text(seeded) == before


@pytest.mark.django_db(transaction=True)  # flush empties the tables, which PostgreSQL refuses inside a transaction
def test_export_import_into_empty_database_gives_the_same_document(seeded, tmp_path):
    exported = export_document(seeded, audience=Audience.ADMIN)
    call_command("flush", "--no-input", verbosity=0)
    assert not Strategy.objects.exists()

    import_file(tmp_path, exported)

    assert export_document(Strategy.objects.get(), audience=Audience.ADMIN) == exported


def test_export_command_writes_the_featured_strategy(seeded, tmp_path):
    target = tmp_path / "export.json"

    call_command("export_strategy", "--output", str(target))

    document = json.loads(target.read_text(encoding="utf-8"))
    assert document["format"] == "strategy-portal/strategy"
    assert document["strategy"]["slug"] == seeded.slug
    assert len(document["projects"]) == 7


def test_export_writes_money_as_exact_strings(seeded):
    line_2025 = export_document(seeded, audience=Audience.ADMIN)["budget_lines"][0]

    assert [(s["kind"], s["amount"]) for s in line_2025["sources"]] == [
        ("plan", "20000.00"),
        ("carry_over", "52577.00"),
    ]


def test_bad_amount_stops_the_import_with_its_path_and_changes_nothing(seeded, tmp_path):
    document = seed_document()
    document["projects"][0]["title"] = "Darf nicht gespeichert werden"
    document["organisations"].append({"name": "Neue Organisation"})
    document["budget_lines"][0]["sources"][1]["amount"] = "-1.00"

    with pytest.raises(CommandError) as error:
        import_file(tmp_path, document)

    assert "budget_lines[0].sources[1].amount: Der Betrag darf nicht negativ sein." in str(error.value)
    assert Project.objects.get(number=1).title != "Darf nicht gespeichert werden"
    assert not Organisation.objects.filter(name="Neue Organisation").exists()
    assert FundingSource.objects.filter(amount=Decimal("52577.00")).exists()


@pytest.mark.parametrize(
    ("change", "path", "message"),
    [
        (lambda d: d["projects"][2].update(action_field="gibt-es-nicht"), "projects[2].action_field", "unbekannt"),
        (lambda d: d["projects"][0].update(titel="Tippfehler"), "projects[0].titel", "unbekannter Schlüssel"),
        (
            lambda d: d["budget_lines"][1].update(required_amount="viel"),
            "budget_lines[1].required_amount",
            "Dezimalzahl",
        ),
        (
            lambda d: d["participation_events"][0].update(start_date="1.10.2024"),
            "participation_events[0].start_date",
            "Datum",
        ),
        (lambda d: d["projects"][1].update(status="fertig"), "projects[1].status", "keine gültige Option"),
        (lambda d: d.update(version=99), "version", "Version"),
        # A person that is no object: the persons are read before anything else checks their shape.
        (lambda d: d["persons"].__setitem__(0, "Max Mustermann"), "persons[0]", "Objekt"),
    ],
)
def test_bad_input_names_the_path_of_the_bad_field(db, tmp_path, change, path, message):
    document = seed_document()
    change(document)

    with pytest.raises(CommandError) as error:
        import_file(tmp_path, document)

    assert f"{path}: " in str(error.value)
    assert message in str(error.value)
    assert not Strategy.objects.exists()


def test_import_refuses_a_file_that_is_not_json(db, tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{ nicht json", encoding="utf-8")

    with pytest.raises(CommandError, match="kein gültiges JSON"):
        call_command("import_strategy", str(path))


def test_import_updates_what_changed_in_the_document(seeded):
    document = seed_document()
    document["budget_lines"][1]["required_amount"] = "25000.00"

    result = import_document(document)

    assert result.updated == 1
    assert result.created == 0
    assert seeded.budget_lines.get(year=2026).required_amount == Decimal("25000.00")


def test_export_of_the_seed_is_the_shipped_seed_document(seeded):
    assert export_document(seeded, audience=Audience.ADMIN) == seed_document()


def test_import_that_changes_a_project_raises_its_version(seeded):
    project = seeded.projects.get(number=3)
    document = seed_document()
    document["projects"][2]["status"] = "prioritised"

    import_document(document)

    project_after = seeded.projects.get(number=3)
    assert project_after.status == "prioritised"
    assert project_after.version == project.version + 1
