"""The entity summary of an article's mentions (tui/index/summaries.py, compiled)."""

from __future__ import annotations

import random
from bisect import bisect_right

from tui.index.summaries import (
    NamePostings,
    entity_rows,
    name_counts,
    name_postings,
    pack_summary,
    summarize,
    term_counts,
    unpack_summary,
)


def ident(kind: str, canonical: str) -> str:
    return f"{kind}:{canonical.lower()}"


def reference(mentions, body_start, starts, types):  # the loop summarize replaced
    fields: dict[str, list[str]] = {t: [] for t in types}
    summary: dict[str, list] = {}
    for start, _end, text, kind, canonical in mentions:
        if kind not in fields:
            continue
        fields[kind].append(canonical)
        if start < body_start:
            continue
        entry = summary.setdefault(ident(kind, canonical), [kind, canonical, 0, [], []])
        sentence = max(0, bisect_right(starts, start - body_start) - 1)
        if not entry[4] or entry[4][-1] != sentence:
            entry[4].append(sentence)
        entry[2] += 1
        if text not in entry[3]:
            entry[3].append(text)
    return fields, summary


SUMMARY = {
    "person:ana ruiz": ["person", "Ana Ruiz", 3, ["Ana Ruiz", "Ruiz"], [0, 2, 5]],
    "place:kelm": ["place", "Kelm", 1, ["Kelm"], [1]],
    "org:tolbridge fc": ["org", "Tolbridge FC", 2, ["Tolbridge FC", "Tolbridge"], []],
}


def test_summary_counts_the_body_and_fields_every_mention() -> None:
    mentions = [
        (0, 5, "Brant", "person", "Olga Brant"),  # the headline: fields only
        (10, 19, "Olga Brant", "person", "Olga Brant"),
        (30, 36, "Lisbon", "place", "Lisbon"),
        (40, 46, "Monday", "date", "Monday"),  # a type the fields have not
        (50, 55, "Brant", "person", "Olga Brant"),
        (70, 80, "OLGA BRANT", "person", "OLGA BRANT"),  # another name of the same id
    ]
    fields = {"person": [], "place": [], "org": []}
    summary = summarize(mentions, 8, [0, 20, 40, 60], fields, ident)
    assert fields == {
        "person": ["Olga Brant"] * 3 + ["OLGA BRANT"],
        "place": ["Lisbon"],
        "org": [],
    }
    assert summary == {
        "person:olga brant": [
            "person",
            "Olga Brant",
            3,
            ["Olga Brant", "Brant", "OLGA BRANT"],
            [0, 2, 3],
        ],
        "place:lisbon": ["place", "Lisbon", 1, ["Lisbon"], [1]],
    }
    assert list(summary) == ["person:olga brant", "place:lisbon"]


def test_summary_is_the_reference_loops_on_random_mentions() -> None:
    rng = random.Random(7)
    names = [
        ("person", "Ana Ruiz"),
        ("person", "ANA RUIZ"),
        ("org", "Tolbridge FC"),
        ("place", "Kelm"),
    ]
    for _ in range(300):
        body_start = rng.choice([0, 2, 30])
        starts = sorted(rng.sample(range(0, 400), rng.randint(0, 12)))
        positions = sorted(rng.randint(0, 430) for _ in range(rng.randint(0, 20)))
        if rng.random() < 0.3:
            rng.shuffle(positions)  # out of order: still the right sentences
        mentions = []
        for p in positions:
            kind, canonical = rng.choice(names)
            form = rng.choice([canonical, canonical.split()[-1], "x"])
            mentions.append((p, p + 3, form, kind, canonical))
        fields = {"person": [], "place": [], "org": []}
        got = summarize(mentions, body_start, starts, fields, ident)
        want_fields, want = reference(mentions, body_start, starts, ("person", "place", "org"))
        assert (fields, got) == (want_fields, want)
        assert list(got) == list(want)


def test_name_counts_strip_and_lower_only_a_name_written_otherwise() -> None:
    assert name_counts("ana ruiz,kelm,ana ruiz,,") == {"ana ruiz": 2, "kelm": 1}
    assert name_counts(" ana ruiz,kelm ,Kelm,ANA RUIZ") == {"ana ruiz": 2, "kelm": 2}
    assert name_counts("kelm, ana ruiz\u00a0,tolbridge fc") == {
        "kelm": 1,
        "ana ruiz": 1,
        "tolbridge fc": 1,
    }
    assert name_counts("") == {}
    rng = random.Random(3)
    pieces = ["ana", " ana", "ana ", "ANA", "", " ", "kelm fc", "Kelm FC", "\tkelm fc"]
    for _ in range(500):
        value = ",".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        # the parse name_counts replaced: every name stripped and lowered, none empty
        want: dict[str, int] = {}
        for piece in value.split(","):
            if piece.strip():
                key = piece.strip().lower()
                want[key] = want.get(key, 0) + 1
        assert name_counts(value) == want, value


def test_term_counts_are_the_names_of_the_fields_text() -> None:
    """An entity field's terms counted from its names are those read from the text
    Whoosh's writer is given (each name's term, joined by commas)."""
    from tui.index.schema import entity_term, field_term

    assert term_counts(["Ana Ruiz", "Kelm", "Ana Ruiz"], field_term) == {"ana ruiz": 2, "kelm": 1}
    rng = random.Random(4)
    names = [
        "Ana Ruiz",
        "ana ruiz",
        " Ana  Ruiz",
        "Kelm, FC",
        "Kelm FC",
        "",
        " ",
        "=Kelm",
        "ZAPCO",
        "Zapco",
        "İstanbul",
        "Straße",
        "\u00a0Kelm",
        "a,b",
        ",",
        "ǅemal",
        "ΣΑΣ",
    ]
    for _ in range(500):
        picked = [rng.choice(names) for _ in range(rng.randint(0, 9))]
        want = name_counts(",".join(filter(None, map(entity_term, picked))))
        assert term_counts(picked, field_term) == want, picked
    # what name_counts makes of a term written otherwise, field_term makes of it too
    assert [field_term(n) for n in ("A b", " x ")] == ["a b", "x"]


