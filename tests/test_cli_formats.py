"""The command line on web pages, exports and feeds: add, show, search, correct."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.web_server import WEB, free_port, serve
from tui.commands import main

EXPORTS = Path(__file__).parent / "fixtures" / "exports"


@pytest.fixture
def site() -> Iterator[str]:
    with serve() as (base, _requests):
        yield base


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_add_saves_prints_and_indexes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, site: str
) -> None:
    corpus = tmp_path / "story"  # made if it is not there yet
    code, out, err = run(
        capsys, "add", f"{site}/news/pier", f"{site}/de/bahn", "--corpus", str(corpus)
    )
    assert code == 0, err
    saved = [Path(line) for line in out.splitlines()]
    assert [p.name for p in saved] == [
        "storm-hit-pier-closed-for-the-winter.html",
        "bahnstrecke-nach-erlenbach-wird-zwei-monate-gesperrt.html",
    ]
    assert all(p.parent == corpus.resolve() and p.is_file() for p in saved)
    code, out, _ = run(capsys, "search", "divers", "--corpus", str(corpus), "--json")
    hit = json.loads(out.splitlines()[0])
    assert hit["title"] == "Storm-hit pier closed for the winter"
    assert (hit["format"], hit["language"]) == ("html", "en")  # the page's en-GB, as a code
    assert (
        hit["url"] == "https://www.porthaven-courier.example/news/2019/11/20/storm-hit-pier-closed"
    )
    code, out, _ = run(capsys, "show", hit["id"], "--corpus", str(corpus), "--json")
    shown = json.loads(out)
    assert shown["byline"] == "Mara Quinlan" and shown["format"] == "html"
    assert shown["corrected"] == [] and "Share on Facebook" not in shown["body"]


def test_add_errors_are_one_line_each_and_leave_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, site: str
) -> None:
    corpus = tmp_path / "story"
    corpus.mkdir()
    sources = [
        f"{site}/missing",
        f"{site}/report.pdf",
        f"{site}/huge",
        f"http://127.0.0.1:{free_port()}/gone",
        str(tmp_path / "no-such-file.txt"),
        f"{site}/news/pier",  # the one that works is still saved
    ]
    code, out, err = run(capsys, "add", *sources, "--corpus", str(corpus), "--timeout", "5")
    assert code == 2
    lines = err.splitlines()
    assert len([line for line in lines if not line.startswith("dossier: warning")]) == 5
    assert "404" in lines[0] and "not an HTML page" in lines[1] and "too big" in lines[2]
    assert "unreachable" in lines[3] and "no such file" in lines[4]
    assert sorted(os.listdir(corpus)) == ["storm-hit-pier-closed-for-the-winter.html"]
    assert out.strip().endswith("storm-hit-pier-closed-for-the-winter.html")


def test_add_without_corpus_uses_the_indexed_folder_it_is_in(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    site: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "add", f"{site}/news/pier")
    assert code == 2 and "--corpus PATH" in err and err.count("\n") == 1
    assert os.listdir(tmp_path) == []  # nothing saved in a folder that is no corpus
    story = tmp_path / "story"
    code, _, _ = run(capsys, "add", f"{site}/de/bahn", "--corpus", str(story))
    assert code == 0
    (story / "notes").mkdir()
    monkeypatch.chdir(story / "notes")
    code, out, err = run(capsys, "add", f"{site}/news/pier")
    assert code == 0, err
    assert Path(out.strip()) == story.resolve() / "storm-hit-pier-closed-for-the-winter.html"


def test_add_copies_files_in(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    corpus = tmp_path / "story"
    corpus.mkdir()
    code, out, err = run(
        capsys,
        "add",
        str(WEB / "marche-couvert.html"),
        str(EXPORTS / "county.rss"),
        str(tmp_path),
        "--corpus",
        str(corpus),
    )
    assert code == 2 and "a folder, not a file" in err
    assert sorted(os.listdir(corpus)) == [
        "county.rss",
        "le-marche-couvert-rouvre-ses-portes-apres-deux-ans-de-travaux.html",
    ]
    code, out, _ = run(capsys, "search", "flood", "--corpus", str(corpus), "--json")
    assert json.loads(out.splitlines()[0])["format"] == "rss"


def test_show_and_search_on_records(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    corpus = tmp_path / "exports"
    corpus.mkdir()
    shutil.copy(EXPORTS / "clippings.jsonl", corpus)
    code, out, err = run(capsys, "index", str(corpus))
    assert code == 0 and "line 5: not valid JSON" in err  # a bad record: a warning line
    code, out, _ = run(capsys, "search", "ferry", "--corpus", str(corpus), "--json")
    hit = json.loads(out.splitlines()[0])
    assert hit["format"] == "jsonl" and hit["language"] == "en"
    assert hit["url"] == "https://islandnews.example/2020/01/14/ferry-timetable-cut"
    code, out, _ = run(capsys, "show", hit["id"], "--corpus", str(corpus))
    assert code == 0 and out.startswith("Ferry timetable cut") and "islandnews.example" in out
    code, out, err = run(capsys, "show", "clippings.jsonl", "--corpus", str(corpus))
    assert code == 2 and "holds 5 articles" in err


def test_correct(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    corpus = tmp_path / "news"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Sections\n\nThe council met to discuss the new bridge.\n")
    code, out, _ = run(capsys, "search", "bridge", "--corpus", str(corpus), "--json")
    doc = json.loads(out)["id"]
    code, out, err = run(
        capsys, "correct", doc, "--title", "Council weighs bridge", "--date", "3 May 2022",
        "--corpus", str(corpus), "--json",
    )  # fmt: skip
    assert code == 0, err
    assert json.loads(out) == {
        "id": doc,
        "path": "a.txt",
        "title": "Council weighs bridge",
        "date": "2022-05-03",
        "source": None,
        "byline": None,
        "corrected": ["date", "title"],
    }
    code, out, _ = run(capsys, "show", doc, "--corpus", str(corpus), "--json")
    assert json.loads(out)["title"] == "Council weighs bridge"
    code, out, _ = run(capsys, "search", "title:weighs", "--corpus", str(corpus), "--json")
    assert json.loads(out)["id"] == doc
    assert (corpus / "a.txt").read_text().startswith("Sections")
    code, out, err = run(capsys, "correct", doc, "--date", "someday", "--corpus", str(corpus))
    assert code == 2 and err.count("\n") == 1 and "not a date" in err
    code, out, _ = run(capsys, "correct", doc, "--reset", "--corpus", str(corpus))
    assert code == 0 and out.splitlines()[0] == "title   Sections"
