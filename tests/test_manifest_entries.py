"""Reading the manifest's entries (tui.library.manifest.entries_of): entries as Dossier
writes them are taken by position, and every other entry exactly as entry_of takes it."""

from __future__ import annotations

import json
import random
from typing import Any

from tui.library.manifest import Entry, entries_of, entry_of

BASE = Entry(
    id="a1",
    size=10,
    mtime=20,
    hash="h",
    title="Talks",
    source=None,
    date="2024-01-02",
    byline=None,
    ents_hash="e",
    url=None,
    language="en",
)


def _variants(rng: random.Random) -> dict[str, Any]:
    """Entries as written, and broken or older ones of every kind."""
    out: dict[str, Any] = {}
    for n in range(400):
        fields: Any = json.loads(json.dumps(BASE.__dict__))
        kind = rng.randrange(9)
        key = rng.choice(list(fields))
        if kind == 1:  # a value of another type: a bool for a number, a number for text
            fields[key] = rng.choice([True, 1.5, 7, "x", None, [], {}])
        elif kind == 2:  # a key missing (an older manifest, or one cut short)
            del fields[key]
        elif kind == 3:  # another order
            fields = dict(reversed(list(fields.items())))
        elif kind == 4:  # a key Entry does not have
            fields["extra"] = 1
        elif kind == 5:
            fields = rng.choice([None, [], "text", 3])
        elif kind == 6:  # an optional field given text
            fields[rng.choice(["source", "byline", "url"])] = "Wire"
        out[f"f{n}.txt"] = fields
    return out


def test_entries_are_those_entry_of_takes() -> None:
    rng = random.Random(5)
    for _ in range(20):
        manifest = _variants(rng)
        expected = {p: e for p, f in manifest.items() if (e := entry_of(f)) is not None}
        got = entries_of(manifest)
        assert got == expected
        assert all(type(e) is Entry for e in got.values())
    assert entries_of({"a.txt": dict(BASE.__dict__)}) == {"a.txt": BASE}
    assert entries_of({"a.txt": dict(BASE.__dict__, size=True)}) == {}
