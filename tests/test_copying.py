"""A merge that copies segments (tui.index.copying) writes the segment a build of the
same live documents writes: every file compared byte for byte."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import write_article
from tui.index import copying
from tui.index import segment as segment_module
from tui.index.build import Target, build_segment
from tui.index.copying import copy_segments, merged_segment
from tui.index.errors import NotCopyable
from tui.index.schema import make_schema
from tui.index.segment import segment_reader, segments
from tui.index.segment_files import live_documents
from tui.library import Library

PEOPLE = ["Jana Okafor", "Pieter Vance", "Lena Marsh", "Tomas Reyes"]
PLACES = ["Valmora", "Brusselton", "Kettering Bay"]


def _article(folder: Path, name: str, n: int, extra: str = "") -> None:
    dated = f"Date: 2024-03-{1 + n % 27:02d}\nBy: Reporter {n % 5}\n\n" if n % 3 else ""
    (folder / name).parent.mkdir(parents=True, exist_ok=True)
    write_article(
        folder,
        name,
        f"Story {n} about the harbour and word{n % 11}",
        f"{dated}Negotiators met in {PLACES[n % 3]} on day {n} to discuss the harbour. "
        + " ".join(f"term{(n * k) % 37}" for k in range(1, 9)),
        f"{PEOPLE[n % 4]} told reporters in {PLACES[(n + 1) % 3]} that {PEOPLE[(n + 1) % 4]} "
        f"agreed. The harbour harbour grain prices rose {n % 7} percent.{extra}",
    )


def _files(folder: Path, segment: Any) -> dict[str, bytes]:
    """A segment's files by what follows its id in their names."""
    stem = segment.make_filename("")
    return {
        p.name[len(stem) :]: p.read_bytes() for p in folder.iterdir() if p.name.startswith(stem)
    }


def _index_with_deletions(tmp_path: Path, edits: bool = True) -> Library:
    corpus = tmp_path / "news"
    corpus.mkdir()
    n = 0
    lib = Library.open(corpus)
    for round_ in range(3):  # three segments; a word in every article fills blocks of 128
        for _ in range(70):
            _article(corpus, f"r{round_}/s{n:03d}.txt", n)
            n += 1
        lib.update_index(workers=1)
    if not edits:
        return lib
    for k in (0, 5, 71, 139, 140, 200):  # edits and deletions in each segment
        name = f"r{k // 70}/s{k:03d}.txt"
        if k % 2:
            (corpus / name).unlink()
        else:
            _article(corpus, name, k, " Update: Jana Okafor resigned.")
    lib.update_index(workers=1)
    return lib


@pytest.mark.parametrize("edits", [True, False], ids=["with-deletions", "without"])
def test_a_copied_merge_is_the_segment_a_build_of_its_live_documents_writes(
    tmp_path: Path, edits: bool
) -> None:
    lib = _index_with_deletions(tmp_path, edits)
    ix = lib.index.ix
    group = segments(ix)[:3]
    assert all(bool(seg.deleted_count()) == edits for seg in group)
    assert sum(seg.doc_count_all() for seg in group) == 210
    copied_dir, built_dir = tmp_path / "copied", tmp_path / "built"
    copied_dir.mkdir()
    built_dir.mkdir()
    copied = copy_segments(Target(copied_dir), ix, group)
    documents = (d for seg in group for d in live_documents(ix, seg))
    built, _ = build_segment(Target(built_dir), documents)
    live = sum(seg.doc_count_all() - seg.deleted_count() for seg in group)
    assert copied.doc_count_all() == built.doc_count_all() == live
    copied_files, built_files = _files(copied_dir, copied), _files(built_dir, built)
    assert sorted(copied_files) == sorted(built_files)
    assert {".trm", ".pst", ".psg", ".ent", ".fct", ".person.ets"} <= set(copied_files)
    for ext, data in built_files.items():
        assert copied_files[ext] == data, ext
    # the total length of each field (the scorer's average) leaves the deleted ones out
    schema = make_schema()
    copied_reader = segment_reader(Target(copied_dir), copied)
    built_reader = segment_reader(Target(built_dir), built)
    for name in schema.names():
        if schema[name].scorable:
            assert copied_reader.field_length(name) == built_reader.field_length(name), name
    assert copied_reader.field_length("body") > 0
    copied_reader.close()
    built_reader.close()


def test_a_segment_that_cannot_be_copied_is_written_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lib = _index_with_deletions(tmp_path)
    ix = lib.index.ix
    group = segments(ix)[:2]

    def refuse(*args: Any) -> Any:  # (once the copy has written the documents' files)
        raise NotCopyable("not today")

    monkeypatch.setattr(copying, "decode_postings", refuse)
    before = {p.name for p in lib.paths.index.iterdir()}
    merged = merged_segment(lib.paths.index, ix, group)
    assert merged.doc_count_all() == sum(s.doc_count_all() - s.deleted_count() for s in group)
    after = {p.name for p in lib.paths.index.iterdir()}
    # the copy left nothing behind: only the rebuilt segment's files are new (and the
    # folder Whoosh's writer sorts its columns in)
    stem = merged.make_filename("")
    assert {n for n in after - before if not n.startswith(stem)} <= {"MAIN.tmp"}
    assert any(n.startswith(stem) and n.endswith(".trm") for n in after)


