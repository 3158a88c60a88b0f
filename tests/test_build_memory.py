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

    def loads(data: bytes) -> Any:
        alive.append(len(multiprocessing.active_children()))
        return pickle.loads(data)

    namespace = SimpleNamespace(loads=loads, dumps=pickle.dumps, HIGHEST_PROTOCOL=5)
    monkeypatch.setattr(build, "pickle", namespace)
    docs = _docs(400)
    index = SearchIndex(tmp_path / "ix")
    index.open()
    added, errors = index.write(prepare=_as_it_is, items=docs, workers=2)
    assert (len(added), errors, index.doc_count()) == (400, [], 400)
    assert alive, "the documents came back from workers, pickled"
    assert alive == [0] * len(alive)


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
