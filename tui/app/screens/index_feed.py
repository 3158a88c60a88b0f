"""The search index as the folder changes: its updates, their progress in the status
line, and what comes when one ends (search warmed, bookmarks read, the heap settled).

:class:`IndexFeed` is the base of :class:`~tui.app.screens.feed.CorpusFeed`, a part of
:class:`~tui.app.screens.main.MainScreen`: the screen's message handlers call it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.app import messages as m
from tui.text import plural

if TYPE_CHECKING:
    from tui.app.screens.main import MainScreen


class IndexFeed:
    """Indexing, for the main screen (the folder's side is :class:`CorpusFeed`)."""

    screen: MainScreen
    #: The folder changed during a build: read it again once the build ends.
    _rescan_pending = False
    #: The number of the latest build started: a build it cancelled still ends (or
    #: fails, cancelled), and that end is not this build's.
    build = 0

    def scan(self, *, refresh: bool = False) -> None:
        """Read the folder (CorpusFeed)."""
        raise NotImplementedError

    def corpus_changed(self) -> None:
        """Files came, changed or went: read the list again, then update the index."""
        if self.screen.status.indexing:
            self._rescan_pending = True  # after this build, once more
            return
        self.scan(refresh=True)

    def rebuild_index(self) -> None:
        """Rebuild the search index from the articles (command palette)."""
        self.start_indexing(rebuild=True)

    def start_indexing(self, *, rebuild: bool = False) -> None:
        app, status = self.screen.dossier, self.screen.status
        # (an index searched before: searched meanwhile, as last committed)
        app.index_searchable = app.index_searchable or app.index_ready
        app.index_ready = False
        app.index_problem = None
        status.indexing = True
        status.progress(0, 0)  # nothing counted yet
        status.info = "indexing…"
        self.build += 1
        column = self.screen.article_list.sort_column
        app.update_index(self.screen, rebuild=rebuild, column=column, build=self.build)

    def latest(
        self, message: m.IndexProgress | m.IndexSearchable | m.NamesProgress | m.IndexFinished
    ) -> bool:
        """Whether ``message`` is about the latest build (not one it cancelled): a
        cancelled build's end said "index ready" beside the next one's count, without its
        bar, or that the index could not be built."""
        return message.build is None or message.build == self.build

    def entity_corrected(self, message: m.EntityCorrected) -> None:
        """An entity correction was saved (or undone): the open article's entities, then
        every article's in the index, follow it. A correction is kept for undo (``u`` in
        the entities pane, the palette); an undo the disk refused is kept again."""
        app = self.screen.dossier
        if message.change is not None and (message.error is None) != message.undone:
            app.entity_changes.append(message.change)
        self.screen.refresh_bindings()  # u comes into the key bar, or leaves it
        if message.error is not None:
            what = "undo the correction" if message.undone else "save the correction"
            app.notify(
                f"Could not {what}: {message.error}", severity="error", markup=False, timeout=8
            )
            return
        # (every article as soon as the index is updated: started below)
        app.notify(f"{message.text}.", markup=False, timeout=4)
        if self.screen.article_id is not None:
            app.load_entities(self.screen, self.screen.article_id)
        self.start_indexing()  # the index's entity fields and counts follow

    def index_progress(self, done: int, total: int) -> None:
        status = self.screen.status
        status.progress(done, total)
        if total and done >= total:
            status.info = "saving the index…"  # every article read: the commit is left
        elif done == 0:
            # Not "indexing 0/5": the first articles take longest (the entity model
            # loads), and a count standing at 0 for seconds reads as stuck.
            status.info = f"indexing {plural(total, 'article')}…"
        else:
            status.info = f"indexing {done:,}/{total:,}"

    def index_searchable(self) -> None:
        """A full build's first phase committed: search works while the names are found."""
        app, status = self.screen.dossier, self.screen.status
        app.names = (0, 0)
        status.info = "searchable · finding names…"
        status.progress(0, 0)
        app.index_problem = None
        app.index_ready = True
        app.warm_search()

    def names_progress(self, done: int, total: int) -> None:
        """The names of ``done`` of ``total`` articles are found (a full build's second
        phase, or what was left of one: the index is searchable as committed)."""
        app, status = self.screen.dossier, self.screen.status
        was = app.names
        app.names = (done, total)
        if not app.index_ready:
            app.index_searchable = True  # (what is committed answers searches meanwhile)
        status.progress(done, total)
        status.info = app.names_note(short=True)
        if was is None:
            app.announce_index_state()  # what needs the names says they are coming

    def names_landed(self, pending: bool = False) -> None:
        """An update ended, the names all there or some left (found by another
        process, or they could not be committed: then they are waited for), or the
        names another process was finding landed."""
        screen, app = self.screen, self.screen.dossier
        had = app.names is not None
        app.names = (0, 0) if pending else None
        if pending:
            app.watch_names(screen)
        if had and not pending:
            # What the names change shows them now: the open article's entities as the
            # corpus names them, the counts, searches and timelines of names.
            if screen.article_id is not None:
                app.load_entities(screen, screen.article_id)
            app.announce_index_state()

    def index_finished(self, message: m.IndexFinished) -> None:
        screen, app, status = self.screen, self.screen.dossier, self.screen.status
        status.indexing = False
        if message.error is None:
            self.names_landed(message.names_pending)
        if self._rescan_pending:
            self._rescan_pending = False
            self.scan(refresh=True)
        if message.error is not None:
            app.index_searchable = False
            status.info = "search unavailable"
            palette = app.key_for("command_palette", "ctrl+p")
            app.index_problem = (
                f"Search is unavailable: the index could not be built ({message.error}). "
                f"Reading still works; {palette} → Rebuild index tries again."
            )
            app.notify(
                f"The search index could not be built: {message.error}. "
                f"Reading still works; try {palette} → Rebuild index.",
                severity="error",
                markup=False,
                timeout=10,
            )
            app.announce_index_state()  # the search screen says why
            return
        status.info = "index ready" if app.names is None else app.names_note(short=True)
        app.index_ready = True
        app.warm_search()
        # Read the bookmarks now, in the background, so that B shows them at once.
        app.load_bookmarks(app)
        # What is loaded now stays: out of the garbage collector's way (see tui.app.heap).
        screen.call_after_refresh(app.heap.settle, full=False)
        if message.changed and message.message:
            app.notify(message.message, markup=False, timeout=3)
        if message.changed:
            screen.reading.read_again()  # its file may be one that changed
