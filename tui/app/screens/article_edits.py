"""Adding articles from the web, and correcting what Dossier read of an article.

A mixin for :class:`~tui.app.screens.main.MainScreen`, like
:class:`~tui.app.screens.bookmarking.Bookmarking`. "Add article from URL" (command
palette) asks for an address in an :class:`AddUrlDialog`, fetches and saves the
page in a thread worker, then reads the corpus again (the list updates, the
index takes the new page) and opens the new article. ``M`` opens a
:class:`CorrectionDialog` on the open article's title, date, source and byline;
the correction is kept beside the bookmarks and indexed in a worker, then the
list and the reader show it.

Handlers are named ``on_...``: Textual calls each class's handler along the MRO,
so ``on_articles_loaded`` here runs after the main screen's own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.app import messages as m
from tui.app.widgets.article_dialogs import AddUrlDialog, CorrectionDialog

if TYPE_CHECKING:
    from tui.app.screens.main import MainScreen

    _Base = MainScreen
else:
    _Base = object


class ArticleEdits(_Base):
    #: The corpus path of a page just added: opened once the list has it.
    _open_after_scan: str | None = None

    def ask_add_url(self) -> None:
        """Ask for a web address; the page is fetched and saved in a worker."""
        corpus = str(self.app.library.corpus)  # type: ignore[attr-defined]

        def chosen(url: str | None) -> None:
            if url:
                self.status.info = "fetching the page…"
                self.app.clip_url(self, url)  # type: ignore[attr-defined]

        self.app.push_screen(AddUrlDialog(corpus), chosen)

    def on_article_clipped(self, message: m.ArticleClipped) -> None:
        self.app.notify(f"Saved {message.path}", markup=False, timeout=4)
        self._open_after_scan = message.path
        self.app.scan_corpus(self)  # type: ignore[attr-defined]  # the list, then the index

    def on_clip_failed(self, message: m.ClipFailed) -> None:
        self.status.info = ""
        self.app.notify(
            f"Could not add {message.url}: {message.error}",
            severity="error",
            markup=False,
            timeout=8,
        )

    def on_articles_loaded(self, message: m.ArticlesLoaded) -> None:
        wanted, self._open_after_scan = self._open_after_scan, None
        if wanted is None:
            return
        for summary in message.articles:
            if summary.path == wanted:
                self.article_list.move_to(summary.id)
                self.open_article(summary.id)
                break

    def action_correct(self) -> None:
        """Correct the open article's title, date, source or byline."""
        article = self.article
        if article is None:
            self.app.notify("Open an article to correct it.", markup=False, timeout=3)
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
                self.status.info = "saving the correction…"
                self.app.correct_article(self, article.id, changed)  # type: ignore[attr-defined]

        self.app.push_screen(CorrectionDialog(values, article.path), chosen)

    def on_article_corrected(self, message: m.ArticleCorrected) -> None:
        if message.error is not None:
            self.status.info = ""
            self.app.notify(
                f"Could not keep the correction: {message.error}",
                severity="error",
                markup=False,
                timeout=8,
            )
            return
        self.app.notify("Correction kept (your file is unchanged)", markup=False, timeout=3)
        self.status.info = "index ready"
        articles = message.articles or []
        self.summaries = {a.id: a for a in articles}
        self.app.articles = list(articles)  # type: ignore[attr-defined]
        self.article_list.set_articles(articles)
        if getattr(self.article, "id", None) == message.article_id:
            self.open_article(message.article_id)

    def on_index_finished(self, message: m.IndexFinished) -> None:
        """The list as indexed: extracted titles, dates and sources of saved pages."""
        if message.error is not None or not message.articles:
            return
        if {a.id: a for a in message.articles} == self.summaries:
            return
        self.summaries = {a.id: a for a in message.articles}
        self.app.articles = list(message.articles)  # type: ignore[attr-defined]
        self.article_list.set_articles(message.articles)
