"""Public pages (issue 4): a strategic goal and an action field of the featured strategy."""

from django.urls import path

from projects.public_strategy import PublicActionFieldView, PublicGoalView

urlpatterns = [
    path("ziele/<int:number>/", PublicGoalView.as_view(), name="public-goal"),
    path("handlungsfelder/<slug:slug>/", PublicActionFieldView.as_view(), name="public-actionfield"),
]
