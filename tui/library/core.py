"""The :class:`Library` facade: one corpus folder, its index, entities and bookmarks.

It holds the parts (:class:`~tui.library.catalog.Catalog` for the files,
:class:`~tui.index.SearchIndex`, :class:`~tui.library.directory.EntityDirectory`,
the bookmarks store) and gives the CLI and the app one object with the methods
they call. Reads of the index go through :meth:`Library._read`, which tells a
damaged index from one another copy of Dossier has just rebuilt.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from tui import known
from tui import paths as paths_mod
from tui.articles import Article, ArticleError
from tui.index import META_NAME, QuerySyntaxError, SearchIndex
from tui.library import derived, searching
from tui.library.catalog import Catalog
from tui.library.cooccur import Cooccurrence, Together
from tui.library.corrections import CorrectionsView
from tui.library.directory import EntityDirectory, Synonyms
from tui.library.guard import read_guarded
from tui.library.manifest import Entry, State, entry_of
from tui.library.models import (
    ArticleSummary,
    EntityCount,
    EntityOccurrence,
    IndexDamaged,
    LibraryError,
    QueryError,
    ScanResult,
    SearchResult,
    UpdateReport,
)
from tui.library.prepare import body_mentions, tools
from tui.library.search import literal_pattern, to_hits
from tui.library.searching import Facets, SavedSearchStatus
from tui.library.timeline import Scale, Timeline
from tui.library.update import update_index
from tui.settings import Settings, load_settings

if TYPE_CHECKING:
    from tui.bookmarks import (
        BookmarkStore,
        Correction,
        ReanchorReport,
        SavedSearch,
        SearchHistory,
    )
    from tui.library.passages import Passage, PassageFinder, Reused

T = TypeVar("T")


class Library:
    """One corpus folder, its index and its bookmarks."""

    def __init__(
        self,
        corpus: Path,
        *,
        data_dir: Path | None = None,
        index_dir: Path | None = None,
        settings: Settings | None = None,
    ) -> None:
        self.corpus = Path(corpus).expanduser().resolve()
        self.paths = paths_mod.corpus_paths(self.corpus, data=data_dir, index=index_dir)
        self.settings = settings or load_settings()
        self.index = SearchIndex(self.paths.index)
        self.catalog = Catalog(self.corpus, self.settings, self.index, self.paths.config)
        self.catalog.extracts = self.paths.extracts
        self._corrections = CorrectionsView(self.paths.bookmarks, lambda: self.bookmarks)
        self.catalog.corrections = self._corrections.all
        self.directory = EntityDirectory(self.index, self.articles, self.article, self.recognizer)
        self._passage_finder: PassageFinder | None = None
        self.cooccurrence = Cooccurrence(self.index, self.directory)
        self._lock = threading.RLock()
        self._ready = False
        self._bookmarks: BookmarkStore | None = None
        self._carried_ids: dict[str, str] = {}

    @classmethod
    def open(
        cls,
        corpus: Path | str | None = None,
        *,
        data_dir: Path | None = None,
        index_dir: Path | None = None,
        settings: Settings | None = None,
    ) -> Library:
        """A library for ``corpus`` (the bundled seeds when None). Cheap: checks the folder only."""
        folder = Path(corpus).expanduser() if corpus is not None else paths_mod.seeds_dir()
        if not folder.exists():
            raise LibraryError(f"no such folder: {folder}")
        if not folder.is_dir():
            raise LibraryError(f"not a folder: {folder} (give the folder that holds the articles)")
        if not os.access(folder, os.R_OK | os.X_OK):
            raise LibraryError(f"cannot read folder: {folder}")
        return cls(folder, data_dir=data_dir, index_dir=index_dir, settings=settings)

    # -- files ----------------------------------------------------------------

    @property
    def config_dir(self) -> Path:
        return self.paths.config

    def scan(self) -> ScanResult:
        """The corpus's articles (title, source, date), from the manifest where it is fresh."""
        return self.catalog.scan()

    def articles(self) -> list[ArticleSummary]:
        return self.catalog.articles()

    def resolve(self, ref: str) -> str:
        """The relative path of an article given by id or by path."""
        return self.catalog.resolve(ref)

    def article(self, ref: str) -> Article:
        """The cleaned article with id or path ``ref``."""
        return self.catalog.article(ref)

    # -- index ----------------------------------------------------------------

    @property
    def index_ready(self) -> bool:
        return self._ready

    def update_index(
        self,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
        *,
        workers: int | None = None,
        fresh: bool = False,
    ) -> UpdateReport:
        """Bring the index in step with the folder: only what changed is re-indexed
        (everything, into a new index that replaces the old one, with ``fresh``)."""
        # Ids outlive a rebuild (a renamed file keeps the id its bookmarks use).
        carried = self.catalog.manifest_ids()
        carried.update(self._carried_ids)
        n_workers = workers if workers is not None else self.settings.workers
        outcome = update_index(self.catalog, carried, n_workers, progress, cancelled, fresh=fresh)
        self._carried_ids = {}
        with self._lock:
            if outcome.state is not None:
                self.catalog.replace(outcome.state)
            self._ready = True
        if outcome.state is not None and not outcome.report.stale:
            self._save_derived(outcome.state, settled=outcome.settled)
        if outcome.reanchor and self.paths.bookmarks.exists():
            from tui.bookmarks.model import BookmarkError

            try:
                self.reanchor_bookmarks()
            except BookmarkError:
                pass  # a bookmarks file that cannot be written now: anchored next time
        if outcome.report.touched and self.paths.extracts.exists():
            from tui.formats.cache import cache_at

            cache = cache_at(self.paths.extracts)
            if cache is not None:
                cache.prune()  # the least recently used pages beyond the bound
        known.remember(self.paths)  # so that `dossier show FILE` finds this corpus again
        return outcome.report

    def _watched(self) -> list[Path]:
        """The user's files a full update reads besides the corpus: the config the
        articles are cleaned with, the corrections (kept with the bookmarks)."""
        config = [self.config_dir / name for name in derived.CONFIG_FILES]
        bookmarks = self.paths.bookmarks
        return [*config, bookmarks, bookmarks.with_name(bookmarks.name + "-wal")]

    def _save_derived(self, state: State, *, settled: bool) -> None:
        """Keep beside the index what commands would otherwise work out on every run
        (:mod:`tui.library.derived`): the entries by id, the surname links, and a
        stamp of the folder when this look at it was clean."""
        folder = self.paths.index
        if not self.index.exists():
            derived.forget_stamp(folder)
            return
        key = derived.meta_key(folder, META_NAME)
        if key is not None and derived.entries_key(folder) != key:
            derived.write_entries(
                folder,
                key,
                (
                    (e.id, relpath, json.dumps(e.__dict__, separators=(",", ":")))
                    for relpath, e in state.entries.items()
                ),
            )
        try:
            self._read(self.directory.surname_links)
        except (LibraryError, IndexDamaged):
            pass  # said by the next read
        if settled:
            derived.record_stamp(
                folder,
                self.corpus,
                self.catalog.folders,
                self._watched(),
                self.settings.corpus_skip,
                self.catalog.scanned_at,
                derived.disk_digest(self.catalog.last_disk),
                len(state.entries),
            )
        else:
            derived.forget_stamp(folder)

    def quick_update(self, *, every_file: bool = False) -> bool:
        """Whether the index is known to be up to date from a few ``stat`` calls (see
        :mod:`tui.library.derived`: a file rewritten in place is not seen), or with
        ``every_file`` from a ``stat`` of every file (then it is); the index is then
        open, and ready to search. False: call :meth:`update_index`.

        Either way the manifest is not read: :meth:`article_count` says how many
        articles there are; listing them reads it."""
        folder = self.paths.index
        digest = None
        if every_file:
            disk = self.catalog.disk()
            if self.catalog.folder_warnings():
                return False  # said by a full update
            digest = derived.disk_digest(disk)
        if not derived.unchanged(
            folder, self.corpus, self._watched(), self.settings.corpus_skip, digest
        ):
            return False
        with self._lock:
            self.index.open_checked()
            self._ready = True
        return True

    def article_count(self) -> int:
        """How many articles the corpus has (without reading the manifest after
        :meth:`quick_update`)."""
        with self._lock:
            if not self.catalog.state.entries:
                count = derived.stamped_articles(self.paths.index)
                if count is not None:
                    return count
        return len(self.articles())

    def rebuild_index(
        self,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> UpdateReport:
        """Build the index anew from the articles. The old index answers searches until
        the new one takes its place, and stays if the build fails."""
        self._carried_ids = self.catalog.manifest_ids()
        report = self.update_index(progress, cancelled, fresh=True)
        return UpdateReport(
            added=report.added,
            changed=report.changed,
            removed=report.removed,
            rebuilt=not report.stale,
            message=report.message if report.stale else "",
            warnings=report.warnings,
            skipped=report.skipped,
            stale=report.stale,
        )

    # -- search ---------------------------------------------------------------

    def _ensure_index(self) -> None:
        if not self._ready and not self.index.exists():
            raise LibraryError("the index is not built yet: run `dossier index`")

    def _read(self, read: Callable[[], T], query: str | None = None) -> T:
        """``read()``, with a failure inside Whoosh told apart (see :func:`read_guarded`)."""
        return read_guarded(self.index, read, query, self._synonyms, self._index_damaged)

    def _index_damaged(self) -> None:
        with self._lock:
            self._ready = False
            self.directory.forget()

    def _synonyms(self) -> Synonyms:
        """Entity terms that match each other in queries (none before there is an index)."""
        if not self._ready and not self.index.exists():
            return {}
        return self.directory.synonyms()

    def search(
        self,
        query: str,
        limit: int | None = 50,
        cancelled: Callable[[], bool] | None = None,
    ) -> SearchResult:
        """The articles matching ``query``, best first (at most ``limit`` hits).

        :class:`QueryError` (one line) for a query that cannot be used or would
        cost too much; :class:`SearchCancelled` once ``cancelled()`` turns true.
        """
        self._ensure_index()
        try:
            raw_hits, total = self._read(
                lambda: self.index.search(
                    query, limit=limit, synonyms=self._synonyms(), cancelled=cancelled
                ),
                query,
            )
        except QuerySyntaxError as exc:
            raise QueryError(str(exc)) from None
        entries, by_id = self._entries_of([raw.doc["id"] for raw in raw_hits])
        hits = to_hits(raw_hits, entries, by_id)
        return SearchResult(query=query, hits=tuple(hits), total=total)

    def _entries_of(self, ids: list[str]) -> tuple[dict[str, Entry], dict[str, str]]:
        """The manifest's entries of the articles ``ids`` (and id -> path): from the
        manifest in memory, or, after :meth:`quick_update`, from the copy beside the
        index (reading the whole manifest costs more than a search)."""
        state = self.catalog.state
        if state.entries or not ids:
            return state.entries, state.by_id
        folder = self.paths.index
        found = derived.read_entries(folder, derived.meta_key(folder, META_NAME), ids)
        if found is None:
            with self._lock:
                state = self.catalog.load_state()
                self.catalog.replace(state)
            return state.entries, state.by_id
        entries: dict[str, Entry] = {}
        by_id: dict[str, str] = {}
        for doc_id, (relpath, fields) in found.items():
            entry = entry_of(fields)
            if entry is not None:
                entries[relpath] = entry
                by_id[doc_id] = relpath
        return entries, by_id

    def warm_up(self) -> None:
        """Do the first search's one-time work now: open a searcher, link the surnames
        (which reads every person in the index), load the query parser, read every
        document's facet record (the counts beside the results need them). Best called
        in the background once the index is ready; the search that follows is then warm."""
        self._ensure_index()
        self._read(lambda: self.index.search("dossier", limit=1, synonyms=self._synonyms()))
        self._read(lambda: self.index.counts.facets(None, top=1))

    def match_spans(self, query: str, article_id: str) -> list[tuple[int, int]]:
        """Spans of ``query`` in one article's body (find in article).

        The query language decides first; when it finds nothing and the query is
        plain words, the words are looked for as they are written, so that words the
        index leaves out ("the", "of", a single letter) are still found.
        """
        self._ensure_index()
        literal = literal_pattern(query)
        try:
            spans = list(
                self._read(
                    lambda: self.index.match_spans(query, article_id, self._synonyms()), query
                )
            )
        except QuerySyntaxError as exc:
            if literal is None:  # only common words is an error for the index, not here
                raise QueryError(str(exc)) from None
            spans = []
        if not spans and literal is not None:
            try:
                body = self.article(article_id).body
            except (LibraryError, ArticleError):
                return []
            spans = [m.span() for m in literal.finditer(body)]
        return spans

    # -- facets, timeline, history, saved searches (tui.library.searching) --------

    def facets(self, query: str | None = None, top: int = 20) -> Facets:
        """Counts by ``source``, ``month``, ``person``, ``place``, ``org`` and ``lang``
        over the articles matching ``query`` (every article when None): the ``top``
        commonest of each, months in order. QueryError for a bad query."""
        return searching.facets(self, query, top)

    def timeline(self, query: str | None = None, scale: Scale | None = None) -> Timeline:
        """Articles matching ``query`` (every article when None) per day, week, month or
        year (the finest that fits, unless ``scale`` says)."""
        return searching.timeline(self, query, scale)

    def count(self, query: str) -> int:
        """How many articles match ``query`` (unranked: cheaper than a search)."""
        return len(searching.matching_ids(self, query))

    @property
    def history(self) -> SearchHistory:
        """The queries typed in this corpus's search box, oldest first."""
        return self.bookmarks.history

    def saved_searches(self) -> list[SavedSearch]:
        return self.bookmarks.searches.all()

    def save_search(self, name: str, query: str) -> tuple[SavedSearch, bool]:
        """Save ``query`` as ``name``; whether it replaced one. QueryError for a query
        that cannot run, SavedSearchError for a bad name."""
        return searching.save_search(self, name, query)

    def saved_search_status(self, saved: SavedSearch) -> SavedSearchStatus:
        """A saved search's count now and its articles new since it was last opened."""
        return searching.status(self, saved)

    def open_saved_search(self, name: str) -> SavedSearch:
        """The saved search ``name``, its current matches noted as seen."""
        return searching.open_saved(self, name)

    def remove_saved_search(self, name: str) -> bool:
        return self.bookmarks.searches.remove(name)

    # -- entities -------------------------------------------------------------

    def recognizer(self) -> Any:
        return tools(str(self.config_dir))[1]

    def entities(self, article_id: str) -> list[Any]:
        """The entity mentions in the body of one article, in order."""
        return body_mentions(self.recognizer(), self.article(article_id))

    def entity_facets(self, type: str | None = None) -> list[EntityCount]:
        """Every entity of the corpus with its article and mention counts (from the index)."""
        self._ensure_index()
        return self._read(lambda: self.directory.facets(type))

    def entity_articles(self, entity_id: str) -> list[EntityOccurrence]:
        """Every mention of one entity across the corpus, with its sentence."""
        self._ensure_index()
        return self._read(lambda: self.directory.occurrences(entity_id))

    # -- across articles ----------------------------------------------------------

    @property
    def passage_finder(self) -> PassageFinder:
        """Finds shared passages (made on first use: numpy, which searches do not need)."""
        if self._passage_finder is None:
            from tui.library.passages import PassageFinder

            self._passage_finder = PassageFinder(self.index, self._url_of)
        return self._passage_finder

    def _url_of(self, path: str) -> str | None:
        entry = self.catalog.state.entries.get(path)
        return entry.url if entry is not None else None

    def passages(
        self,
        article_id: str,
        start: int = 0,
        end: int | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> list[Passage]:
        """The passages of one article (between ``start`` and ``end``) that other
        articles share: one per sentence, each with where else it appears."""
        self._ensure_index()
        article = self.article(article_id)
        return self._read(
            lambda: self.passage_finder.find(article.id, article.body, start, end, cancelled)
        )

    def reused_passages(
        self, count: int = 20, cancelled: Callable[[], bool] | None = None
    ) -> list[Reused]:
        """The passages the most articles of the corpus share, most first."""
        from tui.library.passages import top_passages

        self._ensure_index()
        return self._read(lambda: top_passages(self.passage_finder, count, cancelled))

    def together(self, entity_id: str, limit: int | None = None) -> list[Together]:
        """The people, places and organisations mentioned in the same articles as
        ``entity_id`` (and how many sentences mention both), most articles first."""
        self._ensure_index()
        return self._read(lambda: self.cooccurrence.with_entity(entity_id, limit))

    def find_entity(self, name: str, type: str | None = None) -> tuple[str, str, str]:
        """(id, type, canonical name) of the entity called ``name`` (see
        :meth:`Cooccurrence.resolve`)."""
        self._ensure_index()
        return self._read(lambda: self.cooccurrence.resolve(name, type))

    # -- bookmarks --------------------------------------------------------------

    @property
    def bookmarks(self) -> BookmarkStore:
        if self._bookmarks is None:
            from tui.bookmarks import BookmarkStore

            self._bookmarks = BookmarkStore(self.paths.bookmarks)
        return self._bookmarks

    def reanchor_bookmarks(self) -> ReanchorReport:
        """Find every bookmarked passage again in the current articles."""

        def lookup(article_id: str) -> Article | None:
            try:
                return self.article(article_id)
            except LibraryError:
                return None  # the article is gone: its bookmarks become orphans

        return self.bookmarks.reanchor(lookup)

    # -- corrections and new articles ---------------------------------------------

    def correct(self, ref: str, **fields: str | None) -> Correction | None:
        """Correct (or, with ``None`` or blank, restore) an article's title, date, source
        or byline, and index it again; returns its correction now.

        The correction is kept beside the bookmarks, by article id: the user's file
        is never changed. Raises :class:`~tui.bookmarks.CorrectionError` for a bad
        value and :class:`LibraryError` for an unknown article.
        """
        article_id = self.catalog.state.entries[self.resolve(ref)].id
        correction = self.bookmarks.corrections.set(article_id, **fields)
        self._corrections.forget()
        if self.index.exists() or self._ready:
            self.update_index()
        return correction

    def add_url(self, url: str, *, timeout: float | None = None) -> str:
        """Fetch a web page and save it in the corpus folder; its path in the corpus.

        Not indexed yet: call :meth:`update_index` (or scan) after. Raises
        :class:`~tui.clipping.ClipError` with a one-line reason.
        """
        from tui import clipping
        from tui.formats.cache import cache_at

        page = clipping.fetch(url, timeout=clipping.TIMEOUT if timeout is None else timeout)
        saved = clipping.save_page(self.corpus, page, cache_at(self.paths.extracts))
        return saved.relative_to(self.corpus).as_posix()

    def add_file(self, source: Path) -> str:
        """Copy an article file (a page, an export, a feed) into the corpus folder."""
        from tui import clipping
        from tui.formats.cache import cache_at

        saved = clipping.copy_in(self.corpus, Path(source), cache_at(self.paths.extracts))
        return saved.relative_to(self.corpus).as_posix()

    def close(self) -> None:
        self.index.close()
