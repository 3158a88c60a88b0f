"""Incremental updates: the merge policy (tui.index.merging) and an index updated many
times answering as a fresh build of the same folder does."""

from __future__ import annotations

import os
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import write_article
from tui.index import merging
from tui.index.merging import Health, merge_plan, tier
from tui.index.segment import segments
from tui.library import Library

# -- the policy ------------------------------------------------------------------------


def test_tiers_grow_by_the_factor() -> None:
    f = merging.FACTOR
    assert [tier(n) for n in (0, 1, f - 1)] == [0, 0, 0]
    assert [tier(f), tier(f * f - 1), tier(f * f), tier(f**3)] == [1, 1, 2, 3]


def _small(n: int, live: int, prefix: str = "s") -> list[Health]:
    return [Health(f"{prefix}{i}", live, 0) for i in range(n)]


def test_a_tier_with_factor_segments_is_merged_and_big_segments_never() -> None:
    big = [Health(f"big{i}", 8_500, 0) for i in range(8)]
    below = _small(merging.FACTOR - 1, 100)
    assert merge_plan(big + below) == []
    full = _small(merging.FACTOR, 100)
    assert merge_plan(big + full) == [[s.id for s in full]]
    # the big segments of a full build are not merged, however many there are
    assert merge_plan(big * 3) == []


def test_the_lowest_tier_goes_first_and_one_small_merge_an_update() -> None:
    tiny = _small(merging.FACTOR, 3, "t")
    mid = _small(merging.FACTOR, 100, "m")
    plan = merge_plan(mid + tiny)
    assert plan == [[s.id for s in tiny]]


def test_a_merge_writes_no_segment_over_the_bound() -> None:
    live = merging.MAX_MERGED // 2 - 1  # the largest still taken
    group = merge_plan(_small(merging.FACTOR, live))
    assert len(group) == 1
    assert 2 <= len(group[0]) < merging.FACTOR
    assert len(group[0]) * live <= merging.MAX_MERGED


def test_segments_crowded_with_deletions_are_written_again_alone() -> None:
    segs = [Health("a", 9_000, 3_000), Health("b", 9_000, 10), Health("c", 9_000, 0)]
    assert merge_plan(segs) == [["a"]]
    # once a quarter of the index is deleted, every segment with deletions goes
    segs = [Health("a", 9_000, 2_900), Health("b", 9_000, 2_900), Health("c", 9_000, 1_000)]
    assert sorted(merge_plan(segs)) == [["a"], ["b"], ["c"]]
    # a small segment with deletions is purged inside its tier's merge, not twice
    crowded = Health("s0", 120, 40)  # a third deleted; 80 live: the others' tier
    small = [crowded] + [Health(f"s{i}", 100, 0) for i in range(1, merging.FACTOR)]
    assert tier(crowded.live) == tier(100)
    plan = merge_plan(small)
    assert plan == [[s.id for s in sorted(small, key=lambda s: (s.live, s.id))]]


def _added(segments: list[Health], size: int, count: int) -> tuple[list[list[Health]], int]:
    """``count`` additions of ``size`` documents, each followed by what the policy
    merges: the segments after each, and the most documents one addition merged."""
    after, most = [], 0
    for k in range(count):
        segments = [*segments, Health(f"add{k}", size, 0)]
        merged = 0
        for n, group in enumerate(merge_plan(segments)):
            members = [s for s in segments if s.id in group]
            live = sum(s.live for s in members)
            segments = [s for s in segments if s.id not in group]
            segments.append(Health(f"merged{k}.{n}", live, 0))
            merged += live
        most = max(most, merged)
        after.append(segments)
    return after, most


def test_additions_to_a_large_index_keep_it_near_a_fresh_build() -> None:
    """Issue 13: searches as fast after 20 additions of 100 articles to 50,000. A search
    looks up every word in every segment: the additions may add few of them."""
    built = [Health(f"big{i}", 7_143, 0) for i in range(7)]  # a full build of 50,000
    after, most = _added(built, 100, 50)
    small = [len([s for s in segs if s.live * 2 < merging.MAX_MERGED]) for segs in after]
    assert max(small) <= 2 * (merging.FACTOR - 1)
    # after 20 additions at most two segments more than the build (7 before tiers of 4:
    # 13), after 50 at most five
    assert len(after[19]) <= len(built) + 2, [len(a) for a in after]
    assert len(after[49]) <= len(built) + 5, [len(a) for a in after]
    assert most <= merging.MAX_MERGED  # what an addition may afford (see MAX_MERGED)


