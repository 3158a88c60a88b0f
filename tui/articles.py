"""Articles: reading files from a corpus folder into cleaned :class:`Article` objects.

A corpus is a folder read recursively; the files :mod:`tui.formats` reads are
articles: ``.txt`` and ``.md`` (scraped text, cleaned here), saved web pages,
and exports and feeds that hold many articles each. Reading never raises for a
bad file: the problem becomes a one-line warning and the rest of the corpus
loads.
"""

from __future__ import annotations

import fnmatch
import hashlib
import operator
import os
import re
import stat
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from tui.formats import MAX_ARTICLE_BYTES as MAX_BYTES
from tui.formats import (
    SUFFIXES,
    ArticleError,
    Record,
    format_of,
    inside,
    read_regular,
    read_regular_stat,
    record_path,
)
from tui.formats.text import decode, decode_noted, looks_binary
from tui.mounts import change_mark, scan_mark, scan_started, tick_end, wait_past
from tui.text import decoded_name

if TYPE_CHECKING:  # the cleaner is imported when an article is first cleaned
    from tui.cleaning import Cleaned, Rules

__all__ = [
    "MAX_BYTES",
    "Article",
    "ArticleError",
    "Record",
    "article_from_record",
    "article_id",
    "build_article",
    "decode",
    "decode_noted",
    "inside",
    "looks_binary",
]


@dataclass(frozen=True)
class Article:
    """One cleaned article. ``body`` is what the index and the reader see."""

    id: str
    path: str  # posix path relative to the corpus folder
    title: str
    body: str  # paragraphs separated by a blank line
    raw: str = field(repr=False)  # the decoded file text, uncleaned
    source: str | None = None
    date: str | None = None  # ISO 8601, "YYYY-MM-DD"
    byline: str | None = None
    headings: tuple[tuple[int, int], ...] = ()  # spans of subheadings in body
    format: str = "txt"  # see tui.formats: txt, md, html, jsonl, json, csv, rss, atom
    url: str | None = None
    language: str | None = None
    quotes: tuple[tuple[int, int], ...] = ()  # spans of quoted paragraphs in body
    # spans of the raw text's lines the cleaner removed (the raw view dims them)
    removed: tuple[tuple[int, int], ...] = field(default=(), repr=False)

    def paragraphs(self) -> Iterator[tuple[int, int]]:
        """Spans ``(start, end)`` of the body's paragraphs."""
        start = 0
        body = self.body
        while start < len(body):
            end = body.find("\n\n", start)
            if end == -1:
                end = len(body)
            if end > start:
                yield start, end
            start = end + 2


def article_id(relpath: str) -> str:
    """The stable id of the article at ``relpath`` (posix, relative to the corpus)."""
    return hashlib.blake2b(relpath.encode("utf-8", "surrogateescape"), digest_size=6).hexdigest()


def iter_article_files(corpus: Path, skip: Iterable[str] = ()) -> Iterator[Path]:
    """Article files under ``corpus``, recursively, in a stable order; hidden entries skipped.

    ``skip`` holds file-name patterns (``README*``) of files that are not articles.
    The files are those of :func:`stat_article_files` (regular files, links only
    inside the corpus).
    """
    for relpath in stat_article_files(corpus, skip):
        yield corpus / relpath


def _skipper(patterns: Iterable[str]) -> Callable[[str], bool]:
    """Whether a file name matches one of ``patterns`` (shell-style, any case)."""
    parts = [f"(?:{fnmatch.translate(p.lower())})" for p in patterns if p.strip()]
    if not parts:
        return lambda _name: False
    either = re.compile("|".join(parts))  # one match a file, not one a pattern
    return lambda name: either.match(name.lower()) is not None


#: Suffixes that end a longer suffix Dossier reads (".gz" of ".html.gz"): a name ending
#: so is looked up whole.
_LONGER_TAILS = frozenset(
    "." + suffix.rsplit(".", 1)[1] for suffix in SUFFIXES if suffix.count(".") > 1
)
_by_name = operator.attrgetter("name")


