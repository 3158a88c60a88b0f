"""Segments written without names, and the names added to them afterwards
(tui.index.enriching): the index a build with names writes, file for file."""

from __future__ import annotations

import fcntl
import multiprocessing
import os
import time
from pathlib import Path
from typing import Any

import pytest

from tui.index import DECIDED, SCHEMA_VERSION, NamesFound, SearchIndex, alias_mark
from tui.index import enriched as enriched_module
from tui.index import enriching as enriching_module
from tui.index.enriching import PLAIN_EXT, STAGING
from tui.index.errors import NotCopyable
from tui.index.merging import Health, merge_plan, small_merge
from tui.index.schema import ENTITY_FIELDS
from tui.index.segment import segments

PEOPLE = ["Jana Okafor", "Pieter Vance", "Lena Marsh", "Tomas Reyes", "Ana, Countess Vell"]
PLACES = ["Valmora", "Brusselton", "Kettering Bay"]
ORGS = ["Zarnian Tennis Association", "Harbour Board"]


def _names(n: int) -> dict[str, Any]:
    """What the names of article ``n`` are (as prepare.py makes them: one entry a
    mention, the marks, and the summary)."""
    person = [PEOPLE[n % 5]] * (1 + n % 3)
    if n % 4:
        person.append(PEOPLE[(n + 1) % 5])
    if n % 5 == 0:
        person.append(DECIDED + PEOPLE[n % 5])
    if n % 10 == 3:  # a long field: its length as a reader gets it back is rounded
        person += [PEOPLE[2]] * (30 + n % 17)
    place = [PLACES[n % 3]] if n % 6 else []
    org = [ORGS[n % 2], alias_mark("ZTA", ORGS[0])] if n % 7 == 0 else []
    summary: dict[str, Any] = {}
    for kind, names in (("person", person), ("place", place), ("org", org)):
        for k, name in enumerate(dict.fromkeys(x for x in names if x[:1] != DECIDED)):
            count = names.count(name)
            summary[f"{kind}:{name.lower()}"] = [kind, name, count, [name, name.split()[0]], [k]]
    return {"person": person, "place": place, "org": org, "entities": summary}


def _document(n: int, names: bool, extra: str = "") -> dict[str, Any]:
    doc = {
        "id": f"d{n:04d}",
        "path": f"r{n // 100}/s{n:04d}.txt",
        "title": f"Story {n} about the harbour and word{n % 11}",
        "body": f"Negotiators met in {PLACES[n % 3]} on day {n} to discuss the harbour. "
        + " ".join(f"term{(n * k) % 37}" for k in range(1, 12))
        + f". {PEOPLE[n % 5]} told reporters that the grain prices rose again this week "
        f"and that nobody at the harbour board expected it.{extra}",
        "source": ["Courier", "Gazette", ""][n % 3] or None,
        "date": f"2024-03-{1 + n % 27:02d}" if n % 4 else None,
        "byline": f"Reporter {n % 5}" if n % 3 else None,
        "lang": "en",
    }
    named = _names(n)
    if names:
        doc.update(named)
    else:
        doc.update({f: [] for f in ENTITY_FIELDS})
    return doc


def named_document(n: int) -> dict[str, Any]:
    return _document(n, True)


def plain_document(n: int) -> dict[str, Any]:
    return _document(n, False)


def edited_named(n: int) -> dict[str, Any]:
    return _document(n, True, " Update: Jana Okafor resigned.")


def add_names(stored: dict[str, Any]) -> dict[str, Any]:
    """``add``: the names of a document from its stored fields (its number)."""
    assert stored["body"].startswith("Negotiators met in")
    return _names(int(stored["id"][1:]))


def _files(folder: Path, segment: Any) -> dict[str, bytes]:
    stem = segment.make_filename("")
    return {
        p.name[len(stem) :]: p.read_bytes() for p in folder.iterdir() if p.name.startswith(stem)
    }


