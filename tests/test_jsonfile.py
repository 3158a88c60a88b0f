"""Dossier's own JSON files, damaged: read as missing, never a traceback (tui.jsonfile)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tui.jsonfile import read_json

#: A file "[[[[..." far deeper than the interpreter's recursion limit: json.loads raises
#: RecursionError, not ValueError, for it.
DEEP = "[" * 50_000


def _theme(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    from tui import settings

    monkeypatch.setattr(settings, "state_file", lambda: tmp / "state.json")
    (tmp / "state.json").write_text(DEEP)
    return settings.remembered_theme()


def _progress(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    from tui.library import names_told

    (tmp / names_told.PROGRESS_NAME).write_text(DEEP)
    return names_told.read_progress(tmp)


def _listing(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    from tui import freshness, listing

    (tmp / freshness.FILES_NAME).write_text(DEEP)
    return listing._read_files(tmp, None)


def _keyed(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    from tui import freshness

    (tmp / "keyed.json").write_text(DEEP)
    return freshness.read_keyed(tmp / "keyed.json", ["key"])


def _terms(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    from tui.index import termfile

    (tmp / "terms.json").write_text(DEEP)
    return termfile.load(tmp / "terms.json")


def _marker(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    from tui import known

    (tmp / "marker.json").write_text(DEEP)
    return known._read_marker(tmp / "marker.json")


def _meta(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    from tui.index.folder import IndexFolder

    folder = IndexFolder(tmp)
    folder.meta_path().write_text(DEEP)
    return folder.read_meta() or None


def _extract_cache(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    from tui.formats.cache import ExtractCache

    cache = ExtractCache(tmp / "extracts.sqlite3")
    cache.put("page", {"title": "Pier"})
    cache.close()
    with sqlite3.connect(tmp / "extracts.sqlite3") as conn:
        conn.execute("UPDATE extracts SET value = ?", (DEEP,))
    conn.close()
    return ExtractCache(tmp / "extracts.sqlite3").get("page")


def _rekeyed(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    from tui.library import restored

    (tmp / "types.json").write_text(DEEP)
    return restored._rekey_file(tmp / "types.json", lambda key: [key])


READERS: dict[str, Callable[[Path, pytest.MonkeyPatch], Any]] = {
    "remembered theme": _theme,
    "naming progress": _progress,
    "listing of the files": _listing,
    "keyed value": _keyed,
    "table of terms": _terms,
    "corpus marker": _marker,
    "index metadata": _meta,
    "extract cache": _extract_cache,
    "a file rekeyed in a copied home": _rekeyed,
}


@pytest.mark.parametrize("reader", list(READERS))
def test_json_nested_thousands_deep_reads_as_no_file(
    reader: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # json.loads raises RecursionError for "[[[[..." thousands deep, which these
    # readers did not catch (they caught ValueError): the app or a command ended in a
    # traceback on a damaged file of its own, where a missing one is made again.
    assert READERS[reader](tmp_path, monkeypatch) is None


def test_read_json_gives_none_for_what_is_not_a_json_file(tmp_path: Path) -> None:
    import os

    (tmp_path / "good.json").write_text('{"a": [1, 2]}')
    (tmp_path / "latin1.json").write_bytes(b'{"a": "caf\xe9"}')
    (tmp_path / "half.json").write_text('{"a": [1,')
    (tmp_path / "big.json").write_text("[" + "1," * 100 + "1]")
    os.mkfifo(tmp_path / "pipe.json")  # no writer: reading it would wait for ever
    assert read_json(tmp_path / "good.json") == {"a": [1, 2]}
    for name in ("latin1.json", "half.json", "pipe.json", "missing.json", "."):
        assert read_json(tmp_path / name) is None, name
    assert read_json(tmp_path / "big.json", max_bytes=100) is None
    assert read_json(tmp_path / "big.json", max_bytes=1000) == [1] * 101
