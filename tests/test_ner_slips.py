"""Names real news pages got wrong, fixed by what the words show (photo credits,
laws, stations, surnames with their particle, bodies in quotes, a maker in a
list of its things), on sentences of our own."""

from __future__ import annotations

from tui.entities import load_gazetteer
from tui.ner.context import correct_by_context
from tui.ner.document import TAGGER, Candidate
from tui.ner.furniture import photo_credits
from tui.ner.lists import examples_of_kinds, product_lists, quoted_titles, sequels
from tui.ner.things import drop_common_words, particle_surname
from tui.ner.types import ORG, PERSON, PLACE


def cand(text: str, surface: str, typ: str | None = PERSON, nth: int = 0) -> Candidate:
    """The nth mention of ``surface`` in ``text``, as the tagger gives it."""
    at = -1
    for _ in range(nth + 1):
        at = text.index(surface, at + 1)
    key = " ".join(surface.lower().split())
    c = Candidate(at, at + len(surface), 0, 1, surface, key, typ, TAGGER, surface)
    before = text[:at].split()
    c.before = before[-1] if before else ""
    return c


def found(cands: list[Candidate]) -> list[tuple[str, str | None]]:
    return [(c.surface, c.type) for c in cands]


def test_a_photo_credit_is_a_photographer_and_agencies() -> None:
    gaz = load_gazetteer()
    case = {"images": "L"}
    # (tokens keep "Brandt/Reuters" whole: the tagger reads the credit as one name)
    text = "The minister waved to supporters. (Orla Brandt/Reuters)"
    got = photo_credits([cand(text, "Orla Brandt/Reuters", PLACE)], gaz, case)
    assert found(got) == [("Orla Brandt", PERSON), ("Reuters", ORG)]
    assert [text[c.start : c.end] for c in got] == ["Orla Brandt", "Reuters"]
    assert got[1].canonical == "Reuters"
    # agencies alone, a picture library's name of common words
    text = "Crowds filled the square. AFP/Zapshots Images"
    got = photo_credits([cand(text, "AFP/Zapshots Images")], gaz, case)
    assert found(got) == [("AFP", ORG), ("Zapshots Images", ORG)]
    # a poll of two firms, one of them known
    text = "A Reuters/Velmo poll showed a lead."
    got = photo_credits([cand(text, "Reuters/Velmo", ORG)], gaz, case)
    assert found(got) == [("Reuters", ORG), ("Velmo", ORG)]
    # parts the lists do not know stay one name, and so does a model's letter
    for text, name in (
        ("The band Zap/Velmo played.", "Zap/Velmo"),
        ("A Reuters/L run.", "Reuters/L"),
    ):
        kept = [cand(text, name, ORG)]
        assert photo_credits(kept, gaz, case) is kept


def test_a_law_is_no_body() -> None:
    text = "She was charged under the Zapland Freedom Act and the Velmo Doctrine."
    cands = [cand(text, "Zapland Freedom Act", ORG), cand(text, "Velmo Doctrine")]
    correct_by_context(cands, set(), text)
    assert [c.type for c in cands] == [None, None]
    # not a lone word, nor a name that only begins so
    text = "Acton said Zapland Actors Guild met."
    cands = [cand(text, "Acton"), cand(text, "Zapland Actors Guild", ORG)]
    correct_by_context(cands, set(), text)
    assert [c.type for c in cands] == [PERSON, ORG]


def test_a_name_the_tagger_cut_before_a_laws_last_word_is_the_laws() -> None:
    # "Act" left out of the name: the words before it are still the law's
    text = "He was charged under the Zapland Rivers and Harbours Act on Monday."
    cands = [cand(text, "Zapland Rivers and Harbours", ORG)]
    cands[0].after = "act"
    correct_by_context(cands, set(), text)
    assert [c.type for c in cands] == [None]
    text = "The Velmo Doctrine held."
    cands = [cand(text, "Velmo", PERSON)]
    cands[0].after = "doctrine"
    correct_by_context(cands, set(), text)
    assert [c.type for c in cands] == [None]
    # a verb in a headline's capitals, or "act" in lower case, names no law
    text = "Zapland Senate Acts On Budget"
    cands = [cand(text, "Zapland Senate", ORG)]
    cands[0].after, cands[0].heading = "acts", True
    correct_by_context(cands, set(), text)
    assert [c.type for c in cands] == [ORG]
    text = "Jo Vale act as one."
    cands = [cand(text, "Jo Vale", PERSON)]
    cands[0].after = "act"
    correct_by_context(cands, set(), text)
    assert [c.type for c in cands] == [PERSON]


def test_a_stations_number_is_no_sequel() -> None:
    text = "Speaking on Zapcast Radio 4, she said it ran on Velmo TV 2."
    cands = [cand(text, "Zapcast Radio", ORG), cand(text, "Velmo TV", ORG)]
    sequels(cands, text)
    assert [c.type for c in cands] == [ORG, ORG]
    text = "It runs slowly in Grey Harbour 2. While slow, it sells."
    cands = [cand(text, "Grey Harbour", ORG)]
    sequels(cands, text)
    assert cands[0].type is None


def test_a_surname_with_its_particle_run_in_is_no_product() -> None:
    assert particle_surname("diVolo") and particle_surname("vanPelt")
    assert particle_surname("deGrom")
    assert not particle_surname("zPhone") and not particle_surname("eBay")
    assert not particle_surname("iPad") and not particle_surname("xCloud")
    # a list of people whose first has one is no list of products
    text = "Stars Lana diVolo, Jo Quill and Al Vane arrived."
    cands = [cand(text, "Lana diVolo"), cand(text, "Jo Quill"), cand(text, "Al Vane")]
    product_lists(cands, text)
    assert [c.type for c in cands] == [PERSON, PERSON, PERSON]
    assert found(drop_common_words(cands[:1], set(), {}, text)) == [("Lana diVolo", PERSON)]
    # a list of products still is one
    text = "Buy the zPhone, zPad, and Zapbuds today."
    cands = [cand(text, "Zapbuds")]
    product_lists(cands, text)
    assert cands[0].type is None


def test_a_bodys_name_in_quotes_is_no_title() -> None:
    for text in (
        'Members of the "Zarbian Freedom Party" marched.',
        "Members of the 'Zarbian People's Front' marched.",
    ):
        name = text.split(text[15])[1]
        cands = [cand(text, name, ORG)]
        quoted_titles(cands, text)
        assert cands[0].type == ORG, text
    # a quoted name of no body's word is still a title
    text = 'They sang "Winter Hill" twice.'
    cands = [cand(text, "Winter Hill")]
    quoted_titles(cands, text)
    assert cands[0].type is None


def test_an_organisations_possessive_before_examples_of_things_is_their_maker() -> None:
    text = "Some services, such as Zapco's Zapphoto and Velmo, store pictures."
    cands = [cand(text, "Zapco", ORG), cand(text, "Zapphoto"), cand(text, "Velmo")]
    examples_of_kinds(cands, text)
    assert [c.type for c in cands] == [ORG, None, None]
    # a title with a possessive inside is one thing
    text = "It offers franchises such as Zapper's Creed and Velquest."
    cands = [cand(text, "Zapper"), cand(text, "Creed", PLACE), cand(text, "Velquest")]
    examples_of_kinds(cands, text)
    assert [c.type for c in cands] == [None, None, None]
