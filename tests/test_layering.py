"""The domain layer never imports Textual, and importing it has no side effects."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

TUI = Path(__file__).resolve().parent.parent / "tui"

DOMAIN = [
    "tui.paths",
    "tui.privacy",
    "tui.freshness",
    "tui.outfile",
    "tui.settings",
    "tui.yamlfile",
    "tui.gazetteer",
    "tui.articles",
    "tui.formats",
    "tui.clipping",
    "tui.formats.html",
    "tui.formats.feeds",
    "tui.formats.exports",
    "tui.formats.cache",
    "tui.cleaning",
    "tui.cleaning.passes",
    "tui.cleaning.blocks",
    "tui.cleaning.learn",
    "tui.cleaning.corrections",
    "tui.text",
    "tui.index",  # a package: importing it imports each of its modules
    "tui.entities",
    "tui.ner",
    "tui.ner.recognizer",
    "tui.bookmarks",  # a package
    "tui.bookmark_cache",
    "tui.anchoring",
    "tui.library",  # a package
    "tui.commands",
    "tui.terms",
    "tui.shingles",
    "tui.export",
    "tui.watch",
    "tui.known",
    "tui.lazy",
    "tui.server",  # a package
    "tui.server.daemon",
]


def test_the_list_covers_every_domain_module_and_package() -> None:
    # Everything in tui/ except the app is domain code and must be checked above.
    found = {
        f"tui.{p.stem if p.is_file() else p.name}"
        for p in TUI.iterdir()
        if (p.suffix == ".py" and p.stem not in ("__init__", "__main__"))
        or (p.is_dir() and (p / "__init__.py").exists() and p.name != "app")
    }
    assert found <= set(DOMAIN), sorted(found - set(DOMAIN))


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


def _whoosh_imports(path: Path) -> set[str]:
    """The Whoosh modules a source file imports (``from whoosh import x`` counts as
    ``whoosh.x``, which may be a module or a name in ``whoosh``)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "whoosh")
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "whoosh":
                found.update(f"whoosh.{a.name}" for a in node.names)
            elif node.module.startswith("whoosh."):
                found.add(node.module)
    return found


#: The parts of Whoosh that are its documented API; anything else (the codecs,
#: file storage, the writer's internals, packing helpers) is private to Whoosh
#: and depends on the version installed.
WHOOSH_PUBLIC = {
    "whoosh.index",
    "whoosh.analysis",
    "whoosh.collectors",
    "whoosh.columns",  # the column types fields.COLUMN takes (documented: "Columns")
    "whoosh.fields",
    "whoosh.formats",
    "whoosh.lang",  # stemmer_for_language, has_stemmer (documented: "Stemming")
    "whoosh.lang.porter",
    "whoosh.matching",  # the matcher classes (documented: "whoosh.matching module")
    "whoosh.qparser",
    "whoosh.query",
    "whoosh.scoring",  # BM25F and its scorers (documented: "whoosh.scoring module")
}


def test_whoosh_is_imported_by_the_index_package_only() -> None:
    # The index was one module (tui/index.py) and is now a package of them: every
    # Whoosh import is still in one place, tui/index/.
    offenders = [
        str(p.relative_to(TUI))
        for p in TUI.rglob("*.py")
        if _whoosh_imports(p) and p.parent != TUI / "index"
    ]
    assert offenders == []


def test_whoosh_internals_are_imported_by_the_segment_module_only() -> None:
    used = {
        str(p.relative_to(TUI)): _whoosh_imports(p) - WHOOSH_PUBLIC
        for p in (TUI / "index").glob("*.py")
    }
    offenders = {name: sorted(mods) for name, mods in used.items() if mods}
    assert set(offenders) == {"index/segment.py"}, offenders
    assert "whoosh.codec" in offenders["index/segment.py"]  # the check sees imports


@pytest.mark.parametrize("package", ["tui.bookmarks", "tui.cleaning"])
def test_a_lazy_package_exports_what_it_lists(package: str) -> None:
    # Its names are imported on first use (tui.lazy): each one listed must be found in
    # the module the table gives, and the table must list every name of __all__.
    import importlib

    pkg = importlib.import_module(package)
    listed = {name for names in pkg._WHERE.values() for name in names.split()}
    assert listed == set(pkg.__all__)
    for module, names in pkg._WHERE.items():
        for name in names.split():
            assert getattr(pkg, name) is getattr(importlib.import_module(module), name)
    with pytest.raises(AttributeError):
        pkg.no_such_name  # noqa: B018