# -- an index updated again and again ----------------------------------------------------

PEOPLE = ["Jana Okafor", "Pieter Vance", "Lena Marsh"]
QUERIES = ["harbour", "grain prices", '"the harbour"', "valmora", "word3 OR word17", "update*"]


def _article(folder: Path, name: str, n: int, extra: str = "") -> None:
    write_article(
        folder,
        name,
        f"Story {n} about the harbour",
        f"Negotiators met in Valmora on day {n} to discuss a ceasefire along the harbour.",
        f"Word{n} appears here, and grain prices rose {n % 7} percent.{extra}",
        f"{PEOPLE[n % 3]} told reporters in Brusselton that {PEOPLE[(n + 1) % 3]} agreed.",
    )


def _answers(lib: Library) -> list[tuple[int, list[str]]]:
    out = []
    for q in QUERIES:
        result = lib.search(q, limit=None)
        out.append((result.total, sorted(h.path for h in result.hits)))
    return out


def _facets(lib: Library) -> dict[str, tuple[int, int]]:
    return {f"{e.type}:{e.name}": (e.articles, e.mentions) for e in lib.entity_facets()}


@pytest.mark.parametrize("aside_merges", [True, False], ids=["merged-aside", "merged-after"])
def test_many_updates_keep_few_segments_and_answer_as_a_fresh_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, aside_merges: bool
) -> None:
    from tui.index import aside

    monkeypatch.setattr(merging, "FACTOR", 3)
    monkeypatch.setattr(merging, "MAX_MERGED", 60)
    if not aside_merges:  # as in a process with threads (the app)
        monkeypatch.setattr(aside, "can_fork", lambda: False)
    corpus = tmp_path / "news"
    for n in range(20):
        _article(corpus, f"base/s{n:03d}.txt", n)
    lib = Library.open(corpus)
    lib.update_index(workers=1)
    counts = []
    n = 20
    for round_ in range(9):
        for _ in range(6):  # six new articles: a segment Whoosh's own policy leaves alone
            _article(corpus, f"new{round_}/s{n:03d}.txt", n)
            n += 1
        if round_ % 3 == 1:  # an edit, a rename and a deletion now and then
            _article(corpus, f"base/s{round_:03d}.txt", round_, " Update: the talks failed.")
            os.replace(corpus / f"base/s{round_ + 10:03d}.txt", corpus / f"base/r{round_}.txt")
            (corpus / f"new{round_ - 1}/s{20 + (round_ - 1) * 6:03d}.txt").unlink()
        report = lib.update_index(workers=1)
        assert report.added >= 6
        ix = lib.index.ix
        segs = segments(ix)
        counts.append(len(segs))
        tiers: dict[int, int] = {}
        for seg in segs:
            live = seg.doc_count_all() - seg.deleted_count()
            if live * 2 < merging.MAX_MERGED:
                tiers[tier(live)] = tiers.get(tier(live), 0) + 1
        # no tier of small segments holds FACTOR of them after an update
        assert all(c < merging.FACTOR for c in tiers.values()), (round_, tiers)
    assert max(counts) <= 6, counts
    fresh = Library.open(corpus, index_dir=tmp_path / "fresh-index")
    fresh.update_index(workers=1)
    assert lib.index.ix.doc_count() == fresh.index.ix.doc_count() == len(fresh.articles())
    assert _answers(lib) == _answers(fresh)
    assert _facets(lib) == _facets(fresh)
    # and a new process reading the updated index sees the same
    assert _answers(Library.open(corpus)) == _answers(fresh)


def test_merges_leave_no_deleted_documents_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(merging, "FACTOR", 3)
    corpus = tmp_path / "news"
    for n in range(18):
        _article(corpus, f"a/s{n:03d}.txt", n)
    lib = Library.open(corpus)
    lib.update_index(workers=1)
    fresh_size = sum(p.stat().st_size for p in lib.paths.index.glob("MAIN_*"))
    for round_ in range(6):  # every article edited, six at a time
        for n in range(round_ * 3, round_ * 3 + 3):
            _article(corpus, f"a/s{n:03d}.txt", n, f" Update {round_}.")
        lib.update_index(workers=1)
    ix = lib.index.ix
    assert ix.doc_count() == 18
    assert ix.doc_count_all() - ix.doc_count() <= 0.4 * 18
    size = sum(p.stat().st_size for p in lib.paths.index.glob("MAIN_*"))
    assert size < 2 * fresh_size
    assert lib.search("update*", limit=None).total == 18


