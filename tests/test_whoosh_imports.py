"""Whoosh imported without urllib.request and asyncio (tui.index.whoosh_imports)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_python, write_article
from tui.library import Library


def test_the_index_package_imports_neither_urllib_request_nor_asyncio(tmp_path: Path) -> None:
    """Whoosh asks for both (a function it never calls, a decorator of one property):
    together about a fifth of what a command's imports cost."""
    code = (
        "import sys, functools, tui.commands, tui.library, tui.index, whoosh.reading\n"
        "heavy = ('urllib.request', 'asyncio', 'cached_property', 'http.client')\n"
        "print('imported:' + ','.join(m for m in heavy if m in sys.modules))\n"
        "print(whoosh.reading.cached_property is functools.cached_property)\n"
    )
    assert run_python(code, tmp_path).splitlines() == ["imported:", "True"]


def test_the_real_modules_come_to_whoever_imports_them_later(tmp_path: Path) -> None:
    code = (
        "import tui.index, whoosh.compat\n"
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
        "import sys, whoosh.query, tui.index, whoosh.reading\n"
        "print(whoosh.reading.cached_property.__module__, 'urllib.request' in sys.modules)\n"
    )
    assert run_python(code, tmp_path) == "cached_property True"


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
