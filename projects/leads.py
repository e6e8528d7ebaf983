"""Project leads in the user management: the administrator assigns a project lead's projects in the user form
(accounts/assignments.py), and the user's page lists them."""

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.assignments import Assignment
from accounts.models import User
from projects.models import Project
from strategy_portal.forms import SearchableSelectMultiple


def assignable_projects(user: User) -> QuerySet[Project]:
    """Projects a project lead can be assigned to: the active ones, and those the user already leads."""
    led = Q(pk__in=user.led_projects.values("pk")) if user.pk else Q(pk__in=[])
    return Project.objects.filter(Q(is_archived=False) | led)


def projects_field(user: User) -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        label=_("Projects led"),
        queryset=assignable_projects(user),
        required=False,
        widget=SearchableSelectMultiple,
        help_text=_("The projects this user may post status reports for as a project lead."),
    )


def led_projects(user: User) -> QuerySet[Project]:
    return user.led_projects.all()


def assign_projects(user: User, projects: QuerySet[Project]) -> None:
    user.led_projects.set(projects)


PROJECT_LEADS = Assignment(
    name="projects",
    label=_("Projects led"),
    empty_text=_("This user leads no project in the portal."),
    field=projects_field,
    assigned=led_projects,
    assign=assign_projects,
)
