from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("arbeitsbereich/", views.WorkspaceHomeView.as_view(), name="workspace"),
]
