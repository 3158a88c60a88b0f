"""Files written beside the index (and other private files) by two threads of one
process: each writer has its own temporary copy, and a failed write leaves none."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

from tui import privacy
from tui.index.folder import is_index_file
from tui.library import derived


def _renames_together(monkeypatch: pytest.MonkeyPatch, module: object) -> None:
    """Both threads finish their temporary copy before either renames it: the order in
    which two writers at once can run."""
    barrier = threading.Barrier(2, timeout=5)
    real = os.replace

    def replace(src: object, dst: object) -> None:
        try:
            barrier.wait()
        except threading.BrokenBarrierError:
            pass
        real(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(module, "replace", replace, raising=True)


def _in_threads(*calls: object) -> list[object]:
    out: list[object] = [None] * len(calls)

    def run(i: int, call: object) -> None:
        try:
            out[i] = call()  # type: ignore[operator]
        except Exception as error:  # noqa: BLE001 - the test looks at it
            out[i] = error

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    return out


def test_two_threads_writing_one_kept_file_both_succeed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / derived.FACETS_NAME.format("person")
    _renames_together(monkeypatch, privacy.os)
    got = _in_threads(
        lambda: derived.write_keyed(path, "k", ["a" * 1000]),
        lambda: derived.write_keyed(path, "k", ["b" * 10]),
    )
    assert got == [True, True]
    saved = json.loads(path.read_text())
    assert saved["value"] in (["a" * 1000], ["b" * 10])
    assert sorted(os.listdir(tmp_path)) == [path.name]


def test_two_threads_writing_the_entries_both_succeed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _renames_together(monkeypatch, derived.os)
    key = [1, 2, 3]
    got = _in_threads(
        lambda: derived.write_entries(tmp_path, key, [("a1", "a.txt", "{}")]),
        lambda: derived.write_entries(tmp_path, key, [("a1", "a.txt", "{}")]),
    )
    assert got == [True, True]
    assert derived.read_entries(tmp_path, key, ["a1"]) == {"a1": ("a.txt", {})}
    assert os.listdir(tmp_path) == [derived.ENTRIES_NAME]


def test_a_temporary_name_is_one_of_the_index_folders_names(tmp_path: Path) -> None:
    for name in (*derived.NAMES, derived.FACETS_NAME.format("all"), "dossier-meta.json"):
        assert is_index_file(privacy.temp_beside(tmp_path / name).name), name


def test_a_failed_write_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(src: object, dst: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(privacy.os, "replace", fail)
    assert not derived.write_keyed(tmp_path / derived.LINKS_NAME, "k", [1])
    assert not derived.write_entries(tmp_path, [1], [("a1", "a.txt", "{}")])

    def bad_rows() -> object:
        yield ("a1", "a.txt", "{}")
        raise KeyError("a row that cannot be made")

    with pytest.raises(KeyError):
        derived.write_entries(tmp_path, [1], bad_rows())  # type: ignore[arg-type]
    assert os.listdir(tmp_path) == []


def test_a_failed_correction_or_corpus_note_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui import known
    from tui.cleaning import corrections
    from tui.paths import corpus_paths

    def fail(src: object, dst: object) -> None:
        raise OSError("disk full")

    rules = tmp_path / "config" / "cleaning.yaml"
    corrections.mark_line("example.com", "Subscribe now", cruft=True, path=rules)
    monkeypatch.setattr(os, "replace", fail)  # (the os module itself, as before)
    with pytest.raises(OSError):
        corrections.mark_line("example.com", "Read more", cruft=True, path=rules)
    assert sorted(p.name for p in rules.parent.iterdir() if p.suffix == ".tmp") == []
    assert "Read more" not in rules.read_text()

    paths = corpus_paths(tmp_path / "news", data=tmp_path / "data")
    paths.data.mkdir(parents=True)
    known.remember(paths)  # a read-only folder, a full disk: best effort, and nothing left
    assert sorted(os.listdir(paths.data)) == []
