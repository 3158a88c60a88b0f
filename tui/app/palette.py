"""Command palette (ctrl+p) entries: go to an article, an entity or a bookmark.

One provider, :class:`GoTo`, lists items of one kind as ``Go to <kind>: <name>``
and matches what the user types against that label (and, a little lower, against
what :meth:`GoTo.also` adds: an entity's other names, a bookmark's note); each
kind says where its items come from and what choosing one does. Not to be
confused with :mod:`tui.commands`, the command line.
"""

from __future__ import annotations

import asyncio
import heapq
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from typing import TYPE_CHECKING, ClassVar, Generic, TypeVar

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.fuzzy import Matcher
from textual.markup import escape
from textual.system_commands import SystemCommandsProvider

from tui.app.base import UsesDossier
from tui.app.safe import plain, visible
from tui.bookmarks import Bookmark
from tui.library import ArticleSummary, EntityCount
from tui.library.labels import meta_parts
from tui.text import plural

if TYPE_CHECKING:
    from tui.app.screens.main import MainScreen

T = TypeVar("T")

#: Entries listed before the user types.
MAX_HITS = 40
#: Articles, entities and bookmarks rank below the app's commands that match as well:
#: "rebuild" is Rebuild index before an article titled "… rebuilds empire".
ITEM_WEIGHT = 0.6
#: A match on what :meth:`GoTo.also` adds counts this much of one on the label.
ALSO_WEIGHT = 0.8


def _highlight(matcher: Matcher, label: str) -> Text:
    """Like ``Matcher.highlight`` but never reads ``label`` as markup."""
    text = plain(label)
    _, offsets = matcher.fuzzy_search.match(matcher.query, label)
    style = matcher.match_style.rich_style
    for offset in offsets:
        if not label[offset].isspace():
            text.stylize(style, offset, offset + 1)
    return text


class CommandsFirst(SystemCommandsProvider):
    """Textual's commands (Theme, Quit) and the app's (Rebuild index, the exports,
    Settings), listed before the articles, entities and bookmarks when nothing is typed.

    Textual lists what each provider offers before a word is typed in the order it
    arrives: on BBC's 2,225 articles the palette opened on 40 articles and 40 entities,
    and Theme or Rebuild index was below them all. A hit with a score goes before
    those (they score 0); the commands keep their alphabetical order among them."""

    async def discover(self) -> Hits:
        async for hit in super().discover():
            assert isinstance(hit, DiscoveryHit)
            yield Hit(1.0, hit.display, hit.command, text=hit.text, help=hit.help)


class GoTo(UsesDossier, Provider, Generic[T]):
    """``Go to <KIND>: <name>`` for each item; choosing one runs :meth:`go` on the main screen."""

    KIND: ClassVar[str] = ""
    #: At most this many hits per search, the best (None: every match): at 50,000
    #: articles a short query matches thousands, which the palette lists slowly.
    SEARCH_LIMIT: ClassVar[int | None] = 200
    #: Whether a search's hits carry the second line that the listed ones do.
    HELP_IN_SEARCH: ClassVar[bool] = True
    #: The worker group that reads the items (named in the app's error toasts).
    GROUP: ClassVar[str] = "palette"

    loaded: list[T] | None = None

    # -- what a kind defines ---------------------------------------------------------

    def fetch(self) -> Callable[[], Iterable[T]] | None:
        """What reads the items, in a thread worker when the palette opens (None: no read)."""
        return None

    def items(self) -> Sequence[T]:
        return self.loaded or []

    def name(self, item: T) -> str:
        raise NotImplementedError

    def also(self, item: T) -> str:
        """More words to match, counted a little less than the label ('' for none)."""
        return ""

    def describe(self, item: T) -> str | None:
        """The second line (Textual markup: escape article text)."""
        return None

    def go(self, screen: MainScreen, item: T) -> None:
        raise NotImplementedError

    # -- the provider ----------------------------------------------------------------

    async def startup(self) -> None:
        fetch = self.fetch()
        if fetch is None:
            return
        worker = self.app.run_worker(
            fetch, thread=True, exclusive=True, group=self.GROUP, exit_on_error=False
        )
        try:
            self.loaded = list(await worker.wait())
        except Exception:  # reported by the app's worker handler
            self.loaded = []

    def label(self, item: T) -> str:
        return f"Go to {self.KIND}: {self.name(item)}"

    def _choose(self, item: T) -> None:
        screen = self.dossier.main_screen()
        if screen is not None:
            self.go(screen, item)

    async def discover(self) -> Hits:
        for item in list(self.items())[:MAX_HITS]:
            yield DiscoveryHit(
                plain(self.label(item)), partial(self._choose, item), help=self.describe(item)
            )

    async def search(self, query: str) -> Hits:
        """The items that match ``query``, the best :attr:`SEARCH_LIMIT` of them, best
        first. The app's commands are gathered first: the palette shows what it has
        every quarter of a second, and at 50,000 articles and 17,000 entities the
        items took seconds, the first list shown then held articles and entities only
        ("rebui": 190 articles, and Enter went to the first). And the matching gives
        way every few hundred items, to the keys typed meanwhile."""
        matcher = self.matcher(query)
        await asyncio.sleep(0)  # the other providers (the app's commands) go first
        scored: list[tuple[float, int, str]] = []
        items = list(self.items())
        for n, item in enumerate(items):
            if n % _GIVE_WAY == _GIVE_WAY - 1:
                await asyncio.sleep(0)
            label = self.label(item)
            score = matcher.match(label)
            if score <= 0 and (also := self.also(item)):
                score = matcher.match(f"Go to {self.KIND}: {also}") * ALSO_WEIGHT
            if score > 0:
                scored.append((score, n, label))
        limit = self.SEARCH_LIMIT or len(scored)
        for score, n, label in heapq.nlargest(limit, scored, key=_by_score):
            item = items[n]
            yield Hit(
                score * ITEM_WEIGHT,
                _highlight(matcher, label),
                partial(self._choose, item),
                text=label,
                help=self.describe(item) if self.HELP_IN_SEARCH else None,
            )


