"""The entry point of the OParl interface: the System and its one Body, the district."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from oparl.serializers import district_data, legislative_term_data, system_data
from oparl.views.base import ListView, OParlView, published
from stakeholders.models import LegislativeTerm


class SystemView(OParlView):
    def get(self, request):
        return published(request, system_data(request))


class BodyListView(ListView):
    list_name = "body"

    def objects(self, pks):
        return {None: None}

    def serialise(self, request, objects, omit_internal):
        return [district_data(request) for _ in objects]


class BodyView(OParlView):
    def get(self, request, slug):
        if slug != "landkreis-ludwigsburg":
            raise Http404
        return published(request, district_data(request))


class LegislativeTermView(OParlView):
    def get(self, request, pk):
        return published(request, legislative_term_data(request, get_object_or_404(LegislativeTerm, pk=pk)))
