"""A firm's arm in a market, a firm of brothers, a body named in Arabic and a family
named by its surname (tui.ner.context), on sentences of our own."""

from __future__ import annotations

from tui.entities import Recognizer
from tui.ner.context import correct_by_context, family_names
from tui.ner.document import TAGGER, Candidate
from tui.ner.features import fold_word
from tui.ner.people_firms import firms_by_first_word
from tui.ner.types import ORG, PERSON, PLACE


def cand(text: str, surface: str, typ: str | None, nth: int = 0) -> Candidate:
    """The nth mention of ``surface`` in ``text``, as the tagger gives it."""
    at = -1
    for _ in range(nth + 1):
        at = text.index(surface, at + 1)
    c = Candidate(at, at + len(surface), 0, 1, surface, fold_word(surface), typ, TAGGER, surface)
    before = text[:at].split()
    c.before = before[-1] if before else ""
    after = text[at + len(surface) :].split()
    c.after = after[0].lower() if after else ""
    return c


def test_a_name_ending_in_bros_or_brothers_is_a_firm() -> None:
    text = "The film was backed by Zapner Bros. and by Quill Brothers."
    cands = [cand(text, "Zapner Bros.", PERSON), cand(text, "Quill Brothers", PERSON)]
    correct_by_context(cands, set(), text)
    assert [c.type for c in cands] == [ORG, ORG]
    text = "The film was backed by Zapner Bront."
    cands = [cand(text, "Zapner Bront", PERSON)]
    correct_by_context(cands, set(), text)
    assert cands[0].type == PERSON


def test_a_firm_of_the_text_and_a_market_after_it_is_the_firm_s_arm() -> None:
    text = "Zapcorp said it sold its stake in Zapcorp Europe and Zapcorp North America."
    cands = [
        cand(text, "Zapcorp", ORG),
        cand(text, "Zapcorp Europe", ORG),
        cand(text, "Zapcorp North America", PLACE),
    ]
    correct_by_context(cands, set(), text)
    # "in Zapcorp Europe" stays a firm (an unknown one after "in" would be a place)
    assert [c.type for c in cands] == [ORG, ORG, ORG]
    # no firm of that name in the text, or no market after it: as they were
    text = "Zapville said it sold its stake in Zapcorp Europe. Velmo is in Zapcorp Harbour."
    cands = [
        cand(text, "Zapville", ORG),
        cand(text, "Zapcorp Europe", PLACE),
        cand(text, "Velmo", ORG),
        cand(text, "Zapcorp Harbour", PLACE),
    ]
    correct_by_context(cands, set(), text)
    assert [c.type for c in cands] == [ORG, PLACE, ORG, PLACE]


def test_a_surname_of_the_text_with_a_plural_after_the_is_the_family() -> None:
    text = "Orla Quennvale spoke. The Quennvales met the press, and Quennvales smiled."
    cands = [
        cand(text, "Orla Quennvale", PERSON),
        cand(text, "Quennvales", ORG),
        cand(text, "Quennvales", None, 1),
    ]
    family_names(cands)
    assert [c.type for c in cands] == [PERSON, PERSON, PERSON]
    # never after "the", or only a lone "Quennvale": as they were
    for text, named in (
        ("Orla Quennvale spoke. Quennvales met the press.", "Orla Quennvale"),
        ("Quennvale spoke. The Quennvales met the press.", "Quennvale"),
    ):
        cands = [cand(text, named, PERSON), cand(text, "Quennvales", ORG)]
        family_names(cands)
        assert cands[1].type == ORG
    # a plural the lists know as a surname ("Roberts" beside "Jo Robert")
    text = "Jo Robert spoke. The Roberts met the press."
    cands = [cand(text, "Jo Robert", PERSON), cand(text, "Roberts", ORG)]
    family_names(cands)
    assert cands[1].type == ORG


def test_the_recogniser_reads_a_family_and_a_slogan_s_verb() -> None:
    rec = Recognizer()
    text = "Zed Quennvale and his wife met the press. The Quennvales have three children."
    assert ("Quennvales", PERSON) in [(m.text, m.type) for m in rec.extract(text, dates=False)]
    # the quote's first word is no part of the name, which is the person's alone
    text = "Crowds shouted “Make Quennvale go away” outside. Quennvale said he would stay."
    got = [(m.text, m.canonical) for m in rec.extract(text, dates=False)]
    assert got == [("Quennvale", "Quennvale"), ("Quennvale", "Quennvale")]


