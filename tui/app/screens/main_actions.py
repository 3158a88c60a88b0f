"""The main screen's keys: what its bindings do (each hands the key to the part of the
screen it concerns) and which of them the key bar offers, and when.

:class:`MainActions` is the base of :class:`~tui.app.screens.main.MainScreen`: it holds
the screen's ``action_*`` methods that only hand a key on, and the key bar's questions
(``check_action``, ``key_bar_hides``, ``key_bar_names``). The screen itself composes the
panes, routes the messages, and keeps the keys that arrange the panes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.app.base import DossierScreen
from tui.app.screens.navigation import TYPED_ACTIONS, typing
from tui.app.widgets.reader import Reader

if TYPE_CHECKING:
    from tui.app.screens.across import Across
    from tui.app.screens.article_edits import ArticleEdits
    from tui.app.screens.bookmarking import Bookmarking
    from tui.app.screens.exports import Exports
    from tui.app.screens.feed import CorpusFeed
    from tui.app.screens.navigation import Navigator
    from tui.app.screens.story import StoryViews
    from tui.app.stepping import MatchSteps
    from tui.app.widgets.article_list import ArticleList
    from tui.articles import Article

#: The main screen's actions (and the list's sort) that need an article to act on: out
#: of the key bar while the folder has none.
NEED_AN_ARTICLE = frozenset(
    {"find", "toggle_raw", "toggle_entities", "shared_passages", "cycle_sort"}
)


class MainActions(DossierScreen[None]):
    """The main screen's keys; the parts and panes they reach are set by the screen."""

    article: Article | None
    article_list: ArticleList
    reader: Reader
    steps: MatchSteps
    feed: CorpusFeed
    navigator: Navigator
    bookmarking: Bookmarking
    edits: ArticleEdits
    across: Across
    exports: Exports
    story: StoryViews
    entities_open: bool

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # The key bar offers Esc only where it does something, named for what it does.
        if action == "back":
            return self.focused is not self.article_list
        if action == "clear_matches":
            return self.focused is self.article_list and bool(self.reader.matches)
        # Textual leaves out the bindings whose keys the focused text box takes as text,
        # but it has no character for "slash" (Unicode calls it SOLIDUS): without this the
        # key bar would offer / Search while the find box has the focus.
        return not (action in TYPED_ACTIONS and typing(self))

    def key_bar_hides(self, action: str) -> bool:
        """Keys that work but are left out of the key bar while they have nothing to do."""
        if action in ("next_match", "prev_match"):
            readers = self.query(Reader)
            return not self.steps.can_step(len(readers.first().matches) if readers else 0)
        if action == "mentioned_with":  # offered once there is someone to list
            return not self.across.together_listed()
        if action == "undo_correction":  # offered once there is a correction to undo
            return not self.dossier.entity_changes
        # A folder with no article, or none listed yet (the folder is being read): nothing
        # to find, show raw, sort, or name entities in.
        return action in NEED_AN_ARTICLE and (self.feed.empty or not self.article_list.item_count)

    def open_an_article_first(self) -> str:
        """What a key that needs an article says when none is open."""
        if self.feed.empty:
            corpus = self.dossier.library.corpus
            return f"There are no articles in {corpus.name or corpus} yet: nothing to read."
        if not self.article_list.item_count:
            return "The folder is still being read: its articles are on their way."
        return "Open an article first (Enter in the list)."

    def key_bar_names(self, action: str) -> str | None:
        """A toggle named for what it does now: r shows the cleaned text again."""
        if action == "toggle_raw" and self.reader.raw:
            return "Cleaned"
        return None

    async def action_search(self) -> None:
        # "/" is a priority binding, so this runs as the app takes the key from the terminal,
        # and it waits until the search box is mounted and focused: the app handles keys in
        # order, so letters typed right after "/" go to the box, not to the list or reader.
        await self.navigator.open_search()

    def action_find(self) -> None:
        self.navigator.open_find()

    def action_next_match(self) -> None:
        """The next match; after the article's last, the next search hit or mention."""
        self.navigator.step(+1)

    def action_prev_match(self) -> None:
        self.navigator.step(-1)

    async def action_bookmarks(self) -> None:
        await self.bookmarking.open_screen()

    def action_timeline(self) -> None:
        self.story.open_timeline()

    def action_saved_searches(self) -> None:
        self.story.open_saved_searches()

    def action_filter_list(self) -> None:
        self.story.ask_filter()

    def action_next_mention(self) -> None:
        """The chosen entity's next mention, here or in the next article that has one;
        with no entity chosen (or the entities pane closed), the next shared passage."""
        self._step_mention(+1)

    def action_prev_mention(self) -> None:
        self._step_mention(-1)

    def _step_mention(self, step: int) -> None:
        if self.entities_open and self.steps.occurrences:
            self.navigator.step_mention(step)
        else:
            self.across.step(step)

    def action_shared_passages(self) -> None:
        self.across.lookup()

    def action_mentioned_with(self) -> None:
        self.across.to_together()

    def action_export(self) -> None:
        self.exports.export_here()

    def action_correct(self) -> None:
        self.edits.correct()

    def action_clear_matches(self) -> None:
        """Esc in the list: the highlighted matches go."""
        self.navigator.clear_matches()

    def action_toggle_raw(self) -> None:
        if self.article is None:
            return
        self.reader.raw = not self.reader.raw
        self.navigator.update_match_info()

    async def action_back(self) -> None:
        await self.navigator.back()
