"""A press digest's papers are organisations (tui.ner.furniture.digest_papers),
on invented names."""

from __future__ import annotations

from tui.ner.document import CONTEXT, TAGGER, Candidate
from tui.ner.furniture import digest_papers
from tui.ner.model import shipped_model
from tui.ner.types import ORG, PERSON

DIGEST = """PRESS DIGEST - Zarbia - Mar 4 .
Headlines from major newspapers .
KARVEL TIMES
- Minister quits over port deal , sources say
ZAPTON DAILY 16
- Harbour strike enters third week
OSSERY
- Central bank holds rates at record low
"""


def papers(text: str, cands: list[Candidate] | None = None) -> list[tuple[str, str | None]]:
    got = digest_papers(cands or [], text, shipped_model().case)
    return [(c.surface, c.type) for c in got]


def test_each_paper_above_its_headlines_is_an_organisation() -> None:
    at = DIGEST.index("OSSERY")
    tagger = Candidate(at, at + 6, 0, 1, "OSSERY", "ossery", PERSON, TAGGER, "Ossery")
    got = digest_papers([tagger], DIGEST, shipped_model().case)
    assert [(c.surface, c.type, c.source) for c in got] == [
        ("KARVEL TIMES", ORG, CONTEXT),
        ("ZAPTON DAILY 16", ORG, CONTEXT),
        ("OSSERY", ORG, CONTEXT),
    ]
    assert got[0].canonical == "Karvel Times"


def test_a_lone_heading_sections_of_common_words_or_places_are_no_papers() -> None:
    # one heading above a headline: no digest
    assert papers("KARVEL TIMES\n- Minister quits over port deal , sources say\n") == []
    # a page's sections in capitals above their items
    sections = (
        "FEATURES\n- The best walks of the year so far\nOPINION\n- Why the port deal is bad news\n"
    )
    assert papers(sections) == []
    # a digest by country: the countries are places, and one paper is no digest
    by_country = DIGEST.replace("KARVEL TIMES", "ZIMBABWE").replace("OSSERY", "KENYA")
    assert papers(by_country) == []
    # items that are no headlines (one or two words)
    assert papers("KARVEL TIMES\n- Sport\nZAPTON DAILY\n- News\n") == []


def test_papers_between_separators_above_their_headlines_are_organisations() -> None:
    text = (
        "PRESS DIGEST - Zarbian newspapers - Mar 4 .\n---\nKARVEL TIMES\n"
        "Minister quits over port deal , sources say .\n---\nOSSERY DAILY\n"
        "Harbour strike enters its third week .\n---\n"
    )
    assert papers(text) == [("KARVEL TIMES", ORG), ("OSSERY DAILY", ORG)]
    # no separator above: a heading over its story
    assert papers(text.replace("---\n", "")) == []
