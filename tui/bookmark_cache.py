"""Every bookmark of a store, kept in memory and read again only where it changed.

The bookmarks screen lists every bookmark and filters them as the user types, so it wants
them all at hand; reading 10,000 from SQLite takes over 100 ms. :class:`BookmarkCache`
reads them once, then asks the store only for what was written since
(:meth:`tui.bookmarks.BookmarkStore.changes`: a revision number every write raises, from
this process or another), which costs a millisecond or two when nothing changed.

The list is kept newest first (the screen's default order). It is a new list object
whenever anything changed, and the same one otherwise, so a reader can tell at a glance.
Thread safe: refreshes run one at a time.
"""

from __future__ import annotations

import threading

from tui.bookmarks import Bookmark, BookmarkStore, sort_bookmarks

#: Changes up to this many are merged into the sorted list; more, and it is sorted again.
MERGE_AT_MOST = 200


class BookmarkCache:
    """The bookmarks of ``store``, newest first, as last read."""

    def __init__(self, store: BookmarkStore) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._version: tuple[str, int] | None = None
        self._by_id: dict[str, Bookmark] = {}
        self._newest: list[Bookmark] | None = None

    @property
    def newest_first(self) -> list[Bookmark] | None:
        """Every bookmark as last read, newest first; ``None`` before the first read."""
        return self._newest

    def refresh(self) -> list[Bookmark]:
        """Read what changed since the last read; every bookmark, newest first.

        Returns the same list object as before when nothing changed.
        """
        with self._lock:
            since = self._version if self._newest is not None else None
            found = self.store.changes(since, self._by_id.keys())
            if found.complete:
                by_id = {b.id: b for b in found.changed}
                newest = sort_bookmarks(by_id.values(), "date")
            elif not found.changed and found.ids is None:
                self._version = found.version
                assert self._newest is not None
                return self._newest
            else:
                by_id = dict(self._by_id)
                gone = set() if found.ids is None else by_id.keys() - found.ids
                for bookmark_id in gone:
                    del by_id[bookmark_id]
                by_id.update((b.id, b) for b in found.changed)
                newest = self._merged(gone, found.changed, by_id)
            self._version, self._by_id, self._newest = found.version, by_id, newest
            return newest

    def _merged(
        self, gone: set[str], changed: list[Bookmark], by_id: dict[str, Bookmark]
    ) -> list[Bookmark]:
        """The last list without what is ``gone`` or ``changed``, with ``changed`` in place."""
        if len(gone) + len(changed) > MERGE_AT_MOST or self._newest is None:
            return sort_bookmarks(by_id.values(), "date")
        merged = list(self._newest)
        for old in [self._by_id[i] for i in gone | {b.id for b in changed} if i in self._by_id]:
            at = _position(merged, old)
            if at == len(merged) or merged[at].id != old.id:  # never, unless the order broke
                return sort_bookmarks(by_id.values(), "date")
            del merged[at]
        for new in changed:
            merged.insert(_position(merged, new), new)
        return merged


def _position(bookmarks: list[Bookmark], b: Bookmark) -> int:
    """Where ``b`` is or would go in ``bookmarks``, ordered as by
    :func:`tui.bookmarks.sort_bookmarks` (``date``: newest first, unique by id)."""
    key = (b.created, b.id)
    lo, hi = 0, len(bookmarks)
    while lo < hi:
        mid = (lo + hi) // 2
        other = bookmarks[mid]
        if (other.created, other.id) > key:
            lo = mid + 1
        else:
            hi = mid
    return lo
