"""A lone word among names of one kind (tui/ner/neighbours.py), a word made of another
name (tui/ner/derived_names.py), games and crude oil (tui/ner/goods_names.py), a treaty's
name and a kind of business before a name, on sentences of our own."""

from __future__ import annotations

from tui.entities import Recognizer
from tui.gazetteer import lexicon
from tui.ner.context import correct_by_context
from tui.ner.derived_names import adjectives_of_names, glued_firms
from tui.ner.document import CONTEXT, LINKED, TAGGER, Candidate
from tui.ner.goods_names import crude_benchmarks, games, titles_after_the
from tui.ner.lists import among_kinds
from tui.ner.neighbours import list_neighbours, people_beside_people
from tui.ner.org_kinds import kinds_of_organisations, mastheads
from tui.ner.types import ORG, PERSON, PLACE


def cands_of(text: str, names: list[tuple[str, str | None]]) -> list[Candidate]:
    """A candidate for each (surface, type), in order of the text (each surface's next
    mention after the one before), with token numbers as a line of words gives them."""
    out: list[Candidate] = []
    at = 0
    for surface, typ in names:
        at = text.index(surface, at)
        first = len(text[:at].replace(",", " ,").split())
        c = Candidate(
            at,
            at + len(surface),
            first,
            first + len(surface.split()),
            surface,
            surface.lower(),
            typ,
            TAGGER,
            surface,
        )
        before = text[:at].split()
        after = text[at + len(surface) :].replace(",", " , ").split()
        c.before = before[-1] if before else ""
        c.after = after[0].lower() if after else ""
        out.append(c)
        at += len(surface)
    return out


def test_a_lone_word_in_a_list_of_people_is_a_person() -> None:
    text = "The panel heard from the auditors, Jo Marsh, Zorvina, Tom Beck and Hartley."
    cands = cands_of(
        text,
        [("Jo Marsh", PERSON), ("Zorvina", PLACE), ("Tom Beck", PERSON), ("Hartley", PERSON)],
    )
    list_neighbours(cands, text)
    assert [c.type for c in cands] == [PERSON] * 4
    assert cands[1].source == LINKED


def test_a_list_of_people_leaves_a_known_place_its_last_word_and_names_of_no_one() -> None:
    # a place the lists know
    text = "The panel heard from Jo Marsh, Paris, Tom Beck and Hartley."
    cands = cands_of(
        text, [("Jo Marsh", PERSON), ("Paris", PLACE), ("Tom Beck", PERSON), ("Hartley", PERSON)]
    )
    list_neighbours(cands, text)
    assert cands[1].type == PLACE
    # the last word of the list opens a noun phrase: "Zorvina managers"
    text = "Their lawyers named Jo Marsh, Tom Beck, and Zorvina managers Ann Lee and Al Poe."
    cands = cands_of(text, [("Jo Marsh", PERSON), ("Tom Beck", PERSON), ("Zorvina", PLACE)])
    list_neighbours(cands, text)
    assert cands[2].type == PLACE
    # the others' names are no one's: shows of a channel ("Top Zapgear")
    text = "Viewers could watch Zapenders, Zorvina, Top Zapgear and Old Zaproad."
    cands = cands_of(
        text,
        [
            ("Zapenders", PLACE),
            ("Zorvina", PLACE),
            ("Top Zapgear", PERSON),
            ("Old Zaproad", PERSON),
        ],
    )
    list_neighbours(cands, text)
    assert cands[1].type == PLACE


def test_a_lone_word_in_a_list_of_organisations_is_one() -> None:
    text = "It hired Zapbank Amro, Velmo Paribas, Kessyon, and Dorn Kleinwort Vale for the sale."
    cands = cands_of(
        text,
        [
            ("Zapbank Amro", ORG),
            ("Velmo Paribas", ORG),
            ("Kessyon", PLACE),
            ("Dorn Kleinwort Vale", PERSON),
        ],
    )
    list_neighbours(cands, text)
    assert [c.type for c in cands] == [ORG] * 4
    # a person named by a given name the lists know stays one
    text = "It hired Zapbank Amro, Velmo Paribas, and Jo Kleinwort for the sale."
    cands = cands_of(
        text, [("Zapbank Amro", ORG), ("Velmo Paribas", ORG), ("Jo Kleinwort", PERSON)]
    )
    list_neighbours(cands, text)
    assert cands[2].type == PERSON


