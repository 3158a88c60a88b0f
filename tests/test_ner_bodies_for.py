"""A body's name goes on after "for" ("Alliance for Coastal Fisheries"): one
organisation (tui/ner/bodies_for.py), on sentences of our own."""

from __future__ import annotations

from tui.entities import Recognizer, load_gazetteer
from tui.ner.bodies_for import bodies_for, national_bodies
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


def test_a_nations_adjective_before_a_body_is_part_of_its_name() -> None:
    words = words_of("the Zarbian Farm Bureau Federation said")
    assert national_bodies(words, [(1, 2, "MISC"), (2, 5, "ORG")]) == [(1, 5, "ORG")]
    words = words_of("the Zarbian Labour Party and the Kessabi Union met")
    spans = [(1, 2, "MISC"), (2, 4, "ORG"), (6, 7, "MISC"), (7, 8, "ORG")]
    assert national_bodies(words, spans) == [(1, 4, "ORG"), (6, 8, "ORG")]


def test_a_states_organ_a_gap_or_a_phrase_keeps_the_adjective_apart() -> None:
    cases = [
        ("the Zarbian Foreign Ministry said", [(1, 2, "MISC"), (2, 4, "ORG")]),
        ("a Zarbian-led Congress met", [(1, 2, "MISC"), (2, 3, "ORG")]),
        ("the Zarbian , Farmers Federation said", [(1, 2, "MISC"), (3, 5, "ORG")]),
        ("the Zarbian Grand Prix Association met", [(1, 4, "MISC"), (4, 5, "ORG")]),
        ("Jo Vale of the Farmers Federation said", [(0, 2, "PER"), (4, 6, "ORG")]),
    ]
    for text, spans in cases:
        assert national_bodies(words_of(text), spans) == spans, text
