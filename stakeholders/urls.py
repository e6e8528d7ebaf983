"""The workspace routes of the stakeholders app; the public pages (public_urls.py) are appended, in the same
namespace."""

from django.urls import path

from stakeholders.models import Body, Meeting, Organisation, ParticipationEvent, Person
from stakeholders.public_urls import urlpatterns as public_urlpatterns
from stakeholders.views import bodies, events, organisations, persons
from strategy_portal.workspace import object_urls

app_name = "stakeholders"

urlpatterns = [
    *object_urls(
        "arbeitsbereich/organisationen",
        Organisation,
        list_view=organisations.OrganisationListView,
        create_view=organisations.OrganisationFormView,
        detail_view=organisations.OrganisationDetailView,
        update_view=organisations.OrganisationFormView,
    ),
    *object_urls(
        "arbeitsbereich/personen",
        Person,
        list_view=persons.PersonListView,
        create_view=persons.PersonFormView,
        detail_view=persons.PersonDetailView,
        update_view=persons.PersonFormView,
    ),
    path(
        "arbeitsbereich/personen/<int:pk>/datenauskunft/",
        persons.PersonExportView.as_view(),
        name="person-export",
    ),
    path(
        "arbeitsbereich/personen/<int:pk>/anonymisieren/",
        persons.PersonEraseView.as_view(),
        name="person-erase",
    ),
    *object_urls(
        "arbeitsbereich/gremien",
        Body,
        list_view=bodies.BodyListView,
        create_view=bodies.BodyFormView,
        detail_view=bodies.BodyDetailView,
        update_view=bodies.BodyFormView,
    ),
    *object_urls(
        "arbeitsbereich/sitzungen",
        Meeting,
        list_view=bodies.MeetingListView,
        create_view=bodies.MeetingFormView,
        detail_view=bodies.MeetingDetailView,
        update_view=bodies.MeetingFormView,
    ),
    *object_urls(
        "arbeitsbereich/beteiligung",
        ParticipationEvent,
        list_view=events.ParticipationEventListView,
        create_view=events.ParticipationEventFormView,
        detail_view=events.ParticipationEventDetailView,
        update_view=events.ParticipationEventFormView,
    ),
    *public_urlpatterns,
]
