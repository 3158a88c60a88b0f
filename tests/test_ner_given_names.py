"""A lone given name and a middle initial without its dot (tui/ner/document.py,
tui/ner/spans.py), on invented names."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import write_article
from tui.entities import Recognizer, load_gazetteer
from tui.library import Library
from tui.ner.spans import middle_initials


def people(text: str) -> list[tuple[str, str]]:
    rec = Recognizer(load_gazetteer())
    return [(m.text, m.canonical) for m in rec.extract(text) if m.type == "person"]


def test_a_lone_given_name_is_the_person_named_in_full_with_it() -> None:
    text = (
        "Harold Quennell has resigned as home secretary. The prime minister said: "
        '"I know Harold very well and I believe him." Harold said he was sorry.'
    )
    found = people(text)
    assert ("Harold", "Harold Quennell") in found
    assert all(canonical == "Harold Quennell" for _, canonical in found), found


def test_a_given_name_two_people_share_or_that_ends_a_name_stays_as_it_is() -> None:
    text = (
        "Harold Quennell and Harold Ostrander met on Monday. "
        '"Harold has done well," the chairman said.'
    )
    lone = [c for t, c in people(text) if t == "Harold"]
    assert lone and all(c == "Harold" for c in lone)


def test_a_given_name_before_and_shares_the_surname_after_it() -> None:
    found = people("The album features Walter and Helen Quennell on two songs.")
    assert ("Walter", "Walter Quennell") in found
    assert ("Helen Quennell", "Helen Quennell") in found


def test_a_lone_surname_after_two_given_names_that_share_it_is_the_first_named() -> None:
    # "Martin and Kevin Zapley": a later "Zapley" is Martin, as after "Martin Zapley
    # and Kevin Zapley" (the first of two full names lends its surname)
    found = people(
        "Envoys were told to look into Martin and Kevin Zapley. Later the former "
        "governor Zapley denied it, and Zapley's lawyer agreed."
    )
    assert ("Martin", "Martin Zapley") in found
    assert ("Kevin Zapley", "Kevin Zapley") in found
    lone = [c for t, c in found if t == "Zapley"]
    assert lone == ["Martin Zapley", "Martin Zapley"], found


def test_no_pair_shares_a_surname_after_a_capital_or_with_a_texts_surname() -> None:
    from tui.ner.document import TAGGER, Candidate, link_short_forms
    from tui.ner.features import fold_word

    def cands(text: str, names: list[str]) -> list[Candidate]:
        out, at = [], 0
        for name in names:
            at = text.index(name, at)
            c = Candidate(at, at + len(name), 0, 1, name, fold_word(name), "person", TAGGER, name)
            before, after = text[:at].split(), text[at + len(name) :].split()
            c.before = before[-1] if before else ""
            c.after = after[0].lower() if after else ""
            out.append(c)
            at += len(name)
        return out

    # the lone given name is the end of a name ("Jean-Loup Walter"): no pair
    text = "the duo Jean-Loup Walter and Kevin Zapley won, and Zapley served"
    got = cands(text, ["Walter", "Kevin Zapley", "Zapley"])
    link_short_forms(got)
    assert [c.canonical for c in got] == ["Walter", "Kevin Zapley", "Kevin Zapley"]
    # the lone word is a surname of the text ("Rhys Walter"): no pair either
    text = "Rhys Walter said Walter and Kevin Zapley start, and Zapley agreed"
    got = cands(text, ["Rhys Walter", "Walter", "Kevin Zapley", "Zapley"])
    link_short_forms(got)
    assert [c.canonical for c in got][2:] == ["Kevin Zapley", "Kevin Zapley"]
    assert got[1].canonical != "Walter Zapley"
    # the pair: the first named lends the surname
    text = "we looked into Walter and Kevin Zapley, and Zapley denied it"
    got = cands(text, ["Walter", "Kevin Zapley", "Zapley"])
    link_short_forms(got)
    assert [c.canonical for c in got] == ["Walter Zapley", "Kevin Zapley", "Walter Zapley"]


def test_a_capital_without_its_dot_is_a_middle_initial() -> None:
    words = "President Harold T Quennell spoke".split()
    assert middle_initials(words, [(1, 2, "PER"), (3, 4, "LOC")]) == [(1, 4, "PER")]
    assert middle_initials(words, [(1, 2, "PER")]) == [(1, 4, "PER")]
    # not an article or a pronoun, not after a word that is no given name
    words = "Harold A Quennell".split()
    assert middle_initials(words, [(0, 1, "PER"), (2, 3, "PER")]) == [(0, 1, "PER"), (2, 3, "PER")]
    words = "Quennell T Ostrander".split()
    assert middle_initials(words, [(0, 1, "PER")]) == [(0, 1, "PER")]
    text = "US president Harold W Brisbane pledged a tough budget. Brisbane said so."
    found = people(text)
    assert ("Harold W Brisbane", "Harold W Brisbane") in found, found
    assert ("Brisbane", "Harold W Brisbane") in found, found


def test_a_given_name_alone_is_no_person_of_its_own_in_the_counts(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    write_article(folder, "a.txt", "Harbour", "Harold Quennell opened the harbour on Monday.")
    write_article(folder, "b.txt", "Bridge", "Harold Ostrander opened the bridge on Tuesday.")
    write_article(folder, "c.txt", "Fair", 'The fair was busy. "Harold was there," a guest said.')
    write_article(folder, "d.txt", "Fair", 'The fair closed. "Harold left early," a guest said.')
    lib = Library.open(folder)
    lib.update_index()
    # the premise: the articles name "Harold" alone as a person
    assert "harold" in {t for t, _, _ in lib.index.facets("person")}
    assert lib.directory.given_names() == {"harold"}
    pane = {e.name for e in lib.entity_facets("person")}
    assert "Harold" not in pane and {"Harold Quennell", "Harold Ostrander"} <= pane
    people = dict(lib.facets()["person"])
    assert "Harold" not in people and people["Harold Quennell"] == 1
    assert lib.count("person:harold") == 2  # a search for the word still finds them
    # a new process reads them from the links kept beside the index
    assert Library.open(folder).directory.given_names() == {"harold"}


def test_a_surname_before_and_keeps_its_own_name() -> None:
    found = people("Kowalczyk and Harold Ostrander said the deal was done.")
    assert ("Kowalczyk", "Kowalczyk") in found, found


def test_a_surname_before_the_full_name_is_that_person() -> None:
    text = "Quennell hits back at critics\n\nHarold Quennell has defended his budget."
    found = people(text)
    assert ("Quennell", "Harold Quennell") in found, found


def test_a_surname_before_two_people_who_share_it_stays_as_it_is() -> None:
    text = (
        "Quennell hits back at critics\n\n"
        "Harold Quennell and his sister Margot Quennell defended the budget."
    )
    lone = [c for t, c in people(text) if t == "Quennell"]
    assert lone == ["Quennell"], people(text)


def test_only_a_name_read_as_named_in_full_lends_its_surname_backwards() -> None:
    from tui.ner.document import _named_in_full

    assert _named_in_full(["harold", "quennell"], "Harold Quennell")
    assert _named_in_full(["lord", "quennell"], "Lord Quennell")
    assert _named_in_full(["harold", "van", "quennell"], "Harold van Quennell")
    # a product's or a film's words the tagger took for a person
    assert not _named_in_full(["bonus", "quennell"], "Bonus Quennell")
    assert not _named_in_full(["my", "summer", "of", "quennell"], "My Summer of Quennell")


def test_a_name_opening_with_a_common_word_inside_a_sentence_is_no_person() -> None:
    rec = Recognizer(load_gazetteer())
    text = (
        "The console comes in a bundle with Bonus Sleeve for $199, and her novel "
        "Small Harbour won the prize. It was late. Singer Zed Quennell sang."
    )
    found = {m.text: m.type for m in rec.extract(text)}
    assert found.get("Bonus Sleeve") != "person", found
    assert found.get("Small Harbour") != "person", found
    # a line in capitals hides whether a word is written in lower case
    from tui.ner.bodies import common_word_people
    from tui.ner.document import TAGGER, Candidate
    from tui.ner.model import shipped_model

    def person(surface: str, caps: bool) -> Candidate:
        key = surface.lower()
        return Candidate(
            0, 1, 0, 2, surface, key, "person", TAGGER, surface, False, caps, "", "and"
        )

    cands = [person("BONUS QUENNELL", True), person("Bonus Quennell", False)]
    common_word_people(cands, shipped_model().case)
    assert [c.type for c in cands] == ["person", None]
    # a sentence's first word may be an occupation before a real name
    assert "person" in {t for n, t in found.items() if "Quennell" in n}, found


def test_a_given_name_no_list_knows_is_the_person_named_in_full_with_it() -> None:
    text = (
        "Zarvesh Quennell has resigned as chairman of the group. "
        "The board said Zarvesh had been a fine leader, and Zarvesh thanked it."
    )
    found = people(text)
    assert found.count(("Zarvesh", "Zarvesh Quennell")) == 2, found


def test_a_word_no_list_knows_typed_otherwise_too_is_not_linked() -> None:
    from tui.ner.document import TAGGER, Candidate, link_short_forms

    def cand(surface: str, typ: str) -> Candidate:
        key = surface.lower()
        return Candidate(0, 1, 0, 1, surface, key, typ, TAGGER, surface)

    cands = [cand("Zapcall Voip", "person"), cand("Zapcall", "person"), cand("Zapcall", "org")]
    link_short_forms(cands)
    assert cands[1].canonical == "Zapcall"


def test_a_span_that_runs_two_names_together_over_and_is_cut() -> None:
    from tui.ner.spans import names_joined_by_and

    case = {"trade": "L", "industry": "L"}
    words = "the ambassador Jo Quennell and Energy Secretary Kim Ray".split()
    assert names_joined_by_and(words, [(2, 6, "PER")], case) == [(2, 4, "PER")]
    words = "shares in Zapnet and Velmo fell".split()
    assert names_joined_by_and(words, [(2, 5, "ORG")], case, (), lambda: {"Velmo"}) == [
        (2, 3, "ORG"),
        (4, 5, "ORG"),
    ]
    # a name the text only ever writes as "A and B" is one name
    assert names_joined_by_and(words, [(2, 5, "ORG")], case, (), set) == [(2, 5, "ORG")]
    # "and" between common words, after "of", before an organisation's word, or
    # between words the text writes in lower case: one organisation
    for text, span in (
        ("the Department of Zarn Trade and Budget said", (1, 7)),
        ("the Zarn Trade and Industry Secretary", (1, 5)),
        ("the Zarnian Health and Safety Commission said", (1, 6)),
        ("the Harbourton Arts and Sciences Zeitung", (1, 6)),
    ):
        words = text.split()
        got = names_joined_by_and(words, [(*span, "ORG")], case, {"arts", "sciences"})
        assert got == [(*span, "ORG")], text