def test_a_surname_beside_a_person_named_in_full_is_a_person() -> None:
    text = "Jo Beck spoke. Unlike the Pemberton and Beck inquiries, this one has no end."
    cands = cands_of(text, [("Jo Beck", PERSON), ("Pemberton", PLACE), ("Beck", PERSON)])
    people_beside_people(cands, text)
    assert cands[1].type == PERSON and cands[1].source == LINKED
    # a place the lists know stays one when no person of the text bears it
    text = "Jo Beck spoke. He was linked with a job at Paris and Beck said no."
    cands = cands_of(text, [("Jo Beck", PERSON), ("Paris", PLACE), ("Beck", PERSON)])
    people_beside_people(cands, text)
    assert cands[1].type == PLACE
    # nor beside a name of no known given name ("Public Zapenemy"), nor a word no list
    # knows as a surname
    text = "It was recorded in Pemberton and Public Zapenemy played. Zorvina and Jo Beck met."
    cands = cands_of(
        text,
        [
            ("Pemberton", PLACE),
            ("Public Zapenemy", PERSON),
            ("Zorvina", PLACE),
            ("Jo Beck", PERSON),
        ],
    )
    people_beside_people(cands, text)
    assert [cands[0].type, cands[2].type] == [PLACE, PLACE]


def test_the_recogniser_reads_a_list_of_people() -> None:
    text = (
        "Hearing runs late\n\n"
        "The committee heard from the auditors, Jo Marsh, Zorvina, Tom Beck and Ann Hartley "
        "before it rose."
    )
    found = {m.text: m.type for m in Recognizer().extract(text, dates=False)}
    assert found.get("Zorvina") == PERSON


def test_a_firm_s_name_with_a_word_glued_on_is_a_firm() -> None:
    text = "Zapgas said its arm Zapgasneft would bid. Zapgasneft declined to comment."
    cands = cands_of(text, [("Zapgas", ORG), ("Zapgasneft", PERSON), ("Zapgasneft", PERSON)])
    glued_firms(cands)
    assert [c.type for c in cands] == [ORG, ORG, ORG]
    # not a word typed a place ("the Zorb council ... the Zorbbean coast"), nor a
    # word in capitals glued on, nor a name the lists know
    text = "The Zorb council met on the Zorbbean coast. Zorb said ZorbTel and Zorbhartley met."
    cands = cands_of(
        text,
        [
            ("Zorb", ORG),
            ("Zorbbean", PLACE),
            ("Zorb", ORG),
            ("ZorbTel", PERSON),
            ("Zorbhartley", PERSON),
        ],
    )
    glued_firms(cands)
    assert [c.type for c in cands[1:2]] == [PLACE]
    assert cands[3].type == PERSON


def test_an_adjective_of_a_name_is_no_name() -> None:
    text = "Quill resigned. There is no Quillian argument, and every Hartleyite agreed."
    cands = cands_of(text, [("Quill", PERSON), ("Quillian", ORG), ("Hartleyite", PERSON)])
    adjectives_of_names(cands)
    assert [c.type for c in cands] == [PERSON, None, None]
    # a name the lists know ("Christian"), one of no other name of the text, and a
    # plural (a party's people: "the Quillists") stay
    text = "Christian Zorvian spoke at Zapburian. Quill said the Quillists won."
    cands = cands_of(
        text, [("Christian", PERSON), ("Zapburian", PLACE), ("Quill", PERSON), ("Quillists", ORG)]
    )
    adjectives_of_names(cands)
    assert [c.type for c in cands] == [PERSON, PLACE, PERSON, ORG]


def test_a_treaty_is_no_person() -> None:
    text = "It breached the 1994 Zap Charter Treaty, and Penn Zapty Treaty said so."
    cands = cands_of(text, [("Charter Treaty", PERSON), ("Penn Zapty Treaty", ORG)])
    correct_by_context(cands, set(), text)
    assert [c.type for c in cands] == [None, ORG]


def test_a_brokerage_a_unit_a_lender_before_a_name() -> None:
    text = "An analyst at brokerage Zapton said its unit Velmoneft and lender Kessab lost."
    cands = cands_of(text, [("Zapton", PLACE), ("Velmoneft", PERSON), ("Kessab", PLACE)])
    kinds_of_organisations(cands)
    assert [c.type for c in cands] == [ORG, ORG, ORG]


