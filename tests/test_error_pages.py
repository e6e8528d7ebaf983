"""The 400, 403, 404, 500 and 503 answers are portal pages in German, not Django's bare English line."""

import pytest
from django.db import OperationalError, connection
from django.urls import reverse

from tests import factories


def test_a_missing_page_is_answered_in_german_within_the_portal(client, db):
    response = client.get("/projekte/gibt-es-nicht/")

    assert response.status_code == 404
    content = response.content.decode()
    assert "<h1>Seite nicht gefunden</h1>" in content
    assert '<html lang="de">' in content
    assert 'href="/"' in content


@pytest.mark.parametrize("url", ["/projekte/", "/arbeitsbereich/projekte/", "/arbeitsbereich/sachstaende/pruefen/"])
@pytest.mark.parametrize("page", ["abc", "-1", "1e5", "9" * 40])
def test_a_page_number_that_is_no_number_is_answered_with_the_german_400_page(admin_client, url, page):
    response = admin_client.get(url, {"page": page})

    assert response.status_code == 400
    content = response.content.decode()
    assert "<h1>Ungültige Anfrage</h1>" in content
    assert "Die Seitenzahl muss eine ganze Zahl (1, 2, 3 …) oder „last“ sein." in content
    assert '<html lang="de">' in content


def test_a_page_past_the_end_of_a_list_is_not_found_and_last_is_the_last_page(admin_client):
    factories.ProjectFactory.create_batch(30)

    assert admin_client.get("/arbeitsbereich/projekte/", {"page": "3"}).status_code == 404
    assert admin_client.get("/arbeitsbereich/projekte/", {"page": "last"}).context["page_obj"].number == 2


def test_a_forbidden_page_tells_the_user_in_german_and_leads_back_to_the_workspace(client, committee_user):
    client.force_login(committee_user)

    response = client.get(reverse("projects:project-update", args=[factories.ProjectFactory().pk]))

    assert response.status_code == 403
    content = response.content.decode()
    assert "<h1>Zugriff verweigert</h1>" in content
    assert f'href="{reverse("reports:workspace")}"' in content


def database_gone(execute, sql, params, many, context):
    """A database that stopped answering in the middle of the request (as psycopg2 reports a server restart)."""
    raise OperationalError("server closed the connection unexpectedly")


@pytest.mark.parametrize("url", ["/", "/projekte/", "/oparl/v1.1/person/"])
def test_with_the_database_gone_the_portal_answers_the_german_503_page_to_retry(client, db, url):
    client.raise_request_exception = False

    with connection.execute_wrapper(database_gone):
        response = client.get(url)

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    content = response.content.decode()
    assert "<h1>Vorübergehend nicht erreichbar</h1>" in content
    assert '<html lang="de">' in content
    assert 'href="/projekte/"' in content  # the portal's navigation around it


def test_once_the_database_answers_again_the_next_request_succeeds(client, db):
    client.raise_request_exception = False
    with connection.execute_wrapper(database_gone):
        assert client.get("/projekte/").status_code == 503

    assert client.get("/projekte/").status_code == 200


def test_an_error_in_a_view_answers_the_german_500_page(client, db, monkeypatch):
    client.raise_request_exception = False

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("projects.views.public_projects.PublicProjectListView.get", broken)
    response = client.get("/projekte/")

    assert response.status_code == 500
    content = response.content.decode()
    assert "<h1>Serverfehler</h1>" in content
    assert '<html lang="de">' in content
