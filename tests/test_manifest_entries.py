"""Reading the manifest's entries (tui.library.manifest.entries_of): entries as Dossier
writes them are taken by position, and every other entry exactly as entry_of takes it."""

from __future__ import annotations

import json
import random
from dataclasses import asdict
from pathlib import Path
from typing import Any

from tui.library.manifest import (
    ENTRIES_KEY,
    Entry,
    entries_of,
    entry_of,
    has_manifest,
    manifest_entries,
    manifest_ids,
    manifest_json,
)

BASE = Entry(
    id="a1",
    size=10,
    mtime=20,
    hash="h",
    title="Talks",
    source=None,
    date="2024-01-02",
    byline=None,
    ents_hash="e",
    url=None,
    language="en",
)


def _variants(rng: random.Random) -> dict[str, Any]:
    """Entries as written, and broken or older ones of every kind."""
    out: dict[str, Any] = {}
    for n in range(400):
        fields: Any = json.loads(json.dumps(asdict(BASE)))
        kind = rng.randrange(9)
        key = rng.choice(list(fields))
        if kind == 1:  # a value of another type: a bool for a number, a number for text
            fields[key] = rng.choice([True, 1.5, 7, "x", None, [], {}])
        elif kind == 2:  # a key missing (an older manifest, or one cut short)
            del fields[key]
        elif kind == 3:  # another order
            fields = dict(reversed(list(fields.items())))
        elif kind == 4:  # a key Entry does not have
            fields["extra"] = 1
        elif kind == 5:
            fields = rng.choice([None, [], "text", 3])
        elif kind == 6:  # an optional field given text
            fields[rng.choice(["source", "byline", "url"])] = "Wire"
        out[f"f{n}.txt"] = fields
    return out


def test_entries_are_those_entry_of_takes() -> None:
    rng = random.Random(5)
    for _ in range(20):
        manifest = _variants(rng)
        expected = {p: e for p, f in manifest.items() if (e := entry_of(f)) is not None}
        got = entries_of(manifest)
        assert got == expected
        assert all(type(e) is Entry for e in got.values())
    assert entries_of({"a.txt": dict(asdict(BASE))}) == {"a.txt": BASE}
    assert entries_of({"a.txt": dict(asdict(BASE), size=True)}) == {}


# -- the manifest in the index's metadata: a row of values per article ----------------------


def _entries(n: int) -> dict[str, Entry]:
    rng = random.Random(n)
    out = {}
    for k in range(n):
        out[f"dir/{k}.txt"] = Entry(
            id=f"id{k}",
            size=k,
            mtime=k * 7,
            hash=f"h{k}",
            title=rng.choice(["Talks", "Grain \u00e9", "x\udcff"]),
            source=rng.choice([None, "Wire"]),
            date=rng.choice([None, "2024-01-02"]),
            byline=None,
            ents_hash="e",
            file=rng.choice(["", "feed.rss"]),
            url=rng.choice([None, "https://example.com/a"]),
            language=rng.choice([None, "en"]),
            corr=rng.choice(["", "c1"]),
        )
    return out


def _through_json(meta: dict[str, Any]) -> dict[str, Any]:
    return json.loads(json.dumps(meta))


def test_the_manifest_written_as_rows_reads_back_as_the_entries() -> None:
    entries = _entries(60)
    meta = _through_json({ENTRIES_KEY: manifest_json(entries)})
    assert "files" not in meta and has_manifest(meta)
    assert manifest_entries(meta) == entries
    assert manifest_ids(meta) == {p: e.id for p, e in entries.items()}
    # the older form, a dict per file, reads the same
    old = _through_json({"files": {p: asdict(e) for p, e in entries.items()}})
    assert has_manifest(old)
    assert manifest_entries(old) == entries
    assert manifest_ids(old) == manifest_ids(meta)
    assert not has_manifest({"schema": 9})
    assert manifest_entries({"schema": 9}) == {} == manifest_ids({"schema": 9})


