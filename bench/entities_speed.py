"""Time entity extraction over the BBC corpus (single process).

Usage: python bench/entities_speed.py [CORPUS_DIR]   (default: ../shared/corpora/bbc)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT = REPO.parent / "shared" / "corpora" / "bbc"


def read(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    root = Path(args[0]) if args else DEFAULT
    sys.path.insert(0, str(REPO))
    from tui.entities import Recognizer

    texts = [read(p) for p in sorted(root.glob("*/*.txt"))]
    if not texts:
        print(f"no articles under {root}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    recognizer = Recognizer()
    recognizer.extract("Warm up: Sergei Lavrov met John Kerry in Geneva.")
    load = time.perf_counter() - t0
    t0 = time.perf_counter()
    mentions = sum(len(recognizer.extract(t)) for t in texts)
    elapsed = time.perf_counter() - t0
    size = sum(len(t) for t in texts) / 1e6
    print(f"{len(texts)} docs, {size:.1f} M chars, {mentions} mentions")
    print(f"load lexicons: {load:.2f} s")
    print(f"extract: {elapsed:.2f} s total, {len(texts) / elapsed:.0f} docs/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
