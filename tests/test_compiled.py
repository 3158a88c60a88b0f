"""The entity recogniser compiled by setup.py (mypyc) behaves as its source does.

setup.py compiles tui/entities.py when a C compiler is there; tui/__init__.py
imports the source instead when DOSSIER_PURE_PYTHON is set or the source is
newer than the compiled copy. Each side runs in its own interpreter.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tui import stale_compiled

REPO = Path(__file__).resolve().parent.parent

TEXTS = [
    "Finance Minister Olga Brandt met bankers in Lisbon on Tuesday. Brandt said "
    "the Central Bank of Portugal would act, the U.S. Treasury said on 3 May 2016.",
    "WASHINGTON (Reuters) - Talks led by Henrik Vallander of the Nordic Trade "
    "Council resumed. Vallander's aides flew to al-Raqqa and Aleppo-based groups.",
    "ARSENAL 2 CHELSEA 1\nThe Football Association fined Real Madrid's coach. "
    "Mr. O'Neill told BBC Radio 4 that the UN Security Council's vote was close.",
]

SCRIPT = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path
    import tui.entities as ent
    texts = json.loads(sys.stdin.read())
    texts += [p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).glob("*.txt"))]
    rec = ent.Recognizer()
    out = [[[m.start, m.end, m.text, m.type, m.canonical] for m in rec.extract(t)] for t in texts]
    print(json.dumps({"file": ent.__file__, "mentions": out}))
    """
)


def run(pure: bool) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "DOSSIER_PURE_PYTHON"}
    if pure:
        env["DOSSIER_PURE_PYTHON"] = "1"
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(REPO / "seeds")],
        input=json.dumps(TEXTS),
        capture_output=True,
        text=True,
        env=env,
        check=True,
        cwd=REPO,
    )
    return json.loads(done.stdout)


def test_compiled_recogniser_finds_what_the_source_finds() -> None:
    compiled = run(pure=False)
    if compiled["file"].endswith(".py"):
        pytest.skip("tui.entities is not compiled here (no C compiler at install, or edited since)")
    pure = run(pure=True)
    assert pure["file"].endswith("entities.py")
    assert sum(map(len, pure["mentions"])) > 100
    assert compiled["mentions"] == pure["mentions"]


def test_a_compiled_module_older_than_its_source_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DOSSIER_PURE_PYTHON", raising=False)
    import importlib.machinery

    suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
    for name in ("fresh", "old", "plain"):
        (tmp_path / f"{name}.py").write_text("")
    (tmp_path / f"fresh{suffix}").write_bytes(b"")
    (tmp_path / f"old{suffix}").write_bytes(b"")
    os.utime(tmp_path / f"old{suffix}", (1_000, 1_000))
    names = ("fresh", "old", "plain")
    assert stale_compiled(tmp_path, names) == {"old": tmp_path / "old.py"}
    monkeypatch.setenv("DOSSIER_PURE_PYTHON", "1")
    assert set(stale_compiled(tmp_path, names)) == {"fresh", "old"}
