"""The index of one corpus: :class:`SearchIndex`, opened, written, searched.

:class:`SearchIndex` holds the Whoosh index of one folder and a cached searcher
behind one lock, so one writer and many searches may share it across threads.
Opening checks the schema version and the files (:mod:`tui.index.folder`) and
makes a new, empty index when the old one is from another version, damaged or
unreadable. A write deletes, then adds, in one commit under Whoosh's write lock,
and checks the document count after; the documents are built into segments
here or in worker processes (:mod:`tui.index.build`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from whoosh.index import LockError
from whoosh.query import Term

from tui.index.build import add_with_writer, build_segment, build_segments, prepared
from tui.index.collector import Stoppable
from tui.index.errors import IndexBusy, IndexCorrupt, IndexNotBuilt
from tui.index.facets import IndexCounts
from tui.index.folder import IndexFolder
from tui.index.query import corpus_languages, parse_query, within_budget
from tui.index.schema import (
    ENTITY_FIELDS,
    SCHEMA_VERSION,
    RawHit,
    entity_term,
    from_stored,
)
from tui.index.segment import (
    Target,
    add_missing_sidecars,
    commit_segments,
    commit_toc,
    create_index,
    deleted_numbers,
    folder_lock,
    leaf_segments,
    live_documents,
    native_writes,
    open_index,
    remove_orphans,
    segment_health,
)
from tui.index.sidecar import Loaded, Sidecar
from tui.index.spans import body_spans, entity_spans, expanded_terms, merged, term_text
from tui.lazy import lazy_module

if TYPE_CHECKING:
    import numpy as np
else:
    np = lazy_module("numpy")  # only the passage and entity lookups use it

LOCK_TIMEOUT = 30.0

Synonyms = dict[str, dict[str, list[str]]]


class SearchIndex:
    """A Whoosh index in one folder. Thread-safe for one writer and many searches."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.folder = IndexFolder(self.path)
        self._ix: Any = None
        self._searcher: Any = None
        self._searcher_toc: tuple[int, int, int] | None = None
        self._sidecars: dict[str, Sidecar] = {}
        self._lock = threading.RLock()
        #: Counts over matches: facets, days, ids (:class:`~tui.index.facets.IndexCounts`).
        self.counts = IndexCounts(self)
        self._languages: tuple[Any, tuple[str, ...]] | None = None

    # -- opening ------------------------------------------------------------

    def exists(self) -> bool:
        """Whether the folder holds an index (readable or not)."""
        return self.folder.exists()

    def meta_path(self) -> Path:
        return self.folder.meta_path()

    def read_meta(self) -> dict[str, Any]:
        return self.folder.read_meta()

    def write_meta(self, meta: dict[str, Any]) -> None:
        """Save ``meta`` with a record of the index's files (see :class:`IndexFolder`)."""
        self.folder.write_meta(meta)

    def mark_damaged(self, why: str) -> None:
        """Note in the metadata that the index failed a read: the next open rebuilds it."""
        self.folder.mark_damaged(why)

    def open(self) -> str | None:
        """Open the index if there is one; why it must be built anew, or None.

        No index is created or deleted here: a missing index is None (the next
        :meth:`write` builds it), an index from an older version of Dossier, one
        whose files were changed behind its back, or one that failed a read gives
        the reason, and the next ``write(fresh=True)`` replaces it. Until then
        searches read what is there, or say that it needs building.
        """
        with self._lock:
            self._close_searcher()
            self._ix = None
            if not self.exists():
                self.folder.prepare()  # made (0700) and checked now, written at the build
                return None
            try:
                ix = open_index(self.path)
                ix.doc_count()
                meta = self.read_meta()
                if meta.get("schema") != SCHEMA_VERSION:
                    return "the index is from an older version of Dossier"
                reason = self.folder.damage(ix, meta)
            except Exception as exc:  # noqa: BLE001 - any failure means unreadable
                return f"the index was unreadable ({type(exc).__name__})"
            if reason is None:
                self._ix = ix
            return reason

    @property
    def ix(self) -> Any:
        """The Whoosh index, opened as it is; :class:`IndexNotBuilt` when there is none,
        or when the one there must be built anew (a read never replaces it)."""
        if self._ix is None:
            if not self.exists():
                raise IndexNotBuilt("the index is not built yet: run `dossier index`")
            meta = self.read_meta()
            if meta.get("schema") != SCHEMA_VERSION or meta.get("damaged"):
                raise IndexNotBuilt("the index needs to be built again: run `dossier index`")
            self._ix = open_index(self.path)
        return self._ix

    def open_checked(self) -> None:
        """Open the index as it is, without reading the metadata (a large file): for a
        caller that knows these are the files an update checked (tui.library.derived)."""
        with self._lock:
            if self._ix is None:
                self._ix = open_index(self.path)

    def generation(self) -> int:
        """Changes with every commit (by this or another process)."""
        return int(self.ix.latest_generation())

    def doc_count(self) -> int:
        return int(self.ix.doc_count())

    # -- writing ------------------------------------------------------------

    def write(
        self,
        *,
        delete: Iterable[str] = (),
        prepare: Callable[[Any], dict[str, Any] | str],
        items: Sequence[Any],
        workers: int = 1,
        progress: Callable[[int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
        lock_timeout: float = LOCK_TIMEOUT,
        fresh: bool = False,
    ) -> tuple[list[dict[str, Any]], list[str]]:
        """Delete documents by id, then prepare and add ``items``; one commit.

        With ``fresh`` (or when there is no index yet) the index becomes ``items``
        alone: they are built beside the index there, which searches keep reading
        until one commit puts the new one in its place; a build that fails leaves
        the old index (or none) and no files of its own.

        ``prepare(item)`` returns a document dict or a one-line error string.
        Returns the added documents (without bodies) and the errors. Raises
        :class:`IndexBusy` when another process keeps the lock past
        ``lock_timeout`` seconds, and ``InterruptedError`` when cancelled.
        """
        with self._lock:
            if fresh or not self.exists():
                return self._write_fresh(
                    prepare, list(items), workers, progress, cancelled, lock_timeout
                )
            try:
                writer = self.ix.writer(timeout=lock_timeout, delay=0.25)
            except LockError:
                raise IndexBusy("another Dossier is updating this index") from None
            try:
                deleted = set(delete)
                for doc_id in deleted:
                    writer.delete_by_term("id", doc_id)
                items = list(items)
                errors: list[str] = []
                if native_writes():
                    segments, docs = build_segments(
                        self.path, prepare, items, workers, progress, cancelled, errors
                    )
                    expected = self.ix.doc_count() - self._deleted_live(deleted)
                    commit_segments(writer, segments)
                else:
                    # Not the Whoosh release the segment writer knows: Whoosh writes.
                    expected = self.ix.doc_count() - self._deleted_live(deleted)
                    docs = add_with_writer(
                        writer, prepared(prepare, items, progress, cancelled, errors)
                    )
                    writer.commit()
            except BaseException:
                writer.cancel()
                self._clean_up(lock_timeout=1.0)
                raise
            result = self._reopened(expected, docs, errors)
            if native_writes():
                self._merge_deleted(lock_timeout)
            self._add_sidecars()
            return result

    def _write_fresh(
        self,
        prepare: Callable[[Any], dict[str, Any] | str],
        items: list[Any],
        workers: int,
        progress: Callable[[int], None] | None,
        cancelled: Callable[[], bool] | None,
        lock_timeout: float,
    ) -> tuple[list[dict[str, Any]], list[str]]:
        self.folder.prepare()
        if not native_writes():
            return self._write_fresh_with_whoosh(prepare, items, progress, cancelled, lock_timeout)
        errors: list[str] = []
        with self.folder.locked(lock_timeout):
            try:
                segments, docs = build_segments(
                    self.path, prepare, items, workers, progress, cancelled, errors
                )
                commit_toc(self.path, segments)
            except BaseException:
                remove_orphans(self.path)
                raise
        return self._reopened(0, docs, errors)

    def _write_fresh_with_whoosh(
        self,
        prepare: Callable[[Any], dict[str, Any] | str],
        items: list[Any],
        progress: Callable[[int], None] | None,
        cancelled: Callable[[], bool] | None,
        lock_timeout: float,
    ) -> tuple[list[dict[str, Any]], list[str]]:
        """A fresh index through Whoosh's own writer (another Whoosh release): the old
        index goes first, and a build that fails leaves no index."""
        self._close_searcher()
        self._ix = None
        with self.folder.emptied(lock_timeout):
            create_index(self.path)
        try:
            writer = open_index(self.path).writer(timeout=lock_timeout, delay=0.25)
        except LockError:
            raise IndexBusy("another Dossier is updating this index") from None
        errors: list[str] = []
        try:
            docs = add_with_writer(writer, prepared(prepare, items, progress, cancelled, errors))
            writer.commit()
        except BaseException:
            writer.cancel()
            with self.folder.emptied(lock_timeout):
                pass
            raise
        result = self._reopened(0, docs, errors)
        self._add_sidecars()
        return result

    def _clean_up(self, lock_timeout: float) -> None:
        """After a failed write: the files of segments no table of contents lists."""
        try:
            with self.folder.locked(lock_timeout):
                remove_orphans(self.path)
        except (IndexBusy, OSError):
            pass

    def _merge_deleted(self, lock_timeout: float) -> None:
        """Write again, without their deleted documents, the segments where they are
        many (a third or more of the segment, or of the index), so that an index
        updated again and again stays the size of one built anew.

        The documents come from the index itself (stored fields, entity postings):
        no file is read and no entity recognised again. Skipped when another writer
        holds the lock or anything fails: the index is whole without it.
        """
        try:
            health = segment_health(self.ix)
            total = sum(n for _, n, _ in health)
            deleted = sum(d for _, _, d in health)
            if not deleted:
                return
            crowded = [seg for seg, n, d in health if d and d * 3 >= n]
            if deleted * 4 >= total:
                crowded = [seg for seg, _, d in health if d]
            if not crowded:
                return
            with self.folder.locked(min(lock_timeout, 1.0)):
                ix = open_index(self.path)
                if ix.latest_generation() != self.ix.latest_generation():
                    return  # another writer committed in between
                expected = ix.doc_count()
                ids = {seg.segment_id() for seg in crowded}
                keep = [seg for seg in ix._segments() if seg.segment_id() not in ids]
                merged = []
                try:
                    for seg in [s for s in ix._segments() if s.segment_id() in ids]:
                        docs = live_documents(ix, seg)
                        built, _ = build_segment(Target(self.path), docs)
                        if built is not None:
                            merged.append(built)
                    commit_toc(self.path, keep + merged)
                except BaseException:
                    remove_orphans(self.path)
                    raise
            self._reopened(expected, [], [])
        except (IndexBusy, OSError, IndexCorrupt):
            return

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

    def _reopened(
        self, expected: int, docs: list[dict[str, Any]], errors: list[str]
    ) -> tuple[list[dict[str, Any]], list[str]]:
        """Open the index just committed and check that it holds what it should."""
        self._close_searcher()
        self._ix = open_index(self.path)
        actual = self._ix.doc_count()
        if actual != expected + len(docs):
            raise IndexCorrupt(
                f"the index holds {actual} documents, expected {expected + len(docs)}"
            )
        return docs, errors

    def _deleted_live(self, ids: set[str]) -> int:
        # How many live documents the deletions removed (for the count check).
        if not ids:
            return 0
        with self.ix.searcher() as s:
            return sum(1 for i in ids if s.document_number(id=i) is not None)

    # -- the searcher -------------------------------------------------------

    def _close_searcher(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None

    def changed_on_disk(self, since: tuple[int, int, int] | None = None) -> bool:
        """Whether the index on disk is not the one open here, or not the one there at
        ``since`` (a :meth:`toc_identity`): another copy rebuilt or replaced it, or is
        doing so now."""
        with self._lock:
            now = self.toc_identity()
            if now is None or now != since:
                return True
            return self._searcher is not None and now != self._searcher_toc

    def toc_identity(self) -> tuple[int, int, int] | None:
        """(generation, inode, modification time) of the newest table of contents."""
        try:
            return self.folder.toc_identity(int(self.ix.latest_generation()))
        except Exception:  # noqa: BLE001 - no index there (now)
            return None

    def searcher(self) -> Any:
        with self._lock:
            if self._searcher is None:
                self._searcher_toc = self.toc_identity()
                self._searcher = self.ix.searcher()
            else:
                toc = self.toc_identity()
                try:
                    refreshed = self._searcher.refresh()
                except TypeError:
                    # Whoosh cannot refresh a searcher of an index with no
                    # segments (an empty corpus): open a new one.
                    self._close_searcher()
                    refreshed = self.ix.searcher()
                if refreshed is not self._searcher:
                    self._searcher_toc = toc
                self._searcher = refreshed
            return self._searcher

    def close(self) -> None:
        with self._lock:
            self._close_searcher()
            self._ix = None
            self.counts.forget()
            self._languages = None

    # -- reading ------------------------------------------------------------

    def parse(self, text: str, synonyms: Synonyms | None = None) -> Any:
        """Parse a query; ``synonyms`` maps field -> term -> other terms it also matches."""
        return parse_query(self.ix.schema, text, synonyms, self.languages())

    def languages(self) -> tuple[str, ...]:
        """The languages of the corpus's articles (their two-letter codes)."""
        with self._lock:
            # The searcher open now, even if a commit since would refresh it: a language
            # new to the corpus is one query late, and a search opens no searcher twice.
            s = self._searcher if self._searcher is not None else self.searcher()
            if self._languages is None or self._languages[0] is not s:
                self._languages = (s, corpus_languages(s.reader()))
            return self._languages[1]

    def search(
        self,
        text: str,
        limit: int | None = 50,
        synonyms: Synonyms | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> tuple[list[RawHit], int]:
        """The hits of a query (at most ``limit``) and how many articles match.

        :class:`QuerySyntaxError` for a query that cannot be used or would cost too
        much; :class:`SearchCancelled` once ``cancelled()`` is true, or when the
        search runs past :data:`SEARCH_TIME_LIMIT`.
        """
        query = self.parse(text, synonyms)
        with self._lock:
            s = self.searcher()
            query = within_budget(query, s.reader())
            # Scoring every match costs less than Whoosh's block skipping plus
            # the second pass that counting the total would need (measured on
            # the BBC corpus); and optimize=False miscounts with terms=True.
            collector = Stoppable(s.collector(limit=None, terms=True), cancelled)
            s.search_with_collector(query, collector)
            results = collector.results()
            total = len(results)
            top = results[:limit] if limit else results[:]
            wanted = {hit.docnum: {t for f, t in hit.matched_terms() if f == "body"} for hit in top}
            spans = body_spans(s, wanted, query)
            out = []
            for hit in top:
                stored = hit.fields()
                matches = spans.get(hit.docnum, ())
                named = {(f, term_text(t)) for f, t in hit.matched_terms() if f in ENTITY_FIELDS}
                if named:  # person:/place:/org: match names, not words: mark those
                    matches = merged([*matches, *entity_spans(stored, named)])
                out.append(RawHit(doc=from_stored(stored), score=float(hit.score), matches=matches))
            return out, total

    def match_spans(
        self,
        text: str,
        doc_id: str,
        synonyms: Synonyms | None = None,
    ) -> tuple[tuple[int, int], ...]:
        """Spans of the query's body terms in one document."""
        query = self.parse(text, synonyms)
        with self._lock:
            s = self.searcher()
            docnum = s.document_number(id=doc_id)
            if docnum is None:
                return ()
            query = within_budget(query, s.reader())
            terms = {t for f, t in query.iter_all_terms() if f == "body"}
            terms |= expanded_terms(s, query, docnum)
            spans = body_spans(s, {docnum: terms}, query).get(docnum, ())
            named = {(f, term_text(t)) for f, t in query.iter_all_terms() if f in ENTITY_FIELDS}
            if named:
                spans = merged([*spans, *entity_spans(s.stored_fields(docnum), named)])
            return spans

    def reads_cleanly(self, text: str, synonyms: Synonyms | None = None) -> bool:
        """Whether every index file the query ``text`` reads can be read (see
        :meth:`IndexFolder.reads_cleanly`): asked after a query failed inside Whoosh."""
        with self._lock:
            return self.folder.reads_cleanly(text, synonyms)

    def stored_entities(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """(doc id, the stored entity summary) for every document."""
        with self._lock:
            s = self.searcher()
            for stored in s.all_stored_fields():
                yield stored["id"], stored.get("entities") or {}

    def facets(self, field: str) -> list[tuple[str, int, int]]:
        """(term, number of documents, number of mentions) for an entity field."""
        with self._lock:
            reader = self.searcher().reader()
            out = []
            for term, info in reader.iter_field(field):
                text = term.decode("utf-8") if isinstance(term, bytes) else term
                out.append((text, info.doc_frequency(), int(info.weight())))
            return out

    def terms(self, field: str) -> list[str]:
        """Every term of a field, without counts (much cheaper than :meth:`facets`)."""
        with self._lock:
            reader = self.searcher().reader()
            return [t.decode("utf-8") if isinstance(t, bytes) else t for t in reader.lexicon(field)]

    def ids_with_entity(self, field: str, canonical: str) -> list[str]:
        with self._lock:
            s = self.searcher()
            return [
                s.stored_fields(n)["id"]
                for n in s.docs_for_query(Term(field, entity_term(canonical)))
            ]

    # -- beside the segments: passages and entity rows (tui.index.sidecar) -------

    def sidecars(self) -> list[Loaded]:
        """The sidecar of every segment the current searcher reads (those with
        readable files), with their document offsets and deletions."""
        with self._lock:
            s = self.searcher()
            out = []
            current = set()
            for segid, offset, reader, paths in leaf_segments(s, self.path):
                current.add(segid)
                side = self._sidecars.get(segid)
                if side is None:
                    try:
                        side = self._sidecars[segid] = Sidecar.open((paths[0], paths[1]))
                    except (OSError, ValueError, KeyError):
                        continue  # not written yet (a merge just committed), or damaged
                deleted = None
                if reader.has_deletions():
                    deleted = np.zeros(reader.doc_count_all(), dtype=bool)
                    deleted[list(deleted_numbers(reader))] = True
                out.append(Loaded(offset, side, deleted))
            for segid in set(self._sidecars) - current:
                del self._sidecars[segid]
            return out

    def stored_by_number(self, docnums: Iterable[int]) -> dict[int, dict[str, Any]]:
        """The stored documents (with bodies) of the current searcher's document numbers."""
        with self._lock:
            s = self.searcher()
            return {n: from_stored(s.stored_fields(n)) for n in docnums}

    def number_of(self, doc_id: str) -> int | None:
        """The current searcher's document number of an id."""
        with self._lock:
            n = self.searcher().document_number(id=doc_id)
            return None if n is None else int(n)
