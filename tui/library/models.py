"""What the library hands out: plain, frozen records, and its exceptions."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)  # 50,000 of them in the app at 50k: no __dict__ each
class ArticleSummary:
    """What the article list needs, without the body."""

    id: str
    path: str
    title: str
    source: str | None
    date: str | None  # ISO "YYYY-MM-DD"
    byline: str | None
    format: str = "txt"  # txt, md, html, jsonl, json, csv, rss, atom (tui.formats)
    url: str | None = None
    language: str | None = None
    #: The id of another article whose file has the same text (corpora hold copies): the
    #: first of them by path is the original, the others say whose copy they are.
    duplicate_of: str | None = None


@dataclass(frozen=True)
class SearchHit:
    id: str
    path: str
    title: str
    source: str | None
    date: str | None
    score: float
    snippet: str  # plain text
    snippet_matches: tuple[tuple[int, int], ...]  # spans of matched words within snippet
    matches: tuple[tuple[int, int], ...]  # spans of every match within the article body
    #: The id of the hit whose file has the same text and comes first by path (this
    #: one is a copy, as the article list says: ``manifest.copies_of``), if any.
    duplicate_of: str | None = None
    format: str = "txt"
    url: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class SearchResult:
    query: str
    hits: tuple[SearchHit, ...]
    total: int  # number of matching articles (hits may be limited)


@dataclass(frozen=True)
class ScanResult:
    articles: list[ArticleSummary]
    warnings: list[str]


@dataclass(frozen=True)
class UpdateReport:
    added: int = 0
    changed: int = 0
    removed: int = 0
    rebuilt: bool = False
    message: str = ""
    warnings: tuple[str, ...] = ()
    #: Files that could not be read (this time or before, and unchanged since), and
    #: paths the walk of the folder left out (broken links, pipes, unreadable folders).
    skipped: int = 0
    #: The index could not be brought up to date (another copy writes, or it is
    #: read-only): searches read it as it was.
    stale: bool = False
    #: Articles whose names were found by this update (a full build's second phase, or
    #: what was left of one: tui.library.naming).
    names_found: int = 0
    #: Articles are left without their names (stopped, or another process finds them):
    #: searches on names miss them until the next update finds them.
    names_pending: bool = False
    #: Why they are left, when it is not that they were stopped or found elsewhere.
    names_why: str = ""

    @property
    def touched(self) -> int:
        return self.added + self.changed + self.removed


@dataclass(frozen=True)
class EntityCount:
    id: str
    type: str
    name: str
    articles: int
    mentions: int
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class EntityOccurrence:
    article: ArticleSummary
    start: int
    end: int
    sentence: str
    sentence_start: int


class QueryError(ValueError):
    """A query that cannot be parsed; the message is one line for the user."""


class LibraryError(Exception):
    """A corpus that cannot be used (missing folder, unreadable); one-line message."""


class NoSuchArticle(LibraryError):
    """No article of the corpus has that id or path."""


class PassagesPending(LibraryError):
    """Shared passages are not ready: a full build's articles still wait for their
    names, and their passage fingerprints come with them (:mod:`tui.index.enriched`).
    ``articles``: how many still wait (0: not known)."""

    def __init__(self, articles: int = 0) -> None:
        counted = f" of {articles:,} articles" if articles else ""
        super().__init__(
            "shared passages are not ready yet: they are found with the names"
            f"{counted}, which are still being found"
        )
        self.articles = articles


class IndexDamaged(LibraryError):
    """A read of the index failed: it is marked for a rebuild on the next update."""
