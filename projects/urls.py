"""The workspace routes of the projects app; the public pages (public_urls.py) are appended, in the same namespace."""

from django.urls import path

from projects.models import (
    ActionField,
    Document,
    ExternalInitiative,
    Finding,
    Indicator,
    Phase,
    Project,
    ProjectLink,
    StatusReport,
    StrategicGoal,
    Strategy,
)
from projects.public_urls import urlpatterns as public_urlpatterns
from projects.views import documents, overlaps, priorities, progress, status_reports, strategy
from projects.views import projects as project_views
from strategy_portal.workspace import object_urls

app_name = "projects"

DOCUMENTS = "arbeitsbereich/dokumente"
OVERLAPS = "arbeitsbereich/ueberschneidungen"

project_urls = [
    *object_urls(
        "arbeitsbereich/projekte",
        Project,
        list_view=project_views.ProjectListView,
        create_view=project_views.ProjectFormView,
        detail_view=project_views.ProjectDetailView,
        update_view=project_views.ProjectFormView,
    ),
    path(
        "arbeitsbereich/projekte/<int:project_pk>/sachstaende/neu/",
        status_reports.StatusReportFormView.as_view(),
        name="statusreport-create",
    ),
    *object_urls(
        "arbeitsbereich/sachstaende",
        StatusReport,
        list_view=status_reports.StatusReportListView,
        detail_view=status_reports.StatusReportDetailView,
        update_view=status_reports.StatusReportFormView,
        revert_view=status_reports.StatusReportRevertView,
    ),
    *object_urls(
        "arbeitsbereich/kennzahlen",
        Indicator,
        detail_view=project_views.IndicatorDetailView,
        update_view=project_views.IndicatorUpdateView,
    ),
]

steering_urls = [
    path("arbeitsbereich/prioritaeten/", priorities.PriorityView.as_view(), name="priorities"),
    path("arbeitsbereich/fortschritt/", progress.ProgressView.as_view(), name="progress"),
]

review_urls = [
    path(
        "arbeitsbereich/sachstaende/pruefen/",
        status_reports.StatusReportReviewListView.as_view(),
        name="statusreport-review-list",
    ),
    path(
        "arbeitsbereich/sachstaende/<int:pk>/pruefen/",
        status_reports.StatusReportReviewView.as_view(),
        name="statusreport-review",
    ),
]

# The overlap check and the recorded overlaps (synergies, duplicates).
overlap_urls = [
    path("arbeitsbereich/projekte/ueberschneidungen/", overlaps.ProjectOverlapsView.as_view(), name="project-overlaps"),
    path(
        "arbeitsbereich/projekte/<int:project_pk>/ueberschneidungen/neu/",
        overlaps.ProjectLinkFormView.as_view(),
        name="projectlink-create",
    ),
    # The delete goes back to the project rather than to a list of overlaps.
    *object_urls(
        OVERLAPS,
        ProjectLink,
        detail_view=overlaps.ProjectLinkDetailView,
        update_view=overlaps.ProjectLinkFormView,
        delete_view=overlaps.ProjectLinkDeleteView,
    ),
]

# The strategy's structure: phases, goals, action fields, findings, external initiatives.
strategy_urls = [
    *object_urls(
        "arbeitsbereich/strategien",
        Strategy,
        list_view=strategy.StrategyListView,
        create_view=strategy.StrategyFormView,
        detail_view=strategy.StrategyDetailView,
        update_view=strategy.StrategyFormView,
    ),
    *object_urls(
        "arbeitsbereich/phasen",
        Phase,
        list_view=strategy.PhaseListView,
        create_view=strategy.PhaseFormView,
        detail_view=strategy.PhaseDetailView,
        update_view=strategy.PhaseFormView,
    ),
    *object_urls(
        "arbeitsbereich/ziele",
        StrategicGoal,
        list_view=strategy.StrategicGoalListView,
        create_view=strategy.StrategicGoalFormView,
        detail_view=strategy.StrategicGoalDetailView,
        update_view=strategy.StrategicGoalFormView,
    ),
    *object_urls(
        "arbeitsbereich/handlungsfelder",
        ActionField,
        list_view=strategy.ActionFieldListView,
        create_view=strategy.ActionFieldFormView,
        detail_view=strategy.ActionFieldDetailView,
        update_view=strategy.ActionFieldFormView,
    ),
    *object_urls(
        "arbeitsbereich/analyseergebnisse",
        Finding,
        list_view=strategy.FindingListView,
        create_view=strategy.FindingFormView,
        detail_view=strategy.FindingDetailView,
        update_view=strategy.FindingFormView,
    ),
    *object_urls(
        "arbeitsbereich/externe-initiativen",
        ExternalInitiative,
        list_view=strategy.ExternalInitiativeListView,
        create_view=strategy.ExternalInitiativeFormView,
        detail_view=strategy.ExternalInitiativeDetailView,
        update_view=strategy.ExternalInitiativeFormView,
    ),
]

# Documents (uploaded files) of a project, participation event or meeting; listed on their parent's page.
document_urls = [
    *object_urls(
        DOCUMENTS,
        Document,
        create_view=documents.DocumentCreateView,
        detail_view=documents.DocumentDetailView,
        update_view=documents.DocumentUpdateView,
        delete_view=documents.DocumentDeleteView,
    ),
    path(f"{DOCUMENTS}/<int:pk>/herunterladen/", documents.DocumentDownloadView.as_view(), name="document-download"),
]

urlpatterns = [
    *project_urls,
    *steering_urls,
    *review_urls,
    *overlap_urls,
    *strategy_urls,
    *document_urls,
    *public_urlpatterns,
]
