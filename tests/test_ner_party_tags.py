"""A legislator's party and state after the name ("Rep. Jo Zell, R-Texas,"): the
state is the place, all of it (tui/ner/party_tags.py), on sentences of our own."""

from __future__ import annotations

from tui.entities import Recognizer, load_gazetteer
from tui.ner.document import TAGGER, Candidate
from tui.ner.features import fold_word
from tui.ner.party_tags import party_states
from tui.ner.types import ORG, PERSON, PLACE


def found(text: str) -> list[tuple[str, str]]:
    rec = Recognizer(load_gazetteer())
    return [(m.text, m.type) for m in rec.extract(text, dates=False)]


def cand(text: str, surface: str, typ: str | None, first: int = 0) -> Candidate:
    at = text.index(surface)
    return Candidate(
        at, at + len(surface), first, first + 1, surface, fold_word(surface), typ, TAGGER, surface
    )


def test_an_abbreviated_state_after_a_person_is_the_whole_state() -> None:
    text = "Rep. Mara Quillen, R-W.Va., toured the plant near Dunmore on Friday."
    names = found(text)
    assert ("W.Va.", PLACE) in names
    assert not [n for n, _ in names if n.startswith("R-")]


def test_a_state_spelt_out_loses_the_party_letter() -> None:
    text = "Sen. Odell Frampton, D-Texas, said the bill would fail, and Tobin agreed."
    names = found(text)
    assert ("Texas", PLACE) in names
    assert not [n for n, _ in names if "-" in n]


def test_the_pass_takes_the_state_up_to_the_comma_and_counts_its_tokens() -> None:
    text = "Rep. Mara Quillen, R-W.Va., spoke."
    person = cand(text, "Mara Quillen", PERSON, first=1)
    tag = cand(text, "R-W", PLACE, first=4)
    party_states([person, tag], text)
    assert (tag.surface, tag.type, text[tag.start : tag.end]) == ("W.Va.", PLACE, "W.Va.")
    assert (tag.first, tag.last) == (4, 7)  # "R-W", ".", "Va."
    bracketed = "Sen. Lia Perrow (I-Vt.) spoke."
    person = cand(bracketed, "Lia Perrow", PERSON)
    tag = cand(bracketed, "I-Vt", ORG)
    party_states([person, tag], bracketed)
    assert (tag.surface, tag.type) == ("Vt.", PLACE)


def test_hyphenated_names_that_are_no_designation_stay() -> None:
    # no person before it, a lower-case or a long tail, or no comma or bracket after
    cases = [
        ("The Alpha-Beta group, R-Series, grew.", "R-Series", ORG, "Alpha-Beta group"),
        ("Mara Quillen met D-Zarbian officials today.", "D-Zarbian", PLACE, "Mara Quillen"),
        (
            "Mara Quillen, R-Northwestmorelandshire, spoke.",
            "R-Northwestmorelandshire",
            PLACE,
            "Mara Quillen",
        ),
        ("Mara Quillen, R-Texas and more, spoke.", "R-Texas", PLACE, "Mara Quillen"),
    ]
    for text, surface, typ, before in cases:
        prev = cand(text, before, PERSON if before == "Mara Quillen" else ORG)
        tag = cand(text, surface, typ)
        party_states([prev, tag], text)
        assert (tag.surface, tag.type) == (surface, typ), text
