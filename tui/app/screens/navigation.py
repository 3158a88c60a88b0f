"""Moving through matches on the main screen: search hits, find-in-article, an entity's mentions.

:class:`Navigator` is a part of :class:`~tui.app.screens.main.MainScreen` (the
screen's message handlers call it): it opens the search screen and the find bar,
asks the app's workers for matches, and carries out what
:class:`~tui.app.stepping.MatchSteps` decides for ``n``/``N`` and ``]``/``[``:
move within the reader's matches, open the next article, fetch more results.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, TextArea

from tui.app import messages as m
from tui.app.safe import quoted
from tui.app.screens.panes import inside
from tui.app.screens.search import SearchScreen
from tui.app.search_messages import SearchChoice
from tui.app.stepping import FetchMore, Move, Notice, OpenHit, OpenMention
from tui.app.widgets.entity_pane import EntityPane
from tui.app.widgets.entity_rows import mentions_in
from tui.app.widgets.find_bar import FindBar
from tui.library import SearchResult

if TYPE_CHECKING:
    from tui.app.screens.main import MainScreen

#: Actions whose keys (/ f B) a focused text box takes as text instead.
TYPED_ACTIONS = frozenset({"search", "find", "bookmarks"})


def typing(screen: Screen[Any]) -> bool:
    """Whether a text box has the focus (the find bar, a dialog's note)."""
    return isinstance(screen.focused, (Input, TextArea))


class Navigator:
    """Search, find and entity stepping for the main screen."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen
        self.steps = screen.steps
        self.find_query = ""
        self._focus_before_find: Widget | None = None  # where Esc from the find bar returns

    def handle(self, message: Message) -> None:
        """What the main screen hands on: search results, the find bar, an entity chosen,
        corrected or its mentions loaded, a mention chosen (the reader takes the focus)."""
        screen = self.screen
        match message:
            case m.SearchFinished(query=query, result=result):
                self.more_results(query, result)
            case FindBar.Changed(query=query):
                self.find_changed(query)
            case m.MatchesFound():
                self.matches_found(message)
            case FindBar.Closed(query=query, jump=jump):
                self.find_closed(query, jump=jump)
            case EntityPane.Chosen(entity_id=entity_id, name=name):
                self.choose_entity(entity_id, name)
            case EntityPane.Corrected(kind=kind, name=name, type=type_, into=into):
                screen.dossier.correct_entity(screen, kind, name, type_, into)
            case m.EntityOccurrencesLoaded():
                self.mentions_loaded(message)
            case EntityPane.OccurrenceChosen(index=index):
                self.go_to_occurrence(index)
                screen.set_focus(screen.reader)

    # -- search ----------------------------------------------------------------------------

    async def open_search(self) -> None:
        """Push the search screen with the last query; back at the hit last opened."""
        steps = self.steps
        screen = SearchScreen(steps.search_query, steps.search_result, steps.search_cursor())
        await self.screen.app.push_screen(screen, self._search_done)

    async def back(self) -> None:
        """Esc: from a search hit in the reader, back to the results; from the entities
        pane, to the reader; from the reader, to the list."""
        screen = self.screen
        focused = screen.focused
        if focused is screen.reader and self.steps.reading_hit(screen.article_id):
            await self.open_search()
        elif screen.entities_open and inside(focused, screen.entity_pane):
            screen.set_focus(screen.reader)
        elif focused is not screen.article_list:
            screen.set_focus(screen.article_list)

    async def search_for(self, query: str) -> None:
        """The search screen with ``query`` (the articles where two entities appear)."""
        screen = SearchScreen(query, None, 0)
        await self.screen.app.push_screen(screen, self._search_done)

    def _search_done(self, choice: SearchChoice | None) -> None:
        if choice is None:
            return
        index = self.steps.searched(choice.query, choice.result, choice.index)
        if index is not None:
            # The status line says what n steps through now (it went on naming the
            # entity chosen before: "Matt Harris: 6 mentions in 1 article").
            total = choice.result.total if choice.result is not None else 0
            found = f"{total:,} matching article{'s' if total != 1 else ''}"
            self.screen.status.message = f"{quoted(choice.query)}: {found}"
            self._open_hit(index, take_focus=True)

    def more_results(self, query: str, result: SearchResult | None) -> None:
        """More results of the current search, asked for by n past the loaded ones."""
        index = self.steps.more_results(query, result)
        if index is not None:
            self._open_hit(index)

    def _open_hit(self, index: int, *, last: bool = False, take_focus: bool = False) -> None:
        hit = self.steps.open_hit(index, last=last)
        self.screen.reading.open(
            hit.article_id,
            focus=hit.focus,
            matches=hit.matches,
            query=self.steps.search_query,
            take_focus=take_focus,
        )

    # -- find in article -------------------------------------------------------------------

    def open_find(self) -> None:
        screen = self.screen
        if screen.article is None:
            screen.dossier.notify(screen.open_an_article_first(), markup=False)
            return
        if not typing(screen):
            self._focus_before_find = screen.focused
        screen.query_one(FindBar).open(self.find_query)

    def find_changed(self, query: str) -> None:
        self.find_query = query
        article = self.screen.article
        if article is None:
            return
        if not query.strip():
            self.clear_matches()
            self.screen.query_one(FindBar).set_status("")
            return
        self.screen.dossier.find_in_article(self.screen, query, article.id)

    def matches_found(self, message: m.MatchesFound) -> None:
        article, reader = self.screen.article, self.screen.reader
        if article is None or message.article_id != article.id:
            return
        if message.query != self.find_query:
            return
        bar = self.screen.query_one(FindBar)
        if message.error is not None:
            bar.set_status(message.error)
            return
        bar.set_result(message.query, len(message.spans))
        self.steps.found(message.query)
        if message.spans:
            self._leave_raw()
        reader.matches = tuple(message.spans)
        reader.current_match = 0 if message.spans else -1
        if message.spans:
            reader.scroll_to_offset(message.spans[0][0])
        self.update_match_info()

    def find_closed(self, query: str, *, jump: bool) -> None:
        # Esc: back where the user was when they pressed f; Enter: to the matches.
        screen, before = self.screen, self._focus_before_find
        self._focus_before_find = None
        if jump or before is None or not before.is_attached or not before.display:
            screen.set_focus(screen.reader)
        else:
            screen.set_focus(before)
        if not jump:
            return
        if query != self.find_query or screen.article is None:
            self.find_query = query
            if screen.article is not None:
                screen.dossier.find_in_article(screen, query, screen.article.id)

    # -- n / N and ] / [ ---------------------------------------------------------------

    def step(self, step: int) -> None:
        screen, reader = self.screen, self.screen.reader
        decision = self.steps.step(
            step,
            count=len(reader.matches),
            current=reader.current_match,
            article_id=screen.article_id,
            page=screen.dossier.search_limit,
        )
        match decision:
            case Move(index):
                self._leave_raw()
                reader.current_match = index
                reader.scroll_to_offset(reader.matches[index][0])
                self.update_match_info()
            case OpenHit(index, last):
                self._open_hit(index, last=last)
            case FetchMore(limit):
                screen.dossier.run_search(screen, self.steps.search_query, limit)
            case OpenMention(index):
                self.go_to_occurrence(index)
            case Notice(text, timeout):
                # About this screen's keys: it leaves with the screen (it stayed over
                # the timeline opened next).
                screen.say(text, timeout=timeout, kind="step")

    def step_mention(self, step: int) -> None:
        decision = self.steps.step_mention(step, self.screen.article_id)
        if isinstance(decision, OpenMention):
            self.go_to_occurrence(decision.index)
        else:
            self.screen.say(decision.text, timeout=decision.timeout, kind="step")

    def _leave_raw(self) -> None:
        """Matches are places in the cleaned text: show it, and say so."""
        reader = self.screen.reader
        if reader.raw:
            reader.raw = False
            text = "Back to the cleaned text, where the matches are."
            self.screen.dossier.notify(text, timeout=2)

    def clear_matches(self) -> None:
        self.screen.reader.matches = ()
        self.screen.reader.current_match = -1
        self.steps.clear()
        self.update_match_info()

    def update_match_info(self) -> None:
        screen, reader = self.screen, self.screen.reader
        info = self.steps.info(
            raw=reader.raw, count=len(reader.matches), current=reader.current_match
        )
        if not info and screen.dossier.index_ready:
            info = "index ready"
        screen.status.info = info or screen.status.info
        screen.refresh_bindings()  # Esc on the list clears the matches, if there are any

    # -- entities --------------------------------------------------------------------------

    def choose_entity(self, entity_id: str, name: str) -> None:
        """Load every mention of ``entity_id`` across the corpus."""
        screen = self.screen
        if not screen.dossier.index_ready:
            screen.dossier.notify(
                "Indexing… the articles that mention an entity are listed when it finishes.",
                markup=False,
                timeout=3,
            )
            return
        if screen.dossier.names is not None:
            # A full build's names are being found: a list now would miss most articles.
            screen.dossier.notify(
                f"{screen.dossier.names_note()}: the articles that mention {name} "
                "are listed when every name is found.",
                markup=False,
                timeout=4,
            )
            return
        self.steps.choose_entity(entity_id, name)
        if not screen.entity_pane.display:
            screen.action_toggle_entities()
        screen.status.message = f"Finding every mention of {name}…"
        screen.dossier.load_entity_articles(screen, entity_id, name)

    def mentions_loaded(self, message: m.EntityOccurrencesLoaded) -> None:
        screen, steps = self.screen, self.steps
        if not steps.mentions_loaded(message.entity_id, message.occurrences, screen.article_id):
            return
        occurrences = steps.occurrences
        articles = len({o.article.id for o in occurrences})
        screen.status.message = f"{message.name}: {mentions_in(len(occurrences), articles)}"
        screen.entity_pane.show_occurrences(message.name, message.entity_id, occurrences)
        screen.across.entity_chosen(message.entity_id, message.name)
        if occurrences:
            self.clear_matches()
            steps.scope = "entity"  # n / N step through its mentions, as ] / [ do
            screen.set_focus(screen.entity_pane.query_one("#occurrence-list"))

    def go_to_occurrence(self, index: int) -> None:
        """Show mention ``index`` of the chosen entity, opening its article if needed."""
        screen, reader = self.screen, self.screen.reader
        occurrence, spans = self.steps.open_mention(index)
        screen.entity_pane.highlight_occurrence(index)
        article_id = occurrence.article.id
        if screen.article is not None and screen.article.id == article_id and not reader.raw:
            reader.matches = spans
            reader.current_match = spans.index((occurrence.start, occurrence.end))
            reader.scroll_to_offset(occurrence.start)
            self.update_match_info()
        else:
            screen.reading.open(
                article_id, focus=occurrence.start, matches=spans, query=self.steps.entity_name
            )
