from django.urls import path

from reports import views
from reports.public_urls import urlpatterns as public_urlpatterns

app_name = "reports"

urlpatterns = [
    path("arbeitsbereich/", views.WorkspaceHomeView.as_view(), name="workspace"),
    *public_urlpatterns,
]
