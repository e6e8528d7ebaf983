"""What every OParl view shares: the ledger brought up to date first (oparl.ledger), the JSON answer with its CORS
header, ETag and Last-Modified, OParl's Error object for every error, the time filters and the paging of the
external lists."""

import datetime
import math
from urllib.parse import urlencode

from django.http import Http404, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.http import http_date
from django.views.generic import View

from oparl import ledger
from oparl.models import PublishedObject
from oparl.serializers import SCHEMA

PAGE_SIZE = 100


class OParlResponse(JsonResponse):
    def __init__(self, data, **kwargs):
        super().__init__(
            data, json_dumps_params={"ensure_ascii": False}, content_type="application/json; charset=utf-8", **kwargs
        )
        self["Access-Control-Allow-Origin"] = "*"


def error(status, message):
    """OParl's Error object (specification, "Fehlerbehandlung")."""
    return OParlResponse({"type": f"{SCHEMA}Error", "message": message}, status=status)


def published(request, data):
    """The answer with one object: its times as the ledger has them, Last-Modified the newest of them (the
    ConditionalGetMiddleware adds the ETag and answers 304 to a conditional GET)."""
    ledger.with_times([data], request)
    response = OParlResponse(data)
    response["Last-Modified"] = http_date(datetime.datetime.fromisoformat(data["modified"]).timestamp())
    return response


class InvalidParameter(ValueError):
    """A query parameter the specification does not allow: answered 400 with OParl's Error object."""


class OParlView(View):
    http_method_names = ["get", "head", "options"]

    def dispatch(self, request, *args, **kwargs):
        ledger.bring_up_to_date()
        path = request.path.removeprefix(reverse("oparl:system"))
        entry = PublishedObject.objects.filter(path=path, deleted=True).first() if path else None
        if entry is not None and request.method != "OPTIONS":
            return published(request, ledger.tombstone(entry, request))
        try:
            response = super().dispatch(request, *args, **kwargs)
        except Http404:
            return error(404, "Dieses Objekt gibt es hier nicht.")
        except InvalidParameter as invalid:
            return error(400, str(invalid))
        response["Access-Control-Allow-Origin"] = "*"
        return response

    def http_method_not_allowed(self, request, *args, **kwargs):
        response = error(405, "Die OParl-Schnittstelle beantwortet nur GET, HEAD und OPTIONS.")
        response["Allow"] = ", ".join(method.upper() for method in self._allowed_methods())
        return response


FILTERS = {
    "created_since": "created__gte",
    "created_until": "created__lte",
    "modified_since": "modified__gte",
    "modified_until": "modified__lte",
}


def list_filters(request):
    """The time filters, to the whole second the objects show (a fraction of the bound is cut off)."""
    filters = {}
    for name in FILTERS:
        raw = request.GET.get(name)
        if raw:
            try:
                value = parse_datetime(raw.replace(" ", "+"))
            except ValueError:  # well formed, but no such time ("2025-13-45T00:00")
                value = None
            if value is None:
                raise InvalidParameter(f"{name}: kein Zeitpunkt nach ISO 8601 (zum Beispiel 2025-03-01T00:00:00+01:00)")
            if timezone.is_naive(value):
                value = timezone.make_aware(value)
            filters[name] = value.replace(microsecond=0)
    return filters


MAX_PAGE = 10**9  # far beyond any list, and its offset still fits into the database's integers


def current_page(request):
    """The `page` parameter: a whole number from 1 to MAX_PAGE (InvalidParameter otherwise, answered with 400)."""
    raw = request.GET.get("page", "1")
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 10 and 1 <= int(raw) <= MAX_PAGE):
        raise InvalidParameter(f"page: keine ganze Zahl von 1 bis {MAX_PAGE}")
    return int(raw)


def page_link(request, page):
    params = request.GET.copy()
    params["page"] = page
    return request.build_absolute_uri(request.path) + "?" + urlencode(sorted(params.items()))


def paginated(request, data, total, page):
    pages = max(1, math.ceil(total / PAGE_SIZE))
    links = {"first": page_link(request, 1), "last": page_link(request, pages), "self": page_link(request, page)}
    if page < pages:
        links["next"] = page_link(request, page + 1)
    if page > 1:
        links["prev"] = page_link(request, page - 1)
    return {
        "data": data,
        "pagination": {"totalElements": total, "elementsPerPage": PAGE_SIZE, "currentPage": page, "totalPages": pages},
        "links": links,
    }


class ListView(OParlView):
    """An external list: 100 objects a page in the order they were first published, filtered by the ledger's times.
    Asked with `modified_since`, it also holds the objects that have left since, as deleted objects."""

    list_name = ""  # the ledger's `listed_in`

    def get(self, request):
        filters = list_filters(request)
        page = current_page(request)
        omit_internal = request.GET.get("omit_internal", "false").lower() not in ("0", "false")
        entries = PublishedObject.objects.filter(
            listed_in=self.list_name, **{FILTERS[n]: v for n, v in filters.items()}
        )
        if "modified_since" not in filters:
            entries = entries.filter(deleted=False)
        entries = entries.order_by("pk")
        total = entries.count()
        rows = list(entries[(page - 1) * PAGE_SIZE : page * PAGE_SIZE])
        objects = self.objects([entry.object_pk for entry in rows if not entry.deleted])
        live = [not entry.deleted and entry.object_pk in objects for entry in rows]
        shown = [objects[entry.object_pk] for entry, is_live in zip(rows, live, strict=True) if is_live]
        served = iter(self.serialise(request, shown, omit_internal))
        items = [
            next(served) if is_live else ledger.tombstone(entry, request)
            for entry, is_live in zip(rows, live, strict=True)
        ]
        ledger.with_times(items, request)
        return OParlResponse(paginated(request, items, total, page))

    def objects(self, pks):
        """The published rows with these primary keys, by primary key."""
        return self.queryset().in_bulk(pks)

    def serialise(self, request, objects, omit_internal):
        return [self.serialiser(request, obj, omit_internal) for obj in objects]
