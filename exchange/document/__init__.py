"""The strategy document: one versioned JSON file that holds a whole strategy (docs/strategy-document.md).

`import_document` (importer.py) loads it atomically and idempotently; `export_document` (exporter.py) writes the same
shape, so export → import → export is a round trip. specs.py says how each model appears in it.
"""

from exchange.document.exporter import export_document
from exchange.document.importer import ImportResult, import_document
from exchange.document.specs import FORMAT, VERSION, DocumentError

__all__ = ["FORMAT", "VERSION", "DocumentError", "ImportResult", "export_document", "import_document"]
