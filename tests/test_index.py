"""Index internals that the library relies on."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from tui.index import NewsAnalyzer

TEXT = (
    "The U.S.-led coalition's negotiators said on Monday that a ceasefire, if agreed, "
    "would start at 0600 GMT; e-mail them at press@example.org. It's a 'test' of the "
    "talks (and of the talkers) — 2,000 people fled."
)


def test_the_analyzer_indexes_every_word_at_its_place_among_the_words() -> None:
    from whoosh.analysis.tokenizers import default_pattern

    from tui.index.analysis import index_term

    words = list(default_pattern.finditer(TEXT))
    analyzer = NewsAnalyzer()
    got = [
        (t.text, t.pos, t.startchar, t.endchar) for t in analyzer(TEXT, positions=True, chars=True)
    ]
    expected = [(index_term(m.group(0), None), n, m.start(), m.end()) for n, m in enumerate(words)]
    assert got == expected
    assert [t[0] for t in got][:4] == ["the", "u.", "led", "coalit"]  # stop words too
    analyzer.language = "de"
    assert [t.text for t in analyzer("Die Häuser STRASSE Straße")] == [
        "die", "haus", "strass", "strass"
    ]  # fmt: skip


def test_the_analyzer_in_a_query_folds_and_keeps_capitals_for_the_parser_to_stem() -> None:
    analyzer = NewsAnalyzer()
    assert [t.text for t in analyzer("US forces IT Notícias Erdoğan talks", mode="query")] == [
        "US", "forces", "IT", "noticias", "erdogan", "talks"
    ]  # fmt: skip
    assert [t.text for t in analyzer("Negotiat*", tokenize=False, mode="query")] == ["negotiat*"]


def test_acronyms_are_their_own_terms_and_accents_fold() -> None:
    from tui.index.analysis import fold, index_term

    assert index_term("US", "en") == "US" and index_term("us", "en") == "us"
    assert index_term("Us", "en") == "us"  # a capital at the start of a sentence
    assert index_term("WHO", "en") == "who"  # not a common word: case does not matter
    assert [fold(w) for w in ("Notícias", "Erdoğan", "Straße", "Łódź", "Ærø", "Ωμέγα")] == [
        "Noticias", "Erdogan", "Strasse", "Lodz", "AEro", "Ωμεγα"
    ]  # fmt: skip
    assert fold("йогурт ёлка") == "йогурт ёлка"  # Cyrillic letters stay letters
    assert fold("ＮＨＫ") == "NHK"  # full-width forms


def test_cjk_runs_are_indexed_as_characters_and_pairs() -> None:
    from tui.index.analysis import tokens

    text = "今日の東京都 is sunny"
    index = [(w, p) for w, p, _, _ in tokens(text)]
    assert index == [
        ("今", 0), ("今日", 0), ("日", 1), ("日の", 1), ("の", 2), ("の東", 2), ("東", 3),
        ("東京", 3), ("京", 4), ("京都", 4), ("都", 4), ("is", 5), ("sunny", 6),
    ]  # fmt: skip
    query = [(w, p) for w, p, _, _ in tokens("東京都 is", query=True)]
    assert query == [("東京", 0), ("京都", 1), ("is", 2)]
    for word, _pos, start, end in tokens(text):
        assert text[start:end] == word


def test_the_analyzer_pickles_without_its_cache() -> None:
    analyzer = NewsAnalyzer()
    analyzer.language = "de"
    list(analyzer(TEXT))
    clone = pickle.loads(pickle.dumps(analyzer))
    assert clone == analyzer
    assert clone._terms == {} and clone.language is None
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
        if i % 13 == 0:  # CJK runs: characters and pairs
            body += " 東京都の talks 京都"
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
                "lang": ["en", "de", "pt", None, "ja"][i % 5],
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
            for f in ("title", "body", "source", "byline", "person", "place", "org", "lang"):
                out[("length", f, n)] = r.doc_field_length(n, f)
        for f in ("title", "body", "person"):
            out[("total", f)] = r.field_length(f)
            out[("max", f)] = r.max_field_length(f)
        out["date"] = list(r.column_reader("date", translate=False))
        out["facets"] = list(r.column_reader("facets", translate=False))
    return out


def test_segment_builder_writes_what_whoosh_writer_writes(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from whoosh import index as whoosh_index

    from tui.index import INDEX_NAME, SearchIndex
    from tui.index.build import add_document
    from tui.index.schema import make_schema as _schema
    from tui.index.schema import to_whoosh as _to_whoosh

    docs = _fixture_docs(300)  # "talks" is in more than 128 of them: several blocks
    (tmp_path / "ref").mkdir()
    reference = whoosh_index.create_in(str(tmp_path / "ref"), _schema(), indexname=INDEX_NAME)
    writer = reference.writer()
    for doc in docs:
        add_document(writer, _to_whoosh(doc))
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


def test_a_term_of_one_posting_is_encoded_as_the_general_path_encodes_it() -> None:
    """Half the terms of a segment have one posting: their shortcut gives the same
    bytes and statistics as the blocks of many postings (an empty sealed run forces
    the general path)."""
    from itertools import product

    from tui.index import blocks

    weights = [1.0, 1, 2.0, 0.3, 1.7000000476837158, 3]
    values = [b"", b"\x01\x00\x00\x00", b"\x05\x00\x00\x00\x07\x00\x00\x00"]
    lengths = [None, 0, 1, 5, 37, 1000, 200000]
    for docnum, weight, value, length, fixedsize in product(
        [0, 3, 70000], weights, values, lengths, [None, -1, 0, 4]
    ):
        if fixedsize == 4 and len(value) not in (0, 4):
            continue
        flat = [docnum, weight, value, length]
        general = blocks.posting_blocks(flat, 128, fixedsize, blocks.EncodedBlocks(docnum))
        assert blocks.posting_blocks(list(flat), 128, fixedsize) == general, flat


def test_a_term_of_one_block_is_encoded_as_the_general_path_encodes_it() -> None:
    """Nearly every term of more than one posting fills less than a block: its shortcut
    gives the same bytes and statistics as the general path (forced by an empty sealed
    run), whatever the weights (all 1, all equal, mixed), values and lengths."""
    import random

    from tui.index import blocks

    rng = random.Random(5)
    values = [b"", b"\x01\x00\x00\x00", b"\x05\x00\x00\x00\x07\x00\x00\x00"]
    for _ in range(3000):
        count = rng.choice([2, 3, 5, 17, 127, 128])
        kind = rng.choice(["ones", "same", "mixed"])
        fixedsize = rng.choice([None, -1, 0, 4])
        docnum = rng.randrange(50)
        flat: list = []
        for _ in range(count):
            docnum += rng.randint(1, 300)
            weight = {"ones": 1.0, "same": 2.5, "mixed": rng.choice([1.0, 2.0, 0.3, 7])}[kind]
            value = rng.choice(values[:2] if fixedsize == 4 else values)
            length = rng.choice([None, 0, 1, 9, 400, 120000])
            flat += [docnum, weight, value, length]
        general = blocks.posting_blocks(list(flat), 128, fixedsize, blocks.EncodedBlocks(flat[0]))
        assert blocks.posting_blocks(list(flat), 128, fixedsize) == general, flat


def test_posting_blocks_encoded_as_the_build_goes_are_the_same_segment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The segment builder encodes each term's full posting blocks every few documents
    (memory): the segment's files are byte for byte those of encoding them at the end."""
    from tui.index import SearchIndex, builder

    docs = _fixture_docs(700)
    at_end = SearchIndex(tmp_path / "end")
    at_end.open()
    at_end.write(prepare=lambda doc: doc, items=docs)

    monkeypatch.setattr(builder, "SEAL_DOCS", 3)
    monkeypatch.setattr(builder, "PACK_DOCS", 7)  # and the rest packed every few
    sealed = SearchIndex(tmp_path / "sealed")
    sealed.open()
    added, errors = sealed.write(prepare=lambda doc: doc, items=docs)
    assert (len(added), errors) == (700, [])
    assert _snapshot(sealed.ix) == _snapshot(at_end.ix)
    [one] = at_end.ix._segments()
    [two] = sealed.ix._segments()
    for ext in (".trm", ".pst"):
        old = (tmp_path / "end" / one.make_filename(ext)).read_bytes()
        new = (tmp_path / "sealed" / two.make_filename(ext)).read_bytes()
        assert len(new) > 10_000 and new == old, ext


