"""OParl persons and their memberships: only persons who are public figures or consented to be published."""

from django.shortcuts import get_object_or_404

from oparl.selectors import is_public_person, persons
from oparl.serializers import deleted, membership_data, person_data, url
from oparl.views.base import ListView, OParlView, published
from stakeholders.models import Membership, Person


class PersonListView(ListView):
    list_name = "person"
    serialiser = staticmethod(person_data)

    def queryset(self):
        return persons()


class PersonView(OParlView):
    def get(self, request, pk):
        person = get_object_or_404(Person.objects.prefetch_related("memberships"), pk=pk)
        if not is_public_person(person):
            return published(request, deleted(url(request, "person", pk), "Person", person))
        return published(request, person_data(request, person))


class MembershipView(OParlView):
    def get(self, request, pk):
        membership = get_object_or_404(Membership.objects.select_related("person"), pk=pk)
        if not is_public_person(membership.person):
            return published(request, deleted(url(request, "membership", pk), "Membership", membership))
        return published(request, membership_data(request, membership))
