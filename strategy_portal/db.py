"""Building blocks shared by the apps' models."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal, overload

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.lookups import In
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.db.models.expressions import Combinable
    from django_stubs_ext import StrOrPromise


@models.IntegerField.register_lookup
class IntegerFieldIn(In):
    """`in` for integer columns, leaving out values no row can hold. Django checks the range for `=`, `<` and `>`
    (IntegerFieldOverflow) but not for `in`, which a multiple-choice filter asks (`?organisation=999…9`): SQLite
    raises OverflowError for an integer past 64 bits."""

    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(self.lhs.output_field.get_internal_type())
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int) or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)


class StaleEdit(ValidationError):
    """A save of `obj` as it was at `seen` (its version) while someone has saved a newer one: refused, nothing
    written (VersionedModel.save)."""

    def __init__(self, obj: VersionedModel, seen: int) -> None:
        self.obj, self.seen = obj, seen
        super().__init__(
            _("“%(object)s” was changed by someone else while you were editing it.") % {"object": obj}, code="stale"
        )


class VersionedModel(models.Model):
    """A record with optimistic locking: every save raises `version`, and a save of an object whose `version` is no
    longer the stored one raises StaleEdit instead of overwriting the newer row. A form sets `version` to the one its
    editor opened (strategy_portal.forms.VersionedForm); every other write path (services, the importer, restoring a
    version, commands) saves what it has just read, and is refused the same way if someone saved in between."""

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    _saving_over: int | None = None  # the version an update must find stored (only while `save` runs)

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self._state.adding:
            return super().save(*args, **kwargs)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
        seen = self.version
        self.version, self._saving_over = seen + 1, seen
        try:
            super().save(*args, **kwargs)
        except BaseException:
            self.version = seen
            raise
        finally:
            self._saving_over = None

    def _do_update(self, base_qs: Any, using: Any, pk_val: Any, values: Any, *args: Any, **kwargs: Any) -> Any:
        """Django's UPDATE of the row, only where it still has the version this object was read at."""
        seen = self._saving_over
        if seen is None:
            return super()._do_update(base_qs, using, pk_val, values, *args, **kwargs)
        updated = super()._do_update(base_qs.filter(version=seen), using, pk_val, values, *args, **kwargs)
        if not updated and base_qs.filter(pk=pk_val).exists():
            raise StaleEdit(self, seen)
        return updated  # nothing updated when the row is gone: Django inserts it, as for any model


# Characters no one types and no page shows, which PostgreSQL refuses (NUL) or which break exports: refused in every
# text, whether from a form, the admin or the importer. Tab, line feed and carriage return are text.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
CONTROL_CHARACTER_MESSAGE = _("Control characters (such as NUL) are not allowed here.")


class TimestampedModel(VersionedModel):
    """Every domain model: when it was created and changed, its full history (who, when, what), and its version
    (optimistic locking: no save silently overwrites another's)."""

    created = models.DateTimeField(_("created"), auto_now_add=True)
    modified = models.DateTimeField(_("modified"), auto_now=True)
    history = HistoricalRecords(inherit=True)
    # Set before a save, django-simple-history stores them with the version: why, and by whom if not the request's user.
    _change_reason: str
    _history_user: AbstractBaseUser | None

    class Meta:
        abstract = True

    def clean_fields(self, exclude: Any = None) -> None:
        """Django's checks of each field, and no control character in any text (CONTROL_CHARACTERS)."""
        errors: dict[str, Any] = {}
        try:
            super().clean_fields(exclude)
        except ValidationError as error:
            errors = error.error_dict
        for field in self._meta.concrete_fields:
            value = getattr(self, field.attname)
            if field.name in errors or field.name in (exclude or ()) or not isinstance(value, str):
                continue
            if CONTROL_CHARACTERS.search(value):
                errors[field.name] = [ValidationError(CONTROL_CHARACTER_MESSAGE, code="control_character")]
        if errors:
            raise ValidationError(errors)


class ArchivableModel(models.Model):
    """A record that is archived instead of deleted: it leaves lists and public pages, and can be restored."""

    is_archived = models.BooleanField(_("archived"), default=False)

    class Meta:
        abstract = True


def model_field(model: type[models.Model] | models.Model, name: str) -> models.Field[Any, Any]:
    """`model`'s field `name`: unlike Options.get_field, never a reverse relation (which has no column, verbose name
    or choices); a name that is one is a programming error."""
    field = model._meta.get_field(name)
    if not isinstance(field, models.Field):
        raise TypeError(f"{name!r} is a reverse relation of {model._meta.label}, not a field")
    return field


