"""The public pages of the featured strategy, open to everyone without login: the start page with the
Strategiehaus, a strategic goal, an action field, the projects, the participation in the strategy process; appended
to projects/urls.py (the same "projects" namespace)."""

from django.urls import path

from projects.views import public_participation, public_projects, public_strategy

urlpatterns = [
    path("", public_strategy.HomeView.as_view(), name="home"),
    path("ziele/<int:number>/", public_strategy.PublicGoalView.as_view(), name="public-goal"),
    path("handlungsfelder/<slug:slug>/", public_strategy.PublicActionFieldView.as_view(), name="public-actionfield"),
    path("projekte/", public_projects.PublicProjectListView.as_view(), name="public-project-list"),
    path("projekte/<slug:slug>/", public_projects.PublicProjectDetailView.as_view(), name="public-project-detail"),
    path("beteiligung/", public_participation.ParticipationEventTimelineView.as_view(), name="public-events"),
]
