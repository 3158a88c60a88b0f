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
from typing import Any

from whoosh import index as whoosh_index
from whoosh.index import LockError
from whoosh.query import Term

from tui.index.build import add_with_writer, build_segments, prepared
from tui.index.collector import Stoppable
from tui.index.errors import IndexBusy, IndexCorrupt
from tui.index.folder import IndexFolder
from tui.index.query import parse_query, within_budget
from tui.index.schema import (
    ENTITY_FIELDS,
    INDEX_NAME,
    SCHEMA_VERSION,
    RawHit,
    entity_term,
    from_stored,
    make_schema,
)
from tui.index.segment import commit_segments, native_writes
from tui.index.spans import body_spans, entity_spans, expanded_terms, merged, term_text

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
        self._lock = threading.RLock()

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
        """Open (or create) the index. Returns why it was rebuilt, or None.

        Raises :class:`IndexFolderInUse` rather than create an index in a folder
        that holds anything else, and OSError when the folder cannot be written.
        """
        with self._lock:
            reason = None
            if self.exists():
                try:
                    self._ix = whoosh_index.open_dir(str(self.path), indexname=INDEX_NAME)
                    self._ix.doc_count()
                    meta = self.read_meta()
                    if meta.get("schema") != SCHEMA_VERSION:
                        reason = "the index is from an older version of Dossier"
                    else:
                        reason = self.folder.damage(self._ix, meta)
                except Exception as exc:  # noqa: BLE001 - any failure means unreadable
                    reason = f"the index was unreadable ({type(exc).__name__})"
                if reason is None:
                    return None
            self._create()
            return reason

    def _create(self, lock_timeout: float = LOCK_TIMEOUT) -> None:
        """Make an empty index, holding the write lock while the old files go."""
        self._close_searcher()
        self._ix = None
        with self.folder.emptied(lock_timeout):
            self._ix = whoosh_index.create_in(str(self.path), make_schema(), indexname=INDEX_NAME)
            self.write_meta({"schema": SCHEMA_VERSION})

    def drop(self, lock_timeout: float = LOCK_TIMEOUT) -> None:
        """Delete the index (taking the write lock first, so no writer is cut off)."""

        with self._lock:
            self._close_searcher()
            self._ix = None
            self._create(lock_timeout)

    @property
    def ix(self) -> Any:
        if self._ix is None:
            self.open()
        return self._ix

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
    ) -> tuple[list[dict[str, Any]], list[str]]:
        """Delete documents by id, then prepare and add ``items``; one commit.

        ``prepare(item)`` returns a document dict or a one-line error string.
        Returns the added documents (without bodies) and the errors. Raises
        :class:`IndexBusy` when another process keeps the lock past
        ``lock_timeout`` seconds, and ``InterruptedError`` when cancelled.
        """
        with self._lock:
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
                        self.ix, self.path, prepare, items, workers, progress, cancelled, errors
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
                raise
            return self._reopened(expected, docs, errors)

    def _reopened(
        self, expected: int, docs: list[dict[str, Any]], errors: list[str]
    ) -> tuple[list[dict[str, Any]], list[str]]:
        """Open the index just committed and check that it holds what it should."""
        self._close_searcher()
        self._ix = whoosh_index.open_dir(str(self.path), indexname=INDEX_NAME)
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

    # -- reading ------------------------------------------------------------

    def parse(self, text: str, synonyms: Synonyms | None = None) -> Any:
        """Parse a query; ``synonyms`` maps field -> term -> other terms it also matches."""
        return parse_query(self.ix.schema, text, synonyms)

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

    def ids_with_entity(self, field: str, canonical: str) -> list[str]:
        with self._lock:
            s = self.searcher()
            return [
                s.stored_fields(n)["id"]
                for n in s.docs_for_query(Term(field, entity_term(canonical)))
            ]
