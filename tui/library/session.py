"""Where the user left a corpus: the article open, where in it, and the order of the list
when the app closed, so that the next start opens the same article at the same place in
the same order.

Kept as ``session.json`` in the corpus's data folder (beside the index and the
bookmarks), written when the app closes, read when it starts. Only a convenience:
a missing, unreadable or damaged file is no session, and a failed write is ignored.
Domain code: no Textual.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from tui.jsonfile import read_json
from tui.library.head import Head
from tui.library.ordering import SORTS, usable_column
from tui.privacy import write_private

NAME = "session.json"
#: A session file is a few dozen bytes; anything much larger is not one.
MAX_BYTES = 4096


@dataclass(frozen=True)
class Session:
    """The open article's id and the list's sort column (None: not known), and what
    reading the folder skipped then (:func:`skipped_digest`; None: nothing); where the
    reader was in the article (``at``: the body offset at the top of its view, 0 its
    top) and whether it had the focus (``reading``: the user was reading, not in the
    list)."""

    article: str | None = None
    sort: str | None = None
    skipped: str | None = None
    at: int = 0
    reading: bool = False


def skipped_digest(warnings: list[str]) -> str | None:
    """A short digest of what reading the folder skipped (its warnings, in any order),
    to tell the same files skipped for the same reasons at the next start; None for none."""
    if not warnings:
        return None
    text = "\n".join(sorted(warnings)).encode("utf-8", "surrogateescape")
    return hashlib.blake2b(text, digest_size=8).hexdigest()


def read_session(data: Path) -> Session:
    """The session kept in the data folder ``data`` (an empty one if there is none)."""
    value = read_json(Path(data) / NAME, max_bytes=MAX_BYTES)
    if not isinstance(value, dict):
        return Session()
    article, sort, skipped = value.get("article"), value.get("sort"), value.get("skipped")
    at, reading = value.get("at"), value.get("reading")
    return Session(
        article if isinstance(article, str) and article else None,
        sort if sort in SORTS else None,
        skipped if isinstance(skipped, str) and 0 < len(skipped) <= 32 else None,
        at if type(at) is int and at > 0 else 0,
        reading is True,
    )


def write_session(data: Path, session: Session) -> bool:
    """Keep ``session`` in the data folder ``data``, if that folder exists (it is made
    with the index: a corpus never indexed has nothing to come back to). False when
    nothing was written."""
    folder = Path(data)
    fields: dict[str, object] = {"article": session.article, "sort": session.sort}
    if session.skipped is not None:
        fields["skipped"] = session.skipped
    if session.at > 0:
        fields["at"] = session.at
    if session.reading:
        fields["reading"] = True
    text = json.dumps(fields)
    wanted = text.encode("utf-8")
    try:
        if not folder.is_dir():
            return False
        path = folder / NAME
        # Compared as bytes, and only when the sizes agree: a damaged file (not UTF-8,
        # or large) is written over, never decoded or read whole.
        if path.is_file() and path.stat().st_size == len(wanted) and path.read_bytes() == wanted:
            return True
        write_private(path, text)
    except OSError:
        return False
    return True


def resume_head(head: Head | None, session: Session) -> tuple[Head | None, str | None]:
    """The first rows to show at start and the article to open first: the session's
    when it is among them. No rows when they are kept in another order than the one
    the user left the list in (the folder is read and sorted that way instead)."""
    if head is None or not head.rows:
        return None, None
    if usable_column(session.sort or head.column, head.filled) != head.column:
        return None, None
    if session.article is not None and any(row.id == session.article for row in head.rows):
        return head, session.article
    return head, head.rows[0].id