def _two_writes(path: Path, names: bool, first: range, second: range) -> SearchIndex:
    index = SearchIndex(path)
    prepare = named_document if names else plain_document
    index.write(prepare=prepare, items=list(first), fresh=True, names=names)
    index.write(prepare=prepare, items=list(second), names=names)
    index.write_meta({"schema": SCHEMA_VERSION})  # (as the library does: other views open it)
    return index


FIRST, SECOND = range(0, 150), range(150, 230)


def _segment_files(folder: Path) -> list[str]:
    return sorted(n for n in os.listdir(folder) if n.startswith("MAIN_") and "." in n)


def _refuse(*args: Any) -> Any:
    raise NotCopyable("not today")


def _never(*args: Any) -> Any:
    raise AssertionError("every segment here is copied")


@pytest.mark.parametrize(
    ("workers", "how"),
    [(1, "copied"), (2, "copied"), (1, "copied, stored fields by the copy"), (1, "written again")],
)
def test_enriched_segments_are_the_segments_a_build_with_names_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int, how: str
) -> None:
    if how.startswith("copied"):
        monkeypatch.setattr(enriched_module, "build_segment", _never)
        if how != "copied":  # the worker did not pickle them: the copy's writer does
            monkeypatch.setattr(enriched_module, "stored_bytes", _refuse)
    else:  # a segment that cannot be copied: its documents written again
        monkeypatch.setattr(enriched_module, "copy_segments", _refuse)
    _in_workers(monkeypatch, workers)
    built = _two_writes(tmp_path / "built", True, FIRST, SECOND)
    plain = _two_writes(tmp_path / "plain", False, FIRST, SECOND)
    assert built.plain_segments() == []
    assert [n for _, n in plain.plain_segments()] == [150, 80]
    assert plain.plain_documents() == 230
    assert len(list((tmp_path / "plain").glob(f"*{PLAIN_EXT}"))) == 2
    assert plain.search("person:okafor")[1] == 0  # no names yet; the text is searchable
    assert plain.search("harbour")[1] == 230
    seen: list[int] = []
    assert plain.enrich(add_names, workers=workers, progress=seen.append) == 230
    assert sum(seen) == 230
    assert plain.plain_segments() == []
    assert not list((tmp_path / "plain").glob(f"*{PLAIN_EXT}"))
    assert not list((tmp_path / "plain").glob(f"{STAGING}*"))  # (the new segments' folder)
    mine, theirs = segments(plain.ix), segments(built.ix)
    assert len(mine) == len(theirs) == 2
    for enriched, reference in zip(mine, theirs, strict=True):
        files = _files(tmp_path / "plain", enriched)
        wanted = _files(tmp_path / "built", reference)
        assert sorted(files) == sorted(wanted)
        assert {".trm", ".pst", ".psg", ".ent", ".fct", ".person.ets", ".org.ets"} <= set(files)
        for ext, data in wanted.items():
            assert files[ext] == data, ext
    for query in (
        'person:"jana okafor"',
        'org:"harbour board"',
        "place:valmora AND harbour",
        "person:jana*",
    ):
        assert plain.search(query, limit=None) == built.search(query, limit=None), query
    assert plain.facets("person") == built.facets("person")
    assert dict(plain.stored_entities()) == dict(built.stored_entities())


def _in_workers(monkeypatch: pytest.MonkeyPatch, workers: int) -> None:
    """With more than one worker, runs small enough that these few documents go to
    worker processes (each segment's names in several runs), as a large index's do."""
    if workers > 1:
        monkeypatch.setattr(enriching_module, "RUN", 32)


