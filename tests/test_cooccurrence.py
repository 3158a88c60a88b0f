"""Co-occurrence: who is mentioned in the same articles, and sentences, as whom."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import write_article
from tui.commands import main
from tui.library import Library, LibraryError

A = (
    "Foreign Minister Anna Lindqvist met President Tomas Berger in Stockholm on Monday.",
    "Lindqvist said the talks with the United Nations had gone well.",
    "Berger later flew to Copenhagen.",
)
B = (
    "In Copenhagen, Anna Lindqvist told reporters that the U.N. would send observers.",
    "The U.S. said it supported the plan. Tomas Berger stayed at home.",
)
C = ("President Tomas Berger opened a bridge in Stockholm.",)


@pytest.fixture
def lib(tmp_path: Path) -> Library:
    folder = tmp_path / "news"
    write_article(folder, "a.txt", "Ministers meet", *A)
    write_article(folder, "b.txt", "Observers for the border", *B)
    write_article(folder, "c.txt", "A bridge", *C)
    library = Library.open(folder)
    library.update_index(workers=1)
    return library


def test_entities_mentioned_in_the_same_articles_and_sentences(lib: Library) -> None:
    ent_id, etype, name = lib.find_entity("anna lindqvist")
    assert (etype, name) == ("person", "Anna Lindqvist")
    together = {t.name: t for t in lib.together(ent_id)}
    berger = together["Tomas Berger"]
    assert berger.articles == 2  # a.txt and b.txt; c.txt has no Lindqvist
    assert berger.sentences == 1  # only "met President Tomas Berger" names both
    assert together["Copenhagen"].articles == 2
    assert together["Copenhagen"].sentences == 1  # b.txt's first sentence
    assert together["United Nations"].articles == 2  # "U.N." is the same organisation
    assert "Anna Lindqvist" not in together
    ranked = [t.articles for t in lib.together(ent_id)]
    assert ranked == sorted(ranked, reverse=True)


def test_a_linked_surname_counts_as_the_person(lib: Library) -> None:
    # "Berger" alone in a.txt is Tomas Berger: one entity, counted once per article.
    ent_id, _, _ = lib.find_entity("Berger")
    assert ent_id == lib.find_entity("Tomas Berger")[0]
    stockholm = {t.name: t for t in lib.together(ent_id)}["Stockholm"]
    assert stockholm.articles == 2  # a.txt and c.txt


def test_deleted_articles_are_not_counted(lib: Library) -> None:
    (lib.corpus / "c.txt").unlink()
    lib.update_index(workers=1)
    ent_id, _, _ = lib.find_entity("Tomas Berger")
    assert {t.name: t for t in lib.together(ent_id)}["Stockholm"].articles == 1


def test_unknown_name(lib: Library) -> None:
    with pytest.raises(LibraryError, match="no entity named"):
        lib.find_entity("Nobody Atall")


def test_cli_with(lib: Library, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["entities", str(lib.corpus), "--with", "Anna Lindqvist", "--json"])
    assert code == 0
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert all(set(r) == {"name", "type", "articles", "sentences"} for r in rows)
    assert {"name": "Tomas Berger", "type": "person", "articles": 2, "sentences": 1} in rows
    assert main(["entities", str(lib.corpus), "--with", "Nobody Atall"]) == 2
    assert "no entity named" in capsys.readouterr().err


def test_cli_with_a_type_lists_that_type_mentioned_with_the_named_entity(
    lib: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    # --type picks what is listed: the places mentioned with the person, whose name
    # the heading gives (it looked for a place called Anna Lindqvist, and found none).
    code = main(["entities", str(lib.corpus), "--with", "Anna Lindqvist", "--type", "place"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "Places mentioned with Anna Lindqvist (person)" in out
    assert "Copenhagen" in out
    assert "Tomas Berger" not in out
    code = main(["entities", str(lib.corpus), "--with", "Berger", "--type", "org", "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert {json.loads(x)["type"] for x in out.splitlines()} == {"org"}


def test_cli_with_says_when_none_of_a_type_is_mentioned_with_the_entity(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_article(tmp_path / "n", "a.txt", "Visit", "Anna Lindqvist visited Stockholm on Monday.")
    code = main(["entities", str(tmp_path / "n"), "--with", "Anna Lindqvist", "--type", "org"])
    assert code == 1
    assert capsys.readouterr().err == (
        "dossier: no organisations mentioned with Anna Lindqvist (person)\n"
    )


def test_cli_with_a_type_before_the_name_picks_among_types(
    lib: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    # --type used to pick among names of several types; now it picks what is listed,
    # and a name is picked as a query names it.
    code = main(["entities", str(lib.corpus), "--with", "place:Stockholm", "--type", "person"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert out.startswith("People mentioned with Stockholm (place)\n")
    assert "Tomas Berger" in out
    code = main(["entities", str(lib.corpus), "--with", 'person:"Stockholm"'])
    assert code == 2
    assert "no entity named 'Stockholm'" in capsys.readouterr().err


def test_cli_tables_piped_have_no_trailing_spaces(
    lib: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    """`entities --with NAME | cat -A` showed every row padded with spaces to the width
    of its longest name (and `searches list` its last column), so `grep 'Berger$'`
    missed the row and a file kept the padding: a row ends where its text does."""
    assert main(["entities", str(lib.corpus), "--with", "Anna Lindqvist"]) == 0
    out = capsys.readouterr().out
    assert "Tomas Berger" in out and out.splitlines()[1].startswith("articles")
    assert [line for line in out.splitlines() if line != line.rstrip()] == []
    assert main(["searches", "add", "Talks", "Berger", "--corpus", str(lib.corpus)]) == 0
    assert main(["searches", "list", "--corpus", str(lib.corpus)]) == 0
    out = capsys.readouterr().out
    assert "Talks" in out and [line for line in out.splitlines() if line != line.rstrip()] == []
