"""A name the tagger left untyped, joined by "and"/"or" to an organisation
(tui.ner.context.coordinated_types)."""

from __future__ import annotations

from tui.ner.context import coordinated_types
from tui.ner.document import GAZETTEER, LINKED, TAGGER, Candidate


def cand(surface: str, typ: str | None, first: int, *, before: str = "x") -> Candidate:
    """A candidate; a typed one as the text's context typed it (linked), an untyped
    one as the tagger left it."""
    words = surface.split()
    return Candidate(
        0,
        len(surface),
        first,
        first + len(words),
        surface,
        surface.lower(),
        typ,
        TAGGER if typ is None else LINKED,
        surface,
        before=before,
    )


def test_an_untyped_name_joined_to_an_organisation_is_one_everywhere_in_the_text() -> None:
    # "... rival makers Zapcorp and Velmo. Velmo said ... For Velmo, ..."
    cands = [
        cand("Zapcorp", "org", 3),
        cand("Velmo", None, 5, before="and"),
        cand("Velmo", None, 8, before="."),
        cand("Velmo", None, 20, before="For"),
    ]
    coordinated_types(cands)
    assert [c.type for c in cands] == ["org"] * 4
    assert [c.source for c in cands[1:]] == [LINKED] * 3


def test_either_side_and_or() -> None:
    cands = [cand("Velmo", None, 3), cand("Zapcorp", "org", 5, before="or"), cand("Velmo", None, 9)]
    coordinated_types(cands)
    assert cands[0].type == "org" and cands[2].type == "org"


def test_a_name_only_ever_found_beside_another_stays_untyped() -> None:
    # "formats such as Zapmax and VHS", "Angels and Zemons": no mention of its own
    cands = [cand("Zapmax", None, 3), cand("Zapcorp", "org", 5, before="and")]
    coordinated_types(cands)
    assert cands[0].type is None
    cands = [
        cand("Zapmax", None, 3),
        cand("Zapcorp", "org", 5, before="and"),
        cand("Velmo", "org", 9),
        cand("Zapmax", None, 11, before="or"),
    ]
    coordinated_types(cands)
    assert cands[0].type is None and cands[3].type is None


def test_only_when_the_two_names_touch_the_joining_word() -> None:
    # "Velmo jets and Zapcorp": "and" joins other words
    cands = [
        cand("Velmo", None, 3),
        cand("Zapcorp", "org", 6, before="and"),
        cand("Velmo", None, 9),
    ]
    coordinated_types(cands)
    assert cands[0].type is None


def test_beside_a_person_or_a_place_nothing_changes() -> None:
    # "Olympic champions Jo Lee and ...", "in Zarnia and Zarnian Serb territory"
    for typ in ("person", "place"):
        cands = [
            cand("Zarnia", typ, 3),
            cand("Olympic", None, 5, before="and"),
            cand("Olympic", None, 9),
        ]
        coordinated_types(cands)
        assert cands[1].type is None


def test_nationalities_and_words_of_parts_stay_untyped() -> None:
    for surface in ("Arabs", "British", "Zapcorp-backed", "Nixonian", "Zarnic"):
        cands = [
            cand("Zapcorp", "org", 3),
            cand(surface, None, 5, before="and"),
            cand(surface, None, 9),
        ]
        coordinated_types(cands)
        assert cands[1].type is None, surface


def test_a_name_from_the_lists_keeps_its_type() -> None:
    listed = cand("Velmo", None, 5, before="and")
    listed.source = GAZETTEER
    cands = [cand("Zapcorp", "org", 3), listed, cand("Velmo", None, 9)]
    coordinated_types(cands)
    assert listed.type is None


def test_the_rest_of_a_name_that_shares_a_word_with_the_other_stays_untyped() -> None:
    # "Zapmon Sword or Shield": Shield is "Zapmon Shield", a product like the other
    cands = [
        cand("Zapmon Sword", "org", 3),
        cand("Shield", None, 6, before="or"),
        cand("Shield", None, 9),
    ]
    coordinated_types(cands)
    assert cands[1].type is None


def test_only_beside_an_organisation_the_lists_know_or_the_context_typed() -> None:
    # "the war between the North and South": the tagger's guess of an organisation
    south = cand("South", "org", 5, before="and")
    south.source = TAGGER
    cands = [cand("North", None, 3), south, cand("North", None, 9, before="the")]
    coordinated_types(cands)
    assert cands[0].type is None and cands[2].type is None
    # an organisation the name lists know, typed by the tagger, counts
    known = cand("Boeing", "org", 5, before="and")
    known.source = TAGGER
    cands = [cand("Velmo", None, 3), known, cand("Velmo", None, 9)]
    coordinated_types(cands)
    assert cands[0].type == "org"
