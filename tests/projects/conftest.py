"""Fixtures every project test may use: clients logged in with a role.

The fixtures of one topic live in its <topic>_helpers.py (priority_helpers.py, partner_helpers.py ...) and are named
in each module that uses them, so that pytest finds them there: several topics have fixtures of the same name with
different meanings (strategy, make_project), which one conftest.py cannot hold."""

import pytest


@pytest.fixture
def editor_client(client, editor_user):
    client.force_login(editor_user)
    return client


@pytest.fixture
def committee_client(client, committee_user):
    client.force_login(committee_user)
    return client
