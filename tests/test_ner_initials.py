"""An acronym of a person's initials is that person (tui/ner/acronyms.py
people_by_initials), on sentences of our own."""

from __future__ import annotations

from tui.entities import Recognizer
from tui.ner.acronyms import people_by_initials, person_initials
from tui.ner.document import GAZETTEER, LINKED, TAGGER, Candidate
from tui.ner.types import ORG, PERSON


def _cand(surface: str, typ: str | None, source: int = TAGGER, canonical: str = "") -> Candidate:
    return Candidate(
        0, len(surface), 0, 1, surface, surface.lower(), typ, source, canonical or surface
    )


def test_initials_take_the_parts_of_a_hyphenated_name_and_leave_particles() -> None:
    assert person_initials("Zara Quill-Vance") == "ZQV"
    assert person_initials("Jan de Zoet") == "JZ"
    assert person_initials("Orla Brandt Marsh") == "OBM"


def test_an_acronym_of_a_person_named_in_full_is_that_person() -> None:
    cands = [_cand("Zara Quill-Vance", PERSON), _cand("ZQV", ORG), _cand("ZQV", None)]
    people_by_initials(cands)
    assert [(c.type, c.canonical, c.source) for c in cands[1:]] == [
        (PERSON, "Zara Quill-Vance", LINKED)
    ] * 2


def test_no_person_for_two_letters_two_people_or_a_listed_name() -> None:
    # two letters: too often a place's or a disease's
    cands = [_cand("Zara Quill", PERSON), _cand("ZQ", ORG)]
    people_by_initials(cands)
    assert cands[1].type == ORG
    # two people of the text with those initials
    cands = [_cand("Zara Quill Vance", PERSON), _cand("Zeno Quinn Vale", PERSON), _cand("ZQV", ORG)]
    people_by_initials(cands)
    assert cands[2].type == ORG
    # a name a list knows, and one a link gave another name
    cands = [
        _cand("Zara Quill Vance", PERSON),
        _cand("ZQV", ORG, GAZETTEER),
        _cand("ZQV", ORG, LINKED, "Zarnian Quality Venture"),
    ]
    people_by_initials(cands)
    assert [c.type for c in cands[1:]] == [ORG, ORG]


def test_the_recogniser_reads_a_politician_called_by_her_initials() -> None:
    text = (
        "Congresswoman Zara Quill-Vance spoke on Monday. Later ZQV told reporters that "
        "the plan would pass."
    )
    found = [(m.text, m.type, m.canonical) for m in Recognizer().extract(text, dates=False)]
    assert ("ZQV", PERSON, "Zara Quill-Vance") in found
