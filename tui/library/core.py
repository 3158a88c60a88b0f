"""The :class:`Library` facade: one corpus folder, its index, entities and bookmarks.

It holds the parts (:class:`~tui.library.catalog.Catalog` for the files,
:class:`~tui.index.SearchIndex`, :class:`~tui.library.upkeep.IndexUpkeep` for its
updates, :class:`~tui.library.search.ArticleSearch`,
:class:`~tui.library.directory.EntityDirectory`, the bookmarks store) and gives
the CLI and the app one object with the methods they call. Reads of the index
go through :meth:`Library._read`, which tells a damaged index from one another
copy of Dossier has just rebuilt.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from tui import paths as paths_mod
from tui.articles import Article
from tui.index import SearchIndex
from tui.library import searching
from tui.library.across import Across
from tui.library.catalog import Catalog, corpus_folder
from tui.library.cooccur import Cooccurrence, Together
from tui.library.directory import EntityDirectory, Synonyms
from tui.library.guard import read_guarded
from tui.library.head import Head
from tui.library.manifest import Entry, State
from tui.library.models import (
    ArticleSummary,
    EntityCount,
    EntityOccurrence,
    LibraryError,
    ScanResult,
    SearchResult,
    UpdateReport,
)
from tui.library.notes import Notes
from tui.library.prepare import body_mentions, tools
from tui.library.search import ArticleSearch
from tui.library.searching import Facets, SavedSearchStatus
from tui.library.timeline import Scale, Timeline
from tui.library.upkeep import IndexUpkeep
from tui.settings import Settings, load_settings

if TYPE_CHECKING:
    from tui.bookmarks import (
        BookmarkStore,
        Correction,
        ReanchorReport,
        SavedSearch,
        SearchHistory,
    )
    from tui.clipping import Fetched
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
        #: The bookmarks file: bookmarks, corrections, saved searches (:mod:`tui.library.notes`).
        self.notes = Notes(self)
        self.catalog.corrections = self.notes.corrections.all
        self.directory = EntityDirectory(self.index, self.articles, self.article, self.recognizer)
        self.cooccurrence = Cooccurrence(self.index, self.directory)
        self._lock = threading.RLock()
        self._ready = False
        #: (the table of contents looked at, whether it had plain segments): names_pending
        self._plain_at: tuple[tuple[int, int, int], bool] | None = None
        #: Updates of the index, and what is kept beside it (:mod:`tui.library.upkeep`).
        self.upkeep = IndexUpkeep(self)
        #: Searches and finds in an article (:class:`~tui.library.search.ArticleSearch`).
        self.searches = ArticleSearch(self)
        #: Shared passages, who appears with whom (:class:`~tui.library.across.Across`).
        self.across = Across(self)

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
        folder = corpus_folder(corpus if corpus is not None else paths_mod.seeds_dir())
        return cls(folder, data_dir=data_dir, index_dir=index_dir, settings=settings)

    # -- files ----------------------------------------------------------------

    @property
    def config_dir(self) -> Path:
        return self.paths.config

    def scan(self, progress: Callable[[int, int], None] | None = None) -> ScanResult:
        """The corpus's articles (title, source, date), from the manifest where it is fresh;
        ``progress(done, total)`` as the files are listed (see :meth:`Catalog.scan`)."""
        return self.catalog.scan(progress)

    def articles(self) -> list[ArticleSummary]:
        return self.catalog.articles()

    def resolve(self, ref: str) -> str:
        """The relative path of an article given by id or by path."""
        return self.catalog.resolve(ref)

    def article(self, ref: str) -> Article:
        """The cleaned article with id or path ``ref``."""
        return self.catalog.article(ref)

    def listed_hash(self, ref: str) -> str | None:
        """The hash of article ``ref``'s file as last read (None: not known yet)."""
        return self.catalog.listed_hash(ref)

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
        searchable: Callable[[UpdateReport], None] | None = None,
        naming: Callable[[int, int], None] | None = None,
        find_names: bool = True,
    ) -> UpdateReport:
        """Bring the index in step with the folder: only what changed is re-indexed
        (everything, into a new index that replaces the old one, with ``fresh``).

        A full build (the first, or after damage or an upgrade) is searchable before
        the articles' names are found: ``searchable(report)`` is told when, and
        ``naming(done, total)`` how far the names are (:mod:`tui.library.naming`); the
        report says whether some are left for the next update (``names_pending``).
        ``find_names=False`` leaves them to a later update (a command that answers a
        search does not keep its user waiting for them)."""
        return self.upkeep.update(
            progress, cancelled, workers, fresh, searchable, naming, find_names
        )

    def _indexed(self, state: State | None) -> None:
        """The index is open and in step with the folder (and ``state``, when one is new)."""
        with self._lock:
            if state is not None:
                self.catalog.replace(state)
            self._ready = True

    def quick_update(
        self,
        *,
        every_file: bool = False,
        corrections_checked: bool = False,
        names_pending: bool = False,
    ) -> bool:
        """Whether the index is known to be up to date, from a few ``stat`` calls (of
        every file with ``every_file``): then it is open, and ready to search; False:
        call :meth:`update_index`. ``names_pending``: also while some articles' names
        are still to be found (a search). See :meth:`IndexUpkeep.quick`."""
        return self.upkeep.quick(every_file, corrections_checked, names_pending)

    def head(self, *, files_only: bool = False) -> Head | None:
        """The first rows of the article list, when they are known without reading the
        folder (see :mod:`tui.library.head`); their articles open at once. None: call
        :meth:`scan`. ``files_only``: also when only Dossier or the config changed since
        the index was made (see :meth:`IndexUpkeep.head`)."""
        return self.upkeep.head(files_only=files_only)

    def first_article(self) -> tuple[Article, Entry, int] | None:
        """In a folder never indexed, an article read alone before the folder is (see
        :meth:`Catalog.first_article`); None when the folder has an index."""
        if self.index.exists():
            return None
        return self.catalog.first_article()

    def prime_article(self, ref: str, *, files_only: bool = False) -> str | None:
        """Make :meth:`article` of the id it returns cheap when the folder is known to be
        unchanged; ``ref`` is an id or a file's path (see :meth:`IndexUpkeep.prime_article`);
        for a command that opens one article. None: :meth:`article` of ``ref`` reads the
        folder, as always. ``files_only``: as :meth:`head`'s."""
        return self.upkeep.prime_article(ref, files_only=files_only)

    def article_count(self) -> int:
        """How many articles the corpus has (without reading the manifest after
        :meth:`quick_update`)."""
        return self.upkeep.article_count()

    def rebuild_index(
        self,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
        searchable: Callable[[UpdateReport], None] | None = None,
        naming: Callable[[int, int], None] | None = None,
    ) -> UpdateReport:
        """Build the index anew from the articles. The old index answers searches until
        the new one takes its place, and stays if the build fails. It is searchable
        before the names are found: see :meth:`update_index`."""
        return self.upkeep.rebuild(progress, cancelled, searchable, naming)

    def names_pending(self) -> bool:
        """Whether the index has articles without their names yet (a full build's second
        phase has not ended): counts, timelines and searches of names miss them."""
        key = self.index.toc_identity()  # (cheap: a listing and a stat)
        if key is None:
            return False
        if self._plain_at is None or self._plain_at[0] != key:
            self._plain_at = (key, bool(self.index.plain_segments()))
        return self._plain_at[1]

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

    def _synonyms(self, query: str | None = None) -> Synonyms:
        """Entity terms that match each other in queries (none before there is an index);
        with ``query``, also what its one-word person names stand for (``person:kerry``)."""
        if not self._ready and not self.index.exists():
            return {}
        return self.directory.synonyms(query or "")

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
        return self.searches.search(query, limit, cancelled)

    def warm_up(self) -> None:
        """Do the first search's one-time work now (see :meth:`ArticleSearch.warm_up`):
        best called in the background once the index is ready."""
        self.searches.warm_up()

    def match_spans(self, query: str, article_id: str) -> list[tuple[int, int]]:
        """Spans of ``query`` in one article's body (find in article); plain words
        the index leaves out are found as written (see :meth:`ArticleSearch.match_spans`)."""
        return self.searches.match_spans(query, article_id)

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

    def entities_quick(self) -> bool:
        """Whether finding an article's entities is quick now (the recogniser's model is
        loaded: the first article need not wait a fifth of a second for it)."""
        return bool(getattr(self.recognizer(), "loaded", True))

    def entities(self, article_id: str) -> list[Any]:
        """The entity mentions in the body of one article, in order, named as the
        corpus names them once there is an index (:meth:`EntityDirectory.as_corpus`):
        the article's pane and highlights show "Velmora" as the company the corpus
        knows where this one page read a town, and "Zarn Dems" and "Zarnian
        Democrats" as one party, as the counts, facets and searches do."""
        mentions = body_mentions(self.recognizer(), self.article(article_id))
        if not mentions or (not self._ready and not self.index.exists()):
            return mentions
        if self.names_pending():
            # The corpus's names are being found: its types would be worked out again
            # at each commit of them, and be of part of the corpus. The article's own.
            return mentions
        try:
            return self._read(lambda: self.directory.as_corpus(mentions))
        except LibraryError:
            return mentions  # the article's own reading

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
        return self.across.passage_finder

    def passages(
        self,
        article_id: str,
        start: int = 0,
        end: int | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> list[Passage]:
        """The passages of one article (between ``start`` and ``end``) that other
        articles share: one per sentence, each with where else it appears.
        :class:`~tui.library.models.PassagesPending` while a full build's names are
        still to be found (the fingerprints come with them: the answer would miss
        those articles)."""
        return self.across.passages(article_id, start, end, cancelled)

    def reused_passages(
        self, count: int = 20, cancelled: Callable[[], bool] | None = None
    ) -> list[Reused]:
        """The passages the most articles of the corpus share, most first
        (:class:`PassagesPending` as :meth:`passages`)."""
        return self.across.reused(count, cancelled)

    def together(self, entity_id: str, limit: int | None = None) -> list[Together]:
        """The people, places and organisations mentioned in the same articles as
        ``entity_id`` (and how many sentences mention both), most articles first."""
        return self.across.together(entity_id, limit)

    def find_entity(self, name: str, type: str | None = None) -> tuple[str, str, str]:
        """(id, type, canonical name) of the entity called ``name`` (see
        :meth:`Cooccurrence.resolve`)."""
        return self.across.find_entity(name, type)

    # -- bookmarks --------------------------------------------------------------

    @property
    def bookmarks(self) -> BookmarkStore:
        return self.notes.store

    def reanchor_bookmarks(self) -> ReanchorReport:
        """Find every bookmarked passage again in the current articles."""
        return self.notes.reanchor()

    # -- corrections and new articles ---------------------------------------------

    def correct(self, ref: str, **fields: str | None) -> Correction | None:
        """Correct (or, with ``None`` or blank, restore) an article's title, date, source
        or byline, and index it again; returns its correction now.

        The correction is kept beside the bookmarks, by article id: the user's file
        is never changed. Raises :class:`~tui.bookmarks.CorrectionError` for a bad
        value and :class:`LibraryError` for an unknown article.
        """
        return self.notes.correct(ref, fields)

    def add_url(self, url: str, *, timeout: float | None = None) -> str:
        """Fetch a web page and save it in the corpus folder; its path in the corpus.

        Not indexed yet: call :meth:`update_index` (or scan) after. Raises
        :class:`~tui.clipping.ClipError` with a one-line reason.
        """
        return self.save_fetched(self.fetch_url(url, timeout=timeout))

    def fetch_url(self, url: str, *, timeout: float | None = None) -> Fetched:
        """Fetch a web page without saving it (:meth:`save_fetched` saves it): the app
        fetches, and saves only if the user still wants it. Raises
        :class:`~tui.clipping.ClipError` with a one-line reason."""
        from tui import clipping

        return clipping.fetch(url, timeout=clipping.TIMEOUT if timeout is None else timeout)

    def save_fetched(self, page: Fetched) -> str:
        """Save a page :meth:`fetch_url` fetched in the corpus folder; its path in the corpus."""
        from tui import clipping
        from tui.formats.cache import cache_at

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
