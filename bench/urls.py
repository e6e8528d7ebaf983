"""The portal's URLs plus two reference views, so that they run through exactly the same middleware: the bare view
(no template, no query of its own; the goal's reference) and the empty page in the portal's layout (base.html with
its navigation and permission checks), which tells how much of a page's time is the layout."""

from django.http import HttpResponse
from django.template import engines
from django.urls import include, path

BARE_URL = "/bench/bare/"
LAYOUT_URL = "/bench/layout/"
EMPTY_PAGE = engines["django"].from_string('{% extends "base.html" %}{% block content %}{% endblock %}')


def bare(request):
    """Reads the session and the user, as every page does, and nothing else."""
    return HttpResponse(b"ok" if request.user.is_authenticated else b"anonymous", content_type="text/plain")


def layout(request):
    return HttpResponse(EMPTY_PAGE.render({}, request))


urlpatterns = [
    path(BARE_URL.strip("/") + "/", bare, name="bench-bare"),
    path(LAYOUT_URL.strip("/") + "/", layout, name="bench-layout"),
    path("", include("strategy_portal.urls")),
]
