"""Each segment's entity terms with their counts, in files beside it.

``MAIN_<segment id>.<field>.ets`` holds one entity field's terms of one segment,
each with its number of documents and of mentions (its weight), as
:meth:`tui.index.lookups.IndexLookups.segment_terms` gives them: the surname links
and the corpus's types ask for every person, place and organisation of every
segment after each update, and reading them through Whoosh's terms table took a
tenth of a second per 2,000 articles in the process that commits a build.

The process that writes a segment writes its files (:func:`write`: a build's
worker, which has each term's counts at hand as it writes the terms table); a
segment Whoosh's own writer made (a merge) gets them the first time they are
asked for (:func:`save`). They are not part of the index's record of its files
(:mod:`tui.index.folder`, :mod:`tui.freshness`): a file may be added at any time.
"""

from __future__ import annotations

import contextlib
import json
import os
import struct
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tui.jsonfile import read_json
from tui.privacy import FILE_MODE

#: The end of the file name of a segment's table of one field (after the field).
TERMS_EXT = ".ets"
_VERSION = 1
#: Whoosh keeps a term's weight as a 32-bit float: the table holds it as read back.
_FLOAT32 = struct.Struct("<f")

Terms = dict[str, tuple[int, float]]


def extension(field: str) -> str:
    """The end of the name of a segment's file of ``field``'s terms."""
    return f".{field}{TERMS_EXT}"


def as_read(weight: float) -> float:
    """A term's weight as Whoosh's terms table gives it back (a 32-bit float)."""
    return float(_FLOAT32.unpack(_FLOAT32.pack(weight))[0])


def _text(terms: Terms) -> str:
    rows = [[t, d, w] for t, (d, w) in terms.items()]
    return json.dumps({"version": _VERSION, "terms": rows}, separators=(",", ":"))


def load(path: Path) -> Terms | None:
    """The table in ``path``, or None when it is missing, unreadable or of another version."""
    data = read_json(path)
    if not isinstance(data, dict) or data.get("version") != _VERSION:
        return None
    try:
        return {str(t): (int(d), float(w)) for t, d, w in data["terms"]}
    except (ValueError, KeyError, TypeError):
        return None


def save(path: Path, terms: Terms) -> None:
    """Write the file once, atomically; a folder that cannot be written is left as it is
    (the terms are read from the segment again next time)."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")  # a segment's file name too
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, FILE_MODE)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(_text(terms))
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()


def write(create: Callable[[str], Any], field: str, terms: Terms) -> None:
    """Write a new segment's table of ``field``; ``create(ext)`` opens a new file of the
    segment for writing (the segment is not committed yet: no reader sees it half made)."""
    handle = create(extension(field))
    try:
        handle.write(_text(terms).encode("utf-8"))
    finally:
        handle.close()
