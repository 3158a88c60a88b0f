"""Opening articles on the main screen.

:class:`Reading` is a part of :class:`~tui.app.screens.main.MainScreen` (the
screen's message handlers call it). It asks the app's worker for an article and
shows it when it comes, unless the user has moved on; the list's cursor previews
the article it rests on. The panes' layout is :mod:`tui.app.screens.panes`.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from textual.timer import Timer

from tui.app import messages as m
from tui.app.safe import visible
from tui.articles import Article
from tui.library import ArticleSummary

if TYPE_CHECKING:
    from tui.app.screens.main import MainScreen
    from tui.entities import Mention  # loads the recogniser: not on the launch's path

#: The reader's line under the title of an article whose file has the same text as another.
COPY_NOTE = "Same text as {path}: this file is a copy."


def copy_note(summaries: dict[str, ArticleSummary], article_id: str) -> str:
    """What the reader says of ``article_id`` being a copy of another file ("" if not)."""
    summary = summaries.get(article_id)
    original = summaries.get(summary.duplicate_of or "") if summary is not None else None
    return COPY_NOTE.format(path=visible(original.path, keep_newlines=False)) if original else ""


#: Seconds the list's cursor rests on an article before the reader previews it.
PREVIEW_DELAY = 0.12

#: The status line's word when the open article's file was edited and read again.
EDITED_NOTE = "The open article's file changed: it shows as it is now."
#: Its word when the text read again differs but the file does not: the cleaning changed
#: (a release's, the lines learned from its source's pages, the user's rules).
CLEANED_NOTE = "The open article was read again with the new cleaning; its file is unchanged."


class Reading:
    """The article being loaded and the one shown, for the main screen."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen
        self.wanted: str | None = None  # the article being loaded
        self.focus_on_load: str | None = None  # give the reader the focus when this one shows
        self._preview_timer: Timer | None = None
        #: The open article, read again after an index update (its file may have changed).
        self._rereading: str | None = None
        #: The article the list's cursor asked for by resting on its row (a preview).
        self._previewing: str | None = None
        #: Where the user left the article of the last session: (its id, the body
        #: offset at the top of the reader, the reader had the focus), for its first show.
        self.resume: tuple[str, int, bool] | None = None
        #: The open article's file's hash when it was shown (ArticleLoaded.file_hash).
        self._file_hash: str | None = None

    def selected(self, article_id: str) -> None:
        """Enter in the list: read ``article_id``. The article the reader shows already
        (the list's preview) takes the focus as it is: loading it again turned the raw
        text back to the cleaned and the reader back to its top."""
        self._stop_preview()
        screen = self.screen
        if screen.article is not None and screen.article.id == article_id == self.wanted:
            screen.set_focus(screen.reader)
            return
        self.open(article_id, take_focus=True)

    def highlighted(self, article_id: str) -> None:
        """Moving the list's cursor shows that article in the reader, the focus staying put.

        Only when the reader is on screen beside the list, and once the cursor rests
        for a moment: holding j does not load every article it passes.
        """
        self._stop_preview()
        screen = self.screen
        if (
            screen.focused is not screen.article_list
            or not screen.query_one("#reader-column").display
            or article_id == self.wanted
        ):
            return
        # An article still loading is one the cursor has left: when it comes it is
        # dropped, or it would pull the cursor back to its row.
        self.wanted = None
        if article_id != screen.article_id:
            self._preview_timer = screen.set_timer(PREVIEW_DELAY, lambda: self._preview(article_id))

    def _preview(self, article_id: str) -> None:
        """The cursor rested on ``article_id``'s row: ask for it (:meth:`show` drops it if
        the cursor has left that row by the time it comes)."""
        self.open(article_id)
        self._previewing = article_id

    def _stop_preview(self) -> None:
        if self._preview_timer is not None:
            self._preview_timer.stop()
            self._preview_timer = None

    def open(
        self,
        article_id: str,
        *,
        focus: int | None = None,
        matches: tuple[tuple[int, int], ...] = (),
        query: str = "",
        take_focus: bool = False,
    ) -> None:
        """Ask for ``article_id``; :meth:`show` shows it when it comes.

        With ``take_focus`` the reader gets the focus when the article shows, so the
        new article and the focus change are painted in one frame rather than two.
        """
        self.wanted = article_id
        self._rereading = self._previewing = None
        # (an open of the same article on its way with the focus keeps it: Enter, then
        # the list refilled or a filter reopened it, and the reader stayed unfocused)
        if take_focus or self.focus_on_load != article_id:
            self.focus_on_load = article_id if take_focus else None
        self.screen.dossier.load_article(
            self.screen, article_id, focus=focus, matches=matches, query=query
        )

    def read_again(self) -> None:
        """The index was updated: the open article's file may have been edited. Read
        it again; :meth:`show` replaces what the reader shows only if it changed.

        The reader kept showing the text as first read, the list the new title, and
        nothing said so: a bookmark or a quote was taken from text no longer in the file.
        """
        article = self.screen.article
        if article is None or self.wanted != article.id:
            return  # none open, or another one is on its way
        if article.id not in self.screen.summaries:
            return  # its file left the folder (the status line said so)
        self._rereading = article.id
        self.screen.dossier.load_article(self.screen, article.id, again=True)

    def show(self, message: m.ArticleLoaded) -> bool:
        """Show the article asked for last (an older one that comes late is dropped).
        False: it was the open article read again (:meth:`read_again`), unchanged."""
        screen, reader = self.screen, self.screen.reader
        article, matches, focus = message.article, message.matches, message.focus
        if article.id != self.wanted:
            return True  # the user has moved on
        if self._previewing == article.id:
            self._previewing = None
            if screen.article_list.highlighted_id != article.id:
                # The cursor has left its row: the move's Highlighted is still on its way
                # up from the list (this came straight to the screen). Shown, it put the
                # cursor back on its row under the user's keys, and Enter opened that row.
                self.wanted = None
                return True
        previous = screen.article
        if self._rereading == article.id:
            self._rereading = None
            # Enter on the article shown, then the index landed: its read again cancelled
            # the open's worker (one group), and the open's focus change came with neither.
            self._focus_if_asked(article.id)
            if previous is None or previous.id != article.id or _as_before(previous, article):
                return False
            cleaned = _same_file(previous, article, self._file_hash, message.file_hash)
            self._file_hash = message.file_hash
            self._show_edited(article, message.mentions, cleaned=cleaned)
            return True
        screen.article = article
        self._file_hash = message.file_hash
        current = 0 if matches else -1
        if focus is not None and matches:
            current = next((i for i, (start, _) in enumerate(matches) if start >= focus), 0)
        keep_mentions = previous is not None and previous.id == article.id
        mentions = reader.mentions if keep_mentions else ()
        if message.mentions is not None and not keep_mentions:
            mentions = tuple(message.mentions)
        note = copy_note(screen.summaries, article.id)
        reader.show(article, mentions=mentions, matches=matches, current=current, note=note)
        if focus is not None:
            reader.scroll_to_offset(focus)
        screen.article_list.mark_current(article.id)
        screen.article_list.move_to(article.id)
        self._focus_if_asked(article.id)
        self._resume(article.id)
        screen.steps.shown(message.query, with_matches=bool(matches))
        screen.navigator.update_match_info()
        if not keep_mentions:
            self._entities(article, message.mentions)
        return True

    def _resume(self, article_id: str) -> None:
        """The first article shown: where the user left it in the last session, if it is
        that one (its place in the text, the focus in the reader); any other shown first
        (the user has moved on) ends that."""
        resume, self.resume = self.resume, None
        if resume is None or resume[0] != article_id:
            return
        _, at, reading = resume
        reader = self.screen.reader
        if at > 0:

            def place() -> None:
                reader.scroll_to(y=reader.line_of(at), animate=False, immediate=True)

            place()
            reader.call_after_refresh(place)  # again once laid out at the width it shows at
        if reading:
            # Out of sight (narrow: the list alone) the reader could not take the focus,
            # and the focus was lost. Deferred, it comes after the list's at the mount.
            self.screen.query_one("#reader-column").display = True
            reader.focus()

    def _focus_if_asked(self, article_id: str) -> None:
        """The reader takes the focus if the open of ``article_id`` asked for it (Enter)."""
        if self.focus_on_load == article_id:
            self.focus_on_load = None
            self.screen.set_focus(self.screen.reader)

    def _entities(self, article: Article, mentions: list[Mention] | None) -> None:
        """The entities pane on ``article``: its ``mentions`` (else asked for once the
        article is painted: the worker finding them would hold up that paint, the
        interpreter's lock going back and forth between them; at the launch, that
        worker also loads the tagger and reads the index's metadata)."""
        if mentions is not None:
            self.screen.entity_pane.show_entities(article.title, mentions)
        else:
            self.screen.reader.after_paint(lambda: self._ask_entities(article.id))

    def _ask_entities(self, article_id: str) -> None:
        """Ask for the entities of ``article_id`` if it is still the one shown."""
        if self.screen.article_id == article_id:
            self.screen.dossier.load_entities(self.screen, article_id)

    def _show_edited(
        self, article: Article, mentions: list[Mention] | None, *, cleaned: bool = False
    ) -> None:
        """The open article as its file is now, where the reader was (raw text stays
        raw); its entities, bookmarks and shared passages follow (ArticleLoaded).
        ``cleaned``: its file's text is as it was, only its cleaning changed."""
        screen, reader = self.screen, self.screen.reader
        screen.article = article
        if reader.raw:
            reader.reshow_raw(article)
        else:
            y = reader.scroll_y
            note = copy_note(screen.summaries, article.id)
            reader.show(article, mentions=tuple(mentions or ()), note=note)
            reader.scroll_to(y=y, animate=False, immediate=True)
        screen.steps.shown("", with_matches=False)
        screen.navigator.update_match_info()
        self._entities(article, mentions)
        screen.status.flash(CLEANED_NOTE if cleaned else EDITED_NOTE, seconds=6)

    def cleaned_again(self, article: Article) -> None:
        """``article`` was cleaned anew (a raw line marked): shown so, if it is open."""
        if self.screen.article_id == article.id:
            self.screen.article = article
            self.screen.reader.reshow_raw(article)

    def entities_loaded(self, message: m.EntitiesLoaded) -> None:
        screen = self.screen
        if screen.article is None or message.article_id != screen.article.id:
            return
        screen.reader.mentions = tuple(message.mentions)
        screen.entity_pane.show_entities(screen.article.title, message.mentions)


def _same_file(
    before: Article, now: Article, hash_before: str | None, hash_now: str | None
) -> bool:
    """Whether the open article read again comes from its file as it was: its text, or
    for a saved page (whose raw text is the extractor's reading of the page, new with a
    new extractor) the file's content hash, when both are known (a file listed before
    the index has hashed it has the hash "": its text is compared then)."""
    if now.format == "html" and hash_before and hash_now:
        return hash_before == hash_now
    return before.raw == now.raw


def _as_before(before: Article, now: Article) -> bool:
    """Whether ``now``, the open article read again, is ``before`` (its language aside:
    a saved page's, from the page until it is indexed, is the index's after, "en-US"
    then "en", with not a letter of the file changed)."""
    return dataclasses.replace(before, language=now.language) == now
