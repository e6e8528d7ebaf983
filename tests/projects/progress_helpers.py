"""What the progress control tests share: projects in implementation and the reporting periods' dates."""

import datetime

from projects.models import Project
from tests.factories import PersonFactory, ProjectFactory

IMPLEMENTATION = Project.Status.IN_IMPLEMENTATION
LONG_AGO = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
D = datetime.date


def project_in_implementation(email="verantwortlich@example.org", leads=(), **kwargs):
    """A project in implementation that existed long before the periods of the tests, with a responsible person."""
    kwargs.setdefault("status", IMPLEMENTATION)
    project = ProjectFactory(responsible_person=PersonFactory(email=email), project_leads=list(leads), **kwargs)
    Project.objects.filter(pk=project.pk).update(created=LONG_AGO)
    return project
