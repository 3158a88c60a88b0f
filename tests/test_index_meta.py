"""The index's metadata file (tui.index.folder): what a process wrote it does not
parse again (15 MB of JSON at 50,000 articles), and what another wrote it does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui.index import folder as folder_mod
from tui.index.folder import IndexFolder
from tui.privacy import write_private

META = {
    "schema": 9,
    "files": {
        "a.txt": {"id": "x1", "size": 3, "mtime": 7, "title": "A", "source": None},
        "sub/\udcff.txt": {"id": "x2", "size": 4, "mtime": 8, "title": "B \u00e9", "date": None},
    },
    "entries": {
        "fields": ["id", "size", "title", "source"],
        "rows": {"a.txt": ("x1", 3, "A", None), "sub/\udcff.txt": ["x2", 4, "B \u00e9", "W"]},
    },
    "failed": {"c.txt": {"size": 1, "mtime": 2, "error": "c.txt: unreadable"}},
    "containers": {"feed.rss": [["k", 1], ("t", 2)]},
    "boilerplate": {"sport": {"lines": ["Share this"], "counts": {"1": 2}}},
}


def test_the_metadata_written_is_read_back_without_parsing_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = IndexFolder(tmp_path)
    folder.write_meta(META)
    parsed = json.loads(folder.meta_path().read_text(encoding="utf-8"))

    def refused(text: str) -> object:
        raise AssertionError("the metadata was parsed again")

    monkeypatch.setattr(folder_mod.json, "loads", refused)
    assert folder.read_meta() == parsed  # tuples as lists, as JSON gives them
    assert folder.read_meta()["containers"] == {"feed.rss": [["k", 1], ["t", 2]]}
    assert folder.read_meta()["entries"]["rows"]["a.txt"] == ["x1", 3, "A", None]


def test_metadata_another_process_wrote_is_read(tmp_path: Path) -> None:
    folder = IndexFolder(tmp_path)
    folder.write_meta(META)
    other = dict(META, schema=10, files={})
    write_private(folder.meta_path(), json.dumps(other))
    assert folder.read_meta() == json.loads(json.dumps(other))


def test_the_metadata_kept_does_not_follow_the_dicts_it_was_written_from(
    tmp_path: Path,
) -> None:
    folder = IndexFolder(tmp_path)
    meta = json.loads(json.dumps(META))
    folder.write_meta(meta)
    meta["files"]["a.txt"]["title"] = "changed after"
    meta["failed"]["c.txt"]["size"] = 99
    assert folder.read_meta()["files"]["a.txt"]["title"] == "A"
    assert folder.read_meta()["failed"]["c.txt"]["size"] == 1
