"""MatchSteps: where n/N and ]/[ go, decided without Textual."""

from __future__ import annotations

from tui.app.stepping import FetchMore, MatchSteps, Move, Notice, OpenHit, OpenMention
from tui.library import ArticleSummary, EntityOccurrence, SearchHit, SearchResult


def _hit(article_id: str, *matches: tuple[int, int]) -> SearchHit:
    return SearchHit(
        id=article_id,
        path=f"{article_id}.txt",
        title=article_id,
        source=None,
        date=None,
        score=1.0,
        snippet="",
        snippet_matches=(),
        matches=tuple(matches),
    )


def _result(query: str, *hits: SearchHit, total: int | None = None) -> SearchResult:
    return SearchResult(query=query, hits=hits, total=len(hits) if total is None else total)


def _mention(article_id: str, start: int) -> EntityOccurrence:
    article = ArticleSummary(article_id, f"{article_id}.txt", article_id, None, None, None)
    return EntityOccurrence(article, start, start + 5, "a sentence", 0)


def _searched(steps: MatchSteps, result: SearchResult, index: int = 0) -> None:
    assert steps.searched(result.query, result, index) == index
    steps.open_hit(index)


def test_n_moves_within_the_article_then_on_to_the_next_hit() -> None:
    steps = MatchSteps()
    result = _result("harbour", _hit("a", (1, 4), (10, 14)), _hit("b", (5, 9)))
    _searched(steps, result)
    assert steps.scope == "search" and steps.hit_index == 0
    assert steps.step(+1, count=2, current=0, article_id="a", page=50) == Move(1)
    assert steps.step(+1, count=2, current=1, article_id="a", page=50) == OpenHit(1, last=False)
    view = steps.open_hit(1)
    assert (view.article_id, view.focus, view.matches) == ("b", 5, ((5, 9),))
    # N from the first match of the second hit goes back to the first hit, at its last match
    assert steps.step(-1, count=1, current=0, article_id="b", page=50) == OpenHit(0, last=True)
    assert steps.open_hit(0, last=True).focus == 10


def test_n_past_the_loaded_results_fetches_more_then_opens_the_next() -> None:
    steps = MatchSteps()
    _searched(steps, _result("harbour", _hit("a", (1, 4)), total=3))
    decision = steps.step(+1, count=1, current=0, article_id="a", page=50)
    assert decision == FetchMore(limit=51)
    # an answer for another query is not the one waited for
    assert steps.more_results("other", _result("other", _hit("x"), _hit("y"))) is None
    assert steps.step(+1, count=1, current=0, article_id="a", page=50) == FetchMore(limit=51)
    more = _result("harbour", _hit("a", (1, 4)), _hit("b", (2, 3)), _hit("c"), total=3)
    assert steps.more_results("harbour", more) == 1
    assert len(steps.hits) == 3
    assert steps.more_results("harbour", more) is None  # asked for once, opened once


def test_the_last_hit_says_so_and_the_first_too() -> None:
    steps = MatchSteps()
    _searched(steps, _result("harbour", _hit("a", (1, 4))))
    at_end = steps.step(+1, count=1, current=0, article_id="a", page=50)
    assert isinstance(at_end, Notice) and "No more search results" in at_end.text
    at_start = steps.step(-1, count=1, current=0, article_id="a", page=50)
    assert isinstance(at_start, Notice) and "No more search results" in at_start.text


def test_find_wraps_around_inside_the_article() -> None:
    steps = MatchSteps()
    steps.found("tide")
    assert steps.step(+1, count=3, current=2, article_id="a", page=50) == Move(0)
    assert steps.step(-1, count=3, current=0, article_id="a", page=50) == Move(2)


def test_nothing_to_step_through_names_the_users_keys() -> None:
    keys = {"search": "ctrl+s", "find": "F3"}
    steps = MatchSteps(keys=lambda binding_id, default: keys.get(binding_id, default))
    decision = steps.step(+1, count=0, current=-1, article_id="a", page=50)
    assert isinstance(decision, Notice)
    assert "ctrl+s searches every article, F3 finds in this one, e lists" in decision.text
    assert not steps.can_step(0)


def test_an_entitys_mentions_start_where_the_reader_is_and_step_across_articles() -> None:
    steps = MatchSteps()
    steps.choose_entity("person:anna", "Anna")
    mentions = [_mention("a", 10), _mention("b", 3), _mention("b", 40), _mention("c", 7)]
    assert not steps.mentions_loaded("person:other", mentions, here="b")  # stale
    assert steps.mentions_loaded("person:anna", mentions, here="b")
    assert [(o.article.id, o.start) for o in steps.occurrences] == [
        ("b", 3),
        ("b", 40),
        ("a", 10),
        ("c", 7),
    ]
    steps.scope = "entity"
    # ] with none chosen yet, in article b: the first mention in b
    assert steps.step(+1, count=0, current=-1, article_id="b", page=50) == OpenMention(0)
    occurrence, spans = steps.open_mention(0)
    assert occurrence.start == 3 and spans == ((3, 8), (40, 45))
    assert steps.step_mention(+1, "b") == OpenMention(1)
    steps.open_mention(3)
    last = steps.step_mention(+1, "c")
    assert isinstance(last, Notice) and last.text == "That was the last mention of Anna."
    # in an article the reader moved to, ] and [ start from its own mentions
    assert steps.step_mention(-1, "a") == OpenMention(2)
    assert steps.step_mention(+1, "a") == OpenMention(2)


def test_stepping_mentions_before_choosing_an_entity_says_how() -> None:
    decision = MatchSteps().step_mention(+1, "a")
    assert isinstance(decision, Notice) and "Choose an entity first" in decision.text


def test_the_status_line_says_where_the_reader_is() -> None:
    steps = MatchSteps()
    assert steps.info(raw=False, count=0, current=-1) == ""
    assert steps.info(raw=True, count=0, current=-1) == "raw text"
    steps.found("tide")
    assert steps.info(raw=False, count=4, current=1) == "found 2/4"
    _searched(steps, _result("harbour", _hit("a", (1, 4)), _hit("b"), total=1200))
    # Counted among every result (n loads more as it comes to them), not "1/2 of 1,200".
    assert steps.info(raw=False, count=1, current=0) == "match 1/1 · result 1/1,200"
    steps.choose_entity("person:anna", "Anna")
    steps.mentions_loaded("person:anna", [_mention("a", 1), _mention("b", 2)], here="a")
    steps.open_mention(0)
    assert steps.info(raw=False, count=1, current=0) == "1/1 in this article · mention 1/2"


def test_esc_goes_back_to_the_results_only_from_the_hit_last_opened() -> None:
    steps = MatchSteps()
    _searched(steps, _result("harbour", _hit("a"), _hit("b")), index=1)
    assert steps.search_cursor() == 1
    assert steps.reading_hit("b") and not steps.reading_hit("a")
    steps.shown("", with_matches=False)  # another article opened from the list
    assert not steps.reading_hit("b") and steps.search_cursor() == 0
