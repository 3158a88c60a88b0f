"""The most frequent people, places and organisations on real web pages.

    python bench/entities_pages.py [TEXT_DIR] [--top N]

(default: ../shared/corpora/aeb-dev/text, 91 news pages scraped with their
menus, share bars and footers.) Each page is cleaned as the app cleans it
(tui.articles.build_article with the default cleaning rules), the recogniser
runs on headline and body as the index runs it, and the N most frequent names
of each type are printed with how many pages name them, so that a person can
count how many are right (the target: at least 27 of 30 for each type).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tui.articles import build_article, read_text  # noqa: E402
from tui.cleaning import load_rules  # noqa: E402
from tui.entities import Recognizer, load_gazetteer  # noqa: E402
from tui.ner.types import NAME_TYPES  # noqa: E402

DEFAULT = REPO.parent / "shared" / "corpora" / "aeb-dev" / "text"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folder", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--top", type=int, default=30)
    args = ap.parse_args(argv)
    files = sorted(args.folder.glob("*.txt"))
    if not files:
        print(f"no .txt pages in {args.folder}", file=sys.stderr)
        return 2
    rules = load_rules()
    recognizer = Recognizer(load_gazetteer())
    mentions: dict[str, Counter[str]] = {t: Counter() for t in NAME_TYPES}
    pages: dict[str, Counter[str]] = {t: Counter() for t in NAME_TYPES}
    t0 = time.perf_counter()
    for path in files:
        article = build_article(path.name, read_text(path), rules)
        seen: set[tuple[str, str]] = set()
        for m in recognizer.extract(f"{article.title}\n\n{article.body}"):
            if m.type in mentions:
                mentions[m.type][m.canonical] += 1
                seen.add((m.type, m.canonical))
        for typ, name in seen:
            pages[typ][name] += 1
    elapsed = time.perf_counter() - t0
    print(f"{len(files)} pages from {args.folder} ({elapsed:.1f} s)")
    for typ in NAME_TYPES:
        print(f"\n{typ}: the {args.top} most frequent (mentions, pages)")
        for rank, (name, n) in enumerate(mentions[typ].most_common(args.top), 1):
            print(f"{rank:3}. {name:<40} {n:4} {pages[typ][name]:3}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
