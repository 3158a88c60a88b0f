"""Across articles, on the main screen: shared passages, who appears with whom, exports.

:class:`Across` is a part of :class:`~tui.app.screens.main.MainScreen` (the
screen's handlers and keys call it):

* an article shown gets its shared passages looked up in a worker, a moment later
  (not for every article the list cursor passes over); the reader marks their
  sentences in the gutter and ``]``/``[`` step through them while no entity is
  chosen in the entities pane (with one chosen, they step through its mentions);
* ``w`` lists the other articles with the sentence, selection or bookmark under
  the reader's cursor (:class:`~tui.app.screens.passages.PassagesScreen`);
* ``y`` copies that passage with its citation to the clipboard;
* choosing an entity also loads who is mentioned with it, for the entities pane.

The exports of what the screen shows (``ctrl+o``, the palette) are
:class:`~tui.app.screens.exports.Exports`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message
from textual.timer import Timer

from tui.app import messages as m
from tui.app.widgets.reader import Reader
from tui.app.widgets.together import TogetherList
from tui.export import Cited, quoted
from tui.library.passages import Copy, Passage

if TYPE_CHECKING:
    from tui.app.screens.main import MainScreen

#: Seconds an article stays shown before its shared passages are looked up.
SETTLE = 0.3


class Across:
    """Shared passages and co-occurrence for the main screen."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen
        self.article_id: str | None = None
        self.passages: list[Passage] = []
        self.loaded_id: str | None = None  # the article whose shared passages are marked
        self.not_ready = ""  # why that article's are not marked yet (the names to come)
        self._timer: Timer | None = None
        self._pending: str | None = None  # the article whose lookup is still to come

    async def handle(self, message: Message) -> None:
        """What the main screen hands on: lookups done, a co-occurring entity chosen
        (its mentions, or the articles with both), a passage to copy."""
        match message:
            case m.SharedPassagesLoaded():
                self.loaded(message)
            case m.TogetherLoaded():
                self.together_loaded(message)
            case TogetherList.Chosen(entity_id=entity_id, name=name, both=both):
                if both:
                    await self.screen.navigator.search_for(both)
                else:
                    self.screen.navigator.choose_entity(entity_id, name)
            case Reader.CopyRequested():
                self.copy()

    # -- the open article's shared passages ------------------------------------------------

    def article_shown(self, article_id: str) -> None:
        """A new article is in the reader: look up its shared passages once it stays."""
        if article_id == self.article_id:
            return
        self.article_id, self.passages = article_id, []
        if self._timer is not None:
            self._timer.stop()
        self._pending = None
        if self.screen.dossier.index_ready:
            self._pending = article_id
            self._timer = self.screen.set_timer(SETTLE, lambda: self._load(article_id))

    def index_ready(self) -> None:
        """The index was (re)built: the open article's passages may have changed."""
        if self.screen.article_id is not None:
            self.article_id = self.loaded_id = None
            self.article_shown(self.screen.article_id)

    @property
    def settled(self) -> bool:
        """No lookup of the open article's shared passages is still to come (the
        tests wait for it before a snapshot)."""
        return self._pending is None

    def _load(self, article_id: str) -> None:
        if self.screen.article_id == article_id:
            self.screen.dossier.load_shared(self.screen, article_id)
        elif self._pending == article_id:
            self._pending = None  # the user has moved on

    def loaded(self, message: m.SharedPassagesLoaded) -> None:
        screen = self.screen
        if message.article_id != screen.article_id:
            return  # the user has moved on
        if message.whole:
            if self._pending == message.article_id:
                self._pending = None
            self.loaded_id = message.article_id
            self.passages = list(message.passages)
            self.not_ready = message.not_ready
            screen.reader.shared = tuple((p.start, p.end) for p in self.passages)
            return
        if message.not_ready:
            screen.status.flash(self._not_ready(), 5)
            return
        if not message.passages:
            screen.status.flash("No other article has this passage (8 or more words alike).", 4)
            return
        article = screen.article
        if article is None:
            return
        screen.status.hint = ""  # "Looking for this passage…" is answered
        from tui.app.screens.passages import PassagesScreen

        screen.dossier.push_screen(
            PassagesScreen(self.cited(), list(message.passages), self._same_text()), self._chosen
        )

    def _not_ready(self) -> str:
        """Why no shared passage is shown yet (a full build's names are still to come),
        with how far they are."""
        note = self.screen.dossier.names_note(short=True)
        return "Shared passages are not ready yet: they come with the names" + (
            f" ({note})." if note else "."
        )

    def _same_text(self) -> frozenset[str]:
        """The articles whose file has the same text as the open one's: its original and
        the original's other copies (the article list marks them "(copy)")."""
        summaries = self.screen.summaries
        article_id = self.screen.article_id
        me = summaries.get(article_id or "")
        if me is None:
            return frozenset()
        root = me.duplicate_of or me.id
        return frozenset(
            a.id
            for a in summaries.values()
            if a.id != me.id and (a.id == root or a.duplicate_of == root)
        )

    def cited(self) -> Cited:
        article = self.screen.article
        assert article is not None
        url = getattr(article, "url", None)
        return Cited(
            article.id,
            article.title,
            article.source,
            article.date,
            article.path,
            url,
            byline=article.byline,
        )

    def _chosen(self, copy: Copy | None) -> None:
        if copy is None:
            return
        self.screen.reading.open(
            copy.id, focus=copy.start, matches=((copy.start, copy.end),), take_focus=True
        )

    # -- keys ------------------------------------------------------------------------------

    def lookup(self) -> None:
        """``w``: the other articles with the passage under the reader's cursor."""
        screen = self.screen
        if screen.article is None:
            screen.status.flash(screen.open_an_article_first())
            return
        if not screen.dossier.index_ready:
            screen.dossier.notify(
                "Indexing… shared passages are found once it finishes.", markup=False, timeout=3
            )
            return
        if screen.article.id not in screen.summaries:  # (the status line said so)
            screen.status.flash(
                "The open article's file left the folder: it is no longer indexed.", 4
            )
            return
        span = screen.reader.cursor_span()
        if span is None:
            return
        screen.status.flash("Looking for this passage in other articles…", 2)
        screen.dossier.find_shared(screen, screen.article.id, *span)

    def step(self, step: int) -> None:
        """``]``/``[`` with no entity chosen: the next (previous) shared passage."""
        from tui.app.screens.key_hints import choose_entity

        screen = self.screen
        if not self.passages:
            choose = choose_entity(screen)
            if self.loaded_id != screen.article_id:
                text = f"Still looking for shared passages… (or choose an entity: {choose})"
            elif self.not_ready:
                text = f"{self._not_ready()} (Or choose an entity: {choose}.)"
            elif screen.entities_open:
                text = (
                    f"Choose an entity first ({choose}): no sentence "
                    "of this article appears in another one."
                )
            else:
                text = (
                    "No sentence of this article appears in another one. "
                    f"(] and [ also step through an entity's mentions: {choose}.)"
                )
            screen.dossier.notify(text, markup=False, timeout=3, kind="step")
            return
        passage = screen.reader.passage
        # the cursor's sentence: a passage inside it is the one the cursor is on
        lo, hi = passage.head if passage is not None else (-1, -1)
        starts = [p.start for p in self.passages]
        if step > 0:
            target = next((i for i, s in enumerate(starts) if s >= hi), None)
        else:
            target = next((i for i in range(len(starts) - 1, -1, -1) if starts[i] < lo), None)
        if target is None:
            where = "last" if step > 0 else "first"
            screen.dossier.notify(
                f"That was the {where} shared passage of this article.",
                markup=False,
                timeout=2,
                kind="step",
            )
            return
        found = self.passages[target]
        screen.reader.place_cursor(found.start)
        others = len(found.also_in)
        screen.status.flash(
            f"Shared passage {target + 1}/{len(self.passages)}: in {others} other "
            f"article{'s' if others != 1 else ''} · "
            f"{screen.dossier.key_for('shared', 'w')} lists them",
            5,
        )

    def copy(self) -> None:
        """``y``: the passage under the cursor, with the article's citation."""
        screen = self.screen
        if screen.article is None:
            return
        span = screen.reader.cursor_span()
        if span is None:
            return
        text = screen.article.body[span[0] : span[1]]
        screen.dossier.copy_quote(quoted(text, self.cited()))

    # -- who appears with whom ---------------------------------------------------------------

    def entity_chosen(self, entity_id: str, name: str) -> None:
        if self.screen.dossier.index_ready:
            self.screen.dossier.load_together(self.screen, entity_id, name)

    def together_loaded(self, message: m.TogetherLoaded) -> None:
        self.screen.entity_pane.show_together(message.entity_id, message.name, message.together)
        self.screen.refresh_bindings()  # W comes into the key bar

    def together_listed(self) -> bool:
        """Someone is listed as mentioned with the chosen entity (W has somewhere to go)."""
        screen = self.screen
        found = screen.query(TogetherList)
        return screen.entities_open and bool(found) and bool(found.first().rows)

    def to_together(self) -> None:
        """W: the focus to "Mentioned with" (Enter there moves to a name, x searches the
        articles of both), from anywhere on the screen; from that list, back to the
        chosen entity's mentions."""
        from tui.app.screens.panes import arrange_panes

        screen = self.screen
        pane = screen.entity_pane
        if not self.together_listed():
            from tui.app.screens.key_hints import choose_entity

            again = screen.dossier.key_for("entities.with", "W")
            # Short: at 80 columns the status line has some 65 cells for it.
            screen.status.flash(f"Choose an entity first ({choose_entity(screen)}), then {again}.")
            return
        together = pane.query_one(TogetherList)
        if screen.focused is together:
            screen.set_focus(pane.query_one("#occurrence-list"))
            return
        if not pane.display:  # a narrow terminal shows the pane alone, with the focus
            pane.display = True
        screen.set_focus(together)
        arrange_panes(screen)
