"""Hostile parameters get a clear answer, never a 500: page numbers beyond any integer of the database in OParl's
lists (OParl's error object, 400), NUL and other control characters in the searches (the select lists' search, the
public and the workspace's project filters)."""

import pytest
from django.urls import reverse

from accounts import roles
from tests import factories

OPARL_LISTS = ("person-list", "paper-list", "meeting-list", "organization-list")
HOSTILE_PAGES = ("9223372036854775807", "0", "-1", "abc", "1.5", "١", "9" * 5000)
CONTROL_CHARACTERS = ("\x00", "Wirt\x00schaft", "\x1f", "a\x7f")


@pytest.mark.parametrize("page", HOSTILE_PAGES)
@pytest.mark.parametrize("name", OPARL_LISTS)
def test_an_oparl_page_that_is_not_a_page_number_is_refused_with_an_error_object(client, db, name, page):
    response = client.get(reverse(f"oparl:{name}"), {"page": page})

    assert response.status_code == 400
    assert response.json()["type"] == "https://schema.oparl.org/1.1/Error"
    assert response.json()["message"].startswith("page:")


@pytest.mark.parametrize("name", OPARL_LISTS)
def test_the_oparl_lists_pages_still_work(client, db, name):
    assert client.get(reverse(f"oparl:{name}"), {"page": "1"}).status_code == 200
    assert client.get(reverse(f"oparl:{name}")).status_code == 200


@pytest.fixture
def editor(client, db):
    user = factories.UserFactory()
    roles.set_roles(user, [roles.EDITOR])
    client.force_login(user)
    return user


@pytest.mark.parametrize("text", CONTROL_CHARACTERS)
@pytest.mark.parametrize("label", ("projects.project", "stakeholders.organisation", "stakeholders.person"))
def test_a_select_list_search_with_a_control_character_is_refused_in_german(client, editor, label, text):
    response = client.get(reverse("choices", args=[label]), {"q": text})

    assert response.status_code == 400
    assert response.json() == {"error": "Der Suchbegriff darf keine Steuerzeichen enthalten."}


@pytest.mark.parametrize("text", CONTROL_CHARACTERS)
@pytest.mark.parametrize(
    ("url", "parameter"), [("projects:public-project-list", "suche"), ("projects:project-list", "search")]
)
def test_a_project_filter_with_a_control_character_answers_without_error(client, editor, url, parameter, text):
    response = client.get(reverse(url), {parameter: text})

    assert response.status_code in (200, 400)
    assert response.status_code != 500
