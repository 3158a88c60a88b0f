"""Command palette providers: go to an article, an entity or a bookmark."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.fuzzy import Matcher
from textual.markup import escape

from tui.app.safe import plain
from tui.text import plural

if TYPE_CHECKING:
    from tui.app.app import DossierApp

MAX_HITS = 40
#: Articles, entities and bookmarks rank below the app's commands that match as well:
#: "rebuild" is Rebuild index before an article titled "… rebuilds empire".
ITEM_WEIGHT = 0.6


def _highlight(matcher: Matcher, label: str) -> Text:
    """Like ``Matcher.highlight`` but never reads ``label`` as markup."""
    text = plain(label)
    _, offsets = matcher.fuzzy_search.match(matcher.query, label)
    style = matcher.match_style.rich_style
    for offset in offsets:
        if not label[offset].isspace():
            text.stylize(style, offset, offset + 1)
    return text


def _main_screen(app: DossierApp):  # noqa: ANN202
    from tui.app.screens.main import MainScreen

    for screen in reversed(app.screen_stack):
        if isinstance(screen, MainScreen):
            return screen
    return None


class ArticleCommands(Provider):
    """``Go to article: <title>`` for every article in the corpus."""

    def _open(self, article_id: str) -> None:
        screen = _main_screen(self.app)  # type: ignore[arg-type]
        if screen is not None:
            screen.open_article(article_id)
            screen.reader.focus()

    async def discover(self) -> Hits:
        for article in list(self.app.articles)[:MAX_HITS]:  # type: ignore[attr-defined]
            yield DiscoveryHit(
                plain(f"Go to article: {article.title}"),
                partial(self._open, article.id),
                help=escape(" · ".join(p for p in (article.source, article.date) if p)) or None,
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        found = 0
        for article in list(self.app.articles):  # type: ignore[attr-defined]
            label = f"Go to article: {article.title}"
            score = matcher.match(label)
            if score <= 0:
                continue
            yield Hit(
                score * ITEM_WEIGHT,
                _highlight(matcher, label),
                partial(self._open, article.id),
                text=label,
            )
            found += 1
            if found >= 200:
                return


class EntityCommands(Provider):
    """``Go to entity: <name>``: lists the corpus's entities (loaded in a thread worker)."""

    facets: list[Any] | None = None

    async def startup(self) -> None:
        library = self.app.library  # type: ignore[attr-defined]
        worker = self.app.run_worker(
            library.entity_facets, thread=True, group="palette", exit_on_error=False
        )
        try:
            self.facets = list(await worker.wait())
        except Exception:  # reported by the app's worker handler
            self.facets = []

    def _choose(self, entity_id: str, name: str) -> None:
        screen = _main_screen(self.app)  # type: ignore[arg-type]
        if screen is not None:
            screen.choose_entity(entity_id, name)

    def _label(self, facet: Any) -> str:
        return f"Go to entity: {facet.name}"

    def _help(self, facet: Any) -> str:
        kind = {"person": "person", "place": "place", "org": "organisation"}.get(
            facet.type, facet.type
        )
        return escape(
            f"{kind} · {plural(facet.articles, 'article')}, {plural(facet.mentions, 'mention')}"
        )

    async def discover(self) -> Hits:
        for facet in (self.facets or [])[:MAX_HITS]:
            yield DiscoveryHit(
                plain(self._label(facet)),
                partial(self._choose, facet.id, facet.name),
                help=self._help(facet),
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for facet in self.facets or []:
            label = self._label(facet)
            score = matcher.match(label)
            if score <= 0:
                aliases = " ".join(getattr(facet, "aliases", ()) or ())
                score = matcher.match(f"Go to entity: {aliases}") * 0.8 if aliases else 0
            if score > 0:
                yield Hit(
                    score * ITEM_WEIGHT,
                    _highlight(matcher, label),
                    partial(self._choose, facet.id, facet.name),
                    text=label,
                    help=self._help(facet),
                )


class BookmarkCommands(Provider):
    """``Go to bookmark: <quote>``, matched on the quote, note, tags and article title."""

    bookmarks: list[Any] | None = None

    async def startup(self) -> None:
        # The app keeps every bookmark (newest first) and reads only what changed since.
        cache = self.app.bookmark_cache  # type: ignore[attr-defined]
        worker = self.app.run_worker(
            cache.refresh,
            thread=True,
            exclusive=True,
            group="palette-bookmarks",
            exit_on_error=False,
        )
        try:
            self.bookmarks = list(await worker.wait())
        except Exception:  # reported by the app's worker handler
            self.bookmarks = []

    def _go(self, bookmark: Any) -> None:
        screen = _main_screen(self.app)  # type: ignore[arg-type]
        if screen is not None:
            screen.go_to_bookmark(bookmark)

    @staticmethod
    def _label(bookmark: Any) -> str:
        quote = " ".join(bookmark.quote.split())
        quote = quote if len(quote) <= 70 else quote[:69] + "…"
        return f"Go to bookmark: {quote}"

    @staticmethod
    def _help(bookmark: Any) -> str:
        parts = [bookmark.article_title, *(f"#{t}" for t in bookmark.tags)]
        if bookmark.note.strip():
            parts.insert(0, " ".join(bookmark.note.split())[:60])
        if bookmark.orphaned:
            parts.insert(0, "orphaned")
        return escape(" · ".join(parts))

    async def discover(self) -> Hits:
        for bookmark in (self.bookmarks or [])[:MAX_HITS]:
            yield DiscoveryHit(
                plain(self._label(bookmark)), partial(self._go, bookmark), help=self._help(bookmark)
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for bookmark in self.bookmarks or []:
            label = self._label(bookmark)
            score = matcher.match(label)
            if score <= 0:  # the note, tags and title count too, a little less
                extra = " ".join((bookmark.note, *bookmark.tags, bookmark.article_title))
                score = matcher.match(f"Go to bookmark: {extra}") * 0.8
            if score > 0:
                yield Hit(
                    score * ITEM_WEIGHT,
                    _highlight(matcher, label),
                    partial(self._go, bookmark),
                    text=label,
                    help=self._help(bookmark),
                )
