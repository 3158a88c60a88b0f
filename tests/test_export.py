"""Taking results out: Markdown, CSV and JSON with citations; files never clobbered."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path

import pytest

from tests.conftest import write_article
from tui.commands import main
from tui.export import Cited, citation, format_of, quoted, render

ITEMS = [
    Cited("a1", "Talks resume", "Reuters", "2016-02-01", "news/a.txt", None, "Line one\nline two"),
    Cited("b2", "=SUM(A1)", None, None, "news/b.html", "https://example.org/b", "[bold]x", "note"),
]


def test_markdown_cites_title_outlet_date_and_where() -> None:
    text = render(ITEMS, "md", "Search: talks")
    assert text.startswith("# Search: talks\n")
    assert "## 1. Talks resume" in text
    assert "> Line one\n> line two" in text
    assert "— Reuters, 2016-02-01. `news/a.txt`" in text
    assert "<https://example.org/b>" in text  # an address before a path
    assert "[bold]x" in text  # article text is data


def test_csv_and_json() -> None:
    rows = list(csv.DictReader(io.StringIO(render(ITEMS, "csv"))))
    assert rows[0]["title"] == "Talks resume" and rows[0]["source"] == "Reuters"
    assert rows[1]["title"] == "'=SUM(A1)"  # a spreadsheet does not run it
    data = json.loads(render(ITEMS, "json"))
    assert data[1]["url"] == "https://example.org/b" and data[0]["text"] == "Line one\nline two"


def test_format_from_the_suffix() -> None:
    assert format_of("out.CSV") == "csv"
    assert format_of("out.json") == "json"
    assert format_of("notes") == "md"
    assert format_of("x.csv", "json") == "json"
    with pytest.raises(ValueError):
        format_of("x", "pdf")


def test_citation_and_quote() -> None:
    assert citation(ITEMS[0]) == "Talks resume, Reuters, 2016-02-01. news/a.txt"
    by = replace(ITEMS[0], byline="Jana Rowe, Tom Okafor")
    assert citation(by) == "Talks resume, by Jana Rowe, Tom Okafor, Reuters, 2016-02-01. news/a.txt"
    assert "\n\n— by Jana Rowe, Tom Okafor, Reuters, 2016-02-01. `news/a.txt`" in render([by], "md")
    assert "Jana Rowe" not in render([by], "csv")  # the columns stay as they were
    assert quoted("a  b\nc", ITEMS[1]) == "\u201ca b c\u201d \u2014 =SUM(A1). https://example.org/b"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    quote = "we will not accept any deal that leaves our families without water this winter"
    write_article(folder, "a.txt", "Flood talks", f"The mayor said {quote} on Monday.")
    write_article(folder, "b.txt", "Mayor speaks", f"Speaking later: {quote}.")
    return folder


def test_cli_export_asks_for_force(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "hits.md"
    assert main(["search", "mayor", "--corpus", str(corpus), "--export", str(out)]) == 0
    assert "## 1." in out.read_text()
    out.write_text("mine")
    assert main(["search", "mayor", "--corpus", str(corpus), "--export", str(out)]) == 2
    assert "--force" in capsys.readouterr().err
    assert out.read_text() == "mine"  # untouched
    args = ["search", "mayor", "--corpus", str(corpus), "--export", str(out), "--force"]
    assert main(args) == 0
    assert "## 1." in out.read_text()
    link = tmp_path / "link.md"
    link.symlink_to(out)
    args = ["search", "mayor", "--corpus", str(corpus), "--export", str(link), "--force"]
    assert main(args) == 2  # not a regular file
    assert "not a regular file" in capsys.readouterr().err


def test_cli_export_refuses_a_name_that_picks_no_format(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # hits.pdf got Markdown (then a note that it had): a file no program that opens
    # a .pdf can read. The name is refused, in one line naming the formats.
    args = ["search", "mayor", "--corpus", str(corpus), "--export"]
    for name in ("hits.pdf", "hits"):
        assert main([*args, str(tmp_path / name)]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "Markdown (.md), CSV (.csv) or JSON (.json)" in err
        assert "--format md|csv|json" in err
        assert not (tmp_path / name).exists()
    for name, extra in (("hits.csv", []), ("hits.txt", []), ("hits.out", ["--format", "json"])):
        assert main([*args, str(tmp_path / name), *extra]) == 0
        assert "as Markdown" not in capsys.readouterr().err
    assert json.loads((tmp_path / "hits.out").read_text())


def test_cli_export_of_a_search_says_when_limit_left_matches_out(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``search --export`` writes ``--limit`` hits (20 by default): of 180 matches, 20
    were written and the line said "wrote 20 items", as though that were all of them."""
    args = ["search", "mayor", "--corpus", str(corpus), "--export", str(tmp_path / "x.md")]
    assert main([*args, "--limit", "1"]) == 0
    err = capsys.readouterr().err
    assert "wrote 1 item to" in err
    assert "(the first 1 of 2: --limit 2 writes them all)" in err
    assert main([*args, "--limit", "2", "--force"]) == 0
    assert "the first" not in capsys.readouterr().err


