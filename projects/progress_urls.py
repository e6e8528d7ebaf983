from django.urls import path

from projects.progress_views import ProgressView

urlpatterns = [
    path("arbeitsbereich/fortschritt/", ProgressView.as_view(), name="progress"),
]
