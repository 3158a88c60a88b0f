"""A name followed by an age is a person's (tui/ner/ages.py), on invented names."""

from __future__ import annotations

from tui.ner.ages import people_of_an_age
from tui.ner.document import TAGGER, Candidate
from tui.ner.types import ORG, PERSON, PLACE


def cand(text: str, surface: str, typ: str | None, nth: int = 0) -> Candidate:
    """The nth mention of ``surface`` in ``text``, as the recogniser makes it."""
    at = -1
    for _ in range(nth + 1):
        at = text.index(surface, at + 1)
    return Candidate(at, at + len(surface), 0, 1, surface, surface.lower(), typ, TAGGER, surface)


def test_an_age_makes_a_person_of_the_name_and_of_the_full_name_it_ends() -> None:
    text = "Kostas Zapley' lawyer spoke. Zapley, 31, who won the title, denies it. Zapley left."
    cands = [
        cand(text, "Kostas Zapley", ORG),
        cand(text, "Zapley", PLACE, nth=1),
        cand(text, "Zapley", ORG, nth=2),
    ]
    people_of_an_age(cands, text)
    assert [c.type for c in cands] == [PERSON, PERSON, PERSON]


def test_figures_or_names_after_the_number_are_no_age() -> None:
    # a table of figures, a score, a number then a name
    for text in (
        "Harbourton, 23, 12, 5 and Ossery, 21, 10, 4.",
        "Harbourton, 23, Ossery 12.",
        "Harbourton, 2, said nothing.",
        "Harbourton, 23 said.",
    ):
        cands = [cand(text, "Harbourton", ORG)]
        people_of_an_age(cands, text)
        assert cands[0].type == ORG, text
    # a name of another surname keeps its type
    text = "Zapley, 58, said Harbourton Zapco would close."
    cands = [cand(text, "Zapley", ORG), cand(text, "Harbourton Zapco", ORG)]
    people_of_an_age(cands, text)
    assert [c.type for c in cands] == [PERSON, ORG]
