"""Entities stored in the index: field queries, facet counts, gazetteer changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import write_article
from tui.library import Library

A = (
    "Foreign Minister Anna Lindqvist met President Tomas Berger in Stockholm on Monday.",
    "Lindqvist said the talks with the United Nations had gone well.",
    "Berger later flew to Copenhagen.",
)
B = (
    "In Copenhagen, Anna Lindqvist told reporters that the U.N. would send observers.",
    "The U.S. said it supported the plan.",
)


@pytest.fixture
def lib(tmp_path: Path) -> Library:
    folder = tmp_path / "news"
    write_article(folder, "a.txt", "Ministers meet in Stockholm", *A)
    write_article(folder, "b.txt", "Observers for the border", *B)
    write_article(folder, "c.txt", "Weather", "It rained all week and nobody minded.")
    library = Library.open(folder)
    library.update_index()
    return library


def paths(lib: Library, query: str) -> set[str]:
    return {h.path for h in lib.search(query).hits}


def test_person_place_org_queries(lib: Library) -> None:
    assert paths(lib, 'person:"Anna Lindqvist"') == {"a.txt", "b.txt"}
    assert paths(lib, "place:copenhagen") == {"a.txt", "b.txt"}
    assert paths(lib, 'org:"United Nations"') == {"a.txt", "b.txt"}  # "U.N." is an alias
    assert paths(lib, 'person:"Tomas Berger"') == {"a.txt"}


def test_facets_count_articles_and_mentions(lib: Library) -> None:
    facets = {(e.type, e.name): e for e in lib.entity_facets()}
    lindqvist = facets[("person", "Anna Lindqvist")]
    assert lindqvist.articles == 2
    assert lindqvist.mentions == 3  # full name twice, "Lindqvist" once (linked)
    assert "Lindqvist" in lindqvist.aliases
    un = facets[("org", "United Nations")]
    assert un.articles == 2 and set(un.aliases) >= {"U.N."}
    assert [e.type for e in lib.entity_facets("place")] == ["place"] * len(
        lib.entity_facets("place")
    )
    # sorted by number of articles
    counts = [e.articles for e in lib.entity_facets()]
    assert counts == sorted(counts, reverse=True)


def test_entity_articles_give_the_sentence(lib: Library) -> None:
    facets = {(e.type, e.name): e for e in lib.entity_facets()}
    occurrences = lib.entity_articles(facets[("person", "Tomas Berger")].id)
    assert [o.article.path for o in occurrences] == ["a.txt", "a.txt"]
    first = occurrences[0]
    body = lib.article("a.txt").body
    assert body[first.start : first.end] == "Tomas Berger"
    assert first.sentence.startswith("Foreign Minister Anna Lindqvist met President")


def test_a_user_gazetteer_change_updates_entities_without_a_rebuild(
    lib: Library, hermetic_dirs: Path
) -> None:
    config = hermetic_dirs / "config"
    config.mkdir(parents=True)
    (config / "entities.yaml").write_text(
        "entities:\n  - name: Nordic Council\n    type: org\n    aliases: [Copenhagen]\n"
        "ignore:\n  - Tomas Berger\n"
    )
    report = Library.open(lib.corpus).update_index()
    assert not report.rebuilt
    assert report.changed == 2  # a.txt and b.txt; c.txt has no entities to change
    fresh = Library.open(lib.corpus)
    assert paths(fresh, 'org:"Nordic Council"') == {"a.txt", "b.txt"}
    assert paths(fresh, "place:copenhagen") == set()
    assert paths(fresh, 'person:"Tomas Berger"') == set()


def test_a_lone_surname_in_another_article_links_to_the_full_name(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    write_article(folder, "a.txt", "Talks", "Foreign Minister Anna Lindqvist met reporters.")
    write_article(folder, "b.txt", "Later", "On Tuesday, Lindqvist said the talks would go on.")
    write_article(folder, "c.txt", "Other", "The weather was fine all week.")
    lib = Library.open(folder)
    lib.update_index()
    people = [e for e in lib.entity_facets("person")]
    names = [e.name for e in people]
    assert "Anna Lindqvist" in names and "Lindqvist" not in names
    anna = next(e for e in people if e.name == "Anna Lindqvist")
    assert anna.articles == 2 and anna.mentions == 2
    assert "Lindqvist" in anna.aliases
    assert paths(lib, 'person:"Anna Lindqvist"') == {"a.txt", "b.txt"}
    assert paths(lib, "person:lindqvist") == {"a.txt", "b.txt"}
    occurrences = lib.entity_articles(anna.id)
    assert sorted(o.article.path for o in occurrences) == ["a.txt", "b.txt"]


def test_an_articles_lone_surname_is_the_person_the_corpus_links_it_to(tmp_path: Path) -> None:
    # the article's pane and the CLI's --article name "Lindqvist" as the counts do
    folder = tmp_path / "news"
    write_article(folder, "a.txt", "Talks", "Foreign Minister Anna Lindqvist met reporters.")
    write_article(folder, "b.txt", "Later", "On Tuesday, Lindqvist said the talks would go on.")
    write_article(folder, "c.txt", "Other", "Later, Mr Lindqvist said so again. Lindqvist left.")
    lib = Library.open(folder)
    lib.update_index()
    for path in ("b.txt", "c.txt"):
        article_id = next(a.id for a in lib.articles() if a.path == path)
        people = [m for m in lib.entities(article_id) if m.type == "person"]
        assert people, path
        assert {(m.canonical, m.id) for m in people} == {
            ("Anna Lindqvist", "person:anna lindqvist")
        }, path
        body = lib.article(article_id).body
        assert all(body[m.start : m.end] == m.text for m in people)


def test_an_ambiguous_surname_is_not_linked(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    write_article(folder, "a.txt", "One", "Foreign Minister Anna Lindqvist spoke.")
    write_article(folder, "b.txt", "Two", "Finance Minister Erik Lindqvist spoke too.")
    write_article(folder, "c.txt", "Three", "On Tuesday, Lindqvist said no.")
    lib = Library.open(folder)
    lib.update_index()
    names = {e.name for e in lib.entity_facets("person")}
    assert {"Anna Lindqvist", "Erik Lindqvist", "Lindqvist"} <= names
    assert paths(lib, 'person:"Anna Lindqvist"') == {"a.txt"}


def test_the_counts_shown_agree_with_the_mentions_listed(lib: Library) -> None:
    # "Stockholm" is in a's headline and body: the headline mention makes the
    # article match place:stockholm, but only body mentions can be listed and
    # opened, so only they are counted, in the facets as in the list.
    assert paths(lib, "place:stockholm") == {"a.txt"}
    for entity in lib.entity_facets():
        listed = lib.entity_articles(entity.id)
        assert entity.mentions == len(listed), entity.name
        assert entity.articles == len({o.article.id for o in listed}), entity.name
    stockholm = next(e for e in lib.entity_facets() if e.name == "Stockholm")
    assert stockholm.mentions == 1


def test_an_articles_mentions_are_offsets_into_its_body(lib: Library) -> None:
    article_id = next(a.id for a in lib.articles() if a.path == "a.txt")
    body = lib.article(article_id).body
    mentions = lib.entities(article_id)
    assert mentions and all(body[m.start : m.end] == m.text for m in mentions)


def test_an_entity_query_marks_the_names_in_the_text(lib: Library) -> None:
    (hit,) = [h for h in lib.search('person:"Anna Lindqvist"').hits if h.path == "a.txt"]
    body = lib.article(hit.id).body
    assert [body[a:b] for a, b in hit.matches] == ["Anna Lindqvist", "Lindqvist"]
    spans = lib.match_spans('person:"Anna Lindqvist"', hit.id)
    assert [body[a:b] for a, b in spans] == ["Anna Lindqvist", "Lindqvist"]


def test_a_surname_after_titles_is_a_lone_surname() -> None:
    from tui.library.surnames import link_surnames

    titles = frozenset({"mr", "prime", "minister", "dr."})
    terms = ["tony blair", "blair", "mr blair", "prime minister blair", "dr. who", "mr", "brown"]
    assert link_surnames(terms, titles) == {
        "blair": "tony blair",
        "mr blair": "tony blair",
        "prime minister blair": "tony blair",
    }
    # A second full name with that surname: neither form is linked.
    assert link_surnames([*terms, "cherie blair"], titles) == {}
    # No full name: the surname is its one titled form; a title that is part of a
    # name makes a full name.
    lords = frozenset({"mr", "lord", "dr"})
    assert link_surnames(["mcmanus", "mr mcmanus"], lords) == {"mcmanus": "mr mcmanus"}
    assert link_surnames(["mcmanus", "mr mcmanus", "dr mcmanus"], lords) == {}
    assert link_surnames(["falconer", "lord falconer"], lords) == {"falconer": "lord falconer"}
    # The lexicon's titles are the default.
    assert link_surnames(["anna lindqvist", "mrs lindqvist"]) == {"mrs lindqvist": "anna lindqvist"}


def test_a_full_name_that_dominates_its_surname_takes_it() -> None:
    from tui.library.surnames import link_surnames

    titles = frozenset({"mr"})
    terms = ["tony blair", "cherie blair", "blair", "mr blair"]
    # Without counts two full names make the surname ambiguous.
    assert link_surnames(terms, titles) == {}
    # In 40 documents against 3: the titled form and the bare surname are his.
    docs = {"tony blair": 40, "cherie blair": 3, "blair": 9, "mr blair": 7}
    assert link_surnames(terms, titles, docs) == {"blair": "tony blair", "mr blair": "tony blair"}
    # 4x the others: enough for "mr brown", not for a bare "brown" anyone may bear.
    terms = ["gordon brown", "wes brown", "dan brown", "brown", "mr brown"]
    docs = {"gordon brown": 40, "wes brown": 6, "dan brown": 4, "brown": 9, "mr brown": 7}
    assert link_surnames(terms, titles, docs) == {"mr brown": "gordon brown"}
    # A name too rare to dominate anything stays unlinked.
    docs = {"tony blair": 4, "cherie blair": 0, "blair": 1, "mr blair": 1}
    assert link_surnames(["tony blair", "cherie blair", "blair", "mr blair"], titles, docs) == {}


def test_a_full_name_with_and_without_a_middle_initial_is_one_person() -> None:
    from tui.library.surnames import link_surnames

    titles = frozenset({"mr"})
    terms = ["jon q harrow", "jon harrow", "ada harrow", "harrow"]
    # 25 + 5 documents against 2: the surname is his, and so is the name without the initial
    docs = {"jon q harrow": 25, "jon harrow": 5, "ada harrow": 2, "harrow": 20}
    assert link_surnames(terms, titles, docs) == {
        "jon harrow": "jon q harrow",
        "harrow": "jon q harrow",
    }
    # without the name lacking the initial, 25 is under five times the others' 7
    docs = {"jon q harrow": 25, "ada harrow": 7, "harrow": 20}
    assert link_surnames(["jon q harrow", "ada harrow", "harrow"], titles, docs) == {}
    # the form in more documents is the one kept; another given name is another person
    docs = {"jon q harrow": 2, "jon harrow": 9}
    assert link_surnames(["jon q harrow", "jon harrow"], titles, docs) == {
        "jon q harrow": "jon harrow"
    }
    assert link_surnames(["jon q harrow", "jan harrow"], titles, docs) == {}


def test_two_initials_are_two_people_and_one_initials_forms_go_to_one_head() -> None:
    """The name without an initial is neither's of two initials (a father and his son);
    the forms of one initial ("q", "q.") all go to the one in most documents, never
    through another that is itself linked (its counts would leave the pane)."""
    from tui.library.surnames import link_surnames

    titles = frozenset({"mr"})
    terms = ["jon b harrow", "jon harrow", "jon q harrow"]
    docs = {"jon b harrow": 2, "jon harrow": 5, "jon q harrow": 25}
    assert link_surnames(terms, titles, docs) == {}
    terms = ["jon q harrow", "jon harrow", "jon q. harrow", "harrow"]
    docs = {"jon q harrow": 2, "jon harrow": 5, "jon q. harrow": 9, "harrow": 3}
    assert link_surnames(terms, titles, docs) == {
        "jon q harrow": "jon q. harrow",
        "jon harrow": "jon q. harrow",
        "harrow": "jon q. harrow",
    }


def test_a_given_name_alone_is_linked_to_nobody() -> None:
    from tui.library.surnames import link_surnames

    terms = ["craig newman", "david cole", "david price", "david", "anna david"]
    # "david" begins two full names and ends one: a given name, not Anna David's surname.
    assert link_surnames(terms, frozenset()) == {}
    docs = {"craig newman": 3, "david cole": 2, "david price": 1, "anna david": 9, "david": 5}
    # ... unless the corpus uses it as a surname more often than as a given name.
    assert link_surnames(terms, frozenset(), docs) == {"david": "anna david"}
    # A surname some full name begins with once is still a surname.
    terms = ["michael howard", "howard stern", "howard"]
    docs = {"michael howard": 30, "howard stern": 2, "howard": 8}
    assert link_surnames(terms, frozenset(), docs) == {"howard": "michael howard"}


def test_the_one_word_person_names_of_a_query_and_the_full_names_they_stand_for() -> None:
    from tui.library.surnames import by_surname, lone_person_words

    assert lone_person_words("person:Kerry AND (person:lavrov OR syria)") == {"kerry", "lavrov"}
    # quoted, a prefix, a fuzzy word, another field: not a lone surname
    assert lone_person_words('person:"john kerry" person:ker* person:kery~ org:kerry') == set()
    assert lone_person_words("ceasefire") == set()
    names = by_surname(["john kerry", "kerry", "george w bush", "jeb bush", "madonna"])
    assert names == {"kerry": ["john kerry"], "bush": ["george w bush", "jeb bush"]}
