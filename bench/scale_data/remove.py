"""Removing the synthetic data: every marked row and nothing else, or nothing at all."""

from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.test.utils import override_settings
from django.utils.translation import gettext as _

from bench.scale_data.common import PREFIX, SLUG_PREFIX, SOURCE_PURPOSE, ScaleDataError, Summary, synthetic_projects
from budget.models import Allocation, Expenditure, ExternalFunding, FundingSource
from projects.models import Project
from stakeholders.models import Organisation, Person


@transaction.atomic
def remove_scale_data():
    """Delete every synthetic row, and nothing else: refused as a whole (ScaleDataError) if a row that is not
    synthetic still refers to one. No history is written for the deletion. Returns a Summary."""
    summary = Summary()
    projects = synthetic_projects()
    querysets = (
        Expenditure.objects.filter(project__in=projects),
        Allocation.objects.filter(project__in=projects),
        ExternalFunding.objects.filter(project__in=projects),
        FundingSource.objects.filter(purpose=SOURCE_PURPOSE),
        projects,
        Person.objects.filter(name__startswith=PREFIX),
        Organisation.objects.filter(name__startswith=PREFIX),
    )
    try:
        # django-simple-history's documented switch: otherwise each deleted row would write a version, one by one.
        with override_settings(SIMPLE_HISTORY_ENABLED=False):
            for queryset in querysets:
                for label, count in queryset.delete()[1].items():
                    summary.add(queryset.model._meta.apps.get_model(label), count)
    except (ProtectedError, RestrictedError) as error:
        raise ScaleDataError(protected_message(error)) from None
    remove_marked_history()
    return summary


def protected_message(error):
    blocking = error.protected_objects if isinstance(error, ProtectedError) else error.restricted_objects
    example = next(iter(blocking))
    return _(
        "The synthetic data cannot be removed: %(count)s records that are not synthetic still refer to it, e.g. "
        "“%(example)s” (%(model)s). Nothing was removed."
    ) % {"count": len(blocking), "example": example, "model": example._meta.verbose_name}


def remove_marked_history():
    """Versions of synthetic rows that were edited on their pages after generating."""
    Project.history.filter(slug__startswith=SLUG_PREFIX).delete()
    Organisation.history.filter(name__startswith=PREFIX).delete()
    Person.history.filter(name__startswith=PREFIX).delete()
