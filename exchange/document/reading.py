"""Reading a strategy document file before import: the checks that come before parsing (size, encoding, depth) and
the ones json itself does not make (a key twice in one object). Each refusal names the file and the place."""

import json
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from exchange.document.specs import DocumentError

MAX_DEPTH = 20  # the document nests about 6 levels deep (a paper's snapshot a few more)


def read_document(path: Path) -> object:
    """The parsed JSON of the file at `path` (DocumentError, with a German message, for anything else)."""
    size = path.stat().st_size
    if size > settings.STRATEGY_IMPORT_MAX_BYTES:
        raise DocumentError(
            str(path),
            _("too large (%(size)s bytes; at most %(limit)s are accepted)")
            % {"size": size, "limit": settings.STRATEGY_IMPORT_MAX_BYTES},
        )
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise DocumentError(
            str(path), _("not UTF-8 (byte %(position)s); save the file as UTF-8") % {"position": error.start}
        ) from None
    _check_depth(text, path)
    try:
        return json.loads(text, parse_float=Decimal, object_pairs_hook=_without_duplicate_keys)
    except _DuplicateKey as duplicate:
        raise DocumentError(
            str(path), _("the key “%(key)s” appears twice in one object") % {"key": duplicate.key}
        ) from None
    except json.JSONDecodeError as error:
        raise DocumentError(
            str(path),
            _("not valid JSON (line %(line)s, column %(column)s: %(error)s)")
            % {"line": error.lineno, "column": error.colno, "error": error.msg},
        ) from None


def _check_depth(text: str, path: Path) -> None:
    """Refuse nesting deeper than MAX_DEPTH before the parser recurses into it (brackets inside strings don't count)."""
    depth, in_string, escaped = 0, False, False
    for position, character in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif character == "\\":
                escaped = True
            elif character == '"':
                in_string = False
        elif character == '"':
            in_string = True
        elif character in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise DocumentError(
                    str(path),
                    _("nested deeper than %(limit)s levels (at character %(position)s)")
                    % {"limit": MAX_DEPTH, "position": position},
                )
        elif character in "]}":
            depth -= 1


class _DuplicateKey(Exception):
    def __init__(self, key: str) -> None:
        self.key = key


def _without_duplicate_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    result: dict[str, object] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result