def test_a_name_opening_with_a_noun_of_bodies_in_arabic_is_a_body() -> None:
    text = "Fighters of Jabhat Zarqa al-Velm and Hizb ut-Zarqa left, said Ansar Velmi."
    cands = [
        cand(text, "Jabhat Zarqa al-Velm", PERSON),
        cand(text, "Hizb ut-Zarqa", PLACE),
        cand(text, "Ansar Velmi", PERSON),
    ]
    correct_by_context(cands, set(), text)
    # ("Ansar" is a given name too: the person stays)
    assert [c.type for c in cands] == [ORG, ORG, PERSON]
    # a word of one piece, or one that only begins like such a noun: as it was
    text = "Jabhatville and Jaishan Velmi spoke."
    cands = [cand(text, "Jabhatville", PLACE), cand(text, "Jaishan Velmi", PERSON)]
    correct_by_context(cands, set(), text)
    assert [c.type for c in cands] == [PLACE, PERSON]


def _firm_cands(text: str, names: list[tuple[str, str | None, int]]) -> list[Candidate]:
    """``cand`` of each (surface, type, nth), with as many tokens as words."""
    out = []
    for surface, typ, nth in names:
        c = cand(text, surface, typ, nth)
        c.last = c.first + len(surface.split())
        out.append(c)
    return out


def test_a_firm_s_first_word_alone_is_the_firm() -> None:
    text = "Zapner will distribute the film, said Zapner Brothers. Zapner producer Jo Lee agreed."
    cands = _firm_cands(
        text, [("Zapner", PERSON, 0), ("Zapner Brothers", ORG, 0), ("Zapner", PERSON, 2)]
    )
    firms_by_first_word(cands)
    assert [(c.type, c.canonical) for c in cands] == [(ORG, "Zapner Brothers")] * 3


def test_a_founder_a_leader_a_title_or_a_given_name_stays_a_person() -> None:
    # a person of the text named with the word
    text = "Zapner said so. Jo Zapner founded Zapner Brothers."
    cands = _firm_cands(
        text, [("Zapner", PERSON, 0), ("Jo Zapner", PERSON, 0), ("Zapner Brothers", ORG, 0)]
    )
    firms_by_first_word(cands)
    assert cands[0].type == PERSON
    # a leader: "the Zapner administration"
    text = "Zapner said so. The Zapner administration set up the Zapner Security Council."
    cands = _firm_cands(
        text, [("Zapner", PERSON, 0), ("Zapner", PERSON, 1), ("Zapner Security Council", ORG, 0)]
    )
    firms_by_first_word(cands)
    assert [c.type for c in cands[:2]] == [PERSON, PERSON]
    # after a title
    text = "Mr Zapner said so at Zapner Brothers."
    cands = _firm_cands(text, [("Zapner", PERSON, 0), ("Zapner Brothers", ORG, 0)])
    firms_by_first_word(cands)
    assert cands[0].type == PERSON
    # after a title at another mention: the same man ("Zapner added" was the firm, and
    # the agreement of types then made "Mr Zapner" one too)
    text = "Zapner Brothers lost money. Mr Zapner said so. Zapner added that it would pass."
    cands = _firm_cands(
        text, [("Zapner Brothers", ORG, 0), ("Zapner", PERSON, 1), ("Zapner", PERSON, 2)]
    )
    firms_by_first_word(cands)
    assert [c.type for c in cands[1:]] == [PERSON, PERSON]
    # a given name the lists know as no surname: the person a trust is named after
    text = "Steve will run for the Steve Zapner Trust."
    cands = _firm_cands(text, [("Steve", PERSON, 0), ("Steve Zapner Trust", ORG, 0)])
    firms_by_first_word(cands)
    assert cands[0].type == PERSON


def test_the_recogniser_reads_a_firm_by_its_first_word() -> None:
    # (a surname's shape: the tagger alone reads each lone "Whitcombe" as a person)
    text = (
        "Director signs Whitcombe deal\n\n"
        "The director has signed a three-year deal with Hollywood studio Whitcombe "
        "Brothers. Whitcombe will distribute his films in several countries, a Whitcombe "
        "producer said."
    )
    found = [(m.text, m.type) for m in Recognizer().extract(text, dates=False)]
    assert [t for w, t in found if w == "Whitcombe"] == [ORG, ORG, ORG]
