"""The hash the manifest keeps of each article's entities (tui.library.prepare.ents_hash):
what an update after a recogniser change compares to index only the articles whose
entities changed; a manifest's hash of an older form tells too little (no headline
mention): such an article is indexed again."""

from __future__ import annotations

import copy
from pathlib import Path

from tests.conftest import write_article
from tui.library import Library
from tui.library.manifest import ENTRIES_KEY, manifest_entries, manifest_json
from tui.library.prepare import _repr_hash, entity_hashes, ents_hash, prepare_document

SUMMARY = {
    "person:ana ruiz": ["person", "Ana Ruiz", 2, ["Ana Ruiz", "Ruiz"], [0, 3]],
    "place:kelm": ["place", "Kelm", 1, ["Kelm"], [1]],
}


def test_the_hash_is_of_the_values_and_changes_with_any_of_them() -> None:
    # the same values in other objects (as another run of the recogniser makes them)
    same = {f"{k} "[:-1]: [f"{v[0]} "[:-1], *copy.deepcopy(v[1:])] for k, v in SUMMARY.items()}
    assert same == SUMMARY
    fields: list[list[str]] = [["Ana Ruiz", "Ana Ruiz"], ["Kelm"], []]
    assert ents_hash(same, copy.deepcopy(fields)) == ents_hash(SUMMARY, fields)
    seen = {ents_hash(SUMMARY, fields)}
    for change in (
        lambda s: s["person:ana ruiz"].__setitem__(2, 3),  # a mention more
        lambda s: s["person:ana ruiz"][3].append("Ms Ruiz"),  # another form
        lambda s: s["place:kelm"][4].append(2),  # another sentence
        lambda s: s.pop("place:kelm"),  # a name less
    ):
        other = copy.deepcopy(SUMMARY)
        change(other)
        seen.add(ents_hash(other, fields))
    seen.add(ents_hash(SUMMARY, [*fields[:2], ["=Kelm"]]))  # a type the context decided
    # a name in the headline alone: in the fields, not in the summary (the body's)
    seen.add(ents_hash(SUMMARY, [["Ana Ruiz", "Ana Ruiz", "Ruiz"], *fields[1:]]))
    assert len(seen) == 7


def test_an_update_after_a_recogniser_change_indexes_again_an_old_forms_article(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "news"
    write_article(folder, "a.txt", "Talks", "Ana Ruiz met officials in Lisbon on Monday.")
    write_article(folder, "b.txt", "Rain", "Heavy rain fell on Kelmborough overnight.")
    write_article(folder, "c.txt", "Port", "Shares of Quill Works rose in Rotterdam.")
    lib = Library.open(folder)
    assert lib.update_index().added == 3
    # the manifest as written before 2026-12-06: each hash in the repr form
    index = lib.catalog.index
    meta = index.read_meta()
    entries = manifest_entries(meta)
    for path, entry in entries.items():
        doc = prepare_document(lib.catalog.item(path, entry.id))
        assert isinstance(doc, dict)
        (new,) = entity_hashes(doc)
        old = _repr_hash(doc["entities"], [])
        assert entry.ents_hash == new != old
        entry.ents_hash = old
    meta[ENTRIES_KEY] = manifest_json(entries)
    index.write_meta(meta)
    # the user makes a company a person: the recogniser's fingerprint changes, and only
    # the article that names it can have other entities: it alone is compared (and,
    # its hash of the old form telling nothing of its headline, indexed again)
    config = Path(lib.catalog.config_dir)
    config.mkdir(parents=True, exist_ok=True)
    (config / "entities.yaml").write_text(
        "entities:\n  - name: Quill Works\n    type: person\n",
        encoding="utf-8",
    )
    report = Library.open(folder).update_index()
    assert (report.added, report.changed, report.removed) == (0, 1, 0)
