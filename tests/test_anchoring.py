"""Re-anchoring saved passages after an article's text changed."""

from __future__ import annotations

import pytest

from tui.anchoring import (
    Anchor,
    Selector,
    anchor,
    context_of,
    find_quote,
    selector_for,
    similarity,
)

# An invented wire story; the second paragraph repeats the first one's phrasing,
# as news copy does.
BODY = (
    "Negotiators gathered in Geneva on Monday under unusually tight security. "
    "Russia said it was ready to discuss a ceasefire, officials in Moscow told reporters. "
    "The Ukrainian delegation said it would wait for written proposals.\n\n"
    "By Thursday the mood had soured. In a terse statement issued overnight, "
    "Russia said it was not ready to discuss a ceasefire until its conditions were met. "
    "Diplomats described the exchange as predictable."
)
QUOTE = "Russia said it was ready to discuss a ceasefire"


def sel(body: str = BODY, quote: str = QUOTE) -> Selector:
    start = body.index(quote)
    return selector_for(body, start, start + len(quote))


def text_at(body: str, a: Anchor) -> str:
    return body[a.start : a.end]


def test_selector_saves_32_characters_of_context() -> None:
    s = sel()
    assert s.quote == QUOTE
    assert len(s.prefix) == 32 and BODY[s.start - 32 : s.start] == s.prefix
    assert len(s.suffix) == 32 and s.suffix.startswith(", officials in Moscow")
    assert context_of(BODY, 0, 5) == ("", BODY[5:37])


@pytest.mark.parametrize("span", [(5, 5), (-1, 3), (0, len(BODY) + 1), (9, 3)])
def test_selector_rejects_bad_spans(span: tuple[int, int]) -> None:
    with pytest.raises(ValueError):
        selector_for(BODY, *span)


def test_unchanged_body_is_an_exact_offset_hit() -> None:
    s = sel()
    a = anchor(s, BODY)
    assert a == Anchor(s.start, s.end, "exact-offset", 1.0)


def test_text_inserted_before_moves_the_anchor() -> None:
    s = sel()
    body = "An update was added at the top of this story.\n\n" + BODY
    a = anchor(s, body)
    assert a.method == "exact-search"
    assert text_at(body, a) == QUOTE
    assert a.start == s.start + len("An update was added at the top of this story.\n\n")


def test_text_removed_before_moves_the_anchor() -> None:
    s = sel()
    body = BODY.replace("under unusually tight security", "")
    a = anchor(s, body)
    assert a.method == "exact-search" and text_at(body, a) == QUOTE


def test_repeated_quote_picks_the_occurrence_with_matching_context() -> None:
    quote = "the talks would resume"
    body = (
        "A spokesman said the talks would resume next week in Vienna. "
        "Nothing else was agreed.\n\n"
        "Asked on Friday, the minister insisted the talks would resume after the holiday."
    )
    s = sel(body, quote)  # the first occurrence
    # Text inserted everywhere shifts both occurrences; the first must still win.
    edited = "Breaking. " + body.replace("Nothing else", "Little else")
    a = anchor(s, edited)
    assert a.method == "exact-search"
    assert a.start == edited.index(quote)
    # Bookmark the second occurrence and make sure it is not pulled to the first.
    second = body.rindex(quote)
    s2 = selector_for(body, second, second + len(quote))
    a2 = anchor(s2, edited)
    assert a2.start == edited.rindex(quote)


def test_equal_context_ties_go_to_the_nearest_occurrence() -> None:
    body = "x. Hello there. y. Hello there. z."
    s = Selector("Hello there", "", "", 19, 30)  # offsets now wrong by one, no context
    a = anchor(s, "." + body)
    assert a.start == 20


def test_rewrapped_whitespace_is_still_an_exact_hit() -> None:
    s = sel()
    body = BODY.replace("ready to discuss a", "ready\nto  discuss a", 1)
    a = anchor(s, body)
    assert a.method == "exact-search"
    assert " ".join(text_at(body, a).split()) == QUOTE


