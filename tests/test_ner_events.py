"""Events, a person's surname before a noun only people take, and two firms joined by
"and" (tui/ner/events.py, tui/ner/followers.py, tui/ner/spans.py), on sentences of
our own."""

from __future__ import annotations

from tui.entities import Recognizer, load_gazetteer
from tui.ner.document import TAGGER, Candidate
from tui.ner.events import events
from tui.ner.features import fold_word
from tui.ner.followers import people_before_their_nouns
from tui.ner.types import ORG, PERSON, PLACE


def found(text: str) -> list[tuple[str, str]]:
    rec = Recognizer(load_gazetteer())
    return [(m.text, m.type) for m in rec.extract(text, dates=False)]


def cand(text: str, surface: str, typ: str | None) -> Candidate:
    at = text.index(surface)
    c = Candidate(at, at + len(surface), 0, 1, surface, fold_word(surface), typ, TAGGER, surface)
    after = text[at + len(surface) :].split()
    c.after = after[0].lower() if after else ""
    return c


def test_a_name_ending_in_an_events_noun_is_no_firm_place_or_person() -> None:
    for text, name in (
        ("Carmakers showed new models at the Marlow Motor Show.", "Marlow Motor Show"),
        (
            "Airlines ordered 40 jets at the Quellin Air Show on Monday. "
            "The Quellin Air Show runs until Friday.",
            "Quellin Air Show",
        ),
        ("Zapcorp showed its new phone at the Velmo Trade Fair in Harbourton.", "Velmo Trade Fair"),
    ):
        got = found(text)
        assert not any(name in n for n, _ in got), (text, got)
    # the other names stay
    assert ("Zapcorp", ORG) in found(
        "Zapcorp showed its new phone at the Velmo Trade Fair in Harbourton."
    )


def test_an_events_first_word_read_as_a_person_is_the_event() -> None:
    text = (
        "Buyers flock to Marbeck\n\n"
        "The Marbeck Film Festival, the industry's top market for new films, opens on "
        'Thursday. Lee Marlow founded Marbeck in 1981 and it has grown since. "Marbeck '
        'has changed," its director said.'
    )
    got = found(text)
    assert not any("Marbeck" in n for n, _ in got), got
    assert ("Lee Marlow", PERSON) in got


def test_events_leave_listed_names_and_a_place_before_the_event() -> None:
    text = "the Zarnfield Book Fair and Harbourton, at the Harbourton Film Festival"
    fair = cand(text, "Zarnfield Book Fair", ORG)
    town = cand(text, "Harbourton", PLACE)
    festival = cand(text, "Harbourton Film Festival", PLACE)
    lone = cand(text, "Zarnfield", PERSON)  # (no mention of its own here: the rule's input)
    cands = [fair, town, festival, lone]
    events(cands)
    assert [c.type for c in cands] == [None, PLACE, None, None]
    # a one-word name or a name not ending in an event's noun stays
    text = "Festival Zapco and Zarn Conference"
    cands = [cand(text, "Festival", ORG), cand(text, "Zarn Conference", ORG)]
    events(cands)
    assert [c.type for c in cands] == [ORG, ORG]


def test_a_surname_before_a_noun_of_a_persons_followers_is_a_person() -> None:
    got = found("Critics say an anonymous Carlisle holdover now runs the agency.")
    assert ("Carlisle", PERSON) in got, got
    got = found("Reform stalled under the Abrams administration, critics said.")
    assert ("Abrams", PERSON) in got, got


def test_a_persons_noun_leaves_firms_countries_and_a_citys_administration() -> None:
    for text, name in (
        ("a Zapcorp holdover", "Zapcorp"),  # no surname, no person of the text
        ("the Jordan presidency", "Jordan"),  # a country
        ("the Boston administration", "Boston"),  # a listed place before an office noun
        ("the Abrams employees", "Abrams"),  # a noun a firm's name takes
        ("the Abrams's appointees", "Abrams"),  # a possessive: not the modifier
    ):
        c = cand(text, name, ORG)
        c.after = text.rsplit(" ", 1)[-1]  # (as the recogniser reads it past "'s")
        people_before_their_nouns([c], text)
        assert c.type == ORG, text
    # a person the text names in full makes the word a surname, any place aside
    text = "Jo Zapley and the Zapley administration"
    full, lone = cand(text, "Jo Zapley", PERSON), cand(text, "Zapley administration", ORG)
    lone.surface, lone.key, lone.end = "Zapley", "zapley", lone.start + 6
    lone.after = "administration"
    people_before_their_nouns([full, lone], text)
    assert lone.type == PERSON


def test_an_organisation_ending_in_its_word_before_and_is_whole() -> None:
    text = (
        "The claim has been challenged by Zarnische Bank and Velmoneft, a former unit "
        "of the gas firm Velmo. Zarnische Bank says the firm has only two bank accounts "
        "in Harbourton. It had agreed to lend Velmoneft the money."
    )
    got = found(text)
    assert ("Zarnische Bank and Velmoneft", ORG) not in got, got
    assert got[:2] == [("Zarnische Bank", ORG), ("Velmoneft", ORG)], got