def test_merged_indexes_answer_as_a_fresh_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.index import merging

    def no_rebuild(*args: Any) -> Any:
        raise AssertionError("every merge here copies its segments")

    monkeypatch.setattr(merging, "FACTOR", 3)
    monkeypatch.setattr(copying, "build_segment", no_rebuild)
    corpus = tmp_path / "news"
    corpus.mkdir()
    lib = Library.open(corpus)
    n = 0
    for round_ in range(3):  # three segments of 70, two merged (copied) at the third
        for _ in range(70):
            _article(corpus, f"r{round_}/s{n:03d}.txt", n)
            n += 1
        lib.update_index(workers=1)
    assert len(segments(lib.index.ix)) <= 2
    for k in range(0, 210, 3):  # a third of it edited or deleted: written again alone
        name = f"r{k // 70}/s{k:03d}.txt"
        if k % 2:
            (corpus / name).unlink()
        else:
            _article(corpus, name, k, " Update: Jana Okafor resigned.")
    lib.update_index(workers=1)
    for n in range(300, 330):  # and small segments merged by tiers
        _article(corpus, f"late/s{n:03d}.txt", n)
        if n % 10 == 9:
            lib.update_index(workers=1)
    ix = lib.index.ix
    assert ix.doc_count_all() == ix.doc_count() == 210 - 35 + 30  # deleted ones merged away
    fresh = Library.open(corpus, index_dir=tmp_path / "fresh-index")
    fresh.update_index(workers=1)
    for query in ("harbour", "term3 OR word4", '"grain prices"', "person:jana*", "resigned"):
        mine = lib.search(query, limit=None)
        theirs = fresh.search(query, limit=None)
        assert mine.total == theirs.total > 0, query
        # (ties in another order: the documents are numbered in another order)
        assert sorted((h.path, round(h.score, 9)) for h in mine.hits) == sorted(
            (h.path, round(h.score, 9)) for h in theirs.hits
        ), query
    mine_facets = {(e.type, e.name): (e.articles, e.mentions) for e in lib.entity_facets()}
    theirs_facets = {(e.type, e.name): (e.articles, e.mentions) for e in fresh.entity_facets()}
    assert mine_facets == theirs_facets


@pytest.mark.parametrize("fixedsize", [None, 0, 4])
@pytest.mark.parametrize("weighting", ["ones", "constant", "varied"])
def test_joined_blocks_are_the_block_of_the_postings_one_after_the_other(
    fixedsize: int | None, weighting: str
) -> None:
    import random
    import struct

    from tui.index.blocks import encode_postings, join_blocks, one_block
    from tui.index.segment import TERM_ENTRY

    rng = random.Random(f"{fixedsize}{weighting}")
    for _ in range(200):
        parts = []
        shift = 0
        ids: list[int] = []
        weights: list[float] = []
        values: list[Any] = []
        lengths: list[Any] = []
        for _ in range(rng.randint(1, 5)):
            count = rng.randint(1, 20)
            local = sorted(rng.sample(range(200), count))
            if weighting == "ones":
                w = [1.0] * count
            elif weighting == "constant":
                w = [2.0] * count
            else:
                w = [float(rng.choice((1, 2, 3, 6))) for _ in local]
            if fixedsize == 4:
                v = [struct.pack("<I", rng.randint(1, 9)) for _ in local]
            elif fixedsize == 0:
                v = [b""] * count
            else:
                v = [bytes(rng.randint(1, 4) * 4) for _ in local]
            n = [rng.randint(1, 3000) for _ in local] if fixedsize != 0 else [None] * count
            blob, stats = encode_postings(local, w, v, n, 128, fixedsize)
            block = one_block(blob, TERM_ENTRY.pack(0, *stats, 0, len(blob)))
            assert block is not None
            parts.append((shift, *block))
            ids += [d + shift for d in local]
            weights += w
            values += v
            lengths += n
            shift = ids[-1] + 1 + rng.randint(0, 5)
        assert join_blocks(parts, fixedsize) == encode_postings(
            ids, weights, values, lengths, 128, fixedsize
        )


def test_a_copy_reads_the_stored_fields_a_document_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Read whole before the copy's first document, a segment's stored fields were held
    through it: 12 MB of a 5,221-document segment's copy (tracemalloc), its largest part.
    The copy is the same file for file."""
    from whoosh.columns import VarBytesColumn

    lib = _index_with_deletions(tmp_path)
    ix = lib.index.ix
    group = segments(ix)[:3]
    whole, lazy = tmp_path / "whole", tmp_path / "lazy"
    whole.mkdir()
    lazy.mkdir()
    before = copy_segments(Target(whole), ix, group)

    class Stored(VarBytesColumn):  # (the stored fields' column, as segment.py reads it)
        class Reader(VarBytesColumn.Reader):
            def __iter__(self) -> Any:
                raise AssertionError("the whole column read at once")

    monkeypatch.setattr(segment_module, "VarBytesColumn", Stored)
    after = copy_segments(Target(lazy), ix, group)
    assert _files(lazy, after) == _files(whole, before)


def test_a_segments_terms_are_held_as_offsets_into_its_table(tmp_path: Path) -> None:
    # A copy holds every term of its segments until it ends: as a tuple of two bytes
    # objects each (~150 bytes a term) they were 5.7 MB of a segment of 4,684 documents.
    import tracemalloc

    from tui.index.segment import raw_terms

    lib = _index_with_deletions(tmp_path, edits=False)
    ix = lib.index.ix
    reader = segment_reader(ix, segments(ix)[0])
    try:
        tracemalloc.start()
        terms = raw_terms(reader)
        held, _ = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        count = sum(len(list(t)) for t in terms.values())
        table = sum(len(key) + len(entry) for t in terms.values() for key, entry in t)
        assert count > 300  # (the bound below measures something)
        assert held < table * 1.2 + 40 * count + 4096, (held, table, count)
        # the same terms, in order, with their entries, as the reader has them
        body = [(key, entry) for key, entry in terms["body"]]
        assert [key for key, _ in body] == sorted(key for key, _ in body)
        assert [key for key, _ in body] == list(reader.lexicon("body"))
    finally:
        reader.close()
