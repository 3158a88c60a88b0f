"""Adding articles from the web, and correcting what Dossier read of an article.

:class:`ArticleEdits` is a part of :class:`~tui.app.screens.main.MainScreen` (the
screen's message handlers call it). "Add article from URL" (command palette) asks
for an address in an :class:`AddUrlDialog`, which fetches and saves the page in a
thread worker (and says there what went wrong); then the corpus is read again (the
list updates, the index takes the new page) and the new article opens. ``M`` opens
a :class:`CorrectionDialog` on the open article's title, date, source and byline;
the correction is kept beside the bookmarks and indexed in a worker, then the list
and the reader show it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.app import messages as m
from tui.app.widgets.article_dialogs import AddUrlDialog, CorrectionDialog
from tui.library import ArticleSummary

if TYPE_CHECKING:
    from tui.app.screens.main import MainScreen


class ArticleEdits:
    """Pages added from the web, and corrections, for the main screen."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen
        #: The corpus path of a page just added: opened once the list has it.
        self._open_after_scan: str | None = None

    def _failed(self, what: str) -> None:
        if not self.screen.status.indexing:
            self.screen.status.info = ""
        self.screen.dossier.notify(what, severity="error", markup=False, timeout=8)

    def ask_add_url(self) -> None:
        """Ask for a web address; the dialog fetches the page (in a worker) and stays
        open until it is saved, saying there why it could not be."""
        screen = self.screen

        def added(path: str | None) -> None:
            if path:
                self.clipped(path)

        dialog = AddUrlDialog(str(screen.dossier.library.corpus), screen.dossier.clip_url)
        screen.dossier.push_screen(dialog, added)

    def clipped(self, path: str) -> None:
        self.screen.dossier.notify(f"Saved {path}", markup=False, timeout=4)
        self._open_after_scan = path
        self.screen.feed.scan()  # the list, then the index

    def open_added(self, articles: list[ArticleSummary]) -> None:
        """The list was read again: open the page just added, if it is there."""
        wanted, self._open_after_scan = self._open_after_scan, None
        if wanted is None:
            return
        for summary in articles:
            if summary.path == wanted:
                self.screen.article_list.move_to(summary.id)
                self.screen.reading.open(summary.id)
                break

    def correct(self) -> None:
        """Correct the open article's title, date, source or byline."""
        screen = self.screen
        article = screen.article
        if article is None:
            screen.dossier.notify("Open an article to correct it.", markup=False, timeout=3)
            return
        values = {
            "title": article.title or "",
            "date": article.date or "",
            "source": article.source or "",
            "byline": article.byline or "",
        }

        def chosen(answer: dict[str, str] | None) -> None:
            if answer is None:
                return
            changed = {f: v for f, v in answer.items() if v.strip() != values[f]}
            if changed:
                if not screen.status.indexing:  # else the build's count stays
                    screen.status.info = "saving the correction…"
                screen.dossier.correct_article(screen, article.id, changed)

        screen.dossier.push_screen(CorrectionDialog(values, article.path), chosen)

    def corrected(self, message: m.ArticleCorrected) -> None:
        if message.error is not None:
            self._failed(f"Could not keep the correction: {message.error}")
            return
        screen = self.screen
        screen.dossier.notify("Correction kept (your file is unchanged)", markup=False, timeout=3)
        if not screen.status.indexing:
            # A build under way (the folder changed) says "index ready" when it ends:
            # said now, it stood beside that build's progress bar.
            screen.status.info = "index ready"
        screen.show_list(message.articles or [])
        if screen.article_id == message.article_id:
            screen.reading.open(message.article_id)

    def list_as_indexed(self, message: m.IndexFinished) -> None:
        """The list as indexed: extracted titles, dates and sources of saved pages."""
        if message.error is not None or not message.articles:
            return
        if {a.id: a for a in message.articles} != self.screen.summaries:
            self.screen.show_list(message.articles, ordered=message.ordered, column=message.column)
