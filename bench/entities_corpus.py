"""The most frequent people, places and organisations of any folder of articles.

    python bench/entities_corpus.py [FOLDER] [--top N] [--name NAME ...] [--examples K]

(default: ../shared/corpora/bbc.) Every ``*.txt`` under FOLDER, at any depth, is
cleaned as the app cleans it (tui.articles.build_article with the default rules),
the recogniser runs on headline and body as the index runs it, the types are made
to agree across the corpus as the entities pane does
(:func:`tui.ner.corpus.corpus_types`), and the N most frequent names of each type
are printed with their mentions and articles. Nothing is judged: read the lists,
that is what the acceptance does on a corpus nobody has seen.

``--name NAME`` (repeatable) prints, for a name, how many mentions and articles
each type has before the corpus-level pass (and in how many articles the
context decided the type, which the pass keeps), what the pass makes of it, and up to
``--examples`` sentences of each type: where to look when a name sits in the
wrong list.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from entities_pages import tally  # noqa: E402

from tui.articles import build_article, read_text  # noqa: E402
from tui.cleaning import load_rules  # noqa: E402
from tui.entities import Recognizer, load_gazetteer  # noqa: E402
from tui.gazetteer import fold  # noqa: E402
from tui.ner.corpus import corpus_totals, corpus_types  # noqa: E402
from tui.ner.types import NAME_TYPES  # noqa: E402

DEFAULT = REPO.parent / "shared" / "corpora" / "bbc"


def _context(text: str, start: int, end: int, width: int = 70) -> str:
    left = text[max(0, start - width) : start].replace("\n", " ")
    right = text[end : end + width].replace("\n", " ")
    return f"...{left}[{text[start:end]}]{right}..."


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folder", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--top", type=int, default=30)
    ap.add_argument("--name", action="append", default=[], help="a name to explain")
    ap.add_argument("--examples", type=int, default=3)
    args = ap.parse_args(argv)
    files = sorted(args.folder.rglob("*.txt"))
    if not files:
        print(f"no .txt files in {args.folder}", file=sys.stderr)
        return 2
    rules = load_rules()
    recognizer = Recognizer(load_gazetteer())
    wanted = {fold(n) for n in args.name}
    per_doc: list[dict[tuple[str, str], int]] = []
    examples: dict[tuple[str, str], list[str]] = {}
    decided_docs: dict[tuple[str, str], int] = {}  # articles whose context decided the type
    t0 = time.perf_counter()
    for path in files:
        raw = read_text(path)
        article = build_article(str(path.relative_to(args.folder)), raw, rules)
        text = f"{article.title}\n\n{article.body}"
        counts: dict[tuple[str, str], int] = {}
        found, evidence = recognizer.extract_with_evidence(text)
        for typ, name in evidence.decided:
            decided_docs[typ, name] = decided_docs.get((typ, name), 0) + 1
        for m in found:
            if m.type in NAME_TYPES:
                counts[m.type, m.canonical] = counts.get((m.type, m.canonical), 0) + 1
                if wanted and fold(m.canonical) in wanted:
                    got = examples.setdefault((fold(m.canonical), m.type), [])
                    if len(got) < args.examples:
                        got.append(f"{path.name}: {_context(text, m.start, m.end)}")
        per_doc.append(counts)
    totals = corpus_totals(per_doc)
    retyped = corpus_types(totals, decided=set(decided_docs), decided_in=decided_docs)
    mentions, docs = tally(per_doc, decided_docs)
    elapsed = time.perf_counter() - t0
    print(f"{len(files)} articles from {args.folder} ({elapsed:.1f} s)")
    for typ in NAME_TYPES:
        print(f"\n{typ}: the {args.top} most frequent (mentions, articles)")
        ranked = sorted(mentions[typ].items(), key=lambda kv: (-kv[1], -docs[typ][kv[0]], kv[0]))
        for rank, (name, n) in enumerate(ranked[: args.top], 1):
            print(f"{rank:3}. {name:<40} {n:4} {docs[typ][name]:4}")
    for name in args.name:
        key = fold(name)
        print(f"\n{name}: as the recogniser types it (mentions, articles) -> the corpus's type")
        for (typ, spelled), (m, d) in sorted(totals.items()):
            if fold(spelled) == key:
                to = retyped.get((typ, spelled))
                moved = f" -> {to[0]} {to[1]}" if to else ""
                if (typ, spelled) in decided_docs:
                    moved += f" (decided by context in {decided_docs[typ, spelled]})"
                print(f"  {typ:<14} {spelled:<30} {m:5} {d:5}{moved}")
                for line in examples.get((key, typ), []):
                    print(f"      {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
