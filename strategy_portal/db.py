"""Building blocks shared by the apps' models."""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimestampedModel(models.Model):
    created = models.DateTimeField(_("created"), auto_now_add=True)
    modified = models.DateTimeField(_("modified"), auto_now=True)

    class Meta:
        abstract = True


def money_field(verbose_name, **kwargs):
    """Euros with cents, as the municipal budget keeps them."""
    return models.DecimalField(verbose_name, max_digits=12, decimal_places=2, **kwargs)


def non_negative(field, model_name):
    return models.CheckConstraint(
        condition=models.Q(**{f"{field}__gte": Decimal(0)}) | models.Q(**{f"{field}__isnull": True}),
        name=f"{model_name}_{field}_not_negative",
        violation_error_message=_("The amount must not be negative."),
    )


def not_before(later, earlier, model_name, message):
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