def test_a_list_among_a_plural_of_a_kind_is_of_that_kind() -> None:
    text = (
        "Zapsi, Velmo-Cola and the vehicle-maker Kessab are among retailers that "
        "stopped. Ossery and Zarbin were among the countries that voted."
    )
    cands = cands_of(
        text,
        [
            ("Zapsi", PERSON),
            ("Velmo-Cola", PLACE),
            ("Kessab", PERSON),
            ("Ossery", PERSON),
            ("Zarbin", ORG),
        ],
    )
    among_kinds(cands, text)
    assert [c.type for c in cands] == [ORG, ORG, ORG, PLACE, PLACE]
    # people among people, a list cut by a sentence's words, no kind's noun
    text = "Jo Lee, Kim Vale and Zapco were among the players hurt; Sam Ode fell among us."
    cands = cands_of(text, [("Jo Lee", PERSON), ("Kim Vale", PERSON), ("Zapco", ORG)])
    cands += cands_of(text, [("Sam Ode", PERSON)])
    among_kinds(cands, text)
    assert [c.type for c in cands] == [PERSON, PERSON, ORG, PERSON]
    text = "Jo Lee said Zapco is among the firms."
    cands = cands_of(text, [("Jo Lee", PERSON), ("Zapco", PERSON)])
    among_kinds(cands, text)
    assert [c.type for c in cands] == [PERSON, ORG]


def test_a_town_and_a_newspapers_last_word_is_the_paper() -> None:
    lex = lexicon()
    town = next(iter(sorted(lex.places - lex.first_names - lex.last_names)))
    Town = town.title()
    text = (
        f"The firm owns the {Town} Post, the {Town} County Register and Kim Herald's farm; "
        f"the {Town} Post said so."
    )
    cands = cands_of(
        text,
        [
            (f"{Town} Post", PERSON),
            (f"{Town} County Register", PLACE),
            ("Kim Herald", PERSON),
            (f"{Town} Post", ORG),
        ],
    )
    mastheads(cands)
    assert [c.type for c in cands] == [ORG, ORG, PERSON, ORG]


def test_a_miner_or_a_lender_typed_a_person_stays_one() -> None:
    # Trades of people as well as kinds of firms: only a name not typed a person
    # becomes an organisation after them.
    text = (
        "The coal miner Zapvedo was lifted out first; Zapvedo hugged his wife. "
        "The money lender Velshock is the play's villain, and miner Zapgold Ltd rose."
    )
    cands = cands_of(
        text,
        [("Zapvedo", PERSON), ("Zapvedo", PERSON), ("Velshock", PERSON), ("Zapgold Ltd", ORG)],
    )
    kinds_of_organisations(cands)
    assert [c.type for c in cands] == [PERSON, PERSON, PERSON, ORG]


def test_a_game_after_a_noun_of_games_is_no_name() -> None:
    text = (
        "The video game Zapquest 2 sold well. Zapquest fans queued, and hit games like "
        "Zapfall and Velmo Run followed. In the game Jo Lee scored twice."
    )
    cands = cands_of(
        text,
        [
            ("Zapquest", ORG),
            ("Zapquest", ORG),
            ("Zapfall", PERSON),
            ("Velmo Run", ORG),
            ("Jo Lee", PERSON),
        ],
    )
    cands[1].source = CONTEXT  # ("Zapquest fans": the context read a club)
    games(cands, text)
    assert [c.type for c in cands] == [None, None, None, None, PERSON]


def test_a_name_with_a_sequels_number_in_a_text_about_games_is_a_game() -> None:
    text = (
        "Zapquest 2 breaks sales records\n\n"
        "Sales of video games rose again in November. Zapquest 2, released last week, "
        'sold more copies on its first day than any film. "Zapquest was always popular," '
        "said one shop owner. Fans queued for Zapquest 2 overnight."
    )
    found = [(m.text, m.type) for m in Recognizer().extract(text, dates=False)]
    assert not [t for w, t in found if "Zapquest" in w], found


