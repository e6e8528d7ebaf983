"""`manage.py oparl_ledger`: a change that bypassed the models' save reaches the OParl consumers once it runs."""

import datetime
from urllib.parse import urlencode

import pytest
from django.core.management import call_command
from django.utils import timezone

from oparl.models import PublishedObject
from stakeholders.models import Meeting
from tests import factories
from tests.oparl.test_interface import ENTRY, get_json


@pytest.mark.django_db
def test_the_command_records_a_change_that_bypassed_save(client, capsys):
    meeting = factories.MeetingFactory(is_public=True)
    get_json(client, f"{ENTRY}meeting/")
    an_hour_ago = timezone.now() - datetime.timedelta(hours=1)
    PublishedObject.objects.filter(path=f"meeting/{meeting.pk}/").update(created=an_hour_ago, modified=an_hour_ago)
    Meeting.objects.filter(pk=meeting.pk).update(is_public=False)  # no save: the fingerprint does not see it
    since = urlencode({"modified_since": (timezone.now() - datetime.timedelta(minutes=1)).isoformat()})
    assert get_json(client, f"{ENTRY}meeting/?{since}")["data"] == []

    call_command("oparl_ledger")

    [gone] = get_json(client, f"{ENTRY}meeting/?{since}")["data"]
    assert gone["deleted"] is True
    assert gone["id"].endswith(f"/meeting/{meeting.pk}/")
    assert "gelöschte Objekte verzeichnet" in capsys.readouterr().out
