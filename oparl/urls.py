"""The OParl 1.1 interface, included under /oparl/v1.1/."""

from django.urls import path

from oparl.views import meetings, organizations, papers, persons, system

app_name = "oparl"

urlpatterns = [
    path("", system.SystemView.as_view(), name="system"),
    path("body/", system.BodyListView.as_view(), name="body-list"),
    path("body/<slug:slug>/", system.BodyView.as_view(), name="body"),
    path("legislativeterm/<int:pk>/", system.LegislativeTermView.as_view(), name="legislativeterm"),
    path("organization/", organizations.OrganizationListView.as_view(), name="organization-list"),
    path("organization/<slug:key>/", organizations.OrganizationView.as_view(), name="organization"),
    path("person/", persons.PersonListView.as_view(), name="person-list"),
    path("person/<int:pk>/", persons.PersonView.as_view(), name="person"),
    path("membership/<int:pk>/", persons.MembershipView.as_view(), name="membership"),
    path("meeting/", meetings.MeetingListView.as_view(), name="meeting-list"),
    path("meeting/<int:pk>/", meetings.MeetingView.as_view(), name="meeting"),
    path("location/<int:pk>/", meetings.LocationView.as_view(), name="location"),
    path("paper/", papers.PaperListView.as_view(), name="paper-list"),
    path("paper/<int:pk>/", papers.PaperView.as_view(), name="paper"),
    path("consultation/<int:pk>/", papers.ConsultationView.as_view(), name="consultation"),
    path("file/<int:pk>/<slug:extension>/", papers.FileView.as_view(), name="file"),
    path("file/attachment/<int:pk>/", papers.AttachmentFileView.as_view(), name="attachment-file"),
    path("attachment/<int:pk>/datei", papers.AttachmentDownloadView.as_view(), name="attachment-download"),
    path("paper/<int:pk>/vorlage.pdf", papers.PaperDownloadView.as_view(), name="paper-pdf"),
    path("paper/<int:pk>/vorlage.docx", papers.PaperDocxDownloadView.as_view(), name="paper-docx"),
]
