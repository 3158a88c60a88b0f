"""Only regular files inside the corpus are read: links out of it, loops and pipes are not."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import write_article
from tui.articles import ArticleError, read_text, stat_article_files
from tui.commands import main
from tui.library import Library, LibraryError, prepare_document


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A private folder next to the corpus, with a secret in it."""
    folder = tmp_path / "private"
    write_article(folder, "secret.txt", "Secret", "The zanzibarite password is hunter2.")
    return folder


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    write_article(folder, "a.txt", "Harbour talks", "Negotiators met to discuss a ceasefire.")
    return folder


def test_a_file_link_out_of_the_corpus_is_skipped_with_a_warning(corpus, outside) -> None:
    (corpus / "passwd.txt").symlink_to(outside / "secret.txt")
    lib = Library.open(corpus)
    scan = lib.scan()
    assert [a.path for a in scan.articles] == ["a.txt"]
    assert any("passwd.txt" in w and "outside the corpus" in w for w in scan.warnings)
    report = lib.update_index()
    assert any("passwd.txt" in w and "outside" in w for w in report.warnings)
    assert lib.search("zanzibarite").total == 0


def test_a_folder_link_out_of_the_corpus_is_not_walked(corpus, outside) -> None:
    (corpus / "etclink").symlink_to(outside)
    (corpus / "root").symlink_to("/")
    notes: list[str] = []
    files = stat_article_files(corpus, (), None, notes)
    assert list(files) == ["a.txt"]
    assert any(n.startswith("etclink") and "outside" in n for n in notes)
    assert any(n.startswith("root") and "outside" in n for n in notes)


def test_links_inside_the_corpus_are_followed(corpus) -> None:
    hidden = corpus / ".archive"
    write_article(hidden, "old.txt", "Old story", "Grain prices fell.")
    (corpus / "also.txt").symlink_to(corpus / "a.txt")
    (corpus / "archive").symlink_to(hidden)
    files = stat_article_files(corpus)
    assert sorted(files) == ["a.txt", "also.txt", "archive/old.txt"]


def test_a_link_loop_is_reported_not_followed(corpus) -> None:
    sub = corpus / "sub"
    sub.mkdir()
    (sub / "up").symlink_to(corpus)
    (sub / "self").symlink_to(sub)
    notes: list[str] = []
    files = stat_article_files(corpus, (), None, notes)
    assert list(files) == ["a.txt"]
    assert any(n.startswith("sub/up/") and "loop" in n for n in notes)
    assert any(n.startswith("sub/self/") and "loop" in n for n in notes)


def test_the_listing_is_held_by_its_caller_alone(corpus) -> None:
    """No cycle keeps the listing alive once its caller lets go of it: the walk, which
    calls itself, held it through its closure until a full collection (the app holds
    those back at launch: ~18 MB at 50,000 articles stayed)."""
    sub = corpus / "sub"
    write_article(sub, "b.txt", "Grain", "Grain prices fell.")
    marks: dict[str, int] = {}
    files = stat_article_files(corpus, (), None, None, {}, marks)
    assert sorted(files) == ["a.txt", "sub/b.txt"]
    # this frame's name, and getrefcount's argument: nothing else
    assert sys.getrefcount(files) == 2
    assert sys.getrefcount(marks) == 2


def test_a_broken_link_is_reported(corpus) -> None:
    (corpus / "gone.txt").symlink_to(corpus / "nowhere.txt")
    notes: list[str] = []
    assert list(stat_article_files(corpus, (), None, notes)) == ["a.txt"]
    assert any(n.startswith("gone.txt") and "broken link" in n for n in notes)


def test_a_pipe_named_like_an_article_is_not_read(corpus) -> None:
    os.mkfifo(corpus / "pipe.txt")
    notes: list[str] = []
    assert list(stat_article_files(corpus, (), None, notes)) == ["a.txt"]
    assert any(n.startswith("pipe.txt") and "not a regular file" in n for n in notes)
    with pytest.raises(ArticleError, match="not a regular file"):
        read_text(corpus / "pipe.txt")


def test_indexing_a_corpus_with_a_pipe_and_a_device_link_ends(corpus, tmp_path) -> None:
    os.mkfifo(corpus / "pipe.txt")
    (corpus / "zero.txt").symlink_to("/dev/zero")
    env = {**os.environ, "DOSSIER_HOME": str(tmp_path / "home")}
    out = subprocess.run(
        [sys.executable, "-m", "tui", "index", str(corpus)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert "1 added" in out.stdout


def test_a_file_swapped_for_a_link_after_the_scan_is_not_read(corpus, outside) -> None:
    lib = Library.open(corpus)
    write_article(corpus, "b.txt", "Grain", "Farmers said grain prices had collapsed.")
    lib.scan()
    (corpus / "b.txt").unlink()
    (corpus / "b.txt").symlink_to(outside / "secret.txt")
    with pytest.raises(LibraryError, match="outside the corpus"):
        lib.article("b.txt")
    # the index workers' read, too
    doc = prepare_document(lib.catalog.item("b.txt", "x"))
    assert isinstance(doc, str) and "outside the corpus" in doc


def test_show_does_not_print_a_file_out_of_the_corpus(capsys, corpus, outside) -> None:
    (corpus / "passwd.txt").symlink_to(outside / "secret.txt")
    code = main(["show", str(corpus / "passwd.txt"), "--corpus", str(corpus)])
    out, err = capsys.readouterr()
    assert code == 2 and "hunter2" not in out + err


@pytest.mark.parametrize("proc", [True, False], ids=["open-file-path", "resolved-paths"])
def test_reading_a_file_checks_where_it_resolves(
    corpus, outside, tmp_path, monkeypatch, proc
) -> None:
    """The check on the open file's path (/proc on Linux) and the one that resolves
    both paths agree: through a link, a folder given by a link, a link to a device."""
    import tui.formats as formats

    if not proc:
        monkeypatch.setattr(formats, "_opened_path", lambda fd: None)
    (corpus / "passwd.txt").symlink_to(outside / "secret.txt")
    (corpus / "same.txt").symlink_to(corpus / "a.txt")
    (corpus / "null.txt").symlink_to(os.devnull)
    alias = tmp_path / "alias"
    alias.symlink_to(corpus)
    (corpus / "sub").mkdir()
    limit = 1 << 20
    for folder in (corpus, alias, corpus / "." / "sub" / ".."):
        expected = (corpus / "a.txt").read_bytes()
        assert formats.read_regular(folder / "a.txt", folder, limit) == expected
        assert formats.read_regular(folder / "same.txt", folder, limit) == expected
        for name in ("passwd.txt", "null.txt"):
            with pytest.raises(ArticleError, match="outside the corpus"):
                formats.read_regular(folder / name, folder, limit)
    # the folder the link is in is not the corpus: its target's folder is
    with pytest.raises(ArticleError, match="outside the corpus"):
        formats.read_regular(alias / "a.txt", outside, limit)
    assert formats.read_regular(alias / "passwd.txt", outside, limit).startswith(b"Secret")
    with pytest.raises(ArticleError, match="cannot read"):
        formats.read_regular(corpus / "missing.txt", corpus, limit)
