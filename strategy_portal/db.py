"""Building blocks shared by the apps' models."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal, overload

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.db.models.expressions import Combinable
    from django_stubs_ext import StrOrPromise


class TimestampedModel(models.Model):
    """Every domain model: when it was created and changed, and its full history (who, when, what)."""

    created = models.DateTimeField(_("created"), auto_now_add=True)
    modified = models.DateTimeField(_("modified"), auto_now=True)
    history = HistoricalRecords(inherit=True)
    # Set before a save, django-simple-history stores them with the version: why, and by whom if not the request's user.
    _change_reason: str
    _history_user: AbstractBaseUser | None

    class Meta:
        abstract = True


class ArchivableModel(models.Model):
    """A record that is archived instead of deleted: it leaves lists and public pages, and can be restored."""

    is_archived = models.BooleanField(_("archived"), default=False)

    class Meta:
        abstract = True


class VersionedModel(models.Model):
    """A record with optimistic locking: every save raises `version`, so a form opened on an older one notices."""

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

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
