"""Counts by facet and the timeline, from the index (issue 14)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from tui.commands import main
from tui.library import Library, QueryError
from tui.library.timeline import make_timeline


def record(n: int, **fields: object) -> dict:
    return {"id": f"r{n}", "title": f"Story {n}", "text": f"Story number {n}.", **fields}


RECORDS = [
    record(1, text="Ceasefire talks in Geneva, said Sergei Lavrov.", date="2016-02-03",
           source="Reuters"),
    record(2, text="Ceasefire talks resume in Geneva; Lavrov and John Kerry met.",
           date="2016-02-04", source="Reuters"),
    record(3, text="The ceasefire held in Aleppo, the United Nations said.", date="2016-02-28",
           source="AFP"),
    record(4, text="Grain prices fell in Geneva.", date="2016-03-15", source="AFP"),
    record(5, text="Ceasefire: Lavrov flew to Moscow.", date="2016-05-02", source="BBC News"),
    record(6, text="Waffenstillstand in Genf: die Gespräche gehen weiter, sagte der Minister.",
           source="Spiegel", language="de"),
]  # fmt: skip


def write_corpus(folder: Path, records: list[dict]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    (folder / "wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    write_corpus(folder, RECORDS)
    return folder


@pytest.fixture
def lib(corpus: Path) -> Library:
    library = Library.open(corpus)
    library.update_index(workers=1)
    return library


def test_facets_count_the_matches_by_source_month_entity_and_language(lib: Library) -> None:
    facets = lib.facets("ceasefire")
    assert facets["source"] == [("Reuters", 2), ("AFP", 1), ("BBC News", 1)]
    assert facets["month"] == [("2016-02", 3), ("2016-05", 1)]
    assert facets["lang"] == [("en", 4)]
    assert set(facets) == {"source", "month", "person", "place", "org", "lang"}
    people = dict(facets["person"])
    # "Lavrov" alone is linked to the one full name ending in it: counted as him.
    assert people.get("Sergei Lavrov") == 3 and "Lavrov" not in people
    assert dict(facets["place"]).get("Geneva") == 2


def test_facets_of_the_whole_corpus_and_narrowing_by_a_clause(lib: Library) -> None:
    whole = lib.facets()
    assert dict(whole["source"]) == {"Reuters": 2, "AFP": 2, "BBC News": 1, "Spiegel": 1}
    assert dict(whole["lang"]) == {"en": 5, "de": 1}
    # Each count is what its clause finds.
    assert lib.count('ceasefire source:"BBC News"') == 1
    assert lib.count("ceasefire date:2016-02") == 3
    assert lib.count('person:"Sergei Lavrov"') == 3
    assert lib.count("lang:de") == 1


def test_facets_follow_the_index_as_files_change(lib: Library, corpus: Path) -> None:
    assert lib.facets()["source"][0] == ("AFP", 2)
    write_corpus(corpus, [r for r in RECORDS if r["source"] != "AFP"])
    lib.update_index(workers=1)
    assert "AFP" not in dict(lib.facets()["source"])
    assert lib.count("grain") == 0


def test_a_bad_query_is_a_query_error(lib: Library) -> None:
    with pytest.raises(QueryError):
        lib.facets('"unclosed')
    with pytest.raises(QueryError):
        lib.timeline("colour:red")


def test_the_timeline_picks_its_scale_from_the_span(lib: Library) -> None:
    line = lib.timeline()
    assert line.scale == "day"  # Feb 3 to May 2: 90 days fit
    assert line.total == 5  # the undated article is left out
    assert line.buckets[0].start == date(2016, 2, 3) and line.buckets[-1].start == date(2016, 5, 2)
    assert sum(b.count for b in line.buckets) == 5 and line.peak == 1
    monthly = lib.timeline("ceasefire", scale="month")
    assert [(b.label, b.count) for b in monthly.buckets] == [
        ("2016-02", 3), ("2016-03", 0), ("2016-04", 0), ("2016-05", 1)
    ]  # fmt: skip
    # A bucket's clause narrows a search to it.
    assert lib.count(f"ceasefire {monthly.buckets[0].clause}") == 3
    weekly = lib.timeline("ceasefire", scale="week")
    first = weekly.buckets[0]
    assert first.clause == "date:[2016-02-01 TO 2016-02-07]" and first.count == 2
    assert lib.count(first.clause) == 2
    entity = lib.timeline('person:"Sergei Lavrov"', scale="month")
    assert [b.count for b in entity.buckets] == [2, 0, 0, 1]


def test_the_timeline_counts_the_articles_without_a_date(lib: Library) -> None:
    assert (lib.timeline().total, lib.timeline().undated) == (5, 1)  # the Spiegel record
    assert lib.timeline("ceasefire").undated == 0
    assert lib.timeline("sagte").undated == 1


def test_timeline_scales() -> None:
    def days(*isos: str) -> dict[int, int]:
        return {date.fromisoformat(d).toordinal(): 1 for d in isos}

    assert make_timeline({}).buckets == ()
    assert make_timeline(days("2016-01-01", "2016-03-31")).scale == "day"
    assert make_timeline(days("2016-01-01", "2016-12-31")).scale == "week"
    assert make_timeline(days("2010-01-01", "2016-12-31")).scale == "month"
    line = make_timeline(days("1990-01-01", "2016-12-31"))
    assert line.scale == "year" and len(line.buckets) == 27
    assert line.buckets[0].clause == "date:1990"
    week = make_timeline(days("2016-02-10"), scale="week").buckets[0]
    assert (week.start, week.end, week.label) == (
        date(2016, 2, 8), date(2016, 2, 14), "week of 2016-02-08"
    )  # fmt: skip


def test_search_facets_json_is_one_line_after_the_hits(capsys, corpus: Path) -> None:
    code = main(["search", "ceasefire", "--corpus", str(corpus), "--json", "--facets"])
    out = capsys.readouterr().out.splitlines()
    assert code == 0
    hits, last = out[:-1], json.loads(out[-1])
    assert len(hits) == 4 and all("id" in json.loads(line) for line in hits)
    assert list(last) == ["facets"]
    facets = last["facets"]
    assert list(facets) == ["source", "month", "person", "place", "org", "lang"]
    assert facets["source"][0] == ["Reuters", 2]
    assert facets["month"] == [["2016-02", 3], ["2016-05", 1]]
    code = main(["search", "ceasefire", "--corpus", str(corpus), "--facets"])
    text = capsys.readouterr().out
    assert "sources: Reuters 2, AFP 1, BBC News 1" in text and "months: 2016-02 3" in text


def test_the_commonest_are_the_top_counts_ties_by_name() -> None:
    import random

    import numpy as np

    from tui.index.facet_table import _commonest

    rng = random.Random(3)
    for _ in range(200):
        size = rng.randint(1, 60)
        names = ["", *(rng.choice(["b", "A", "c", "a", "B"]) + str(n) for n in range(size))]
        counts = np.array([rng.choice([0, 0, 1, 1, 2, 3, 5]) for _ in names], dtype=np.int64)
        top = rng.choice([0, 1, 3, 10, 100])
        every = sorted(
            ((k, int(c)) for k, c in enumerate(counts) if k and c),
            key=lambda kc: (-kc[1], names[kc[0]].lower(), kc[0]),
        )
        expected = [(names[k], c) for k, c in (every[:top] if top else every)]
        assert _commonest(counts, top, names) == expected


def test_the_first_count_parses_the_facet_records_without_the_index_lock(
    lib: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Numbering every document's facet values is the slow part of the first count
    after opening (~0.5 s at 50,000 articles when the records are parsed): a search
    in another thread need not wait."""
    import threading

    from tui.index.facet_cache import FacetCache

    lib.index.counts.forget()
    free: list[bool] = []
    parse = FacetCache._globalize

    def watched(self: FacetCache, records: object) -> object:
        def try_lock() -> None:
            got = lib.index._lock.acquire(timeout=5)
            free.append(got)
            if got:
                lib.index._lock.release()

        other = threading.Thread(target=try_lock)
        other.start()
        other.join()
        return parse(self, records)

    monkeypatch.setattr(FacetCache, "_globalize", watched)
    assert dict(lib.facets("ceasefire")["source"]) == {"Reuters": 2, "AFP": 1, "BBC News": 1}
    assert free and all(free)