@pytest.mark.parametrize("workers", [1, 2])
def test_deletions_in_a_plain_segment_before_and_while_it_is_enriched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    _in_workers(monkeypatch, workers)
    plain = _two_writes(tmp_path / "plain", False, FIRST, SECOND)
    # an article edited: indexed again, with its names, in a segment of its own
    plain.write(delete=["d0005", "d0160"], prepare=edited_named, items=[5, 160])
    other = SearchIndex(tmp_path / "plain")  # another process's view of the index
    calls: list[int] = []

    def progress(n: int) -> None:
        calls.append(n)
        if len(calls) == 1:  # meanwhile another process edits one more
            other.write(delete=["d0100"], prepare=edited_named, items=[100])

    assert plain.enrich(add_names, workers=workers, progress=progress) == 230 - 3
    assert plain.doc_count() == 230
    # as one build of the articles as they are now writes it
    built = SearchIndex(tmp_path / "built")
    now = [n for n in [*FIRST, *SECOND] if n not in (5, 160, 100)]
    built.write(prepare=named_document, items=now, fresh=True)
    built.write(prepare=edited_named, items=[5, 160, 100])
    for query in ('person:"jana okafor"', "resigned", "person:jana* AND resigned", "place:valmora"):
        mine, theirs = plain.search(query, limit=None), built.search(query, limit=None)
        assert mine[1] == theirs[1] > 0, query
        assert sorted((h.doc["id"], round(h.score, 9)) for h in mine[0]) == sorted(
            (h.doc["id"], round(h.score, 9)) for h in theirs[0]
        ), query
    assert sorted(plain.facets("person")) == sorted(built.facets("person"))
    assert dict(plain.stored_entities()) == dict(built.stored_entities())


def test_a_cancelled_enrichment_leaves_the_rest_plain_for_the_next(tmp_path: Path) -> None:
    plain = _two_writes(tmp_path / "plain", False, FIRST, SECOND)
    committed: list[int] = []

    def cancelled() -> bool:
        committed.append(len(plain.plain_segments()))
        return committed[-1] == 1  # once the first segment is done

    with pytest.raises(InterruptedError):
        plain.enrich(add_names, cancelled=cancelled)
    again = SearchIndex(tmp_path / "plain")  # reopened: the marks are on disk
    assert [n for _, n in again.plain_segments()] == [80]
    assert again.search("harbour")[1] == 230
    assert again.search('person:"jana okafor"')[1] > 0
    assert again.enrich(add_names) == 80
    assert again.plain_documents() == 0
    built = _two_writes(tmp_path / "built", True, FIRST, SECOND)
    q = 'person:"jana okafor"'
    assert again.search(q, limit=None) == built.search(q, limit=None)


def test_the_new_segments_folder_a_killed_process_left_is_removed(tmp_path: Path) -> None:
    plain = _two_writes(tmp_path / "plain", False, FIRST, SECOND)
    left = tmp_path / "plain" / f"{STAGING}999999999-x"  # (no such process)
    left.mkdir()
    (left / "MAIN_x.pst").write_bytes(b"half written")
    mine = tmp_path / "plain" / f"{STAGING}{os.getpid()}-y"  # (a process running)
    mine.mkdir()
    assert plain.enrich(add_names) == 230
    assert not left.exists()
    assert mine.exists()


def test_a_write_without_names_refuses_documents_with_names(tmp_path: Path) -> None:
    index = SearchIndex(tmp_path / "ix")
    index.write(prepare=plain_document, items=list(FIRST), fresh=True, names=False)
    before = _segment_files(tmp_path / "ix")
    with pytest.raises(NamesFound):
        index.write(prepare=named_document, items=list(SECOND), names=False)
    assert _segment_files(tmp_path / "ix") == before  # (the new segment's files are gone)
    assert index.doc_count() == 150
    with pytest.raises(NamesFound):
        SearchIndex(tmp_path / "fresh").write(
            prepare=named_document, items=list(FIRST), fresh=True, names=False
        )


def test_no_merge_plan_takes_a_plain_segment() -> None:
    small = [Health(f"s{k}", 100, 0) for k in range(4)]
    assert sorted(small_merge(small)) == ["s0", "s1", "s2", "s3"]
    one_plain = [*small[:3], Health("s3", 100, 0, plain=True)]
    assert small_merge(one_plain) == []
    assert merge_plan(one_plain) == []
    crowded = [Health("a", 100, 50, plain=True), Health("b", 100, 50)]
    assert merge_plan(crowded) == [["b"]]


