"""Where ``n``/``N`` and ``]``/``[`` go: the main screen's matches, as plain data.

The reader holds one list of match spans for the open article, filled by whichever
came last: a search hit, find-in-article, or the mentions of a chosen entity (the
*scope*). Stepping past the article's last match carries on into the next search
hit or the next article that mentions the entity. :class:`MatchSteps` keeps that
state and decides each step; the screen carries the decision out (scrolls the
reader, opens an article, asks for more results, shows a notice). No Textual
here: the decisions are tested on their own (tests/test_stepping.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from tui.library import EntityOccurrence, SearchHit, SearchResult

Scope = Literal["", "search", "find", "entity"]


@dataclass(frozen=True)
class Move:
    """To match ``index`` of the open article."""

    index: int


@dataclass(frozen=True)
class OpenHit:
    """To search hit ``index`` (at its last match when stepping back)."""

    index: int
    last: bool = False


@dataclass(frozen=True)
class FetchMore:
    """Past the results loaded so far: search again for ``limit`` hits, then open
    the next one when they come."""

    limit: int


@dataclass(frozen=True)
class Notice:
    """Nowhere to go: say why."""

    text: str
    timeout: float


@dataclass(frozen=True)
class OpenMention:
    """To mention ``index`` of the chosen entity."""

    index: int


Step = Move | OpenHit | FetchMore | OpenMention | Notice


@dataclass(frozen=True)
class HitView:
    """What opening a search hit shows: the article, where to scroll, its matches."""

    article_id: str
    focus: int | None
    matches: tuple[tuple[int, int], ...]


def _default_keys(_binding_id: str, default: str) -> str:
    return default


@dataclass
class MatchSteps:
    """The scope of the reader's matches, the last search and the chosen entity."""

    #: How the key bound to an id is shown (the app's ``key_for``), for the notices.
    keys: Callable[[str, str], str] = _default_keys
    scope: Scope = ""
    #: What the reader's matches are matches of (a query, an entity's name).
    query: str = ""
    search_query: str = ""
    search_result: SearchResult | None = None
    hits: tuple[SearchHit, ...] = ()
    hit_index: int = -1
    #: The hit to open once more results have come (-1: none asked for).
    wanted_hit: int = -1
    entity_id: str | None = None
    entity_name: str = ""
    occurrences: list[EntityOccurrence] = field(default_factory=list)
    occurrence_index: int = -1

    # -- n / N ----------------------------------------------------------------------

    def step(
        self, step: int, *, count: int, current: int, article_id: str | None, page: int
    ) -> Step:
        """Where ``step`` (+1 or -1) goes from match ``current`` of the ``count`` in the
        open article; ``page`` is how many more search results a fetch asks for."""
        if self.scope == "entity":
            return self.step_mention(step, article_id)
        target = current + step
        if 0 <= target < count:
            return Move(target)
        if self.scope == "search" and self.hits:
            following = self.hit_index + step
            if 0 <= following < len(self.hits):
                return OpenHit(following, last=step < 0)
            total = self.search_result.total if self.search_result is not None else 0
            if following == len(self.hits) and total > len(self.hits):
                self.wanted_hit = following
                return FetchMore(len(self.hits) + page)
            return Notice("No more search results in that direction.", 2)
        if count and self.scope == "find":  # wrap around inside the article
            return Move(0 if step > 0 else count - 1)
        key = self.keys
        return Notice(
            f"Nothing to step through: {key('search', '/')} searches every article, "
            f"{key('find', 'f')} finds in this one, {key('entities', 'e')} lists the entities.",
            3,
        )

    def can_step(self, count: int) -> bool:
        """Whether ``n`` has anywhere to go (the key bar leaves it out otherwise)."""
        return bool(
            count
            or (self.scope == "search" and self.hits)
            or (self.scope == "entity" and self.occurrences)
        )

    # -- search ---------------------------------------------------------------------

    def search_cursor(self) -> int:
        """Where the results' cursor goes when the search screen opens again."""
        return self.hit_index if self.scope == "search" and self.hits else 0

    def searched(self, query: str, result: SearchResult | None, index: int) -> int | None:
        """The search screen closed on ``query``; the hit chosen (-1: none) is opened."""
        self.search_query, self.search_result = query, result
        if index < 0:
            return None
        self.hits = tuple(result.hits) if result is not None else ()
        self.hit_index = index
        return index

    def more_results(self, query: str, result: SearchResult | None) -> int | None:
        """More results came: the hit that was waiting for them, if it is there now."""
        wanted, self.wanted_hit = self.wanted_hit, -1
        if wanted < 0 or query != self.search_query or result is None:
            return None
        self.search_result = result
        self.hits = tuple(result.hits)
        return wanted if wanted < len(self.hits) else None

    def open_hit(self, index: int, *, last: bool = False) -> HitView:
        """Search hit ``index`` becomes the current one."""
        hit = self.hits[index]
        self.hit_index = index
        self.scope = "search"
        matches = tuple(hit.matches)
        focus = (matches[-1] if last else matches[0])[0] if matches else None
        return HitView(hit.id, focus, matches)

    def reading_hit(self, article_id: str | None) -> bool:
        """Whether ``article_id`` is the search hit last opened (Esc goes back to the results)."""
        return (
            self.scope == "search"
            and 0 <= self.hit_index < len(self.hits)
            and self.hits[self.hit_index].id == article_id
        )

    # -- find, and articles shown ---------------------------------------------------

    def found(self, query: str) -> None:
        self.scope, self.query = "find", query

    def clear(self) -> None:
        self.scope = ""

    def shown(self, query: str, *, with_matches: bool) -> None:
        """An article was shown, with the matches of ``query`` (or none)."""
        self.query = query
        if not with_matches:
            self.scope = ""

    # -- an entity's mentions -------------------------------------------------------

    def choose_entity(self, entity_id: str, name: str) -> None:
        self.entity_id, self.entity_name = entity_id, name
        self.occurrences, self.occurrence_index = [], -1

    def mentions_loaded(
        self, entity_id: str, occurrences: Sequence[EntityOccurrence], here: str | None
    ) -> bool:
        """Keep the chosen entity's mentions: those in article ``here`` first (where the
        reader is), then the rest in the list's order. False for a stale answer."""
        if entity_id != self.entity_id:
            return False
        self.occurrences = [o for o in occurrences if o.article.id == here] + [
            o for o in occurrences if o.article.id != here
        ]
        return True

    def step_mention(self, step: int, article_id: str | None) -> OpenMention | Notice:
        """The mention ``step`` away from the current one (or from the open article)."""
        occurrences = self.occurrences
        if not occurrences:
            return Notice("Choose an entity first: e shows the entities pane.", 3)
        index = self.occurrence_index
        if index < 0 or occurrences[index].article.id != article_id:
            here = [i for i, o in enumerate(occurrences) if o.article.id == article_id]
            index = (here[0] - 1 if step > 0 else here[-1] + 1) if here else -1
        target = index + step
        if not 0 <= target < len(occurrences):
            where = "last" if step > 0 else "first"
            return Notice(f"That was the {where} mention of {self.entity_name}.", 2)
        return OpenMention(target)

    def open_mention(self, index: int) -> tuple[EntityOccurrence, tuple[tuple[int, int], ...]]:
        """Mention ``index`` becomes the current one: it and every mention in its article."""
        occurrence = self.occurrences[index]
        self.occurrence_index = index
        self.scope, self.query = "entity", self.entity_name
        article_id = occurrence.article.id
        spans = tuple((o.start, o.end) for o in self.occurrences if o.article.id == article_id)
        return occurrence, spans

    # -- the status line ------------------------------------------------------------

    def info(self, *, raw: bool, count: int, current: int) -> str:
        """Where the reader is among the matches ("match 2/5 · result 1/20"), or ''."""
        parts = []
        if raw:
            parts.append("raw text")
        if count and current >= 0:
            position = f"{current + 1}/{count}"
            if self.scope == "entity":  # the status line already names the entity
                parts.append(f"{position} in this article")
            else:
                label = "found" if self.scope == "find" else "match"
                parts.append(f"{label} {position}")
            if self.scope == "search" and self.hits:
                # Of every result: n fetches those not loaded yet as it comes to them.
                result = self.search_result
                total = max(result.total if result is not None else 0, len(self.hits))
                parts.append(f"result {self.hit_index + 1:,}/{total:,}")
            if self.scope == "entity" and self.occurrences:
                parts.append(f"mention {self.occurrence_index + 1}/{len(self.occurrences)}")
        return " · ".join(parts)
