"""The domain layer never imports Textual, and importing it has no side effects."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

DOMAIN = [
    "tui.paths",
    "tui.settings",
    "tui.yamlfile",
    "tui.gazetteer",
    "tui.articles",
    "tui.formats",
    "tui.formats.html",
    "tui.formats.feeds",
    "tui.formats.exports",
    "tui.formats.cache",
    "tui.cleaning",
    "tui.cleaning.passes",
    "tui.cleaning.blocks",
    "tui.text",
    "tui.index",
    "tui.entities",
    "tui.bookmarks",
    "tui.bookmark_cache",
    "tui.anchoring",
    "tui.library",
    "tui.commands",
]


@pytest.mark.parametrize("module", DOMAIN)
def test_domain_module_does_not_import_textual(module: str, tmp_path: Path) -> None:
    code = (
        "import importlib, sys\n"
        f"importlib.import_module({module!r})\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(bad))\n"
    )
    env = {"DOSSIER_HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin"}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert out.stdout.strip() == "", f"{module} imported {out.stdout.strip()}"
    # No import-time side effects: nothing was created under the data/config home.
    assert not (tmp_path / "home").exists()


def test_slow_parsers_are_imported_only_when_a_file_needs_them(tmp_path: Path) -> None:
    # The command line starts fast: trafilatura and feedparser load on first use.
    code = (
        "import sys, tui.commands, tui.library, tui.formats.html, tui.formats.feeds\n"
        "print(','.join(m for m in ('trafilatura', 'feedparser') if m in sys.modules))\n"
    )
    env = {"DOSSIER_HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin"}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert out.stdout.strip() == ""


def test_whoosh_is_imported_by_the_index_module_only() -> None:
    root = Path(__file__).resolve().parent.parent / "tui"
    offenders = [
        str(p.relative_to(root))
        for p in root.rglob("*.py")
        if p.name != "index.py"
        and ("import whoosh" in p.read_text() or "from whoosh" in p.read_text())
    ]
    assert offenders == []
