"""Index internals that the library relies on."""

from __future__ import annotations

import pickle

import pytest
from whoosh.analysis import StemmingAnalyzer

from tui.index import FastStemAnalyzer

TEXT = (
    "The U.S.-led coalition's negotiators said on Monday that a ceasefire, if agreed, "
    "would start at 0600 GMT; e-mail them at press@example.org. It's a 'test' of the "
    "talks (and of the talkers) — 2,000 people fled."
)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"positions": True, "chars": True},
        {"positions": True, "chars": True, "removestops": False},
        {"mode": "query"},
        {"tokenize": False},
    ],
)
def test_fast_analyzer_yields_the_same_tokens_as_whoosh(kwargs: dict) -> None:
    def tokens(analyzer):  # type: ignore[no-untyped-def]
        return [
            (t.text, getattr(t, "pos", None), getattr(t, "startchar", None), t.stopped)
            for t in analyzer(TEXT, **kwargs)
        ]

    assert tokens(FastStemAnalyzer()) == tokens(StemmingAnalyzer())


def test_fast_analyzer_pickles_without_its_cache() -> None:
    analyzer = FastStemAnalyzer()
    list(analyzer(TEXT))
    clone = pickle.loads(pickle.dumps(analyzer))
    assert clone == analyzer
    assert clone._stems == {}
    assert [t.text for t in clone("Talks talking")] == ["talk", "talk"]
