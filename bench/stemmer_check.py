"""Check and time Dossier's Porter stemmer (tui/index/porter.py) against Whoosh's.

The index's English terms were made by ``whoosh.lang.porter.stem``; ours must give
the same stem for every word, or old indexes would stop matching new queries.
Compared: every word form of ../shared/corpora (bbc, conll2003's files, aeb-dev's
text) as the index sees it (lower case, folded), then random strings: lower-case
words, words with apostrophes, digits, y's, capitals and non-ASCII letters, and
short ones. Prints the count of each kind, any difference, and the time each
stemmer takes over the corpus words (pure or compiled: see the module's file).

    python bench/stemmer_check.py [--random 300000] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

from whoosh.lang.porter import stem as whoosh_stem

import tui.index.porter as porter
from tui.index.analysis import fold
from tui.terms import WORD

CORPORA = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora"


def corpus_words() -> dict[str, list[str]]:
    sources = {
        "bbc": sorted((CORPORA / "bbc").rglob("*.txt")),
        "conll2003": sorted(p for p in (CORPORA / "conll2003").iterdir() if p.is_file()),
        "aeb-dev": sorted((CORPORA / "aeb-dev" / "text").rglob("*")),
    }
    out: dict[str, list[str]] = {}
    for name, files in sources.items():
        words: set[str] = set()
        for path in files:
            if not path.is_file():
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
            for word in WORD.findall(text):
                low = word.lower()
                words.add(low)
                words.add(fold(low))
        out[name] = sorted(words)
    return out


ALPHABETS = {
    "lower": "abcdefghijklmnopqrstuvwxyz",
    "suffix-heavy": "aeiouylstnmcbgzrd",
    "y-and-vowels": "yyyaeioustl",
    "odd": "abcdeilnorsty'’0123456789_*.AEYSéüßıİœ",
}
ENDINGS = [
    "s", "ss", "sses", "ies", "eed", "ed", "ing", "y", "ational", "tional", "enci",
    "anci", "izer", "bli", "abli", "alli", "entli", "eli", "ousli", "ization", "ation",
    "ator", "alism", "iveness", "fulness", "ousness", "aliti", "iviti", "biliti", "logi",
    "icate", "ative", "alize", "iciti", "ical", "ful", "ness", "al", "ance", "ence",
    "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "sion", "tion", "ion",
    "ou", "ism", "ate", "iti", "ous", "ive", "ize", "e", "ll", "lle", "at", "bl", "iz",
]  # fmt: skip


def random_words(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    kinds = list(ALPHABETS.values())
    out: list[str] = []
    for n in range(count):
        letters = kinds[n % len(kinds)]
        size = rng.choice((1, 2, 3, 3, 4, 5, 6, 7, 8, 10, 12, 16))
        word = "".join(rng.choice(letters) for _ in range(size))
        if n % 3 == 0:  # a stem and a real suffix, or two
            word += rng.choice(ENDINGS)
            if n % 2 == 0:
                word += rng.choice(ENDINGS)
        out.append(word)
    return out


def compare(words: list[str]) -> list[tuple[str, str, str]]:
    diffs = []
    for word in words:
        theirs = whoosh_stem(word)
        ours = porter.stem(word)
        if ours != theirs:
            diffs.append((word, theirs, ours))
    return diffs


def timed(fn: object, words: list[str], rounds: int = 5) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for word in words:
            fn(word)  # type: ignore[operator]
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--random", type=int, default=300_000, help="random strings to compare")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(f"ours: {porter.__file__}")
    failed = 0
    everything: list[str] = []
    for name, words in corpus_words().items():
        diffs = compare(words)
        everything += words
        failed += len(diffs)
        print(f"{name}: {len(words)} word forms, {len(diffs)} differences")
        for word, theirs, ours in diffs[:20]:
            print(f"  {word!r}: whoosh {theirs!r}, ours {ours!r}")
    words = random_words(args.random, args.seed)
    diffs = compare(words)
    failed += len(diffs)
    print(f"random: {len(words)} strings, {len(diffs)} differences")
    for word, theirs, ours in diffs[:40]:
        print(f"  {word!r}: whoosh {theirs!r}, ours {ours!r}")
    unique = sorted(set(everything))
    slow = timed(whoosh_stem, unique)
    fast = timed(porter.stem, unique)
    print(
        f"time over {len(unique)} corpus word forms (best of 5): whoosh {slow:.3f} s, "
        f"ours {fast:.3f} s ({slow / fast:.1f}x)"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