def test_a_sequels_number_in_a_text_that_speaks_of_gaming_is_a_game() -> None:
    # no kind of game named ("video games"), but gamers' words: "gaming", "gameplay"
    text = (
        "Once you have finished Zapquest 2 and Velshard 3, there is more gaming to come. "
        "The game's gameplay is fresh."
    )
    cands = cands_of(text, [("Zapquest", ORG), ("Velshard", PERSON)])
    games(cands, text)
    assert [c.type for c in cands] == [None, None]
    # a match's "game" is no gaming: the name with a number stays
    text = "Velmo 2 won the game, and Velmo said so."
    cands = cands_of(text, [("Velmo", ORG), ("Velmo", ORG)])
    games(cands, text)
    assert [c.type for c in cands] == [ORG, ORG]


def test_a_number_after_a_name_makes_no_game_without_games_or_as_a_score() -> None:
    # no kind of game named in the text: "Velmo 2" stays what the tagger read
    text = "Velmo 2 sold well, and Velmo said so."
    cands = cands_of(text, [("Velmo", ORG), ("Velmo", ORG)])
    games(cands, text)
    assert [c.type for c in cands] == [ORG, ORG]
    # a kind of game named, but a score, a sum, a share, a name of two words
    text = (
        "Online games grew. Harbourton 2-1 Zarnville, Zapcorp 2.5% up, Velmo 2,000 units, "
        "Zarn Radio 4 listeners and Quellin 3m sold."
    )
    names = [("Harbourton", ORG), ("Zapcorp", ORG), ("Velmo", ORG), ("Zarn Radio", ORG)]
    cands = cands_of(text, [*names, ("Quellin", ORG)])
    games(cands, text)
    assert [c.type for c in cands] == [ORG] * 5


def test_a_benchmark_of_crude_is_no_firm() -> None:
    text = "Zapfield crude rose $1, while Zapec's crude output fell and Zarbia crude slipped."
    cands = cands_of(text, [("Zapfield", ORG), ("Zapec", ORG), ("Zarbia", PLACE)])
    for c in cands:
        c.after = "crude"  # (as the recogniser reads it, past a possessive)
    crude_benchmarks(cands, text)
    assert [c.type for c in cands] == [None, ORG, PLACE]


def test_the_recogniser_reads_a_game_and_a_grade_of_oil() -> None:
    text = (
        "Zapquest sequel breaks records\n\n"
        "The video game Zapquest 2 sold a million copies on its first day, its maker said. "
        "Zapquest fans queued overnight. Elsewhere, Zapfield crude rose $1.20 to $44.10."
    )
    found = [(m.text, m.type) for m in Recognizer().extract(text, dates=False)]
    assert not [t for w, t in found if w in ("Zapquest", "Zapfield")], found


def test_a_word_after_the_in_capitals_inside_sentences_is_a_title() -> None:
    text = (
        "She was nominated for The Zapviator, and critics praised The Zapviator again. "
        "The Zapviator's director spoke at The Zapsage and to The Zapsage crowd."
    )
    cands = cands_of(
        text,
        [
            ("The Zapviator", PLACE),
            ("Zapviator", PLACE),
            ("Zapviator", PLACE),
            ("Zapsage", PLACE),
            ("Zapsage", PLACE),
        ],
    )
    cands[1].before = cands[2].before = cands[3].before = cands[4].before = "The"
    titles_after_the(cands, text)
    assert [c.type for c in cands] == [None, None, None, PLACE, PLACE]
    # a paper the tagger calls an organisation, a known place, a plural stay
    text = "He told The Zapherald, and wrote to The Zapherald, at The Hague with The Zapstreets."
    cands = cands_of(
        text,
        [
            ("The Zapherald", ORG),
            ("The Zapherald", ORG),
            ("The Hague", PLACE),
            ("The Zapstreets", PLACE),
        ],
    )
    titles_after_the(cands, text)
    assert [c.type for c in cands] == [ORG, ORG, PLACE, PLACE]


def test_a_word_ending_in_a_word_of_an_industry_is_a_firm() -> None:
    text = "Zorbneft said Zorbneftegaz and Velprom would bid, but Kessneft declined. Neft won."
    cands = cands_of(
        text,
        [
            ("Zorbneft", PERSON),
            ("Zorbneftegaz", PLACE),
            ("Velprom", PERSON),
            ("Kessneft", PERSON),
            ("Neft", PERSON),
        ],
    )
    glued_firms(cands)
    assert [c.type for c in cands] == [ORG, ORG, ORG, ORG, PERSON]
    assert cands[3].source == LINKED
