"""Pages of the reports app outside the workspace (issue 4): the overview dashboard."""

from django.urls import path

from reports.views import public_dashboard

urlpatterns = [
    path("uebersicht/", public_dashboard.DashboardView.as_view(), name="dashboard"),
]
