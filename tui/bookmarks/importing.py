"""Bookmarks imported from an export of annotations (:mod:`tui.bookmarks.annotations`).

An import never destroys a newer note or tag: a bookmark is added when its id is
new, replaced only when the import's copy was modified later, and kept as it is
otherwise, so importing twice changes nothing. Everything is checked before the
one transaction commits.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from tui.bookmarks.annotations import iter_annotations
from tui.bookmarks.database import UPSERT, BookmarkFile, bookmark_to_row
from tui.bookmarks.model import Bookmark

#: The largest export :meth:`BookmarkStore.import_file` reads (about a million bookmarks).
MAX_IMPORT_BYTES = 512 * 10**6


@dataclass(frozen=True)
class ImportResult:
    """What an import did: bookmarks added, replaced by a later copy, or kept (the one
    here was as new or newer)."""

    added: int = 0
    updated: int = 0
    kept: int = 0

    @property
    def total(self) -> int:
        return self.added + self.updated + self.kept


def _later(incoming: str, here: str) -> bool:
    """Whether timestamp ``incoming`` is after ``here`` (ISO 8601; naive means UTC)."""

    def parse(stamp: str) -> datetime | None:
        try:
            value = datetime.fromisoformat(stamp)
        except (TypeError, ValueError):
            return None
        return value if value.tzinfo else value.replace(tzinfo=UTC)

    new, old = parse(incoming), parse(here)
    if new is None or old is None:
        return False  # cannot tell: the bookmark here stays
    return new > old


def import_annotations(
    file: BookmarkFile, data: str | bytes | list[Any] | dict[str, Any]
) -> ImportResult:
    """Add or replace the bookmarks of ``data``, in one transaction of ``file``: see
    :meth:`tui.bookmarks.BookmarkStore.import_annotations`."""
    added = updated = kept = 0
    seen: set[str] = set()
    with file.writing() as conn:
        batch: dict[str, Bookmark] = {}

        def flush() -> None:
            nonlocal added, updated, kept
            ids = list(batch)
            marks = ",".join("?" * len(ids))
            here = dict(
                conn.execute(f"SELECT id, updated FROM bookmarks WHERE id IN ({marks})", ids)
            )
            rows = []
            for b in batch.values():
                if b.id not in here:
                    added += 1
                elif _later(b.updated, here[b.id]):
                    updated += 1
                else:
                    kept += 1
                    continue
                rows.append(bookmark_to_row(b))
            conn.executemany(UPSERT, rows)
            batch.clear()

        for b in iter_annotations(data):
            if b.id in seen and b.id not in batch:
                continue  # twice in one file: the first copy stands
            seen.add(b.id)
            batch[b.id] = b
            if len(batch) >= 500:
                flush()
        if batch:
            flush()
    return ImportResult(added, updated, kept)


def _read_at_most(handle: BinaryIO, limit: int) -> bytes:
    """At most ``limit`` bytes of ``handle``, read in pieces (a ``read(limit)`` sets
    ``limit`` bytes aside at once, however short the file)."""
    pieces: list[bytes] = []
    left = limit
    while left > 0:
        piece = handle.read(min(left, 1 << 20))
        if not piece:
            break
        pieces.append(piece)
        left -= len(piece)
    return b"".join(pieces)


def read_export(path: Path) -> str:
    """The text of an export file; ``ValueError`` (one line) when it is not a regular
    file (a device such as ``/dev/zero`` never ends, a pipe waits for a writer), is
    larger than :data:`MAX_IMPORT_BYTES` or is not UTF-8."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    with os.fdopen(fd, "rb") as handle:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise ValueError("not a regular file: give an exported .json file")
        if st.st_size > MAX_IMPORT_BYTES:
            raise ValueError(
                f"{st.st_size / 1e6:.0f} MB is too large for an export of bookmarks "
                f"(at most {MAX_IMPORT_BYTES // 10**6} MB)"
            )
        data = _read_at_most(handle, MAX_IMPORT_BYTES + 1)  # whatever it has grown to since
    if len(data) > MAX_IMPORT_BYTES:
        raise ValueError(
            f"too large for an export of bookmarks (at most {MAX_IMPORT_BYTES // 10**6} MB)"
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise ValueError("not a JSON file: it is not UTF-8 text") from None
