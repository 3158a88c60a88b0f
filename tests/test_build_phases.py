"""A build prepares its articles in runs, a phase at a time (issue 16: build CPU)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tui.index import build
from tui.library.prepare import document_of, prepare_document, read_document


def _phased(calls: list[str]) -> Any:
    """A preparation in two phases that records its calls; item 'bad' is an error."""

    def first(item: str) -> Any:
        calls.append(f"read {item}")
        return f"{item}: unreadable" if item == "bad" else {"id": item}

    def second(made: Any) -> dict[str, Any] | str:
        if isinstance(made, str):
            return made
        calls.append(f"doc {made['id']}")
        return {**made, "done": True}

    def prepare(item: str) -> dict[str, Any] | str:
        return second(first(item))

    prepare.phases = (first, second)  # type: ignore[attr-defined]
    return prepare


def test_a_run_is_read_before_any_of_it_is_analysed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(build, "RUN", 3)
    calls: list[str] = []
    counted: list[int] = []
    errors: list[str] = []
    items = ["a", "b", "bad", "c", "d"]
    docs = list(build.prepared(_phased(calls), items, counted.append, None, errors))
    assert [d["id"] for d in docs] == ["a", "b", "c", "d"]
    assert all(d["done"] for d in docs)
    assert errors == ["bad: unreadable"]
    assert sum(counted) == len(items)
    assert calls == ["read a", "read b", "read bad", "doc a", "doc b", "read c", "read d"] + [
        "doc c",
        "doc d",
    ]


def test_a_worker_takes_the_queue_s_batches_as_its_runs() -> None:
    calls: list[str] = []
    runs = [["a", "b"], ["c"]]
    docs = list(build.prepared_runs(_phased(calls), runs, None, None, []))
    assert [d["id"] for d in docs] == ["a", "b", "c"]
    assert calls == ["read a", "read b", "doc a", "doc b", "read c", "doc c"]


def test_a_phased_build_can_be_cancelled(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(build, "RUN", 100)
    asked: list[int] = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 1

    items = [str(n) for n in range(60)]
    with pytest.raises(InterruptedError):
        list(build.prepared(_phased([]), items, None, cancelled, []))


def test_batches_are_runs_until_the_last_few(monkeypatch: pytest.MonkeyPatch) -> None:
    items = list(range(2225))
    batches = build._batches(items, 2)
    assert [x for b in batches for x in b] == items
    sizes = [len(b) for b in batches]
    assert sizes[0] == build.RUN
    assert max(sizes) == build.RUN
    assert sizes[-4:-1] == [build._BATCH] * 3  # the workers end within a small batch
    assert sizes == sorted(sizes, reverse=True)


def test_prepare_document_is_its_two_phases(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "Talks in Lisbon\n\nMaria Santos met officials of the Bank of Portugal in Lisbon.\n",
        encoding="utf-8",
    )
    config = tmp_path / "config"
    config.mkdir()
    item = (str(corpus), "a.txt", "id1", str(config), ())
    assert getattr(prepare_document, "phases", None) == (read_document, document_of)
    whole = prepare_document(item)
    assert isinstance(whole, dict)
    assert whole == document_of(read_document(item))
    assert whole["person"] and whole["place"]
    missing = (str(corpus), "gone.txt", "id2", str(config), ())
    assert isinstance(prepare_document(missing), str)
    assert document_of(read_document(missing)) == prepare_document(missing)