def test_nothing_plain_nothing_to_do(tmp_path: Path) -> None:
    assert SearchIndex(tmp_path / "none").enrich(add_names) == 0
    built = _two_writes(tmp_path / "built", True, FIRST, SECOND)
    assert built.enrich(add_names) == 0
    assert enriching_module.plain_segments(tmp_path / "missing") == []


def test_small_plain_segments_wait_for_their_names_to_be_merged(tmp_path: Path) -> None:
    index = SearchIndex(tmp_path / "ix")
    index.write(prepare=plain_document, items=list(range(30)), fresh=True, names=False)
    for start in range(30, 120, 30):  # four segments of one tier: merged, had they names
        index.write(prepare=plain_document, items=list(range(start, start + 30)), names=False)
    assert [n for _, n in index.plain_segments()] == [30, 30, 30, 30]
    assert len(segments(index.ix)) == 4
    assert index.enrich(add_names) == 120
    assert len(segments(index.ix)) == 1  # merged once they have their names
    built = SearchIndex(tmp_path / "built")
    built.write(prepare=named_document, items=list(range(120)), fresh=True)
    q = 'person:"jana okafor" OR place:valmora'
    assert index.search(q, limit=None) == built.search(q, limit=None)


def test_a_fork_server_imports_the_module_of_the_function_a_partial_wraps() -> None:
    from functools import partial

    assert enriching_module.module_of(add_names) == __name__
    assert enriching_module.module_of(partial(_names_bound, 1)) == __name__


def _names_bound(unused: int, stored: dict[str, Any]) -> dict[str, Any]:
    return add_names(stored)


class _Segment:
    """A stand-in for a segment: what enrich_segment_apart asks of it."""

    def segment_id(self) -> str:
        return "s1"

    def doc_count_all(self) -> int:
        return 10


class _Unpicklable(Exception):
    def __reduce__(self) -> Any:
        raise TypeError("not this one")


