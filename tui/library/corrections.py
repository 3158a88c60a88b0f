"""The user's corrections of articles' metadata, as the library reads them.

They live in the bookmarks file (:mod:`tui.bookmarks.corrections`); the catalog
asks for all of them whenever it lists articles or opens one, so they are read
again only when that file (or its write-ahead log) changed.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tui.bookmarks.corrections import Correction


class CorrectionsView:
    """Every correction by article id, read again only when the bookmarks file changed."""

    def __init__(self, path: Path, store: Any) -> None:
        self.path = Path(path)
        self._store = store  # a callable giving the BookmarkStore (made on first use)
        self._lock = threading.Lock()
        self._cached: tuple[tuple[Any, ...], dict[str, Correction]] | None = None

    def _stamp(self) -> tuple[Any, ...]:
        out: list[Any] = []
        for suffix in ("", "-wal"):
            try:
                st = Path(f"{self.path}{suffix}").stat()
                out.append((st.st_mtime_ns, st.st_size, st.st_ino))
            except OSError:
                out.append(None)
        return tuple(out)

    def all(self) -> dict[str, Correction]:
        if not self.path.exists():
            return {}
        stamp = self._stamp()
        with self._lock:
            if self._cached is not None and self._cached[0] == stamp:
                return self._cached[1]
        from tui.bookmarks.model import BookmarkError

        try:
            found = self._store().corrections.all()
        except BookmarkError:
            # A damaged bookmarks file: the articles read as they are (the bookmarks
            # screen says the file cannot be read), not at all.
            return {}
        with self._lock:
            self._cached = (stamp, found)
        return found

    def forget(self) -> None:
        with self._lock:
            self._cached = None