def test_rows_that_are_not_whole_are_left_out_and_other_fields_read_by_name() -> None:
    entries = _entries(6)
    meta = _through_json({ENTRIES_KEY: manifest_json(entries)})
    rows = meta[ENTRIES_KEY]["rows"]
    rows["dir/0.txt"] = rows["dir/0.txt"][:3]  # cut short
    rows["dir/1.txt"][1] = True  # a bool for the size
    rows["dir/2.txt"] = {"id": "id2"}  # no row
    rows["dir/3.txt"][4] = 5  # a number for the title
    kept = manifest_entries(meta)
    assert sorted(kept) == ["dir/4.txt", "dir/5.txt"]
    assert kept["dir/4.txt"] == entries["dir/4.txt"]
    assert sorted(manifest_ids(meta)) == ["dir/1.txt", "dir/3.txt", "dir/4.txt", "dir/5.txt"]
    # fields in another order (another version of Dossier): by name
    fields = meta[ENTRIES_KEY]["fields"]
    order = list(reversed(fields))
    moved = {
        ENTRIES_KEY: {
            "fields": order,
            "rows": {
                p: [dict(zip(fields, r, strict=True))[f] for f in order]
                for p, r in rows.items()
                if isinstance(r, list) and len(r) == len(fields)
            },
        }
    }
    assert manifest_entries(moved) == kept


def test_an_index_with_the_older_manifest_is_updated_not_indexed_again(tmp_path: Path) -> None:
    from tests.conftest import write_article
    from tui.library import Library

    corpus = tmp_path / "news"
    for n in range(5):
        write_article(corpus, f"a/{n}.txt", f"Story {n}", f"Talks went on in Valmora, day {n}.")
    lib = Library.open(corpus)
    lib.update_index(workers=1)
    meta_path = lib.index.meta_path()
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    assert "files" not in meta
    ids = manifest_ids(meta)
    # as an older Dossier wrote it: a dict per file
    table = meta.pop(ENTRIES_KEY)
    meta["files"] = {
        p: dict(zip(table["fields"], r, strict=True)) for p, r in table["rows"].items()
    }
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    write_article(corpus, "a/new.txt", "Story new", "Talks ended in Valmora.")
    lib = Library.open(corpus)
    report = lib.update_index(workers=1)
    assert (report.added, report.changed, report.removed) == (1, 0, 0)
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    assert "files" not in meta
    now = manifest_ids(meta)
    assert {p: now[p] for p in ids} == ids  # every article keeps its id
    assert Library.open(corpus).search("valmora", limit=None).total == 6


def test_the_corpus_of_an_article_id_is_found_in_either_form(tmp_path: Path) -> None:
    from tests.conftest import write_article
    from tui import known
    from tui.library import Library

    corpus = tmp_path / "news"
    write_article(corpus, "a.txt", "Talks", "Talks went on in Valmora.")
    lib = Library.open(corpus)
    lib.update_index(workers=1)
    article = lib.scan().articles[0].id
    assert known.corpora_with_id(article) == [corpus.resolve()]
    assert known.corpora_with_id("nosuchid") == []
    meta_path = lib.index.meta_path()
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    table = meta.pop(ENTRIES_KEY)
    meta["files"] = {
        p: dict(zip(table["fields"], r, strict=True)) for p, r in table["rows"].items()
    }
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    assert known.corpora_with_id(article) == [corpus.resolve()]


def test_an_entry_holds_no_dict_and_writes_its_fields_in_order() -> None:
    """The app holds an entry per article (50,000 at 50k): with slots, no __dict__ each;
    the sidecar rows still write every field, in the manifest's order."""
    from tui.library.manifest import entry_fields
    from tui.library.upkeep import _entry_json

    assert not hasattr(BASE, "__dict__")
    assert list(entry_fields(BASE)) == list(Entry.__dataclass_fields__)
    assert json.loads(_entry_json(BASE)) == asdict(BASE)


def test_summaries_name_the_original_of_each_copy_the_first_by_path() -> None:
    """Files with the same content hash are copies: the first by path is the original
    (whatever order the folder was read in), the others name it; unhashed entries
    (listed before the first index) and unique ones are no copies."""
    from dataclasses import replace

    from tui.library.manifest import summaries

    entries = {
        "tech/297.txt": replace(BASE, id="b", hash="same"),
        "tech/260.txt": replace(BASE, id="a", hash="same"),
        "world/260.txt": replace(BASE, id="c", hash="same"),
        "tech/001.txt": replace(BASE, id="d", hash="other"),
        "new.txt": replace(BASE, id="e", hash=""),
        "new2.txt": replace(BASE, id="f", hash=""),
    }
    rows = {row.path: row for row in summaries(entries)}
    assert list(rows) == list(entries)  # the order kept
    assert rows["tech/260.txt"].duplicate_of is None
    assert rows["tech/297.txt"].duplicate_of == "a"
    assert rows["world/260.txt"].duplicate_of == "a"
    assert [rows[p].duplicate_of for p in ("tech/001.txt", "new.txt", "new2.txt")] == [None] * 3
