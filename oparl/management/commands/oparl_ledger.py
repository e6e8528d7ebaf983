"""Compare the OParl ledger with what the interface serves now, whatever the data's fingerprint says: after a bulk
change that bypassed the models' save (a raw SQL update, a restored dump), or nightly before the consumers sync."""

from django.core.management.base import BaseCommand

from oparl import ledger
from oparl.models import PublishedObject


class Command(BaseCommand):
    help = "Bringt das OParl-Verzeichnis der veröffentlichten Objekte auf den Stand der Daten."

    def handle(self, *args, **options):
        ledger.bring_up_to_date(force=True)
        published = PublishedObject.objects.filter(deleted=False).count()
        deleted = PublishedObject.objects.filter(deleted=True).count()
        self.stdout.write(f"OParl: {published} veröffentlichte und {deleted} gelöschte Objekte verzeichnet.")