def test_the_names_of_one_person_count_once_per_article() -> None:
    from tui.index.facet_cache import FacetCache, _joined
    from tui.index.facet_table import person_groups
    from tui.index.schema import pack_unpacked

    people = [
        ["Tony Blair", "Mr Blair"],  # both names in one article: counted once
        ["Blair"],
        ["Mr Blair", "Gordon Brown"],
        ["TONY BLAIR"],  # the same term as "Tony Blair"
        ["Cherie Blair"],
        [],
    ]
    cache = FacetCache()
    records = [
        pack_unpacked(f"d{n}", "Reuters", 0, "en", [names, [], []])
        for n, names in enumerate(people)
    ]
    table = _joined([cache._parse(records)])
    table.names = cache._names
    links = {"blair": "tony blair", "mr blair": "tony blair"}
    counted = table.counts(None, 20, person_groups(table.names, links))
    assert counted["person"] == [("Tony Blair", 4), ("Cherie Blair", 1), ("Gordon Brown", 1)]
    assert table.counts([0, 1, 4], 20, person_groups(table.names, links))["person"] == [
        ("Tony Blair", 2),
        ("Cherie Blair", 1),
    ]
    # Without links each name counts for itself; one term is still one person.
    alone = dict(table.counts(None, 20, person_groups(table.names, {}))["person"])
    assert alone == {"Tony Blair": 2, "Mr Blair": 2, "Blair": 1, "Gordon Brown": 1,
                     "Cherie Blair": 1}  # fmt: skip


