from django.urls import path

from projects import public_strategy, review_views, views
from projects.document_urls import urlpatterns as document_urlpatterns
from projects.models import Indicator, Project, StatusReport
from projects.overlap_urls import urlpatterns as overlap_urlpatterns
from projects.priority_urls import urlpatterns as priority_urlpatterns
from projects.progress_urls import urlpatterns as progress_urlpatterns
from projects.public_project_urls import urlpatterns as public_project_urlpatterns
from projects.public_strategy_urls import urlpatterns as public_strategy_urlpatterns
from projects.review_urls import urlpatterns as review_urlpatterns
from projects.strategy_urls import urlpatterns as strategy_urlpatterns
from strategy_portal.workspace import object_urls

app_name = "projects"

urlpatterns = [
    path("", public_strategy.HomeView.as_view(), name="home"),
    *object_urls(
        "arbeitsbereich/projekte",
        Project,
        list_view=views.ProjectListView,
        create_view=views.ProjectCreateView,
        detail_view=views.ProjectDetailView,
        update_view=views.ProjectUpdateView,
    ),
    path(
        "arbeitsbereich/projekte/<int:project_pk>/sachstaende/neu/",
        views.StatusReportCreateView.as_view(),
        name="statusreport-create",
    ),
    *object_urls(
        "arbeitsbereich/sachstaende",
        StatusReport,
        list_view=views.StatusReportListView,
        detail_view=views.StatusReportDetailView,
        update_view=views.StatusReportUpdateView,
        revert_view=review_views.StatusReportRevertView,
    ),
    *object_urls(
        "arbeitsbereich/kennzahlen",
        Indicator,
        detail_view=views.IndicatorDetailView,
        update_view=views.IndicatorUpdateView,
    ),
    *priority_urlpatterns,
    *progress_urlpatterns,
    *review_urlpatterns,
    *overlap_urlpatterns,
    *strategy_urlpatterns,
    *document_urlpatterns,
    *public_strategy_urlpatterns,
    *public_project_urlpatterns,
]
