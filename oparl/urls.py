"""The OParl 1.1 interface, included under /oparl/v1.1/ with the namespace "oparl"."""

from django.urls import path

from reports import oparl

urlpatterns = [
    path("", oparl.SystemView.as_view(), name="system"),
    path("body/", oparl.BodyListView.as_view(), name="body-list"),
    path("body/<slug:slug>/", oparl.BodyView.as_view(), name="body"),
    path("organization/", oparl.OrganizationListView.as_view(), name="organization-list"),
    path("organization/<slug:key>/", oparl.OrganizationView.as_view(), name="organization"),
    path("person/", oparl.PersonListView.as_view(), name="person-list"),
    path("person/<int:pk>/", oparl.PersonView.as_view(), name="person"),
    path("membership/<int:pk>/", oparl.MembershipView.as_view(), name="membership"),
    path("meeting/", oparl.MeetingListView.as_view(), name="meeting-list"),
    path("meeting/<int:pk>/", oparl.MeetingView.as_view(), name="meeting"),
    path("location/<int:pk>/", oparl.LocationView.as_view(), name="location"),
    path("paper/", oparl.PaperListView.as_view(), name="paper-list"),
    path("paper/<int:pk>/", oparl.PaperView.as_view(), name="paper"),
    path("consultation/<int:pk>/", oparl.ConsultationView.as_view(), name="consultation"),
    path("file/<int:pk>/<slug:extension>/", oparl.FileView.as_view(), name="file"),
    path("paper/<int:pk>/vorlage.pdf", oparl.PaperDownloadView.as_view(), name="paper-pdf"),
    path("paper/<int:pk>/vorlage.docx", oparl.PaperDocxDownloadView.as_view(), name="paper-docx"),
]