def stat_article_files(
    corpus: Path,
    skip: Iterable[str] = (),
    unreadable: list[str] | None = None,
    notes: list[str] | None = None,
    folders: dict[str, int] | None = None,
    marks: dict[str, int] | None = None,
) -> dict[str, tuple[int, int]]:
    """``{relative posix path: (size, mtime_ns)}`` of every article file under ``corpus``.

    The same files as :func:`iter_article_files`, with plain strings and
    ``os.scandir`` (pathlib costs more than the stat calls on large corpora).
    Subfolders that cannot be read are added to ``unreadable`` ("sub/dir/").

    Only regular files are articles. A symbolic link is followed only when it
    resolves inside the corpus: a link to a file or folder outside it (a shared
    bundle with ``x.txt -> ~/.ssh/config``), a link back up to a folder that
    holds it (a loop) and a broken link are left out, each with a line in
    ``notes``; so are pipes, devices and sockets with an article's name.

    ``folders`` gets the modification time of every folder walked (by its path):
    a file added, removed or renamed changes its folder's (tui.library.derived).
    ``marks`` gets each file's :func:`~tui.mounts.change_mark` (by its relative path): another
    file put in its place, or its content rewritten, changes it whatever its size
    and time. A file changed in the clock's tick the walk began in gets its mark below 0
    (:func:`~tui.mounts.scan_mark`: another than the listing's, so the update compares
    its content), and the walk ends once that tick is over.
    """
    started = scan_started()
    open_until = 0  # the end of the last tick a file's ctime is dated in, not yet over
    out: dict[str, tuple[int, int]] = {}
    skipped = _skipper(skip)
    by_suffix: dict[str, bool] = {}  # a file's last suffix -> whether Dossier reads it
    root = os.path.realpath(corpus)
    seen: set[tuple[int, int]] = set()  # folders walked: each is read once
    links: list[tuple[str, str, str]] = []  # folder links inside the corpus, walked last

    def note(line: str) -> None:
        if notes is not None:
            notes.append(line)

    def walk(folder: str, prefix: str) -> None:
        nonlocal open_until
        try:
            st = os.stat(folder)
        except OSError:
            st = None
        if st is not None:
            if (st.st_dev, st.st_ino) in seen:
                return
            seen.add((st.st_dev, st.st_ino))
            if folders is not None:
                folders[folder] = st.st_mtime_ns
        try:
            entries = sorted(os.scandir(folder), key=_by_name)
        except OSError:
            if unreadable is not None and prefix:
                unreadable.append(prefix)
            return
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            rel = prefix + name
            # The format by the last suffix, worked out once a suffix (50,000 names a
            # look at a large corpus), unless it may end a longer one (".html.gz").
            dot = name.rfind(".")
            suffix = name[dot:].lower() if dot > 0 else ""
            readable = by_suffix.get(suffix)
            if readable is None:
                readable = format_of(name) is not None
                if suffix not in _LONGER_TAILS:
                    by_suffix[suffix] = readable
            article = readable and not skipped(name)
            try:
                if article and entry.is_file(follow_symlinks=False):  # the common case first
                    st = entry.stat(follow_symlinks=False)
                    out[rel] = (st.st_size, st.st_mtime_ns)
                    if marks is not None:
                        mark = marks[rel] = scan_mark(st, started)
                        if mark < 0:
                            open_until = max(open_until, tick_end(st.st_ctime_ns))
                elif entry.is_symlink():
                    target = os.path.realpath(entry.path)
                    if not inside(target, root):
                        if not os.path.exists(target):
                            # broken, wherever it points: not "a link to outside the
                            # corpus", which read as a rule the user could change
                            if article:
                                note(f"{rel}: a broken link (to {target}); skipped")
                        elif article or os.path.isdir(target):
                            note(f"{rel}: a link to outside the corpus ({target}); skipped")
                        continue
                    try:
                        st = os.stat(entry.path)
                    except OSError:
                        if article:
                            note(f"{rel}: a broken link; skipped")
                        continue
                    if stat.S_ISDIR(st.st_mode):
                        here = os.path.realpath(folder)
                        if inside(here, target):
                            note(f"{rel}/: a link to a folder that holds it (a loop); skipped")
                        else:
                            links.append((entry.path, f"{rel}/", target))
                    elif article and stat.S_ISREG(st.st_mode):
                        out[rel] = (st.st_size, st.st_mtime_ns)
                        if marks is not None:
                            mark = marks[rel] = scan_mark(st, started)
                            if mark < 0:
                                open_until = max(open_until, tick_end(st.st_ctime_ns))
                    elif article:
                        note(f"{rel}: not a regular file; skipped")
                elif entry.is_dir(follow_symlinks=False):
                    walk(entry.path, f"{rel}/")
                elif article:
                    note(f"{rel}: not a regular file; skipped")
            except OSError:
                continue

    try:
        walk(root, "")
        # Links to folders inside the corpus come after every real folder, so that a
        # folder is listed where it is, and through a link only when it is not
        # reached otherwise (a hidden folder, a folder given a second name).
        while links:
            pending, links[:] = list(links), []
            for path, prefix, _target in pending:
                walk(path, prefix)
    finally:
        # walk calls itself, so its closure holds it: a cycle, and through it ``out``
        # and ``marks`` (at 50,000 articles ~18 MB) lived on after their users let go
        # of them, until a full collection, which the app holds back at launch.
        walk = None  # type: ignore[assignment]
    if open_until:  # what is read of those files from now on has every change of it
        wait_past(open_until)
    return out


