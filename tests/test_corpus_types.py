"""One name, one type across the corpus (tui.ner.corpus, the entities pane)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from tests.conftest import write_article
from tui.entities import Recognizer
from tui.library import Library
from tui.ner.corpus import corpus_totals, corpus_types


def test_the_corpus_type_wins_over_a_few_pages() -> None:
    totals = corpus_totals(
        [
            {("org", "Velmora"): 6, ("person", "Jan Olsen"): 2},
            {("org", "Velmora"): 4},
            {("place", "Velmora"): 3},
        ]
    )
    assert totals["org", "Velmora"] == (10, 2)
    assert corpus_types(totals) == {("place", "Velmora"): ("org", "Velmora")}


def test_names_are_compared_folded_and_get_the_winners_spelling() -> None:
    totals = {("org", "VELMORA"): (1, 1), ("org", "Velmora"): (9, 3), ("place", "velmora"): (2, 1)}
    assert corpus_types(totals) == {("place", "velmora"): ("org", "Velmora")}


def test_two_readings_of_about_the_same_weight_both_stay() -> None:
    # as many mentions, or fewer documents: two entities share the name
    assert corpus_types({("org", "Velmora"): (5, 2), ("place", "Velmora"): (4, 2)}) == {}
    assert corpus_types({("org", "Velmora"): (20, 2), ("place", "Velmora"): (4, 3)}) == {}


def test_one_documents_reading_is_not_the_corpuss() -> None:
    assert corpus_types({("org", "Velmora"): (30, 1), ("place", "Velmora"): (1, 1)}) == {}


def test_a_surname_of_a_person_named_in_full_stays_a_person() -> None:
    totals = {
        ("place", "Harlow"): (20, 6),
        ("person", "Harlow"): (3, 2),
        ("person", "Peter Harlow"): (2, 1),  # a known given name: the person is in the corpus
    }
    assert corpus_types(totals) == {}
    del totals["person", "Peter Harlow"]
    assert corpus_types(totals) == {("person", "Harlow"): ("place", "Harlow")}


def test_a_lone_unknown_person_does_not_spread() -> None:
    # "Zentrix" is never a full name: weak evidence of a person (so is "Chelsea")
    totals = {
        ("person", "Zentrix"): (9, 4),
        ("org", "Zentrix"): (2, 1),
        ("place", "Zentrix"): (1, 1),
    }
    assert corpus_types(totals) == {}
    # a full name may spread: "Sion Simon" typed an organisation once
    totals = {("person", "Arwel Pryce"): (9, 4), ("org", "Arwel Pryce"): (2, 1)}
    assert corpus_types(totals) == {("org", "Arwel Pryce"): ("person", "Arwel Pryce")}


COMPANY = (
    "Velmora said on Monday that its profit rose. Velmora shares gained 4 percent, "
    "and Velmora chief executive Jan Olsen said demand was strong."
)
SHOP = "Get it at Velmora for $20. Also at Velmora for $25."
TOWN = "Fighting broke out near Velmora on Tuesday. Refugees fled from Velmora to the coast."


def test_the_entities_pane_counts_a_name_as_the_corpus_types_it(tmp_path: Path) -> None:
    rec = Recognizer()
    # the premise: the articles type the name differently
    assert {m.type for m in rec.extract(COMPANY) if m.text == "Velmora"} == {"org"}
    assert {m.type for m in rec.extract(SHOP) if m.text == "Velmora"} == {"org"}
    assert {m.type for m in rec.extract(TOWN) if m.text == "Velmora"} == {"place"}
    folder = tmp_path / "news"
    write_article(folder, "a.txt", "Results", COMPANY)
    write_article(folder, "b.txt", "Deals", SHOP)
    write_article(folder, "c.txt", "Fighting", TOWN)
    lib = Library.open(folder)
    lib.update_index()
    velmora = [e for e in lib.entity_facets() if e.name == "Velmora"]
    assert [(e.type, e.articles, e.mentions) for e in velmora] == [("org", 3, 7)]
    assert "Velmora" not in {e.name for e in lib.entity_facets("place")}
    orgs = [(e.name, e.articles, e.mentions) for e in lib.entity_facets("org")]
    assert [o for o in orgs if o[0] == "Velmora"] == [("Velmora", 3, 7)]
    occurrences = lib.entity_articles(velmora[0].id)
    assert sorted({o.article.path for o in occurrences}) == ["a.txt", "b.txt", "c.txt"]
    assert len(occurrences) == 7
    # the town's article shows the name as the corpus types it too
    town = next(a.id for a in lib.articles() if a.path == "c.txt")
    assert {(m.type, m.canonical) for m in lib.entities(town) if m.text == "Velmora"} == {
        ("org", "Velmora")
    }


def test_a_given_name_never_named_in_full_does_not_spread() -> None:
    # a team that has a given name's spelling, typed a person on most pages
    totals = {("person", "Chelsea"): (120, 30), ("org", "Chelsea"): (40, 12)}  # 40 < 60
    assert corpus_types(totals) == {}
    totals["person", "Anna Chelsea"] = (3, 1)  # a person of that surname
    assert corpus_types(totals) == {("org", "Chelsea"): ("person", "Chelsea")}


def test_a_weak_person_yields_to_the_type_found_more_often() -> None:
    # half of 120 is less than 80: the team the corpus finds on 12 pages wins
    totals = {("person", "Chelsea"): (120, 30), ("org", "Chelsea"): (80, 12)}
    assert corpus_types(totals) == {("person", "Chelsea"): ("org", "Chelsea")}
    # found on one page only: no corpus reading
    assert corpus_types({("person", "Zentrix"): (6, 4), ("org", "Zentrix"): (5, 1)}) == {}


def test_a_lone_person_no_name_list_knows_yields_to_an_organisation_of_two_documents() -> None:
    # "Zentrix" is neither a given name nor a surname: the tagger's person is a guess
    totals = {("person", "Zentrix"): (30, 5), ("org", "Zentrix"): (5, 3)}
    assert corpus_types(totals) == {("person", "Zentrix"): ("org", "Zentrix")}
    # an organisation of one document is no corpus's reading; a place does not take it
    assert corpus_types({("person", "Zentrix"): (30, 5), ("org", "Zentrix"): (5, 1)}) == {}
    assert corpus_types({("person", "Zentrix"): (30, 5), ("place", "Zentrix"): (5, 3)}) == {}
    # a given name the lists know still counts half ("Chelsea": 60 > 40)
    assert corpus_types({("person", "Chelsea"): (120, 30), ("org", "Chelsea"): (40, 12)}) == {}


def _found(lib: Library, query: str) -> list[str]:
    return sorted(h.path for h in lib.search(query, limit=50).hits)


def test_searches_and_their_counts_take_the_corpus_type_as_the_pane_does(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    write_article(folder, "a.txt", "Results", COMPANY)
    write_article(folder, "b.txt", "Deals", SHOP)
    write_article(folder, "c.txt", "Fighting", TOWN)
    write_article(folder, "d.txt", "Both", f"{COMPANY} {TOWN}")  # both types: counted once
    lib = Library.open(folder)
    lib.update_index()
    # the premise: the index holds Velmora as a place in two articles
    assert {("place", "Velmora")} <= set(lib.directory.corpus_types())
    pane = {(e.type, e.name): e.articles for e in lib.entity_facets()}
    assert pane["org", "Velmora"] == 4 and ("place", "Velmora") not in pane
    # the search fields: org: finds every article the pane counts, place: none
    assert _found(lib, "org:velmora") == ["a.txt", "b.txt", "c.txt", "d.txt"]
    assert _found(lib, 'org:"Velmora"') == _found(lib, "org:velmora")
    assert _found(lib, "place:velmora") == []
    assert _found(lib, "refugees place:velmora") == []
    assert _found(lib, "refugees org:velmora") == ["c.txt", "d.txt"]
    assert lib.count("org:velmora") == 4
    # the search's counts: one row, each article once, over any query
    counts = lib.facets()
    assert ("Velmora", 4) in counts["org"]
    assert "Velmora" not in dict(counts["place"])
    assert dict(lib.facets("refugees")["org"])["Velmora"] == 2
    assert dict(lib.facets("org:velmora")["org"])["Velmora"] == 4
    # the name is highlighted where a place mention stood
    (hit,) = [h for h in lib.search("org:velmora").hits if h.path == "c.txt"]
    body = lib.article(hit.id).body
    assert {body[a:b] for a, b in hit.matches} == {"Velmora"}
    assert {body[a:b] for a, b in lib.match_spans("org:velmora", hit.id)} == {"Velmora"}


def test_the_corpus_type_follows_an_update_of_the_index(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    write_article(folder, "a.txt", "Results", COMPANY)
    write_article(folder, "b.txt", "Deals", SHOP)
    write_article(folder, "c.txt", "Fighting", TOWN)
    lib = Library.open(folder)
    lib.update_index()
    assert _found(lib, "place:velmora") == []
    # the town's news grows: the place is the corpus's reading now (10 mentions in
    # 5 articles against 5 in 2)
    for n in range(4):
        write_article(folder, f"t{n}.txt", f"Fighting {n}", TOWN)
    lib.update_index()
    assert len(_found(lib, "place:velmora")) == 7
    assert _found(lib, "org:velmora") == []
    counts = lib.facets()
    assert dict(counts["place"])["Velmora"] == 7
    assert "Velmora" not in dict(counts["org"])
    pane = {(e.type, e.name): e.articles for e in lib.entity_facets()}
    assert pane["place", "Velmora"] == 7 and ("org", "Velmora") not in pane
    # a new process reads the types kept beside the index
    again = Library.open(folder)
    assert _found(again, "place:velmora") == _found(lib, "place:velmora")


def test_a_type_an_articles_context_decided_stays() -> None:
    totals = {("place", "Kelbury"): (30, 9), ("org", "Kelbury"): (4, 2)}
    assert corpus_types(totals) == {("org", "Kelbury"): ("place", "Kelbury")}
    assert corpus_types(totals, decided={("org", "Kelbury")}) == {}
    # only the decided type stays: a third reading still yields
    totals["person", "Kelbury"] = (1, 1)
    assert corpus_types(totals, decided={("org", "Kelbury")}) == {
        ("person", "Kelbury"): ("place", "Kelbury")
    }


TOWN_NEWS = (
    "Floods hit the town of Kelbury on Tuesday. Families fled from Kelbury to the hills, "
    "and roads into Kelbury were shut."
)
MATCH = "Ossery were beaten 2-1 in Kelbury on Saturday, and Kelbury coach Jo Lee was pleased."


def test_the_club_an_article_names_by_its_coach_is_no_town_in_the_corpus(tmp_path: Path) -> None:
    rec = Recognizer()
    # the premise: the town's articles type it a place, the match's context the club
    assert {m.type for m in rec.extract(TOWN_NEWS) if m.text == "Kelbury"} == {"place"}
    mentions, evidence = rec.extract_with_evidence(MATCH)
    assert {m.type for m in mentions if m.text == "Kelbury"} == {"org"}
    assert evidence.decided == {("org", "Kelbury")}
    folder = tmp_path / "news"
    for n in range(3):
        write_article(folder, f"town{n}.txt", f"Floods {n}", TOWN_NEWS)
    write_article(folder, "match.txt", "Match report", MATCH)
    lib = Library.open(folder)
    lib.update_index()
    # nine place mentions in three articles against two in one: without the
    # context's word the club would be counted as the town
    assert lib.directory.corpus_types() == {}
    pane = {(e.type, e.name): e.articles for e in lib.entity_facets()}
    assert pane["org", "Kelbury"] == 1 and pane["place", "Kelbury"] == 3
    assert _found(lib, "org:kelbury") == ["match.txt"]
    assert _found(lib, "place:kelbury") == ["town0.txt", "town1.txt", "town2.txt"]
    assert dict(lib.facets()["org"])["Kelbury"] == 1
    # the mark is no name: no row, no count
    assert not [e for e in lib.entity_facets() if e.name.startswith("=")]
    assert all(not name.startswith("=") for name, _ in lib.facets()["org"])


def test_an_index_made_before_the_marks_takes_them_at_its_next_update(tmp_path: Path) -> None:
    # an update re-indexes the articles whose entities' hash changed: an article
    # with a mark must hash otherwise than its entities alone. (One without one hashed
    # as before the marks until the hash took in the entity fields, headline and all:
    # no hash of the old form is taken as the same now, tests/test_ents_hash.py)
    from tui.library.prepare import entity_hashes, prepare_document

    folder = tmp_path / "news"
    write_article(folder, "town.txt", "Floods", TOWN_NEWS)
    write_article(folder, "match.txt", "Match report", MATCH)
    lib = Library.open(folder)

    def alone(doc: dict[str, object]) -> str:
        summary = doc["entities"]
        assert isinstance(summary, dict)
        return hashlib.blake2b(repr(sorted(summary.items())).encode(), digest_size=8).hexdigest()

    match = prepare_document(lib.catalog.item("match.txt", "m"))
    town = prepare_document(lib.catalog.item("town.txt", "t"))
    assert isinstance(match, dict) and isinstance(town, dict)
    assert match["org"].count("=Kelbury") == 1
    assert alone(match) not in entity_hashes(match)
    assert alone(town) not in entity_hashes(town)


def test_a_full_name_two_articles_context_made_an_organisation_is_one_everywhere() -> None:
    # "the band Zapper Quill" in two articles, the tagger's "person" in twelve
    totals = {("person", "Zapper Quill"): (40, 12), ("org", "Zapper Quill"): (6, 2)}
    twice = {("org", "Zapper Quill"): 2}
    assert corpus_types(totals, decided=set(twice), decided_in=twice) == {
        ("person", "Zapper Quill"): ("org", "Zapper Quill")
    }
    # one article's context is one article's: its type stays there, and only there
    once = {("org", "Zapper Quill"): 1}
    assert corpus_types(totals, decided=set(once), decided_in=once) == {}
    # a given name the lists know: a person the tagger read, whatever two articles say
    totals = {("person", "Jo Quill"): (40, 12), ("org", "Jo Quill"): (6, 2)}
    twice = {("org", "Jo Quill"): 2}
    assert corpus_types(totals, decided=set(twice), decided_in=twice) == {}
    # an organisation the tagger guessed, no article's context: the person stays
    totals = {("person", "Zapper Quill"): (40, 12), ("org", "Zapper Quill"): (6, 2)}
    assert corpus_types(totals) == {("org", "Zapper Quill"): ("person", "Zapper Quill")}
