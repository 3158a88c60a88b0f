"""`dossier show ID` as a user runs it, with and without the lookup through the index's
entries (Library.prime_article), in the same run: whole-process wall and CPU.

    python bench/show_one.py --corpus CORPUS --data DIR [--rounds 5]

DIR is a private data folder (DOSSIER_DATA_DIR) whose index of CORPUS (a 50k copy of the BBC
corpus that bench/scale.py makes, say) is up to date:
`DOSSIER_DATA_DIR=DIR dossier index CORPUS` first. The "scan" side is the same command
with prime_article switched off (the folder read as before); both outputs are compared.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from procs import run  # noqa: E402

SCAN = (
    "import sys; from tui.library import Library; "
    "Library.prime_article = lambda self, ref: False; "
    "from tui.commands import main; sys.exit(main(sys.argv[1:]))"
)
QUICK = "import sys; from tui.commands import main; sys.exit(main(sys.argv[1:]))"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--data", required=True, help="DOSSIER_DATA_DIR holding its index")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--ids", type=int, default=3, help="articles shown (from a search)")
    args = ap.parse_args()
    env = dict(os.environ, DOSSIER_DATA_DIR=args.data)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as a user's: modules load from bytecode
    py = sys.executable
    found = run([py, "-c", QUICK, "search", "--corpus", args.corpus, "year", "--json"], env)
    ids = [line.split('"id": "', 1)[1].split('"', 1)[0] for line in found.out.splitlines()]
    ids = ids[: args.ids]
    if not ids:
        print("no article found: is the index built?", found.out[:200])
        return 1
    times: dict[str, list[tuple[float, float]]] = {"scan": [], "quick": []}
    for _ in range(args.rounds):
        for doc_id in ids:
            outs = {}
            for side, code in (("scan", SCAN), ("quick", QUICK)):
                cmd = [py, "-c", code, "show", "--corpus", args.corpus, doc_id, "--json"]
                r = run(cmd, env)
                if r.code != 0:
                    print(side, "failed:", r.out[:300])
                    return 1
                times[side].append((r.wall, r.cpu))
                outs[side] = r.out
            if outs["scan"] != outs["quick"]:
                print(f"{doc_id}: the outputs differ")
                return 1
    print(f"{len(ids)} articles x {args.rounds} rounds, load {os.getloadavg()[0]:.2f}; same output")
    for side, got in times.items():
        walls, cpus = [w for w, _ in got], [c for _, c in got]
        print(
            f"{side:6} wall p50 {statistics.median(walls) * 1000:6.0f} ms"
            f"  CPU p50 {statistics.median(cpus) * 1000:6.0f} ms  max {max(cpus) * 1000:6.0f} ms"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
