"""A full build in two phases: searchable first, the names after (tui.library.naming)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import write_article
from tui.library import Library, UpdateReport
from tui.library.naming import NamingLock, asks_names
from tui.library.prepare import PENDING, prepare_document

PEOPLE = ("Tony Blair", "Gordon Brown", "Angela Merkel", "Jacques Chirac")


def _corpus(folder: Path, n: int = 24) -> Path:
    for i in range(n):
        person = PEOPLE[i % len(PEOPLE)]
        write_article(
            folder,
            f"part{i % 3}/story{i:04d}.txt",
            f"Story {i} about the harbour",
            f"{person} met negotiators in London on day {i} to discuss a ceasefire.",
            f"{person.split()[-1]} said grain prices rose {i} percent in Paris.",
        )
    return folder


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return _corpus(tmp_path / "news")


def stopped_finding_names(lib: Library, **kwargs: object) -> UpdateReport:
    """``lib``'s first update (a full build), stopped as soon as its second phase, the
    names, begins (as the app closed or Ctrl-C then): the folder searchable, the names
    pending."""
    stop = False

    def naming(done: int, total: int) -> None:
        nonlocal stop
        stop = True

    return lib.update_index(naming=naming, cancelled=lambda: stop, **kwargs)  # type: ignore[arg-type]


def _one_phase_hashes(lib: Library) -> dict[str, str]:
    """{path: the entities' hash a one-phase build gives each article}."""
    catalog = lib.catalog
    out = {}
    for relpath, entry in catalog.state.entries.items():
        doc = prepare_document(catalog.item(relpath, entry.id))
        assert isinstance(doc, dict)
        out[relpath] = doc["ents_hash"]
    return out


def _hashes(lib: Library) -> dict[str, str]:
    meta = lib.index.read_meta()
    from tui.library.manifest import manifest_entries

    return {p: e.ents_hash for p, e in manifest_entries(meta).items()}


def test_a_first_build_is_searchable_before_the_names_are_found(corpus: Path) -> None:
    lib = Library.open(corpus)
    seen: dict[str, object] = {}
    named: list[tuple[int, int]] = []

    def searchable(report: object) -> None:
        # Another copy of Dossier (a `dossier search`) while the names are found.
        other = Library.open(corpus)
        seen["words"] = other.search("ceasefire", limit=None).total
        seen["person"] = other.search('person:"Tony Blair"', limit=None).total
        seen["pending"] = other.names_pending()
        seen["hashes"] = set(_hashes(other).values())
        seen["added"] = getattr(report, "added", None)

    report = lib.update_index(
        workers=1, searchable=searchable, naming=lambda d, t: named.append((d, t))
    )
    assert seen == {
        "words": 24,
        "person": 0,
        "pending": True,
        "hashes": {PENDING},
        "added": 24,
    }
    assert named[0] == (0, 24) and named[-1] == (24, 24)
    assert report.added == 24 and report.names_found == 24 and not report.names_pending
    assert not lib.names_pending()
    assert lib.search('person:"Tony Blair"', limit=None).total == 6
    # The manifest's hashes are a one-phase build's: a later change of the recogniser
    # compares the articles as it would after one.
    assert _hashes(lib) == _one_phase_hashes(lib)
    assert {e.name for e in lib.entity_facets("person")} >= {"Tony Blair", "Gordon Brown"}


def test_an_update_of_a_few_files_finds_their_names_at_once(corpus: Path) -> None:
    lib = Library.open(corpus)
    lib.update_index(workers=1)
    write_article(corpus, "late.txt", "Late news", "Jacques Chirac spoke in Rome today.")
    called: list[object] = []
    report = lib.update_index(workers=1, searchable=called.append)
    assert report.added == 1 and not called and report.names_found == 0
    assert lib.search('person:"Jacques Chirac"', limit=None).total == 7
    assert PENDING not in _hashes(lib).values()


def test_names_stopped_half_way_are_found_by_the_next_update(corpus: Path) -> None:
    lib = Library.open(corpus)
    report = stopped_finding_names(lib, workers=1)
    assert report.names_pending and report.names_found < 24
    assert lib.names_pending()
    assert lib.search("ceasefire", limit=None).total == 24  # searchable all along
    assert lib.search('person:"Tony Blair"', limit=None).total == 0
    again = Library.open(corpus)
    report = again.update_index(workers=1)
    assert (report.added, report.changed, report.removed) == (0, 0, 0)
    assert report.names_found == 24 and not report.names_pending
    assert again.search('person:"Tony Blair"', limit=None).total == 6
    assert _hashes(again) == _one_phase_hashes(again)


def test_a_correction_while_the_names_are_found_applies_to_every_article(corpus: Path) -> None:
    """The user's list changes between the two phases (a correction in the app): the
    articles without names are not indexed again for it (they are named with it)."""
    from tui.ner import curation

    lib = Library.open(corpus)
    stopped_finding_names(lib, workers=1)
    curation.ignore_name(lib.config_dir / "entities.yaml", "Tony Blair")
    again = Library.open(corpus)
    report = again.update_index(workers=1)
    assert (report.added, report.changed, report.removed) == (0, 0, 0)
    assert report.names_found == 24
    assert again.search('person:"Tony Blair"', limit=None).total == 0
    assert again.search('person:"Gordon Brown"', limit=None).total == 6
    assert _hashes(again) == _one_phase_hashes(again)


def test_another_process_finding_the_names_is_left_to_it(corpus: Path) -> None:
    lib = Library.open(corpus)
    stopped_finding_names(lib, workers=1)
    lock = NamingLock(lib.paths.index)
    assert lock.acquire()
    try:
        report = Library.open(corpus).update_index(workers=1)
        assert report.names_pending and report.names_found == 0 and not report.names_why
        assert Library.open(corpus).search("ceasefire", limit=None).total == 24
    finally:
        lock.release()
    report = Library.open(corpus).update_index(workers=1)
    assert not report.names_pending and report.names_found == 24


def test_a_query_on_names_is_told() -> None:
    assert asks_names('person:"Tony Blair"') and asks_names("ORG: nato")
    assert asks_names("grain AND place:london")
    assert not asks_names("personal matters") and not asks_names("http://x.org")