NEGATIVE_AMOUNT_MESSAGE = _("The amount must not be negative.")
RATING_MESSAGE = _("Ratings go from 1 to 5.")

# Single-field rules are both a validator (so forms and the importer name the field) and a database constraint
# (so nothing that bypasses validation can store a bad value).
RATING_VALIDATORS = [MinValueValidator(1, RATING_MESSAGE), MaxValueValidator(5, RATING_MESSAGE)]


# A dot groups thousands only in a well-formed German number ("1.234", "12.000,00"). Anywhere else a single dot is the
# decimal point that the browser, a spreadsheet or an English keyboard types ("1234.56", "0.005"), never a
# separator that turns 1234.565 € into 1.234.565 €.
GERMAN_GROUPING = re.compile(r"[+-]?[1-9]\d{0,2}(\.\d{3})+(,\d*)?")


class GermanDecimalFormField(forms.DecimalField):
    """A decimal typed and shown the German way: it reads "1.234,5", "1234,5", "1234" and "1.234" (1234) with
    Django's `de` number formats (settings.USE_THOUSAND_SEPARATOR), shows its value as "1.234,5", and a refused
    input is told the format. The form field of every model decimal field: ModelForms, inline formsets, the admin."""

    default_error_messages = {"invalid": _("Enter a number like 1,234.5.")}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("localize", True)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]  # as django-stubs' DecimalField
        if isinstance(value, str):
            value = value.strip()
            if "." in value and not GERMAN_GROUPING.fullmatch(value):
                if value.count(".") > 1 or "," in value:
                    raise ValidationError(self.error_messages["invalid"], code="invalid")
                value = value.replace(".", ",")  # the decimal point, read as the German decimal comma
        return super().to_python(value)


class AmountFormField(GermanDecimalFormField):
    default_error_messages = {"invalid": _("Enter an amount like 1,234.56.")}


class DecimalNumberField(models.DecimalField):
    """A decimal that is not money (an indicator's value, a finding's figure), typed and shown the German way.

    Only its form field differs from a DecimalField, so migrations record it as one."""

    def formfield(self, **kwargs: Any) -> Any:
        return super().formfield(**{"form_class": GermanDecimalFormField, **kwargs})

    def deconstruct(self) -> Any:
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.DecimalField", args, kwargs


class MoneyField(models.DecimalField):
    """Euros with cents, as the municipal budget keeps them; never negative; typed and shown the German way
    ("12.000,00")."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_digits", 12)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("validators", [MinValueValidator(Decimal(0), NEGATIVE_AMOUNT_MESSAGE)])
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs: Any) -> Any:
        return super().formfield(**{"form_class": AmountFormField, **kwargs})


@overload
def money_field(
    verbose_name: StrOrPromise, *, null: Literal[True], blank: bool = ...
) -> models.DecimalField[Decimal | int | str | Combinable | None, Decimal | None]: ...
@overload
def money_field(
    verbose_name: StrOrPromise, *, null: Literal[False] = ..., blank: bool = ...
) -> models.DecimalField[Decimal | int | str | Combinable, Decimal]: ...
def money_field(verbose_name: StrOrPromise, **kwargs: Any) -> MoneyField:
    """A MoneyField; typed by `null` (a field built by a helper is not one the django-stubs plugin sees)."""
    return MoneyField(verbose_name, **kwargs)


def non_negative(field: str, model_name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=models.Q(**{f"{field}__gte": Decimal(0)}) | models.Q(**{f"{field}__isnull": True}),
        name=f"{model_name}_{field}_not_negative",
        violation_error_message=NEGATIVE_AMOUNT_MESSAGE,
    )


def rating_constraint(field: str, model_name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=models.Q(**{f"{field}__isnull": True}) | models.Q(**{f"{field}__gte": 1, f"{field}__lte": 5}),
        name=f"{model_name}_{field}_1_to_5",
        violation_error_message=RATING_MESSAGE,
    )


def not_before(later: str, earlier: str, model_name: str, message: StrOrPromise) -> models.CheckConstraint:
    """`later` may be empty, else it must not lie before `earlier`."""
    return models.CheckConstraint(
        condition=models.Q(**{f"{later}__isnull": True})
        | models.Q(**{f"{earlier}__isnull": True})
        | models.Q(**{f"{later}__gte": models.F(earlier)}),
        name=f"{model_name}_{later}_not_before_{earlier}",
        violation_error_message=message,
    )


class CountQualifier(models.TextChoices):
    """How exact a reported number is: the paper says "über 60", "rund 190", "knapp 50 %"."""

    EXACT = "exact", _("exactly")
    ABOUT = "about", _("about")
    MORE_THAN = "more_than", _("more than")
    ALMOST = "almost", _("almost")
