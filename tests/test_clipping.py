"""Clipping pages from a local web server, and files, into a corpus (tui.clipping)."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.web_server import WEB, free_port, serve
from tui import clipping
from tui.clipping import ClipError, copy_in, fetch, save_page, slug, write_new
from tui.formats import read_records

Site = tuple[str, list[tuple[str, str]]]


@pytest.fixture
def site() -> Iterator[Site]:
    with serve() as (base, requests):
        yield base, requests


def names(folder: Path) -> list[str]:
    return sorted(os.listdir(folder))


def test_a_page_is_saved_under_its_headline(tmp_path: Path, site: Site) -> None:
    base, requests = site
    fetched = fetch(f"{base}/news/pier")
    path = save_page(tmp_path, fetched)
    assert path == tmp_path / "storm-hit-pier-closed-for-the-winter.html"
    data = path.read_bytes()
    assert data.startswith(b"<!-- saved from url=(")
    assert data.endswith((WEB / "harbour-pier.html").read_bytes())  # the page as served
    assert requests[-1][1].startswith("dossier-reader/")  # a clear user agent
    again = save_page(tmp_path, fetch(f"{base}/news/pier"))
    assert again.name == "storm-hit-pier-closed-for-the-winter-2.html"  # never overwritten
    third = save_page(tmp_path, fetch(f"{base}/news/pier"))
    assert third.name == "storm-hit-pier-closed-for-the-winter-3.html"
    assert names(tmp_path) == sorted(p.name for p in (path, again, third))  # no temporary file


def test_a_redirect_is_followed_and_the_address_kept(tmp_path: Path, site: Site) -> None:
    base, _ = site
    fetched = fetch(f"{base}/old-address")
    assert fetched.final_url == f"{base}/news/pier"
    data = save_page(tmp_path, fetched).read_bytes()
    assert f"saved from url=({len(fetched.final_url):04d}){base}/news/pier".encode() in data


def test_the_servers_charset_is_kept_in_the_saved_page(tmp_path: Path, site: Site) -> None:
    base, _ = site
    path = save_page(tmp_path, fetch(f"{base}/fr/marche-no-meta"))
    assert path.name == "le-marche-couvert-rouvre-ses-portes-apres-deux-ans-de-travaux.html"
    record = read_records(path)[0][0]
    assert "Après deux ans de chantier" in record.text  # read right from the disk alone
    # no canonical address in the page: the address it was saved from is its address
    assert record.url == f"{base}/fr/marche-no-meta"


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/missing", "the server answered 404"),
        ("/report.pdf", "not an HTML page (application/pdf)"),
        ("/huge", "too big"),
        ("/empty-article", "no article in the page"),
    ],
)
def test_errors_are_one_line_and_leave_nothing(
    tmp_path: Path, site: Site, path: str, message: str
) -> None:
    base, _ = site
    with pytest.raises(ClipError) as err:
        save_page(tmp_path, fetch(base + path))
    assert message in str(err.value) and "\n" not in str(err.value)
    assert names(tmp_path) == []


def test_unreachable_slow_and_bad_addresses(site: Site) -> None:
    base, _ = site
    with pytest.raises(ClipError, match="unreachable"):
        fetch(f"http://127.0.0.1:{free_port()}/x", timeout=5)
    with pytest.raises(ClipError, match="no answer within 0.5 s"):
        fetch(f"{base}/slow", timeout=0.5)
    for bad in ("ftp://example.com/a", "file:///etc/passwd", "http://"):
        with pytest.raises(ClipError, match="not a web address"):
            fetch(bad)


def test_a_size_limit(site: Site) -> None:
    base, _ = site
    with pytest.raises(ClipError, match="too big"):
        fetch(f"{base}/news/pier", limit=1000)


def test_slugs() -> None:
    assert slug("Storm-hit pier closed!") == "storm-hit-pier-closed"
    assert slug("Le marché: l’été") == "le-marche-l-ete"
    assert slug("Новости дня") == "новости-дня"
    assert slug("../../etc/passwd") == "etc-passwd"
    assert slug("...") == "article" and slug("") == "article"
    long = slug("word " * 100)
    assert len(long.encode()) <= 100 and not long.endswith("-")


def test_write_new_is_all_or_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.html").write_text("old")
    assert write_new(tmp_path, "a", ".html", b"new").name == "a-2.html"
    assert (tmp_path / "a.html").read_text() == "old"

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(clipping.os, "fsync", broken_fsync)
    with pytest.raises(ClipError, match="No space left on device"):
        write_new(tmp_path, "b", ".html", b"data")
    assert names(tmp_path) == ["a-2.html", "a.html"]


def test_files_are_copied_in_under_their_titles(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    article = tmp_path / "notes.txt"
    article.write_text("Council votes to keep the library open\n\nThe vote was close.\n")
    assert copy_in(corpus, article).name == "council-votes-to-keep-the-library-open.txt"
    assert copy_in(corpus, WEB / "bahn-strecke.html").name == (
        "bahnstrecke-nach-erlenbach-wird-zwei-monate-gesperrt.html"
    )
    export = tmp_path / "My Export.JSONL"
    export.write_text('{"title": "T", "text": "x"}\n')
    assert copy_in(corpus, export).name == "my-export.jsonl"  # an export keeps its own name
    assert copy_in(corpus, article).name == "council-votes-to-keep-the-library-open-2.txt"


def test_what_copy_in_refuses(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "inside.txt").write_text("Title\n\nText.\n")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    (tmp_path / "folder.txt").mkdir()
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "empty.txt").write_text("")
    cases = {
        tmp_path / "image.png": "not an article file",
        tmp_path / "folder.txt": "a folder",
        tmp_path / "pipe.txt": "not a regular file",
        corpus / "inside.txt": "already in the corpus",
        tmp_path / "missing.txt": "cannot read",
        tmp_path / "empty.txt": "empty",
    }
    for source, message in cases.items():
        with pytest.raises(ClipError, match=message):
            copy_in(corpus, source)
    assert names(corpus) == ["inside.txt"]


def test_write_new_leaves_the_process_umask_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The page is saved in a worker thread of the app: os.umask(0), then back, left
    # every file another thread made in between readable and writable by all (an
    # index file, a bookmarks journal). The umask is read, not set (as tui.outfile does).
    def no_umask(mask: int) -> int:
        raise AssertionError("os.umask called")

    monkeypatch.setattr(os, "umask", no_umask)
    saved = write_new(tmp_path, "a", ".html", b"<p>page</p>")
    assert saved.read_bytes() == b"<p>page</p>"


@pytest.mark.parametrize("writer", ["export", "clip"])
def test_a_new_file_takes_the_umask_without_proc(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, writer: str
) -> None:
    # Where /proc/self/status could not be read (no /proc in a container, another
    # system), the umask was taken to be 022: with umask 077, an export or a saved page
    # was made readable by every user. The OS now gives the mode, as to any file made.
    from tui.outfile import write_output

    real_read_text = Path.read_text

    def no_proc(self: Path, *args: object, **kwargs: object) -> str:
        if str(self).startswith("/proc/"):
            raise FileNotFoundError(2, "No such file or directory", str(self))
        return real_read_text(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "read_text", no_proc)
    old = os.umask(0o077)
    try:
        if writer == "export":
            made = write_output(tmp_path / "out.md", "# Notes\n")
        else:
            made = write_new(tmp_path, "page", ".html", b"<p>page</p>")
    finally:
        os.umask(old)
    assert stat.S_IMODE(made.stat().st_mode) == 0o600