def test_a_workers_copy_is_made_in_a_process_of_its_own_that_gives_back_its_result(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def copy(index_dir: str, staging: str, segment: Any, runs: list[str]) -> Any:
        return (os.getpid(), index_dir, staging, runs)

    monkeypatch.setattr(enriched_module, "enrich_segment", copy)
    pid, *rest = enriched_module.enrich_segment_apart("ix", "stage", _Segment(), ["r1"])
    assert pid != os.getpid()
    assert rest == ["ix", "stage", ["r1"]]


def test_an_error_in_the_copys_process_is_raised_in_the_worker(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def fails(*args: Any) -> Any:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(enriched_module, "enrich_segment", fails)
    with pytest.raises(OSError, match="No space left"):
        enriched_module.enrich_segment_apart("ix", "stage", _Segment(), [])

    def fails_oddly(*args: Any) -> Any:
        raise _Unpicklable("odd")

    monkeypatch.setattr(enriched_module, "enrich_segment", fails_oddly)
    with pytest.raises(RuntimeError, match="odd"):
        enriched_module.enrich_segment_apart("ix", "stage", _Segment(), [])

    def dies(*args: Any) -> Any:
        os._exit(3)

    monkeypatch.setattr(enriched_module, "enrich_segment", dies)
    with pytest.raises(RuntimeError, match="the copy of segment s1 failed"):
        enriched_module.enrich_segment_apart("ix", "stage", _Segment(), [])


def _hangs(*args: Any) -> Any:
    """A copy that never ends (a lock the fork copied, held for ever): its pid first."""
    Path(_SEEN[0]).write_text(str(os.getpid()))
    while True:
        time.sleep(60)


#: Where a stand-in copy, in a worker process, writes what it saw (a file's path).
_SEEN: list[str] = []


def test_a_copy_that_hangs_is_killed_once_its_time_is_up_and_the_worker_told(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _SEEN[:] = [str(tmp_path / "pid")]
    monkeypatch.setattr(enriched_module, "enrich_segment", _hangs)
    monkeypatch.setattr(enriched_module, "COPY_SECONDS", 0.3)
    monkeypatch.setattr(enriched_module, "COPY_SECONDS_A_DOCUMENT", 0.0)
    with pytest.raises(TimeoutError, match=r"the copy of segment s1 took more than .* stopped"):
        enriched_module.enrich_segment_apart("ix", "stage", _Segment(), [])
    pid = int((tmp_path / "pid").read_text())
    with pytest.raises(ProcessLookupError):  # killed, and reaped
        os.kill(pid, 0)


def test_a_copy_is_given_time_for_each_of_its_documents() -> None:
    """A bound from the work, not one number for a copy of any size: a segment of a
    50,000-article build (~7,000 documents) is given minutes, not seconds."""
    small, large = enriched_module.copy_time(100), enriched_module.copy_time(7_000)
    assert 60 <= small < large
    assert large >= 300


def test_a_build_whose_copy_hangs_stops_it_and_leaves_the_segments_plain(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, only_this_thread: None
) -> None:
    """In the worker processes of a build's second phase: the copy is killed, the error
    comes to the caller (which says it: names not found yet), nothing is committed of
    that segment, and the next enrichment finds them."""
    _in_workers(monkeypatch, 2)
    plain = _two_writes(tmp_path / "plain", False, FIRST, SECOND)
    _SEEN[:] = [str(tmp_path / "pid")]
    with monkeypatch.context() as patched:
        patched.setattr(enriched_module, "enrich_segment", _hangs)
        patched.setattr(enriched_module, "COPY_SECONDS", 0.3)
        patched.setattr(enriched_module, "COPY_SECONDS_A_DOCUMENT", 0.0)
        with pytest.raises(TimeoutError, match="took more than"):
            plain.enrich(add_names, workers=2)
    assert multiprocessing.active_children() == []
    with pytest.raises(ProcessLookupError):
        os.kill(int((tmp_path / "pid").read_text()), 0)
    assert plain.plain_documents() == 230
    assert plain.enrich(add_names, workers=2) == 230


def _copy_alone(index_dir: str, staging: str, segment: Any, runs: list[str]) -> Any:
    """enrich_segment_apart, noting whether another copy was being made meanwhile."""
    with open(_SEEN[0], "a") as log, open(_SEEN[0] + ".lock", "a") as lock:  # noqa: PTH123
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            log.write("overlap\n")
            log.flush()
            fcntl.flock(lock, fcntl.LOCK_EX)
        time.sleep(0.3)  # (a copy that takes its time: the other worker names meanwhile)
        log.write("copy\n")
        return enriched_module.enrich_segment_apart(index_dir, staging, segment, runs)


def test_the_workers_make_one_copy_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, only_this_thread: None
) -> None:
    """Each copy's process is ~65-90 MB at 50,000 articles: two at once were the second
    phase's peak. The worker not copying names the next segment's documents meanwhile."""
    _in_workers(monkeypatch, 2)
    plain = _two_writes(tmp_path / "plain", False, FIRST, SECOND)
    plain.write(prepare=plain_document, items=list(range(230, 300)), names=False)
    _SEEN[:] = [str(tmp_path / "copies")]
    monkeypatch.setattr(enriching_module, "enrich_segment_apart", _copy_alone)
    assert plain.enrich(add_names, workers=2) == 300
    assert (tmp_path / "copies").read_text().split() == ["copy"] * 3
    built = _two_writes(tmp_path / "built", True, FIRST, SECOND)
    built.write(prepare=named_document, items=list(range(230, 300)))
    q = 'person:"jana okafor" OR place:valmora'
    assert plain.search(q, limit=None) == built.search(q, limit=None)
