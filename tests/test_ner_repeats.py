"""A name the text types elsewhere is that name where the tagger let it pass
(tui/ner/repeats.py), on sentences of our own."""

from __future__ import annotations

from tui.entities import Recognizer
from tui.ner.candidates import candidates, capitals
from tui.ner.document import LINKED, TAGGER, Candidate
from tui.ner.repeats import repeat_names
from tui.ner.tokens import Offsets, line_words
from tui.ner.types import ORG, PERSON, PLACE


def _repeat(
    text: str, names: list[tuple[str, str | None, int, str]], lower: set[str] | None = None
) -> list[tuple[str, str | None, str, int]]:
    """repeat_names over a text of one line whose named mentions are ``names``
    (surface, type, which of its occurrences, canonical name), as the tagger gave them; returns
    (surface, type, canonical, source) of each candidate after it."""
    words = line_words(text, 0, len(text))
    offsets = Offsets(text, 0, words)
    starts = [offsets.start(i) for i in range(len(words))]
    cands: list[Candidate] = []
    for surface, typ, nth, canonical in names:
        at = -1
        for _ in range(nth + 1):
            at = text.index(surface, at + 1)
        first = starts.index(at)
        last = first + len(surface.split())
        cands.append(
            Candidate(
                at, at + len(surface), first, last, surface, surface.lower(), typ, TAGGER, canonical
            )
        )
    cands.sort(key=lambda c: c.start)
    at: list[list[int]] = []
    caps = capitals(words)
    line = (words, caps, candidates(words, caps, at), [(0, len(words))])
    out = repeat_names(cands, text, [line], at, [0], [False], lower or set(), {})
    return [(c.surface, c.type, c.canonical, c.source) for c in out]


def test_a_name_the_tagger_let_pass_takes_the_type_of_its_other_mentions() -> None:
    text = "Zorvex said it would sue. Zorvex is keen to act, and when Zorvex asked, it won."
    got = _repeat(text, [("Zorvex", ORG, 0, "Zorvex")])
    assert got == [
        ("Zorvex", ORG, "Zorvex", TAGGER),
        ("Zorvex", ORG, "Zorvex", LINKED),
        ("Zorvex", ORG, "Zorvex", LINKED),
    ]
    # a surname takes the full name's canonical form
    text = "Orla Brandt said no. Later Brandt agreed, and Brandt left."
    got = _repeat(
        text, [("Orla Brandt", PERSON, 0, "Orla Brandt"), ("Brandt", PERSON, 1, "Orla Brandt")]
    )
    assert [(s, c) for s, _, c, _ in got] == [
        ("Orla Brandt", "Orla Brandt"),
        ("Brandt", "Orla Brandt"),
        ("Brandt", "Orla Brandt"),
    ]


def test_a_name_inside_a_longer_one_or_a_word_is_not_repeated() -> None:
    text = "Zorvex said so. The Zorvex Arena, Mr Zorvex, Zorvex 4, Zorvex+ and Zorvex-owned firms."
    assert _repeat(text, [("Zorvex", ORG, 0, "Zorvex")]) == [("Zorvex", ORG, "Zorvex", TAGGER)]


def test_a_word_the_text_writes_in_lower_case_is_not_repeated() -> None:
    text = "Grove said so. Grove is a place where a grove grows."
    assert len(_repeat(text, [("Grove", ORG, 0, "Grove")], {"grove"})) == 1
    assert len(_repeat(text, [("Grove", ORG, 0, "Grove")], set())) == 2


def test_a_name_its_mentions_disagree_on_or_give_no_type_is_not_repeated() -> None:
    text = "Zorvex said so. Velmo met Zorvex. Then Zorvex left, and Velmo too."
    got = _repeat(
        text,
        [
            (n, t, k, n)
            for n, t, k in (("Zorvex", ORG, 0), ("Zorvex", PERSON, 1), ("Velmo", None, 0))
        ],
    )
    assert len(got) == 3


def test_a_month_or_a_day_is_not_repeated() -> None:
    # "May", a person's surname cut short, is also the month
    text = "Jo May spoke. Later May said it would end in May."
    got = _repeat(text, [("Jo May", PERSON, 0, "Jo May"), ("May", PERSON, 1, "Jo May")])
    assert len(got) == 2


def test_a_short_form_of_another_name_is_not_repeated() -> None:
    # "Zorvex" stands for "Zorvex Mini" here: elsewhere it may be the maker
    text = "Zorvex Mini sold well. Zorvex said so, and Zorvex grew."
    assert len(_repeat(text, [("Zorvex", ORG, 1, "Zorvex Mini")])) == 1
    # an acronym stands for its full name
    text = "ZVX said so, and ZVX grew."
    got = _repeat(text, [("ZVX", ORG, 0, "Zorvex Velmo Exchange")])
    assert [c for _, _, c, _ in got] == ["Zorvex Velmo Exchange"] * 2


def test_the_recogniser_finds_a_team_s_name_before_its_coach() -> None:
    text = (
        "Fans back the Dravens\n"
        "The Dravens beat Hull 3-1 on Saturday. Dravens coach Jo Hale said the team was "
        "ready. Critics say the Dravens have the upper hand."
    )
    found = [(m.text, m.type) for m in Recognizer().extract(text, dates=False)]
    assert found.count(("Dravens", ORG)) == 4


def test_a_word_the_text_writes_only_as_a_label_is_not_repeated() -> None:
    # a caption's label the tagger took for a place, before a colon each time
    text = "A fox runs Credit: Zapnews. A cub sleeps Credit: Velmo. Credit: Zapnews again."
    got = _repeat(text, [("Credit", PLACE, 0, "Credit")])
    assert len(got) == 1
    # a name before a colon once and in running text too is repeated
    text = "Zorvex: a year on. Zorvex said so, and when Zorvex asked, it won."
    got = _repeat(text, [("Zorvex", ORG, 0, "Zorvex"), ("Zorvex", ORG, 1, "Zorvex")])
    assert len(got) == 3


def test_only_the_words_with_a_capital_are_looked_at() -> None:
    # repeat_names reads the words at the indexes candidates() gives, no others
    words = ["Zorvex", "said", "so", ".", "zorvex", "and", "Zorvex", "left"]
    at: list[list[int]] = []
    candidates(words, capitals(words), at)
    assert at == [[0, 6]]
    text = " ".join(words)
    got = _repeat(text, [("Zorvex", ORG, 0, "Zorvex")])
    assert [(s, src) for s, _, _, src in got] == [("Zorvex", TAGGER), ("Zorvex", LINKED)]
