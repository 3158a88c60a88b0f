"""The article list and the search index, as the corpus folder is read and changes.

:class:`CorpusFeed` is a part of :class:`~tui.app.screens.main.MainScreen` (the
screen's message handlers call it). It shows the list once the folder is read,
opens the first article, starts indexing and says how it goes in the status line;
while the app watches the folder it reads the list again after each change
(after the build under way, if one is) and says what came and went. The index's side
(its updates, their progress and end) is its base :class:`~tui.app.screens.index_feed.IndexFeed`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.app import messages as m
from tui.app.screens.index_feed import IndexFeed
from tui.app.screens.panes import arrange_panes
from tui.articles import Article
from tui.library.head import Head
from tui.library.session import Session, skipped_digest, write_session
from tui.paths import index_command
from tui.text import ARTICLE_KINDS, plural

if TYPE_CHECKING:
    from tui.app.screens.main import MainScreen


#: The files (or records) a skipped-files notice names, one a line; the rest are counted.
SKIPPED_SHOWN = 3

#: Seconds between two notes of where the user is (the session): kept as the app runs,
#: not only when it closes: a terminal closed under it (a window, a tmux session killed:
#: SIGHUP) ends the app without its unmount, and the article left was lost.
SESSION_EVERY = 2.0


def skipped_notice(warnings: list[str], command: str = "") -> str:
    """The toast for what reading the folder skipped: how many, then the first few, each
    "name: why" on a line of its own (the warnings' own "skipped" said once, above),
    and where to see the rest (``command``: the ``dossier index`` of this app's index,
    :func:`tui.paths.index_command`). A warning is a file, or a record of an export or
    feed: counted as such."""
    count = len(warnings)
    lines = [f"{count:,} skipped while reading the folder:"]
    for warning in warnings[:SKIPPED_SHOWN]:
        lines.append(f"· {_reason(warning)}")
    if count > SKIPPED_SHOWN:
        more = f"and {count - SKIPPED_SHOWN:,} more"
        # "and 2 more" named no way to see them: `dossier index` prints each one.
        lines.append(f"{more}: {command} lists all" if command else more)
    return "\n".join(lines)


def unreadable_folder(corpus: object, warnings: list[str]) -> str:
    """What the reader says when every file in the folder was skipped: which, and why."""
    reasons = [_reason(w) for w in warnings[:SKIPPED_SHOWN]]
    if len(warnings) > SKIPPED_SHOWN:
        reasons.append(f"and {len(warnings) - SKIPPED_SHOWN:,} more")
    return (
        f"No article could be read in {corpus} ({plural(len(warnings), 'file')} skipped): "
        + "; ".join(reasons)
        + "."
    )


def _reason(warning: str) -> str:
    return warning.removesuffix("; skipped").replace(": skipped: ", ": ", 1)


class CorpusFeed(IndexFeed):
    """Scanning (and, from its base, indexing), for the main screen."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen
        self._scan_warnings: list[str] = []
        self._watch_started = False
        self._rescan_pending = False
        #: The first rows were shown and their first article opened: the folder is
        #: read once that article shows (or after a second, whatever happens to it).
        self._scan_waits = False
        self._head_shown = False
        #: The folder was read and holds no article (the key bar leaves out the keys
        #: that need one: see MainScreen.key_bar_hides).
        self.empty = False
        #: The article the user left the corpus on, opened once the list has it; and the
        #: one opened from the first rows (the user has moved on when another is wanted).
        self.resume: str | None = None
        self._first: str | None = None
        #: What reading the folder skipped when the app last closed (a digest): the
        #: same again at this start is not shown again (see articles_loaded).
        self._skipped_before: str | None = None
        #: The session is noted every SESSION_EVERY seconds once the folder is read.
        self._keeping = False
        #: The reader had the focus last (the screen's focus is gone as the app closes).
        self.reading = False

    def head_loaded(
        self, head: Head | None, article: Article | None = None, session: Session | None = None
    ) -> None:
        """The first rows, known at once: listed, and the first article opened (shown
        at once when it is ``article``, loaded with them); the folder is read once it
        shows. None: read the folder now. ``session``: where the user left the corpus
        (that order, and that article once it is listed)."""
        screen = self.screen
        if session is not None:
            self.resume = session.article
            if session.article is not None:
                screen.reading.resume = (session.article, session.at, session.reading)
            self._skipped_before = session.skipped
            if session.sort is not None:
                screen.article_list.sort_column = session.sort
        if head is None or not head.rows:
            self.scan()
            return
        self._head_shown = True
        screen.show_list(
            head.rows,
            ordered=head.rows,
            column=head.column,
            more=head.total - len(head.rows),
            filled=head.filled,
        )
        arrange_panes(screen)
        corpus = screen.dossier.library.corpus
        screen.status.message = f"{corpus.name or corpus}: {plural(head.total, 'article')}"
        if self.resume is not None:
            screen.article_list.move_to(self.resume)
        first = screen.article_list.highlighted_id
        if self.resume is not None and first != self.resume:
            # The article the user left is further down than the first rows: shown when
            # the worker could open it from the entries kept beside the index, else none
            # until the folder is read (not the first row's, replaced a moment later).
            first = article.id if article is not None and article.id == self.resume else None
        self._first = first
        if first is None:
            self.scan()
            return
        self._scan_waits = True
        if article is not None and article.id == first:
            screen.reading.wanted = first
            known = head.entries.get(article.id)
            file_hash = known[1].hash if known is not None else None
            screen.reading.show(m.ArticleLoaded(article, None, (), "", None, file_hash))
            # Its bookmarks, as for any article opened (their marks, the note bar): shown
            # straight from the head, it missed the screen's ArticleLoaded handling.
            screen.bookmarking.article_shown(article.id)
            self.article_shown()
            return
        screen.reading.open(first)
        screen.set_timer(1.0, self.article_shown)

    def article_shown(self) -> None:
        """An article is shown: read the folder if that waited for it (once it is
        painted: the scan's worker would hold up the paint)."""
        if self._scan_waits:
            self._scan_waits = False
            self.screen.call_after_refresh(self.scan)

    def scan_progress(self, done: int, total: int) -> None:
        """The folder's scan has listed ``done`` of its ``total`` files: said while the
        list shows the first rows only (a folder never indexed: one row for seconds), or
        none yet; not in a scan after a change (the list is whole, the line says more)."""
        if self._head_shown or not self.screen.summaries:
            corpus = self.screen.dossier.library.corpus
            self.screen.status.message = (
                f"{corpus.name or corpus}: reading the folder, {done:,} of {total:,} files…"
            )

    def scan(self, *, refresh: bool = False) -> None:
        """Read the folder (in a worker); the list comes sorted as it shows now."""
        screen = self.screen
        screen.dossier.scan_corpus(screen, refresh=refresh, column=screen.article_list.sort_column)

    def articles_loaded(self, message: m.ArticlesLoaded) -> None:
        screen, app = self.screen, self.screen.dossier
        had = set(screen.summaries)
        head_shown, self._head_shown = self._head_shown, False
        screen.show_list(
            message.articles,
            ordered=message.ordered,
            column=message.column,
            listing=message.listing,
        )
        arrange_panes(screen)
        corpus = app.library.corpus
        said_before = skipped_digest(message.warnings) == self._skipped_before
        self._skipped_before = None  # the first read of the folder only
        if message.warnings and message.warnings != self._scan_warnings:
            if said_before:
                # The files skipped when the app last closed, for the same reasons: the
                # toast of 8 s came at every start. A line that passes says it now.
                count = plural(len(message.warnings), "file")
                screen.status.flash(f"{count} skipped while reading the folder, as before.")
            else:
                app.notify(
                    skipped_notice(message.warnings, index_command(app.library.paths)),
                    severity="warning",
                    markup=False,
                    kind="scan-warnings",
                    timeout=8,
                )
        self._scan_warnings = list(message.warnings)
        if message.articles and not self._keeping:
            self._keeping = True
            screen.set_interval(SESSION_EVERY, self.note_session)
        if app.watching and not self._watch_started:
            self._watch_started = True
            app.watch_corpus(screen, app.watch_stop)
        if self.empty != (not message.articles):
            self.empty = not message.articles
            screen.refresh_bindings()
        if not message.articles:
            watching = " They show up here as they arrive." if app.watching else ""
            screen.reader.empty_message = (
                f"No articles in {corpus}. Put articles in that folder ({ARTICLE_KINDS}; "
                f"subfolders count too).{watching}"
            )
            if message.warnings:
                # Files are there but none could be read: say which and why where it
                # stays, not only in a toast that leaves after a few seconds.
                screen.reader.empty_message = unreadable_folder(corpus, message.warnings)
            screen.status.message = "No articles"
            app.index_problem = (
                f"There are no articles to search in {corpus}: Dossier reads the articles "
                "in the folder and its subfolders."
            )
            arrange_panes(screen)
            return
        screen.status.message = (
            f"{corpus.name or corpus}: {plural(len(message.articles), 'article')}"
        )
        if message.refresh and screen.article is not None:
            self._say_what_changed(had)
        elif self._resumed():
            pass  # the article the user left the corpus on
        elif head_shown and (screen.article is not None or screen.reading.wanted):
            pass  # the first article opened from the first rows stays
        else:
            first = screen.article_list.highlighted_id
            if first is not None:
                screen.reading.open(first)
        self.start_indexing()

    def _resumed(self) -> bool:
        """Open the article the user left the corpus on (once: at the start), unless it
        is gone or the user has moved on since. True when it is the one open."""
        wanted, self.resume = self.resume, None
        screen = self.screen
        if wanted is None or wanted not in screen.summaries:
            return False
        if screen.reading.wanted not in (None, self._first):
            return False  # the user has moved on
        screen.article_list.move_to(wanted)
        if screen.reading.wanted != wanted:
            screen.reading.open(wanted)
        return True

    def note_session(self) -> None:
        """Keep the session while the app runs, once an article is open (the file is
        written only when it changed)."""
        if self.screen.article_id is not None:
            self.keep_session()

    def keep_session(self) -> None:
        """The app closes: note the article open, where the reader is in it and the
        list's order for the next start."""
        screen = self.screen
        reader = screen.reader
        resume = screen.reading.resume
        if resume is not None and resume[0] == screen.article_id:
            at, reading = resume[1], resume[2]  # not shown yet: kept as it was
        else:  # (a raw text's rows are not the article's offsets)
            at = 0 if reader.raw else reader.top_offset() or 0
            reading = self.reading
        session = Session(
            screen.article_id,
            screen.article_list.sort_column,
            skipped_digest(self._scan_warnings),
            at,
            reading,
        )
        write_session(screen.dossier.library.paths.data, session)

    def _say_what_changed(self, had: set[str]) -> None:
        """After a re-read: new articles counted, the open one kept even if it went."""
        now = set(self.screen.summaries)
        added, removed = len(now - had), len(had - now)
        parts = [f"{added:,} new" if added else "", f"{removed:,} removed" if removed else ""]
        said = ", ".join(p for p in parts if p)
        article_id = self.screen.article_id
        if article_id is not None and article_id not in now:
            said = (said + "; " if said else "") + "the open article left the folder"
        if said:
            self.screen.status.flash(f"The folder changed: {said}.", seconds=6)

    def scan_failed(self, error: str) -> None:
        self.screen.reader.empty_message = error
        self.screen.status.message = error
        self.screen.dossier.notify(error, severity="error", markup=False, timeout=10)
