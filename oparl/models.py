"""What the OParl interface has published, object by object, so that a consumer syncing with `modified_since`
learns of every change: of an object, of what is embedded in it, and of an object that left (OParl 1.1, "Gelöschte
Objekte"). oparl.ledger keeps it up to date."""

from django.db import models


class PublishedObject(models.Model):
    """One OParl object as last published: when it first appeared, when what it serialises last changed, and
    whether it has left the interface (depublished, archived, erased or deleted), kept as a deleted object."""

    path = models.CharField(max_length=200, unique=True)  # its id below the interface's root: "person/12/"
    kind = models.CharField(max_length=20)  # the OParl type without the schema: "Person"
    listed_in = models.CharField(max_length=20, blank=True)  # the external list ("person", …); "" when embedded
    object_pk = models.BigIntegerField(null=True)  # the portal's row; None for the system, district and office
    created = models.DateTimeField()
    modified = models.DateTimeField()
    deleted = models.BooleanField(default=False)
    digest = models.CharField(max_length=64)  # of what it serialises, its times left out

    class Meta:
        indexes = [models.Index(fields=["listed_in", "modified"])]

    def __str__(self) -> str:
        return self.path


class LedgerState(models.Model):
    """The one row that says which state of the portal's data the ledger reflects (oparl.ledger.fingerprint); it is
    also the lock that lets one request at a time bring the ledger up to date."""

    fingerprint = models.TextField(blank=True)

    def __str__(self) -> str:
        return self.fingerprint
