"""Ranking in bulk (tui.index.ranking) gives what Whoosh's collector gives: the same
hits in the same order with the same scores and highlights, and the same count,
over random queries on real indexes."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from tests.test_matching import BBC, _article, _queries
from tui.index import QuerySyntaxError, ranking
from tui.index.query import within_budget
from tui.library import Library

#: Query kinds _queries does not make: boosts, AND MAYBE, prefixes alone, slop
#: (handed to Whoosh), NOT at the top, groups in groups.
EXTRA = [
    "minister^2 economy",
    "economy^3 OR growth^0.5",
    "film ANDMAYBE award",
    "prim*",
    '"prime minister"~3',
    "(bank OR market) NOT (rates OR growth)",
    '("prime minister" OR "tony blair") election',
    'title:"story" OR said',
    "person:blair OR place:geneva",
    "talks~1",
]


def _search(lib: Library, text: str, limit: int | None, bulk: bool) -> object:
    ranking.ENABLED = bulk
    try:
        hits, total = lib.index.search(text, limit=limit, synonyms=lib._synonyms())
    except QuerySyntaxError as exc:
        return str(exc)
    finally:
        ranking.ENABLED = True
    return [(h.doc["id"], h.score, h.matches) for h in hits], total


def _compare(lib: Library, queries: list[str]) -> tuple[int, int]:
    """Check each query at a few limits; (queries ranked here, queries with hits)."""
    index = lib.index
    synonyms = lib._synonyms()
    here = found = 0
    for text in queries:
        for limit in (1, 20, None):
            expected = _search(lib, text, limit, bulk=False)
            assert _search(lib, text, limit, bulk=True) == expected, (text, limit)
        if isinstance(expected, str):
            continue
        found += bool(expected[1])
        with index._lock:
            s = index.searcher()
            query = within_budget(index.parse(text, synonyms), s.reader())
            here += ranking.ranked(s, query, 20) is not None
    return here, found


@pytest.mark.parametrize("native", [True, False], ids=["our segments", "whoosh's writer"])
def test_random_queries_rank_as_whoosh_ranks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, native: bool
) -> None:
    if not native:  # every segment written by Whoosh's own writer (compressed blocks)
        monkeypatch.setattr("tui.index.writes.native_writes", lambda: False)
    rng = random.Random(13)
    corpus = tmp_path / "news"
    corpus.mkdir()
    texts = [_article(rng, n) for n in range(200)]
    for n, text in enumerate(texts):
        (corpus / f"{n:03d}.txt").write_text(text, encoding="utf-8")
    lib = Library.open(corpus)
    lib.update_index(workers=1)
    for round_ in range(2):  # new segments and deleted documents
        for n in rng.sample(range(200), 15):
            (corpus / f"{n:03d}.txt").unlink(missing_ok=True)
        for n in range(200 + 15 * round_, 215 + 15 * round_):
            texts.append(_article(rng, n))
            (corpus / f"{n:03d}.txt").write_text(texts[-1], encoding="utf-8")
        lib.update_index(workers=1)
    with lib.index._lock:
        leaves = lib.index.searcher().leaf_searchers()
    assert len(leaves) > 1
    assert any(leaf.reader().has_deletions() for leaf, _ in leaves)
    queries = [*EXTRA, *_queries(rng, texts, 70)]
    here, found = _compare(lib, queries)
    assert found > 50  # the queries find things: the comparison means something
    assert here > 0.9 * len(queries)  # and nearly all of them are ranked in bulk


def test_not_alone_leaves_deleted_articles_out(tmp_path: Path) -> None:
    """`NOT word` counts the live articles without the word. (Whoosh's own matcher
    for it can return a deleted document: the one right after the word's last.)"""
    rng = random.Random(3)
    corpus = tmp_path / "news"
    corpus.mkdir()
    for n in range(60):
        (corpus / f"{n:02d}.txt").write_text(_article(rng, n), encoding="utf-8")
    lib = Library.open(corpus)
    lib.update_index(workers=1)
    for n in range(0, 60, 3):
        (corpus / f"{n:02d}.txt").write_text(_article(rng, 100 + n), encoding="utf-8")
    lib.update_index(workers=1)
    live = lib.index.doc_count()
    for word in ("said", "minister", "geneva", "economy"):
        result = lib.search(f"NOT {word}", limit=None)
        assert result.total == live - lib.search(word, limit=None).total
        assert len({hit.id for hit in result.hits}) == result.total


@pytest.mark.skipif(not BBC.is_dir(), reason="needs ../shared/corpora/bbc")
def test_random_queries_on_news_articles_rank_as_whoosh_ranks(tmp_path: Path) -> None:
    rng = random.Random(8)
    files = sorted(BBC.rglob("*.txt"))
    chosen = rng.sample([f for f in files if f.name != "README.TXT"], 120)
    corpus = tmp_path / "bbc"
    for n, path in enumerate(chosen):
        target = corpus / path.parent.name / f"{n:03d}.txt"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    lib = Library.open(corpus)
    lib.update_index(workers=1)
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in corpus.rglob("*.txt")]
    queries = [*EXTRA, *_queries(rng, texts, 100)]
    here, found = _compare(lib, queries)
    assert found > 60
    assert here > 0.9 * len(queries)


def test_ties_are_ordered_by_the_key_given_as_ids_or_as_ranks():
    """best_first orders equal scores by the tie key, whether the key is the
    articles' ids (a few ties) or their ranks among the ids (many: a filter alone
    ties every match), and never by document number."""
    import numpy as np

    from tui.index.ranking import best_first

    docs = np.arange(10, dtype=np.int64)
    scores = np.array([1.0] * 8 + [2.0, 0.5])
    ids = ["h", "c", "a", "g", "b", "f", "e", "d", "z", "y"]  # by document number
    ranks = np.argsort(np.argsort(np.array(ids)))

    by_ids, _ = best_first(docs, scores, 4, lambda d: [ids[n] for n in d.tolist()])
    by_ranks, got = best_first(docs, scores, 4, lambda d: ranks[d])
    # 8 (best), then the tied ones by id: a (2), b (4), c (1)
    assert by_ids.tolist() == [8, 2, 4, 1]
    assert by_ranks.tolist() == [8, 2, 4, 1]
    assert got.tolist() == [2.0, 1.0, 1.0, 1.0]
    every, _ = best_first(docs, scores, None, lambda d: ranks[d])
    assert every.tolist() == [8, 2, 4, 1, 7, 6, 5, 3, 0, 9]
