"""Password-reset e-mails are limited per address and per client; over the limit the form says so in German."""

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import UserFactory

TOO_MANY = "Zu viele Anfragen zum Zurücksetzen eines Passworts. Bitte versuchen Sie es später noch einmal."


def ask_for_reset(client, email, address="192.0.2.10"):
    return client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=address)


def recipients():
    return [message.to[0] for message in mail.outbox]


@pytest.fixture
def users(db):
    return UserFactory.create_batch(3)


def test_ten_requests_for_one_address_send_three_mails(client, users):
    statuses = [ask_for_reset(client, users[0].email).status_code for _ in range(10)]

    assert recipients() == [users[0].email] * 3
    assert statuses == [302] * 3 + [429] * 7


def test_over_the_limit_the_form_says_in_german_to_try_again_later(client, users):
    for _ in range(3):
        ask_for_reset(client, users[0].email)

    response = ask_for_reset(client, users[0].email)

    assert response.status_code == 429
    page = response.content.decode()
    assert TOO_MANY in page
    assert 'role="alert"' in page


def test_the_address_limit_ignores_the_spelling_of_the_address(client, users):
    for email in (users[0].email, users[0].email.upper(), f" {users[0].email.title()}"):
        ask_for_reset(client, email)

    assert ask_for_reset(client, users[0].email).status_code == 429
    assert len(mail.outbox) == 3


def test_the_address_limit_holds_from_every_client(client, users):
    for number in range(3):
        ask_for_reset(client, users[0].email, address=f"192.0.2.{number}")

    assert ask_for_reset(client, users[0].email, address="198.51.100.7").status_code == 429
    assert len(mail.outbox) == 3


def test_an_unknown_address_is_limited_like_a_known_one(client, users):
    """The refusal must not tell whether a user has the address."""
    statuses = [ask_for_reset(client, "niemand@example.org").status_code for _ in range(4)]

    assert statuses == [302, 302, 302, 429]
    assert mail.outbox == []


def test_other_addresses_still_work_until_the_client_limit(client, users):
    first, second, third = users
    for _ in range(5):
        ask_for_reset(client, first.email)
    for _ in range(5):
        ask_for_reset(client, second.email)

    response = ask_for_reset(client, third.email)

    assert recipients() == [first.email] * 3 + [second.email] * 3
    assert response.status_code == 429
    assert TOO_MANY in response.content.decode()


def test_another_client_is_not_held_up_by_the_client_limit(client, users):
    for _ in range(10):
        ask_for_reset(client, users[0].email)

    response = ask_for_reset(client, users[1].email, address="198.51.100.7")

    assert response["Location"] == reverse("password_reset_done")
    assert recipients()[-1] == users[1].email


def test_the_limits_are_settings(client, users, settings):
    settings.PASSWORD_RESET_MAILS_PER_ADDRESS = 1
    settings.PASSWORD_RESET_REQUESTS_PER_CLIENT = 3

    statuses = [ask_for_reset(client, user.email).status_code for user in (users[0], users[0], users[1], users[2])]

    assert statuses == [302, 429, 302, 429]
    assert recipients() == [users[0].email, users[1].email]


def test_an_invalid_address_gets_the_field_message_and_does_not_count(client, users):
    for _ in range(12):
        response = ask_for_reset(client, "keine-adresse")

    assert response.status_code == 200
    assert "Bitte gültige E-Mail-Adresse eingeben." in response.content.decode()
    assert ask_for_reset(client, users[0].email).status_code == 302