def test_entity_counts_over_many_segments_are_those_of_whooshs_reader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(merging, "FACTOR", 100)  # the segments stay apart: no tier fills
    corpus = tmp_path / "news"
    for n in range(12):
        _article(corpus, f"a/s{n:03d}.txt", n)
    lib = Library.open(corpus)
    lib.update_index(workers=1)
    for round_ in range(3):  # three more segments, one with an edit's deletion
        for n in range(12 + round_ * 6, 18 + round_ * 6):
            _article(corpus, f"b{round_}/s{n:03d}.txt", n)
        _article(corpus, f"a/s{round_:03d}.txt", round_, " Lena Marsh left.")
        lib.update_index(workers=1)
    assert len(segments(lib.index.ix)) >= 3
    reader = lib.index.searcher().reader()
    for field in ("person", "place", "org"):
        whooshs = [
            (t.decode("utf-8") if isinstance(t, bytes) else t, i.doc_frequency(), int(i.weight()))
            for t, i in reader.iter_field(field)
        ]
        assert lib.index.facets(field) == whooshs
    assert any(term == "lena marsh" for term, _, _ in lib.index.facets("person"))


def test_the_entries_beside_the_index_change_by_what_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    from tui.index import META_NAME
    from tui.library import derived

    corpus = tmp_path / "news"
    for n in range(8):
        _article(corpus, f"a/s{n:03d}.txt", n)
    lib = Library.open(corpus)
    lib.update_index(workers=1)
    full_writes: list[int] = []
    original = derived.write_entries

    def counted(*args: object, **kwargs: object) -> bool:
        full_writes.append(1)
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(derived, "write_entries", counted)
    ids_before = list(lib.catalog.state.by_id)
    _article(corpus, "a/new.txt", 100)  # added
    _article(corpus, "a/s001.txt", 1, " Edited.")  # changed
    os.replace(corpus / "a/s002.txt", corpus / "a/moved.txt")  # renamed: keeps its id
    (corpus / "a/s003.txt").unlink()  # removed
    lib = Library.open(corpus)
    lib.update_index(workers=1)
    assert full_writes == []  # changed in place
    folder = lib.paths.index
    key = derived.meta_key(folder, META_NAME)
    assert derived.entries_key(folder) == key
    state = lib.catalog.state
    saved = derived.read_entries(folder, key, [*state.by_id, *ids_before])
    assert saved is not None
    expected = {e.id: (p, json.loads(json.dumps(asdict(e)))) for p, e in state.entries.items()}
    assert saved == expected
    assert len(saved) == 8


def test_a_gazetteer_change_compares_many_articles_in_workers(
    tmp_path: Path, hermetic_dirs: Path, only_this_thread: None
) -> None:
    import threading

    corpus = tmp_path / "news"
    for n in range(210):  # enough for workers (200 or more to compare)
        extra = " The Quayside Trust met in Brusselton." if n % 7 == 0 else ""
        _article(corpus, f"a/s{n:03d}.txt", n, extra)
    lib = Library.open(corpus)
    lib.update_index(workers=2)
    named = {h.path for h in lib.search('org:"Quayside Trust"', limit=None).hits}
    assert named == {f"a/s{n:03d}.txt" for n in range(0, 210, 7)}
    config = hermetic_dirs / "config"
    config.mkdir(parents=True, exist_ok=True)
    (config / "entities.yaml").write_text("ignore:\n  - Quayside Trust\n")
    assert threading.active_count() == 1  # so the comparison runs in forked workers
    report = Library.open(corpus).update_index(workers=2)
    assert not report.rebuilt
    assert report.changed == 30  # the articles that named the trust, and no other
    assert Library.open(corpus).search('org:"Quayside Trust"', limit=None).total == 0