def folder_listing(
    folder: str, skip: Iterable[str] = (), marks: dict[str, int] | None = None
) -> tuple[dict[str, tuple[int, int]], list[str]] | None:
    """One folder as :func:`stat_article_files` sees it, without going into its
    subfolders: ``{name: (size, mtime_ns)}`` of its article files and the names of its
    subfolders. None when it cannot be read, or holds what the walk treats apart (a
    link, a pipe with an article's name): the caller then looks the long way.
    ``marks`` gets each file's :func:`~tui.mounts.change_mark`, by name."""
    skipped = _skipper(skip)
    files: dict[str, tuple[int, int]] = {}
    subfolders: list[str] = []
    try:
        with os.scandir(folder) as found:
            for entry in found:
                name = entry.name
                if name.startswith("."):
                    continue
                if entry.is_symlink():
                    return None
                if entry.is_dir(follow_symlinks=False):
                    subfolders.append(name)
                    continue
                if format_of(name) is None or skipped(name):
                    continue
                if not entry.is_file(follow_symlinks=False):
                    return None
                st = entry.stat(follow_symlinks=False)
                files[name] = (st.st_size, st.st_mtime_ns)
                if marks is not None:
                    marks[name] = change_mark(st)
    except OSError:
        return None
    return files, sorted(subfolders)


def relpath_of(path: Path, corpus: Path) -> str:
    return path.relative_to(corpus).as_posix()


def read_text(path: Path, corpus: Path | None = None) -> str:
    """The decoded text of an article file, or :class:`ArticleError` with a one-line reason."""
    return read_text_noted(path, corpus)[0]


def read_text_noted(path: Path, corpus: Path | None = None) -> tuple[str, str | None]:
    """:func:`read_text`, with a note when the file was not clean UTF-8.

    Only a regular file is read (a pipe or a device would block or never end),
    and with ``corpus`` given, only one that resolves inside that folder.
    """
    return text_of(read_regular(path, corpus, MAX_BYTES))


def read_text_stat(
    path: Path, corpus: Path | None = None
) -> tuple[str, str | None, os.stat_result]:
    """:func:`read_text_noted`, and the file's status as it was read (a build takes
    the size and time from the open file, not from a second look at the path)."""
    data, st = read_regular_stat(path, corpus, MAX_BYTES)
    text, note = text_of(data)
    return text, note, st


#: Byte-order marks of the wide encodings, longest first.
_WIDE_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def text_of(data: bytes) -> tuple[str, str | None]:
    """The text in a plain-text file's bytes, with a note when it was not clean UTF-8;
    :class:`ArticleError` (one line) for an empty or binary file."""
    if not data.strip():
        raise ArticleError("skipped: the file is empty")
    # UTF-32's byte-order marks first: UTF-32-LE's begins with UTF-16-LE's.
    for bom, encoding in _WIDE_BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), None
            except UnicodeDecodeError:
                raise ArticleError(f"skipped: broken {encoding.upper()}") from None
    if looks_binary(data):
        raise ArticleError("skipped: not a text file")
    return decode_noted(data)