def test_name_postings_of_a_segment_are_each_documents_postings_in_term_order() -> None:
    """NamePostings gives each term the postings name_postings gives each document's
    field, documents in order, terms in the order of their bytes."""
    from tui.index.segment import pack_uint

    names = NamePostings()
    documents = [{"kelm": 2, "ana ruiz": 1}, {}, {"émile": 1, "kelm": 1}, {"ana ruiz": 300}]
    want: dict[bytes, list] = {}
    for docnum, counts in enumerate(documents):
        stored = 7 + docnum
        names.add(docnum, counts, stored)
        value = ",".join(t for t, n in counts.items() for _ in range(n))
        for tbytes, _n, weight, packed in name_postings(value, 1.5, pack_uint):
            want.setdefault(tbytes, []).extend((docnum, weight, packed, stored))
    assert len(names) == 3
    got = [(t, names.postings(n, 1.5, pack_uint)) for t, n in names.terms()]
    assert got == sorted(want.items())


def test_entity_rows_are_one_per_sentence_first_marked() -> None:
    numbers: dict[str, int] = {"place:kelm": 0}
    names = [["place:kelm", "place", "Kelm"]]
    rows: list[int] = []
    summary = {
        "person:ana ruiz": ["person", "Ana Ruiz", 3, ["Ana Ruiz"], [4, 1, 4]],
        "place:kelm": ["place", "Kelm", 1, ["Kelm"], [2]],
        "org:old": ["org", "Old", 1, ["Old"]],  # no sentences: no row
        "org:odd": ["org", "Odd", 1, ["Odd"], "2"],
    }
    top = entity_rows(summary, 7, 100, numbers, names, rows)
    assert top == 4
    assert rows == [7, 1, 101, 1, 7, 1, 104, 0, 7, 0, 102, 1]
    assert numbers == {"place:kelm": 0, "person:ana ruiz": 1}
    assert names[1] == ["person:ana ruiz", "person", "Ana Ruiz"]
    assert entity_rows({}, 8, 105, numbers, names, rows) == -1


def test_a_summary_is_stored_as_text_and_read_back_the_same() -> None:
    text = pack_summary(SUMMARY)
    assert isinstance(text, str) and len(text) < len(repr(SUMMARY))
    assert unpack_summary(text) == SUMMARY
    assert list(unpack_summary(text)) == list(SUMMARY)
    rng = random.Random(11)
    alphabet = ["a", "B", " ", ",", "é", "’", "\n", "'", "=", ":", "\t"]
    for _ in range(300):
        summary = {}
        for _ in range(rng.randint(1, 6)):
            name = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 8)))
            forms = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 5)))]
            forms += [name] * rng.randint(0, 2)
            sentences = sorted(rng.sample(range(40), rng.randint(0, 4)))
            summary[f"person:{name}"] = ["person", name, rng.randint(1, 9), forms, sentences]
        stored = pack_summary(summary)
        assert isinstance(stored, str)
        assert unpack_summary(stored) == summary


def test_a_summary_text_cannot_hold_stays_as_it_was() -> None:
    for odd in (
        {"person:a\x1fb": ["person", "A\x1fB", 1, ["A"], [0]]},  # a separator in a name
        {"person:a": ["person", "A", 1, ["A\x1eB"], [0]]},
        {"person:a": ["person", "A", 1, ["A\x1d"], [0]]},
        {"person:a": ["person", "A", 1, [], [0]]},  # no form
        {"person:a": ["person", "A", 1, [""], [0]]},  # an empty form
        {"person:a": ["person", "A", 1, ["A"]]},  # no sentences (an older summary)
        {"person:a": ("person", "A", 1, ["A"], [0])},
        {"person:a": ["person", "A", True, ["A"], [0]]},
    ):
        assert pack_summary(odd) is odd
        assert unpack_summary(odd) is odd
    assert pack_summary({}) == {} and unpack_summary({}) == {}
    assert unpack_summary(None) == {} and unpack_summary("") == {}
    assert pack_summary("already text") == "already text"


def test_an_index_stores_summaries_as_text_and_gives_them_back_as_made(tmp_path) -> None:
    from tests.conftest import write_article
    from tui.library import Library
    from tui.library.prepare import prepare_document

    folder = tmp_path / "news"
    write_article(folder, "a.txt", "Talks", "Ana Ruiz met officials in Lisbon. Ruiz left.")
    write_article(folder, "b.txt", "Rain", "Heavy rain fell overnight.")
    lib = Library.open(folder)
    lib.update_index()
    made = {}
    for path, doc_id in (("a.txt", "a"), ("b.txt", "b")):
        doc = prepare_document(lib.catalog.item(path, doc_id))
        assert isinstance(doc, dict)
        made[doc["path"]] = doc["entities"]
    assert made["a.txt"] and not made["b.txt"]
    stored = {d["id"]: d for d in lib.index.searcher().all_stored_fields()}
    assert isinstance(stored_a := next(d for d in stored.values() if d["path"] == "a.txt"), dict)
    assert isinstance(stored_a["entities"], str)  # (the text, not a pickle of lists)
    given = dict(lib.index.stored_entities())
    assert {stored[i]["path"]: summary for i, summary in given.items()} == made
