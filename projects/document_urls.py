"""The workspace routes of documents; included into projects/urls.py. Documents are listed on their parent's page."""

from django.urls import path

from projects import documents
from projects.models import Document
from strategy_portal.workspace import RevertView

PREFIX = "arbeitsbereich/dokumente"

urlpatterns = [
    path(f"{PREFIX}/neu/", documents.DocumentCreateView.as_view(), name="document-create"),
    path(f"{PREFIX}/<int:pk>/", documents.DocumentDetailView.as_view(), name="document-detail"),
    path(f"{PREFIX}/<int:pk>/bearbeiten/", documents.DocumentUpdateView.as_view(), name="document-update"),
    path(f"{PREFIX}/<int:pk>/herunterladen/", documents.DocumentDownloadView.as_view(), name="document-download"),
    path(
        f"{PREFIX}/<int:pk>/versionen/<int:history_id>/wiederherstellen/",
        RevertView.as_view(model=Document),
        name="document-revert",
    ),
    path(f"{PREFIX}/<int:pk>/loeschen/", documents.DocumentDeleteView.as_view(), name="document-delete"),
]
