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
    "tui.heap",
    "tui.privacy",
    "tui.freshness",
    "tui.outfile",
    "tui.argv",
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


#: Whoosh's private modules: its codecs, file storage, struct packing and numeric
#: helpers. Only tui/index/segment.py may import them (nor any of their submodules).
WHOOSH_PRIVATE = ("whoosh.codec", "whoosh.filedb", "whoosh.system", "whoosh.util.numeric")


def test_whoosh_private_modules_are_imported_by_the_segment_module_only() -> None:
    # Named explicitly, beside the list of public modules above: a module added to
    # that list by mistake (or a "from whoosh import codec") is still caught here.
    def private(module: str) -> bool:
        return any(module == p or module.startswith(p + ".") for p in WHOOSH_PRIVATE)

    used = {
        str(p.relative_to(TUI)): sorted(m for m in _whoosh_imports(p) if private(m))
        for p in (TUI / "index").glob("*.py")
    }
    offenders = {name: mods for name, mods in used.items() if mods}
    assert set(offenders) == {"index/segment.py"}, offenders
    assert {"whoosh.codec", "whoosh.filedb.filestore", "whoosh.system"} <= set(
        offenders["index/segment.py"]
    )  # the check sees them


#: Private attributes that modules of tui/index read of Dossier's own objects (not
#: Whoosh's), by module: the store's lock, a facet table's mask, a cache a function
#: keeps on the object it is given, and os._exit.
OWN_PRIVATE = {
    "index/aliases.py": {"_mask"},
    "index/aside.py": {"_exit"},
    "index/build.py": {"_exit"},
    "index/facets.py": {"_lock"},
    "index/lookups.py": {"_lock"},
    "index/retype.py": {"_mask"},
    "index/sidecar.py": {"_canon"},
}


def _private_reads(path: Path) -> set[str]:
    """The private attributes (``_name``, not ``__dunder__``) a source file reads of
    anything but ``self``, ``cls`` and ``super()``: as ``x._name`` or ``getattr``/
    ``hasattr``/``setattr`` with the name written out."""

    def private(name: str) -> bool:
        return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))

    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and private(node.attr):
            value = node.value
            own = isinstance(value, ast.Name) and value.id in ("self", "cls")
            parent = isinstance(value, ast.Call) and getattr(value.func, "id", "") == "super"
            if not (own or parent):
                found.add(node.attr)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("getattr", "hasattr", "setattr")
            and len(node.args) >= 2
            and isinstance(node.args[1], ast.Constant)
            and isinstance(node.args[1].value, str)
            and private(node.args[1].value)
        ):
            if not (isinstance(node.args[0], ast.Name) and node.args[0].id in ("self", "cls")):
                found.add(node.args[1].value)
    return found


def test_whoosh_private_attributes_are_read_by_the_segment_module_only() -> None:
    # A Whoosh object's private attribute (ix._segments(), a matcher's _scorer, a
    # writer's _commit_toc) is an internal like a private module: segment.py reads
    # them and gives the rest of the package small functions.
    reads = {str(p.relative_to(TUI)): _private_reads(p) for p in (TUI / "index").glob("*.py")}
    offenders = {
        name: sorted(found - OWN_PRIVATE.get(name, set()))
        for name, found in reads.items()
        if found - OWN_PRIVATE.get(name, set())
    }
    assert set(offenders) == {"index/segment.py"}, offenders
    # The check sees attribute reads and getattr alike.
    assert {"_segments", "_commit_toc", "_terms", "_scorer", "_btexts"} <= set(
        offenders["index/segment.py"]
    )
    for name, allowed in OWN_PRIVATE.items():
        assert allowed <= reads[name], f"{name} no longer reads {allowed - reads[name]}"


def _private_overrides(module_name: str) -> set[str]:
    """The private methods (``_name``, not ``__dunder__``) that classes of a module
    define over a Whoosh class's own: an override of Whoosh's internals."""
    import importlib
    import inspect

    module = importlib.import_module(module_name)
    found: set[str] = set()
    for cls in vars(module).values():
        if not inspect.isclass(cls) or cls.__module__ != module_name:
            continue
        whoosh_bases = [b for b in cls.__mro__ if b.__module__.startswith("whoosh")]
        for name in vars(cls):
            private = name.startswith("_") and not name.endswith("__")
            if private and any(name in vars(base) for base in whoosh_bases):
                found.add(name)
    return found


def test_whoosh_private_methods_are_overridden_by_the_segment_module_only() -> None:
    # Defining a Whoosh class's private method (a MultiTerm's _btexts) depends on its
    # internals as much as calling one does.
    overrides = {
        str(p.relative_to(TUI)): _private_overrides(f"tui.index.{p.stem}")
        for p in (TUI / "index").glob("*.py")
        if p.stem != "__init__"
    }
    offenders = {name: sorted(found) for name, found in overrides.items() if found}
    assert set(offenders) == {"index/segment.py"}, offenders
    assert "_btexts" in offenders["index/segment.py"]  # the check sees an override


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
