"""The bookmark store, against real SQLite files."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest

from tui.articles import Article, build_article
from tui.bookmarks import (
    MIGRATIONS,
    SCHEMA_VERSION,
    BookmarkError,
    BookmarkStore,
    filter_bookmarks,
    migrate,
)
from tui.paths import corpus_paths

REPO = Path(__file__).resolve().parent.parent

STORY = """Harbour plan wins council backing

The council voted on Tuesday to back a plan to rebuild the old harbour wall,
ending two years of argument.

Supporters said the new wall would protect forty homes from winter storms.
Opponents said the cost had doubled since the plan was first put forward.

The work is due to start in the autumn and will take eighteen months.
"""

OTHER = """Bakery closes after ninety years

The last family bakery on the high street will close at the end of the month, its owners said.

They thanked customers for ninety years of loyalty [and cake].
"""


def article(text: str = STORY, path: str = "local/harbour.txt") -> Article:
    art = build_article(path, text)
    if path == "local/harbour.txt":
        art = replace(art, source="The Coastal Ledger", date="2023-03-14")
    return art


@pytest.fixture
def store(tmp_path: Path) -> BookmarkStore:
    return BookmarkStore(tmp_path / "data" / "bookmarks.sqlite3")


def test_nothing_is_created_until_the_first_write(tmp_path: Path, store: BookmarkStore) -> None:
    assert store.find() == []
    assert store.get("nope") is None
    assert store.count() == 0
    assert store.schema_version() == 0
    assert not store.path.parent.exists()
    store.add_quote(article(), "harbour wall")
    assert store.path.exists()


def test_store_at_the_corpus_bookmarks_path(tmp_path: Path) -> None:
    paths = corpus_paths(tmp_path / "corpus")
    s = BookmarkStore(paths.bookmarks)
    assert not paths.data.exists()
    s.add_quote(article(), "forty homes")
    assert paths.bookmarks.is_file()


def test_add_takes_quote_and_context_from_the_body(store: BookmarkStore) -> None:
    a = article()
    start = a.body.index("protect forty homes")
    b = store.add(a, start, start + len("protect forty homes"), note="key claim", tags=["homes"])
    assert b.quote == "protect forty homes"
    assert b.prefix == a.body[start - 32 : start]
    assert b.suffix == a.body[b.end : b.end + 32]
    assert (b.article_id, b.article_path, b.article_title) == (a.id, a.path, a.title)
    assert (b.article_source, b.article_date) == (a.source, a.date)
    assert b.status == "anchored" and b.created == b.updated and b.created.endswith("Z")
    assert len(b.id) == 36
    assert store.get(b.id) == b


def test_add_rejects_bad_spans(store: BookmarkStore) -> None:
    with pytest.raises(ValueError):
        store.add(article(), 10, 10)
    with pytest.raises(ValueError):
        store.add(article(), 0, 10**6)
    assert store.count() == 0


def test_add_quote_whitespace_insensitive_and_errors(store: BookmarkStore) -> None:
    a = article()
    b = store.add_quote(a, "ending two\n  years of argument")
    assert b.quote == "ending two years of argument"
    with pytest.raises(ValueError, match="quote not found"):
        store.add_quote(a, "a sentence that is not there")


def test_list_filters_and_sorts(store: BookmarkStore) -> None:
    a, o = article(), article(OTHER, "local/bakery.txt")
    b1 = store.add_quote(a, "harbour wall", note="Infrastructure", tags=["council"])
    b2 = store.add_quote(o, "ninety years of loyalty", tags=["shops", "history"])
    b3 = store.add_quote(a, "eighteen months", note="timeline")
    assert {b.id for b in store.find()} == {b1.id, b2.id, b3.id}
    assert [b.id for b in store.find(sort="date")][0] in {b2.id, b3.id}
    assert [b.id for b in store.find(sort="article")] == [b2.id, b1.id, b3.id]
    assert [b.id for b in store.find(article_id=a.id, sort="article")] == [b1.id, b3.id]
    assert [b.id for b in store.find(query="INFRA")] == [b1.id]  # note, any case
    assert [b.id for b in store.find(query="bakery")] == [b2.id]  # title
    assert [b.id for b in store.find(query="#hist")] == [b2.id]  # tag only
    assert [b.id for b in store.find(query="council", sort="article")] == [b1.id, b3.id]
    assert store.find(query="wall timeline") == []  # every term must match one bookmark
    with pytest.raises(ValueError):
        store.find(sort="size")  # type: ignore[arg-type]


def test_update_delete_restore(store: BookmarkStore) -> None:
    b = store.add_quote(article(), "harbour wall", note="old", tags=["a"])
    time.sleep(0.002)
    u = store.update(b.id, note="new note", tags=[" b ", "c", "b", ""])
    assert (u.note, u.tags) == ("new note", ("b", "c"))
    assert u.updated > b.updated and u.created == b.created
    assert store.get(b.id) == u
    assert store.update(b.id, tags=["b", "c"]) == u  # no change, no new timestamp
    gone = store.delete(b.id)
    assert gone == u and store.get(b.id) is None
    store.restore(gone)
    assert store.get(b.id) == u and store.count() == 1
    with pytest.raises(KeyError):
        store.update("missing", note="x")
    with pytest.raises(KeyError):
        store.delete("missing")


def test_an_edit_started_from_an_older_note_does_not_write_over_a_newer_one(
    store: BookmarkStore,
) -> None:
    # Two copies of the app: one saves "alpha beta"; the other's dialog was opened on
    # "alpha" and saved "alpha gamma" over it, and " beta" was gone without a word.
    from tui.bookmarks.model import BookmarkConflict

    b = store.add_quote(article(), "harbour wall", note="alpha", tags=["a"])
    elsewhere = store.update(b.id, note="alpha beta")
    with pytest.raises(BookmarkConflict) as caught:
        store.update(b.id, note="alpha gamma", tags=["a"], base=("alpha", ("a",)))
    assert caught.value.current == elsewhere
    assert "alpha beta" in str(caught.value)
    assert store.get(b.id) == elsewhere
    # From what is there now, or to the same text, it is written.
    assert store.update(b.id, note="alpha beta", base=("alpha", ("a",))) == elsewhere
    done = store.update(b.id, note="alpha gamma", base=("alpha beta", ("a",)))
    assert store.get(b.id) == done and done.note == "alpha gamma"


def test_markup_in_quotes_and_notes_is_stored_verbatim(store: BookmarkStore) -> None:
    o = article(OTHER, "local/bakery.txt")
    b = store.add_quote(o, "loyalty [and cake]", note="[red]not markup[/red] <b>")
    assert store.get(b.id).quote == "loyalty [and cake]"
    assert store.get(b.id).note == "[red]not markup[/red] <b>"


def test_usable_from_another_thread(store: BookmarkStore) -> None:
    store.add_quote(article(), "harbour wall")
    seen: list[int] = []
    t = threading.Thread(
        target=lambda: (store.add_quote(article(), "forty homes"), seen.append(store.count()))
    )
    t.start()
    t.join()
    assert seen == [2] and store.count() == 2


# -- schema -----------------------------------------------------------------------------------


def test_schema_version_and_wal(store: BookmarkStore) -> None:
    store.add_quote(article(), "harbour wall")
    assert store.schema_version() == SCHEMA_VERSION == len(MIGRATIONS)
    with sqlite3.connect(store.path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_migration_from_version_1_keeps_bookmarks(store: BookmarkStore) -> None:
    store.path.parent.mkdir(parents=True)
    conn = sqlite3.connect(store.path, isolation_level=None)
    assert migrate(conn, target=1) == 1
    conn.execute(
        "INSERT INTO bookmarks VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            "6f1c1a52-8a0e-4c43-9d3a-5b7c1e0f2a11", "abc", "local/x.txt", "Old title", None, None,
            "the quote", "", "", 0, 9, "a note", '["t"]',
            "2022-01-01T00:00:00.000Z", "2022-01-02T00:00:00.000Z",
        ),
    )  # fmt: skip
    conn.close()
    [b] = store.find()
    assert (b.quote, b.note, b.tags, b.status) == ("the quote", "a note", ("t",), "anchored")
    assert b.updated == "2022-01-02T00:00:00.000Z"
    # Reading leaves the file as it is (it may be on a read-only disk); a write migrates.
    assert store.schema_version() == 1
    store.update(b.id, tags=["t", "u"])
    assert store.schema_version() == SCHEMA_VERSION
    [b] = store.find()
    assert (b.quote, b.note, b.tags, b.status) == ("the quote", "a note", ("t", "u"), "anchored")


def test_a_newer_schema_is_refused_not_clobbered(store: BookmarkStore) -> None:
    store.add_quote(article(), "harbour wall")
    with sqlite3.connect(store.path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(BookmarkError, match="newer"):
        store.find()
    with pytest.raises(BookmarkError):
        store.add_quote(article(), "forty homes")


def test_a_corrupt_file_is_an_error_and_left_alone(store: BookmarkStore) -> None:
    store.path.parent.mkdir(parents=True)
    store.path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(BookmarkError):
        store.find()
    assert store.path.read_bytes() == b"this is not a database" * 100


# -- re-anchoring -----------------------------------------------------------------------------


def test_reanchor_updates_offsets_and_status(store: BookmarkStore) -> None:
    a, o = article(), article(OTHER, "local/bakery.txt")
    same = store.add_quote(a, "eighteen months")
    edited = store.add_quote(a, "protect forty homes from winter storms")
    deleted = store.add_quote(a, "the cost had doubled since the plan was first put forward")
    gone = store.add_quote(o, "ninety years of loyalty", note="keep me")

    new_body = "Update: the vote was close.\n\n" + a.body.replace(
        "forty homes", "forty-two homes"
    ).replace("\n\nOpponents said the cost had doubled since the plan was first put forward.", "")
    current = {a.id: Article(**{**a.__dict__, "body": new_body})}
    report = store.reanchor(current)
    assert (report.total, report.exact, report.moved, report.fuzzy, report.orphaned) == (
        4,
        0,
        1,
        1,
        2,
    )
    assert report.changed == 4

    s = store.get(same.id)
    assert new_body[s.start : s.end] == "eighteen months" and s.status == "anchored"
    e = store.get(edited.id)
    assert new_body[e.start : e.end] == "protect forty-two homes from winter storms"
    assert e.quote == edited.quote  # the saved quote is never rewritten
    d = store.get(deleted.id)
    assert d.status == "orphaned" and d.quote == deleted.quote
    g = store.get(gone.id)
    assert g.status == "orphaned" and g.note == "keep me" and g.article_title == o.title

    # A second pass changes nothing; the article coming back re-anchors its bookmark.
    assert store.reanchor(current).changed == 0
    report = store.reanchor(lambda aid: {a.id: current[a.id], o.id: o}.get(aid))
    assert store.get(gone.id).status == "anchored" and report.orphaned == 1


def test_removed_article_file_keeps_its_bookmarks(tmp_path: Path, store: BookmarkStore) -> None:
    from tui.articles import iter_article_files, load_article

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "harbour.txt").write_text(STORY, encoding="utf-8")
    (corpus / "bakery.txt").write_text(OTHER, encoding="utf-8")

    def load() -> dict[str, Article]:
        arts = [load_article(p, corpus) for p in iter_article_files(corpus)]
        return {x.id: x for x in arts}

    arts = load()
    by_path = {x.path: x for x in arts.values()}
    b = store.add_quote(by_path["bakery.txt"], "family bakery", note="sad")
    (corpus / "bakery.txt").unlink()
    store.reanchor(load())
    [kept] = store.find()
    assert (
        kept.id == b.id and kept.orphaned and kept.quote == "family bakery" and kept.note == "sad"
    )


# -- export / import --------------------------------------------------------------------------


def test_export_import_round_trip_without_duplicates(store: BookmarkStore, tmp_path: Path) -> None:
    a, o = article(), article(OTHER, "local/bakery.txt")
    store.add_quote(a, "harbour wall", note="line one\n\nline two", tags=["council", "sea"])
    store.add_quote(o, "loyalty [and cake]")
    orphan = store.add_quote(a, "eighteen months", tags=["when"])
    store.reanchor({o.id: o})  # the harbour story is gone: two orphans
    before = store.find(sort="article")
    assert store.get(orphan.id).orphaned

    exported = json.dumps(store.export_annotations(), ensure_ascii=False, indent=2)
    other = BookmarkStore(tmp_path / "elsewhere.sqlite3")
    assert other.import_annotations(exported).added == 3
    assert other.find(sort="article") == before
    again = other.import_annotations(exported)  # by id: nothing twice
    assert (again.total, again.added, again.kept) == (3, 0, 3)
    assert other.count() == 3
    assert store.import_annotations(json.loads(exported)).kept == 3
    assert store.find(sort="article") == before


def test_annotation_shape(store: BookmarkStore) -> None:
    b = store.add_quote(article(), "harbour wall", note="n", tags=["t"])
    [ann] = store.export_annotations()
    assert ann["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert ann["type"] == "Annotation" and ann["id"] == f"urn:uuid:{b.id}"
    assert ann["created"] == b.created and ann["modified"] == b.updated
    assert {"type": "TextualBody", "value": "t", "purpose": "tagging"} in ann["body"]
    assert any(x.get("purpose") == "commenting" and x["value"] == "n" for x in ann["body"])
    assert ann["target"]["source"] == "local/harbour.txt"
    quote, pos = ann["target"]["selector"]
    assert quote == {
        "type": "TextQuoteSelector",
        "exact": b.quote,
        "prefix": b.prefix,
        "suffix": b.suffix,
    }
    assert pos == {"type": "TextPositionSelector", "start": b.start, "end": b.end}


def test_import_of_a_foreign_annotation_without_extras(store: BookmarkStore) -> None:
    ann = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "urn:uuid:0b8f5a0e-3f57-4a53-9a53-2a8f3e7e9b10",
        "type": "Annotation",
        "target": {
            "source": "local/harbour.txt",
            "selector": {"type": "TextQuoteSelector", "exact": "harbour wall"},
        },
    }
    assert store.import_annotations([ann]).added == 1
    [b] = store.find()
    assert b.article_id == article().id and b.status == "orphaned"  # no position yet
    store.reanchor({b.article_id: article()})
    b = store.get(b.id)
    assert b.status == "anchored" and article().body[b.start : b.end] == "harbour wall"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("{not json", "not a JSON file"),
        ('{"a": 1}', "expected a JSON list"),
        ("[1]", "annotation 1: not a JSON object"),
        ('[{"type": "Note"}]', "annotation 1: 'type'"),
        ('[{"type": "Annotation", "id": "x"}]', "annotation 1: 'id' is not a urn:uuid"),
        (
            '[{"type": "Annotation", "id": "urn:uuid:0b8f5a0e-3f57-4a53-9a53-2a8f3e7e9b10", '
            '"target": {"source": "a.txt"}}]',
            "TextQuoteSelector",
        ),
        (b"\xff\xfe\x00garbage", "not a JSON file"),
    ],
)
def test_invalid_imports_raise_one_line_value_errors(
    store: BookmarkStore, data: str | bytes, message: str
) -> None:
    with pytest.raises(ValueError, match=message) as info:
        store.import_annotations(data)
    assert "\n" not in str(info.value)
    assert store.count() == 0


def test_invalid_item_among_valid_ones_writes_nothing(store: BookmarkStore) -> None:
    store.add_quote(article(), "harbour wall")
    good = store.export_annotations()
    store.delete(good[0]["id"].removeprefix("urn:uuid:"))
    with pytest.raises(ValueError, match="annotation 2"):
        store.import_annotations([*good, {"type": "Annotation"}])
    assert store.count() == 0


def test_markdown_export(store: BookmarkStore) -> None:
    a, o = article(), article(OTHER, "local/bakery.txt")
    store.add_quote(a, "harbour wall", note="Why it matters", tags=["council", "sea"])
    store.add_quote(a, "eighteen months")
    store.add_quote(o, "loyalty [and cake]", note="*not emphasis*")
    store.reanchor({a.id: a})  # the bakery article is gone
    md = store.export_markdown()
    assert md.startswith("# Bookmarks\n")
    # Grouped by article, sorted by title: the bakery first, then the harbour's two passages.
    assert md.index("## Bakery closes") < md.index("## Harbour plan") < md.index("> harbour wall")
    assert md.count("## Harbour plan wins council backing") == 1
    assert md.index("> harbour wall") < md.index("> eighteen months")
    assert "> loyalty \\[and cake\\]" in md  # markup in a quote stays literal text
    assert "\\*not emphasis\\*" in md
    assert "**Tags:** council, sea" in md
    assert (
        "— *Harbour plan wins council backing*, The Coastal Ledger, 2023-03-14, "
        "file local/harbour.txt" in md
    )
    assert "Orphaned" in md.split("## Harbour plan")[0]
    assert (
        BookmarkStore(store.path.with_name("empty.sqlite3"))
        .export_markdown()
        .startswith("# Bookmarks")
    )


# -- in-memory filtering ----------------------------------------------------------------------


def test_filter_bookmarks_in_memory(store: BookmarkStore) -> None:
    store.add_quote(article(), "harbour wall", tags=["Council"])
    store.add_quote(article(), "forty homes")
    everything = store.find()
    assert len(filter_bookmarks(everything, "")) == 2
    assert [b.quote for b in filter_bookmarks(everything, "  #council ")] == ["harbour wall"]


# -- processes --------------------------------------------------------------------------------

WRITER = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {repo!r})
    from pathlib import Path
    from tui.articles import build_article
    from tui.bookmarks import BookmarkStore

    store = BookmarkStore(Path(sys.argv[1]))
    art = build_article("w/a.txt", {story!r})
    count = int(sys.argv[2])
    tag = sys.argv[3]
    i = 0
    while count < 0 or i < count:
        b = store.add(art, i % 50, i % 50 + 20, note=f"{{tag}} {{i}}", tags=[tag])
        if i % 3 == 0:
            store.update(b.id, note=f"{{tag}} {{i}} edited")
        print(b.id, flush=True)
        i += 1
    """
)


