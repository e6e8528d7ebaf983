"""The 403 and 404 answers are portal pages in German, not Django's bare English line."""

from django.urls import reverse

from tests import factories


def test_a_missing_page_is_answered_in_german_within_the_portal(client, db):
    response = client.get("/projekte/gibt-es-nicht/")

    assert response.status_code == 404
    content = response.content.decode()
    assert "<h1>Seite nicht gefunden</h1>" in content
    assert '<html lang="de">' in content
    assert 'href="/"' in content


def test_a_forbidden_page_tells_the_user_in_german_and_leads_back_to_the_workspace(client, committee_user):
    client.force_login(committee_user)

    response = client.get(reverse("projects:project-update", args=[factories.ProjectFactory().pk]))

    assert response.status_code == 403
    content = response.content.decode()
    assert "<h1>Zugriff verweigert</h1>" in content
    assert f'href="{reverse("reports:workspace")}"' in content
