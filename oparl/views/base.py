"""What every OParl view shares: the JSON answer with its CORS header, the time filters and the paging of the
external lists."""

import math
from urllib.parse import urlencode

from django.http import JsonResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.generic import View

PAGE_SIZE = 100


class OParlResponse(JsonResponse):
    def __init__(self, data, **kwargs):
        super().__init__(
            data, json_dumps_params={"ensure_ascii": False}, content_type="application/json; charset=utf-8", **kwargs
        )
        self["Access-Control-Allow-Origin"] = "*"


class OParlView(View):
    http_method_names = ["get", "head", "options"]

    def options(self, request, *args, **kwargs):
        response = super().options(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        return response


def list_filters(request):
    filters = {}
    for name in ("created_since", "created_until", "modified_since", "modified_until"):
        raw = request.GET.get(name)
        if raw:
            value = parse_datetime(raw.replace(" ", "+"))
            if value is None:
                raise ValueError(f"{name}: not an ISO 8601 date-time")
            if timezone.is_naive(value):
                value = timezone.make_aware(value)
            filters[name] = value
    return filters


def filter_queryset(queryset, filters):
    lookups = {
        "created_since": "created__gte",
        "created_until": "created__lte",
        "modified_since": "modified__gte",
        "modified_until": "modified__lte",
    }
    return queryset.filter(**{lookups[name]: value for name, value in filters.items()})


def matches(obj, filters):
    checks = {
        "created_since": lambda v: obj.created >= v,
        "created_until": lambda v: obj.created <= v,
        "modified_since": lambda v: obj.modified >= v,
        "modified_until": lambda v: obj.modified <= v,
    }
    return all(checks[name](value) for name, value in filters.items())


MAX_PAGE = 10**9  # far beyond any list, and its offset still fits into the database's integers


def current_page(request):
    """The `page` parameter: a whole number from 1 to MAX_PAGE (ValueError otherwise, answered with 400)."""
    raw = request.GET.get("page", "1")
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 10 and 1 <= int(raw) <= MAX_PAGE):
        raise ValueError(f"page: not a whole number from 1 to {MAX_PAGE}")
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
    """An external list: 100 objects a page in the order of their primary key, filtered by time."""

    def get(self, request):
        try:
            filters = list_filters(request)
            page = current_page(request)
        except ValueError as error:
            return OParlResponse({"error": str(error)}, status=400)
        omit_internal = "omit_internal" in request.GET and request.GET["omit_internal"].lower() not in ("0", "false")
        data, total = self.page(request, filters, page, omit_internal)
        return OParlResponse(paginated(request, data, total, page))

    def page(self, request, filters, page, omit_internal):
        queryset = filter_queryset(self.queryset(), filters).order_by("pk")
        total = queryset.count()
        objects = list(queryset[(page - 1) * PAGE_SIZE : page * PAGE_SIZE])
        return self.serialise(request, objects, omit_internal), total

    def serialise(self, request, objects, omit_internal):
        return [self.serialiser(request, obj, omit_internal) for obj in objects]