def _writer(tmp_path: Path) -> Path:
    script = tmp_path / "writer.py"
    script.write_text(WRITER.format(repo=str(REPO), story=STORY), encoding="utf-8")
    return script


def test_kill_9_mid_write_loses_nothing_committed(tmp_path: Path) -> None:
    db = tmp_path / "crash" / "bookmarks.sqlite3"
    script = _writer(tmp_path)
    rng = random.Random()
    for _round in range(3):
        proc = subprocess.Popen(
            [sys.executable, str(script), str(db), "-1", "crash"],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout is not None
        committed = [proc.stdout.readline().strip()]  # wait until it is writing
        deadline = time.monotonic() + rng.uniform(0.05, 0.6)
        while time.monotonic() < deadline:
            committed.append(proc.stdout.readline().strip())
        os.kill(proc.pid, signal.SIGKILL)
        rest = proc.stdout.read()
        proc.wait()
        committed += [line for line in rest.splitlines() if line.strip()]
        committed = [c for c in committed if c]

        with sqlite3.connect(db) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        store = BookmarkStore(db)
        ids = {b.id for b in store.find()}
        assert set(committed) <= ids, "a committed bookmark was lost"
        assert len(committed) > 1
    store.add_quote(article(), "harbour wall")  # still writable afterwards


def test_two_first_writes_at_once_both_open_the_file(tmp_path: Path) -> None:
    # Two copies of the app saving their first bookmarks at the same moment both switch
    # the new file to WAL, and SQLite refuses one switch at once ("database is locked"),
    # without its busy timeout: in a run of 40 such pairs, 39 had one copy fail.
    script = tmp_path / "first.py"
    script.write_text(
        textwrap.dedent(
            """
            import sys, time
            from pathlib import Path
            from tui.bookmarks.database import BookmarkFile
            start = float(sys.argv[2])
            while time.time() < start:
                pass
            BookmarkFile(Path(sys.argv[1])).connect().close()
            """
        )
    )
    for k in range(2):
        path = tmp_path / f"first{k}.sqlite3"
        path.touch()
        start = time.time() + 1.0  # both processes imported by then: they start together
        procs = [
            subprocess.Popen(
                [sys.executable, str(script), str(path), repr(start)],
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(2)
        ]
        errors = [p.communicate(timeout=60)[1] for p in procs]
        assert [p.returncode for p in procs] == [0, 0], errors
        conn = sqlite3.connect(path)
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        conn.close()


def test_two_processes_writing_at_once(tmp_path: Path) -> None:
    db = tmp_path / "shared" / "bookmarks.sqlite3"
    script = _writer(tmp_path)
    n = 60
    procs = [
        subprocess.Popen(
            [sys.executable, str(script), str(db), str(n), name], stdout=subprocess.PIPE, text=True
        )
        for name in ("left", "right")
    ]
    outputs = [p.communicate(timeout=120)[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0]
    written = [set(o.split()) for o in outputs]
    assert all(len(w) == n for w in written)
    store = BookmarkStore(db)
    all_ids = {b.id for b in store.find()}
    assert written[0] | written[1] == all_ids
    assert len(store.find(query="#left")) == n and len(store.find(query="#right")) == n
    assert len(store.find(query="edited")) == 2 * len(range(0, n, 3))


def test_the_version_moves_with_every_write_from_any_copy(store: BookmarkStore) -> None:
    empty = store.changes()
    assert empty.complete and empty.changed == [] and empty.version == ("", 0)
    first = store.add_quote(article(), "The council voted on Tuesday")
    after_add = store.changes(empty.version)
    assert after_add.version != empty.version and after_add.changed == [first]
    unchanged = store.changes(after_add.version, [first.id])  # reading changes nothing
    assert unchanged.version == after_add.version and unchanged.changed == []
    assert not unchanged.complete and unchanged.ids is None
    other_copy = BookmarkStore(store.path)
    edited = other_copy.update(first.id, note="seen by the other copy")
    later = store.changes(after_add.version, [first.id])
    assert later.version > after_add.version and later.changed == [edited]
    other_copy.delete(first.id)
    gone = store.changes(later.version, [first.id])
    assert gone.version > later.version and gone.changed == [] and gone.ids == frozenset()
