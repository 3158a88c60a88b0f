"""What the user searched for: the history of queries, and searches saved by name.

Both live beside the bookmarks, in the same SQLite file (schema v5), so they are
per corpus, survive crashes and are shared by two copies of the app:

* :class:`SearchHistory`: every query the user ran, oldest first; running one
  again moves it to the end; the oldest beyond :data:`HISTORY_LIMIT` go.
* :class:`SavedSearches`: a query with a name (names are unique, whatever their
  case). Each remembers the ids of the articles it matched when it was last
  opened (``seen``), so that the articles an update of the index brought in
  since can be counted as new.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from tui.bookmarks.model import now

#: Queries the history keeps.
HISTORY_LIMIT = 500
#: The longest name a saved search may have.
MAX_NAME = 80


class SavedSearchError(ValueError):
    """A name or query that cannot be saved, or no saved search of that name; one line."""


@dataclass(frozen=True)
class SavedSearch:
    name: str
    query: str
    created: str
    opened: str  # when its results were last looked at (ISO 8601, UTC)
    seen_count: int = 0


def clean_name(name: str) -> str:
    """A saved search's name as kept: one line, whitespace collapsed, not blank."""
    text = " ".join("".join(c if c.isprintable() else " " for c in str(name)).split())
    if not text:
        raise SavedSearchError("a saved search needs a name")
    if len(text) > MAX_NAME:
        raise SavedSearchError(f"a saved search's name has at most {MAX_NAME} characters")
    return text


def _pack(ids: Iterable[str]) -> tuple[bytes, int]:
    unique = sorted(set(ids))
    return zlib.compress("\n".join(unique).encode("utf-8", "surrogateescape")), len(unique)


def _unpack(blob: bytes) -> frozenset[str]:
    if not blob:
        return frozenset()
    text = zlib.decompress(blob).decode("utf-8", "surrogateescape")
    return frozenset(text.split("\n")) if text else frozenset()


class SearchHistory:
    """The queries of one corpus's search box, oldest first."""

    def __init__(self, store: Any) -> None:
        self._store = store

    def add(self, query: str) -> None:
        """Note ``query`` as the newest (moving it there if it was used before)."""
        text = query.strip()
        if not text:
            return
        with self._store.file.writing() as conn:
            conn.execute("DELETE FROM search_history WHERE query = ?", (text,))
            conn.execute("INSERT INTO search_history (query, used) VALUES (?, ?)", (text, now()))
            conn.execute(
                "DELETE FROM search_history WHERE seq <= "
                "(SELECT seq FROM search_history ORDER BY seq DESC LIMIT 1 OFFSET ?)",
                (HISTORY_LIMIT,),
            )

    def queries(self, limit: int = HISTORY_LIMIT) -> list[str]:
        """The queries, oldest first (the last ``limit``)."""
        with self._store.file.reading() as conn:
            if conn is None:
                return []
            rows = conn.execute(
                "SELECT query FROM search_history ORDER BY seq DESC LIMIT ?", (limit,)
            ).fetchall()
        return [row[0] for row in reversed(rows)]

    def clear(self) -> None:
        with self._store.file.writing() as conn:
            conn.execute("DELETE FROM search_history")


class SavedSearches:
    """The saved searches of one corpus, by name."""

    def __init__(self, store: Any) -> None:
        self._store = store
        # name -> (the stored blob, its ids): a saved search's count is asked for
        # again and again (the list, the palette), its seen ids seldom change.
        self._seen: dict[str, tuple[bytes, frozenset[str]]] = {}

    def all(self) -> list[SavedSearch]:
        """Every saved search, by name."""
        with self._store.file.reading() as conn:
            if conn is None:
                return []
            rows = conn.execute(
                "SELECT name, query, created, opened, seen_count FROM saved_searches "
                "ORDER BY name COLLATE NOCASE"
            ).fetchall()
        return [SavedSearch(*row) for row in rows]

    def get(self, name: str) -> SavedSearch | None:
        row = self._store.read_one(
            "SELECT name, query, created, opened, seen_count FROM saved_searches WHERE name = ?",
            (name.strip(),),
        )
        return SavedSearch(*row) if row else None

    def seen(self, name: str) -> frozenset[str]:
        """The ids of the articles the search matched when it was last opened."""
        name = name.strip()
        with self._store.file.reading() as conn:
            if conn is None:
                return frozenset()
            row = conn.execute("SELECT seen FROM saved_searches WHERE name = ?", (name,)).fetchone()
        blob = bytes(row[0]) if row and row[0] else b""
        cached = self._seen.get(name)
        if cached is not None and cached[0] == blob:
            return cached[1]
        ids = _unpack(blob)
        if len(self._seen) >= 64:
            self._seen.clear()
        self._seen[name] = (blob, ids)
        return ids

    def save(self, name: str, query: str, ids: Iterable[str]) -> tuple[SavedSearch, bool]:
        """Save ``query`` as ``name`` (replacing a search of that name), its matches
        ``ids`` counted as seen. Returns the search and whether it replaced one."""
        name = clean_name(name)
        text = query.strip()
        if not text:
            raise SavedSearchError("nothing to save: the query is empty")
        blob, count = _pack(ids)
        stamp = now()
        with self._store.file.writing() as conn:
            old = conn.execute(
                "SELECT name, created FROM saved_searches WHERE name = ?", (name,)
            ).fetchone()
            if old:
                conn.execute("DELETE FROM saved_searches WHERE name = ?", (name,))
            conn.execute(
                "INSERT INTO saved_searches (name, query, created, opened, seen, seen_count) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (name, text, stamp, stamp, blob, count),
            )
        return SavedSearch(name, text, stamp, stamp, count), old is not None

    def opened(self, name: str, ids: Iterable[str]) -> SavedSearch:
        """Note that the search's results were looked at: ``ids`` are seen now."""
        blob, count = _pack(ids)
        stamp = now()
        with self._store.file.writing() as conn:
            done = conn.execute(
                "UPDATE saved_searches SET opened = ?, seen = ?, seen_count = ? WHERE name = ?",
                (stamp, blob, count, name.strip()),
            )
            if not done.rowcount:
                raise SavedSearchError(f"no saved search named {name.strip()!r}")
        found = self.get(name)
        assert found is not None
        return found

    def remove(self, name: str) -> bool:
        """Delete a saved search; whether there was one."""
        with self._store.file.writing() as conn:
            done = conn.execute("DELETE FROM saved_searches WHERE name = ?", (name.strip(),))
            return bool(done.rowcount)

    def rename(self, old: str, new: str) -> SavedSearch:
        new = clean_name(new)
        with self._store.file.writing() as conn:
            clash = conn.execute(
                "SELECT name FROM saved_searches WHERE name = ?", (new,)
            ).fetchone()
            if clash and clash[0].lower() != old.strip().lower():
                raise SavedSearchError(f"a saved search is already named {clash[0]!r}")
            done = conn.execute(
                "UPDATE saved_searches SET name = ? WHERE name = ?", (new, old.strip())
            )
            if not done.rowcount:
                raise SavedSearchError(f"no saved search named {old.strip()!r}")
        found = self.get(new)
        assert found is not None
        return found