def _stem(relpath: str) -> str:
    """The file's name without its suffix, as shown (a name that is not UTF-8 decoded):
    ``Path(name).stem``, worked out from the string where that is the same (a Path is
    ~6 us, twice an article in a build: 10% of cleaning a BBC article)."""
    name = decoded_name(relpath)
    base = name.rpartition("/")[2]
    if not _POSIX or not base or base == "." or name.endswith("/"):
        return Path(name).stem
    dot = base.rfind(".")
    return base[:dot] if 0 < dot < len(base) - 1 else base


#: Whether "/" is the one separator of a path here (what :func:`_stem` assumes).
_POSIX = os.sep == "/" and os.altsep is None


def build_article(
    relpath: str,
    raw: str,
    rules: Rules | None = None,
    *,
    id: str | None = None,
    source: str | None = None,
    learned: Mapping[str, Collection[str]] | None = None,
) -> Article:
    """Clean ``raw`` into an :class:`Article`.

    ``source`` and ``learned`` are passed to :func:`~tui.cleaning.clean`: the
    user's corrections and the learned boilerplate of that source apply.
    """
    return article_of(relpath, raw, clean_raw(relpath, raw, rules, source, learned), id=id)


def clean_raw(
    relpath: str,
    raw: str,
    rules: Rules | None = None,
    source: str | None = None,
    learned: Mapping[str, Collection[str]] | None = None,
) -> Cleaned:
    """The cleaner's result for one file's text (title fallback: the file's name)."""
    from tui.cleaning import clean

    return clean(raw, rules, name=_stem(relpath), source=source, learned=learned)


def article_of(relpath: str, raw: str, cleaned: Cleaned, *, id: str | None = None) -> Article:
    """The :class:`Article` of a cleaned text."""
    return Article(
        id=id or article_id(relpath),
        path=relpath,
        title=cleaned.title or _stem(relpath),
        body=cleaned.body,
        raw=raw,
        source=cleaned.source,
        date=cleaned.date,
        byline=cleaned.byline,
        headings=cleaned.headings,
        format="md" if relpath.lower().endswith(".md") else "txt",
        language=cleaned.language,
        removed=cleaned.removed_spans,
    )


def article_from_record(
    relpath: str, record: Record, rules: Rules | None = None, *, id: str | None = None
) -> Article:
    """The :class:`Article` of one record of a file (see :mod:`tui.formats`).

    A record whose format gives the body ready (a saved page, an export's text)
    is taken as it is; scraped text is cleaned, and what the record knows of
    its title, date, outlet and byline wins over what the cleaner guesses.
    ``relpath`` is the file's path; a record of an export or a feed gets the
    path :func:`~tui.formats.record_path` makes of it and its key.
    """
    if record.key:
        relpath = record_path(relpath, record.key)
    doc_id = id or article_id(relpath)
    if record.text is None:
        base = build_article(relpath, record.raw, rules, id=doc_id)
        return replace(
            base,
            title=record.title or base.title,
            source=record.source or base.source,
            date=record.date or base.date,
            byline=record.byline or base.byline,
            format=record.format,
            url=record.url,
            language=record.language,
        )
    return Article(
        id=doc_id,
        path=relpath,
        title=record.title or _stem(relpath),
        body=record.text,
        raw=record.raw,
        source=record.source,
        date=record.date,
        byline=record.byline,
        headings=record.headings,
        format=record.format,
        url=record.url,
        language=record.language,
        quotes=record.quotes,
    )


def load_article(
    path: Path, corpus: Path, rules: Rules | None = None, *, id: str | None = None
) -> Article:
    """Read and clean one file of ``corpus``; raises :class:`ArticleError`."""
    relpath = relpath_of(path, corpus)
    return build_article(relpath, read_text(path, corpus), rules, id=id)
