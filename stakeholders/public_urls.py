"""Public pages, open to everyone without login: the bodies; appended to stakeholders/urls.py (the same namespace)."""

from django.urls import path

from stakeholders.views import public

urlpatterns = [
    path("gremien/", public.BodyListView.as_view(), name="public-bodies"),
]
