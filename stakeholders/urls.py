from django.urls import path

from stakeholders import views
from stakeholders.models import Body, Meeting, Organisation, ParticipationEvent, Person
from stakeholders.public_urls import urlpatterns as public_urlpatterns
from strategy_portal.workspace import object_urls

app_name = "stakeholders"

urlpatterns = [
    *object_urls(
        "arbeitsbereich/organisationen",
        Organisation,
        list_view=views.OrganisationListView,
        create_view=views.OrganisationCreateView,
        detail_view=views.OrganisationDetailView,
        update_view=views.OrganisationUpdateView,
    ),
    *object_urls(
        "arbeitsbereich/personen",
        Person,
        list_view=views.PersonListView,
        create_view=views.PersonCreateView,
        detail_view=views.PersonDetailView,
        update_view=views.PersonUpdateView,
    ),
    path(
        "arbeitsbereich/personen/<int:pk>/datenauskunft/",
        views.PersonExportView.as_view(),
        name="person-export",
    ),
    path(
        "arbeitsbereich/personen/<int:pk>/anonymisieren/",
        views.PersonEraseView.as_view(),
        name="person-erase",
    ),
    *object_urls(
        "arbeitsbereich/gremien",
        Body,
        list_view=views.BodyListView,
        create_view=views.BodyCreateView,
        detail_view=views.BodyDetailView,
        update_view=views.BodyUpdateView,
    ),
    *object_urls(
        "arbeitsbereich/sitzungen",
        Meeting,
        list_view=views.MeetingListView,
        create_view=views.MeetingCreateView,
        detail_view=views.MeetingDetailView,
        update_view=views.MeetingUpdateView,
    ),
    *object_urls(
        "arbeitsbereich/beteiligung",
        ParticipationEvent,
        list_view=views.ParticipationEventListView,
        create_view=views.ParticipationEventCreateView,
        detail_view=views.ParticipationEventDetailView,
        update_view=views.ParticipationEventUpdateView,
    ),
    *public_urlpatterns,
]
