"""A body's name goes on after "for" ("Alliance for Coastal Fisheries"): one
organisation (tui/ner/bodies_for.py), on sentences of our own."""

from __future__ import annotations

from tui.entities import Recognizer, load_gazetteer
from tui.ner.bodies_for import bodies_for
from tui.ner.tokens import line_words
from tui.ner.types import ORG, PERSON


def found(text: str) -> list[tuple[str, str]]:
    rec = Recognizer(load_gazetteer())
    return [(m.text, m.type) for m in rec.extract(text, dates=False)]


def test_a_body_named_for_what_it_is_for_is_one_organisation() -> None:
    text = "Jo Vale, who heads the Alliance for Coastal Fisheries, said prices rose."
    assert found(text) == [("Jo Vale", PERSON), ("Alliance for Coastal Fisheries", ORG)]


def words_of(text: str) -> list[str]:
    return line_words(text, 0, len(text))


def test_the_words_after_for_and_their_names_join_the_body() -> None:
    words = words_of("the Zarn Commission for Harbour Safety said")
    spans = [(1, 3, "ORG"), (4, 6, "PER")]
    assert bodies_for(words, spans) == [(1, 6, "ORG")]
    words = words_of("the Commission for Zarnia met")  # (a place after "for")
    assert bodies_for(words, [(1, 2, "ORG"), (3, 4, "LOC")]) == [(1, 4, "ORG")]


def test_no_body_s_noun_a_month_a_given_name_or_a_longer_name_is_left() -> None:
    cases = [
        ("he left Zapton Rangers for Zarnia in May", [(2, 4, "ORG"), (5, 6, "LOC")]),
        ("the Zarn Department for November said", [(1, 3, "ORG")]),
        ("the Zapco Foundation for Jo Vale said", [(1, 3, "ORG"), (4, 6, "PER")]),
        ("the Commission for Harbour Safety of Zarnia said", [(1, 2, "ORG"), (4, 7, "ORG")]),
        ("the commission for Harbour Safety said", [(4, 6, "ORG")]),
    ]
    for text, spans in cases:
        assert bodies_for(words_of(text), spans) == spans, text
