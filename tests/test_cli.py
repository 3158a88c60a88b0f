"""The command line: output, JSON shapes, exit codes, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import write_article
from tui.commands import main


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    write_article(
        folder,
        "a.txt",
        "Harbour talks",
        "Negotiators met in Valmora to discuss a ceasefire along the harbour.",
    )
    write_article(folder, "b.txt", "Grain prices", "Farmers said grain prices had collapsed.")
    return folder


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_search_json_has_the_documented_fields(capsys, corpus: Path) -> None:
    code, out, _ = run(capsys, "search", "ceasefire", "--corpus", str(corpus), "--json")
    assert code == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert len(lines) == 1
    hit = lines[0]
    for key in ("id", "path", "title", "source", "date", "score", "snippet", "matches"):
        assert key in hit
    code, out, _ = run(capsys, "show", hit["id"], "--corpus", str(corpus), "--json")
    body = json.loads(out)["body"]
    assert [body[a:b] for a, b in hit["matches"]] == ["ceasefire"]


def test_search_text_output_and_no_results(capsys, corpus: Path) -> None:
    code, out, _ = run(capsys, "search", "harbour", "--corpus", str(corpus))
    assert code == 0 and "Harbour talks" in out
    # Nothing found is a message, on stderr (as grep: stdout has the results alone).
    code, out, err = run(capsys, "search", "volcano", "--corpus", str(corpus))
    assert code == 1 and out == "" and "no articles match" in err


def test_bad_query_is_exit_2_with_one_line(capsys, corpus: Path) -> None:
    code, out, err = run(capsys, "search", '"unclosed', "--corpus", str(corpus))
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("dossier: unclosed quote")


def test_show_by_path_raw_and_json(capsys, corpus: Path) -> None:
    code, out, _ = run(capsys, "show", str(corpus / "b.txt"), "--corpus", str(corpus), "--json")
    data = json.loads(out)
    assert code == 0
    assert set(data) >= {"id", "path", "title", "source", "date", "byline", "body"}
    assert data["title"] == "Grain prices"
    code, out, _ = run(capsys, "show", "b.txt", "--corpus", str(corpus), "--raw")
    assert out.startswith("Grain prices\n\nFarmers")


def test_show_unknown_article(capsys, corpus: Path) -> None:
    code, _, err = run(capsys, "show", "nope", "--corpus", str(corpus))
    assert code == 2 and "no article 'nope'" in err


def test_index_then_up_to_date(capsys, corpus: Path) -> None:
    code, out, _ = run(capsys, "index", str(corpus))
    assert code == 0 and "2 added" in out
    code, out, _ = run(capsys, "index", str(corpus))
    assert "up to date" in out


def test_paths_json(capsys, corpus: Path, hermetic_dirs: Path) -> None:
    code, out, _ = run(capsys, "paths", str(corpus), "--json")
    data = json.loads(out)
    assert Path(data["index"]).is_relative_to(hermetic_dirs)
    assert data["bookmarks"].endswith(".sqlite3")
    assert not Path(data["index"]).exists()  # printing paths creates nothing
    # where the entity corrections the app makes are saved (its toasts name only the file)
    assert data["entities_file"] == str(Path(data["config"]) / "entities.yaml")


def test_index_dir_flag(capsys, corpus: Path, tmp_path: Path) -> None:
    target = tmp_path / "my-index"
    run(capsys, "index", str(corpus), "--index-dir", str(target))
    assert any(target.glob("*.toc"))


def test_errors_never_show_a_traceback(tmp_path: Path) -> None:
    for args in (
        ["search", "x", "--corpus", str(tmp_path / "missing")],
        [str(tmp_path / "missing")],
    ):
        proc = subprocess.run(
            [sys.executable, "-m", "tui", *args],
            capture_output=True,
            text=True,
            env={"DOSSIER_HOME": str(tmp_path / "h"), "PATH": "/usr/bin:/bin"},
        )
        assert proc.returncode == 2
        assert "Traceback" not in proc.stderr
        assert proc.stderr.count("\n") == 1, proc.stderr


def test_bad_usage_is_exit_2(capsys) -> None:
    with pytest.raises(SystemExit) as info:
        main(["search"])
    assert info.value.code == 2


def test_default_corpus_is_the_bundled_seeds(capsys) -> None:
    code, out, _ = run(capsys, "search", "Lavrov", "--json")
    assert code == 0
    assert len(out.splitlines()) >= 3


def test_a_search_that_finds_the_index_damaged_rebuilds_it_and_answers(
    capsys, corpus: Path
) -> None:
    import os

    from tui.library import Library

    assert run(capsys, "index", str(corpus))[0] == 0
    (postings,) = Library.open(corpus).paths.index.glob("*.pst")
    st = postings.stat()
    postings.write_bytes(os.urandom(st.st_size))
    os.utime(postings, ns=(st.st_atime_ns, st.st_mtime_ns))
    code, out, err = run(capsys, "search", "ceasefire", "--corpus", str(corpus))
    assert code == 0 and "Harbour talks" in out
    assert "the search index is damaged" in err and "rebuilding it" in err
    assert "Traceback" not in err


def test_index_counts_are_in_words_with_plurals(capsys, corpus: Path) -> None:
    (corpus / "blank.txt").write_text("")
    code, out, err = run(capsys, "index", str(corpus))
    assert code == 0 and "2 articles" in out and "; 1 file skipped" in out
    assert "blank.txt" in err
    code, out, err = run(capsys, "index", str(corpus))
    assert "up to date: 2 articles; 1 file skipped" in out and err == ""


def test_index_counts_every_file_it_skipped_links_and_pipes_too(capsys, corpus: Path) -> None:
    """A folder with a binary file, a broken link and a pipe: index printed three
    warnings and then "1 file skipped as unreadable" (only the binary file counted,
    and it was read, then refused). It counts the three, and says skipped."""
    import os

    (corpus / "photo.txt").write_bytes(bytes(range(256)) * 40)
    (corpus / "gone.txt").symlink_to(corpus / "nowhere.txt")
    os.mkfifo(corpus / "pipe.txt")
    code, out, err = run(capsys, "index", str(corpus))
    assert code == 0 and "; 3 files skipped" in out, out
    assert "unreadable" not in out
    assert all(name in err for name in ("photo.txt", "gone.txt", "pipe.txt")), err
    assert "gone.txt: a broken link" in err, err
    # A broken link to outside the folder is said to be broken, not to be outside.
    (corpus / "far.txt").symlink_to(corpus.parent / "elsewhere" / "none.txt")
    code, out, err = run(capsys, "index", str(corpus))
    assert "far.txt: a broken link (to " in err and "outside" not in err, err
    (corpus / "far.txt").unlink()
    code, out, err = run(capsys, "index", str(corpus))
    assert "up to date" in out and "; 3 files skipped" in out, out


def test_show_to_a_pipe_is_not_rewrapped_and_raw_is_the_file(capsys, corpus: Path) -> None:
    long_paragraph = " ".join(["The harbour talks went on through the night."] * 8)
    write_article(corpus, "long.txt", "A long night", long_paragraph)
    code, out, _ = run(capsys, "show", "long.txt", "--corpus", str(corpus))
    assert code == 0 and long_paragraph in out.splitlines()
    code, out, _ = run(capsys, "show", "long.txt", "--corpus", str(corpus), "--raw")
    assert out == (corpus / "long.txt").read_text(encoding="utf-8")


def test_a_file_that_is_not_clean_utf8_is_indexed_with_one_warning(capsys, corpus: Path) -> None:
    good = "Café crème in Zürich, the naïve délégation said. ".encode() * 3
    (corpus / "broken.txt").write_bytes(b"Broken bytes\n\n" + good + b"One stray \xff byte.\n")
    (corpus / "latin.txt").write_bytes("Prices\n\nIt cost £300 in München.\n".encode("latin-1"))
    code, _, err = run(capsys, "index", str(corpus))
    assert code == 0
    assert "broken.txt: 1 byte of broken UTF-8 shown as �" in err
    assert "latin.txt: not UTF-8: read as Windows-1252" in err
    code, out, _ = run(capsys, "show", "broken.txt", "--corpus", str(corpus), "--json")
    assert "Café crème in Zürich" in json.loads(out)["body"]  # not read as Windows-1252
    code, _, err = run(capsys, "index", str(corpus))
    assert err == ""  # said once, when the file was indexed


def test_search_output_shows_escape_sequences_instead_of_sending_them(capsys, corpus: Path) -> None:
    write_article(
        corpus, "esc.txt", "Title \x1b[31mRED\x1b[0m \x1b]0;pwned\x07", "A ceasefire \x07 here."
    )
    code, out, _ = run(capsys, "search", "ceasefire", "--corpus", str(corpus))
    assert code == 0 and "\x1b" not in out and "\x07" not in out
    assert "␛[31mRED" in out


def test_a_reader_that_stops_early_is_not_an_error(corpus: Path) -> None:
    for n in range(150):
        write_article(corpus, f"many/{n}.txt", f"Harbour story {n}", "The harbour " * 60)
    args = [sys.executable, "-m", "tui", "search", "harbour", "--corpus", str(corpus)]
    subprocess.run([*args, "--limit", "1"], capture_output=True, check=True)  # index first
    proc = subprocess.Popen(
        [*args, "--limit", "150"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()
    assert proc.wait(timeout=60) == 0
    assert proc.stderr.read() == b""


def test_limit_means_the_same_in_entities_and_search(capsys, corpus: Path) -> None:
    """`entities --limit 0` listed every entity while `search --limit 0` was refused: a
    limit is 1 or more in both, left out for the default (every entity, 20 hits)."""
    for command in (["entities"], ["search", "ceasefire"], ["entities", "--with", "Valmora"]):
        for bad, why in (("0", "must be 1 or more, not 0"), ("-3", "must be 1 or more, not -3")):
            with pytest.raises(SystemExit) as info:
                main([*command, str(corpus), "--limit", bad])
            assert info.value.code == 2
            err = capsys.readouterr().err
            assert err == f"dossier: error: argument --limit: {why}\n", (command, err)
    write_article(corpus, "c.txt", "Visit", "Marta Quellen flew to Geneva and then to Valmora.")
    code, out, _ = run(capsys, "entities", str(corpus), "--limit", "1", "--json")
    assert code == 0 and len(out.splitlines()) == 1
    code, every, _ = run(capsys, "entities", str(corpus), "--json")
    assert code == 0 and len(every.splitlines()) > 1  # left out: all of them


def test_the_entities_table_has_a_row_for_each_entity(
    capsys, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    write_article(corpus, "c.txt", "Visit", "Marta Quellen flew to Geneva and then to Valmora.")
    code, every, _ = run(capsys, "entities", str(corpus), "--json")
    names = [json.loads(line)["name"] for line in every.splitlines()]
    code, out, _ = run(capsys, "entities", str(corpus))
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["articles", "mentions", "type", "name", "also", "written"]
    name_at = lines[0].index("name")
    assert [line[name_at:].split("  ")[0] for line in lines[1:]] == names
    assert all(len(line) <= 100 and line == line.rstrip() for line in lines)


def test_the_entities_table_wraps_long_cells_and_shows_markup_as_text() -> None:
    import io

    from rich.console import Console

    from tui.commands.entities import _table_lines

    rows = [
        ("12", "30", "org", "[b]Harbour Board[/b]", "HB, the Board, Harbour Authority"),
        ("3", "4", "person", "Marta Quellen", ""),
    ]
    out = io.StringIO()
    console = Console(file=out, width=60, color_system=None)
    for batch in _table_lines(rows, 60):
        console.print(batch, soft_wrap=True)
    lines = out.getvalue().splitlines()
    assert all(len(line) <= 60 for line in lines), lines
    assert lines[1].split()[:4] == ["12", "30", "org", "[b]Harbour"]  # literal, not a style
    also = lines[0].index("also")
    text = " ".join(line[also:].strip() for line in lines[1:-1])
    assert text == "HB, the Board, Harbour Authority"  # wrapped, every word kept
    assert lines[-1].split() == ["3", "4", "person", "Marta", "Quellen"]


def test_bookmarks_and_searches_take_the_corpus_before_their_action(
    capsys, corpus: Path, tmp_path: Path
) -> None:
    """`dossier bookmarks --corpus X list` was refused ("invalid choice: X")."""
    other = tmp_path / "other"
    write_article(other, "z.txt", "Elsewhere", "Nothing about any harbour here.")
    quote = "discuss a ceasefire"
    code, _, err = run(
        capsys, "bookmarks", "--corpus", str(corpus), "add", "a.txt", "--quote", quote
    )
    assert code == 0, err
    code, before, _ = run(capsys, "bookmarks", "--corpus", str(corpus), "list", "--json")
    code2, after, _ = run(capsys, "bookmarks", "list", "--corpus", str(corpus), "--json")
    assert code == code2 == 0 and before == after and quote in before
    # the action's own option wins over the group's
    code, out, _ = run(capsys, "bookmarks", "--corpus", str(corpus), "list", "--corpus", str(other))
    assert code == 1 and quote not in out
    code, _, _ = run(capsys, "searches", "--corpus", str(corpus), "add", "talks", "ceasefire")
    assert code == 0
    code, out, _ = run(capsys, "searches", "list", "--corpus", str(corpus), "--json")
    assert code == 0 and "talks" in out


def test_search_in_an_empty_folder_says_it_has_no_articles(capsys, tmp_path: Path) -> None:
    """It said "no articles match 'harbour'", as if another query might: the folder has
    no article at all. One line, and the exit code of a search that found nothing."""
    folder = tmp_path / "empty"
    (folder / "sub").mkdir(parents=True)
    code, out, err = run(capsys, "search", "harbour", "--corpus", str(folder))
    assert code == 1, (out, err)
    assert (
        out == "" and err == f"dossier: no articles to search in {folder} (nor in its subfolders)\n"
    )
    assert "match" not in err
    code, out, _ = run(capsys, "search", "harbour", "--corpus", str(folder), "--json")
    assert code == 1 and out == ""
    write_article(folder, "sub/a.txt", "Harbour talks", "Talks on the harbour resumed.")
    code, out, err = run(capsys, "search", "volcano", "--corpus", str(folder))
    assert code == 1 and out == "" and err.endswith("dossier: no articles match 'volcano'\n")
