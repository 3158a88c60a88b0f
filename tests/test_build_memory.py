"""What a parallel build holds at once (issue 13: a 50,000-article build within 400 MB)."""

from __future__ import annotations

import multiprocessing
import pickle
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from tests.build_docs import as_it_is as _as_it_is
from tests.build_docs import docs as _docs

#: Every test here builds in forked workers, which a process with other threads does not fork.
pytestmark = pytest.mark.usefixtures("only_this_thread")


def test_the_workers_are_gone_before_their_documents_are_unpickled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The documents a parallel build returns are unpickled in the parent only once its
    worker processes have exited: at 50,000 articles, unpickled beside the workers'
    full heaps, they were the build's peak of memory."""
    from tui.index import SearchIndex, build

    alive: list[int] = []

    def load(file: Any) -> Any:
        alive.append(len(multiprocessing.active_children()))
        return pickle.load(file)

    # (the workers write the documents to files the parent reads: pickle.load there)
    namespace = SimpleNamespace(
        load=load, dump=pickle.dump, loads=pickle.loads, dumps=pickle.dumps, HIGHEST_PROTOCOL=5
    )
    monkeypatch.setattr(build, "pickle", namespace)
    docs = _docs(400)
    index = SearchIndex(tmp_path / "ix")
    index.open()
    added, errors = index.write(prepare=_as_it_is, items=docs, workers=2)
    assert (len(added), errors, index.doc_count()) == (400, [], 400)
    assert alive, "the documents came back from workers, pickled"
    assert alive == [0] * len(alive)


def test_a_worker_writes_its_documents_to_a_file_as_it_goes(tmp_path: Path) -> None:
    """A worker's documents go to its file in runs of PICKLED_DOCS as the build goes,
    not held to the end and sent back in its result (~12 MB of each worker's heap at
    the 50k build's peak, and as much again in the parent); they read back whole and
    in order."""
    from tui.index import build

    docs = _docs(2 * build.PICKLED_DOCS + 7)
    seen: list[int] = []
    path = tmp_path / "docs"
    with path.open("wb") as out:

        def documents() -> Any:
            for doc in docs:
                out.flush()
                seen.append(path.stat().st_size)
                yield dict(doc)

        segments, kept = build.build_bounded(build.Target(tmp_path), documents(), spill=out)
    assert kept == [] and len(segments) == 1
    # written after the first run of documents, long before the last
    assert seen[build.PICKLED_DOCS - 1] == 0 < seen[build.PICKLED_DOCS + 1]
    back = build.read_spilled(str(path))
    assert [d["id"] for d in back] == [d["id"] for d in docs]
    assert back[3] == build._kept(docs[3])


def test_a_parallel_build_leaves_no_document_files(tmp_path: Path) -> None:
    """The documents' files are named as the index's own (what a crash leaves is
    cleared as a dead segment's files are, and the folder is never refused as
    holding foreign files) and are gone once the build is committed."""
    from tui.index import SearchIndex
    from tui.index.folder import is_index_file

    index = SearchIndex(tmp_path / "ix")
    index.open()
    added, errors = index.write(prepare=_as_it_is, items=_docs(300), workers=2)
    assert (len(added), errors) == (300, [])
    names = sorted(p.name for p in (tmp_path / "ix").iterdir())
    assert not [n for n in names if n.endswith(".docs")], names
    assert all(is_index_file(n) for n in names), names
    assert index.doc_count() == 300


def test_postings_of_one_frequency_share_their_weight() -> None:
    """A posting held packed reads back with the weight of its frequency as one shared
    float (24 of its ~100 bytes were a float of its own while it waited in a list), and
    as the same value."""
    from tui.index.packed import unpack
    from tui.terms import TermPostings, Vocabulary, Words, add_terms

    vocabulary = Vocabulary()
    words = Words()
    postings = TermPostings(vocabulary)
    for docnum, text in enumerate(["talks began", "talks talks ended", "the talks"]):
        add_terms(postings, docnum, text, words, False, 1.0, lambda n: n)
    postings.take(1 << 62)
    talks = unpack(postings.pop(b"talks"))
    weights = talks[1::4]
    assert weights == [1.0, 2.0, 1.0] and all(type(w) is float for w in weights)
    assert weights[0] is weights[2] is unpack(postings.pop(b"began"))[1]
    titled = TermPostings(vocabulary)
    add_terms(titled, 0, "talks talks", words, True, 2.0, lambda n: n)
    titled.take(1 << 62)
    assert unpack(titled.pop(b"talks"))[1] == 4.0


