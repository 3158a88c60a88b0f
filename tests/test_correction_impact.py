"""An entity correction reads again only the articles it can change (tui.ner.impact,
tui.library.rereading), and the index it leaves is the one a full build makes."""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import write_article
from tui.gazetteer import fold, load_gazetteer
from tui.index.summaries import unpack_summary
from tui.library import Library
from tui.library import update as update_mod
from tui.ner import curation
from tui.ner.impact import (
    TextProbe,
    _ascii_view,
    base_fingerprint,
    changed_words,
    entity_state,
)

# -- the probe: a superset of the texts that hold a name ------------------------------


def _fold_kept(ch: str) -> str:
    """What tui.gazetteer.fold makes of one character inside a text, but for the
    apostrophe (’ is ', which the probe's view drops: it only splits words), before
    white space is made one space."""
    text = unicodedata.normalize("NFKD", ch)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.replace(".", "").casefold()


def test_the_probes_view_keeps_every_ascii_character_fold_makes_of_any_character() -> None:
    # The probe looks for a folded name's ASCII run in _ascii_view(text): sound only if,
    # for every character, the view has the ASCII characters fold gives it, the same
    # and in order (the others are dropped: the view may only join more, never split).
    wrong = []
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code < 0xE000:
            continue  # lone surrogates: no text the recogniser reads holds one
        ch = chr(code)
        folded = "".join(c for c in _fold_kept(ch) if c.isascii())
        if _ascii_view(ch) != folded:
            wrong.append((hex(code), folded, _ascii_view(ch)))
    assert wrong == []


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("Arsène Wenger", "Coach Arsene Wenger said so."),
        ("Arsene Wenger", "Coach ARSÈNE WENGER said so."),
        ("US", "The U.S. Army"),
        ("J.K. Rowling", "Author JK Rowling wrote"),
        ("JK Rowling", "Author J. K.\nRowling wrote"),
        ("Ronnie O'Sullivan", "Ronnie O’Sullivan won"),
        ("Straße AG", "the STRASSE AG said"),
        ("Strasse", "die Straße"),
        ("al-Assad", "Bashar al-Assad's"),
        ("Østergaard", "Mrs Østergaard"),
        ("Ｔｏｋｙｏ", "in Tokyo"),
        ("Zoë", "Zoe\u0308 Ball"),
    ],
)
def test_a_text_that_holds_a_name_as_fold_reads_it_is_never_missed(name: str, text: str) -> None:
    key = fold(name)
    folded = fold(text)
    assert key in folded or key.replace(" ", "") in folded.replace(" ", "")
    assert TextProbe([key]).may_hold(text)


def test_a_text_without_the_name_is_left_out() -> None:
    probe = TextProbe([fold("Arsène Wenger")])
    assert not probe.may_hold("Arsenal won at home.")
    assert not TextProbe(["østergaard"]).may_hold("Ostergaard")  # (fold keeps ø)


# -- what a change of the user's list can change ---------------------------------------


def _state(tmp_path: Path, yaml: str) -> dict[str, Any]:
    path = tmp_path / "entities.yaml"
    path.write_text(yaml, encoding="utf-8")
    from tui.ner.recognizer import Recognizer

    gaz = load_gazetteer([path])
    return entity_state(gaz, base_fingerprint(Recognizer(gaz)))


def test_a_type_change_touches_its_names_only(tmp_path: Path) -> None:
    before = _state(tmp_path, "entities: []\n")
    now = _state(tmp_path, "entities:\n  - {name: Viacom Group, type: org, aliases: [Viacom]}\n")
    assert changed_words(before, now) == ["viacom", "viacom group"]
    assert changed_words(now, now) == []


def test_a_longer_name_also_touches_its_first_word(tmp_path: Path) -> None:
    # "Zarn" starts no name of the lists: a name of four words starting with it makes
    # the recogniser try runs of four words at every "Zarn"
    before = _state(tmp_path, "entities:\n  - {name: Zarn, type: place}\n")
    now = _state(
        tmp_path,
        "entities:\n  - {name: Zarn, type: place}\n  - {name: Zarn River Water Board, type: org}\n",
    )
    assert changed_words(before, now) == ["zarn", "zarn river water board"]


