"""Index internals that the library relies on."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from whoosh.analysis import StemmingAnalyzer

from tui.index import FastStemAnalyzer

TEXT = (
    "The U.S.-led coalition's negotiators said on Monday that a ceasefire, if agreed, "
    "would start at 0600 GMT; e-mail them at press@example.org. It's a 'test' of the "
    "talks (and of the talkers) — 2,000 people fled."
)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"positions": True, "chars": True},
        {"positions": True, "chars": True, "removestops": False},
        {"mode": "query"},
        {"tokenize": False},
    ],
)
def test_fast_analyzer_yields_the_same_tokens_as_whoosh(kwargs: dict) -> None:
    def tokens(analyzer):  # type: ignore[no-untyped-def]
        return [
            (t.text, getattr(t, "pos", None), getattr(t, "startchar", None), t.stopped)
            for t in analyzer(TEXT, **kwargs)
        ]

    assert tokens(FastStemAnalyzer()) == tokens(StemmingAnalyzer())


def test_fast_analyzer_pickles_without_its_cache() -> None:
    analyzer = FastStemAnalyzer()
    list(analyzer(TEXT))
    clone = pickle.loads(pickle.dumps(analyzer))
    assert clone == analyzer
    assert clone._stems == {}
    assert [t.text for t in clone("Talks talking")] == ["talk", "talk"]


WORDS = [
    "ceasefire", "talks", "Geneva", "minister", "the", "a", "of", "rebels", "Aleppo",
    "U.S.", "e-mail", "2,000", "x", "naïve", "STRASSE", "Straße", "and",
]  # fmt: skip


def _fixture_docs(n: int) -> list[dict]:
    """Varied documents: repeated words (more than one posting block), stop words
    first, letters whose lowercase changes the text's length, empty fields."""
    import random

    rng = random.Random(7)
    docs = []
    for i in range(n):
        body = " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 60)))
        if i % 10 == 0:  # "İ" lowercases to two characters
            body += " İstanbul talks"
        docs.append(
            {
                "id": f"doc{i}",
                "path": f"story/{i}.txt",
                "title": f"The {rng.choice(WORDS)} and {rng.choice(WORDS)} story {i}",
                "body": body if i % 17 else "",
                "source": rng.choice(["BBC News", "Reuters", None]),
                "date": rng.choice(["2016-02-03", None, "2015-12-31"]),
                "byline": "By A. Writer" if i % 3 else None,
                "person": ["Sergei Lavrov"] * (i % 3) + (["John Kerry"] if i % 2 else []),
                "place": ["Geneva"] if i % 4 else [],
                "org": ["United Nations", "Red Cross"][: i % 3],
                "entities": {"n": i},
            }
        )
    return docs


def _snapshot(ix) -> dict:  # type: ignore[no-untyped-def]
    """Everything a reader can see of an index: terms, term stats, postings,
    stored fields, field lengths and columns."""
    out: dict = {"count": ix.doc_count()}
    with ix.reader() as r:
        for fieldname, tbytes in r.all_terms():
            ti = r.term_info(fieldname, tbytes)
            m = r.postings(fieldname, tbytes)
            postings = []
            while m.is_active():
                postings.append((m.id(), m.weight(), m.value()))
                m.next()
            out[(fieldname, tbytes)] = (
                ti.weight(),
                ti.doc_frequency(),
                ti.min_length(),
                ti.max_length(),
                ti.max_weight(),
                ti.min_id(),
                ti.max_id(),
                postings,
            )
        for n in range(r.doc_count_all()):
            out[("stored", n)] = r.stored_fields(n)
            for f in ("title", "body", "source", "byline", "person", "place", "org"):
                out[("length", f, n)] = r.doc_field_length(n, f)
        for f in ("title", "body", "person"):
            out[("total", f)] = r.field_length(f)
            out[("max", f)] = r.max_field_length(f)
        out["date"] = list(r.column_reader("date", translate=False))
    return out


