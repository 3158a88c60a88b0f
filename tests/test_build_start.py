"""What a full build does before its workers start (issue 13: the serial start at 50k)."""

from __future__ import annotations

import multiprocessing
from pathlib import Path
from typing import Any

import pytest

from tests.build_docs import as_it_is as _as_it_is
from tests.build_docs import docs as _docs
from tui.library import prepare


def _article(corpus: Path, name: str) -> None:
    (corpus / name).write_text(
        "Talks in Lisbon\n\nMaria Santos met officials of the Bank of Portugal in Lisbon.\n",
        encoding="utf-8",
    )


def test_the_first_phase_loads_no_recogniser(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full build's first phase (no names) loads the cleaning rules alone, in the
    workers and before they fork: the recogniser's word lists took 70-130 ms of the
    build's serial start, for nothing. Its documents are the same."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _article(corpus, "a.txt")
    loaded = tmp_path / "loaded"
    loaded.mkdir()
    item = (str(corpus), "a.txt", "id1", str(loaded), ())
    with_recogniser = prepare.document_of(prepare.read_document(item), names=False)

    def no_recogniser(user: Path) -> Any:
        raise AssertionError(f"the recogniser was loaded ({user})")

    monkeypatch.setattr(prepare, "load_recognizer", no_recogniser)
    config = tmp_path / "config"  # (another folder: the tools are cached by folder)
    config.mkdir()
    prepare.preload(str(config), (), model=False)
    item = (str(corpus), "a.txt", "id1", str(config), ())
    assert getattr(prepare.prepare_plain, "phases", None) == (
        prepare.read_plain,
        prepare.plain_document_of,
    )
    doc = prepare.prepare_plain(item)
    assert isinstance(doc, dict) and doc["ents_hash"] == prepare.PENDING
    assert doc == with_recogniser
    assert doc == prepare.plain_document_of(prepare.read_plain(item))


@pytest.mark.usefixtures("only_this_thread")
def test_meanwhile_runs_once_the_workers_are_started(tmp_path: Path) -> None:
    """The caller's work that the build does not need runs in the parent while the
    workers build, once; in a build in this process, before it."""
    from tui.index import SearchIndex

    seen: list[int] = []

    def meanwhile() -> None:
        seen.append(len(multiprocessing.active_children()))

    index = SearchIndex(tmp_path / "ix")
    index.open()
    added, errors = index.write(prepare=_as_it_is, items=_docs(300), workers=2, meanwhile=meanwhile)
    assert (len(added), errors) == (300, [])
    assert seen == [2]
    index.write(prepare=_as_it_is, items=_docs(3), workers=1, meanwhile=meanwhile)
    assert seen == [2, 0]


@pytest.mark.usefixtures("only_this_thread")
def test_a_full_build_works_out_the_recogniser_s_fingerprints_while_its_workers_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a new home a full build's parent loads the recogniser's word lists for its
    fingerprints (saved with the index) only once its workers are started, not
    before they fork; the index keeps the same fingerprints as when they came first."""
    from tui.library import Library, config_prints
    from tui.library.prepare import fingerprints, tools
    from tui.library.rereading import STATE_KEY, entity_state

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(240):
        _article(corpus, f"a{n:03}.txt")
    workers: list[int] = []
    original = config_prints.fingerprints

    def counted(config_dir: Path) -> tuple[str, str]:
        workers.append(len(multiprocessing.active_children()))
        return original(config_dir)

    monkeypatch.setattr(config_prints, "fingerprints", counted)
    lib = Library.open(corpus)
    try:
        report = lib.update_index(workers=2)
        meta = lib.index.read_meta()
        config = str(lib.config_dir)
    finally:
        lib.close()
    assert report.added == 240 and not report.names_pending
    assert workers == [2]
    assert meta["entities"] == fingerprints(Path(config))[1]
    assert meta[STATE_KEY] == entity_state(tools(config)[1])


@pytest.mark.usefixtures("only_this_thread")
def test_a_failing_meanwhile_is_said_once_and_not_built_again_here(tmp_path: Path) -> None:
    """The caller's ``meanwhile`` failing while the workers build (a ValueError, as a
    malformed config file raises) is raised as it is: not taken for workers that could
    not start, which built everything again in this process first (and met it again)."""
    from tui.index import SearchIndex

    calls: list[int] = []

    def meanwhile() -> None:
        calls.append(1)
        raise ValueError("entities.yaml: invalid YAML")

    index = SearchIndex(tmp_path / "ix")
    index.open()
    with pytest.raises(ValueError, match="invalid YAML"):
        index.write(prepare=_as_it_is, items=_docs(300), workers=2, meanwhile=meanwhile)
    assert calls == [1]


@pytest.mark.usefixtures("only_this_thread")
def test_a_malformed_user_entity_list_is_said_before_a_full_build_starts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A malformed ``entities.yaml`` fails a full build before any article is read, as
    when the recogniser's fingerprints were worked out first (not once the workers have
    read every article, the recogniser's fingerprints being put off until then)."""
    from tui.index import SearchIndex
    from tui.library import Library

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(240):
        _article(corpus, f"a{n:03}.txt")
    writes: list[int] = []
    real = SearchIndex.write

    def write(self: SearchIndex, *args: Any, **kwargs: Any) -> Any:
        writes.append(len(kwargs.get("items") or ()))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(SearchIndex, "write", write)
    lib = Library.open(corpus)
    try:
        lib.config_dir.mkdir(parents=True, exist_ok=True)
        (lib.config_dir / "entities.yaml").write_text("entities:\n  - [unclosed\n")
        with pytest.raises(ValueError, match="invalid YAML"):
            lib.update_index(workers=2)
    finally:
        lib.close()
    assert writes == []


def test_preload_loads_the_name_lists_for_text_files(tmp_path: Path) -> None:
    """A build of text files (scraped pages among them) loads the name lists the
    cleaner's bylines and captions read before its workers fork (each loaded its own:
    0.1-0.5 s, 5 MB apiece)."""
    from tui.gazetteer import lexicon

    lexicon.cache_clear()
    prepare.preload(str(tmp_path), (), model=False)
    assert lexicon.cache_info().currsize == 0
    prepare.preload(str(tmp_path), (), model=False, texts=True)
    assert lexicon.cache_info().currsize == 1


@pytest.mark.parametrize("suffix", [".html", ".txt"])
@pytest.mark.usefixtures("only_this_thread")
def test_a_build_of_text_files_preloads_the_name_lists(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str
) -> None:
    """Text files: the lists are loaded before the fork; saved pages alone: not (their
    extractor gives the body; the cleaner's name rules are never reached)."""
    from tui.library import Library, update

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    page = (
        "<html><head><title>Talks in Lisbon</title></head><body><article><h1>Talks in"
        " Lisbon</h1><p>Maria Santos met officials of the Bank of Portugal in Lisbon on"
        " Monday to talk about the harbour.</p></article></body></html>"
    )
    for n in range(3):
        if suffix == ".html":
            (corpus / f"a{n}.html").write_text(page, encoding="utf-8")
        else:
            _article(corpus, f"a{n}.txt")
    asked: list[bool] = []
    original = update.preload

    def spy(*args: Any, texts: bool = False, **kwargs: Any) -> None:
        asked.append(texts)
        original(*args, texts=texts, **kwargs)

    monkeypatch.setattr(update, "preload", spy)
    lib = Library.open(corpus)
    try:
        lib.update_index(workers=2)
    finally:
        lib.close()
    assert asked and asked[0] == (suffix == ".txt")
