"""OParl organisations: the economic development office and the district's bodies."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from oparl.selectors import bodies
from oparl.serializers import Timestamps, body_data, deleted, office_data, url
from oparl.views.base import PAGE_SIZE, ListView, OParlResponse, OParlView, filter_queryset, matches
from stakeholders.models import Organisation


class OrganizationListView(ListView):
    """The office first, then the bodies."""

    def page(self, request, filters, page, omit_internal):
        times = Timestamps()
        office = type("Office", (), {"created": times.created, "modified": times.modified})
        with_office = matches(office, filters)
        queryset = filter_queryset(bodies(), filters).order_by("pk")
        total = queryset.count() + int(with_office)
        start, end = (page - 1) * PAGE_SIZE, page * PAGE_SIZE
        data = []
        if with_office:
            if start == 0:
                data.append(office_data(request, times))
            start, end = max(0, start - 1), end - 1
        data += [body_data(request, body, omit_internal) for body in queryset[start:end]]
        return data, total


class OrganizationView(OParlView):
    def get(self, request, key):
        if key == "wirtschaftsfoerderung":
            return OParlResponse(office_data(request, Timestamps()))
        if key.startswith("gremium-") and key.removeprefix("gremium-").isdigit():
            body = get_object_or_404(bodies(), pk=int(key.removeprefix("gremium-")))
            return OParlResponse(body_data(request, body))
        if key.startswith("organisation-") and key.removeprefix("organisation-").isdigit():
            # Organisations hold seats in the bodies; they are kept as deleted once archived, otherwise not published.
            organisation = get_object_or_404(Organisation, pk=int(key.removeprefix("organisation-")))
            return OParlResponse(deleted(url(request, "organization", key), "Organization", organisation))
        raise Http404
