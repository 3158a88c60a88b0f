"""The domain layer never imports Textual, and importing it has no side effects."""

from __future__ import annotations

import ast
import functools
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

TUI = Path(__file__).resolve().parent.parent / "tui"

DOMAIN = [
    "tui.paths",
    "tui.heap",
    "tui.privacy",
    "tui.mounts",
    "tui.freshness",
    "tui.listing",
    "tui.outfile",
    "tui.argv",
    "tui.settings",
    "tui.yamlfile",
    "tui.yamledit",
    "tui.gazetteer",
    "tui.articles",
    "tui.formats",
    "tui.clipping",
    "tui.formats.html",
    "tui.formats.pagemeta",
    "tui.formats.feeds",
    "tui.formats.exports",
    "tui.formats.cache",
    "tui.bylines",
    "tui.cleaning",
    "tui.cleaning.passes",
    "tui.cleaning.blocks",
    "tui.cleaning.learn",
    "tui.cleaning.corrections",
    "tui.text",
    "tui.sentences",
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
    "tui.posting_layout",
    "tui.shingles",
    "tui.export",
    "tui.watch",
    "tui.known",
    "tui.jsonfile",
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


def _imported_on_import(tree: ast.Module) -> set[str]:
    """The modules a source file imports when it is itself imported: in its top-level
    statements (under ``if``, ``try`` and ``with`` too) and class bodies; not in function
    bodies, nor under ``if TYPE_CHECKING:``."""
    found: set[str] = set()

    def walk(body: list[ast.stmt]) -> None:
        for node in body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING":
                walk(node.orelse)
                continue
            if isinstance(node, ast.Import):
                found.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom):
                assert node.level == 0 and node.module, "tui/ imports absolutely"
                found.add(node.module)
                found.update(f"{node.module}.{a.name}" for a in node.names)
            for part in (getattr(node, f, None) for f in ("body", "orelse", "finalbody")):
                if isinstance(part, list):
                    walk(part)
            for handler in getattr(node, "handlers", []):
                walk(handler.body)

    walk(tree.body)
    return found


def test_no_module_outside_the_app_imports_textual_when_imported() -> None:
    # The test above imports each domain package: a module that its package does not
    # import (tui/library/session.py, tui/ner/corpus.py, tui/server/client.py, the
    # commands) was never checked. Read here, every module of tui/ but the app's: as
    # none imports Textual or the app when imported, importing one cannot bring them in.
    def app_side(module: str) -> bool:
        return module.split(".")[0] == "textual" or module.split(".")[:2] == ["tui", "app"]

    offenders = {}
    for path in sorted(TUI.rglob("*.py")):
        if path.relative_to(TUI).parts[0] == "app":
            continue
        found = _imported_on_import(ast.parse(path.read_text(encoding="utf-8")))
        if bad := sorted(filter(app_side, found)):
            offenders[str(path.relative_to(TUI))] = bad
    assert offenders == {}
    # what the check sees, and what it leaves (an import when a function runs)
    guarded = "try:\n    from textual.widgets import Label\nexcept ImportError:\n    pass\n"
    assert "textual.widgets" in _imported_on_import(ast.parse(guarded))
    in_class = "class A:\n    import tui.app.messages\n"
    assert "tui.app.messages" in _imported_on_import(ast.parse(in_class))
    assert not _imported_on_import(ast.parse("def f():\n    import textual\n"))


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
    "whoosh.filedb.filestore",  # Storage, FileStorage (documented: "Storage", subclassed)
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


#: Whoosh's private modules: its codecs, its file tables and struct files (all of
#: whoosh.filedb but the documented storage classes), struct packing and numeric
#: helpers. Only tui/index/segment.py may import them (nor any of their submodules).
WHOOSH_PRIVATE = ("whoosh.codec", "whoosh.filedb", "whoosh.system", "whoosh.util")


