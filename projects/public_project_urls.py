"""Public pages (issue 4): the projects of the featured strategy."""

from django.urls import path

from projects.public_projects import PublicProjectDetailView, PublicProjectListView

urlpatterns = [
    path("projekte/", PublicProjectListView.as_view(), name="public-project-list"),
    path("projekte/<slug:slug>/", PublicProjectDetailView.as_view(), name="public-project-detail"),
]