@pytest.mark.parametrize("native", [True, False], ids=["our segments", "whoosh's writer"])
def test_each_segment_keeps_its_parsed_facets_beside_it(
    corpus: Path, monkeypatch: pytest.MonkeyPatch, native: bool
) -> None:
    """The facet file of a segment holds what parsing its records gives; a segment
    without one (or with a damaged one) is counted from its records, the same."""
    from tui.index import facetfile
    from tui.index.facet_cache import FacetCache
    from tui.index.segment_files import segment_file

    if not native:
        monkeypatch.setattr("tui.index.writes.native_writes", lambda: False)
    lib = Library.open(corpus)
    lib.update_index(workers=1)
    write_corpus(corpus, [*RECORDS, record(7, text="Ceasefire in Geneva.", source="AFP")])
    lib.update_index(workers=1)
    expected = lib.facets("ceasefire")
    index = lib.index
    with index._lock:
        leaves = [leaf.reader() for leaf, _ in index.searcher().leaf_searchers()]
        paths = [segment_file(r, index.path, facetfile.FACETS_EXT) for r in leaves]
        records = [list(r.column_reader("facets", translate=False)) for r in leaves]
    assert paths and all(p and Path(p).is_file() for p in paths)
    for path, recs in zip(paths, records, strict=True):
        cache = FacetCache()
        from_file = cache._globalize(facetfile.read(str(path)))
        parsed = cache._parse(recs)
        assert from_file.ids == parsed.ids and len(parsed.ids) == len(recs)
        for name in ("source", "day", "lang"):
            assert getattr(from_file, name).tolist() == getattr(parsed, name).tolist()
        for kind in ("person", "place", "org"):
            for a, b in zip(from_file.entities[kind], parsed.entities[kind], strict=True):
                assert a.tolist() == b.tolist()
    # Without the files (one removed, one damaged) the counts are the same.
    Path(str(paths[0])).unlink()
    if len(paths) > 1:
        Path(str(paths[-1])).write_bytes(b"DSC1 not a facet file")
    index.counts.forget()
    assert lib.facets("ceasefire") == expected
    assert expected["source"] == [("AFP", 2), ("Reuters", 2), ("BBC News", 1)]


