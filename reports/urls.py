from django.urls import path

from reports import download_views, exports_views, views
from reports.paper_views import urlpatterns as paper_urlpatterns
from reports.public_urls import urlpatterns as public_urlpatterns

app_name = "reports"

urlpatterns = [
    path("arbeitsbereich/", views.WorkspaceHomeView.as_view(), name="workspace"),
    path(
        "arbeitsbereich/vorlagen/<int:pk>/vorlage.docx",
        download_views.CommitteePaperDocxView.as_view(),
        name="committeepaper-docx",
    ),
    path(
        "arbeitsbereich/vorlagen/<int:pk>/vorlage.pdf",
        download_views.CommitteePaperPdfView.as_view(),
        name="committeepaper-pdf",
    ),
    *paper_urlpatterns,
    path("berichte/", exports_views.ExportsView.as_view(), name="exports"),
    path("berichte/personen.<str:format>", exports_views.PersonsExportView.as_view(), name="persons-export"),
    *public_urlpatterns,
]