def test_whooshs_own_policy_merges_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Whoosh would merge once the running total of the smallest segments stays under a
    # Fibonacci number of their rank (here at the fifth segment of six): once an index
    # has twenty segments or so, that takes nearly all of it, through its slow writer.
    monkeypatch.setattr(merging, "FACTOR", 100)  # and ours waits for 100 in a tier
    corpus = tmp_path / "news"
    for n in range(30):
        _article(corpus, f"a/s{n:03d}.txt", n)
    lib = Library.open(corpus)
    lib.update_index(workers=1)
    before = len(segments(lib.index.ix))
    for round_ in range(8):
        for n in range(30 + round_ * 6, 36 + round_ * 6):
            _article(corpus, f"b{round_}/s{n:03d}.txt", n)
        lib.update_index(workers=1)
    counts = sorted(s.doc_count_all() for s in segments(lib.index.ix))
    assert len(counts) == before + 8, counts
    assert counts.count(6) == 8
    assert lib.search("harbour", limit=None).total == 78


def test_each_segments_entity_terms_are_kept_beside_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.index import lookups

    corpus = tmp_path / "news"
    for n in range(12):
        _article(corpus, f"a/s{n:03d}.txt", n)
    lib = Library.open(corpus)
    lib.update_index(workers=1)
    _article(corpus, "b/s100.txt", 100, " Lena Marsh left.")
    lib.update_index(workers=1)
    first = lib.index.facets("person")
    kept = sorted(p.name.split(".", 1)[1] for p in lib.paths.index.glob("MAIN_*.ets"))
    # one table a field and a segment, written with the segment (they were written when
    # first asked for: the people's only, then)
    assert kept == sorted(f"{field}.ets" for field in ("org", "person", "place") for _ in "12")
    # another process reads the tables, not the segments' terms
    with monkeypatch.context() as patch:  # (undo() would undo the hermetic dirs too)
        patch.setattr(lookups, "_read_terms", lambda leaf, field: {"wrong": (9, 9.0)})
        again = Library.open(corpus)
        again.index.open()
        assert again.index.facets("person") == first
    # a segment merged away takes its table with it
    (corpus / "b/s100.txt").unlink()
    lib = Library.open(corpus)
    lib.update_index(workers=1)
    lib.index.facets("person")
    ids = {p.name.split(".")[0] for p in lib.paths.index.glob("MAIN_*.trm")}
    assert {p.name.split(".")[0] for p in lib.paths.index.glob("MAIN_*.ets")} <= ids


def test_a_segment_is_written_with_the_tables_its_terms_would_give(tmp_path: Path) -> None:
    """The tables a build writes beside each segment hold what reading the segment's
    terms gives: every entity term, its documents and its mentions."""
    from tui.index import lookups, termfile
    from tui.index.segment import segment_reader

    corpus = tmp_path / "news"
    for n in range(30):
        _article(corpus, f"a/s{n:03d}.txt", n, " Lena Marsh and Lena Marsh met Oskar Brandt.")
    lib = Library.open(corpus)
    lib.update_index(workers=1)
    lib.index.open()
    checked: dict[str, tuple[int, float]] = {}
    for seg in segments(lib.index.ix):
        reader = segment_reader(lib.index.ix, seg)
        try:
            for field in ("person", "place", "org"):
                path = lib.paths.index / seg.make_filename(termfile.extension(field))
                written = termfile.load(path)
                assert written == lookups._read_terms(reader, field)
                checked.update(written or {})
        finally:
            reader.close()
    assert len(checked) >= 5
    docs, mentions = checked["lena marsh"]
    assert docs == 30 and mentions >= 60  # in 30 articles, twice or more in each


def _records(lib: Library) -> dict[str, bytes]:
    from tui.index.schema import unpack_facets

    out = {}
    with lib.index.ix.searcher() as s:
        for sub, _ in s.reader().leaf_readers():
            for n, record in enumerate(sub.column_reader("facets", translate=False)):
                if not sub.is_deleted(n):
                    out[unpack_facets(record)[0]] = record
    return out


