"""An organisation's short and full names counted as one (tui.ner.aliases, the
entities pane, search counts and searches), on invented names."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import write_article
from tui.entities import Recognizer
from tui.library import Library
from tui.ner.aliases import initials, organisation_links


def pairs(*shared: tuple[str, str, int]) -> dict[frozenset[str], int]:
    return {frozenset((a, b)): n for a, b, n in shared}


def links(names: dict[str, int], shared: dict[frozenset[str], int]) -> dict[str, str]:
    return organisation_links(names, lambda a, b: shared.get(frozenset((a, b)), 0))


def test_a_full_name_ending_in_a_party_or_a_legal_form_is_its_short_forms() -> None:
    names = {"Harrow Reform": 12, "Harrow Reform Party": 4}
    shared = pairs(("Harrow Reform", "Harrow Reform Party", 3))
    # counted under the name found in the most articles
    assert links(names, shared) == {"Harrow Reform Party": "Harrow Reform"}
    names = {"Zapco": 2, "Zapco Holdings": 5}
    assert links(names, pairs(("Zapco", "Zapco Holdings", 1))) == {"Zapco": "Zapco Holdings"}
    # an airline's word for what it is: the same airline
    names = {"Zapair": 3, "Zapair Airline": 1, "Velair Airways": 2, "Velair": 1}
    shared = pairs(("Zapair", "Zapair Airline", 1), ("Velair", "Velair Airways", 1))
    assert links(names, shared) == {"Zapair Airline": "Zapair", "Velair": "Velair Airways"}


def test_an_acronym_of_the_full_names_initials_is_it() -> None:
    assert initials("Zarnian Tennis Association") == "ZTA"
    assert initials("Confederation of Zarnian Industry") == "CZI"
    assert initials("ZT Group") == "" and initials("zapco group") == ""
    names = {"ZTA": 6, "Zarnian Tennis Association": 3}
    shared = pairs(("ZTA", "Zarnian Tennis Association", 2))
    assert links(names, shared) == {"Zarnian Tennis Association": "ZTA"}
    # an acronym is written in capitals
    shared = pairs(("Zta", "Zarnian Tennis Association", 2))
    assert links({"Zta": 6, "Zarnian Tennis Association": 3}, shared) == {}


def test_a_plural_and_words_cut_short_are_the_full_names() -> None:
    names = {"Zarn Dem": 40, "Zarn Dems": 50, "Zarnian Democrat": 35, "Zarnian Democrats": 70}
    shared = pairs(
        ("Zarn Dem", "Zarn Dems", 30),
        ("Zarn Dem", "Zarnian Democrat", 4),
        ("Zarn Dem", "Zarnian Democrats", 19),
        ("Zarn Dems", "Zarnian Democrats", 24),
        ("Zarnian Democrat", "Zarnian Democrats", 12),
    )
    # "Zarn Dem" may stand for three names (none dominates), all one party's
    assert links(names, shared) == {
        "Zarn Dem": "Zarnian Democrats",
        "Zarn Dems": "Zarnian Democrats",
        "Zarnian Democrat": "Zarnian Democrats",
    }
    # a plural in -ies: "the Zorries" and "a Zorry MP"
    names = {"Zorries": 30, "Zorry": 12}
    assert links(names, pairs(("Zorries", "Zorry", 8))) == {"Zorry": "Zorries"}
    assert links(names, {}) == {}
    # a cut word is a word's start: "Zarn Dems" is no "Zarnian Delegates"
    shared = pairs(("Zarn Dems", "Zarnian Delegates", 3))
    assert links({"Zarn Dems": 5, "Zarnian Delegates": 5}, shared) == {}


def test_two_organisations_are_never_merged() -> None:
    # a head that makes another organisation: a label is not its maker
    names = {"Zapco": 9, "Zapco Records": 3}
    assert links(names, pairs(("Zapco", "Zapco Records", 2))) == {}
    # the form fits, but no article names both: two bodies
    names = {"Velbury Assembly": 9, "Velbury Assembly Party": 3}
    assert links(names, {}) == {}
    # an acronym two full names spell, both found with it: neither
    names = {"ZTA": 6, "Zarnian Tennis Association": 3, "Zeta Trade Alliance": 3}
    shared = pairs(("ZTA", "Zarnian Tennis Association", 2), ("ZTA", "Zeta Trade Alliance", 1))
    assert links(names, shared) == {}
    # ... unless one is found with it three times as often as the other
    shared = pairs(("ZTA", "Zarnian Tennis Association", 3), ("ZTA", "Zeta Trade Alliance", 1))
    assert links(names, shared) == {"Zarnian Tennis Association": "ZTA"}


def test_names_a_list_gives_as_one_organisations_are_one_when_an_article_names_both() -> None:
    # a party and its nickname share no form: a list of well-known names says so
    groups = {
        "Zorries": "Zarnian Conservative Party",
        "Zarnian Conservatives": "Zarnian Conservative Party",
    }
    names = {"Zorries": 40, "Zorry": 10, "Zarnian Conservatives": 30, "Zarnian Conservative": 5}
    shared = pairs(
        ("Zorries", "Zorry", 6),
        ("Zarnian Conservative", "Zarnian Conservatives", 3),
        ("Zorries", "Zarnian Conservatives", 12),
    )
    got = organisation_links(names, lambda a, b: shared.get(frozenset((a, b)), 0), (), groups.get)
    assert got == {
        "Zorry": "Zorries",
        "Zarnian Conservatives": "Zorries",
        "Zarnian Conservative": "Zorries",
    }
    # without the list, two organisations; with it, but no article naming both: two
    assert links(names, shared) == {
        "Zorry": "Zorries",
        "Zarnian Conservative": "Zarnian Conservatives",
    }
    apart = {
        k: v for k, v in shared.items() if k != frozenset(("Zorries", "Zarnian Conservatives"))
    }
    got = organisation_links(names, lambda a, b: apart.get(frozenset((a, b)), 0), (), groups.get)
    assert got == {"Zorry": "Zorries", "Zarnian Conservative": "Zarnian Conservatives"}


NICKNAME = (
    "The Conservatives said on Monday that taxes would fall. "
    "The Tories have promised cuts before, Labour said."
)


def test_the_pane_counts_a_partys_nickname_the_shipped_list_knows_as_the_party(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "news"
    write_article(folder, "a.txt", "Taxes", NICKNAME)
    write_article(folder, "b.txt", "Cuts", "The Tories met in Harrow on Friday.")
    lib = Library.open(folder)
    lib.update_index()
    pane = {e.name: (e.articles, e.aliases) for e in lib.entity_facets("org")}
    assert pane["Tories"] == (2, ("Conservatives",)) and "Conservatives" not in pane


BOTH = (
    "The Zarnian Tennis Association said on Monday that players would be tested. "
    "A ZTA official said the rules were clear."
)
SHORT = "The ZTA fined the club on Tuesday. Officials of the ZTA said nothing."
PARTY = (
    "Members of the Harrow Reform Party met on Monday. "
    "Harrow Reform said it would stand in every seat."
)
LABEL = "Zapco Records signed the band on Monday. Zapco, the toy maker, said its profits rose."


def test_the_pane_counts_and_searches_take_an_organisations_names_as_one(
    tmp_path: Path,
) -> None:
    rec = Recognizer()
    # the premise: each name is an organisation of its own in the articles
    assert {m.canonical for m in rec.extract(BOTH) if m.type == "org"} == {
        "Zarnian Tennis Association",
        "ZTA",
    }
    assert {m.canonical for m in rec.extract(LABEL) if m.type == "org"} == {
        "Zapco Records",
        "Zapco",
    }
    folder = tmp_path / "news"
    write_article(folder, "a.txt", "Tests", BOTH)
    write_article(folder, "b.txt", "Fine", SHORT)
    write_article(folder, "c.txt", "Vote", PARTY)
    write_article(folder, "d.txt", "Music", LABEL)
    lib = Library.open(folder)
    lib.update_index()
    pane = {e.name: (e.articles, e.mentions, e.aliases) for e in lib.entity_facets("org")}
    assert pane["ZTA"] == (2, 4, ("Zarnian Tennis Association",))
    assert "Zarnian Tennis Association" not in pane
    # one row (as many articles each: the longer name)
    assert pane["Harrow Reform Party"][:2] == (1, 2) and "Harrow Reform" not in pane
    assert pane["Zapco"][0] == 1 and pane["Zapco Records"][0] == 1
    # a search for either name finds the articles of both, and counts them once
    found = sorted(h.path for h in lib.search('org:"Zarnian Tennis Association"').hits)
    assert found == ["a.txt", "b.txt"]
    assert sorted(h.path for h in lib.search("org:zta").hits) == ["a.txt", "b.txt"]
    counts = dict(lib.facets()["org"])
    assert counts["ZTA"] == 2 and "Zarnian Tennis Association" not in counts
    assert counts["Zapco"] == 1 and counts["Zapco Records"] == 1
    # every mention of the organisation, under both names
    (zta,) = [e for e in lib.entity_facets("org") if e.name == "ZTA"]
    assert len(lib.entity_articles(zta.id)) == 4
    # and one organisation in the pane of the article that writes both names
    both = next(a.id for a in lib.articles() if a.path == "a.txt")
    named = {(m.text, m.canonical) for m in lib.entities(both) if m.type == "org"}
    assert named == {("Zarnian Tennis Association", "ZTA"), ("ZTA", "ZTA")}


BRACKETED = (
    "The Zarnian Tennis Association (ZTA) said on Monday that players would be tested. "
    "The ZTA said the rules were clear."
)


def test_an_acronym_written_in_brackets_joins_the_full_name_across_articles(
    tmp_path: Path,
) -> None:
    rec = Recognizer()
    # the premise: the article's acronym is the full name there, and only there
    mentions, evidence = rec.extract_with_evidence(BRACKETED)
    assert {m.canonical for m in mentions if m.type == "org"} == {"Zarnian Tennis Association"}
    assert evidence.bracketed == {("ZTA", "Zarnian Tennis Association")}
    folder = tmp_path / "news"
    write_article(folder, "a.txt", "Tests", BRACKETED)
    write_article(folder, "b.txt", "Fine", SHORT)
    write_article(folder, "c.txt", "Fines", SHORT)
    lib = Library.open(folder)
    lib.update_index()
    # no article names both apart: the brackets are the evidence
    pane = {e.name: e.articles for e in lib.entity_facets("org")}
    assert pane == {"ZTA": 3}
    assert dict(lib.facets()["org"]) == {"ZTA": 3}
    assert sorted(h.path for h in lib.search("org:zta").hits) == ["a.txt", "b.txt", "c.txt"]
    # the mark is no name
    assert [t for t, _, _ in lib.index.facets("org")] == ["zarnian tennis association", "zta"]