def test_cli_exports_shared_passages(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "passages.json"
    assert main(["passages", "a.txt", "--corpus", str(corpus), "--export", str(out)]) == 0
    data = json.loads(out.read_text())
    assert [d["path"] for d in data] == ["a.txt", "b.txt"]
    assert "we will not accept" in data[1]["text"]
    top = tmp_path / "top.csv"
    args = ["passages", "--corpus", str(corpus), "--top", "5", "--export", str(top)]
    assert main(args) == 0
    rows = list(csv.DictReader(io.StringIO(top.read_text())))
    assert rows and rows[0]["note"] == "2 articles"


def test_an_entitys_articles_each_once_with_the_sentences_naming_it() -> None:
    from tui.export import occurrences_items
    from tui.library import ArticleSummary
    from tui.library.models import EntityOccurrence

    a = ArticleSummary("a1", "news/a.txt", "Talks", "AFP", "2016-02-11", None)
    b = ArticleSummary("b2", "news/b.html", "Truce", None, None, None, "html", "https://x.org/b")
    said = "Kerry met  Lavrov."
    occurrences = [
        EntityOccurrence(a, 0, 5, said, 0),
        EntityOccurrence(b, 10, 15, "Kerry left.", 10),
        EntityOccurrence(a, 6, 9, said, 0),  # the same sentence again: once
        EntityOccurrence(a, 40, 45, "Then Kerry spoke.", 30),
    ]
    items = occurrences_items("John Kerry", occurrences)
    assert [i.id for i in items] == ["a1", "b2"]
    assert items[0].text == "Kerry met Lavrov.\nThen Kerry spoke."
    assert items[0].note == "2 sentences naming John Kerry"
    assert items[1].url == "https://x.org/b" and items[1].note == "1 sentence naming John Kerry"
    text = render(items, "md", "Articles that mention John Kerry")
    assert "> Kerry met Lavrov.\n> Then Kerry spoke." in text
    assert "— AFP, 2016-02-11. `news/a.txt`" in text and "<https://x.org/b>" in text


def test_shared_passages_read_as_passages_each_title_once() -> None:
    # Each other article's title stood as its heading and again right under it ("the
    # same passage, in <title>"), and the exported article's title headed every passage.
    from dataclasses import replace

    from tui.export import passages_items
    from tui.library.passages import Copy, Passage

    own = Cited("a1", "Flood talks", "Reuters", "2016-02-01", "news/a.txt")
    water = "we will not accept any deal that leaves our families without water"
    copies = (
        Copy("b2", "news/b.txt", "Mayor speaks", "AP", "2016-02-02", None, 0, 9, f"{water}."),
        Copy("c3", "news/c.txt", "Winter plan", None, None, "https://x.org/c", 5, 9, water),
    )
    river = "the river rose two metres overnight and reached the old bridge"
    passages = [
        Passage(9, 80, f"{water}.", copies),
        Passage(90, 150, f"{river}.", (replace(copies[1], start=40, end=99, text=river),)),
    ]
    items = passages_items(own, passages)
    assert [(i.id, i.note) for i in items] == [
        ("a1", "passage 1: also in 2 other articles"),
        ("b2", "shares passage 1"),
        ("c3", "shares passage 1"),
        ("a1", "passage 2: also in 1 other article"),
        ("c3", "shares passage 2"),
    ]
    text = render(items, "md", "Shared passages of Flood talks")
    assert text == (
        "# Shared passages of Flood talks\n\n"
        "## Passage 1: also in 2 other articles\n\n"
        f"> {water}.\n\n— Reuters, 2016-02-01. `news/a.txt`\n\n"
        f"### Mayor speaks\n\n> {water}.\n\n— AP, 2016-02-02. `news/b.txt`\n\n"
        f"### Winter plan\n\n> {water}\n\n— <https://x.org/c>\n\n"
        "## Passage 2: also in 1 other article\n\n"
        f"> {river}.\n\n— Reuters, 2016-02-01. `news/a.txt`\n\n"
        f"### Winter plan\n\n> {river}\n\n— <https://x.org/c>\n"
    )
    for title in ("Flood talks", "Mayor speaks"):
        assert text.count(title) == 1
    # CSV and JSON keep their columns and keys; the note says the passage.
    data = json.loads(render(items, "json"))
    assert list(data[1]) == ["id", "title", "source", "date", "path", "url", "text", "note"]
    assert data[4]["title"] == "Winter plan" and data[4]["note"] == "shares passage 2"
    rows = list(csv.DictReader(io.StringIO(render(items, "csv"))))
    assert [r["note"] for r in rows][:2] == [
        "passage 1: also in 2 other articles",
        "shares passage 1",
    ]
