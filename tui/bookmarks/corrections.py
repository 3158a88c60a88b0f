"""The user's corrections of an article's title, date, source and byline.

Dossier reads these from the article (the headline, a date line, the outlet, a
byline) and is sometimes wrong; the user corrects them in the app (``M``) or
with ``dossier correct``. A correction never edits the user's file: it is kept
beside the bookmarks, in the same SQLite file (table ``corrections``, schema v4),
by article id, so it survives re-indexing and a rename of the file. It is applied
wherever the article is shown or indexed: the list, the reader, search fields,
``dossier show``. A field left out (``None``) is as the file says; clearing a
corrected field brings the file's value back.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from tui.bookmarks.model import now

#: The fields a correction may set, in the order the app and the CLI show them.
FIELDS = ("title", "date", "source", "byline")

_Obj = TypeVar("_Obj")


class CorrectionError(ValueError):
    """A correction that cannot be kept (an empty title, a date that is not one)."""


@dataclass(frozen=True)
class Correction:
    """What the user set for one article; ``None`` fields are as the file says."""

    article_id: str
    title: str | None = None
    date: str | None = None  # ISO "YYYY-MM-DD"
    source: str | None = None
    byline: str | None = None
    updated: str = ""

    def values(self) -> dict[str, str]:
        """The corrected fields and their values."""
        return {f: v for f in FIELDS if (v := getattr(self, f)) is not None}

    @property
    def stamp(self) -> str:
        """A short hash of the values: the index notes it to know when to re-index."""
        if not self.values():
            return ""
        text = json.dumps(self.values(), sort_keys=True, ensure_ascii=False)
        return hashlib.blake2b(text.encode(), digest_size=6).hexdigest()

    def apply(self, obj: _Obj) -> _Obj:
        """``obj`` (an Article, an ArticleSummary: a dataclass) with the corrected fields."""
        values = self.values()
        return replace(obj, **values) if values else obj  # type: ignore[type-var]


def clean_value(field: str, value: str | None) -> str | None:
    """A value as it is kept: whitespace collapsed; ``None`` (or blank) clears the field.

    Raises :class:`CorrectionError` for an unknown field or a date that is not one.
    """
    if field not in FIELDS:
        raise CorrectionError(f"cannot correct {field!r} (fields: {', '.join(FIELDS)})")
    if value is None:
        return None
    text = " ".join(str(value).split())
    if not text:
        return None
    if field == "date":
        from tui.formats.record import iso_date

        iso = iso_date(text)
        if iso is None:
            raise CorrectionError(f"{text!r} is not a date: write it as 2019-11-20")
        return iso
    return text[:500]


class Corrections:
    """The corrections table of a bookmarks store (see :class:`~tui.bookmarks.BookmarkStore`)."""

    def __init__(self, store: Any) -> None:
        self._store = store

    def all(self) -> dict[str, Correction]:
        """Every correction, by article id."""
        with self._store.file.reading() as conn:
            if conn is None:
                return {}
            rows = conn.execute(
                "SELECT article_id, title, date, source, byline, updated FROM corrections"
            ).fetchall()
        return {row[0]: Correction(*row) for row in rows}

    def get(self, article_id: str) -> Correction | None:
        row = self._store.read_one(
            "SELECT article_id, title, date, source, byline, updated FROM corrections "
            "WHERE article_id = ?",
            (article_id,),
        )
        return Correction(*row) if row else None

    def set(self, article_id: str, **fields: str | None) -> Correction | None:
        """Set (a value) or clear (``None`` or blank) some fields; the others stay.

        Returns the article's correction now (``None`` when nothing is corrected).
        """
        cleaned = {f: clean_value(f, v) for f, v in fields.items()}
        with self._store.file.writing() as conn:
            row = conn.execute(
                "SELECT title, date, source, byline FROM corrections WHERE article_id = ?",
                (article_id,),
            ).fetchone()
            current = dict(zip(FIELDS, row, strict=True)) if row else dict.fromkeys(FIELDS)
            current.update(cleaned)
            if all(v is None for v in current.values()):
                conn.execute("DELETE FROM corrections WHERE article_id = ?", (article_id,))
                return None
            stamp = now()
            conn.execute(
                "INSERT OR REPLACE INTO corrections "
                "(article_id, title, date, source, byline, updated) VALUES (?, ?, ?, ?, ?, ?)",
                (article_id, *(current[f] for f in FIELDS), stamp),
            )
        return Correction(
            article_id,
            title=current["title"],
            date=current["date"],
            source=current["source"],
            byline=current["byline"],
            updated=stamp,
        )

    def clear(self, article_id: str) -> None:
        """Forget every correction of one article."""
        with self._store.file.writing() as conn:
            conn.execute("DELETE FROM corrections WHERE article_id = ?", (article_id,))
