"""No URL of the portal answers 500 to a hostile query string: every route (with the sample's objects), asked by
an administrator and by an anonymous visitor, with each hostile value in every parameter its own filter form names
and in the common ones (page numbers, searches, OParl's filters, export formats)."""

import re

import pytest
from django.test import Client

from accounts import roles
from tests import factories
from tests.sample import url_for
from tests.test_workspace_permissions import ROUTES

COMMON = ("page", "q", "suche", "search", "modified_since", "created_since", "modified_until", "format", "jahr", "id")
HOSTILE = ("9223372036854775807", "-1", "abc", "\x00", "a\x1fb", "2025-13-45", "1e400", "9" * 400, "%ff")
# The committee paper is rendered for each request (seconds each), the password link is a one-time page.
LEFT_OUT = re.compile(r"^admin:|-(pdf|docx|download)$|password_reset_confirm|logout")
GET_ROUTES = sorted(name for name in ROUTES if not LEFT_OUT.search(name))


def parameters_of(html):
    """The names of the fields of the page's GET forms (its filters)."""
    names = set()
    for form in re.findall(r'<form[^>]*method="get"[^>]*>(.*?)</form>', html, flags=re.S | re.I):
        names.update(re.findall(r'name="([^"]+)"', form))
    return names


@pytest.fixture
def clients(sample):
    administrator = factories.UserFactory()
    roles.set_roles(administrator, [roles.ADMIN])
    signed_in = Client()
    signed_in.force_login(administrator)
    return {"anonymous": Client(), "administrator": signed_in}


@pytest.mark.parametrize("name", GET_ROUTES)
def test_no_hostile_query_string_makes_a_500(sample, clients, name):
    url = url_for(name, ROUTES[name], sample)
    base, _, query = url.partition("?")
    for label, client in clients.items():
        first = client.get(url)
        if first.status_code == 405:
            continue
        page = b"" if first.streaming else first.content
        names = set(COMMON) | parameters_of(page.decode(errors="replace"))
        for value in HOSTILE:
            hostile = "&".join([query, *(f"{n}={value}" for n in sorted(names))]).strip("&")
            response = client.get(f"{base}?{hostile}")
            assert response.status_code < 500, f"{label}: {base}?{hostile[:200]} → {response.status_code}"
