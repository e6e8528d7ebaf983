"""The ledger of what the OParl interface publishes (oparl.models.PublishedObject), brought up to date before every
OParl request.

Each object's `modified` is the time what it serialises last changed, embedded objects included: the ledger keeps a
digest of every object's JSON and compares it with the JSON it would serve now. An object that is no longer served
(depublished, archived, erased, deleted) stays in the ledger as a deleted object, with `modified` the time it left,
and the external lists show it when asked with `modified_since` (OParl 1.1, "Gelöschte Objekte"). What is published
is decided by the serialisers and selectors, which ask the portal's one publication rule: the ledger only records it.

The comparison runs when the portal's data has changed since the last one (`fingerprint`): a few aggregate queries
per request otherwise. It reads every published object, a few thousand for a district; `manage.py oparl_ledger`
runs it at once (after a bulk change that bypassed the models' `save`).
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Iterator
from typing import Any, NamedTuple

from django.conf import settings
from django.db import models, transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from oparl import selectors, serializers
from oparl.models import LedgerState, PublishedObject
from reports.models import CommitteePaper, Consultation, PaperAttachment
from stakeholders.models import Body, District, LegislativeTerm, Meeting, Membership, Person

# The models whose rows the interface serialises. Each save raises a row's version (strategy_portal.db.VersionedModel).
SOURCES: tuple[type[models.Model], ...] = (
    District,
    LegislativeTerm,
    Body,
    Person,
    Membership,
    Meeting,
    CommitteePaper,
    Consultation,
    PaperAttachment,
)
# Raised when the serialisation changes in a way the data does not show, so that every digest is compared again.
FORMAT = 1


class LedgerRequest(HttpRequest):
    """The request the ledger serialises with: fixed host, and the files' digests instead of rendering them."""

    for_ledger = True

    def get_host(self) -> str:
        return "oparl.invalid"


def root(request: HttpRequest) -> str:
    return request.build_absolute_uri(reverse("oparl:system"))


def fingerprint() -> str:
    """The state of the portal's data the interface depends on: counts, versions and newest rows of its models."""
    state: list[Any] = [FORMAT, settings.OPARL_LICENSE]
    for model in SOURCES:
        state.append(
            list(
                model._default_manager.aggregate(
                    count=models.Count("pk"), versions=models.Sum("version"), newest=models.Max("pk")
                ).values()
            )
        )
    return json.dumps(state)


