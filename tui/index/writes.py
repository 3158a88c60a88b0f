"""The write side of a :class:`~tui.index.SearchIndex`: one batch, one commit.

A batch deletes documents by id and adds prepared ones. Into an index that is
there, the new segments are committed under Whoosh's write lock with the deleted
documents marked; a fresh index (or the first) is built beside the old one, which
searches keep reading until one table of contents puts the new one in its place.
After a commit the document count is checked, segments crowded with deleted
documents are written again without them, small segments are merged by tiers
(:mod:`tui.index.merging`), and segments Whoosh's own writer made get their
sidecar files. On a Whoosh release the segment writer does not know,
Whoosh's public writer adds the documents instead (:func:`native_writes`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tui.index import whoosh_imports  # noqa: F401 - first: Whoosh without two modules it never uses

# isort: split
from whoosh.index import LockError

from tui.index import aside
from tui.index.aside import MergeAside
from tui.index.build import (
    Batch,
    add_with_writer,
    build_segments,
    prepared_batch,
)
from tui.index.copying import merged_segment
from tui.index.enriching import mark_plain, plain_ids
from tui.index.errors import IndexBusy, IndexCorrupt
from tui.index.folder import create_index, open_index
from tui.index.merging import Health, merge_plan
from tui.index.segment import (
    commit_segments,
    commit_toc,
    native_writes,
    remove_orphans,
    segments,
)
from tui.index.segment_files import add_missing_sidecars
from tui.index.storage import PrivateStorage, folder_lock

if TYPE_CHECKING:
    from tui.index.store import SearchIndex

Written = tuple[list[dict[str, Any]], list[str]]
#: Merges one update may make, one after another (a merge can fill the next tier).
MERGE_ROUNDS = 3


class IndexWrites:
    """Writes to the index of a :class:`SearchIndex`; the caller holds its write lock
    (``_writing``), not the one searches take: they read the last commit meanwhile."""

    def __init__(self, index: SearchIndex) -> None:
        self.index = index
        self.path = index.path
        self.folder = index.folder

    def update(
        self, batch: Batch, delete: set[str], lock_timeout: float, ix: Any, plain: bool = False
    ) -> Written:
        """Delete ``delete`` (ids) from the index ``ix`` there and add the batch, in one
        commit; with ``plain``, the segments it adds are marked plain
        (:mod:`tui.index.enriching`).

        A tier of small segments this update fills is merged meanwhile in a forked
        process (:mod:`tui.index.aside`) and committed with it, where that can be."""
        try:
            writer = ix.writer(timeout=lock_timeout, delay=0.25)
        except LockError:
            raise IndexBusy("another Dossier is updating this index") from None
        merging: MergeAside | None = None
        try:
            for doc_id in delete:
                writer.delete_by_term("id", doc_id)
            if native_writes():
                merging = self._merge_aside(writer, len(batch.items))
            errors: list[str] = []
            if native_writes():
                segments, docs = build_segments(self.path, batch, errors)
                if plain:
                    mark_plain(self.path, segments)
                expected = ix.doc_count() - self._deleted_live(delete)
                dropped: list[str] = []
                if merging is not None:
                    merged = merging.result()
                    now = writer_deletions(writer)
                    if merged is not None and all(
                        now.get(i) == n for i, n in merging.deleted.items()
                    ):
                        segments.append(merged)
                        dropped = merging.group
                    merging = None
                commit_segments(writer, segments, dropped)
            else:
                # Not the Whoosh release the segment writer knows: Whoosh writes.
                expected = ix.doc_count() - self._deleted_live(delete)
                docs = add_with_writer(writer, prepared_batch(batch, errors))
                writer.commit()
        except BaseException:
            if merging is not None:
                merging.cancel()
            writer.cancel()
            self._clean_up(lock_timeout=1.0)
            raise
        result = self.index.reopened(expected, docs, errors)
        if native_writes():
            self.merge(lock_timeout)
        self._add_sidecars()
        return result

    def _merge_aside(self, writer: Any, new_docs: int) -> MergeAside | None:
        """Start the merge of the small segments this update fills (None: none due, or
        not here: see :mod:`tui.index.aside`), from the segments as ``writer`` holds
        them: with the documents the update deleted, which the merged copy leaves out.
        The caller holds the write lock."""
        if not aside.can_fork():
            return None
        held = {seg.segment_id(): seg for seg in writer_segments(writer)}
        plain = plain_ids(self.index.ix)
        health = [
            Health(i, seg.doc_count_all(), seg.deleted_count(), i in plain)
            for i, seg in held.items()
        ]
        group = aside.plan(health, new_docs)
        if not group:
            return None
        try:
            return MergeAside(str(self.path), [held[i] for i in group])
        except OSError:
            return None  # no process to be had: merged after the commit

    def fresh(self, batch: Batch, lock_timeout: float, plain: bool = False) -> Written:
        """An index of the batch alone, in place of the one there (if any); with
        ``plain``, its segments are marked plain (:mod:`tui.index.enriching`)."""
        self.folder.prepare()
        if not native_writes():
            return self._fresh_with_whoosh(batch, lock_timeout)
        errors: list[str] = []
        with self.folder.locked(lock_timeout):
            try:
                segments, docs = build_segments(self.path, batch, errors)
                if plain:
                    mark_plain(self.path, segments)
                commit_toc(PrivateStorage(str(self.path)), segments)
            except BaseException:
                remove_orphans(self.path)
                raise
        return self.index.reopened(0, docs, errors)

    def _fresh_with_whoosh(self, batch: Batch, lock_timeout: float) -> Written:
        """A fresh index through Whoosh's own writer (another Whoosh release): the old
        index goes first, and a build that fails leaves no index."""
        self.index.close()
        with self.folder.emptied(lock_timeout):
            create_index(self.path)
        try:
            writer = open_index(self.path).writer(timeout=lock_timeout, delay=0.25)
        except LockError:
            raise IndexBusy("another Dossier is updating this index") from None
        errors: list[str] = []
        try:
            docs = add_with_writer(writer, prepared_batch(batch, errors))
            writer.commit()
        except BaseException:
            writer.cancel()
            with self.folder.emptied(lock_timeout):
                pass
            raise
        result = self.index.reopened(0, docs, errors)
        self._add_sidecars()
        return result

    def _clean_up(self, lock_timeout: float) -> None:
        """After a failed write: the files of segments no table of contents lists."""
        try:
            with self.folder.locked(lock_timeout):
                remove_orphans(self.path)
        except (IndexBusy, OSError):
            pass

    def merge(self, lock_timeout: float) -> None:
        """Write again the segments :func:`~tui.index.merging.merge_plan` picks: those
        crowded with deleted documents, without them, and small segments merged by
        tiers, so that an index updated again and again stays the size of one built
        anew, with about as many segments.

        The merged segment is copied from the segments it replaces (their postings
        renumbered, stored fields and sidecars carried over: :mod:`tui.index.copying`):
        no file is read, no text analysed, no entity recognised again. A merge may fill the next
        tier: the plan is made again after each, a few times at most. Skipped when
        another writer holds the lock or anything fails: the index is whole without it.
        """
        for _ in range(MERGE_ROUNDS):
            if not self._merge_once(lock_timeout):
                return

    def _merge_once(self, lock_timeout: float) -> bool:
        """One round of :meth:`merge`: whether it wrote anything."""
        try:
            ix = self.index.ix
            plain = plain_ids(ix)
            health = [
                Health(i, seg.doc_count_all(), seg.deleted_count(), i in plain)
                for i, seg in ((seg.segment_id(), seg) for seg in segments(ix))
            ]
            groups = merge_plan(health)
            if not groups:
                return False
            with self.folder.locked(min(lock_timeout, 1.0)):
                ix = open_index(self.path)
                if ix.latest_generation() != self.index.ix.latest_generation():
                    return False  # another writer committed in between
                expected = ix.doc_count()
                by_id = {seg.segment_id(): seg for seg in segments(ix)}
                ids = {i for group in groups for i in group}
                keep = [seg for i, seg in by_id.items() if i not in ids]
                merged = []
                try:
                    for group in groups:
                        built = merged_segment(self.path, ix, [by_id[i] for i in group])
                        if built is not None:
                            merged.append(built)
                    commit_toc(PrivateStorage(str(self.path)), keep + merged)
                except BaseException:
                    remove_orphans(self.path)
                    raise
            self.index.reopened(expected, [], [])
        except (IndexBusy, OSError, IndexCorrupt, KeyError):
            return False
        return True

    def _add_sidecars(self) -> None:
        """Give each segment Whoosh's own writer made (a merge) its sidecar files."""
        lock = folder_lock(self.path)
        if not lock.acquire(blocking=False):
            return  # another writer has it now: its commit will do this
        try:
            add_missing_sidecars(open_index(self.path))
        except OSError:
            pass  # a read-only copy: lookups leave those segments out
        finally:
            lock.release()

    def _deleted_live(self, ids: set[str]) -> int:
        # How many live documents the deletions removed (for the count check).
        if not ids:
            return 0
        with self.index.ix.searcher() as s:
            return sum(1 for i in ids if s.document_number(id=i) is not None)


def writer_segments(writer: Any) -> list[Any]:
    """The segments a writer holds, with the deletions it made so far."""
    return list(writer.segments)


def writer_deletions(writer: Any) -> dict[str, int]:
    """``{segment id: deleted documents}`` of each segment a writer holds, with the
    deletions it made so far."""
    return {seg.segment_id(): seg.deleted_count() for seg in writer.segments}
