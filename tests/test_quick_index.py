"""``dossier index`` on an unchanged folder answers from the freshness stamp, without
the library or Whoosh (tui.commands.quick), and says exactly what the usual path says;
any change, in place or not, still goes the usual way."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import cli_in_subprocess, write_article
from tests.test_derived import settle
from tui.commands import main, quick


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    write_article(folder, "a.txt", "Talks", "Foreign Minister Anna Lindqvist met reporters.")
    write_article(folder, "sub/b.txt", "Later", "On Tuesday, Lindqvist said the talks would go on.")
    write_article(folder, "c.txt", "Weather", "The weather was fine all week in the harbour.")
    settle(folder)
    return folder


def test_an_unchanged_folder_is_answered_without_whoosh_or_the_library(corpus: Path) -> None:
    assert main(["index", str(corpus), "--quiet"]) == 0
    output, modules = cli_in_subprocess("index", str(corpus))
    assert output.strip() == f"index of {corpus.resolve()} is up to date: 3 articles"
    heavy = {m for m in modules if m.split(".")[0] == "whoosh"}
    heavy |= {m for m in modules if m.startswith(("tui.library", "tui.index", "numpy"))}
    assert not heavy, sorted(heavy)


def test_it_says_what_the_usual_path_says(
    corpus: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["index", str(corpus), "--quiet"]) == 0
    capsys.readouterr()
    assert quick.index_unchanged([str(corpus)]) == 0
    quick_out = capsys.readouterr().out
    assert quick.index_unchanged(["--corpus", str(corpus), "-q"]) == 0
    assert capsys.readouterr().out == ""
    monkeypatch.setattr(quick, "index_unchanged", lambda argv: None)
    assert main(["index", str(corpus)]) == 0
    assert capsys.readouterr().out == quick_out


@pytest.mark.parametrize("change", ["add", "remove", "rename", "edit in place", "config"])
def test_any_change_goes_the_usual_way(
    corpus: Path, capsys: pytest.CaptureFixture[str], change: str
) -> None:
    from tui.paths import config_dir

    assert main(["index", str(corpus), "--quiet"]) == 0
    assert quick.index_unchanged([str(corpus), "-q"]) == 0
    if change == "add":
        write_article(corpus, "sub/d.txt", "New", "Snow fell on the quay.")
    elif change == "remove":
        (corpus / "sub" / "b.txt").unlink()
    elif change == "rename":
        (corpus / "c.txt").rename(corpus / "sub" / "c.txt")
    elif change == "edit in place":  # same size, the folder's time unchanged
        path = corpus / "c.txt"
        before = path.stat()
        path.write_text(path.read_text().replace("fine", "good"), encoding="utf-8")
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns + 1))
        settle(corpus)
    else:
        config_dir().mkdir(parents=True, exist_ok=True)
        (config_dir() / "entities.yaml").write_text("people: [Quay Master]\n", encoding="utf-8")
    assert quick.index_unchanged([str(corpus), "-q"]) is None
    capsys.readouterr()
    assert main(["index", str(corpus)]) == 0
    out = capsys.readouterr().out
    if change in ("add", "remove", "edit in place"):
        assert "indexed" in out, out
    if change == "edit in place":
        assert "1 changed" in out


@pytest.mark.parametrize(
    "argv",
    [
        ["--rebuild"],
        ["--help"],
        ["a", "b"],
        ["a", "--corpus", "b"],
        ["--corpus"],
        ["--quiet=1"],
        ["--corpus", "a", "--corpus", "b"],
        ["--json"],
    ],
)
def test_other_options_go_to_the_parser(argv: list[str]) -> None:
    assert quick.parse(argv) is None


def test_plain_options_are_read_as_the_parser_reads_them() -> None:
    assert quick.parse(["news", "-q"]) == {"corpus": "news", "quiet": True}
    assert quick.parse(["--corpus=news", "--data-dir", "d"]) == {"corpus": "news", "data_dir": "d"}
    assert quick.parse(["--", "-odd"]) == {"corpus": "-odd"}
    assert quick.parse([]) == {}


def test_a_folder_without_an_index_goes_the_usual_way(corpus: Path) -> None:
    assert quick.index_unchanged([str(corpus)]) is None
    assert quick.index_unchanged([str(corpus / "missing")]) is None


def test_a_change_is_indexed_after_one_look_at_the_folder(
    corpus: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui.articles
    import tui.library.catalog

    assert main(["index", str(corpus), "--quiet"]) == 0
    looks: list[Path] = []
    original = tui.articles.stat_article_files

    def counted(folder: Path, *args: object, **kwargs: object) -> dict[str, tuple[int, int]]:
        looks.append(folder)
        return original(folder, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(tui.articles, "stat_article_files", counted)
    monkeypatch.setattr(tui.library.catalog, "stat_article_files", counted)
    write_article(corpus, "sub/d.txt", "New", "Snow fell on the quay.")
    capsys.readouterr()
    assert main(["index", str(corpus)]) == 0
    assert "(1 added, 0 changed, 0 removed)" in capsys.readouterr().out
    assert len(looks) == 1  # the quick check's look is the update's
    looks.clear()
    assert main(["index", str(corpus)]) == 0  # and the stamp it left is good
    assert capsys.readouterr().out.strip().endswith("is up to date: 4 articles")
