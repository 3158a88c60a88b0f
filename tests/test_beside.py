"""Work done in a forked process at the end of an update (tui.library.beside): the corpus
types and organisation links of a build, worked out beside the parent's own work."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import write_article
from tui.library import Library, derived, upkeep
from tui.library import beside as beside_mod


def test_the_work_runs_in_another_process(tmp_path: Path, only_this_thread: None) -> None:
    out = tmp_path / "pid"
    started = beside_mod.beside(lambda: out.write_text(str(os.getpid())))
    assert started is not None
    assert started.wait() is True
    assert int(out.read_text()) not in (os.getpid(), 0)
    assert started.wait() is False  # waited for already: nothing left to wait for


def test_work_that_fails_says_so(only_this_thread: None) -> None:
    def fails() -> None:
        raise ValueError("no")

    started = beside_mod.beside(fails)
    assert started is not None
    assert started.wait() is False


def test_nothing_is_forked_from_a_process_with_other_threads(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(beside_mod.threading, "active_count", lambda: 2)
    assert beside_mod.beside(lambda: None) is None


def _saved(lib: Library) -> dict[str, Any]:
    return {
        name: json.loads((lib.paths.index / name).read_text())
        for name in (derived.TYPES_NAME, derived.ALIASES_NAME, derived.LINKS_NAME)
    }


def _counted(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Each process started beside an update, and whether it did its work."""
    waited: list[bool] = []

    class Counted(beside_mod.Beside):
        def wait(self) -> bool:
            if self.pid is None:
                return False
            done = super().wait()
            waited.append(done)
            return done

    monkeypatch.setattr(beside_mod, "Beside", Counted)
    return waited


@pytest.fixture
def news(seeds_copy: Path) -> Path:
    """The seeds, and articles that give a name a type of the corpus's (Velmora: a
    company where two articles say a place) and an organisation two names."""
    company = "Velmora said on Monday that its profit rose. Velmora shares gained 4 percent."
    town = "Fighting broke out near Velmora on Tuesday. Refugees fled from Velmora to the coast."
    write_article(seeds_copy, "x/a.txt", "Results", company)
    write_article(seeds_copy, "x/b.txt", "Deals", "Get it at Velmora for $20. Also at Velmora.")
    write_article(seeds_copy, "x/c.txt", "Fighting", town)
    write_article(seeds_copy, "x/d.txt", "Both", f"{company} {town}")
    nickname = "The Conservatives said on Monday that taxes would fall. The Tories have said so."
    write_article(seeds_copy, "x/e.txt", "Taxes", nickname)
    write_article(seeds_copy, "x/f.txt", "Cuts", "The Tories met in Harrow on Friday.")
    return seeds_copy


def test_what_a_build_works_out_beside_is_what_it_works_out_alone(
    news: Path, monkeypatch: pytest.MonkeyPatch, only_this_thread: None
) -> None:
    seeds_copy = news
    waited = _counted(monkeypatch)
    lib = Library.open(seeds_copy)
    lib.update_index(workers=1)
    assert waited == [True]  # worked out beside, and read back here
    forked = _saved(lib)
    types, aliases = lib.directory.corpus_types(), lib.directory.organisation_links()
    assert types and aliases  # (the comparison compares something)
    # the same index, its derived files worked out in this process alone
    monkeypatch.setattr(upkeep, "beside", lambda work: None)
    for name in (derived.TYPES_NAME, derived.ALIASES_NAME, derived.LINKS_NAME):
        (lib.paths.index / name).unlink()
    alone = Library.open(seeds_copy)
    alone.upkeep.save_derived(alone.catalog.state, settled=True)
    assert _saved(alone) == forked
    assert alone.directory.corpus_types() == types
    assert alone.directory.organisation_links() == aliases


def test_the_build_never_reads_every_person_itself_when_the_work_beside_does(
    news: Path, monkeypatch: pytest.MonkeyPatch, only_this_thread: None
) -> None:
    # (the surname links are worked out beside, from the index's facet table, which
    # this process would otherwise make too: both at once were the end's peak)
    from tui.library import directory

    seeds_copy = news
    waited = _counted(monkeypatch)
    here: list[int] = []
    linked = directory.link_surnames

    def counted(*args: Any, **kwargs: Any) -> Any:
        here.append(os.getpid())
        return linked(*args, **kwargs)

    monkeypatch.setattr(directory, "link_surnames", counted)
    lib = Library.open(seeds_copy)
    lib.update_index(workers=1)
    assert waited == [True]
    assert os.getpid() not in here
    assert (lib.paths.index / derived.LINKS_NAME).exists()
    assert lib.directory.surname_links()  # read back from the file


def test_when_the_work_beside_fails_this_process_does_it(
    news: Path, monkeypatch: pytest.MonkeyPatch, only_this_thread: None
) -> None:
    seeds_copy = news
    expected = Library.open(seeds_copy)
    expected.update_index(workers=1)
    types = expected.directory.corpus_types()
    aliases = expected.directory.organisation_links()
    assert types and aliases
    waited = _counted(monkeypatch)

    def fails(folder: Path) -> None:
        raise OSError("no room")

    monkeypatch.setattr(upkeep, "_types_and_aliases", fails)
    lib = Library.open(seeds_copy)
    lib.rebuild_index()
    assert waited == [False]
    assert _saved(lib)  # written here
    fresh = Library.open(seeds_copy)
    assert fresh.directory.corpus_types() == types
    assert fresh.directory.organisation_links() == aliases


def test_nothing_is_forked_when_the_saved_files_are_current(
    seeds_copy: Path, monkeypatch: pytest.MonkeyPatch, only_this_thread: None
) -> None:
    lib = Library.open(seeds_copy)
    lib.update_index(workers=1)
    waited = _counted(monkeypatch)
    lib.upkeep.save_derived(lib.catalog.state, settled=True)  # the index as it was
    assert waited == []


def test_the_work_beside_reads_no_metadata(news: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The update that forks it has just checked and written the metadata: at 50,000
    # articles its 10 MB of JSON parsed again was 0.16 s of the 0.57 s of CPU the work
    # beside cost an addition of 100 articles.
    from tui.index import folder

    lib = Library.open(news)
    lib.update_index(workers=1)
    expected = _saved(lib)
    for name in expected:
        (lib.paths.index / name).unlink()
    parsed: list[int] = []
    real = folder.parse_meta

    def counted(text: str) -> Any:
        parsed.append(len(text))
        return real(text)

    monkeypatch.setattr(folder, "parse_meta", counted)
    upkeep._types_and_aliases(lib.paths.index)  # (here, not forked: the calls are seen)
    assert parsed == []
    assert _saved(lib) == expected
