"""The overlap check and the recorded overlaps (synergies, duplicates); included into projects/urls.py."""

from django.urls import path

from projects import overlap_views as views
from projects.models import ProjectLink
from strategy_portal.workspace import object_urls

PREFIX = "arbeitsbereich/ueberschneidungen"

urlpatterns = [
    path("arbeitsbereich/projekte/ueberschneidungen/", views.ProjectOverlapsView.as_view(), name="project-overlaps"),
    path(
        "arbeitsbereich/projekte/<int:project_pk>/ueberschneidungen/neu/",
        views.ProjectLinkCreateView.as_view(),
        name="projectlink-create",
    ),
    path(f"{PREFIX}/<int:pk>/loeschen/", views.ProjectLinkDeleteView.as_view(), name="projectlink-delete"),
    # The generic routes, but for the delete, which goes back to the project rather than to a list of overlaps.
    *[
        pattern
        for pattern in object_urls(
            PREFIX, ProjectLink, detail_view=views.ProjectLinkDetailView, update_view=views.ProjectLinkUpdateView
        )
        if pattern.name != "projectlink-delete"
    ],
]
