"""Public pages (issue 4): participation and bodies; appended to stakeholders/urls.py (the same namespace)."""

from django.urls import path

from stakeholders.views import public

urlpatterns = [
    path("beteiligung/", public.ParticipationEventTimelineView.as_view(), name="public-events"),
    path("gremien/", public.BodyListView.as_view(), name="public-bodies"),
]