@pytest.mark.parametrize("postings", [128, 256, 300])
def test_a_term_whose_postings_were_all_encoded_early_ends_with_its_last_block(
    postings: int,
) -> None:
    from tui.index import blocks

    flat: list = []
    for n in range(postings):
        flat += [n * 2, float(1 + n % 3), bytes([n % 256, 0, 0, 0]), 10 + n % 7]
    whole = blocks.posting_blocks(list(flat), 128, -1)
    sealed = blocks.EncodedBlocks(flat[0])
    done = postings // 128 * 128
    blocks.encode_blocks(sealed, flat, done, 128, -1, final=False)
    assert blocks.posting_blocks(flat[4 * done :], 128, -1, sealed) == whole


def _as_it_is(doc: dict) -> dict:
    return doc  # a worker process's prepare: pickled by name


def test_a_build_in_bounded_segments_reads_as_one_segment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large build is written a few MB of text per segment (bounded memory): a reader
    sees the same index as one written whole; the caller gets the documents back
    without what the index holds (bodies, entities)."""
    from tui.index import SearchIndex, build

    docs = _fixture_docs(300)
    whole = SearchIndex(tmp_path / "whole")
    whole.open()
    whole.write(prepare=lambda doc: doc, items=docs)
    assert len(whole.ix._segments()) == 1

    monkeypatch.setattr(build, "SEGMENT_CHARS", 2000)
    parts = SearchIndex(tmp_path / "parts")
    parts.open()
    added, errors = parts.write(prepare=lambda doc: doc, items=docs)
    assert (len(added), errors) == (300, [])
    assert len(parts.ix._segments()) > 5
    assert _snapshot(parts.ix) == _snapshot(whole.ix)
    assert [doc["id"] for doc in added] == [doc["id"] for doc in docs]
    assert all({"body", "entities", "person", "place", "org"}.isdisjoint(doc) for doc in added)
    assert added[3]["title"] == docs[3]["title"]

    again = SearchIndex(tmp_path / "parallel")
    again.open()
    added, errors = again.write(prepare=_as_it_is, items=docs, workers=2)
    assert (len(added), errors, again.doc_count()) == (300, [], 300)
    hits, total = again.search("talks")
    assert total == whole.search("talks")[1] > 0


def test_word_pattern_matches_whooshs_default() -> None:
    from whoosh.analysis.tokenizers import default_pattern

    from tui.terms import WORD as _WORD

    samples = [TEXT, "a.b.c d..e f. .g *h* i.*j 3.5m U.S.A. ..x.. état.ß.Ω", "_a_._b_ ."]
    for text in samples:
        assert [m.span() for m in _WORD.finditer(text)] == [
            m.span() for m in default_pattern.finditer(text)
        ]


def test_add_terms_finds_the_words_and_offsets_the_pattern_finds() -> None:
    """add_terms takes the chunks between spaces without the pattern when they are one
    word (or a word and a mark): its postings equal those made from WORD.finditer."""
    import random
    from array import array

    from tui.index.packed import unpack
    from tui.terms import WORD as _WORD
    from tui.terms import TermPostings, Vocabulary, Words, add_terms

    rnd = random.Random(13)
    pieces = list("ab cd  ef\t\n.,;:*_-'’é ßΩ3²½()") + ["U.S.", " the ", "\u00a0", "٣", "x.y"]
    texts = [TEXT, "", " ", "a", " a ", "a  b", ".a", "a.", "a.b", "said, then.", "*", "_"]
    texts += ["__a__ b_", "x\ny z\n\nw", " lead", "trail ", "time. Then", "1.5m, 2.", "e*, f_."]
    texts += ["".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 30))) for _ in range(2000)]
    for with_chars in (True, False):
        vocabulary = Vocabulary()
        words = Words()
        # a word that is not indexed still takes a position
        words.term_of = lambda w: b"" if w == "the" else w.encode()
        postings = TermPostings(vocabulary)
        want: dict[bytes, list] = {}
        for docnum, text in enumerate(texts):
            length = add_terms(postings, docnum, text, words, with_chars, 1.0, int)
            seen: dict[bytes, list[int]] = {}
            for pos, m in enumerate(_WORD.finditer(text)):
                if m.group() != "the":
                    hit = [pos, *m.span()] if with_chars else [pos]
                    seen.setdefault(m.group().encode(), []).extend(hit)
            assert length == sum(len(h) for h in seen.values()) // (3 if with_chars else 1)
            for term, hits in seen.items():
                freq = len(hits) // (3 if with_chars else 1)
                want.setdefault(term, []).extend(
                    (docnum, float(freq), array("I", hits).tobytes(), length)
                )
            if docnum % 300 == 0:  # some packed on the way, as a builder's passes do
                postings.take(1 << 62)
        postings.take(1 << 62)
        got = {term: unpack(postings.pop(term)) for term in postings.terms()}
        assert got == want


def test_term_postings_give_back_the_terms_that_fill_a_block() -> None:
    """TermPostings.take packs each term's new postings after those it holds, and gives
    back, decoded as columns, as many of the first postings of the terms that now have
    a block's (``limit``) as fill whole blocks, in the order their first new posting
    came; those terms hold the rest."""
    from tui.index.packed import pack, unpack
    from tui.terms import TermPostings, Vocabulary

    vocabulary = Vocabulary()
    postings = TermPostings(vocabulary)
    runs = {b"a": [], b"b": [], b"c": []}
    for doc in range(7):
        for term in (b"c", b"a") if doc % 2 else (b"b", b"a"):
            posting = [doc, 1.0 + doc, bytes([doc] * 4), None if doc == 3 else doc * 7]
            runs[term] += posting
            postings.add_packed(term, pack(posting))
        if doc == 1:
            assert postings.take(3) == []  # (a: 2, b: 1, c: 1)
        if doc == 4:
            full = postings.take(3)  # a: 5, b: 3, c: 2
            assert [f.term for f in full] == [b"b", b"a"]  # (doc 2 had b first)
            b, a = (list(f.columns()) for f in full)
            assert b == [runs[b"b"][i::4] for i in range(4)]
            assert a == [runs[b"a"][i:12:4] for i in range(4)]
            assert sorted(postings.terms()) == [b"a", b"c"]  # (b: none left)
    # a: 2 held + 2 new (docs 5, 6): 4, one block of 3 and one left; c: 2 + 1: 3
    c, a = postings.take(3)  # (doc 5 had c first)
    assert (a.term, c.term) == (b"a", b"c")
    (a_ids, a_weights, _, a_lengths), (c_ids, *_) = a.columns(), c.columns()
    assert (a_ids, c_ids) == ([3, 4, 5], [1, 3, 5])
    assert a_lengths == [None, 28, 35] and a_weights == [4.0, 5.0, 6.0]
    assert sorted(postings.terms()) == [b"a", b"b"]
    assert unpack(postings.pop(b"a")) == runs[b"a"][-4:]
    assert unpack(postings.pop(b"b")) == runs[b"b"][-4:]
    assert postings.pop(b"c") == postings.pop(b"b") == postings.pop(b"unknown") == b""


def test_term_postings_keep_long_runs_as_chunks_and_decode_pickled_postings() -> None:
    """A term whose postings pass CHUNK bytes holds each take's as a chunk of its own
    (what take copies again stays small), and pop joins them; a posting pickled whole
    (a value of another type) is given back as it was."""
    from tui.index.packed import pack, unpack
    from tui.terms import CHUNK, TermPostings, Vocabulary

    postings = TermPostings(Vocabulary())
    runs: list = []
    for doc in range(40):
        posting = [doc, 2.0, bytes(CHUNK // 4), doc]
        runs += posting
        postings.add_packed(b"t", pack(posting))
        postings.take(1 << 62)
    chunks = postings.packed[0]
    assert isinstance(chunks, list) and len(chunks) > 5
    assert all(len(chunk) >= CHUNK for chunk in chunks[:-1])
    assert unpack(postings.pop(b"t")) == runs
    odd = [[1, 1.0, b"x", None], [2, 2.5, b"yy", 2**40], [3, 1.0, "not bytes", 4]]
    for posting in odd:
        postings.add_packed(b"u", pack(posting))
    (full,) = postings.take(3)
    assert list(full.columns()) == [[p[i] for p in odd] for i in range(4)]


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


def test_an_index_naming_the_package_for_its_analyzers_opens_as_it_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The analyzers and formats are pickled into the index by their dotted names; an
    # index that names them as the package exports them must open without a rebuild.
    from tui import index as index_pkg
    from tui.index import (
        SCHEMA_VERSION,
        FoldingAnalyzer,
        PackedCharacters,
        PackedPositions,
        SearchIndex,
    )

    with monkeypatch.context() as patch:  # (undo() would undo the hermetic dirs too)
        for cls in (NewsAnalyzer, FoldingAnalyzer, PackedPositions, PackedCharacters):
            patch.setattr(cls, "__module__", "tui.index")
        old = SearchIndex(tmp_path / "ix")
        assert old.open() is None
        old.write(prepare=lambda doc: doc, items=_fixture_docs(5))
        old.write_meta({"schema": SCHEMA_VERSION})
        old.close()
    toc = b"".join(p.read_bytes() for p in (tmp_path / "ix").glob("*.toc"))
    assert b"NewsAnalyzer" in toc and b"tui.index.schema" not in toc

    again = SearchIndex(tmp_path / "ix")
    assert again.open() is None  # not rebuilt
    assert type(again.ix.schema["body"].analyzer) is index_pkg.NewsAnalyzer
    hits, total = again.search("talks")
    assert total > 0 and any(hit.matches for hit in hits)  # spans from the packed format


def test_an_index_of_the_previous_schema_is_rebuilt(tmp_path: Path) -> None:
    # Version 7 left out common words and stemmed every language as English: its
    # analyzer's name (FastStemAnalyzer) still unpickles, and the index is rebuilt.
    from tui.index import IndexNotBuilt, SearchIndex

    old = SearchIndex(tmp_path / "ix")
    old.open()
    old.write(prepare=lambda doc: doc, items=_fixture_docs(5))
    old.write_meta({"schema": 7})
    old.close()
    again = SearchIndex(tmp_path / "ix")
    assert again.open() == "the index is from an older version of Dossier"
    with pytest.raises(IndexNotBuilt):
        again.search("talks")
    again.write(prepare=lambda doc: doc, items=_fixture_docs(3), fresh=True)
    assert again.doc_count() == 3


def test_another_whoosh_release_is_written_by_whooshs_own_writer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.index import SearchIndex, builder, segment, writes

    assert segment.native_writes()  # the release pyproject.toml pins is the one installed
    monkeypatch.setattr(segment, "WHOOSH_VERSION", (2, 7, 6))
    assert not segment.native_writes()

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the segment writer wrote on a Whoosh release it does not know")

    monkeypatch.setattr(builder.SegmentBuilder, "__init__", refuse)
    monkeypatch.setattr(writes, "commit_segments", refuse)
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


def test_a_facet_record_names_each_entity_once_as_first_written_without_controls() -> None:
    from tui.index.schema import pack_facets, unpack_facets

    doc = {
        "id": "a1",
        "source": " BBC\tNews\x00 ",
        "person": [
            "Tony Blair",
            "Gordon  Brown",
            "Tony Blair",
            "Tony\x1fBlair",
            " ",
            "Gordon Brown",
        ],  # fmt: skip
        "place": ["Geneva", "Genève", "Geneva\n"],
        "org": [],
    }
    doc_id, source, day, lang, names = unpack_facets(pack_facets(doc, 738000, "en"))
    assert (doc_id, source, day, lang) == ("a1", "BBC News", 738000, "en")
    assert names == [["Tony Blair", "Gordon Brown"], ["Geneva", "Genève"], []]


def test_a_words_term_is_the_same_when_its_lower_case_form_was_seen_first() -> None:
    """term_bytes takes a capitalised word's term from the table of words already seen
    (its lower-case form's): the same term index_term makes, acronyms kept."""
    from tui.index.analysis import index_term, term_bytes

    words = "talks Talks TALKS the The THE us US Us İstanbul istanbul Straße STRASSE Ǆemal ǆemal"
    for lang in ("en", "de", None):
        known: dict[str, bytes] = {}
        of = term_bytes(lang, known.get)
        for word in words.split():
            known[word] = got = of(word)
            assert got == index_term(word, lang).encode("utf-8"), (word, lang)
    assert known["The"] == b"the" and known["THE"] == b"THE" and known["Talks"] == b"talk"
