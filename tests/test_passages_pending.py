"""Passage fingerprints come with the names: a full build's first phase writes plain
segments without their ``.psg`` file, the second phase (tui.index.enriched) writes it.
Meanwhile shared passages say they are not ready, never a list missing part of the
corpus; in every flow (updates, merges, a phase 2 stopped, another process finding
the names) the index ends with the fingerprints a build with names writes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import write_article
from tests.test_enriching import (
    FIRST,
    SECOND,
    _files,
    _in_workers,
    _two_writes,
    add_names,
    edited_named,
    named_document,
    plain_document,
)
from tests.test_two_phase import _corpus, stopped_finding_names
from tui.commands import EXIT_NOT_READY, main
from tui.index import PassagesNotReady, SearchIndex, lookups
from tui.index.enriching import PLAIN_EXT
from tui.index.folder import open_index
from tui.index.segment import segments
from tui.index.segment_files import add_missing_sidecars
from tui.index.sidecar import PASSAGES_EXT
from tui.index.sidecar_read import live_hashes
from tui.library import Library, PassagesPending
from tui.library.naming import NamingLock


def _psg_files(folder: Path) -> dict[str, bool]:
    """{segment id: whether it has its .psg file} for the index in ``folder``."""
    ix = open_index(folder)
    return {
        seg.segment_id(): (folder / seg.make_filename(PASSAGES_EXT)).exists()
        for seg in segments(ix)
    }


def _prints(index: SearchIndex) -> dict[str, list[tuple[int, int]]]:
    """Every live document's fingerprints (hash, word) by its id, as lookups read them."""
    hashes, docs, pos = live_hashes(index.sidecars(passages=True))
    ids = {n: index.stored_by_number([n])[n]["id"] for n in set(docs.tolist())}
    out: dict[str, list[tuple[int, int]]] = {}
    for h, d, p in zip(hashes.tolist(), docs.tolist(), pos.tolist(), strict=True):
        out.setdefault(ids[d], []).append((h, p))
    return {k: sorted(v) for k, v in out.items()}


def _built(path: Path, first: list[int], then: list[int] | None = None) -> SearchIndex:
    """The index a build with names writes of ``first`` (and then ``then``, edited)."""
    index = SearchIndex(path)
    index.write(prepare=named_document, items=first, fresh=True)
    if then:
        index.write(prepare=edited_named, items=then)
    return index


@pytest.mark.parametrize("workers", [1, 2])
def test_plain_segments_have_no_passages_until_their_names_are_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    _in_workers(monkeypatch, workers)
    # Two plain writes: the second one's commit looks for segments without their
    # sidecar files (add_missing_sidecars), which must leave a plain one's .psg unmade.
    plain = _two_writes(tmp_path / "plain", False, FIRST, SECOND)
    assert _psg_files(tmp_path / "plain") == dict.fromkeys(_psg_files(tmp_path / "plain"), False)
    for segment in segments(plain.ix):
        assert {".ent", ".fct", PLAIN_EXT} <= set(_files(tmp_path / "plain", segment))
    with pytest.raises(PassagesNotReady):
        plain.sidecars(passages=True)
    assert len(plain.sidecars()) == 2  # the entity rows (none yet) read as ever
    assert add_missing_sidecars(open_index(tmp_path / "plain")) == 0
    assert not any(_psg_files(tmp_path / "plain").values())
    assert plain.enrich(add_names, workers=workers) == 230
    assert all(_psg_files(tmp_path / "plain").values())
    built = _two_writes(tmp_path / "built", True, FIRST, SECOND)
    assert _prints(plain) == _prints(built)
    assert len(_prints(plain)) == 230


def test_a_segment_with_names_that_lacks_its_passages_file_gets_it_again(
    tmp_path: Path,
) -> None:
    """add_missing_sidecars skips plain segments, not the others: a segment with its
    names whose .psg file is missing (a Whoosh writer's segment, a file lost) gets it
    back, the same bytes; a plain segment that lacks its .ent file gets that alone."""
    built = _built(tmp_path / "built", list(FIRST))
    (segment,) = segments(built.ix)
    path = tmp_path / "built" / segment.make_filename(PASSAGES_EXT)
    before = path.read_bytes()
    path.unlink()
    assert add_missing_sidecars(open_index(tmp_path / "built")) == 1
    assert path.read_bytes() == before
    plain = SearchIndex(tmp_path / "plain")
    plain.write(prepare=plain_document, items=list(FIRST), fresh=True, names=False)
    (segment,) = segments(plain.ix)
    ent = tmp_path / "plain" / segment.make_filename(".ent")
    ent.unlink()
    assert add_missing_sidecars(open_index(tmp_path / "plain")) == 1
    assert ent.exists()
    assert not (tmp_path / "plain" / segment.make_filename(PASSAGES_EXT)).exists()


