"""Articles: reading files from a corpus folder into cleaned :class:`Article` objects.

A corpus is a folder read recursively; ``.txt`` and ``.md`` files are articles
(other readers can be added to :data:`READERS`, e.g. for HTML). Reading never
raises for a bad file: the problem becomes a one-line warning and the rest of
the corpus loads.
"""

from __future__ import annotations

import fnmatch
import hashlib
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tui.cleaning import Cleaned, Rules, clean

#: Files larger than this are skipped with a warning (a news article is a few KB).
MAX_BYTES = 5 * 1024 * 1024

#: File suffix -> function turning the decoded file text into article text.
READERS: dict[str, Callable[[str], str]] = {
    ".txt": lambda text: text,
    ".md": lambda text: text,
}


class ArticleError(Exception):
    """A file that cannot be read as an article; the message is one line."""


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


def decode(data: bytes) -> str:
    """Decode article bytes: UTF-8 (with or without BOM), else Windows-1252/Latin-1."""
    return decode_noted(data)[0]


def decode_noted(data: bytes) -> tuple[str, str | None]:
    """The text of ``data`` and, when it was not clean UTF-8, a note saying how it was read.

    UTF-8 with a few broken bytes among many good non-ASCII characters is UTF-8
    that was damaged (the broken bytes become U+FFFD); otherwise bytes that are
    not UTF-8 are Windows-1252 (Latin-1 where 1252 leaves a byte undefined).
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    loose = data.decode("utf-8", "surrogateescape")
    bad = sum(1 for ch in loose if "\udc80" <= ch <= "\udcff")
    good = sum(1 for ch in loose if ord(ch) > 127) - bad
    if good > bad:
        text = data.decode("utf-8", "replace")
        return text, f"{bad} byte{'s' if bad != 1 else ''} of broken UTF-8 shown as �"
    try:
        return data.decode("cp1252"), "not UTF-8: read as Windows-1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "not UTF-8: read as Latin-1"


def looks_binary(data: bytes) -> bool:
    """True for data that is not text: NUL bytes or many control characters."""
    if b"\x00" in data[:8192]:
        return True
    sample = data[:8192]
    if not sample:
        return False
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls / len(sample) > 0.05


# Control bytes that do not occur in text (tab, newlines, form feed and ESC are allowed).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


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
    compiled = [re.compile(fnmatch.translate(p.lower())) for p in patterns if p.strip()]
    if not compiled:
        return lambda _name: False
    return lambda name: any(c.match(name.lower()) for c in compiled)


def stat_article_files(
    corpus: Path,
    skip: Iterable[str] = (),
    unreadable: list[str] | None = None,
    notes: list[str] | None = None,
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
    """
    out: dict[str, tuple[int, int]] = {}
    suffixes = tuple(READERS)
    skipped = _skipper(skip)
    root = os.path.realpath(corpus)
    seen: set[tuple[int, int]] = set()  # folders walked: each is read once
    links: list[tuple[str, str, str]] = []  # folder links inside the corpus, walked last

    def note(line: str) -> None:
        if notes is not None:
            notes.append(line)

    def walk(folder: str, prefix: str) -> None:
        try:
            st = os.stat(folder)
        except OSError:
            st = None
        if st is not None:
            if (st.st_dev, st.st_ino) in seen:
                return
            seen.add((st.st_dev, st.st_ino))
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            if unreadable is not None and prefix:
                unreadable.append(prefix)
            return
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            rel = prefix + name
            article = name.lower().endswith(suffixes) and not skipped(name)
            try:
                if entry.is_symlink():
                    target = os.path.realpath(entry.path)
                    if not inside(target, root):
                        if article or os.path.isdir(target):
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
                    elif article:
                        note(f"{rel}: not a regular file; skipped")
                elif entry.is_dir(follow_symlinks=False):
                    walk(entry.path, f"{rel}/")
                elif article:
                    if entry.is_file(follow_symlinks=False):
                        st = entry.stat(follow_symlinks=False)
                        out[rel] = (st.st_size, st.st_mtime_ns)
                    else:
                        note(f"{rel}: not a regular file; skipped")
            except OSError:
                continue

    walk(root, "")
    # Links to folders inside the corpus come after every real folder, so that a
    # folder is listed where it is, and through a link only when it is not
    # reached otherwise (a hidden folder, a folder given a second name).
    while links:
        pending, links[:] = list(links), []
        for path, prefix, _target in pending:
            walk(path, prefix)
    return out


def inside(path: str, folder: str) -> bool:
    """Whether the resolved ``path`` is ``folder`` or lies under it (both resolved)."""
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


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
    data = _read_regular(path, corpus)
    if not data.strip():
        raise ArticleError("skipped: the file is empty")
    reader = READERS.get(path.suffix.lower(), READERS[".txt"])
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16 with its byte-order mark
        try:
            return reader(data.decode("utf-16")), None
        except UnicodeDecodeError:
            raise ArticleError("skipped: broken UTF-16") from None
    if looks_binary(data):
        raise ArticleError("skipped: not a text file")
    text, note = decode_noted(data)
    return reader(text), note


def _read_regular(path: Path, corpus: Path | None) -> bytes:
    """The bytes of the regular file ``path`` (at most :data:`MAX_BYTES`)."""
    if corpus is not None:
        target = os.path.realpath(path)
        if not inside(target, os.path.realpath(corpus)):
            raise ArticleError("skipped: a link to outside the corpus")
    try:
        # A device is not even opened (opening some has effects of its own).
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise ArticleError("skipped: not a regular file")
        # Non-blocking, so that opening a pipe put in the file's place returns at once.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except OSError as exc:
        raise ArticleError(f"cannot read: {exc.strerror or exc}") from None
    with os.fdopen(fd, "rb") as handle:
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                raise ArticleError("skipped: not a regular file")
            if st.st_size > MAX_BYTES:
                raise ArticleError(
                    f"skipped: {st.st_size / 1024 / 1024:.1f} MB is too large for an article"
                )
            data = handle.read(MAX_BYTES + 1)
        except OSError as exc:
            raise ArticleError(f"cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_BYTES:  # it grew while being read
        raise ArticleError(f"skipped: {len(data) / 1024 / 1024:.1f} MB is too large for an article")
    return data


def build_article(
    relpath: str, raw: str, rules: Rules | None = None, *, id: str | None = None
) -> Article:
    """Clean ``raw`` into an :class:`Article`."""
    cleaned: Cleaned = clean(raw, rules, name=Path(relpath).stem)
    return Article(
        id=id or article_id(relpath),
        path=relpath,
        title=cleaned.title or Path(relpath).stem,
        body=cleaned.body,
        raw=raw,
        source=cleaned.source,
        date=cleaned.date,
        byline=cleaned.byline,
        headings=cleaned.headings,
    )


def load_article(
    path: Path, corpus: Path, rules: Rules | None = None, *, id: str | None = None
) -> Article:
    """Read and clean one file of ``corpus``; raises :class:`ArticleError`."""
    relpath = relpath_of(path, corpus)
    return build_article(relpath, read_text(path, corpus), rules, id=id)
