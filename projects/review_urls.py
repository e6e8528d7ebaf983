from django.urls import path

from projects import review_views

urlpatterns = [
    path(
        "arbeitsbereich/sachstaende/pruefen/",
        review_views.StatusReportReviewListView.as_view(),
        name="statusreport-review-list",
    ),
    path(
        "arbeitsbereich/sachstaende/<int:pk>/pruefen/",
        review_views.StatusReportReviewView.as_view(),
        name="statusreport-review",
    ),
]
