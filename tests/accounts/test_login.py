import re

import pytest
from django.core import mail
from django.http import HttpRequest
from django.urls import reverse

from tests.factories import UserFactory

PASSWORD = "correct horse battery staple"  # UserFactory's
NEW_PASSWORD = "Fliederweg-Marbach-2025"


@pytest.fixture
def user(db):
    return UserFactory()


def logged_in_user_id(client):
    return client.session.get("_auth_user_id")


def test_login_with_the_right_password_opens_the_workspace(client, user):
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == reverse("reports:workspace")
    assert logged_in_user_id(client) == str(user.pk)


def test_login_with_a_wrong_password_is_refused_with_a_german_message(client, user):
    response = client.post(reverse("login"), {"username": user.username, "password": "falsch"})

    assert response.status_code == 200
    page = response.content.decode()
    assert "Beide Felder berücksichtigen die Groß-/Kleinschreibung." in page
    assert 'role="alert"' in page
    assert logged_in_user_id(client) is None


def test_login_page_labels_its_fields_and_lets_password_managers_fill_them(client, db):
    page = client.get(reverse("login")).content.decode()

    assert 'for="id_username"' in page
    assert 'for="id_password"' in page
    assert 'autocomplete="username"' in page
    assert 'autocomplete="current-password"' in page
    assert reverse("password_reset") in page


def test_login_goes_on_to_the_page_asked_for(client, user):
    wanted = reverse("accounts:account")

    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD, "next": wanted})

    assert response["Location"] == wanted


def test_logout_via_post_ends_the_session(client, user):
    client.force_login(user)

    response = client.post(reverse("logout"))

    assert response.status_code == 302
    assert logged_in_user_id(client) is None
    assert client.get(reverse("reports:workspace"))["Location"].startswith(reverse("login"))


def test_logout_by_a_plain_link_is_refused(client, user):
    client.force_login(user)

    assert client.get(reverse("logout")).status_code == 405
    assert logged_in_user_id(client) == str(user.pk)


def test_account_page_shows_the_user_and_links_to_the_password_change(client, user_for_role):
    lead = user_for_role("project_lead")
    client.force_login(lead)

    page = client.get(reverse("accounts:account")).content.decode()

    assert lead.username in page
    assert "Projektleitung" in page
    assert reverse("password_change") in page


def test_account_page_needs_a_login(client, db):
    response = client.get(reverse("accounts:account"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_password_change_needs_a_login(client, db):
    response = client.get(reverse("password_change"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_password_change_page_lets_password_managers_tell_old_from_new(client, user):
    client.force_login(user)

    page = client.get(reverse("password_change")).content.decode()

    assert 'autocomplete="current-password"' in page
    assert page.count('autocomplete="new-password"') == 2


def test_password_change_requires_the_old_password(client, user):
    client.force_login(user)

    response = client.post(
        reverse("password_change"),
        {"old_password": "geraten", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 200
    assert "Das alte Passwort war falsch. Bitte neu eingeben." in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_password_change_with_the_old_password_sets_the_new_one_and_keeps_the_user_logged_in(client, user):
    client.force_login(user)

    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response["Location"] == reverse("password_change_done")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert client.get(reverse("password_change_done")).status_code == 200


def reset_link(message):
    return re.search(r"https?://[^/\s]+(/konto/reset/\S+/)", message.body).group(1)


def test_password_reset_sends_an_email_with_a_link_that_sets_a_new_password(client, user):
    response = client.post(reverse("password_reset"), {"email": user.email})

    assert response["Location"] == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [user.email]
    assert user.username in mail.outbox[0].body

    form_url = client.get(reset_link(mail.outbox[0]))["Location"]  # Django hides the token behind a redirect
    assert client.get(form_url).status_code == 200
    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert response["Location"] == reverse("password_reset_complete")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert client.login(request=HttpRequest(), username=user.username, password=NEW_PASSWORD)


def test_password_reset_link_works_only_once(client, user):
    client.post(reverse("password_reset"), {"email": user.email})
    link = reset_link(mail.outbox[0])
    form_url = client.get(link)["Location"]
    client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    response = client.get(link, follow=True)

    assert 'role="alert"' in response.content.decode()
    assert "new_password1" not in response.content.decode()


def test_password_reset_for_an_unknown_address_sends_nothing_and_does_not_say_so(client, user):
    response = client.post(reverse("password_reset"), {"email": "niemand@example.org"})

    assert response["Location"] == reverse("password_reset_done")
    assert mail.outbox == []


def test_password_reset_rejects_a_new_password_that_differs_from_its_repetition(client, user):
    client.post(reverse("password_reset"), {"email": user.email})
    form_url = client.get(reset_link(mail.outbox[0]))["Location"]

    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD + "x"})

    assert response.status_code == 200
    assert "Die beiden Passwörter sind nicht identisch." in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
