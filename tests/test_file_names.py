"""Files as they come: names that are not UTF-8, newlines in names, odd encodings."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import write_article
from tui.articles import ArticleError, text_of
from tui.commands import main
from tui.library import Library

LATIN1_NAME = os.fsdecode(b"caf\xe9.txt")  # a name from a Windows zip: not UTF-8


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    write_article(folder, "b.txt", "Grain", "Farmers said grain prices had collapsed.")
    (folder / LATIN1_NAME).write_bytes(b"Cafe talks\n\nThe ceasefire held in the cafe.\n")
    sub = folder / os.fsdecode(b"r\xe9sum\xe9s")
    sub.mkdir()
    (sub / "c.txt").write_bytes(b"Summary\n\nA ceasefire summary.\n")
    return folder


def test_a_name_that_is_not_utf8_indexes_like_any_other(corpus: Path, capsys) -> None:
    lib = Library.open(corpus)
    report = lib.update_index(workers=1)
    assert report.added == 3 and report.warnings == ()
    hits = lib.search("ceasefire").hits
    assert len(hits) == 2
    assert main(["search", "ceasefire", "--corpus", str(corpus)]) == 0
    out, err = capsys.readouterr()
    assert "café.txt" in out and "résumés/c.txt" in out and not err
    assert main(["search", "ceasefire", "--corpus", str(corpus), "--json"]) == 0
    paths = {json.loads(line)["path"] for line in capsys.readouterr().out.splitlines()}
    assert paths == {"café.txt", "résumés/c.txt"}
    cafe = next(h for h in hits if h.path.startswith("caf"))
    assert main(["show", cafe.id, "--corpus", str(corpus)]) == 0
    assert "ceasefire held" in capsys.readouterr().out
    assert Library.open(corpus).update_index(workers=1).touched == 0  # and stays indexed


def test_bookmarks_of_such_a_file(corpus: Path, capsys) -> None:
    lib = Library.open(corpus)
    lib.update_index(workers=1)
    cafe = next(a for a in lib.articles() if a.path.startswith("caf"))
    b = lib.bookmarks.add_quote(lib.article(cafe.id), "ceasefire held")
    assert b.article_path == "café.txt"
    assert main(["bookmarks", "list", "--corpus", str(corpus)]) == 0
    assert "ceasefire held" in capsys.readouterr().out
    lib.reanchor_bookmarks()
    assert lib.bookmarks.get(b.id).status == "anchored"


def test_a_newline_in_a_file_name_keeps_search_output_one_line_a_field(tmp_path, capsys):
    folder = tmp_path / "news"
    write_article(folder, "two\nlines.txt", "Harbour", "The ceasefire held.")
    assert main(["search", "ceasefire", "--corpus", str(folder)]) == 0
    out = capsys.readouterr().out
    (meta,) = [line for line in out.splitlines() if "lines.txt" in line]
    assert "two" in meta  # the name is on the line with its id, not broken across two
    assert main(["search", "ceasefire", "--corpus", str(folder), "--json"]) == 0
    (hit,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert hit["path"] == "two\nlines.txt"


def test_utf32_is_read_as_utf32() -> None:
    text = "Wide title\n\nThe ceasefire in Zürich held.\n"
    for encoding in ("utf-32", "utf-32-le", "utf-32-be"):
        data = text.encode(encoding)
        if encoding != "utf-32":  # a byte-order mark, as editors write it
            data = ("\ufeff" + text).encode(encoding)
        decoded, _ = text_of(data)
        assert decoded.lstrip("\ufeff") == text, encoding


def test_a_small_file_with_a_few_control_bytes_is_text() -> None:
    data = b"Short note\n\nThe vote\x0b was close\x1f and \x01 quick.\n"
    decoded, _ = text_of(data)
    assert "vote" in decoded
    with pytest.raises(ArticleError, match="not a text file"):
        text_of(bytes(range(256)) * 4)


def test_a_title_from_a_file_name_is_its_path_stem() -> None:
    """An article without a title is named by its file's stem, worked out from the
    string as Path(name).stem gives it: every path of up to six characters of
    'a', 'b', '.', '/' (dots, hidden files, empty parts, trailing slashes), and names
    that are not UTF-8."""
    import itertools

    from tui.articles import _stem
    from tui.text import decoded_name

    paths = ["".join(p) for n in range(1, 7) for p in itertools.product("ab./", repeat=n)]
    paths += ["news/2016/é.report.txt", "x/\udcff\udcfe.md", "a\\b.txt", "/abs/c.tar.gz"]
    for path in paths:
        assert _stem(path) == Path(decoded_name(path)).stem, path
    assert _stem("world/001.txt") == "001" and _stem("notes/.hidden") == ".hidden"
