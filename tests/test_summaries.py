"""The entity summary of an article's mentions (tui/index/summaries.py, compiled)."""

from __future__ import annotations

import random
from bisect import bisect_right

from tui.index.summaries import summarize


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
