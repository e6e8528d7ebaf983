"""Public pages (issue 4): participation and bodies."""

from django.urls import path

from stakeholders import public_views

urlpatterns = [
    path("beteiligung/", public_views.ParticipationEventTimelineView.as_view(), name="public-events"),
    path("gremien/", public_views.BodyListView.as_view(), name="public-bodies"),
]
