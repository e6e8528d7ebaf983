"""Pages of the reports app outside the workspace: the overview dashboard for the committee and the office (it
asks for the permission to see every project, not for a login to the workspace) and the published papers."""

from django.urls import path

from reports.views import public_dashboard, public_papers

urlpatterns = [
    path("uebersicht/", public_dashboard.DashboardView.as_view(), name="dashboard"),
    path("vorlagen/<int:pk>/", public_papers.PublicPaperView.as_view(), name="public-paper"),
]