def test_freed_postings_go_back_before_the_passages_are_sorted_not_at_each_pass(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The C allocator's free pages go back to the system once a segment's postings are
    written, before the passage files' arrays are made: those arrays took fresh pages
    on top of the freed postings, a build worker's peak at 50,000 articles. And once
    the segment is written: its tables and arrays, freed, stayed resident (~20-40 MB of
    a build worker at 50,000 articles) through the next segment. Not after each pass
    over the postings: the next pass took the pages given back again, each zeroed by
    the kernel (5-12% of a build worker's CPU at 50,000 articles)."""
    from tui.index import build, builder, sidecar

    events: list[str] = []
    write, seal = sidecar.SidecarBuilder.write, builder.SegmentBuilder._seal

    def writing(self: Any, create: Any) -> None:
        events.append("passages")
        write(self, create)

    def sealing(self: Any) -> None:
        events.append("pass")
        seal(self)

    monkeypatch.setattr(builder, "give_back", lambda: events.append("give back") or True)
    monkeypatch.setattr(sidecar.SidecarBuilder, "write", writing)
    monkeypatch.setattr(builder.SegmentBuilder, "_seal", sealing)
    monkeypatch.setattr(builder, "SEAL_DOCS", 10)
    segments, kept = build.build_bounded(build.Target(tmp_path), iter(_docs(30)))
    assert len(segments) == 1 and len(kept) == 30
    assert events == ["pass"] * 3 + ["give back", "passages", "give back"]


def _passes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The number of documents at each pass of the builder over its postings."""
    from tui.index import builder

    passes: list[int] = []
    seal = builder.SegmentBuilder._seal

    def sealing(self: Any) -> None:
        passes.append(self.count)
        seal(self)

    monkeypatch.setattr(builder.SegmentBuilder, "_seal", sealing)
    monkeypatch.setattr(builder, "SEAL_DOCS", 10)
    monkeypatch.setattr(builder, "PACK_DOCS", 10)
    return passes


def test_a_build_of_few_documents_holds_their_postings_until_it_writes_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build told it takes few documents (a worker's share of a small corpus) makes no
    pass over its postings: packing them and unpacking them at the end was a tenth of a
    BBC build's index side, and their lists are small. Told nothing, or many, it makes
    its passes as before; the segments hold the same postings either way."""
    from tui.index import build

    passes = _passes(monkeypatch)
    monkeypatch.setattr(build, "UNSEALED_DOCS", 40)
    docs = _docs(35)
    _committed(
        tmp_path / "few", build.build_bounded(build.Target(tmp_path / "few"), iter(docs), share=35)
    )
    assert passes == []
    build.build_bounded(build.Target(tmp_path / "told_nothing"), iter(docs))
    assert passes == [10, 20, 30]
    passes.clear()
    _committed(
        tmp_path / "many",
        build.build_bounded(build.Target(tmp_path / "many"), iter(docs), share=41),
    )
    assert passes == [10, 20, 30]
    few, sealed = _postings(tmp_path / "few"), _postings(tmp_path / "many")
    assert few == sealed and len(few) > 20


def test_a_build_of_few_long_documents_starts_its_passes_when_they_hold_much_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Few documents of much text (books, say) would hold their lists whole: from
    UNSEALED_CHARS of text in the segment on, the builder passes over them as always."""
    from tui.index import build

    passes = _passes(monkeypatch)
    docs = _docs(35)
    size = sum(len(d["body"]) + len(d["title"]) for d in docs[:12])
    monkeypatch.setattr(build, "UNSEALED_CHARS", size)  # reached at the 12th document
    build.build_bounded(build.Target(tmp_path / "long"), iter(docs), share=35)
    assert passes == [13, 23, 33]


def _committed(folder: Path, built: tuple[list[Any], list[Any]]) -> None:
    from tui.index.segment import commit_toc
    from tui.index.storage import PrivateStorage

    commit_toc(PrivateStorage(str(folder)), built[0])


def _postings(folder: Path) -> dict[tuple[str, str], list[Any]]:
    """Every term of every field of the index's one segment, with its postings."""
    from tui.index.folder import open_index

    ix = open_index(folder)
    out: dict[tuple[str, str], list[Any]] = {}
    with ix.reader() as reader:
        for field, term in reader.all_terms():
            m = reader.postings(field, term)
            found = []
            while m.is_active():
                found.append((m.id(), m.weight(), m.value()))
                m.next()
            out[field, repr(term)] = found
    return out


def _passages(folder: Path) -> bytes:
    (path,) = folder.glob("*.psg")
    return path.read_bytes()


def test_passage_files_are_written_a_part_at_a_time_with_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fingerprints are put in hash order a part at a time (not copied whole three
    times at the end of every segment): the file holds the same bytes, each array the
    fingerprints sorted by hash (stable) with their documents and words."""
    import numpy as np

    from tui.index import build, sidecar
    from tui.index.arrayfile import unpack_arrays

    docs = _docs(50)
    for i, doc in enumerate(docs):  # bodies long enough to keep several fingerprints
        doc["body"] = " ".join(f"w{(i * 7 + k * k) % 97}" for k in range(120))
    monkeypatch.setattr(sidecar, "_PART", 1 << 30)
    build.build_bounded(build.Target(tmp_path / "whole"), iter(docs))
    monkeypatch.setattr(sidecar, "_PART", 7)
    build.build_bounded(build.Target(tmp_path / "parts"), iter(docs))
    whole, parts = _passages(tmp_path / "whole"), _passages(tmp_path / "parts")
    assert whole == parts
    arrays, _ = unpack_arrays(parts)
    assert len(arrays["hash"]) > 7 * 3 and len(arrays["hash"]) % 7
    from tui.shingles import fingerprints_many

    found = fingerprints_many([doc["body"] for doc in docs])
    hashes = np.concatenate([h for h, _ in found])
    doc_of = np.repeat(np.arange(len(docs)), [len(h) for h, _ in found])
    pos = np.minimum(np.concatenate([at for _, at in found]), sidecar.MAX_POS)
    order = np.argsort(hashes, kind="stable")
    assert arrays["hash"].tolist() == hashes[order].tolist()
    assert arrays["doc"].tolist() == doc_of[order].tolist()
    assert arrays["pos"].tolist() == pos[order].tolist()


def test_the_parent_gives_its_free_pages_back_before_the_workers_fork(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the parent freed before a parallel build (the folder's scan, the model's file)
    goes back to the system before the workers are forked from it: left in its free
    lists, each worker allocated into those pages and got a copy of each."""
    from tui.index import SearchIndex, build

    alive: list[int] = []
    monkeypatch.setattr(
        build,
        "give_back",
        lambda: alive.append(len(multiprocessing.active_children())) or True,
    )
    index = SearchIndex(tmp_path / "ix")
    index.open()
    added, errors = index.write(prepare=_as_it_is, items=_docs(300), workers=2)
    assert (len(added), errors) == (300, [])
    assert alive == [0]  # once, before any worker


def test_postings_wait_as_lists_for_at_most_250_documents(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A segment's new postings wait as Python lists (~100 bytes a posting, against ~25
    packed or encoded) for at most 250 documents before a pass packs or encodes them:
    at 500, those lists were ~13 MB of each 50,000-article build worker's peak."""
    from tui.index import build, builder

    at: list[int] = []
    seal = builder.SegmentBuilder._seal

    def sealing(self: Any) -> None:
        at.append(self.count)
        seal(self)

    monkeypatch.setattr(builder.SegmentBuilder, "_seal", sealing)
    segments, _ = build.build_bounded(build.Target(tmp_path), iter(_docs(800)))
    assert len(segments) == 1
    gaps = [b - a for a, b in zip([0, *at], [*at, 800], strict=True)]
    assert max(gaps) <= 250, gaps


def test_a_build_leaves_nothing_for_the_cyclic_collector(tmp_path: Path) -> None:
    """A build's worker runs without the cyclic collector (its memory is freed by
    references alone), so what a segment made must go without it. Two reference cycles
    kept every written segment's objects to the end of a worker: Whoosh's error for the
    existing ``<index>.tmp`` folder, held in a frame under the segment's builder, and the
    terms table's hash writer bound to the table (a tuple a term in its buckets; ~20 MB
    a segment at 50,000 articles)."""
    import gc

    from tui.index import build

    build.build_bounded(build.Target(tmp_path / "first"), iter(_docs(20)))  # imports, caches
    gc.collect()
    gc.disable()
    try:
        segments, kept = build.build_bounded(build.Target(tmp_path / "ix"), iter(_docs(60)), 4_000)
        unreachable = gc.collect()
    finally:
        gc.enable()
    assert len(segments) >= 3 and len(kept) == 60
    assert unreachable == 0


def test_the_items_of_a_build_share_what_they_have_alike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The parent of a build holds every article's item until the build ends: a group
    with no learned lines gives each the same empty set, and an article with nothing but
    the extracts' cache the same dict (a set and a dict of its own each were ~20 MB at
    50,000 articles). The shared ones read as before."""
    from tests.conftest import write_article
    from tui.index import SearchIndex
    from tui.library import Library

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(4):
        write_article(corpus, f"news/a{n}.txt", f"Story {n}", f"Talks on day {n} went on.")
    seen: list[Any] = []
    write = SearchIndex.write

    def writing(self: Any, *args: Any, **kwargs: Any) -> Any:
        seen.extend(kwargs["items"])
        return write(self, *args, **kwargs)

    monkeypatch.setattr(SearchIndex, "write", writing)
    lib = Library.open(corpus)
    lib.update_index()
    assert len(seen) == 4 and len(lib.articles()) == 4
    learned, extras = {id(item[5]) for item in seen}, {id(item[6]) for item in seen}
    assert (len(learned), len(extras)) == (1, 1)
    assert seen[0][5] == frozenset() and seen[0][6] == {"cache": str(lib.catalog.extracts)}


def test_a_fields_terms_go_to_the_table_as_their_postings_are_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The terms-table entries of a field being written wait for at most a few thousand
    terms (held until the field's end, the largest field's were ~15 MB of a 50,000-article
    build worker as it wrote a segment), and the segment is the same bytes."""
    from tui.index import build, fieldout

    docs = _docs(40)
    for i, doc in enumerate(docs):  # many terms: each document's words are its own
        doc["body"] += " " + " ".join(f"w{i}x{k}" for k in range(30))
    build.build_bounded(build.Target(tmp_path / "whole"), iter(docs))
    batches: list[int] = []
    add_terms = fieldout.add_terms

    def adding(table: Any, entries: list[Any]) -> None:
        batches.append(len(entries))
        add_terms(table, entries)

    monkeypatch.setattr(fieldout, "add_terms", adding)
    monkeypatch.setattr(fieldout, "_WRITE_TERMS", 50)
    build.build_bounded(build.Target(tmp_path / "parts"), iter(docs))
    assert max(batches) <= 50 and sum(batches) > 1200

    def files(folder: Path) -> dict[str, bytes]:  # (named by the segment's random id)
        return {p.name.split(".", 1)[1]: p.read_bytes() for p in folder.glob("*_*.*")}

    whole, parts = files(tmp_path / "whole"), files(tmp_path / "parts")
    assert {"trm", "pst"} <= set(whole) and whole == parts


def test_extracting_a_texts_entities_leaves_nothing_for_the_cyclic_collector() -> None:
    """A build's worker runs without the cyclic collector: what the recogniser makes of a
    text must go by its references alone. Two closures in Recognizer.candidates were,
    compiled (mypyc: a closure's environment holds the function, which holds it), a
    reference cycle through the text's lines: every article's were kept, and a 50,000-
    article build's workers grew to 1.1 GB each."""
    import gc

    from tui.entities import Recognizer

    recognizer = Recognizer()
    text = (
        "Talks in Geneva\n\nGordon Brown and Tony Blair met the chief of Acme Holdings "
        "and the Bank of England in London on Monday. Singer George Michael said so."
    )
    recognizer.extract(text)  # the model, lists and caches, loaded
    gc.collect()
    gc.disable()
    try:
        for _ in range(3):
            assert recognizer.extract(text)
        unreachable = gc.collect()
    finally:
        gc.enable()
    assert unreachable == 0


def test_a_workers_share_of_50000_articles_makes_four_segments(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """SEGMENT_CHARS trades a build's memory against every search's cost: at a build's
    peak one worker writes a segment while the other is halfway through one, and each
    segment is one more for every search to read. A worker's share of 50,000 news
    articles (25,000 of ~2,260 characters with their titles) makes 4 segments of at
    most 16M characters (5 with 8,000 more articles): 20M made 3 (builds at 50,000
    ~8 MB larger, all processes), 12M 5."""
    from tui.index import build

    sizes: list[int] = []

    class Counting:
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            sizes.append(0)

        def add(self, doc: dict[str, Any], entities: Any = None) -> None:
            sizes[-1] += len(doc["body"]) + len(doc["title"])

        def finish(self) -> object:
            return object()

    monkeypatch.setattr(build, "SegmentBuilder", Counting)
    body = "x" * 2_250

    def articles(n: int) -> list[dict[str, Any]]:
        return [
            {"id": f"d{i}", "path": f"d{i}.txt", "title": "t" * 10, "body": body} for i in range(n)
        ]

    segments, kept = build.build_bounded(build.Target(tmp_path), iter(articles(25_000)))
    assert (len(segments), len(kept)) == (4, 25_000)
    assert max(sizes) <= 16_000_000 + 2_260
    sizes.clear()
    assert len(build.build_bounded(build.Target(tmp_path), iter(articles(33_000)))[0]) == 5
    # the second worker, whose first segment is half of one (staggered), makes 5: 9 in all
    half = build.first_segment_chars(1, 2)
    second = build.build_bounded(build.Target(tmp_path), iter(articles(25_000)), first=half)
    assert len(second[0]) == 5


def test_the_second_workers_first_segment_ends_halfway(tmp_path: Path) -> None:
    """A worker's memory is highest as it writes a segment, and two workers going at the
    same pace wrote theirs at the same moment (the peak of a 50,000-article build: both
    at their highest). The second of two ends its first segment at half the size, and
    then makes segments of the full size: one worker's segment ends fall halfway
    between the other's."""
    from tui.index import build

    assert build.first_segment_chars(0, 2, 1_000) == 1_000
    assert build.first_segment_chars(1, 2, 1_000) == 500
    assert [build.first_segment_chars(k, 3, 900) for k in range(3)] == [900, 600, 300]
    docs = _docs(60)
    for i, doc in enumerate(docs):  # (all of one size)
        doc["title"], doc["body"] = f"Story {i:02d}", docs[i % 2]["body"][:200]
    size = len(docs[0]["body"]) + len(docs[0]["title"])
    ends: dict[int, list[int]] = {}
    for part in (0, 1):
        segments, _ = build.build_bounded(
            build.Target(tmp_path / str(part)),
            iter(docs),
            20 * size,
            first=build.first_segment_chars(part, 2, 20 * size),
        )
        ends[part] = [s.doc_count_all() for s in segments]
    assert ends == {0: [20, 20, 20], 1: [10, 20, 20, 10]}


def test_each_worker_of_a_build_knows_which_it_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each worker of a parallel build is told its number and how many there are (what
    staggers their segments' ends)."""
    from tui.index import SearchIndex, build

    told = tmp_path / "told"
    told.mkdir()
    first = build.first_segment_chars

    def telling(part: int, parts: int, chars: int | None = None) -> int:
        (told / f"{part}-of-{parts}").touch()  # (in the worker's process)
        return first(part, parts, chars)

    monkeypatch.setattr(build, "first_segment_chars", telling)
    index = SearchIndex(tmp_path / "ix")
    index.open()
    added, errors = index.write(prepare=_as_it_is, items=_docs(300), workers=2)
    assert (len(added), errors, index.doc_count()) == (300, [], 300)
    assert sorted(p.name for p in told.iterdir()) == ["0-of-2", "1-of-2"]


#: Where :func:`_noting_where` notes the address of each item a worker takes.
_NOTES: list[Path] = []


def _noting_where(item: dict[str, Any]) -> dict[str, Any]:
    with _NOTES[0].open("a") as out:  # (in a worker process)
        out.write(f"{id(item)}\n")
    return item


def test_a_forked_worker_takes_its_items_as_objects_of_its_own(tmp_path: Path) -> None:
    """A forked worker reads its batches' items unpickled from bytes the parent made
    before the fork, not the parent's objects: reading an object writes its reference
    count, and each page of the parent's items a worker read became a copy of its own
    for the rest of the build (~12 MB of items at 50,000 articles)."""
    from tui.index import SearchIndex

    _NOTES[:] = [tmp_path / "addresses"]
    docs = _docs(300)
    index = SearchIndex(tmp_path / "ix")
    index.open()
    added, errors = index.write(prepare=_noting_where, items=docs, workers=2)
    assert (len(added), errors, index.doc_count()) == (300, [], 300)
    taken = {int(line) for line in _NOTES[0].read_text().split()}
    assert len(taken) > 1
    assert not taken & {id(doc) for doc in docs}  # (forked objects keep their addresses)