def test_whoosh_private_modules_are_imported_by_the_segment_module_only() -> None:
    # Named explicitly, beside the list of public modules above: a module added to
    # that list by mistake (or a "from whoosh import codec") is still caught here.
    def private(module: str) -> bool:
        under = any(module == p or module.startswith(p + ".") for p in WHOOSH_PRIVATE)
        return under and module != "whoosh.filedb.filestore"

    used = {
        str(p.relative_to(TUI)): sorted(m for m in _whoosh_imports(p) if private(m))
        for p in (TUI / "index").glob("*.py")
    }
    offenders = {name: mods for name, mods in used.items() if mods}
    assert set(offenders) == {"index/segment.py"}, offenders
    assert {"whoosh.codec", "whoosh.filedb.structfile", "whoosh.system"} <= set(
        offenders["index/segment.py"]
    )  # the check sees them


#: Private attributes that modules of tui/index read of Dossier's own objects (not
#: Whoosh's), by module: the store's lock, a facet table's mask, a cache a function
#: keeps on the object it is given, and os._exit.
OWN_PRIVATE = {
    "index/aliases.py": {"_mask"},
    "index/aside.py": {"_exit"},
    "index/facets.py": {"_lock"},
    "index/lookups.py": {"_lock"},
    "index/processes.py": {"_exit"},
    "index/retype.py": {"_mask"},
    "index/cooccurrence.py": {"_canon"},
}


def _attribute_reads(
    tree: ast.AST, nodes: list[ast.AST] | None = None
) -> Iterator[tuple[ast.AST, str, bool]]:
    """Each attribute a source file reads by name, as ``x.name`` or ``getattr``/
    ``hasattr``/``setattr`` with the name written out: (the node, the name, whether it
    is read of ``self``, ``cls`` or ``super()``). ``nodes``: ``ast.walk(tree)`` made."""
    for node in ast.walk(tree) if nodes is None else nodes:
        if isinstance(node, ast.Attribute):
            value = node.value
            own = isinstance(value, ast.Name) and value.id in ("self", "cls")
            parent = isinstance(value, ast.Call) and getattr(value.func, "id", "") == "super"
            yield node, node.attr, own or parent
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("getattr", "hasattr", "setattr")
            and len(node.args) >= 2
            and isinstance(node.args[1], ast.Constant)
            and isinstance(node.args[1].value, str)
        ):
            first = node.args[0]
            own = isinstance(first, ast.Name) and first.id in ("self", "cls")
            yield node, node.args[1].value, own


def _private_reads(path: Path) -> set[str]:
    """The private attributes (``_name``, not ``__dunder__``) a source file reads of
    anything but ``self``, ``cls`` and ``super()``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        name
        for _, name, own in _attribute_reads(tree)
        if not own and name.startswith("_") and not (name.startswith("__") and name.endswith("__"))
    }


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


@functools.cache
def _whoosh_private_names() -> frozenset[str]:
    """Every private name (``_name``, not ``__dunder__``) Whoosh's own source defines or
    reads as an attribute: its private attributes, methods and module-level helpers
    (read once per process: parsing Whoosh's source is ~1 s, and five tests ask)."""
    import warnings

    import whoosh

    names: set[str] = set()
    for path in Path(whoosh.__file__).parent.rglob("*.py"):
        with warnings.catch_warnings():  # (Whoosh's old escapes in its strings)
            warnings.simplefilter("ignore", SyntaxWarning)
            warnings.simplefilter("ignore", DeprecationWarning)
            tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute):
                names.add(node.attr)
            elif isinstance(node, ast.FunctionDef | ast.ClassDef):
                names.add(node.name)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
    return frozenset(n for n in names if n.startswith("_") and not n.endswith("__"))


