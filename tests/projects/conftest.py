"""Fixtures the project tests share: clients logged in with a role."""

import pytest


@pytest.fixture
def editor_client(client, editor_user):
    client.force_login(editor_user)
    return client


@pytest.fixture
def committee_client(client, committee_user):
    client.force_login(committee_user)
    return client
