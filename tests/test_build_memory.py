"""What a parallel build holds at once (issue 13: a 50,000-article build within 400 MB)."""

from __future__ import annotations

import multiprocessing
import pickle
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

WORDS = "talks ceasefire minister said market shares rose fell league match goal".split()


def _docs(n: int) -> list[dict[str, Any]]:
    return [
        {
            "id": f"doc{i}",
            "path": f"folder/doc{i}.txt",
            "title": f"Story {i}",
            "body": " ".join(WORDS[(i + k) % len(WORDS)] for k in range(40)),
        }
        for i in range(n)
    ]


def _as_it_is(doc: dict[str, Any]) -> dict[str, Any]:
    return doc  # a worker process's prepare: pickled by name


def test_the_workers_are_gone_before_their_documents_are_unpickled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The documents a parallel build returns are unpickled in the parent only once its
    worker processes have exited: at 50,000 articles, unpickled beside the workers'
    full heaps, they were the build's peak of memory."""
    from tui.index import SearchIndex, build

    alive: list[int] = []

    def load(file: Any) -> Any:
        alive.append(len(multiprocessing.active_children()))
        return pickle.load(file)

    # (the workers write the documents to files the parent reads: pickle.load there)
    namespace = SimpleNamespace(load=load, dump=pickle.dump, HIGHEST_PROTOCOL=5)
    monkeypatch.setattr(build, "pickle", namespace)
    docs = _docs(400)
    index = SearchIndex(tmp_path / "ix")
    index.open()
    added, errors = index.write(prepare=_as_it_is, items=docs, workers=2)
    assert (len(added), errors, index.doc_count()) == (400, [], 400)
    assert alive, "the documents came back from workers, pickled"
    assert alive == [0] * len(alive)


def test_a_worker_writes_its_documents_to_a_file_as_it_goes(tmp_path: Path) -> None:
    """A worker's documents go to its file in runs of PICKLED_DOCS as the build goes,
    not held to the end and sent back in its result (~12 MB of each worker's heap at
    the 50k build's peak, and as much again in the parent); they read back whole and
    in order."""
    from tui.index import build

    docs = _docs(2 * build.PICKLED_DOCS + 7)
    seen: list[int] = []
    path = tmp_path / "docs"
    with path.open("wb") as out:

        def documents() -> Any:
            for doc in docs:
                out.flush()
                seen.append(path.stat().st_size)
                yield dict(doc)

        segments, kept = build.build_bounded(build.Target(tmp_path), documents(), spill=out)
    assert kept == [] and len(segments) == 1
    # written after the first run of documents, long before the last
    assert seen[build.PICKLED_DOCS - 1] == 0 < seen[build.PICKLED_DOCS + 1]
    back = build.read_spilled(str(path))
    assert [d["id"] for d in back] == [d["id"] for d in docs]
    assert back[3] == build._kept(docs[3])


def test_a_parallel_build_leaves_no_document_files(tmp_path: Path) -> None:
    """The documents' files are named as the index's own (what a crash leaves is
    cleared as a dead segment's files are, and the folder is never refused as
    holding foreign files) and are gone once the build is committed."""
    from tui.index import SearchIndex
    from tui.index.folder import is_index_file

    index = SearchIndex(tmp_path / "ix")
    index.open()
    added, errors = index.write(prepare=_as_it_is, items=_docs(300), workers=2)
    assert (len(added), errors) == (300, [])
    names = sorted(p.name for p in (tmp_path / "ix").iterdir())
    assert not [n for n in names if n.endswith(".docs")], names
    assert all(is_index_file(n) for n in names), names
    assert index.doc_count() == 300


def test_postings_of_one_frequency_share_their_weight() -> None:
    """A posting waiting in a list holds the weight of its frequency as one shared float
    (24 of its ~100 bytes were a float of its own), and reads as the same value."""
    from tui.terms import add_terms

    postings: dict[bytes, list[Any]] = {}
    terms: dict[str, bytes] = {}
    for docnum, text in enumerate(["talks began", "talks talks ended", "the talks"]):
        add_terms(postings, docnum, text, terms, str.encode, False, 1.0, lambda n: n)
    talks = postings[b"talks"]
    weights = talks[1::4]
    assert weights == [1.0, 2.0, 1.0] and all(type(w) is float for w in weights)
    assert weights[0] is weights[2] is postings[b"began"][1]
    titled: dict[bytes, list[Any]] = {}
    add_terms(titled, 0, "talks talks", {}, str.encode, True, 2.0, lambda n: n)
    assert titled[b"talks"][1] == 4.0
