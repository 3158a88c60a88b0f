"""The entity recogniser's start-up against a reference checkout, in the same run.

    python bench/entity_startup.py --ref ../dossier-before [--rounds 5]

What every index build's parent does before its workers fork, and every command
that extracts before its first article: the lexicon (the name lists, folded),
the user's gazetteer, the shipped model file and the tagger's two passes with
their tables, and the recogniser's fingerprint. Each round runs a fresh process
of each checkout (its own ``.venv``, alternating which goes first) that imports
the modules first, as the command has them by then, and times the start-up
alone (CPU time of the process, so other processes' load counts less than in
wall time). Printed: each side's median and best, per part, and the ratio.
Compiled or not as each side is installed (a side whose sources changed since
its install runs pure Python: reinstall it first; the bench says which).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

#: Run in each checkout: the start-up's parts in ms of CPU, as JSON.
PROBE = """
import json, time
import platformdirs, yaml
import tui.paths, tui.yamlfile, tui.gazetteer, tui.ner.model, tui.ner.recognizer, tui.ner.tagger
from tui.entities import Recognizer
clock = time.process_time
t0 = clock()
tui.gazetteer.lexicon()
t1 = clock()
recognizer = Recognizer(dates=False)
recognizer.gazetteer
t2 = clock()
tui.ner.model.shipped_model()
t3 = clock()
recognizer.load()
recognizer.fingerprint
t4 = clock()
print(json.dumps({
    "compiled": not tui.ner.tagger.__file__.endswith(".py"),
    "lexicon": 1000 * (t1 - t0), "gazetteer": 1000 * (t2 - t1),
    "model": 1000 * (t3 - t2), "taggers": 1000 * (t4 - t3), "all": 1000 * (t4 - t0),
}))
"""

PARTS = ("all", "lexicon", "gazetteer", "model", "taggers")


def once(checkout: Path) -> dict[str, float]:
    env = {k: v for k, v in os.environ.items() if k not in ("DOSSIER_PURE_PYTHON",)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # modules load from bytecode, as a user's do
    python = checkout / ".venv" / "bin" / "python"
    if not python.exists():
        raise SystemExit(f"{checkout}: no .venv/bin/python (install the checkout first)")
    done = subprocess.run(
        [str(python), "-c", PROBE], cwd=checkout, env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise SystemExit(f"{checkout}: the probe failed: {done.stderr.strip().splitlines()[-1:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ref", type=Path, required=True, help="the reference checkout")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    sides = {"ref": args.ref.resolve(), "this": REPO}
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"ref {sides['ref']}, this {REPO}; load {load}")
    runs: dict[str, list[dict[str, float]]] = {"ref": [], "this": []}
    for name, checkout in sides.items():  # (a first run writes bytecode: not counted)
        first = once(checkout)
        print(f"{name}: {'compiled' if first['compiled'] else 'PURE PYTHON'}")
    for r in range(args.rounds):
        for name in ("ref", "this") if r % 2 == 0 else ("this", "ref"):
            runs[name].append(once(sides[name]))
    for name in ("ref", "this"):
        parts = ", ".join(
            f"{part} {statistics.median(x[part] for x in runs[name]):.1f}" for part in PARTS[1:]
        )
        best = min(x["all"] for x in runs[name])
        median = statistics.median(x["all"] for x in runs[name])
        print(f"{name:4}: start-up median {median:.1f} ms CPU, best {best:.1f} ({parts})")
    ratio = statistics.median(x["all"] for x in runs["this"]) / statistics.median(
        x["all"] for x in runs["ref"]
    )
    after = " ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"this / ref: {ratio:.2f}x (medians); load after {after}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
