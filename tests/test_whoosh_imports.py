"""Whoosh imported without urllib.request and asyncio (tui.index.whoosh_imports).

The index package imports no Whoosh by itself (its names are imported when first
used: the app's first frame needs none of them); each of its modules that imports
Whoosh imports :mod:`tui.index.whoosh_imports` before it. Here a module that does
(``tui.index.query``) stands for them, and a check of the sources for every one.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import run_python, write_article
from tui.library import Library

INDEX = Path(__file__).resolve().parent.parent / "tui" / "index"


def test_the_index_package_imports_neither_urllib_request_nor_asyncio(tmp_path: Path) -> None:
    """Whoosh asks for both (a function it never calls, a decorator of one property):
    together about a fifth of what a command's imports cost."""
    code = (
        "import sys, functools, tui.commands, tui.library, tui.index.query, whoosh.reading\n"
        "heavy = ('urllib.request', 'asyncio', 'cached_property', 'http.client')\n"
        "print('imported:' + ','.join(m for m in heavy if m in sys.modules))\n"
        "print(whoosh.reading.cached_property is functools.cached_property)\n"
    )
    assert run_python(code, tmp_path).splitlines() == ["imported:", "True"]


def test_the_real_modules_come_to_whoever_imports_them_later(tmp_path: Path) -> None:
    code = (
        "import tui.index.query, whoosh.compat\n"
        "import urllib.request, cached_property\n"
        "print(urllib.request.Request.__name__, urllib.request.urlretrieve.__module__)\n"
        "print(cached_property.cached_property.__module__)\n"
        "print(whoosh.compat.urlretrieve.__module__)\n"
    )
    assert run_python(code, tmp_path).splitlines() == [
        "Request urllib.request",
        "cached_property",
        "tui.index.whoosh_imports",  # Whoosh's own name: imports the real one if called
    ]


def test_whoosh_imported_first_is_left_as_it_is(tmp_path: Path) -> None:
    code = (
        "import sys, whoosh.query, tui.index.query, whoosh.reading\n"
        "print(whoosh.reading.cached_property.__module__, 'urllib.request' in sys.modules)\n"
    )
    assert run_python(code, tmp_path) == "cached_property True"


def _first_whoosh_import(tree: ast.Module) -> int | None:
    """The line of a module's first top-level import of Whoosh (None: none)."""
    for node in tree.body:
        names = (
            [a.name for a in node.names]
            if isinstance(node, ast.Import)
            else [node.module or ""]
            if isinstance(node, ast.ImportFrom) and node.level == 0
            else []
        )
        if any(n == "whoosh" or n.startswith("whoosh.") for n in names):
            return node.lineno
    return None


def _imports_whoosh_imports_at(tree: ast.Module) -> int | None:
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module == "tui.index":
            if any(a.name == "whoosh_imports" for a in node.names):
                return node.lineno
    return None


def test_every_module_that_imports_whoosh_imports_whoosh_imports_before_it() -> None:
    """The package's ``__init__`` no longer imports Whoosh first for all of them: each
    module does, or the first of them imported would bring urllib.request and asyncio."""
    late = {}
    checked = 0
    for path in sorted(INDEX.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        first = _first_whoosh_import(tree)
        if first is None or path.name == "whoosh_imports.py":
            continue
        checked += 1
        before = _imports_whoosh_imports_at(tree)
        if before is None or before > first:
            late[path.name] = (before, first)
    assert late == {}
    assert checked >= 10  # the check sees them


def test_the_package_and_its_light_modules_import_no_whoosh(tmp_path: Path) -> None:
    """What the library and the app name before anything is searched: the errors, the
    fields, a SearchIndex made (not opened), its folder's metadata."""
    code = (
        "import sys, tui.index\n"
        "from tui.index import ENTITY_FIELDS, META_NAME, IndexBusy, SearchIndex, entity_term\n"
        "from tui.index.folder import IndexFolder\n"
        f"index = SearchIndex({str(tmp_path / 'ix')!r})\n"
        "print(index.exists(), index.folder.read_meta(), 'whoosh' in sys.modules)\n"
        "index.counts\n"
        "print('whoosh' in sys.modules, 'urllib.request' in sys.modules)\n"
    )
    assert run_python(code, tmp_path).splitlines() == ["False {} False", "True False"]


def test_an_index_with_deleted_documents_reads_as_before(tmp_path: Path) -> None:
    """The property the standard cached_property decorates: a segment's deleted
    documents, which every posting list of the segment leaves out."""
    folder = tmp_path / "news"
    write_article(folder, "a.txt", "Talks", "The talks in Velmora went on.")
    write_article(folder, "b.txt", "Port", "The harbour of Velmora was closed.")
    lib = Library.open(folder)
    lib.update_index(workers=1)
    with lib.index.ix.searcher() as s:
        gone = s.document(path="a.txt")["id"]
    writer = lib.index.ix.writer()
    writer.delete_by_term("id", gone)
    writer.commit(merge=False)
    reader = lib.index.ix.reader()
    try:
        assert reader.doc_count_all() - reader.doc_count() == 1
        assert reader.deleted_docs_set and len(reader.deleted_docs_set) == 1
        assert list(reader.postings("body", "velmora").all_ids()) == [
            n for n in range(reader.doc_count_all()) if not reader.is_deleted(n)
        ]
    finally:
        reader.close()
