"""`dossier show ID` on a folder unchanged since the last update opens the article
from the entries kept beside the index, without reading the folder; the output is
the same as after a full read (the learned boilerplate of its folder applied)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import write_article
from tests.test_derived import settle
from tests.test_library_boilerplate import PUBLISHER, site_article
from tui.commands import main
from tui.library import Library, derived
from tui.library.catalog import Catalog


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    for n in range(4):
        site_article(folder, n)
    write_article(folder, "other.txt", "Elsewhere", "A story from another town.")
    settle(folder)
    assert main(["index", str(folder), "--quiet"]) == 0
    return folder


def _id_of(corpus: Path, relpath: str) -> str:
    lib = Library.open(corpus)
    lib.scan()
    return lib.catalog.state.entries[relpath].id


def _show(capsys: pytest.CaptureFixture[str], corpus: Path, *args: str) -> str:
    capsys.readouterr()
    assert main(["show", "--corpus", str(corpus), *args]) == 0
    return capsys.readouterr().out


def _scans(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    scan = Catalog.scan

    def counted(self: Catalog) -> object:
        calls.append("scan")
        return scan(self)

    monkeypatch.setattr(Catalog, "scan", counted)
    return calls


def test_show_on_an_unchanged_folder_reads_no_folder_and_prints_the_same(
    capsys: pytest.CaptureFixture[str], corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc_id = _id_of(corpus, "harbour/story-1.txt")
    with monkeypatch.context() as patched:
        patched.setattr(Library, "prime_article", lambda self, ref: False)
        full = [_show(capsys, corpus, doc_id), _show(capsys, corpus, doc_id, "--json")]
    assert PUBLISHER not in full[1]  # cleaned with the folder's learned lines
    scans = _scans(monkeypatch)
    quick = [_show(capsys, corpus, doc_id), _show(capsys, corpus, doc_id, "--json")]
    assert scans == []
    assert quick == full
    # Without the head (or a group the head does not have) the learned lines come
    # from the metadata: still the same.
    for path in corpus.parent.rglob(derived.HEAD_NAME):
        path.unlink()
    assert _show(capsys, corpus, doc_id, "--json") == full[1]
    assert scans == []
    assert json.loads(full[1])["path"] == "harbour/story-1.txt"


def test_show_after_a_change_reads_the_folder(
    capsys: pytest.CaptureFixture[str], corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc_id = _id_of(corpus, "other.txt")
    write_article(corpus, "new.txt", "New", "A file added since the update.")
    scans = _scans(monkeypatch)
    out = _show(capsys, corpus, doc_id, "--json")
    assert json.loads(out)["title"] == "Elsewhere"
    assert scans == ["scan"]  # the stamp no longer says unchanged: the folder is read
    # A path is looked up in the folder as before.
    assert json.loads(_show(capsys, corpus, "other.txt", "--json"))["id"] == doc_id


def test_show_by_path_on_an_unchanged_folder_reads_no_folder(
    capsys: pytest.CaptureFixture[str], corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc_id = _id_of(corpus, "harbour/story-1.txt")
    full = _show(capsys, corpus, doc_id, "--json")
    scans = _scans(monkeypatch)
    absolute = str(corpus / "harbour" / "story-1.txt")
    monkeypatch.chdir(corpus / "harbour")
    for ref in ("harbour/story-1.txt", absolute, "story-1.txt"):
        assert _show(capsys, corpus, ref, "--json") == full, ref
    assert scans == []
    # A path that names no article of the index is read the long way, and refused.
    capsys.readouterr()
    assert main(["show", "--corpus", str(corpus), "harbour/nothing.txt"]) != 0
    assert scans == ["scan"]