def test_names_stopped_half_way_leave_passages_not_ready_and_the_next_run_ends_them(
    tmp_path: Path,
) -> None:
    plain = _two_writes(tmp_path / "plain", False, FIRST, SECOND)
    named: list[int] = []

    def cancelled() -> bool:  # once the first segment's names are all found
        return sum(named) >= len(FIRST)

    with pytest.raises(InterruptedError):
        plain.enrich(add_names, progress=named.append, cancelled=cancelled)
    assert sorted(_psg_files(tmp_path / "plain").values()) == [False, True]
    assert [n for _, n in plain.plain_segments()] == [len(SECOND)]
    with pytest.raises(PassagesNotReady):
        plain.sidecars(passages=True)
    assert SearchIndex(tmp_path / "plain").enrich(add_names) == len(SECOND)
    plain = SearchIndex(tmp_path / "plain")
    assert all(_psg_files(tmp_path / "plain").values())
    built = _two_writes(tmp_path / "built", True, FIRST, SECOND)
    assert _prints(plain) == _prints(built)


@pytest.mark.parametrize("workers", [1, 2])
def test_updates_while_the_names_are_pending_then_merged_with_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    """Articles edited and added while a full build's names are pending go in segments
    with their names and fingerprints; the plain ones stay without until their names
    come. Small segments, merged once they have their names, copy the fingerprints."""
    _in_workers(monkeypatch, workers)
    folder = tmp_path / "plain"
    plain = SearchIndex(folder)
    plain.write(prepare=plain_document, items=list(range(0, 30)), fresh=True, names=False)
    for start in range(30, 120, 30):  # small plain segments: merged once named
        plain.write(prepare=plain_document, items=list(range(start, start + 30)), names=False)
    plain.write(delete=["d0005", "d0100"], prepare=edited_named, items=[5, 100])
    has = _psg_files(folder)
    assert len(has) == 5 and sum(has.values()) == 1  # the edited articles' segment
    with pytest.raises(PassagesNotReady):
        plain.sidecars(passages=True)
    assert plain.enrich(add_names, workers=workers) == 120 - 2
    assert len(segments(plain.ix)) < 5  # merged
    assert all(_psg_files(folder).values())
    built = _built(tmp_path / "built", [n for n in range(120) if n not in (5, 100)], [5, 100])
    assert _prints(plain) == _prints(built)
    assert plain.search("resigned", limit=None)[1] == 2


# -- the library and the command line ------------------------------------------------


def _quoted_corpus(folder: Path) -> Path:
    """The two-phase tests' corpus, with a quote in three of its articles."""
    _corpus(folder)
    quote = "we will not accept any agreement that leaves our families without water again"
    for n in (1, 7, 13):
        write_article(folder, f"quoted{n}.txt", f"Quoted {n}", f"On day {n} she said: {quote}.")
    return folder


def _passages(lib: Library, path: str) -> list[Any]:
    article = lib.article(path)
    return [(p.start, p.end, sorted(c.path for c in p.also_in)) for p in lib.passages(article.id)]


def test_the_library_says_passages_are_not_ready_while_names_are_pending(
    tmp_path: Path,
) -> None:
    corpus = _quoted_corpus(tmp_path / "news")
    lib = Library.open(corpus)
    report = stopped_finding_names(lib, workers=1)
    assert report.names_pending
    with pytest.raises(PassagesPending, match="not ready yet") as caught:
        lib.passages(lib.article("quoted1.txt").id)
    assert caught.value.articles == lib.index.plain_documents() > 0
    with pytest.raises(PassagesPending):
        lib.reused_passages(3)
    assert lib.together("person:tony blair") is not None  # entities read as ever
    report = Library.open(corpus).update_index(workers=1)
    assert report.names_found > 0 and not report.names_pending
    lib = Library.open(corpus)
    found = _passages(lib, "quoted1.txt")
    assert found and found[0][2] == ["quoted13.txt", "quoted7.txt"]
    assert lib.reused_passages(3)[0].articles == 24  # (every story: "met negotiators in")


