"""Parsing the index's metadata without holding the interpreter's lock for all of it.

``json.loads`` is one C call: it keeps the interpreter's lock until the whole text is
parsed, and no other thread runs meanwhile. The metadata (``dossier-meta.json``) holds
the manifest, a row for every article: at 50,000 articles 10 MB, ~100 ms of parsing,
done by a worker of the app at launch (the folder's listing) while the UI thread
waited as long to paint or take a key. :func:`parse_meta` parses the manifest's rows
one at a time (each row one C call of the decoder's own scanner, the loop between
them Python's, which lets other threads in every few milliseconds) and the rest of
the text with one ``json.loads``: the same value as ``json.loads`` of the text, in
about the same time (72 ms for the rows at 50,000 articles, against 87-107 ms for
the whole file in one call).
"""

from __future__ import annotations

import json
from json.scanner import make_scanner
from typing import Any, cast

#: Where the manifest's rows begin: the key can only be that, raw quotes being never
#: inside a JSON string, and after a string's closing quote ``rows`` cannot follow.
_ROWS = '"rows":{'
#: What stands for the rows while the rest is parsed: a NUL, which JSON escapes and a
#: path never holds, so no other value of the metadata is this.
_STANDIN = "\x00rows"

#: The decoder's scanner (C, where Python has it): one JSON value from a position.
_scan = make_scanner(cast(Any, json.JSONDecoder()))  # (typeshed types the context oddly)


def parse_meta(text: str) -> Any:
    """``json.loads(text)``, the manifest's rows (``"entries": {"rows": {...}}``, as
    :meth:`~tui.index.folder.IndexFolder.write_meta` writes it, without spaces) parsed a
    row at a time. Any other text, or rows written otherwise, in one call."""
    start = text.find(_ROWS)
    if start < 0:
        return json.loads(text)
    rows, end = _rows(text, start + len(_ROWS))
    if rows is None:
        return json.loads(text)
    meta = json.loads(text[: start + len(_ROWS) - 1] + json.dumps(_STANDIN) + text[end:])
    table = meta.get("entries") if isinstance(meta, dict) else None
    if not isinstance(table, dict) or table.get("rows") != _STANDIN:
        return json.loads(text)  # those rows were not the manifest's
    table["rows"] = rows
    return meta


def _rows(text: str, pos: int) -> tuple[dict[str, Any] | None, int]:
    """The object whose first key begins at ``pos`` (just past its ``{``) and the
    position just past its ``}``; None where it is not written as ``"key":value`` pairs
    separated by commas alone."""
    rows: dict[str, Any] = {}
    try:
        if text[pos] == "}":
            return rows, pos + 1
        while True:
            if text[pos] != '"':
                return None, pos
            key, pos = _scan(text, pos)
            if text[pos] != ":":
                return None, pos
            rows[key], pos = _scan(text, pos + 1)
            if text[pos] == "}":
                return rows, pos + 1
            if text[pos] != ",":
                return None, pos
            pos += 1
    except (StopIteration, IndexError, ValueError):
        return None, pos
