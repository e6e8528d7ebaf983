"""The shipped strategy document, for tests about the real strategy, and a fast copy of what its import writes."""

import io
import json
from decimal import Decimal

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction


def seed_document():
    with open(settings.SEED_DOCUMENT, encoding="utf-8") as handle:
        return json.load(handle, parse_float=Decimal)


def import_seed():
    call_command("import_strategy", str(settings.SEED_DOCUMENT), stdout=io.StringIO())


def seed_rows():
    """{model: [row values]} of every row the seed import writes, read in a transaction that is rolled back."""
    with transaction.atomic():
        before = {model: set(model._base_manager.values_list("pk", flat=True)) for model in all_models()}
        import_seed()
        rows = {}
        for model, existing in before.items():
            names = [field.attname for field in model._meta.concrete_fields]
            new = model._base_manager.exclude(pk__in=existing).order_by("pk").values_list(*names)
            rows[model] = [dict(zip(names, values, strict=True)) for values in new]
        transaction.set_rollback(True)
    return {model: model_rows for model, model_rows in rows.items() if model_rows}


def all_models():
    """Every model with a table, the many-to-many tables and the history tables included."""
    return [model for model in apps.get_models(include_auto_created=True) if model._meta.managed]


def copy_rows(rows):
    """Insert the rows as they are (no save(), no signals, no history entries of their own; created and modified
    are the time of the copy, as after an import) and move each table's id sequence past them (PostgreSQL; SQLite's
    follows by itself)."""
    with transaction.atomic():
        for model, model_rows in rows.items():
            model._base_manager.bulk_create([model(**row) for row in model_rows])
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), list(rows)):
                cursor.execute(statement)