def test_dossier_passages_while_another_process_finds_the_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`dossier passages` beside a `dossier index` (or the app) finding the names: one
    line on stderr, nothing on stdout, exit 3; once the names are in, the passages."""
    corpus = _quoted_corpus(tmp_path / "news")
    lib = Library.open(corpus)
    stopped_finding_names(lib, workers=1)
    lock = NamingLock(lib.paths.index)
    assert lock.acquire()
    try:
        for argv in (["quoted1.txt"], ["quoted1.txt", "--json"], ["--top", "3"]):
            code = main(["passages", *argv, "--corpus", str(corpus)])
            out, err = capsys.readouterr()
            assert code == EXIT_NOT_READY, (argv, err)
            assert out == ""
            said = [line for line in err.splitlines() if "passages" in line]
            assert len(said) == 1 and said[0].startswith(
                "dossier: shared passages are not ready yet: they are found with the names"
            ), err
            assert said[0].endswith("; try again once they are"), err
    finally:
        lock.release()
    # Nobody finds them now: this command does, then answers.
    assert main(["passages", "quoted1.txt", "--corpus", str(corpus), "--json"]) == 0
    out, _ = capsys.readouterr()
    (passage,) = [json.loads(line) for line in out.splitlines()]
    assert sorted(c["title"] for c in passage["also_in"]) == ["Quoted 13", "Quoted 7"]
    assert not Library.open(corpus).names_pending()


def test_a_search_leaves_the_names_and_passages_finds_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`dossier search` in a folder never indexed leaves the names (and so the
    fingerprints) to a later update: `dossier passages` is that update."""
    corpus = _quoted_corpus(tmp_path / "news")
    assert main(["search", "--no-server", "--corpus", str(corpus), "ceasefire"]) == 0
    assert Library.open(corpus).index.plain_documents() > 0
    capsys.readouterr()
    assert main(["passages", "quoted7.txt", "--corpus", str(corpus)]) == 0
    out, err = capsys.readouterr()
    assert "Quoted 1 " in out and "Quoted 13 " in out, (out, err)


def test_a_build_in_one_phase_writes_the_passages_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where a build finds the names as it goes (one article, a Whoosh release the
    segment writer does not know, `index_equal.py --one-phase`), no segment is plain:
    the fingerprints are written with the segments, and passages are ready at once."""
    from tui.library import upkeep

    real = upkeep.update_index

    def one_phase(*args: Any, **kwargs: Any) -> Any:
        kwargs["names_later"] = False
        return real(*args, **kwargs)

    monkeypatch.setattr(upkeep, "update_index", one_phase)
    corpus = _quoted_corpus(tmp_path / "news")
    lib = Library.open(corpus)
    report = lib.update_index(workers=1, find_names=False)
    assert not report.names_pending and not lib.index.plain_segments()
    assert all(_psg_files(lib.paths.index).values())
    assert _passages(lib, "quoted1.txt")[0][2] == ["quoted13.txt", "quoted7.txt"]
    alone = tmp_path / "alone"
    write_article(alone, "one.txt", "One", "A single article of a few words.")
    lib = Library.open(alone)
    monkeypatch.setattr(upkeep, "update_index", real)
    lib.update_index(workers=1, find_names=False)
    assert not lib.index.plain_segments() and all(_psg_files(lib.paths.index).values())
    assert lib.passages(lib.article("one.txt").id) == []


@pytest.mark.parametrize("opened", [False, True])
@pytest.mark.parametrize("passages", [False, True])
def test_a_lookup_as_another_process_names_the_segments_it_reads_reads_the_named_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, opened: bool, passages: bool
) -> None:
    """Another process's phase 2 commits the named copies of the plain segments this
    one's searcher reads, and removes the plain ones' files, between the searcher a
    lookup takes and the sidecar files it opens: the answer is the named segments',
    whole, never one that leaves the plain ones out. ``opened``: this process has
    looked them up before (and kept them open)."""
    plain = _two_writes(tmp_path / "ix", False, FIRST, SECOND)
    if opened:
        assert len(plain.sidecars()) == 2
        with pytest.raises(PassagesNotReady):
            plain.sidecars(passages=True)
    other = SearchIndex(tmp_path / "ix")  # another process: its own searcher, its own files
    named: list[int] = []
    real = lookups.leaf_segments

    def then_named(searcher: Any, folder: Path) -> Any:
        found = real(searcher, folder)
        if not named:  # once: as this lookup reads the plain generation
            named.append(other.enrich(add_names))
        return found

    monkeypatch.setattr(lookups, "leaf_segments", then_named)
    loaded = plain.sidecars(passages=passages)
    assert named == [230]
    assert not plain.plain_segments()
    built = _two_writes(tmp_path / "built", True, FIRST, SECOND)
    rows = sorted(
        (plain.stored_by_number([item.offset + int(d)])[item.offset + int(d)]["id"], int(e))
        for item in loaded
        for d, e in zip(item.side.entity_doc.tolist(), item.side.entity.tolist(), strict=True)
    )
    assert len({doc_id for doc_id, _ in rows}) == 230  # every article's names
    assert len(rows) == sum(len(item.side.entity) for item in built.sidecars())
    monkeypatch.setattr(lookups, "leaf_segments", real)
    assert _prints(plain) == _prints(built)
    assert len(_prints(plain)) == 230
