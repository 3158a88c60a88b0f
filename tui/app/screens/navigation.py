"""Moving through matches: search hits, find-in-article, and an entity's mentions.

A mixin for :class:`~tui.app.screens.main.MainScreen`. The reader holds one
list of match spans for the open article; ``n``/``N`` step through it and, for
a search or an entity, carry on into the next (or previous) article.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.widgets import Input, TextArea

from tui.app import messages as m
from tui.app.screens.search import SearchChoice, SearchScreen
from tui.app.widgets.entity_pane import EntityPane, mentions_in
from tui.app.widgets.find_bar import FindBar

if TYPE_CHECKING:
    from tui.app.screens.main import MainScreen

    _Base = MainScreen
else:
    _Base = object


#: Actions whose keys (/ f B) a focused text box takes as text instead.
TYPED_ACTIONS = frozenset({"search", "find", "bookmarks"})


def typing(screen: Any) -> bool:
    """Whether a text box has the focus (the find bar, a dialog's note)."""
    return isinstance(screen.focused, (Input, TextArea))


class Navigation(_Base):
    """Search, find and entity stepping for the main screen.

    Handlers here are named ``on_...`` rather than decorated with ``@on``: Textual
    collects decorated handlers only from classes that are message pumps.
    """

    match_scope: str = ""  # "search", "find", "entity" or ""
    match_query: str = ""
    search_query: str = ""
    search_result: Any | None = None
    hits: tuple[Any, ...] = ()
    hit_index: int = -1
    entity_id: str | None = None
    entity_name: str = ""
    occurrences: list[Any] = []  # noqa: RUF012 - replaced per instance
    occurrence_index: int = -1
    _focus_before_find: Any | None = None  # where Esc from the find bar returns

    # -- search ----------------------------------------------------------------------------

    async def action_search(self) -> None:
        # "/" is a priority binding, so this runs as the app takes the key from the terminal,
        # and it waits until the search box is mounted and focused: the app handles keys in
        # order, so letters typed right after "/" go to the box, not to the list or reader.
        await self.open_search()

    async def open_search(self) -> None:
        """Push the search screen with the last query (the command palette too)."""
        # Back to a result list just left: the cursor on the hit that was opened.
        cursor = self.hit_index if self.match_scope == "search" and self.hits else 0
        await self.app.push_screen(
            SearchScreen(self.search_query, self.search_result, cursor), self._search_done
        )

    def _search_done(self, choice: SearchChoice | None) -> None:
        if choice is None:
            return
        self.search_query, self.search_result = choice.query, choice.result
        if choice.index < 0:
            return
        self.hits, self.hit_index = choice.hits, choice.index
        self._open_hit(choice.index, last=False, take_focus=True)

    _open_after_loading: int = -1

    def on_search_finished(self, message: m.SearchFinished) -> None:
        """More results of the current search, asked for by n past the loaded ones."""
        wanted, self._open_after_loading = self._open_after_loading, -1
        if wanted < 0 or message.query != self.search_query or message.result is None:
            return
        self.search_result = message.result
        self.hits = tuple(message.result.hits)
        if wanted < len(self.hits):
            self._open_hit(wanted, last=False)

    def _open_hit(self, index: int, *, last: bool, take_focus: bool = False) -> None:
        hit = self.hits[index]
        self.hit_index = index
        self.match_scope = "search"
        matches = tuple(hit.matches)
        focus = (matches[-1] if last else matches[0])[0] if matches else None
        self.open_article(
            hit.id, focus=focus, matches=matches, query=self.search_query, take_focus=take_focus
        )

    # -- find in article -------------------------------------------------------------------

    def action_find(self) -> None:
        if self.article is None:
            self.app.notify("Open an article first (Enter in the list).", markup=False)
            return
        if not typing(self):
            self._focus_before_find = self.focused
        self.query_one(FindBar).open(self.find_query)

    def on_find_bar_changed(self, message: FindBar.Changed) -> None:
        self.find_query = message.query
        if self.article is None:
            return
        if not message.query.strip():
            self.clear_matches()
            self.query_one(FindBar).set_status("")
            return
        self.app.find_in_article(self, message.query, self.article.id)  # type: ignore[attr-defined]

    def on_matches_found(self, message: m.MatchesFound) -> None:
        if self.article is None or message.article_id != self.article.id:
            return
        if message.query != self.find_query:
            return
        bar = self.query_one(FindBar)
        if message.error is not None:
            bar.set_status(message.error)
            return
        bar.set_result(message.query, len(message.spans))
        self.match_scope, self.match_query = "find", message.query
        if message.spans:
            self._leave_raw()
        self.reader.matches = tuple(message.spans)
        self.reader.current_match = 0 if message.spans else -1
        if message.spans:
            self.reader.scroll_to_offset(message.spans[0][0])
        self.update_match_info()

    def on_find_bar_closed(self, message: FindBar.Closed) -> None:
        # Esc: back where the user was when they pressed f; Enter: to the matches.
        before = self._focus_before_find
        self._focus_before_find = None
        if message.jump or before is None or not before.is_attached or not before.display:
            self.set_focus(self.reader)
        else:
            self.set_focus(before)
        if not message.jump:
            return
        if message.query != self.find_query or self.article is None:
            self.find_query = message.query
            self.app.find_in_article(self, message.query, self.article.id)  # type: ignore[attr-defined,union-attr]

    # -- n / N -----------------------------------------------------------------------------

    def action_next_match(self) -> None:
        self._step(+1)

    def action_prev_match(self) -> None:
        self._step(-1)

    def _step(self, step: int) -> None:
        if self.match_scope == "entity":
            self._step_mention(step)
            return
        reader = self.reader
        count = len(reader.matches)
        target = reader.current_match + step
        if 0 <= target < count:
            self._leave_raw()
            reader.current_match = target
            reader.scroll_to_offset(reader.matches[target][0])
            self.update_match_info()
            return
        if self.match_scope == "search" and self.hits:
            following = self.hit_index + step
            if 0 <= following < len(self.hits):
                self._open_hit(following, last=step < 0)
                return
            total = getattr(self.search_result, "total", 0)
            if following == len(self.hits) and total > len(self.hits):
                # The results loaded so far are done: fetch the next ones, then go on.
                self._open_after_loading = following
                limit = len(self.hits) + self.app.search_limit  # type: ignore[attr-defined]
                self.app.run_search(self, self.search_query, limit)  # type: ignore[attr-defined]
                return
            self.app.notify(
                "No more search results in that direction.", markup=False, timeout=2, kind="step"
            )
            return
        if count and self.match_scope == "find":  # wrap around inside the article
            self._leave_raw()
            reader.current_match = 0 if step > 0 else count - 1
            reader.scroll_to_offset(reader.matches[reader.current_match][0])
            self.update_match_info()
            return
        key = self.app.key_for  # type: ignore[attr-defined]
        self.app.notify(
            f"Nothing to step through: {key('search', '/')} searches every article, "
            f"{key('find', 'f')} finds in this one, {key('entities', 'e')} lists the entities.",
            markup=False,
            timeout=3,
            kind="step",
        )

    def _leave_raw(self) -> None:
        """Matches are places in the cleaned text: show it, and say so."""
        if self.reader.raw:
            self.reader.raw = False
            self.app.notify("Back to the cleaned text, where the matches are.", timeout=2)

    def clear_matches(self) -> None:
        self.reader.matches = ()
        self.reader.current_match = -1
        self.match_scope = ""
        self.update_match_info()

    def update_match_info(self) -> None:
        reader = self.reader
        parts = []
        if reader.raw:
            parts.append("raw text")
        if reader.matches and reader.current_match >= 0:
            position = f"{reader.current_match + 1}/{len(reader.matches)}"
            if self.match_scope == "entity":  # the status line already names the entity
                parts.append(f"{position} in this article")
            else:
                label = "found" if self.match_scope == "find" else "match"
                parts.append(f"{label} {position}")
            if self.match_scope == "search" and self.hits:
                total = getattr(self.search_result, "total", len(self.hits))
                of_all = f" of {total:,}" if total > len(self.hits) else ""
                parts.append(f"result {self.hit_index + 1}/{len(self.hits)}{of_all}")
            if self.match_scope == "entity" and self.occurrences:
                parts.append(f"mention {self.occurrence_index + 1}/{len(self.occurrences)}")
        self.status.info = (
            " · ".join(parts)
            if parts
            else ("index ready" if self.app.index_ready else self.status.info)
        )  # type: ignore[attr-defined]
        self.refresh_bindings()  # Esc on the list clears the matches, if there are any

    # -- entities --------------------------------------------------------------------------

    def on_entity_pane_chosen(self, message: EntityPane.Chosen) -> None:
        self.choose_entity(message.entity_id, message.name)

    def choose_entity(self, entity_id: str, name: str) -> None:
        """Load every mention of ``entity_id`` across the corpus."""
        if not self.app.index_ready:  # type: ignore[attr-defined]
            self.app.notify(
                "Indexing… the articles that mention an entity are listed when it finishes.",
                markup=False,
                timeout=3,
            )
            return
        self.entity_id, self.entity_name = entity_id, name
        self.occurrences, self.occurrence_index = [], -1
        if not self.entity_pane.display:
            self.action_toggle_entities()
        self.status.message = f"Finding every mention of {name}…"
        self.app.load_entity_articles(self, entity_id, name)  # type: ignore[attr-defined]

    def on_entity_pane_corrected(self, message: EntityPane.Corrected) -> None:
        self.app.correct_entity(  # type: ignore[attr-defined]
            self, message.kind, message.name, message.type, message.into
        )

    def on_entity_corrected(self, message: m.EntityCorrected) -> None:
        if message.error is not None:
            self.app.notify(
                f"Could not save the correction: {message.error}",
                severity="error",
                markup=False,
                timeout=8,
            )
            return
        self.app.notify(f"{message.text}; every article follows.", markup=False, timeout=4)
        if self.article is not None:
            self.app.load_entities(self, self.article.id)  # type: ignore[attr-defined]
        self.start_indexing()  # the index's entity fields and counts follow

    def on_entity_occurrences_loaded(self, message: m.EntityOccurrencesLoaded) -> None:
        if message.entity_id != self.entity_id:
            return
        # The open article's mentions first (where the reader is), then the rest in the
        # list's order: ] steps on from here into the next articles.
        here = getattr(self.article, "id", None)
        occurrences = list(message.occurrences)
        self.occurrences = [o for o in occurrences if o.article.id == here] + [
            o for o in occurrences if o.article.id != here
        ]
        articles = len({o.article.id for o in self.occurrences})
        self.status.message = f"{message.name}: {mentions_in(len(self.occurrences), articles)}"
        self.entity_pane.show_occurrences(message.name, message.entity_id, self.occurrences)
        if self.occurrences:
            self.clear_matches()
            self.match_scope = "entity"  # n / N step through its mentions, as ] / [ do
            self.set_focus(self.entity_pane.query_one("#occurrence-list"))

    def on_entity_pane_occurrence_chosen(self, message: EntityPane.OccurrenceChosen) -> None:
        self.go_to_occurrence(message.index)
        self.set_focus(self.reader)

    def action_next_mention(self) -> None:
        self._step_mention(+1)

    def action_prev_mention(self) -> None:
        self._step_mention(-1)

    def _step_mention(self, step: int) -> None:
        if not self.occurrences:
            self.app.notify(
                "Choose an entity first: e shows the entities pane.",
                markup=False,
                timeout=3,
                kind="step",
            )
            return
        index = self.occurrence_index
        if index < 0 or self.occurrences[index].article.id != getattr(self.article, "id", None):
            here = [
                i
                for i, o in enumerate(self.occurrences)
                if o.article.id == getattr(self.article, "id", None)
            ]
            index = (here[0] - 1 if step > 0 else here[-1] + 1) if here else -1
        target = index + step
        if not 0 <= target < len(self.occurrences):
            where = "last" if step > 0 else "first"
            self.app.notify(
                f"That was the {where} mention of {self.entity_name}.",
                markup=False,
                timeout=2,
                kind="step",
            )
            return
        self.go_to_occurrence(target)

    def go_to_occurrence(self, index: int) -> None:
        """Show mention ``index`` of the chosen entity, opening its article if needed."""
        occurrence = self.occurrences[index]
        self.occurrence_index = index
        self.match_scope, self.match_query = "entity", self.entity_name
        self.entity_pane.highlight_occurrence(index)
        article_id = occurrence.article.id
        spans = tuple((o.start, o.end) for o in self.occurrences if o.article.id == article_id)
        if self.article is not None and self.article.id == article_id and not self.reader.raw:
            self.reader.matches = spans
            self.reader.current_match = spans.index((occurrence.start, occurrence.end))
            self.reader.scroll_to_offset(occurrence.start)
            self.update_match_info()
        else:
            self.open_article(
                article_id, focus=occurrence.start, matches=spans, query=self.entity_name
            )
