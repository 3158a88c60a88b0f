"""The Dossier Textual app: owns the library, the workers, the keymap and the theme."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from functools import partial
from typing import ClassVar

from textual import events
from textual.app import App, SystemCommand
from textual.await_remove import AwaitRemove
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.dom import DOMNode
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.worker import Worker, WorkerState

from tui.app import strip_cycles
from tui.app.across_workers import AcrossWorkers
from tui.app.article_workers import ArticleWorkers
from tui.app.bookmark_export import FORMATS, BookmarkExport
from tui.app.bookmark_workers import BookmarkWorkers
from tui.app.gil import SwitchInterval
from tui.app.heap import HeapKeeper, long_work
from tui.app.index_workers import IndexWorkers
from tui.app.keys_and_theme import KeysAndTheme
from tui.app.messages import IndexReadyChanged
from tui.app.notices import Notices
from tui.app.palette import ArticleCommands, BookmarkCommands, CommandsFirst, EntityCommands
from tui.app.palette_searches import SavedSearchCommands
from tui.app.screens.help import HelpScreen
from tui.app.screens.main import MainScreen
from tui.app.search_workers import SearchWorkers
from tui.app.system_commands import main_screen_commands
from tui.app.turns import Turns
from tui.app.typeahead import TypeAhead
from tui.app.worker_failures import failure
from tui.app.workers import LibraryWorkers
from tui.library import ArticleSummary, IndexDamaged, Library
from tui.library.naming import asks_names


class DossierApp(
    Notices,
    TypeAhead,
    AcrossWorkers,
    BookmarkWorkers,
    BookmarkExport,
    SearchWorkers,
    ArticleWorkers,
    IndexWorkers,
    LibraryWorkers,
    KeysAndTheme,
    App[None],
):
    """A reader for one corpus folder. Build it with :func:`tui.app.create_app`."""

    CSS_PATH = "dossier.tcss"
    TITLE = "Dossier"
    # (Textual's system commands, which App.COMMANDS holds, first: palette.CommandsFirst)
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {
        CommandsFirst,
        ArticleCommands,
        EntityCommands,
        BookmarkCommands,
        SavedSearchCommands,
    }
    # The main screen shows one, two or three panes depending on the width.
    HORIZONTAL_BREAKPOINTS = [
        (0, "-narrow"),
        (100, "-wide"),
        (150, "-huge"),
    ]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="quit", tooltip="Quit Dossier"),
        Binding("question_mark", "help", "Help", id="help", tooltip="Every key"),
        Binding("ctrl+p", "command_palette", "Commands", id="command_palette", show=False),
    ]

    index_ready: reactive[bool] = reactive(False)

    def __init__(
        self,
        library: Library,
        *,
        keymap: dict[str, str] | None = None,
        theme: str | None = None,
        problems: Iterable[str] = (),
        debounce: float = 0.15,
        search_limit: int = 50,
        watch: bool = False,
    ) -> None:
        strip_cycles.install()
        super().__init__()
        self.library = library
        self.articles: list[ArticleSummary] = []
        self.keymap = dict(keymap or {})
        self._wanted_theme = theme
        self._problems = list(problems)
        self.debounce = debounce
        self.search_limit = search_limit
        self.heap = HeapKeeper(busy=lambda: long_work(self.workers))
        self.switching = SwitchInterval()
        self.entity_changes = []
        self.entity_turns = Turns()
        #: Why search is unavailable (no articles, the index failed), or None.
        self.index_problem: str | None = None
        #: An index was ready in this session and an update of it runs: searches answer
        #: from it as last committed meanwhile, and run again when the update lands.
        self.index_searchable = False
        #: (done, total) articles whose names are found while a full build's second phase
        #: runs (tui.library.naming); (0, 0) when not counted; None: every name is there.
        self.names: tuple[int, int] | None = None
        #: Whether new and changed files are picked up while the app runs.
        self.watching = watch
        #: Set when the app ends: the folder watcher's thread stops.
        self.watch_stop = threading.Event()
        self.watchers: list[threading.Thread] = []
        self.watch_ready = threading.Event()

    def on_mount(self) -> None:
        self.switching.start()
        self.heap.start()
        self.set_interval(0.5, self.heap.tick)
        self.apply_settings()
        self.push_screen(MainScreen())

    def names_note(self, *, short: bool = False) -> str:
        """What to say while the names are being found ("" when they are all there)."""
        if self.names is None:
            return ""
        done, total = self.names
        counted = f" {done:,} of {total:,} articles" if total else ""
        if short:
            return f"finding names…{counted}"
        return f"Finding names…{counted}"

    def names_caveat(self, query: str) -> str:
        """What a search's status adds while the names are found: that a query on names
        (``person:``…) misses the articles not read yet, and that the counts of names
        are not whole ("" once every name is there)."""
        if self.names is None:
            return ""
        if asks_names(query):
            return f" · {self.names_note()}: person:, place: and org: miss the rest"
        return f" · {self.names_note(short=True)}"

    def watch_index_ready(self, ready: bool) -> None:
        self.announce_index_state()

    def announce_index_state(self) -> None:
        """Tell every open screen whether search works (and so why, if it does not)."""
        for screen in self.screen_stack:
            screen.post_message(IndexReadyChanged(self.index_ready))

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent):
            self.heap.touched()
        await super().on_event(event)

    def _prune(self, *nodes: Widget, parent: DOMNode | None = None) -> AwaitRemove:
        """A screen closed (a search, a dialog) is removed from the app, which then laid
        out the screen shown again as if the app's children were its widgets: a layout
        of the main screen at every search result opened (10-20 ms of the UI thread's
        CPU at 50,000 articles, issue 13). Each screen is laid out on its own, when it
        shows again as when its size changes: the screen's removal lays nothing out."""
        if parent is self and all(isinstance(node, Screen) for node in nodes):
            parent = None
        return super()._prune(*nodes, parent=parent)

    def on_unmount(self) -> None:
        self.watch_stop.set()
        self.heap.stop()
        self.switching.stop()
        # The watcher sees the stop within ~50 ms; waited for, it does not outlive the
        # app (a host process, the tests, would otherwise start its next build with a
        # thread left running, and a build forks its workers only with none).
        for thread in self.watchers:
            thread.join(timeout=1.0)

    # -- one place for worker failures -----------------------------------------------------

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.SUCCESS and event.worker.group == "warm":
            # What the first search's warm-up read stays (every article's facet record:
            # ~77,000 objects at 50,000 articles): frozen, or the next full collection
            # walks it all (40 ms of the UI thread's CPU, in the middle of a search).
            self.heap.settle(full=False)
        if event.state != WorkerState.ERROR:
            return
        error = event.worker.error
        if isinstance(error, IndexDamaged):
            # Found by a read: rebuild (the update sees the mark), then search again.
            self.notify(f"{error}; rebuilding it.", severity="warning", markup=False)
            # (no index as last committed to search meanwhile: searches wait for this one)
            self.index_ready = self.index_searchable = False
            main = next((s for s in self.screen_stack if isinstance(s, MainScreen)), None)
            if main is not None:
                main.feed.start_indexing()
            return
        self.notify(failure(event.worker.group, error), severity="error", markup=False, timeout=8)

    # -- actions ---------------------------------------------------------------------------

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.help_sections(), self.keymap))

    def main_screen(self) -> MainScreen | None:
        for screen in reversed(self.screen_stack):
            if isinstance(screen, MainScreen):
                return screen
        return None

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # Textual's own "Keys" repeats Help; maximising panes and SVG screenshots are
        # not things a reader of articles looks for here.
        for command in super().get_system_commands(screen):
            if command.title not in ("Keys", "Maximize", "Minimize", "Screenshot"):
                yield command
        main = self.main_screen()
        if main is None:
            return
        yield from main_screen_commands(main, self.key_for)
        for fmt, what in FORMATS.items():
            yield SystemCommand(
                f"Export bookmarks ({fmt})",
                f"Write every bookmark as {what}",
                partial(self.ask_export, fmt),
            )