def test_a_retyped_person_touches_the_surname(tmp_path: Path) -> None:
    before = _state(tmp_path, "entities: []\n")
    now = _state(tmp_path, "entities:\n  - {name: John Quillfeather, type: place}\n")
    assert changed_words(before, now) == ["john quillfeather", "quillfeather"]
    ignored = _state(tmp_path, "ignore: [John Quillfeather]\n")
    assert changed_words(now, ignored) == ["john quillfeather", "quillfeather"]


def test_another_base_or_no_state_compares_every_article(tmp_path: Path) -> None:
    now = _state(tmp_path, "entities: []\n")
    assert changed_words(None, now) is None
    assert changed_words({**now, "base": "elsewhere"}, now) is None


# -- real indexes: the index after corrections is a full build's ------------------------

ARTICLES = {
    "a.txt": ("Talks", "Foreign Minister Anna Lindqvist met Arsene Wenger in Harbourton."),
    "b.txt": ("Later", "On Tuesday, Lindqvist said the talks would go on."),
    "c.txt": ("Weather", "The weather was fine all week in the harbour of Harbourton."),
    "d.txt": ("Snooker", "Ronnie O’Sullivan beat Stephen Hendry. O'Sullivan was happy."),
    "e.txt": ("Markets", "Shares in Quorash Holdings rose; Quorash said profits were up."),
    "f.txt": ("Sport", "Chelsea beat Arsenal. Mr Wenger, of Arsenal, was not happy."),
    "g.txt": ("Visit", "Tony Blair visited the U.S. on Monday. Blair met officials."),
    "h.txt": ("Elsewhere", "Nothing here names anyone at all, only the rain."),
    # a name in the headline alone: the summary (the body's) does not change with it
    "i.txt": ("Blair hits back at critics", "The prime minister said he would not resign."),
}


def _corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    for name, (title, body) in ARTICLES.items():
        write_article(folder, name, title, body)
    return folder


def _entity_fields(index: Path) -> dict[str, Any]:
    """Every document's stored fields (the entity summary as it reads back) and the
    terms of its entity fields with their weights, by id."""
    from whoosh.index import open_dir

    ix = open_dir(str(index), indexname="MAIN")
    out: dict[str, Any] = {}
    with ix.searcher() as s:
        reader = s.reader()
        ids = {}
        for docnum, stored in s.iter_docs():
            doc = dict(stored)
            doc["entities"] = unpack_summary(doc.get("entities"))
            ids[docnum] = str(doc["id"])
            out[ids[docnum]] = doc
        for field in ("person", "place", "org"):
            for term in reader.field_terms(field):
                m = reader.postings(field, term)
                while m.is_active():
                    if m.id() in ids:
                        out[ids[m.id()]].setdefault(field, []).append((term, m.weight()))
                    m.next()
    return out


CORRECTIONS = [
    ("type", lambda p: curation.set_entity_type(p, "Anna Lindqvist", "place")),
    ("new entity with an accent", lambda p: curation.set_entity_type(p, "Arsène Wenger", "org")),
    ("apostrophe", lambda p: curation.ignore_name(p, "Ronnie O'Sullivan")),
    ("multi-word merge", lambda p: curation.merge_entities(p, "Tony Blair", "Blair", "person")),
    ("new org", lambda p: curation.set_entity_type(p, "Quorash Holdings", "org")),
    ("removal", lambda p: p.write_text("entities: []\n", encoding="utf-8")),
]


def test_corrections_read_few_articles_and_leave_a_full_builds_index(
    tmp_path: Path, hermetic_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = _corpus(tmp_path)
    lib = Library.open(corpus)
    lib.update_index(workers=1)
    compared: list[int] = []
    original = update_mod._entities_differing

    def counted(catalog: Any, paths: list[str], *args: Any) -> set[str]:
        compared.append(len(paths))
        return original(catalog, paths, *args)

    monkeypatch.setattr(update_mod, "_entities_differing", counted)
    entities = lib.config_dir / "entities.yaml"
    for kind, correct in CORRECTIONS:
        compared.clear()
        correct(entities)
        lib.update_index(workers=1)
        assert compared and compared[0] < len(ARTICLES), kind
        fresh_dir = tmp_path / f"fresh-{len(compared)}-{kind.replace(' ', '-')}"
        fresh = Library.open(corpus, index_dir=fresh_dir)
        fresh.update_index(workers=1, fresh=True)
        fresh.close()
        assert _entity_fields(lib.paths.index) == _entity_fields(fresh_dir), kind
    lib.close()