def test_a_merge_keeps_each_documents_facet_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A segment written again without its deleted documents keeps the others' facet
    records as they were (names as first written), not rebuilt from the postings'
    terms (in lower case)."""
    monkeypatch.setattr(merging, "FACTOR", 3)
    corpus = tmp_path / "news"
    for n in range(18):
        _article(corpus, f"a/s{n:03d}.txt", n)
    lib = Library.open(corpus)
    lib.update_index(workers=1)
    before = _records(lib)
    assert any(b"Lena Marsh" in r for r in before.values())
    segs = {seg.segment_id() for seg in segments(lib.index.ix)}
    for n in range(10):  # most of the segment's documents deleted: it is written again
        _article(corpus, f"a/s{n:03d}.txt", n, " Update.")
    lib.update_index(workers=1)
    assert not segs & {seg.segment_id() for seg in segments(lib.index.ix)}  # merged
    after = _records(lib)
    assert set(after) == set(before)
    with lib.index.ix.searcher() as s:
        unchanged = [i for i in after if s.document(id=i)["path"] >= "a/s010.txt"]
    assert len(unchanged) == 8
    for doc_id in unchanged:
        assert after[doc_id] == before[doc_id], doc_id


# -- a tier merged aside, while the update writes its own segment -------------------------


def _aside_corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Library]:
    import threading

    monkeypatch.setattr(merging, "FACTOR", 3)
    monkeypatch.setattr(merging, "MAX_MERGED", 60)
    assert threading.active_count() == 1  # so the merge runs in a forked process
    corpus = tmp_path / "news"
    for n in range(40):  # one segment too big to merge
        _article(corpus, f"base/s{n:03d}.txt", n)
    lib = Library.open(corpus)
    lib.update_index(workers=1)
    for round_ in range(2):  # two segments of six: one tier short of a merge
        for n in range(40 + round_ * 6, 46 + round_ * 6):
            _article(corpus, f"new{round_}/s{n:03d}.txt", n)
        lib.update_index(workers=1)
    assert sorted(s.doc_count_all() for s in segments(lib.index.ix)) == [6, 6, 40]
    return corpus, lib


def _started(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    from tui.index import aside, writes

    groups: list[list[str]] = []

    class Counted(aside.MergeAside):
        def __init__(self, path: str, group: list[Any]) -> None:
            super().__init__(path, group)
            groups.append(list(self.group))

    monkeypatch.setattr(writes, "MergeAside", Counted)
    return groups


def test_a_tier_the_update_fills_is_merged_aside_and_committed_with_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, only_this_thread: None
) -> None:
    corpus, lib = _aside_corpus(tmp_path, monkeypatch)
    started = _started(monkeypatch)
    for n in range(52, 58):
        _article(corpus, f"new2/s{n:03d}.txt", n)
    lib.update_index(workers=1)
    assert len(started) == 1 and len(started[0]) == 2
    # the two segments of six merged into one, beside the update's own: merged after
    # the commit instead, the three would have made one of 18
    counts = sorted(s.doc_count_all() for s in segments(lib.index.ix))
    assert counts == [6, 12, 40], counts
    ids = {s.segment_id() for s in segments(lib.index.ix)}
    assert not set(started[0]) & ids
    left = {p.name.split(".")[0] for p in lib.paths.index.glob("MAIN_*.*")}
    assert left == ids  # no files of the merged segments left
    fresh = Library.open(corpus, index_dir=tmp_path / "fresh-index")
    fresh.update_index(workers=1)
    assert lib.index.ix.doc_count() == fresh.index.ix.doc_count() == 58
    assert _answers(lib) == _answers(fresh)
    assert _facets(lib) == _facets(fresh)
    assert _answers(Library.open(corpus)) == _answers(fresh)


def test_a_merge_aside_leaves_out_what_the_update_deleted_from_its_segments(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, only_this_thread: None
) -> None:
    corpus, lib = _aside_corpus(tmp_path, monkeypatch)
    started = _started(monkeypatch)
    for n in range(52, 58):
        _article(corpus, f"new2/s{n:03d}.txt", n)
    _article(corpus, "new0/s041.txt", 41, " Update: the talks failed.")  # in a merged one
    (corpus / "new1/s047.txt").unlink()
    lib.update_index(workers=1)
    assert len(started) == 1
    # the two segments of six, less the edited and the deleted article, merged into
    # one of ten beside the update's own (six new, one edited); nothing deleted is left
    segs = segments(lib.index.ix)
    assert sorted(s.doc_count_all() for s in segs) == [7, 10, 40]
    assert all(s.deleted_count() == 0 for s in segs)
    fresh = Library.open(corpus, index_dir=tmp_path / "fresh-index")
    fresh.update_index(workers=1)
    assert lib.index.ix.doc_count() == fresh.index.ix.doc_count() == 57
    assert _answers(lib) == _answers(fresh)
    assert _facets(lib) == _facets(fresh)
    assert lib.search('"talks failed"', limit=None).total == 1
    assert lib.search("word47", limit=None).total == 0
