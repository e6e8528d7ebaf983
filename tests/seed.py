"""The shipped strategy document, for tests about the real strategy."""

import json
from decimal import Decimal

from django.conf import settings


def seed_document():
    with open(settings.SEED_DOCUMENT, encoding="utf-8") as handle:
        return json.load(handle, parse_float=Decimal)
