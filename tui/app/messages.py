"""Typed messages that thread workers post back to the UI.

Workers never touch widgets: they call the library and post one of these to
the node that asked. Every message carries what the request was (a query, an
article id), so the handler can drop results that are no longer wanted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from textual.message import Message
from textual.message_pump import MessagePump

from tui.library.session import Session

# Annotations only: what a message carries is imported where it is made. tui.entities
# loads the recogniser (~20 ms), which the launch does not need before its first article.
if TYPE_CHECKING:
    from tui.articles import Article
    from tui.entities import Mention
    from tui.library import ArticleSummary, EntityOccurrence, SearchResult
    from tui.library.cooccur import Together
    from tui.library.head import Head
    from tui.library.ordering import Listing
    from tui.library.passages import Passage
    from tui.ner.curation import Change


@dataclass
class ArticlesLoaded(Message):
    """The corpus was scanned: the article list can be shown."""

    articles: list[ArticleSummary]
    warnings: list[str]
    refresh: bool = False  # a re-read after the folder changed: keep what the reader shows
    #: ``articles`` in the list's order by ``column``, sorted in the worker (sorting
    #: 50,000 rows on the UI thread would hold up keys); None: not sorted.
    ordered: list[ArticleSummary] | None = None
    column: str | None = None
    #: The same made whole in the worker (the tables by id and by row too), or None.
    listing: Listing | None = None


@dataclass
class HeadLoaded(Message):
    """The first rows of the list, known without reading the folder (None: they are
    not; the folder is read the long way)."""

    head: Head | None
    #: The first row's article, loaded in the same worker (None: not loaded): the
    #: article the user left the corpus on, when it is among the rows.
    first: Article | None = None
    #: Where the user left the corpus: that article and that order again.
    session: Session = field(default_factory=Session)


@dataclass
class CorpusChanged(Message):
    """Files in the corpus folder were added, edited or removed while the app runs."""


@dataclass
class ScanFailed(Message):
    """The corpus could not be read at all."""

    error: str


@dataclass
class ScanProgress(Message):
    """How many of the folder's files the scan has listed; a burst collapses into the latest."""

    done: int
    total: int

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, ScanProgress)


@dataclass
class IndexProgress(Message):
    """Indexing progress; a burst of these collapses into the latest one."""

    done: int
    total: int
    #: The build it reports on (IndexFeed numbers them; None: whichever runs).
    build: int | None = None

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, IndexProgress)


@dataclass
class IndexSearchable(Message):
    """A full build's first phase committed: search works; the names come after
    (:mod:`tui.library.naming`), told by :class:`NamesProgress`."""

    #: The build it reports on (see IndexProgress.build).
    build: int | None = None


@dataclass
class NamesProgress(Message):
    """How far the names of a full build (or what was left of one) are found."""

    done: int
    total: int
    build: int | None = None

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, NamesProgress)


@dataclass
class NamesLanded(Message):
    """The names another process was finding are all in the index now."""


@dataclass
class IndexFinished(Message):
    """Indexing ended: ``error`` is a one-line reason when it failed."""

    message: str
    error: str | None = None
    changed: bool = False
    #: The list as the index has it now, when it changed (a saved page's extracted
    #: title replaces the one its <head> gave before it was indexed).
    articles: list[ArticleSummary] | None = None
    #: ``articles`` sorted by ``column`` (see ArticlesLoaded).
    ordered: list[ArticleSummary] | None = None
    column: str | None = None
    #: The build that ended (see IndexProgress.build).
    build: int | None = None
    #: Articles are left without their names (another process finds them, or they
    #: could not be committed): what needs them says so.
    names_pending: bool = False


@dataclass
class IndexReadyChanged(Message):
    """Search became available (or unavailable): sent by the app to every open screen."""

    ready: bool


@dataclass
class ArticleLoaded(Message):
    """An article was read. ``focus`` is a body offset to scroll to, if any.

    ``mentions`` are its entities when the worker found them along with the article
    (short articles: one message, one layout, no highlights popping in a frame later).
    """

    article: Article
    focus: int | None = None
    matches: tuple[tuple[int, int], ...] = ()
    query: str = ""
    mentions: list[Mention] | None = None  # found with the article when quick; else EntitiesLoaded
    #: The hash of the article's file as the folder's last reading noted it (None: not yet).
    file_hash: str | None = None


@dataclass
class EntityCorrected(Message):
    """A correction was written to entities.yaml (``error``: why it was not), or one was
    undone (``undone``). ``change`` is what was written, for undo: a correction's is kept,
    and an undo that failed for want of the disk gives its back to be tried again."""

    text: str
    error: str | None = None
    change: Change | None = None
    undone: bool = False


@dataclass
class EntitiesLoaded(Message):
    """The entity mentions of one article."""

    article_id: str
    mentions: list[Mention]


@dataclass
class EntityOccurrencesLoaded(Message):
    """Every mention of one entity across the corpus."""

    entity_id: str
    name: str
    occurrences: list[EntityOccurrence]


@dataclass
class SearchFinished(Message):
    """Search results for ``query``; ``error`` is set for a bad query."""

    query: str
    result: SearchResult | None
    error: str | None = None
    seconds: float = 0.0


@dataclass
class MatchesFound(Message):
    """Every match of ``query`` inside one article (find-in-article)."""

    query: str
    article_id: str
    spans: list[tuple[int, int]]
    error: str | None = None


@dataclass
class ArticleClipped(Message):
    """A web page was saved into the corpus folder (``path`` relative to the corpus)."""

    url: str
    path: str


@dataclass
class ClipFailed(Message):
    """A web page could not be added; ``error`` is one line."""

    url: str
    error: str


@dataclass
class ArticleCorrected(Message):
    """The user's correction of an article was kept (and the index took it)."""

    article_id: str
    error: str | None = None
    articles: list[ArticleSummary] | None = None  # the corrections applied


@dataclass
class CruftMarked(Message):
    """A raw line was marked as cruft (or restored); ``article`` is cleaned anew."""

    article: Article
    said: str


@dataclass
class SharedPassagesLoaded(Message):
    """The passages of ``article_id`` other articles share: the whole article's
    (``whole``, for the reader's marks) or those of ``start``-``end`` (``w``);
    ``not_ready``: why there are none to show yet (a full build's names, which the
    passages come with, are still being found)."""

    article_id: str
    start: int
    end: int
    passages: list[Passage]
    whole: bool
    not_ready: str = ""


@dataclass
class TogetherLoaded(Message):
    """The entities mentioned with ``entity_id`` (the entities pane's "Mentioned with")."""

    entity_id: str
    name: str
    together: list[Together]


@dataclass
class ListExported(Message):
    """A list was written to ``path`` (``error``: why it was not); ``asked``: the node
    the export was asked from (its screen says so, and the toast leaves with it)."""

    path: str
    count: int
    error: str = ""
    asked: MessagePump | None = None