#: The matching of a search gives way to the rest of the app after this many items.
_GIVE_WAY = 500


def _by_score(scored: tuple[float, int, str]) -> tuple[float, int]:
    return scored[0], -scored[1]  # the better score; of equal ones, the first listed


class ArticleCommands(GoTo[ArticleSummary]):
    """``Go to article: <title>`` for every article in the corpus."""

    KIND = "article"
    HELP_IN_SEARCH = False  # one line per article: more of them fit

    def items(self) -> Sequence[ArticleSummary]:
        return self.dossier.articles

    def name(self, item: ArticleSummary) -> str:
        return item.title

    def describe(self, item: ArticleSummary) -> str | None:
        # As the list's second line: source and date, else the file's name if it reads.
        line = " · ".join(meta_parts(item))
        return escape(visible(line, keep_newlines=False)) or None

    def go(self, screen: MainScreen, item: ArticleSummary) -> None:
        screen.reading.open(item.id)
        screen.reader.focus()


class EntityCommands(GoTo[EntityCount]):
    """``Go to entity: <name>``, also found by its other names."""

    KIND = "entity"

    def fetch(self) -> Callable[[], Iterable[EntityCount]]:
        return self.dossier.library.entity_facets

    def name(self, item: EntityCount) -> str:
        return item.name

    def also(self, item: EntityCount) -> str:
        return " ".join(item.aliases)

    def describe(self, item: EntityCount) -> str:
        kind = {"person": "person", "place": "place", "org": "organisation"}.get(
            item.type, item.type
        )
        return escape(
            f"{kind} · {plural(item.articles, 'article')}, {plural(item.mentions, 'mention')}"
        )

    def go(self, screen: MainScreen, item: EntityCount) -> None:
        screen.navigator.choose_entity(item.id, item.name)


class BookmarkCommands(GoTo[Bookmark]):
    """``Go to bookmark: <quote>``, also found by its note, tags and article title."""

    KIND = "bookmark"
    GROUP = "palette-bookmarks"

    def fetch(self) -> Callable[[], Iterable[Bookmark]]:
        # The app keeps every bookmark (newest first) and reads only what changed since.
        return self.dossier.bookmark_cache.refresh

    def name(self, item: Bookmark) -> str:
        quote = " ".join(item.quote.split())
        return quote if len(quote) <= 70 else quote[:69] + "…"

    def also(self, item: Bookmark) -> str:
        return " ".join((item.note, *item.tags, item.article_title))

    def describe(self, item: Bookmark) -> str:
        parts = [item.article_title, *(f"#{t}" for t in item.tags)]
        if item.note.strip():
            parts.insert(0, " ".join(item.note.split())[:60])
        if item.orphaned:
            parts.insert(0, "orphaned")
        return escape(" · ".join(parts))

    def go(self, screen: MainScreen, item: Bookmark) -> None:
        screen.bookmarking.go_to(item)