def test_the_segments_parts_and_the_table_hold_the_values_once(corpus: Path) -> None:
    """The facet cache keeps each segment's part (a new commit numbers only its new
    segments) and the table joined from them: the parts are views of the table's
    arrays, not a second copy of every entity row, and after a commit they are views
    of the new table (the old one's arrays can go). Counts are those of a fresh cache."""
    import numpy as np

    lib = Library.open(corpus)
    lib.update_index(workers=1)
    write_corpus(corpus, [*RECORDS, record(7, text="Ceasefire in Geneva, said Lavrov.")])
    lib.update_index(workers=1)
    cache = lib.index.counts._cache

    def check() -> object:
        first = lib.facets("ceasefire")
        table = cache._table[1]
        parts = list(cache._parts.values())
        assert len(parts) >= 2 and sum(len(p.ids) for p in parts) == len(table.ids)
        for part in parts:
            for name in ("source", "day", "lang"):
                assert np.shares_memory(getattr(part, name), getattr(table, name))
            for kind in ("person", "place", "org"):
                assert table.entities[kind][0].itemsize == table.entities[kind][1].itemsize == 4
                rows = part.entities[kind][0]
                assert not len(rows) or np.shares_memory(rows, table.entities[kind][0])
        lib.index.counts.forget()
        assert lib.facets("ceasefire") == first  # as counted from scratch
        return first

    before = check()
    old = cache._table[1]
    write_corpus(corpus, [*RECORDS, record(7, text="Ceasefire in Geneva, said Lavrov."),
                          record(8, text="Ceasefire in Aleppo.", source="AFP")])  # fmt: skip
    lib.update_index(workers=1)
    after = check()
    assert dict(after["source"])["AFP"] == dict(before["source"])["AFP"] + 1
    for part in cache._parts.values():
        assert not np.shares_memory(part.source, old.source)


def _wide_table(rows: dict[str, list[tuple[int, int]]], n_names: int, n_docs: int) -> object:
    """A facet table of ``n_docs`` documents and ``n_names`` names whose entity rows
    are (owner, name) pairs, made as the facet cache makes them."""
    import numpy as np

    from tui.index.facet_table import ROW, FacetTable

    zeros = np.zeros(n_docs, dtype=ROW)
    entities = {}
    for kind in ("person", "place", "org"):
        pairs = rows.get(kind, [])
        owners = np.asarray([o for o, _ in pairs], dtype=ROW)
        values = np.asarray([v for _, v in pairs], dtype=ROW)
        entities[kind] = (values, owners)
    names = ["", "Tony Blair", "Blair", *(f"Name {n}" for n in range(3, n_names))]
    numbers = {name: n for n, name in enumerate(names)}
    return FacetTable(["d"] * n_docs, zeros, zeros, zeros, entities, names, numbers)


def test_a_late_article_with_a_name_counts_however_many_names_there_are() -> None:
    """The table's rows are int32; an article's number times the number of names
    (the key that counts a person once per article) is not: with 65,536 names,
    articles 1 and 65,537 would make one key in 32 bits and count once."""
    from tui.index.facet_table import person_groups
    from tui.index.retype import retyped

    n_names, late = 1 << 16, (1 << 16) + 1
    table = _wide_table({"person": [(1, 1), (late, 2)]}, n_names, late + 1)
    groups = person_groups(table.names, {"blair": "tony blair"})
    assert table.counts(None, 5, groups)["person"] == [("Tony Blair", 2)]
    # Blair typed a place in article 1 and a person in the late one: counted as the
    # person in both, once each
    table = _wide_table({"person": [(late, 2)], "place": [(1, 2)]}, n_names, late + 1)
    moved = retyped(table, {("place", "Blair"): ("person", "Blair")}, table.numbers)
    assert moved.counts(None, 5)["person"] == [("Blair", 2)]
    assert moved.counts(None, 5)["place"] == []
    assert moved.entities["person"][0].dtype == table.entities["person"][0].dtype
