"""The index of one corpus: :class:`SearchIndex`, opened, written, searched.

:class:`SearchIndex` holds the Whoosh index of one folder and a cached searcher
behind one lock, so one writer and many searches may share it across threads.
Opening checks the schema version and the files (:mod:`tui.index.folder`) and
makes a new, empty index when the old one is from another version, damaged or
unreadable. Two parts hold the rest: the writes (:mod:`tui.index.writes`: a
batch deleted and added in one commit, the document count checked after) and
the lookups without a query (:mod:`tui.index.lookups`); the counts over matches
are :mod:`tui.index.facets`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from tui.index.errors import IndexCorrupt, IndexNotBuilt
from tui.index.fields import ENTITY_FIELDS, SCHEMA_VERSION, RawHit
from tui.index.folder import IndexFolder, open_index
from tui.lazy import lazy_module

if TYPE_CHECKING:
    import numpy as np

    from tui.index import build, collector, enriching, ranking, segment
    from tui.index import query as parsing
    from tui.index import schema as schema_mod
    from tui.index import spans as spanning
    from tui.index.facets import IndexCounts
    from tui.index.lookups import IndexLookups
    from tui.index.ranking import Ranked, TieKey
    from tui.index.sidecar_read import Loaded
    from tui.index.writes import IndexWrites
else:
    np = lazy_module("numpy")  # first used by a search: a build's parent never loads it
    # Whoosh, and what reads and writes through it, imported when first used: a
    # SearchIndex is made with the library, before the app's first frame, which reads
    # nothing of the index (tui.index.fields: ~125 ms of the launch).
    build = lazy_module("tui.index.build")
    collector = lazy_module("tui.index.collector")
    enriching = lazy_module("tui.index.enriching")
    parsing = lazy_module("tui.index.query")
    ranking = lazy_module("tui.index.ranking")
    schema_mod = lazy_module("tui.index.schema")
    segment = lazy_module("tui.index.segment")
    spanning = lazy_module("tui.index.spans")

LOCK_TIMEOUT = 30.0

#: Up to this many hits of shared scores, their ids are read from their stored fields
#: (~20 µs each); more, from the facet table (what counts beside the hits read anyway).
FEW_TIES = 64

Synonyms = dict[str, dict[str, list[str]]]


class SearchIndex:
    """A Whoosh index in one folder. Thread-safe for one writer and many searches."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.folder = IndexFolder(self.path)
        self._ix: Any = None
        self._searcher: Any = None
        self._searcher_toc: tuple[int, int, int] | None = None
        #: How many searchers have been opened here (:meth:`searcher_serial`).
        self._opened = 0
        #: Guards the open index and the shared searcher (held briefly, by reads too).
        self._lock = threading.RLock()
        #: One write at a time in this process (another process: Whoosh's lock).
        self._writing = threading.Lock()
        #: The parts below, each made when first used (their modules import Whoosh).
        self._parts: dict[str, Any] = {}
        self._parts_lock = threading.Lock()
        self._languages: tuple[Any, tuple[str, ...]] | None = None
        self._schema: tuple[Any, Any] | None = None

    def _part(self, name: str, make: Callable[[], Any]) -> Any:
        part = self._parts.get(name)
        if part is None:
            with self._parts_lock:
                part = self._parts.get(name)
                if part is None:
                    part = self._parts[name] = make()
        return part

    @property
    def writes(self) -> IndexWrites:
        """The write side (:class:`~tui.index.writes.IndexWrites`)."""

        def make() -> IndexWrites:
            from tui.index.writes import IndexWrites

            return IndexWrites(self)

        return cast("IndexWrites", self._part("writes", make))

    @property
    def lookups(self) -> IndexLookups:
        """Stored data looked up without a query (:class:`~tui.index.lookups.IndexLookups`)."""

        def make() -> IndexLookups:
            from tui.index.lookups import IndexLookups

            return IndexLookups(self)

        return cast("IndexLookups", self._part("lookups", make))

    @property
    def counts(self) -> IndexCounts:
        """Counts over matches: facets, days, ids (:class:`~tui.index.facets.IndexCounts`)."""

        def make() -> IndexCounts:
            from tui.index.facets import IndexCounts

            return IndexCounts(self)

        return cast("IndexCounts", self._part("counts", make))

    # -- opening ------------------------------------------------------------

    def exists(self) -> bool:
        """Whether the folder holds an index (readable or not)."""
        return self.folder.exists()

    def meta_path(self) -> Path:
        return self.folder.meta_path()

    def read_meta(self) -> dict[str, Any]:
        return self.folder.read_meta()

    def forget_meta(self) -> None:
        self.folder.forget_meta()

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
        names: bool = True,
        meanwhile: Callable[[], None] | None = None,
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

        ``names=False``: the documents ``prepare`` makes have no names (empty entity
        fields, no ``"entities"``: checked, :class:`NamesFound`
        otherwise) and the segments this write adds are kept as *plain*, for
        :meth:`enrich` to add the names to, and without passage fingerprints (made
        with the names). Only where :meth:`writes_plain`.

        ``meanwhile()``: the caller's work, done while the workers build (see
        :class:`~tui.index.build.Batch`).
        """
        # (a plain segment's passage fingerprints come with its names: tui.index.enriched)
        batch = build.Batch(
            prepare, list(items), workers, progress, cancelled, passages=names, meanwhile=meanwhile
        )
        if not names and not segment.native_writes():
            raise NotImplementedError("plain segments need the Whoosh release Dossier writes")
        with self._writing:
            with self._lock:
                first = fresh or not self.exists()
                if first and not segment.native_writes():
                    # Whoosh's own writer empties the folder first: searches wait
                    return self.writes.fresh(batch, lock_timeout)
                ix = None if first else self.ix
            # Searches go on meanwhile (the articles are prepared, the segments written),
            # reading the index as last committed, as they do while another process
            # writes it: a commit never changes a segment a reader opened, and the new
            # one is taken up under the lock (:meth:`reopened`).
            if first:
                return self.writes.fresh(batch, lock_timeout, plain=not names)
            return self.writes.update(batch, set(delete), lock_timeout, ix, plain=not names)

    @staticmethod
    def writes_plain() -> bool:
        """Whether :meth:`write` can leave the names out (``names=False``) and
        :meth:`enrich` add them: not on a Whoosh release other than the one
        :mod:`tui.index.segment` writes for (then write with the names)."""
        return segment.native_writes()

    def plain_segments(self) -> list[tuple[str, int]]:
        """(segment id, live documents) of each segment written without names and not
        enriched yet, in the index as last committed (by any process)."""
        return enriching.plain_segments(self.path)

    def plain_documents(self) -> int:
        """The live documents that have no names yet: what :meth:`enrich` has left to do."""
        return sum(n for _, n in self.plain_segments())

    def enrich(
        self,
        add: Callable[[dict[str, Any]], dict[str, Any]],
        *,
        workers: int = 1,
        progress: Callable[[int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
        lock_timeout: float = LOCK_TIMEOUT,
    ) -> int:
        """Add the names to the documents of every plain segment (:meth:`write` with
        ``names=False``); returns how many documents got them.

        ``add(stored)`` (``stored``: a document's stored fields as Whoosh gives them
        back: ``id``, ``path``, ``title``, ``body``, ``source``, ``date`` (a
        ``datetime``), ``byline``, ``lang``, ...) returns what the names add: each of
        ``ENTITY_FIELDS`` as a list of names, one a mention (as a build's documents
        have them, marks included), and ``"entities"``, the summary. It runs in
        ``workers`` processes when there are many documents: a top-level function,
        pickled by name. Each plain segment is then written again with the names and
        committed in its place, one commit a segment, under the write lock (searches
        read the index as last committed meanwhile; documents deleted meanwhile stay
        deleted). ``progress(n)``: n more documents named. ``InterruptedError`` once
        ``cancelled()``: the segments done so far keep their names, the others stay
        plain for the next call; :class:`IndexBusy` when another process keeps the
        lock past ``lock_timeout`` seconds.
        """
        return enriching.enrich(
            self, self._writing, add, workers, progress, cancelled, lock_timeout
        )

    def reopened(
        self, expected: int, docs: list[dict[str, Any]], errors: list[str]
    ) -> tuple[list[dict[str, Any]], list[str]]:
        """Open the index just committed and check that it holds what it should:
        ``expected`` documents from before and ``docs``. Returns (docs, errors)."""
        with self._lock:
            self._close_searcher()
            self._ix = open_index(self.path)
            actual = self._ix.doc_count()
            if actual != expected + len(docs):
                raise IndexCorrupt(
                    f"the index holds {actual} documents, expected {expected + len(docs)}"
                )
            return docs, errors

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
        """The searcher of the index as last committed (by this or another process).

        When another process has committed since it was opened, a new one is opened
        on the new index, not Whoosh's ``Searcher.refresh()``: Whoosh-Reloaded's keeps
        the old reader of every segment whose id did not change and adds every old
        segment the new table of contents dropped. The refreshed searcher then read
        segments merged away (their files deleted: Whoosh opens stored fields lazily,
        so a read failed as if the index were damaged), documents twice, and old
        deletions (an article updated by the other process came back in its old copy).
        """
        with self._lock:
            toc = self.toc_identity()
            if self._searcher is not None and (toc is None or toc != self._searcher_toc):
                self._close_searcher()
            if self._searcher is None:
                self._searcher = self.ix.searcher()
                self._opened += 1
                self._searcher_toc = self._opened_toc(self._searcher, toc)
            return self._searcher

    def searcher_serial(self) -> int:
        """The number of the searcher that reads get now (each one opened has the next).
        The same number before and after several reads (a lookup's sidecars, then the
        stored documents their numbers point to) says that no commit by another process
        came between them: they all numbered the documents alike."""
        with self._lock:
            self.searcher()
            return self._opened

    def _opened_toc(
        self, searcher: Any, before: tuple[int, int, int] | None
    ) -> tuple[int, int, int] | None:
        """The :meth:`toc_identity` of the table of contents ``searcher`` opened (found
        ``before`` opening it, unless another process committed in between). None when
        that one is gone already: the searcher is out of date, and the next
        :meth:`searcher` opens a new one."""
        gen = searcher.reader().generation()
        if gen is None or gen < 0 or (before is not None and before[0] == gen):
            return before  # an empty index (no segments, no generation to read)
        try:
            return self.folder.toc_identity(int(gen))
        except OSError:
            return None

    def close(self) -> None:
        with self._lock:
            self._close_searcher()
            self._ix = None
            counts = self._parts.get("counts")
            if counts is not None:
                counts.forget()
            self._languages = None

    # -- reading ------------------------------------------------------------

    def parse(self, text: str, synonyms: Synonyms | None = None) -> Any:
        """Parse a query; ``synonyms`` maps field -> term -> other terms it also matches."""
        return parsing.parse_query(self.schema(), text, synonyms, self.languages())

    def schema(self) -> Any:
        """The index's schema, read once for each opening of the index (Whoosh's
        ``ix.schema`` reads and unpickles the table of contents every time)."""
        ix = self.ix
        kept = self._schema
        if kept is None or kept[0] is not ix:
            kept = self._schema = (ix, ix.schema)
        return kept[1]

    def languages(self) -> tuple[str, ...]:
        """The languages of the corpus's articles (their two-letter codes)."""
        with self._lock:
            # The searcher open now, even if a commit since would refresh it: a language
            # new to the corpus is one query late, and a search opens no searcher twice.
            s = self._searcher if self._searcher is not None else self.searcher()
            if self._languages is None or self._languages[0] is not s:
                self._languages = (s, parsing.corpus_languages(s.reader()))
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
            query = parsing.within_budget(query, s.reader())
            read: dict[int, Any] = {}  # stored fields the ties' ids were read from
            tie_key = self._ids_of(s, read)
            found = ranking.ranked(s, query, limit, collector.stopper(cancelled), tie_key)
            if found is None:  # a part ranking.py does not evaluate: Whoosh ranks it
                found = self._ranked_by_whoosh(s, query, limit, cancelled, tie_key)
            top, total = found.hits, found.total
            wanted = {doc: {t for f, t in terms if f == "body"} for _, doc, terms, _ in top}
            chars = s.schema["body"].format.decoder("characters")
            known = {  # the body postings ranking read already: no second read
                doc: {
                    spanning.term_text(t): list(chars(v))
                    for (f, t), v in values.items()
                    if f == "body"
                }
                for _, doc, _, values in top
            }
            spans = spanning.body_spans(s, wanted, query, known)
            out = []
            for score, doc, terms, _values in top:
                stored = read[doc] if doc in read else s.stored_fields(doc)
                matches = spans.get(doc, ())
                named = {(f, spanning.term_text(t)) for f, t in terms if f in ENTITY_FIELDS}
                if named:  # person:/place:/org: match names, not words: mark those
                    matches = spanning.merged([*matches, *spanning.entity_spans(stored, named)])
                out.append(RawHit(doc=schema_mod.from_stored(stored), score=score, matches=matches))
            return out, total

    def _ids_of(self, s: Any, read: dict[int, Any]) -> TieKey:
        """What orders hits of equal scores: for a few, their ids read from their
        stored fields (kept in ``read``: the hits shown need them); for many (a
        filter alone ties every match), the ids' ranks from the facet table (worked
        out once per searcher, as counts beside the hits read it)."""

        def ids(docnums: np.ndarray) -> list[str] | np.ndarray:
            if len(docnums) <= FEW_TIES:
                for n in docnums.tolist():
                    read[n] = s.stored_fields(n)
                return [str(read[n]["id"]) for n in docnums.tolist()]
            return self.counts.id_ranks_of(s)[docnums]

        return ids

    @staticmethod
    def _ranked_by_whoosh(
        s: Any,
        query: Any,
        limit: int | None,
        cancelled: Callable[[], bool] | None,
        tie_key: TieKey,
    ) -> Ranked:
        """Every match scored by Whoosh's collector (for the queries :func:`ranked`
        leaves to it). Scoring every match costs less than Whoosh's block skipping
        plus the second pass that counting the total would need; and
        optimize=False miscounts with terms=True."""
        stoppable = collector.Stoppable(s.collector(limit=None, terms=True), cancelled)
        s.search_with_collector(query, stoppable)
        results = stoppable.results()
        every = {hit.docnum: hit for hit in results[:]}
        docs = np.fromiter(every, dtype=np.int64, count=len(every))
        scores = np.fromiter((h.score for h in every.values()), dtype=np.float64, count=len(every))
        docs, scores = ranking.best_first(docs, scores, limit or None, tie_key)
        hits: list[tuple[float, int, list[Any], dict[Any, bytes]]] = [
            (float(score), doc, list(every[doc].matched_terms()), {})
            for doc, score in zip(docs.tolist(), scores.tolist(), strict=True)
        ]
        return ranking.Ranked(hits=hits, total=len(results))

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
            query = parsing.within_budget(query, s.reader())
            terms = {t for f, t in query.iter_all_terms() if f == "body"}
            terms |= spanning.expanded_terms(s, query, docnum)
            spans = spanning.body_spans(s, {docnum: terms}, query).get(docnum, ())
            named = {
                (f, spanning.term_text(t)) for f, t in query.iter_all_terms() if f in ENTITY_FIELDS
            }
            if named:
                spans = spanning.merged(
                    [*spans, *spanning.entity_spans(s.stored_fields(docnum), named)]
                )
            return spans

    def reads_cleanly(self, text: str, synonyms: Synonyms | None = None) -> bool:
        """Whether every index file the query ``text`` reads can be read (see
        :meth:`IndexFolder.reads_cleanly`): asked after a query failed inside Whoosh."""
        with self._lock:
            return self.folder.reads_cleanly(text, synonyms)

    # -- lookups without a query (tui.index.lookups) -----------------------

    def stored_entities(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """(doc id, the stored entity summary) for every document."""
        return self.lookups.stored_entities()

    def ids_whose_text(self, test: Callable[[str], bool]) -> set[str]:
        """The ids of the documents whose headline and body pass ``test`` (see
        :meth:`IndexLookups.ids_whose_text`)."""
        return self.lookups.ids_whose_text(test)

    def facets(self, field: str) -> list[tuple[str, int, int]]:
        """(term, number of documents, number of mentions) for an entity field."""
        return self.lookups.facets(field)

    def terms(self, field: str) -> list[str]:
        """Every term of a field, without counts (much cheaper than :meth:`facets`)."""
        return self.lookups.terms(field)

    def ids_with_entity(self, field: str, canonical: str) -> list[str]:
        return self.lookups.ids_with_entity(field, canonical)

    def spelled(self, field: str, term: str) -> str | None:
        return self.lookups.spelled(field, term)

    def sidecars(self, passages: bool = False) -> list[Loaded]:
        """The sidecar of every segment the current searcher reads; with ``passages``,
        those with their passage fingerprints, or :class:`PassagesNotReady` while a
        plain segment has none yet (see :meth:`IndexLookups.sidecars`)."""
        return self.lookups.sidecars(passages)

    def let_go_sidecar_pages(self) -> None:
        """Unmap the sidecars' pages a lookup read (see :meth:`Sidecar.let_go_pages`)."""
        self.lookups.let_go_sidecar_pages()

    def stored_by_number(self, docnums: Iterable[int]) -> dict[int, dict[str, Any]]:
        return self.lookups.stored_by_number(docnums)

    def number_of(self, doc_id: str) -> int | None:
        return self.lookups.number_of(doc_id)
