"""The index: bringing it up to date, and waiting for the names another process is
finding, as thread workers of the app (a base class of DossierApp, like
:class:`~tui.app.workers.LibraryWorkers`, whose folder watcher an update waits for).

Each worker posts a typed message (see :mod:`tui.app.messages`) to the node that
asked for the work and never touches a widget; failures surface in
:meth:`DossierApp.on_worker_state_changed`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence

from textual import work
from textual.app import App
from textual.message_pump import MessagePump
from textual.worker import get_current_worker

from tui.app import messages as m
from tui.app.workers import cancelled, one_line
from tui.heap import give_back
from tui.library import ArticleSummary, Library, UpdateReport
from tui.library.ordering import columns_filled, in_order, usable_column

#: How long (seconds) an index update waits for the folder watcher to start.
WATCH_WAIT = 5.0
#: Seconds between two looks at the names another process is finding.
NAMES_EVERY = 1.0


class IndexWorkers(App[None]):
    """The index's slow calls, as workers of the app (see :mod:`tui.app.workers` for
    why a base class)."""

    library: Library
    #: The folder watchers' threads (:class:`~tui.app.workers.LibraryWorkers`).
    watchers: list[threading.Thread]
    #: Set once the folder is watched (or will not be).
    watch_ready: threading.Event

    @work(thread=True, exclusive=True, group="index", exit_on_error=False)
    def update_index(
        self,
        target: MessagePump,
        *,
        rebuild: bool = False,
        column: str = "date",
        build: int | None = None,
    ) -> None:
        """Bring the index up to date (``rebuild``: from scratch). Its messages carry
        ``build``: a newer build cancels this one, whose end must not end the newer's."""

        def progress(done: int, total: int) -> None:
            target.post_message(m.IndexProgress(done, total, build))

        def searchable(_report: UpdateReport) -> None:
            target.post_message(m.IndexSearchable(build))

        def naming(done: int, total: int) -> None:
            target.post_message(m.NamesProgress(done, total, build))

        # A file changed between the scan and the watch's start is seen by this look at
        # every file, made once the watch is in place (a few ms after the scan).
        if self.watchers:
            self.watch_ready.wait(WATCH_WAIT)
        try:
            if not rebuild and self._quick_update():
                # Every file as the last full update left it (a stat of each, no
                # reading of the manifest): nothing to do.
                target.post_message(m.IndexFinished("", build=build))
                return
            # (a full build is searchable before its names are found: tui.library.naming)
            method = self.library.rebuild_index if rebuild else self.library.update_index
            report = method(
                progress=progress, cancelled=cancelled, searchable=searchable, naming=naming
            )
        except Exception as exc:  # a broken index must not kill the app
            target.post_message(m.IndexFinished("", error=one_line(exc), build=build))
            return
        finally:
            self._let_go()
        changed = bool(report.added or report.changed or report.removed or report.rebuilt)
        articles, ordered, sorted_by = None, None, None
        if changed:
            try:
                articles = list(self.library.articles())
                ordered, sorted_by = _sorted(articles, column)
            except Exception:  # noqa: BLE001 - the list stays as the scan made it
                articles, ordered = None, None
        target.post_message(
            m.IndexFinished(
                report.message,
                changed=changed,
                articles=articles,
                ordered=ordered,
                column=sorted_by,
                build=build,
                names_pending=report.names_pending,
            )
        )

    @work(thread=True, exclusive=True, group="names-watch", exit_on_error=False)
    def watch_names(self, target: MessagePump) -> None:
        """Wait for the names another process is finding (a ``dossier index`` of the
        same folder), telling how far it is (the file it writes beside its lock:
        :mod:`tui.library.names_told`): a look at the index's table of contents and at
        that file a second."""
        from tui.library.names_told import read_progress
        from tui.library.naming import being_named

        worker = get_current_worker()
        folder = self.library.paths.index
        said = None
        elsewhere = False  # another process was seen finding them
        while not worker.is_cancelled:
            try:
                if not self.library.names_pending():
                    target.post_message(m.NamesLanded())
                    return
                if being_named(folder):
                    elsewhere = True
                elif elsewhere:
                    # That process stopped with names left: this app finds them (an
                    # update, as after any change).
                    target.post_message(m.CorpusChanged())
                    return
            except Exception:  # noqa: BLE001 - the next update says what is wrong
                return
            progress = read_progress(folder) if elsewhere else None
            if progress is not None and progress != said:
                said = progress
                target.post_message(m.NamesProgress(*progress))
            time.sleep(NAMES_EVERY)

    def _let_go(self) -> None:
        """The list is read and the index in step: what only that needed goes (the parsed
        manifest, the look at the disk), and the freed pages go back to the system."""
        self.library.catalog.release()
        give_back()

    def _quick_update(self) -> bool:
        """Whether every file is as the last full update left it (a ``stat`` of each,
        the manifest not read); False also when that cannot be told."""
        try:
            # The folder was just read: the manifest tells whether the index has the
            # user's corrections, so reading bookmarks (which touches their file) does
            # not make every start update the index the long way.
            checked = self.library.catalog.corrections_in_step()
            return self.library.quick_update(every_file=True, corrections_checked=checked)
        except Exception:  # noqa: BLE001 - the full update says what is wrong
            return False


def _sorted(articles: Sequence[ArticleSummary], column: str) -> tuple[list[ArticleSummary], str]:
    """``articles`` in the list's order by ``column`` (the title when no article fills
    it), and the column used."""
    column = usable_column(column, columns_filled(articles))
    return in_order(articles, column), column
