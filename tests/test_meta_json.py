"""The index's metadata parsed without one long call (tui.index.metajson), and once
when two threads ask for it at the same time (tui.index.folder)."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import pytest

from tui.index.folder import IndexFolder
from tui.index.metajson import parse_meta
from tui.privacy import write_private

TRICKY = [
    "a.txt",
    'quote "rows":{ in a name.txt',
    "back\\slash\\.txt",
    'brace }{ and ]," too.txt',
    "sub/\udcff.txt",
    "ünïcødé/日本.txt",
    "",
]


def meta_with(rows: dict[str, list[object]], **extra: object) -> dict[str, object]:
    return {
        "schema": 2,
        "cleaner": "fp",
        **extra,
        "entries": {"fields": ["id", "size", "title"], "rows": rows},
        "failed": {"c.txt": {"error": 'c.txt: "rows":{ unreadable'}},
        "boilerplate": {"sport": {"lines": ["Share this"], "rows": {"x": 1}}},
    }


def compact(value: object) -> str:
    return json.dumps(value, separators=(",", ":"))


@pytest.mark.parametrize(
    "meta",
    [
        meta_with({p: [f"id{i}", i, 'T "' + p + '" ]}'] for i, p in enumerate(TRICKY)}),
        meta_with({}),
        # another "rows" before the manifest's: parsed as a whole, rightly
        meta_with({"a.txt": ["x", 1, "A"]}, early={"rows": {"b.txt": ["y", 2, "B"]}}),
        {"schema": 2, "files": {"a.txt": {"id": "x"}}},  # the older form: no rows
        {"schema": 2, "entries": {"rows": {"a.txt": ["x", 1]}, "fields": ["id", "size"]}},
    ],
)
def test_the_metadata_parses_as_json_loads_would(meta: dict[str, object]) -> None:
    for text in (compact(meta), json.dumps(meta), json.dumps(meta, indent=1)):
        assert parse_meta(text) == json.loads(text)
        assert list(parse_meta(text)) == list(json.loads(text))


def test_duplicate_rows_and_broken_text_as_json_loads_would() -> None:
    text = '{"entries":{"rows":{"a":[1],"b":[2],"a":[3]}}}'
    assert parse_meta(text) == json.loads(text)
    assert list(parse_meta(text)["entries"]["rows"]) == ["a", "b"]
    for broken in ('{"entries":{"rows":{"a":[1],', '{"entries":{"rows":{"a":[1]}}}x', ""):
        with pytest.raises(ValueError):
            json.loads(broken)
        with pytest.raises(ValueError):
            parse_meta(broken)


def test_no_single_call_parses_the_manifest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """json.loads keeps the interpreter's lock for the whole text: at 50,000 articles
    ~100 ms in which the app's UI thread could not run. The rows go a row at a time."""
    rows = {f"folder/article-{i}.txt": [f"id{i}", i, f"Title {i}"] for i in range(5000)}
    folder = IndexFolder(tmp_path)
    text = compact(meta_with(rows))
    write_private(folder.meta_path(), text)
    sizes: list[int] = []
    loads = json.loads

    def spy(s: str, *args: object, **kwargs: object) -> object:
        sizes.append(len(s))
        return loads(s, *args, **kwargs)

    monkeypatch.setattr(json, "loads", spy)
    assert folder.read_meta() == loads(text)
    assert sizes and max(sizes) < len(text) // 20


def test_two_readers_at_once_parse_the_metadata_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At launch the folder's listing and the first article's entities both read it."""
    folder = IndexFolder(tmp_path)
    meta = meta_with({"a.txt": ["x", 1, "A"]})
    write_private(folder.meta_path(), compact(meta))
    parses: list[str] = []
    parsing = threading.Event()
    loads = json.loads

    def slow(s: str, *args: object, **kwargs: object) -> object:
        if '"schema"' in s:
            parses.append(threading.current_thread().name)
            parsing.set()
            time.sleep(0.5)  # the second reader comes meanwhile
        return loads(s, *args, **kwargs)

    monkeypatch.setattr(json, "loads", slow)
    got: dict[str, object] = {}
    first = threading.Thread(target=lambda: got.update(first=folder.read_meta()), name="first")
    second = threading.Thread(target=lambda: got.update(second=folder.read_meta()), name="second")
    first.start()
    assert parsing.wait(10)
    second.start()
    first.join()
    second.join()
    assert got["first"] == got["second"] == loads(compact(meta))
    assert parses == ["first"]
