"""The folder and the search: the library's slow calls about the whole folder, as
thread workers of the app (the index's: :mod:`tui.app.index_workers`; those about one
article: :mod:`tui.app.article_workers`).

Each worker posts a typed message (see :mod:`tui.app.messages`) to the node
that asked for the work and never touches a widget. Workers of one group are
exclusive: a new search cancels the previous one, and handlers drop any stale
result that still arrives. Failures surface in one place,
:meth:`DossierApp.on_worker_state_changed`.
"""

from __future__ import annotations

import threading
import time

from textual import work
from textual.app import App
from textual.message_pump import MessagePump
from textual.worker import get_current_worker

from tui.app import messages as m
from tui.articles import Article
from tui.library import Library
from tui.library.head import Head
from tui.library.ordering import listing, usable_column
from tui.library.session import read_session, resume_head

#: Seconds between two words of the folder's scan on how far it is.
SCAN_PROGRESS_EVERY = 0.25


def cancelled() -> bool:
    """Whether the running worker was cancelled (a newer request is on its way)."""
    return get_current_worker().is_cancelled


class LibraryWorkers(App[None]):
    """The library's slow calls, as workers of the app (a base class of DossierApp).

    A base class of the app rather than an object the app owns: ``@work`` makes a
    worker of the node whose method it decorates, and these belong to the app, which
    outlives every screen and reports every failure in one place.
    """

    library: Library
    #: The folder watchers' threads (one a session): the app waits for them at its end.
    watchers: list[threading.Thread]
    #: Set once the folder is watched (or will not be): an update's look at every file
    #: made after it misses no change that the watcher does not see (tui.watch).
    watch_ready: threading.Event

    @work(thread=True, exclusive=True, group="first-look", exit_on_error=False)
    def first_look(self, target: MessagePump) -> None:
        """The first rows of the list when they are known without reading the folder
        (a few ``stat`` calls and a small file: see :mod:`tui.library.head`)."""
        first = None
        session = read_session(self.library.paths.data)
        try:
            found = self.library.head()
            # Only Dossier or the config changed since the index was made (a release, a
            # cleaning rule): the folder's listing reads every file (20 s at 50,000
            # articles) and the index is made again. The rows as listed then show
            # meanwhile, their articles read and cleaned as they are now.
            files_only = found is None
            if files_only:
                found = self.library.head(files_only=True)
            # The rows in the order the user left the list in, and the article open then.
            head, wanted = resume_head(found, session)
            if head is not None and session.article not in (None, wanted):
                # Further down the list than the first rows: from the entries kept
                # beside the index, if they have it (else none: CorpusFeed.head_loaded).
                primed = self.library.prime_article(str(session.article), files_only=files_only)
                wanted = primed if primed == session.article else None
            if head is not None and wanted is not None:
                # While the UI thread draws the screen: the article it will open first.
                first = self.library.article(wanted)
        except Exception:  # noqa: BLE001 - only a head start: the scan lists them anyway
            head = None
        if head is None:
            head, first = self._first_of_new_folder()
        target.post_message(m.HeadLoaded(head, first, session))

    def _first_of_new_folder(self) -> tuple[Head | None, Article | None]:
        """A folder never indexed: its first file's article, read alone, as the one row
        known (the folder's listing reads every file: 5 s at 10,000 articles)."""
        try:
            made = self.library.first_article()
            if made is None:
                return None, None
            _, entry, count = made
            row = entry.summary(self.library.catalog.resolve(entry.id))
            filled = {"source": bool(row.source), "date": bool(row.date)}
            column = usable_column("date", filled)
            entries = {row.id: (row.path, entry)}
            return Head([row], count, column, filled, entries, {}), self.library.article(row.id)
        except Exception:  # noqa: BLE001 - only a head start, as above
            return None, None

    @work(thread=True, exclusive=True, group="scan", exit_on_error=False)
    def scan_corpus(
        self, target: MessagePump, *, refresh: bool = False, column: str = "date"
    ) -> None:
        """Read the folder; the list comes sorted by ``column`` (or by title when no
        article fills that column), so that the UI thread does not sort it."""
        said = [0.0]

        def progress(done: int, total: int) -> None:
            # A few a second: each is a repaint of the status line on the UI thread.
            if done and time.monotonic() - said[0] >= SCAN_PROGRESS_EVERY:
                said[0] = time.monotonic()
                target.post_message(m.ScanProgress(done, total))

        try:
            result = self.library.scan(progress)
        except OSError as exc:
            target.post_message(m.ScanFailed(f"cannot read the corpus: {exc.strerror or exc}"))
            return
        if cancelled():
            return
        # the list whole, its tables too: the UI thread only takes it
        made = listing(result.articles, column)
        if not cancelled():
            target.post_message(
                m.ArticlesLoaded(
                    made.articles,
                    list(result.warnings),
                    refresh,
                    ordered=made.ordered,
                    column=made.column,
                    listing=made,
                )
            )

    def watch_corpus(self, target: MessagePump, stop: threading.Event) -> None:
        """Post :class:`CorpusChanged` to ``target`` after each burst of changes.

        Not a worker: a watcher runs for the whole session, while a worker is a task
        that ends (the tests wait for every worker to finish). A daemon thread of its
        own, which ``stop`` ends; a failure is logged, and the app goes on unwatched.
        The thread is kept in ``watchers`` so that the app's end can wait for it.
        """
        from tui.watch import watch_corpus

        skip = self.library.settings.corpus_skip
        # The folders the scan just listed: each is watched by itself (tui.watch).
        folders = list(self.library.catalog.folders)
        ready = self.watch_ready

        def changed() -> None:
            target.post_message(m.CorpusChanged())

        def run() -> None:
            try:
                watch_corpus(
                    self.library.corpus, stop, changed, skip=skip, folders=folders, ready=ready.set
                )
            except Exception as exc:  # noqa: BLE001 - reading goes on without the watcher
                self.log.warning(f"not watching the folder: {exc}")
            finally:
                ready.set()  # (an update waiting for it goes on)

        thread = threading.Thread(target=run, name="dossier-watch", daemon=True)
        self.watchers.append(thread)
        thread.start()

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def run_search(self, target: MessagePump, query: str, limit: int = 50) -> None:
        from tui.library import QueryError, SearchCancelled

        started = time.perf_counter()
        try:
            # The search stops as soon as this worker is cancelled: by a newer
            # search, by Esc, or by quitting (the app does not wait for it).
            result = self.library.search(query, limit=limit, cancelled=cancelled)
        except SearchCancelled:
            return
        except QueryError as exc:
            target.post_message(m.SearchFinished(query, None, one_line(exc)))
            return
        if not cancelled():
            seconds = time.perf_counter() - started
            target.post_message(m.SearchFinished(query, result, seconds=seconds))

    @work(thread=True, exclusive=True, group="warm", exit_on_error=False)
    def warm_search(self) -> None:
        """The first search's one-time costs, paid while the user is still reading."""
        started = time.perf_counter()
        try:
            self.library.warm_up()
        except Exception:  # noqa: BLE001 - only a head start: the search itself reports errors
            return
        self.log(f"search warmed in {(time.perf_counter() - started) * 1000:.0f} ms")


def one_line(exc: BaseException) -> str:
    """An error as the one line the user is shown."""
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
