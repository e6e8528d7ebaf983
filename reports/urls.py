from django.urls import path

from reports.public_urls import urlpatterns as public_urlpatterns
from reports.views import downloads, exports, papers, workspace

app_name = "reports"

PAPERS = "arbeitsbereich/vorlagen"

urlpatterns = [
    path("arbeitsbereich/", workspace.WorkspaceHomeView.as_view(), name="workspace"),
    path(f"{PAPERS}/<int:pk>/vorlage.docx", downloads.CommitteePaperDocxView.as_view(), name="committeepaper-docx"),
    path(f"{PAPERS}/<int:pk>/vorlage.pdf", downloads.CommitteePaperPdfView.as_view(), name="committeepaper-pdf"),
    path(
        f"{PAPERS}/anlagen/<int:pk>/datei/",
        downloads.PaperAttachmentDownloadView.as_view(),
        name="paperattachment-download",
    ),
    path(f"{PAPERS}/", papers.CommitteePaperListView.as_view(), name="committeepaper-list"),
    path(f"{PAPERS}/neu/", papers.CommitteePaperFormView.as_view(), name="committeepaper-create"),
    path(f"{PAPERS}/<int:pk>/", papers.CommitteePaperDetailView.as_view(), name="committeepaper-detail"),
    path(f"{PAPERS}/<int:pk>/bearbeiten/", papers.CommitteePaperFormView.as_view(), name="committeepaper-update"),
    path(
        f"{PAPERS}/<int:pk>/versionen/<int:history_id>/wiederherstellen/",
        papers.CommitteePaperRevertView.as_view(),
        name="committeepaper-revert",
    ),
    path(f"{PAPERS}/<int:pk>/loeschen/", papers.CommitteePaperDeleteView.as_view(), name="committeepaper-delete"),
    path(f"{PAPERS}/<int:pk>/vorschau/", papers.CommitteePaperPreviewView.as_view(), name="committeepaper-preview"),
    path(
        f"{PAPERS}/<int:pk>/abschliessen/", papers.CommitteePaperFinaliseView.as_view(), name="committeepaper-finalise"
    ),
    path("berichte/", exports.ExportsView.as_view(), name="exports"),
    path("berichte/personen.<str:format>", exports.PersonsExportView.as_view(), name="persons-export"),
    *public_urlpatterns,
]
