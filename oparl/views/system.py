"""The entry point of the OParl interface: the System and its one Body, the district."""

from django.http import Http404

from oparl.serializers import Timestamps, district_data, system_data
from oparl.views.base import OParlResponse, OParlView, list_filters, matches, paginated


class SystemView(OParlView):
    def get(self, request):
        return OParlResponse(system_data(request))


class BodyListView(OParlView):
    def get(self, request):
        try:
            filters = list_filters(request)
        except ValueError as error:
            return OParlResponse({"error": str(error)}, status=400)
        times = Timestamps()
        body = type("District", (), {"created": times.created, "modified": times.modified})
        items = [district_data(request)] if matches(body, filters) else []
        return OParlResponse(paginated(request, items, len(items), 1))


class BodyView(OParlView):
    def get(self, request, slug):
        if slug != "landkreis-ludwigsburg":
            raise Http404
        return OParlResponse(district_data(request))
