"""The main screen: article list, reader, entities pane, status line.

Panes post messages up (``ArticleList.Selected``, ``EntityPane.Chosen``); this
screen asks the app's thread workers for data and sets attributes on the panes
below it when typed result messages come back, dropping stale ones. Match
stepping (``n``/``N``) works on the reader's current match list, whichever
filled it last: a search hit, find-in-article, or the chosen entity.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.reactive import Reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget

from tui.app import messages as m
from tui.app.screens.article_edits import ArticleEdits
from tui.app.screens.bookmarking import Bookmarking
from tui.app.screens.key_hints import main_screen_hint
from tui.app.screens.navigation import TYPED_ACTIONS, Navigation, typing
from tui.app.widgets.article_list import ArticleList
from tui.app.widgets.entity_pane import EntityPane
from tui.app.widgets.find_bar import FindBar
from tui.app.widgets.key_bar import KeyBar
from tui.app.widgets.note_bar import NoteBar
from tui.app.widgets.reader import Reader
from tui.app.widgets.status_bar import StatusBar
from tui.text import plural

#: Below this width one pane shows at a time; below HUGE the entities pane hides the list.
NARROW = 100
HUGE = 150
#: Seconds the list's cursor rests on an article before the reader previews it.
PREVIEW_DELAY = 0.12


class MainScreen(ArticleEdits, Bookmarking, Navigation, Screen[None]):
    """The reading screen."""

    # The keys that open a text box (/ f B) hold back the keys typed after them until the
    # box has the focus (tui.app.typeahead). Focus moves with set_focus, at once, rather
    # than focus(), which waits behind keys the app has already taken from the terminal.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "search", "Search", id="search", tooltip="Search every article"),
        Binding("f,ctrl+f", "find", "Find", id="find", tooltip="Find in this article"),
        Binding("n", "next_match", "Next", id="next_match", tooltip="Next match"),
        Binding("N", "prev_match", "Prev", id="prev_match", show=False, tooltip="Previous match"),
        Binding("e", "toggle_entities", "Entities", id="entities", tooltip="Show entities"),
        Binding("r", "toggle_raw", "Raw", id="raw", tooltip="Raw / cleaned text"),
        Binding(
            "right_square_bracket", "next_mention", "Next mention", id="next_mention", show=False
        ),
        Binding(
            "left_square_bracket", "prev_mention", "Prev mention", id="prev_mention", show=False
        ),
        Binding("B", "bookmarks", "Bookmarks", id="bookmarks", tooltip="Every bookmark"),
        Binding(
            "M",
            "correct",
            "Correct",
            id="correct",
            show=False,
            tooltip="Correct the article's title, date, source or byline",
        ),
        Binding("escape", "back", "Back", id="back"),
        # Esc in the list, once there is nowhere to go back to, drops the highlighted matches.
        Binding("escape", "clear_matches", "Clear matches", id="clear_matches"),
    ]

    # Textual repaints the whole screen when the focus moves (a second frame after every
    # open); each widget whose look follows the focus repaints itself anyway.
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    def __init__(self) -> None:
        super().__init__()
        self.summaries: dict[str, Any] = {}
        self.article: Any | None = None
        self.wanted: str | None = None  # the article being loaded
        self.focus_on_load: str | None = None  # give the reader the focus when this one shows
        self.find_query = ""
        self._preview_timer: Timer | None = None
        self._scan_warnings: list[str] = []
        self._watch_started = False
        self._rescan_pending = False

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            yield ArticleList(id="article-list")
            with Vertical(id="reader-column"):
                yield Reader(id="reader")
                yield NoteBar(id="note-bar")
                yield FindBar(id="find-bar")
            yield EntityPane(id="entity-pane")
        yield StatusBar(id="status")
        yield KeyBar(id="key-bar")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # The key bar offers Esc only where it does something, named for what it does.
        if action == "back":
            return self.focused is not self.article_list
        if action == "clear_matches":
            return self.focused is self.article_list and bool(self.reader.matches)
        # Textual leaves out the bindings whose keys the focused text box takes as text,
        # but it has no character for "slash" (Unicode calls it SOLIDUS): without this the
        # key bar would offer / Search while the find box has the focus.
        return not (action in TYPED_ACTIONS and typing(self))

    def key_bar_hides(self, action: str) -> bool:
        """Keys that work but are left out of the key bar while they have nothing to do."""
        if action in ("next_match", "prev_match"):
            readers = self.query(Reader)
            return not (
                (readers and readers.first().matches)
                or (self.match_scope == "search" and self.hits)
                or (self.match_scope == "entity" and self.occurrences)
            )
        return False

    @property
    def reader(self) -> Reader:
        return self.query_one(Reader)

    @property
    def article_list(self) -> ArticleList:
        return self.query_one(ArticleList)

    @property
    def entity_pane(self) -> EntityPane:
        return self.query_one(EntityPane)

    @property
    def status(self) -> StatusBar:
        return self.query_one(StatusBar)

    def on_mount(self) -> None:
        self.query_one(FindBar).display = False
        self.entity_pane.display = False
        self.reader.empty_message = "Reading the corpus…"
        self.status.message = f"Reading {self.app.library.corpus}…"  # type: ignore[attr-defined]
        self.article_list.focus()
        self.app.scan_corpus(self)  # type: ignore[attr-defined]

    # -- corpus and index ------------------------------------------------------------------

    def on_articles_loaded(self, message: m.ArticlesLoaded) -> None:
        had = set(self.summaries)
        self.summaries = {a.id: a for a in message.articles}
        self.app.articles = list(message.articles)  # type: ignore[attr-defined]
        self.article_list.set_articles(message.articles)
        self.arrange_panes()
        app: Any = self.app
        corpus = app.library.corpus
        if message.warnings and message.warnings != self._scan_warnings:
            count = len(message.warnings)
            app.notify(
                # A warning is a file, or a record of an export or feed: counted as such.
                f"{count:,} skipped while reading the folder: {message.warnings[0]}"
                + (f" (and {count - 1:,} more)" if count > 1 else ""),
                severity="warning",
                markup=False,
                kind="scan-warnings",
            )
        self._scan_warnings = list(message.warnings)
        if app.watching and not self._watch_started:
            self._watch_started = True
            app.watch_corpus(self, app.watch_stop)
        if not message.articles:
            watching = " They show up here as they arrive." if app.watching else ""
            self.reader.empty_message = (
                f"No articles in {corpus}. Put articles in that folder (text, Markdown, "
                f"web pages, exports or feeds; subfolders count too).{watching}"
            )
            self.status.message = "No articles"
            app.index_problem = (
                f"There are no articles to search in {corpus}: Dossier reads the articles "
                "in the folder and its subfolders."
            )
            self.arrange_panes()
            return
        self.status.message = f"{corpus.name or corpus}: {plural(len(message.articles), 'article')}"
        if message.refresh and self.article is not None:
            self._say_what_changed(had)
        else:
            first = self.article_list.highlighted_id
            if first is not None:
                self.open_article(first)
        self.start_indexing()

    def _say_what_changed(self, had: set[str]) -> None:
        """After a re-read: new articles counted, the open one kept even if it went."""
        added = len(set(self.summaries) - had)
        removed = len(had - set(self.summaries))
        parts = [f"{added:,} new" if added else "", f"{removed:,} removed" if removed else ""]
        said = ", ".join(p for p in parts if p)
        if self.article is not None and self.article.id not in self.summaries:
            said = (said + "; " if said else "") + "the open article left the folder"
        if said:
            self.status.flash(f"The folder changed: {said}.", seconds=6)

    def on_corpus_changed(self, message: m.CorpusChanged) -> None:
        """Files came, changed or went: read the list again, then update the index."""
        if self.status.indexing:
            self._rescan_pending = True  # after this build, once more
            return
        self.app.scan_corpus(self, refresh=True)  # type: ignore[attr-defined]

    def on_scan_failed(self, message: m.ScanFailed) -> None:
        self.reader.empty_message = message.error
        self.status.message = message.error
        self.app.notify(message.error, severity="error", markup=False, timeout=10)

    def start_indexing(self, *, rebuild: bool = False) -> None:
        self.app.index_ready = False  # type: ignore[attr-defined]
        self.app.index_problem = None  # type: ignore[attr-defined]
        self.status.indexing = True
        self.status.info = "indexing…"
        self.app.update_index(self, rebuild=rebuild)  # type: ignore[attr-defined]

    def rebuild_index(self) -> None:
        """Rebuild the search index from the articles (command palette)."""
        self.start_indexing(rebuild=True)

    def on_index_progress(self, message: m.IndexProgress) -> None:
        self.status.progress(message.done, message.total)
        if message.total and message.done >= message.total:
            self.status.info = "saving the index…"  # every article read: the commit is left
        else:
            self.status.info = f"indexing {message.done:,}/{message.total:,}"

    def on_index_finished(self, message: m.IndexFinished) -> None:
        self.status.indexing = False
        if self._rescan_pending:
            self._rescan_pending = False
            self.app.scan_corpus(self, refresh=True)  # type: ignore[attr-defined]
        if message.error is not None:
            self.status.info = "search unavailable"
            palette = self.app.key_for("command_palette", "ctrl+p")  # type: ignore[attr-defined]
            self.app.index_problem = (  # type: ignore[attr-defined]
                f"Search is unavailable: the index could not be built ({message.error}). "
                f"Reading still works; {palette} → Rebuild index tries again."
            )
            self.app.notify(
                f"The search index could not be built: {message.error}. "
                f"Reading still works; try {palette} → Rebuild index.",
                severity="error",
                markup=False,
                timeout=10,
            )
            self.app.announce_index_state()  # type: ignore[attr-defined]  # search says why
            return
        self.status.info = "index ready"
        self.app.index_ready = True  # type: ignore[attr-defined]
        self.app.warm_search()  # type: ignore[attr-defined]
        # Read the bookmarks now, in the background, so that B shows them at once.
        self.app.load_bookmarks(self.app)  # type: ignore[attr-defined]
        # What is loaded now stays: out of the garbage collector's way (see tui.app.heap).
        self.call_after_refresh(self.app.heap.settle)  # type: ignore[attr-defined]
        if message.changed and message.message:
            self.app.notify(message.message, markup=False, timeout=3)

    # -- opening articles ------------------------------------------------------------------

    @on(ArticleList.Selected)
    def _article_selected(self, message: ArticleList.Selected) -> None:
        self._stop_preview()
        self.open_article(message.article_id, take_focus=True)

    @on(ArticleList.Highlighted)
    def _article_highlighted(self, message: ArticleList.Highlighted) -> None:
        """Moving the list's cursor shows that article in the reader, the focus staying put.

        Only when the reader is on screen beside the list, and once the cursor rests
        for a moment: holding j does not load every article it passes.
        """
        self._stop_preview()
        if (
            self.focused is not self.article_list
            or not self.query_one("#reader-column").display
            or message.article_id in (self.wanted, getattr(self.article, "id", None))
        ):
            return
        article_id = message.article_id
        self._preview_timer = self.set_timer(PREVIEW_DELAY, lambda: self.open_article(article_id))

    def _stop_preview(self) -> None:
        if self._preview_timer is not None:
            self._preview_timer.stop()
            self._preview_timer = None

    def open_article(
        self,
        article_id: str,
        *,
        focus: int | None = None,
        matches: tuple[tuple[int, int], ...] = (),
        query: str = "",
        take_focus: bool = False,
    ) -> None:
        """Ask for ``article_id``; it is shown when :class:`ArticleLoaded` arrives.

        With ``take_focus`` the reader gets the focus when the article shows, so the
        new article and the focus change are painted in one frame rather than two.
        """
        self.wanted = article_id
        self.focus_on_load = article_id if take_focus else None
        self.app.load_article(self, article_id, focus=focus, matches=matches, query=query)  # type: ignore[attr-defined]

    def on_article_loaded(self, message: m.ArticleLoaded) -> None:
        article = message.article
        if article.id != self.wanted:
            return  # the user has moved on
        previous = self.article
        self.article = article
        current = 0 if message.matches else -1
        if message.focus is not None and message.matches:
            current = next(
                (i for i, (start, _) in enumerate(message.matches) if start >= message.focus), 0
            )
        keep_mentions = previous is not None and previous.id == article.id
        mentions = self.reader.mentions if keep_mentions else ()
        if message.mentions is not None and not keep_mentions:
            mentions = tuple(message.mentions)
        self.reader.show(article, mentions=mentions, matches=message.matches, current=current)
        if message.focus is not None:
            self.reader.scroll_to_offset(message.focus)
        self.article_list.mark_current(article.id)
        self.article_list.move_to(article.id)
        if self.focus_on_load == article.id:
            self.focus_on_load = None
            self.set_focus(self.reader)
        self.match_query = message.query
        if not message.matches:
            self.match_scope = ""
        self.update_match_info()
        if keep_mentions:
            return
        if message.mentions is not None:
            self.entity_pane.show_entities(article.title, message.mentions)
        else:
            self.app.load_entities(self, article.id)  # type: ignore[attr-defined]

    @on(Reader.CruftToggled)
    def _cruft_toggled(self, message: Reader.CruftToggled) -> None:
        self.app.toggle_cruft(self, message.article, message.line, message.removed)  # type: ignore[attr-defined]

    def on_cruft_marked(self, message: m.CruftMarked) -> None:
        if self.article is not None and message.article.id == self.article.id:
            self.article = message.article
            self.reader.reshow_raw(message.article)
        self.status.flash(message.said, seconds=5)
        self.start_indexing()

    def on_entities_loaded(self, message: m.EntitiesLoaded) -> None:
        if self.article is None or message.article_id != self.article.id:
            return
        self.reader.mentions = tuple(message.mentions)
        self.entity_pane.show_entities(self.article.title, message.mentions)

    # -- panes, raw text, back -------------------------------------------------------------

    def action_toggle_entities(self) -> None:
        pane = self.entity_pane
        pane.display = not pane.display
        self.arrange_panes()
        if pane.display:
            pane.fill_entities()
            self.set_focus(pane.query_one("#entity-list"))
        elif pane.has_focus_within:
            self.set_focus(self.reader)

    def action_toggle_raw(self) -> None:
        if self.article is None:
            return
        self.reader.raw = not self.reader.raw
        self.update_match_info()

    async def action_back(self) -> None:
        focused = self.focused
        if focused is self.reader and self._reading_a_hit():
            await self.open_search()  # Esc from a search hit: back to the results
        elif (
            self.entity_pane.display
            and focused is not None
            and self._inside(focused, self.entity_pane)
        ):
            self.set_focus(self.reader)
        elif focused is not self.article_list:
            self.set_focus(self.article_list)

    def _reading_a_hit(self) -> bool:
        """Whether the open article is the search result last opened from the results."""
        return (
            self.match_scope == "search"
            and 0 <= self.hit_index < len(self.hits)
            and self.article is not None
            and self.hits[self.hit_index].id == self.article.id
        )

    def action_clear_matches(self) -> None:
        self.clear_matches()

    @staticmethod
    def _inside(widget: Widget, container: Widget) -> bool:
        return widget is container or container in widget.ancestors

    def on_descendant_focus(self) -> None:
        self.arrange_panes()

    # -- a key that does nothing here says where it works ------------------------------

    def on_key(self, event: events.Key) -> None:
        """A letter no binding here takes: say in the status line where it works."""
        hint = main_screen_hint(self, event)
        if hint is not None:
            self.status.flash(hint)

    def on_resize(self) -> None:
        self.arrange_panes()

    def arrange_panes(self) -> None:
        """Show the panes that fit: one at a time when narrow, the list yields to entities.

        Display is set directly rather than through a screen class: restyling the whole
        screen on every focus change costs more than a frame.
        """
        width = self.size.width
        focused = self.focused
        # An empty list leaves the pane to the reader, which says why (reading, no articles).
        reading = self.article_list.item_count == 0 or (
            focused is not None and not self._inside(focused, self.article_list)
        )
        entities = self.entity_pane.display
        if width < NARROW:
            show_list, show_reader = not reading, reading
        else:
            show_list, show_reader = not (entities and width < HUGE), True
        column = self.query_one("#reader-column")
        if self.article_list.display != show_list:
            self.article_list.display = show_list
        if column.display != show_reader:
            column.display = show_reader
