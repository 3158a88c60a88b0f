"""Whether two builds of one corpus answer alike (run by hand; prints what differs).

    python bench/two_builds.py [--corpus DIR] [--dossier PATH]

Builds the corpus twice, with ``DOSSIER_INDEX_WORKERS=1`` and ``2`` (each in a
temporary data and index folder: the article numbers differ with the worker that
took each batch), then runs the same CLI commands on both (entities, each type,
``--with``, searches with facets, fields, a prefix, a phrase, ``--json``) and
prints each command whose output differs. ``--dossier`` runs another checkout's
command (the ``dossier`` of its venv), to compare with a reference.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BBC = REPO.parent / "shared" / "corpora" / "bbc"

COMMANDS = [
    ["entities"],
    *(["entities", "--type", t] for t in ("person", "place", "org")),
    *(["entities", "--with", n] for n in ("Tony Blair", "London", "Microsoft")),
    ["search", "--facets", "--limit", "30", "the"],
    ["search", "--limit", "40", "said"],
    ["search", "--facets", "--limit", "25", "government"],
    ["search", "--limit", "30", 'person:"tony blair"'],
    ["search", "--limit", "30", "place:london"],
    ["search", "--json", "--limit", "30", "minister"],
    ["search", "--limit", "30", "title:profit"],
    ["search", "--limit", "30", "govern*"],
    ["search", "--limit", "30", '"prime minister"'],
]


def answers(dossier: str, corpus: Path, work: Path, workers: int) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(
        DOSSIER_NO_SERVER="1",
        DOSSIER_INDEX_WORKERS=str(workers),
        DOSSIER_DATA_DIR=str(work / f"data{workers}"),
        DOSSIER_CONFIG_DIR=str(work / "config"),
        DOSSIER_INDEX_DIR=str(work / f"index{workers}"),
    )
    run = [dossier, "index", "--corpus", str(corpus)]
    subprocess.run(run, env=env, check=True, capture_output=True)
    out = {}
    for argv in COMMANDS:
        done = subprocess.run(
            [dossier, *argv, "--corpus", str(corpus)], env=env, capture_output=True, text=True
        )
        out[" ".join(argv)] = done.stdout + done.stderr
    return out


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--corpus", type=Path, default=BBC)
    p.add_argument("--dossier", default=str(Path(sys.executable).parent / "dossier"))
    args = p.parse_args()
    with tempfile.TemporaryDirectory(prefix="two-builds-") as tmp:
        one = answers(args.dossier, args.corpus, Path(tmp), 1)
        two = answers(args.dossier, args.corpus, Path(tmp), 2)
    differ = [k for k in one if one[k] != two[k]]
    print(f"{args.dossier} on {args.corpus}: {len(differ)} of {len(one)} commands differ")
    for k in differ:
        print(f"  dossier {k}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
