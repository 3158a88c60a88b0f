"""Whether a change to the recogniser changed what it finds: every mention of every
BBC article and every cleaned aeb-dev page, written out or compared.

    python bench/entities_same.py --save FILE     # before the change
    python bench/entities_same.py --compare FILE  # after it: prints what differs

Each text is read as the index build reads it (headline, blank line, body; the
pages cleaned as the app cleans them) and extracted twice: with dates, as the
reader does, and without, as the build does. A speed change must leave the file
identical; an intended accuracy fix should show only the mentions it meant to
change. Exit status 1 when something differs.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

from bbc import BBC, CORPORA, REPO, read_text

sys.path.insert(0, str(REPO))

PAGES = CORPORA / "aeb-dev" / "text"
#: How many differing extractions --compare prints (--all: every one).
LIMIT = 20


def texts() -> dict[str, str]:
    """Name -> text (headline, blank line, body) of every article of both corpora."""
    from tui.articles import build_article
    from tui.articles import read_text as read_page
    from tui.cleaning import load_rules

    out: dict[str, str] = {}
    for path in sorted(BBC.glob("*/*.txt")):
        title, _, rest = read_text(path).strip().partition("\n")
        out[f"bbc/{path.parent.name}/{path.name}"] = f"{title.strip()}\n\n{rest.strip()}"
    rules = load_rules()
    for path in sorted(PAGES.glob("*.txt")):
        article = build_article(path.name, read_page(path), rules)
        out[f"aeb-dev/{path.name}"] = f"{article.title}\n\n{article.body}"
    return out


def extract_all() -> dict[str, list[list[object]]]:
    from tui.entities import Recognizer

    recognizer = Recognizer()
    out: dict[str, list[list[object]]] = {}
    for name, text in texts().items():
        for dates in (True, False):
            found = recognizer.extract(text, dates=dates)
            out[f"{name} dates={dates}"] = [list(m) for m in found]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--save", type=Path)
    group.add_argument("--compare", type=Path)
    parser.add_argument("--all", action="store_true", help="print every extraction that differs")
    args = parser.parse_args(argv)
    found = extract_all()
    mentions = sum(len(v) for v in found.values())
    if args.save:
        with gzip.open(args.save, "wt", encoding="utf-8") as f:
            json.dump(found, f)
        print(f"{len(found)} extractions, {mentions} mentions -> {args.save}")
        return 0
    with gzip.open(args.compare, "rt", encoding="utf-8") as f:
        before = json.load(f)
    differ = 0
    for key in sorted(set(before) | set(found)):
        old = [tuple(m) for m in before.get(key, [])]
        new = [tuple(m) for m in found.get(key, [])]
        if old != new:
            differ += 1
            if args.all or differ <= LIMIT:
                print(f"{key}:")
                for m in sorted(set(old) - set(new)):
                    print(f"  - {m}")
                for m in sorted(set(new) - set(old)):
                    print(f"  + {m}")
    print(f"{len(found)} extractions, {mentions} mentions; {differ} differ from {args.compare}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