def test_typo_fixed_in_the_passage_reanchors_fuzzily() -> None:
    typo = BODY.replace(
        "ready to discuss a ceasefire, officials", "ready to dicsuss a ceasfire, officials"
    )
    s = sel(typo, "Russia said it was ready to dicsuss a ceasfire")
    a = anchor(s, BODY)
    assert a.method == "fuzzy" and a.score >= 0.8
    assert text_at(BODY, a) == QUOTE


def test_a_word_changed_in_the_passage_reanchors_fuzzily() -> None:
    s = sel()
    body = BODY.replace(
        "was ready to discuss a ceasefire, officials",
        "was willing to discuss a ceasefire, officials",
    )
    a = anchor(s, body)
    assert a.method == "fuzzy"
    assert text_at(body, a) == "Russia said it was willing to discuss a ceasefire"


def test_edited_passage_with_edited_neighbour_still_reanchors() -> None:
    s = sel()
    body = BODY.replace("under unusually tight security", "amid protests outside").replace(
        "was ready to discuss", "was prepared to discuss", 1
    )
    a = anchor(s, body)
    assert a.method == "fuzzy"
    assert text_at(body, a) == "Russia said it was prepared to discuss a ceasefire"


def test_deleted_passage_is_not_moved_onto_a_look_alike_sentence() -> None:
    s = sel()
    body = BODY.replace(QUOTE + ", officials in Moscow told reporters. ", "")
    assert "Russia said it was not ready to discuss a ceasefire" in body
    a = anchor(s, body)
    assert a.method == "orphaned"
    assert (a.start, a.end) == (s.start, s.end)


def test_look_alike_of_a_deleted_negated_sentence_is_not_matched() -> None:
    quote = "Russia said it was not ready to discuss a ceasefire"
    s = sel(BODY, quote)
    body = BODY.replace("In a terse statement issued overnight, " + quote, "In a terse statement,")
    assert anchor(s, body).method == "orphaned"


def test_heavily_rewritten_passage_is_orphaned() -> None:
    s = sel()
    body = BODY.replace(QUOTE, "Moscow signalled an openness to a truce")
    assert anchor(s, body).method == "orphaned"


def test_removed_article_orphans() -> None:
    s = sel()
    assert anchor(s, None) == Anchor(s.start, s.end, "orphaned", 0.0)
    assert anchor(s, "").method == "orphaned"


def test_passage_at_the_very_start_reanchors_after_an_edit() -> None:
    quote = "Negotiators gathered in Geneva on Monday"
    s = sel(BODY, quote)
    assert s.prefix == ""
    body = BODY.replace("Negotiators gathered", "Negotiators met", 1)
    a = anchor(s, body)
    assert a.method == "fuzzy"
    assert text_at(body, a) == "Negotiators met in Geneva on Monday"


def test_short_quote_is_not_fuzzily_matched_elsewhere() -> None:
    s = sel(BODY, "Geneva")
    body = BODY.replace("Geneva", "Vienna")
    assert anchor(s, body).method == "orphaned"


def test_markup_in_a_quote_is_plain_text() -> None:
    body = "Intro. The caption read [bold]URGENT[/bold] <b>now</b> in red."
    quote = "[bold]URGENT[/bold] <b>now</b>"
    s = sel(body, quote)
    a = anchor(s, "More intro. " + body)
    assert a.method == "exact-search"
    assert text_at("More intro. " + body, a) == quote


def test_find_quote_ignores_whitespace_differences() -> None:
    assert find_quote(BODY, QUOTE) == (BODY.index(QUOTE), BODY.index(QUOTE) + len(QUOTE))
    span = find_quote(BODY, "Russia said it\nwas  ready")
    assert span is not None and BODY[span[0] : span[1]] == "Russia said it was ready"
    assert find_quote(BODY, "not in the story") is None
    assert find_quote(BODY, "   ") is None


def test_similarity_bounds() -> None:
    assert similarity("a  b", "a b") == 1.0
    assert similarity("", "abc") == 0.0
    assert 0.0 < similarity("ceasefire", "cease-fire") < 1.0
