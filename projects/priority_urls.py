from django.urls import path

from projects.priority_views import PriorityView

urlpatterns = [
    path("arbeitsbereich/prioritaeten/", PriorityView.as_view(), name="priorities"),
]
