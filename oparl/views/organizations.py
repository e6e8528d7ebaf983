"""OParl organisations: the economic development office and the district's bodies."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from oparl.selectors import bodies
from oparl.serializers import Timestamps, body_data, deleted, office_data, url
from oparl.views.base import ListView, OParlView, published
from stakeholders.models import Organisation


class OrganizationListView(ListView):
    """The office (no row of its own) first, then the bodies."""

    list_name = "organization"

    def objects(self, pks):
        found = bodies().in_bulk([pk for pk in pks if pk is not None])
        return {**found, None: None} if None in pks else found

    def serialise(self, request, objects, omit_internal):
        return [
            office_data(request, Timestamps()) if body is None else body_data(request, body, omit_internal)
            for body in objects
        ]


class OrganizationView(OParlView):
    def get(self, request, key):
        if key == "wirtschaftsfoerderung":
            return published(request, office_data(request, Timestamps()))
        if key.startswith("gremium-") and key.removeprefix("gremium-").isdigit():
            body = get_object_or_404(bodies(), pk=int(key.removeprefix("gremium-")))
            return published(request, body_data(request, body))
        if key.startswith("organisation-") and key.removeprefix("organisation-").isdigit():
            # Organisations hold seats in the bodies; they are kept as deleted once archived, otherwise not published.
            organisation = get_object_or_404(Organisation, pk=int(key.removeprefix("organisation-")))
            return published(request, deleted(url(request, "organization", key), "Organization", organisation))
        raise Http404
