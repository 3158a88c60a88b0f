"""After a release that cleans every article otherwise (a new cleaner), or whose
recogniser may find other names in any of them, the index is built anew, beside the old
one, which answers (names and all) until one commit puts the new one in place: in one
pass, names too. Updated in place, every document was deleted by id and the old
segments merged away; a new recogniser prepared every article to compare its names,
then again those that differed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import tui.cleaning.rules
import tui.ner.recognizer
from tests.conftest import write_article
from tui import freshness
from tui.index import SearchIndex
from tui.library import Library, UpdateReport, derived
from tui.library.prepare import fingerprints

PEOPLE = ["Anna Lindqvist", "Tomas Berglund", "Maria Eklund", "Johan Sandberg"]


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    for n, person in enumerate(PEOPLE):
        write_article(
            folder,
            f"{n}.txt",
            f"Harbour council meets on day {n}",
            f"{person} spoke in Oslo about the ferry timetable on day {n}.",
            f"The board said {person} would report again next month.",
        )
    lib = Library.open(folder)
    lib.update_index(workers=1)
    lib.close()
    return folder


def _release(monkeypatch: pytest.MonkeyPatch) -> None:
    """Dossier's own files changed (what is kept beside the index is worked out again)."""
    freshness.code_stamp.cache_clear()
    monkeypatch.setattr(freshness, "code_stamp", lambda: "a later release")
    monkeypatch.setattr(derived, "code_stamp", lambda: "a later release")


def _ids(lib: Library) -> dict[str, str]:
    return {a.path: a.id for a in lib.articles()}


def _rebuilt_after(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[UpdateReport, list[tuple[bool, bool]], Library]:
    """The update's report, each write's (fresh, with names), the library."""
    lib = Library.open(folder)
    writes: list[tuple[bool, bool]] = []
    write = SearchIndex.write

    def noted(self: SearchIndex, **kwargs: Any) -> Any:
        writes.append((kwargs.get("fresh", False), kwargs.get("names", True)))
        return write(self, **kwargs)

    monkeypatch.setattr(SearchIndex, "write", noted)
    said: list[UpdateReport] = []
    report = lib.update_index(workers=1, searchable=said.append)
    assert not said  # no phase without the names: the old index answered meanwhile
    return report, writes, lib


def test_a_new_cleaner_builds_the_index_anew(
    tmp_path: Path, hermetic_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(tmp_path)
    before = _ids(Library.open(folder))
    _release(monkeypatch)
    monkeypatch.setattr(tui.cleaning.rules, "CLEANER_VERSION", "a later cleaner")
    report, writes, lib = _rebuilt_after(folder, monkeypatch)
    # The fresh build's path, in one pass: names and all.
    assert writes == [(True, True)]
    # Every article is said to have changed (none was added): each keeps its id.
    assert (report.added, report.changed, report.removed) == (0, len(PEOPLE), 0)
    assert _ids(lib) == before
    assert lib.catalog.load_manifest()["cleaner"] == fingerprints(lib.catalog.config_dir)[0]
    assert not lib.names_pending()
    assert lib.count('person:"Maria Eklund"') == 1
    assert lib.count("ferry") == len(PEOPLE)


def test_a_new_recogniser_builds_the_index_anew(
    tmp_path: Path, hermetic_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(tmp_path)
    before = _ids(Library.open(folder))
    _release(monkeypatch)
    monkeypatch.setattr(tui.ner.recognizer, "RULES_VERSION", "later rules")
    report, writes, lib = _rebuilt_after(folder, monkeypatch)
    assert writes == [(True, True)]
    assert (report.added, report.changed, report.removed) == (0, len(PEOPLE), 0)
    assert _ids(lib) == before
    assert not lib.names_pending()
    assert lib.count('person:"Tomas Berglund"') == 1


def test_an_unchanged_release_leaves_the_index_as_it_is(
    tmp_path: Path, hermetic_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A release that cleans and names as the last one did indexes nothing again."""
    folder = _folder(tmp_path)
    _release(monkeypatch)
    report, writes, _lib = _rebuilt_after(folder, monkeypatch)
    assert not writes
    assert (report.added, report.changed, report.removed) == (0, 0, 0)
