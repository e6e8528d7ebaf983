"""Pages of the reports app outside the workspace (issue 4): the overview dashboard."""

from django.urls import path

from reports import dashboard

urlpatterns = [
    path("uebersicht/", dashboard.DashboardView.as_view(), name="dashboard"),
]
