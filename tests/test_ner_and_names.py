"""A name of capitalised common words joined by "and", of which the tagger found a
piece, is one organisation where its scores of the whole say so
(tui/ner/and_names.py), on sentences of our own."""

from __future__ import annotations

from tui.entities import Recognizer, load_gazetteer
from tui.ner.and_names import whole_and_names
from tui.ner.tokens import line_words
from tui.ner.types import ORG


def found(text: str) -> list[tuple[str, str]]:
    rec = Recognizer(load_gazetteer())
    return [(m.text, m.type) for m in rec.extract(text, dates=False)]


def test_a_piece_of_an_agency_named_with_and_is_the_whole_agency() -> None:
    # (the tagger finds "Border Protection" alone)
    text = "Figures on cargo came from Tariffs and Border Protection, a spokeswoman said."
    assert found(text) == [("Tariffs and Border Protection", ORG)]


def test_the_whole_name_found_once_is_found_at_its_other_mentions() -> None:
    text = (
        "Figures on cargo came from Tariffs and Border Protection, a spokeswoman said.\n"
        "The way Tariffs and Border Protection counts seizures is by weight."
    )
    assert found(text) == [("Tariffs and Border Protection", ORG)] * 2


WORDS = line_words(s := "fees paid to Zapco and Border Protection at the border", 0, len(s))
SENTS = [(0, len(WORDS))]


def org(a: int, b: int) -> str:
    return "ORG"


def test_two_names_found_beside_and_may_be_one_body() -> None:
    spans = [(3, 4, "LOC"), (5, 7, "ORG")]
    assert whole_and_names(WORDS, spans, SENTS, {}, {"border"}, org) == [(3, 7, "ORG")]


def test_the_tagger_s_scores_of_the_whole_decide() -> None:
    spans = [(5, 7, "ORG")]
    assert whole_and_names(WORDS, spans, SENTS, {}, {"border"}, lambda a, b: "MISC") == spans


LOWER = {"border", "industry", "attack", "tobago"}


def test_a_run_of_no_body_s_shape_is_left() -> None:
    # a list's end, a sentence's first words, a given name, "The", no body's end, a
    # person's title, no common word beside "and" (two teams), a place the lists know
    cases = [
        ("fans of Zapco, Velmo and Border Protection wait", [(5, 7, "ORG")]),
        ("Zapco and Border Protection wait", [(2, 4, "ORG")]),
        ("paid to Kim and Border Protection here", [(4, 6, "ORG")]),  # a given name
        ("paid to Zapco and The Border Protection here", [(5, 7, "ORG")]),
        ("the hits Massive Attack and Portishead played", [(5, 6, "ORG")]),
        ("aides of the Commerce and Industry Minister Office", [(3, 4, "LOC")]),
        ("fans of Harbourton and Zapton Rangers", [(2, 3, "ORG"), (4, 6, "ORG")]),
        ("flights to Trinidad and Tobago Corporation resumed", [(2, 3, "LOC")]),
    ]
    for text, spans in cases:
        words = line_words(text, 0, len(text))
        assert whole_and_names(words, spans, [(0, len(words))], {}, LOWER, org) == spans, text
