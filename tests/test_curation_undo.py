"""Undo of the entity corrections (X, T, m in the app): :func:`tui.ner.curation.undo`
takes back what one correction changed in the user's entities.yaml, from the file as it
is then, under the same lock and atomic write as the corrections."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import pytest
import yaml

from tui.ner import curation
from tui.ner.curation import UndoConflict, undo

START = (
    "entities:\n"
    "  - name: Quill Works\n    type: org\n    aliases: [QW]\n"
    "  - name: Orla Brandt\n    type: person\n"
    "ignore:\n  - Sponsored Content\n  - Varnholm\n"
    "note: kept\n"
)


def _data(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture
def user(tmp_path: Path) -> Path:
    path = tmp_path / "config" / "entities.yaml"
    path.parent.mkdir()
    path.write_text(START, encoding="utf-8")
    return path


CORRECTIONS = {
    "a new type": lambda p: curation.set_entity_type(p, "Anna Lindqvist", "place"),
    "an alias's type": lambda p: curation.set_entity_type(p, "QW", "person"),
    "an ignored name's type": lambda p: curation.set_entity_type(p, "Varnholm", "place"),
    "a merge of a new name": lambda p: curation.merge_entities(
        p, "Orla Brandt", "Brandt", "person"
    ),
    "a merge of two entries": lambda p: curation.merge_entities(
        p, "Quill Works", "Orla Brandt", "org"
    ),
    "an ignored name": lambda p: curation.ignore_name(p, "Real Estate"),
    "an entry ignored": lambda p: curation.ignore_name(p, "Orla Brandt"),
    "an alias ignored": lambda p: curation.ignore_name(p, "QW"),
}


@pytest.mark.parametrize("name", list(CORRECTIONS))
def test_each_correction_undone_gives_the_file_back(user: Path, name: str) -> None:
    before = _data(user)
    change = CORRECTIONS[name](user)
    assert _data(user) != before, "the correction changed nothing"
    undo(user, change)
    after = _data(user)
    assert after["note"] == "kept"
    key = lambda e: e["name"]  # noqa: E731 - the entries, in any order
    assert sorted(after["entities"], key=key) == sorted(before["entities"], key=key)
    assert sorted(after["ignore"]) == sorted(before["ignore"])


def test_the_changes_say_what_they_did(user: Path) -> None:
    assert curation.set_entity_type(user, "Viacom", "org").said == "Viacom is an organisation"
    assert curation.ignore_name(user, "Real Estate").said == "Real Estate is no entity"
    merged = curation.merge_entities(user, "Orla Brandt", "Brandt", "person")
    assert merged.said == "Brandt is Orla Brandt"


def test_an_undo_keeps_the_corrections_made_since(user: Path) -> None:
    """Two copies of the app: one retypes Viacom, the other then ignores Real Estate;
    the first one's undo takes back its own change only."""
    first = curation.set_entity_type(user, "Viacom", "org")
    curation.ignore_name(user, "Real Estate")
    undo(user, first)
    data = _data(user)
    assert "Real Estate" in data["ignore"]
    assert all(e["name"] != "Viacom" for e in data["entities"])


def test_an_undo_of_an_entry_changed_since_is_refused_and_the_file_kept(user: Path) -> None:
    merged = curation.merge_entities(user, "Orla Brandt", "Brandt", "person")
    curation.merge_entities(user, "Orla Brandt", "O. Brandt", "person")  # since, elsewhere
    text = user.read_text(encoding="utf-8")
    with pytest.raises(UndoConflict, match="corrected again since"):
        undo(user, merged)
    assert user.read_text(encoding="utf-8") == text


def test_an_undo_whose_write_fails_leaves_the_file_whole(user: Path, monkeypatch) -> None:
    """A crash mid-write: the new file is written beside the old one and renamed over
    it; failing before the rename leaves the old file as it was and no temporary one."""
    change = curation.ignore_name(user, "Real Estate")
    text = user.read_text(encoding="utf-8")

    def crash(src: object, dst: object) -> None:
        raise OSError("disk full")

    with monkeypatch.context() as patched:
        patched.setattr(os, "replace", crash)
        with pytest.raises(OSError, match="disk full"):
            undo(user, change)
    assert user.read_text(encoding="utf-8") == text
    assert sorted(p.name for p in user.parent.iterdir()) == [".entities.yaml.lock", "entities.yaml"]


def _correct_many(path: str, who: int, count: int) -> None:
    for i in range(count):
        change = curation.set_entity_type(Path(path), f"Name {who}-{i}", "org")
        if i % 3 == 2:
            undo(Path(path), change)


def test_two_processes_correcting_at_once_lose_nothing(user: Path) -> None:
    """Two copies of the app correcting and undoing at the same time: each reads,
    changes and writes the file under the lock, so neither loses the other's work
    (without it, one's write replaced the file with a copy read before the other's)."""
    count = 24
    ctx = multiprocessing.get_context("spawn")
    workers = [ctx.Process(target=_correct_many, args=(str(user), w, count)) for w in (1, 2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
        assert worker.exitcode == 0
    names = {e["name"] for e in _data(user)["entities"]}
    wanted = {f"Name {w}-{i}" for w in (1, 2) for i in range(count) if i % 3 != 2}
    assert names == wanted | {"Quill Works", "Orla Brandt"}