def embedded(data: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The objects embedded in `data`, at any depth."""
    for value in data.values():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict) and "id" in item:
                yield item
                yield from embedded(item)


def without_times(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: without_times(item) for key, item in value.items() if key not in ("created", "modified")}
    if isinstance(value, list):
        return [without_times(item) for item in value]
    return value


def digest(data: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(without_times(data), sort_keys=True).encode()).hexdigest()


class Current(NamedTuple):
    kind: str
    listed_in: str
    pk: int | None
    created: datetime.datetime  # the row's own times, taken when the ledger is first filled
    modified: datetime.datetime
    digest: str


class Published:
    """What the interface would serve now, by path: kind, list, row, creation time (the row's) and digest."""

    def __init__(self) -> None:
        self.request = LedgerRequest()
        self.prefix = root(self.request)
        self.objects: dict[str, Current] = {}

    def add(self, data: dict[str, Any], listed_in: str = "", pk: int | None = None) -> None:
        path = data["id"].removeprefix(self.prefix)
        kind = data["type"].removeprefix(serializers.SCHEMA)
        times = datetime.datetime.fromisoformat(data["created"]), datetime.datetime.fromisoformat(data["modified"])
        self.objects[path] = Current(kind, listed_in, pk, *times, digest(data))
        for inner in embedded(data):
            inner_path = inner["id"].removeprefix(self.prefix)
            if inner_path not in self.objects:
                self.add(inner)

    def collect(self) -> dict[str, Current]:
        request = self.request
        times = serializers.Timestamps()
        self.add(serializers.system_data(request), "system")
        self.add(serializers.district_data(request), "body")
        self.add(serializers.office_data(request, times), "organization")
        for body in selectors.bodies().order_by("pk"):
            self.add(serializers.body_data(request, body), "organization", body.pk)
        # A membership's own object names its person, the one embedded in the person does not: the former counts.
        for membership in selectors.public_memberships():
            self.add(serializers.membership_data(request, membership), pk=membership.pk)
        for person in selectors.persons():
            self.add(serializers.person_data(request, person), "person", person.pk)
        for meeting in selectors.public_meetings():
            self.add(serializers.meeting_data(request, meeting), "meeting", meeting.pk)
        papers = list(selectors.finalised_papers())
        meetings = selectors.meetings_for([c for paper in papers for c in selectors.public_consultations(paper)])
        for paper in papers:
            self.add(serializers.paper_data(request, paper, meetings=meetings), "paper", paper.pk)
        return self.objects


def bring_up_to_date(force: bool = False) -> None:
    """Compare the ledger with what the interface would serve now, if the data changed since the last comparison."""
    state = LedgerState.objects.filter(pk=1).first()
    if state is not None and state.fingerprint == fingerprint() and not force:
        return
    with transaction.atomic():
        LedgerState.objects.get_or_create(pk=1)
        state = LedgerState.objects.select_for_update().get(pk=1)  # one request at a time; the others wait
        now = fingerprint()
        if state.fingerprint == now and not force:
            return  # brought up to date by the request this one waited for
        record(Published().collect(), first=not state.fingerprint)
        state.fingerprint = now
        state.save(update_fields=["fingerprint"])


def record(current: dict[str, Current], first: bool) -> None:
    """Write the changes: new objects, changed digests, objects that left (deleted) or came back."""
    moment = timezone.now().replace(microsecond=0)
    stored = {entry.path: entry for entry in PublishedObject.objects.all()}
    new, changed = [], []
    for path, now in current.items():
        entry = stored.get(path)
        if entry is None:
            # The first comparison takes the rows' own times; later an object appears when it is published.
            new.append(
                PublishedObject(
                    path=path,
                    kind=now.kind,
                    listed_in=now.listed_in,
                    object_pk=now.pk,
                    created=now.created if first else moment,
                    modified=now.modified if first else moment,
                    digest=now.digest,
                )
            )
        elif entry.digest != now.digest or entry.deleted:
            entry.digest, entry.deleted, entry.modified = now.digest, False, moment
            changed.append(entry)
    for path, entry in stored.items():
        if path not in current and not entry.deleted:
            entry.deleted, entry.modified = True, moment
            changed.append(entry)
    PublishedObject.objects.bulk_create(new, batch_size=500)
    PublishedObject.objects.bulk_update(changed, ["digest", "deleted", "modified"], batch_size=500)


def entries(data: list[dict[str, Any]], request: HttpRequest) -> dict[str, PublishedObject]:
    """The ledger's entries of the objects in `data` and of those embedded in them: one query."""
    prefix = root(request)
    paths = [item["id"].removeprefix(prefix) for obj in data for item in [obj, *embedded(obj)]]
    return {entry.path: entry for entry in PublishedObject.objects.filter(path__in=paths)}


def with_times(data: list[dict[str, Any]], request: HttpRequest) -> list[dict[str, Any]]:
    """`data` with each object's `created` and `modified` as the ledger has them, embedded objects too."""
    prefix, known = root(request), entries(data, request)
    for obj in data:
        for item in [obj, *embedded(obj)]:
            entry = known.get(item["id"].removeprefix(prefix))
            if entry is not None:
                item["created"], item["modified"] = serializers.stamp(entry.created), serializers.stamp(entry.modified)
    return data


def tombstone(entry: PublishedObject, request: HttpRequest) -> dict[str, Any]:
    return {
        "id": root(request) + entry.path,
        "type": serializers.SCHEMA + entry.kind,
        "created": serializers.stamp(entry.created),
        "modified": serializers.stamp(entry.modified),
        "deleted": True,
    }