def test_segment_builder_writes_what_whoosh_writer_writes(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from whoosh import index as whoosh_index

    from tui.index import INDEX_NAME, SearchIndex
    from tui.index.schema import make_schema as _schema
    from tui.index.schema import to_whoosh as _to_whoosh

    docs = _fixture_docs(300)  # "talks" is in more than 128 of them: several blocks
    (tmp_path / "ref").mkdir()
    reference = whoosh_index.create_in(str(tmp_path / "ref"), _schema(), indexname=INDEX_NAME)
    writer = reference.writer()
    for doc in docs:
        writer.add_document(**_to_whoosh(doc))
    writer.commit()

    ours = SearchIndex(tmp_path / "ours")
    ours.open()
    added, errors = ours.write(prepare=lambda doc: doc, items=docs)
    assert (len(added), errors) == (len(docs), [])

    expected, actual = _snapshot(reference), _snapshot(ours.ix)
    assert max(v[1] for k, v in expected.items() if isinstance(k, tuple) and len(k) == 2
               and isinstance(k[1], bytes)) > 128  # fmt: skip
    assert actual.keys() == expected.keys()
    for key in expected:
        assert actual[key] == expected[key], key


def test_word_pattern_matches_whooshs_default() -> None:
    from whoosh.analysis.tokenizers import default_pattern

    from tui.index.schema import WORD as _WORD

    samples = [TEXT, "a.b.c d..e f. .g *h* i.*j 3.5m U.S.A. ..x.. état.ß.Ω", "_a_._b_ ."]
    for text in samples:
        assert [m.span() for m in _WORD.finditer(text)] == [
            m.span() for m in default_pattern.finditer(text)
        ]


def test_a_batch_of_bad_files_leaves_no_segment_files_behind(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tui.index import SearchIndex

    index = SearchIndex(tmp_path / "ix")
    index.open()
    before = sorted(p.name for p in (tmp_path / "ix").iterdir())
    added, errors = index.write(prepare=lambda item: f"{item}: unreadable", items=["a", "b"])
    assert (added, errors) == ([], ["a: unreadable", "b: unreadable"])
    after = sorted(p.name for p in (tmp_path / "ix").iterdir())
    assert [n for n in after if n.endswith((".seg", ".trm", ".pst", ".cds"))] == [
        n for n in before if n.endswith((".seg", ".trm", ".pst", ".cds"))
    ]
    assert index.doc_count() == 0


def test_an_index_naming_the_old_module_for_its_analyzer_opens_as_it_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The analyzer and formats are pickled into the index by their dotted names; they
    # lived in tui/index.py before tui/index/ was a package, and an index written then
    # must still open without a rebuild.
    from tui import index as index_pkg
    from tui.index import SCHEMA_VERSION, PackedCharacters, PackedPositions, SearchIndex

    for cls in (FastStemAnalyzer, PackedPositions, PackedCharacters):
        monkeypatch.setattr(cls, "__module__", "tui.index")
    old = SearchIndex(tmp_path / "ix")
    assert old.open() is None
    old.write(prepare=lambda doc: doc, items=_fixture_docs(5))
    old.write_meta({"schema": SCHEMA_VERSION})
    old.close()
    monkeypatch.undo()
    toc = b"".join(p.read_bytes() for p in (tmp_path / "ix").glob("*.toc"))
    assert b"FastStemAnalyzer" in toc and b"tui.index.schema" not in toc

    again = SearchIndex(tmp_path / "ix")
    assert again.open() is None  # not rebuilt
    assert type(again.ix.schema["body"].analyzer) is index_pkg.FastStemAnalyzer
    hits, total = again.search("talks")
    assert total > 0 and any(hit.matches for hit in hits)  # spans from the packed format


def test_another_whoosh_release_is_written_by_whooshs_own_writer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.index import SearchIndex, segment, store

    assert segment.native_writes()  # the release pyproject.toml pins is the one installed
    monkeypatch.setattr(segment, "WHOOSH_VERSION", (2, 7, 6))
    assert not segment.native_writes()

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the segment writer wrote on a Whoosh release it does not know")

    monkeypatch.setattr(segment.SegmentBuilder, "__init__", refuse)
    monkeypatch.setattr(store, "commit_segments", refuse)
    docs = _fixture_docs(250)
    index = SearchIndex(tmp_path / "ix")
    index.open()
    added, errors = index.write(prepare=lambda doc: doc, items=docs, workers=2)
    assert (len(added), errors) == (250, [])
    added, errors = index.write(
        delete=["doc1", "doc2"], prepare=lambda doc: doc, items=[docs[1]], workers=2
    )
    assert (len(added), errors, index.doc_count()) == (1, [], 249)
    hits, total = index.search("talks")
    assert total > 0 and any(hit.matches for hit in hits)
    hit = next(hit for hit in hits if hit.matches)
    assert index.match_spans("talks", hit.doc["id"]) == hit.matches


def test_the_pinned_whoosh_release_is_the_one_the_segment_writer_knows() -> None:
    import tomllib

    from tui.index import segment

    config = tomllib.loads((Path(__file__).resolve().parent.parent / "pyproject.toml").read_text())
    [pin] = [d for d in config["project"]["dependencies"] if d.startswith("whoosh-reloaded")]
    assert pin == "whoosh-reloaded==" + ".".join(map(str, segment.LAYOUT_VERSION))
