"""The documents a query matches, read from the posting blocks (tui.index.matching),
are the ones Whoosh's ``docs_for_query`` finds: random queries over real indexes."""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import pytest

from tui.index import QuerySyntaxError
from tui.index.matching import matching_docs
from tui.index.query import within_budget
from tui.library import Library

REPO = Path(__file__).resolve().parent.parent
BBC = REPO.parent / "shared" / "corpora" / "bbc"

WORDS = (
    "the of and to in said prime minister government election labour party talks "
    "economy growth bank rates market film award oscar minister prime the one of "
    "us forces peace ceasefire Geneva Moscow report new plans year people"
).split()
SOURCES = ["Reuters", "AFP", "BBC News"]
NAMES = ["Tony Blair", "Gordon Brown", "Sergei Lavrov", "John Kerry"]


def _article(rng: random.Random, n: int) -> str:
    sentences = []
    for _ in range(rng.randint(2, 6)):
        words = [rng.choice(WORDS) for _ in range(rng.randint(4, 12))]
        if rng.random() < 0.4:
            at = rng.randrange(len(words))
            words[at:at] = ["prime", "minister"]
        if rng.random() < 0.3:
            words.insert(rng.randrange(len(words)), rng.choice(NAMES))
        if rng.random() < 0.15:
            words.insert(rng.randrange(len(words)), rng.choice(NAMES).split()[-1])
        sentences.append(" ".join(words).capitalize() + ".")
    day = 1 + n % 28
    month = 1 + n % 6
    dateline = f"By Staff, {rng.choice(SOURCES)} | {day} {_MONTHS[month - 1]} 2016"
    return f"Story {n} {rng.choice(WORDS)}\n\n{dateline}\n\n" + " ".join(sentences) + "\n"


_MONTHS = "January February March April May June".split()


def _queries(rng: random.Random, texts: list[str], count: int) -> list[str]:
    """Queries of every kind the fast path reads itself, and some it hands to Whoosh."""
    words = sorted({w.lower() for t in texts for w in re.findall(r"[A-Za-z]+", t)})
    out = ['"prime minister"', '"one of the"', "said", "said NOT minister", '"minister prime"']
    for _ in range(count):
        kind = rng.randrange(9)
        text = rng.choice(texts)
        tokens = re.findall(r"[A-Za-z]+", text)
        if kind == 0:
            out.append(rng.choice(words))
        elif kind == 1:
            at = rng.randrange(max(1, len(tokens) - 3))
            out.append('"' + " ".join(tokens[at : at + rng.randint(2, 4)]) + '"')
        elif kind == 2:
            out.append(f"{rng.choice(words)} {rng.choice(words)}")
        elif kind == 3:
            out.append(f"{rng.choice(words)} OR {rng.choice(words)}")
        elif kind == 4:
            out.append(f"{rng.choice(words)} NOT {rng.choice(words)}")
        elif kind == 5:
            word = rng.choice([w for w in words if len(w) > 4] or words)
            out.append(f"{word[:4]}* {rng.choice(words)}")
        elif kind == 6:
            out.append(f'({rng.choice(words)} OR "prime minister") date:2016-0{rng.randint(1, 6)}')
        elif kind == 7:
            out.append(f'person:"{rng.choice(NAMES)}" {rng.choice(words)}')
        else:
            out.append(f'source:"{rng.choice(SOURCES)}" OR title:{rng.choice(words)}')
    return out


def _compare(lib: Library, queries: list[str]) -> int:
    """Check each query; how many matched something."""
    index = lib.index
    synonyms = lib._synonyms()
    matched = 0
    with index._lock:
        s = index.searcher()
        for text in queries:
            try:
                query = within_budget(index.parse(text, synonyms), s.reader())
            except QuerySyntaxError:
                continue
            expected = sorted(s.docs_for_query(query))
            assert matching_docs(s, query) == expected, text
            matched += bool(expected)
    return matched


@pytest.mark.parametrize("native", [True, False], ids=["our segments", "whoosh's writer"])
def test_random_queries_match_what_whoosh_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, native: bool
) -> None:
    if not native:  # every segment written by Whoosh's own writer (compressed blocks)
        monkeypatch.setattr("tui.index.writes.native_writes", lambda: False)
    rng = random.Random(14)
    corpus = tmp_path / "news"
    corpus.mkdir()
    texts = [_article(rng, n) for n in range(240)]
    for n, text in enumerate(texts):
        (corpus / f"{n:03d}.txt").write_text(text, encoding="utf-8")
    lib = Library.open(corpus)
    lib.update_index(workers=1)
    # Later updates: new segments, deleted documents, merges written by Whoosh's own
    # writer (compressed posting blocks).
    for round_ in range(3):
        for n in rng.sample(range(240), 20):
            (corpus / f"{n:03d}.txt").unlink(missing_ok=True)
        for n in range(240 + 15 * round_, 255 + 15 * round_):
            texts.append(_article(rng, n))
            (corpus / f"{n:03d}.txt").write_text(texts[-1], encoding="utf-8")
        lib.update_index(workers=1)
    with lib.index._lock:
        leaves = lib.index.searcher().leaf_searchers()
    assert len(leaves) > 1
    assert any(leaf.reader().has_deletions() for leaf, _ in leaves)
    matched = _compare(lib, _queries(rng, texts, 300))
    assert matched > 150  # the queries find things: the comparison means something


@pytest.mark.skipif(not BBC.is_dir(), reason="needs ../shared/corpora/bbc")
def test_random_queries_on_news_articles_match_what_whoosh_finds(tmp_path: Path) -> None:
    rng = random.Random(7)
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
    matched = _compare(lib, _queries(rng, texts, 200))
    assert matched > 100