def _whoosh_private_uses(source: str, whoosh_names: frozenset[str]) -> set[str]:
    """The private names of Whoosh's that a source file uses: read as an attribute of
    anything but ``self``/``cls``/``super()`` (``reader._terms``, ``getattr(m, "_scorer")``),
    of ``self`` too in a class derived from a Whoosh class (``self._fpath``), or imported
    from a Whoosh module (``from whoosh.query import _x``)."""
    tree = ast.parse(source)
    nodes = list(ast.walk(tree))  # walked once: ~5 walks a file over every module of tui/
    imported: set[str] = set()  # the names Whoosh's modules and classes go by here
    for node in nodes:
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "whoosh":
            imported.update(a.asname or a.name for a in node.names)
        elif isinstance(node, ast.Import):
            imported.update(
                (a.asname or a.name).split(".")[0]
                for a in node.names
                if a.name.split(".")[0] == "whoosh"
            )

    def root(expr: ast.expr) -> str:
        while isinstance(expr, ast.Attribute):
            expr = expr.value
        return expr.id if isinstance(expr, ast.Name) else ""

    derived: set[ast.AST] = set()  # what classes derived from Whoosh's hold
    for node in nodes:  # (outer classes first: a local base is seen before)
        if isinstance(node, ast.ClassDef) and any(root(b) in imported for b in node.bases):
            imported.add(node.name)
            derived.update(ast.walk(node))
    # the private names the file's own classes define: their methods, class attributes
    # and what their methods assign to self (reading one of those is no Whoosh private)
    defined: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.FunctionDef):
                    defined.add(item.name)
                elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                    defined.add(item.target.id)
                elif isinstance(item, ast.Assign):
                    defined.update(t.id for t in item.targets if isinstance(t, ast.Name))
        elif (
            isinstance(node, ast.Attribute)
            and isinstance(node.ctx, ast.Store)
            and isinstance(node.value, ast.Name)
            and node.value.id == "self"
        ):
            defined.add(node.attr)
    inherited = whoosh_names - defined  # a derived class's self._name that is Whoosh's
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "whoosh":
            found.update(a.name for a in node.names if a.name in whoosh_names)
    for node, name, own in _attribute_reads(tree, nodes):
        if name in whoosh_names and (not own or (node in derived and name in inherited)):
            found.add(name)
    return found


#: Dossier's own private attributes whose names Whoosh's source happens to use too,
#: by the module that reads them: the library's and the store's lock, Library._read
#: (a read of the index guarded like a search), CorpusPaths._values, a Passage's
#: sentence starts.
OWN_NAMED_LIKE_WHOOSH = {
    "app/widgets/passage.py": {"_starts"},
    "index/facets.py": {"_lock"},
    "index/lookups.py": {"_lock"},
    "library/across.py": {"_read"},
    "library/search.py": {"_lock", "_read"},
    "library/searching.py": {"_read"},
    "library/upkeep.py": {"_lock", "_read"},
    "paths.py": {"_values"},
}


def test_no_module_of_tui_but_the_segment_module_uses_a_whoosh_private() -> None:
    # Every module of tui/, the app and the library included: a Whoosh object handed
    # out of the index package (a reader, a searcher, a matcher) must not have its
    # private attributes read anywhere else either.
    names = _whoosh_private_names()
    assert {"_terms", "_postfile", "_segments", "_scorer", "_btexts", "_fpath"} <= names
    uses = {
        str(p.relative_to(TUI)): _whoosh_private_uses(p.read_text(encoding="utf-8"), names)
        for p in TUI.rglob("*.py")
    }
    offenders = {
        name: sorted(found - OWN_NAMED_LIKE_WHOOSH.get(name, set()))
        for name, found in uses.items()
        if found - OWN_NAMED_LIKE_WHOOSH.get(name, set())
    }
    assert set(offenders) == {"index/segment.py"}, offenders
    for name, allowed in OWN_NAMED_LIKE_WHOOSH.items():
        assert allowed <= uses[name], f"{name} no longer reads {allowed - uses[name]}"


@pytest.mark.parametrize(
    "line",
    [
        "terms = reader._terms",  # an attribute of a Whoosh object
        "scorer = getattr(matcher, '_scorer', None)",  # or getattr with its name
        "from whoosh.filedb.filetables import _pointer",  # a private helper imported
        # a Whoosh subclass reading its base's private method
        "class S(FileStorage):\n    def f(self, n):\n        return self._fpath(n)",
    ],
)
def test_the_check_sees_a_whoosh_private_anywhere(line: str) -> None:
    # What the test above would find in a module of the library (say): each of these
    # makes it fail.
    names = _whoosh_private_names()
    source = f"from whoosh.filedb.filestore import FileStorage\n{line}\n"
    assert _whoosh_private_uses(source, names)
    # and Dossier's own private attributes of the same object kinds are left alone
    assert not _whoosh_private_uses("x = lib._catalog\ny = self._fpath\n", names)


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
