"""The file formats Dossier reads, and one entry point for all: :func:`read_records`.

===========================  =========  ==========================================
suffix                       format     articles
===========================  =========  ==========================================
``.txt``                     txt        one: scraped or plain text, cleaned
``.md``                      md         one: as ``.txt``, ``# Title`` / ``## Sub``
``.html`` ``.htm`` (``.gz``)  html       one: extracted from the saved page
``.jsonl``                   jsonl      one per line (an export)
``.json``                    json       one per record of its list
``.csv``                     csv        one per row
``.rss`` ``.atom`` ``.xml``  rss, atom  one per feed entry (``.xml`` only if a feed)
===========================  =========  ==========================================

Reading never raises for a bad file except :class:`ArticleError` with a one-line
reason; a bad record inside a good export is a warning and the rest is read.
Slow third-party parsers (trafilatura, feedparser) are imported on first use.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import zlib
from pathlib import Path
from typing import Any

from tui.formats.record import ArticleError, FormatError, Record
from tui.formats.text import decode_noted, looks_binary

#: Files of one article larger than this are skipped (a news article is a few KB).
MAX_ARTICLE_BYTES = 5 * 1024 * 1024
#: A saved page, once unzipped, may be larger: scripts and styles are most of it.
MAX_PAGE_BYTES = 16 * 1024 * 1024
#: Exports and feeds hold many articles.
MAX_EXPORT_BYTES = 256 * 1024 * 1024

#: Suffix (lower case, longest first) -> format name.
SUFFIXES: dict[str, str] = {
    ".html.gz": "html",
    ".htm.gz": "html",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".rss": "rss",
    ".atom": "atom",
    ".xml": "rss",
    ".txt": "txt",
    ".md": "md",
}

#: Formats whose file holds many articles.
MULTI = frozenset({"jsonl", "json", "csv", "rss", "atom"})


#: The most dots in one suffix (".html.gz": 2).
_MAX_DOTS = max(suffix.count(".") for suffix in SUFFIXES)


def format_of(name: str) -> str | None:
    """The format of a file by its name, or None when Dossier does not read it.

    The longest suffix of :data:`SUFFIXES` the name ends with, after at least one
    character. Called for every file of a folder at every update (50,000 at a
    time): a dictionary lookup per dot rather than a test per suffix."""
    low = name.lower()
    found = None
    dot = len(low)
    for _ in range(_MAX_DOTS):
        dot = low.rfind(".", 0, dot)
        if dot <= 0:
            break
        found = SUFFIXES.get(low[dot:], found)
    return found


def is_multi(name: str) -> bool:
    """Whether a file of this name holds many articles (an export or a feed).

    Asked of every file at every update (50,000 at a time): one ``endswith`` of the
    suffixes of those formats (no two-dot suffix is one of them) rather than
    :func:`format_of`'s lookups, which a name with none of them skips."""
    low = name.lower()
    if not low.endswith(_MULTI_SUFFIXES):
        return False
    return format_of(name) in MULTI


#: The suffixes of the formats of many articles.
_MULTI_SUFFIXES = tuple(suffix for suffix, kind in SUFFIXES.items() if kind in MULTI)


def inside(path: str, folder: str) -> bool:
    """Whether the resolved ``path`` is ``folder`` or lies under it (both resolved)."""
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def read_regular(path: Path, corpus: Path | None, limit: int) -> bytes:
    """The bytes of the regular file ``path`` (at most ``limit``), or :class:`ArticleError`.

    Only a regular file is read (a pipe or a device would block or never end),
    and with ``corpus`` given, only one that resolves inside that folder.
    """
    return read_regular_stat(path, corpus, limit)[0]


def read_regular_stat(path: Path, corpus: Path | None, limit: int) -> tuple[bytes, os.stat_result]:
    """:func:`read_regular`, and the file's status as it was read (its size and time:
    a build takes them from the open file rather than looking the path up again)."""
    name = os.fspath(path)
    try:
        # A device is not even opened (opening some has effects of its own).
        if not stat.S_ISREG(os.stat(name).st_mode):
            _check_inside(path, corpus, None)
            raise ArticleError("skipped: not a regular file")
        # Non-blocking, so that opening a pipe put in the file's place returns at once.
        fd = os.open(name, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except OSError as exc:
        _check_inside(path, corpus, None)
        raise ArticleError(f"cannot read: {exc.strerror or exc}") from None
    try:
        _check_inside(path, corpus, fd)
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                raise ArticleError("skipped: not a regular file")
            if st.st_size > limit:
                too_large = f"is too large for {_what(path)}"
                raise ArticleError(f"skipped: {st.st_size / 1024 / 1024:.1f} MB {too_large}")
            data = _read_all(fd, st.st_size, limit + 1)
        except OSError as exc:
            raise ArticleError(f"cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if len(data) > limit:  # it grew while being read
        too_large = f"is too large for {_what(path)}"
        raise ArticleError(f"skipped: {len(data) / 1024 / 1024:.1f} MB {too_large}")
    return data, st


def _read_all(fd: int, size: int, most: int) -> bytes:
    """Up to ``most`` bytes of the open file ``fd``, whose size was ``size``: one read
    for a file that did not change (a file object cost a tenth of reading an article)."""
    data = os.read(fd, min(size + 1, most))
    if len(data) != size and len(data) < most:
        # the file grew, or shrank, or the read stopped early: read on to its end
        chunks = [data]
        total = len(data)
        while total < most:
            more = os.read(fd, min(1 << 20, most - total))
            if not more:
                break
            chunks.append(more)
            total += len(more)
        data = b"".join(chunks)
    return data


def _check_inside(path: Path, corpus: Path | None, fd: int | None) -> None:
    """:class:`ArticleError` unless ``path`` (open as ``fd``, if given) resolves inside
    ``corpus`` (nothing to check without one).

    The path of an open file is one read of ``/proc/self/fd`` on Linux, where
    ``os.path.realpath`` looks at every folder of the path (a tenth of the time of
    reading an article): a path free of links that starts with the corpus's own
    (absolute, normal) path is inside it. Otherwise both are resolved, as before.
    """
    if corpus is None:
        return
    folder = os.fspath(corpus)
    target = _opened_path(fd) if fd is not None else None
    if target is not None and os.path.isabs(folder) and os.path.normpath(folder) == folder:
        if inside(target, folder):
            return
    if not inside(target or os.path.realpath(path), os.path.realpath(corpus)):
        raise ArticleError("skipped: a link to outside the corpus")


def _opened_path(fd: int) -> str | None:
    """The resolved path of the file open as ``fd`` (Linux), or None."""
    try:
        target = os.readlink(f"/proc/self/fd/{fd}")
    except OSError:
        return None
    return target if target.startswith("/") and not target.endswith(" (deleted)") else None


def read_bytes(path: Path, limit: int, corpus: Path | None = None) -> bytes:
    """The bytes of ``path`` (unzipped for ``.gz``), or :class:`ArticleError`."""
    data = read_regular(path, corpus, limit)
    if path.name.lower().endswith(".gz"):
        data = gunzip(data, limit)
    if not data.strip():
        raise ArticleError("skipped: the file is empty")
    return data


def gunzip(data: bytes, limit: int) -> bytes:
    """Unzip gzip ``data``, refusing more than ``limit`` bytes of output."""
    out = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        result = out.decompress(data, limit + 1)
    except zlib.error:
        raise ArticleError("skipped: not a readable gzip file") from None
    if len(result) > limit:
        raise ArticleError(f"skipped: more than {limit // 1024 // 1024} MB once unzipped")
    if not out.eof:
        raise ArticleError("skipped: the gzip file is cut short")
    return result


def _what(path: Path) -> str:
    fmt = format_of(path.name)
    return "an export" if fmt in MULTI else "an article"


def record_path(relpath: str, key: str) -> str:
    """Where one record of a file lives, as the library keys it: ``feed.rss#3fa1c29e0b``.

    The tail is a short hash of the record's key (its id, guid or address), so
    it is stable while the record keeps its key, and safe in any file name.
    """
    digest = hashlib.blake2b(key.encode("utf-8", "surrogateescape"), digest_size=5).hexdigest()
    return f"{relpath}#{digest}"


_RECORD_PATH = re.compile(r"(.+)#([0-9a-f]{10})")


def split_record_path(path: str) -> tuple[str, str | None]:
    """``(file, record tail)`` of a :func:`record_path`; ``(path, None)`` for a file."""
    m = _RECORD_PATH.fullmatch(path)
    if m and is_multi(m.group(1)):
        return m.group(1), m.group(2)
    return path, None


def record_stamp(record: Record) -> tuple[int, int]:
    """What tells a changed record from an unchanged one, in the form of a file's
    ``(size, mtime)``: the size of its raw text and a number from its hash."""
    raw = record.raw.encode("utf-8", "surrogateescape")
    return len(raw), int(hashlib.blake2b(raw, digest_size=7).hexdigest(), 16)


def content_hash(data: bytes | str) -> str:
    """A short hash of a file's content (or a record's raw text)."""
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogateescape")
    return hashlib.blake2b(data, digest_size=10).hexdigest()


def limit_for(name: str) -> int:
    """The largest file of this name Dossier reads (bytes; unzipped, for ``.gz``)."""
    fmt = format_of(name) or "txt"
    if fmt in MULTI:
        return MAX_EXPORT_BYTES
    return MAX_PAGE_BYTES if fmt == "html" else MAX_ARTICLE_BYTES


def read_records(
    path: Path,
    *,
    corpus: Path | None = None,
    cache: Any = None,
    with_raw: bool = True,
    http_charset: str | None = None,
) -> tuple[list[Record], list[str], str]:
    """The articles of one file: ``(records, warnings, content hash of the file)``.

    ``cache`` (an :class:`~tui.formats.cache.ExtractCache`) keeps extracted
    pages by content hash. ``with_raw=False`` skips what only the raw view needs
    (the whole text of a saved page). With ``corpus`` given, only a file that
    resolves inside it is read. Raises :class:`ArticleError`.
    """
    data = read_bytes(path, limit_for(path.name), corpus)
    return parse_records(path.name, data, cache=cache, with_raw=with_raw, http_charset=http_charset)


def parse_records(
    name: str,
    data: bytes,
    *,
    cache: Any = None,
    with_raw: bool = True,
    http_charset: str | None = None,
) -> tuple[list[Record], list[str], str]:
    """:func:`read_records` for the (unzipped) bytes of a file called ``name``."""
    fmt = format_of(name) or "txt"
    digest = content_hash(data)
    if fmt in ("txt", "md"):
        record, note = _text_record(data, fmt)
        return [record], [note] if note else [], digest
    if fmt == "html":
        return [_read_html(data, digest, cache, with_raw, http_charset)], [], digest
    from tui.formats.exports import keys_unique

    try:
        if fmt in ("rss", "atom"):
            from tui.formats.feeds import read_feed

            suffix = "." + name.rsplit(".", 1)[-1].lower()
            records, warnings = read_feed(data, suffix=suffix)
        else:
            from tui.formats import exports

            text = _decode_text(data)
            reader = {"jsonl": exports.read_jsonl, "json": exports.read_json}.get(
                fmt, exports.read_csv
            )
            records, warnings = reader(text)
    except FormatError as exc:
        raise ArticleError(f"skipped: {exc}") from None
    if not records and warnings:
        raise ArticleError(f"skipped: no readable records ({warnings[0]})")
    return keys_unique(records), warnings, digest


def quick_records(
    path: Path, *, corpus: Path | None = None, cache: Any = None
) -> tuple[list[Record], list[str], str]:
    """:func:`read_records` for listing a folder: a saved page not extracted yet gives
    what its ``<head>`` says (title, date, site) and no body; the rest as read."""
    if format_of(path.name) != "html":
        return read_records(path, corpus=corpus, cache=cache, with_raw=False)
    from tui.formats.charset import decode_html
    from tui.formats.html import Extracted, extractor_key, quick_meta

    data = read_bytes(path, MAX_PAGE_BYTES, corpus)
    digest = content_hash(data)
    found = cache.get(f"{digest}/{extractor_key()}") if cache is not None else None
    if found is not None:
        extracted = Extracted.from_json(found)
    else:
        extracted = quick_meta(decode_html(data)[0])
    return [_html_record(extracted, "")], [], digest


def _text_record(data: bytes, fmt: str) -> tuple[Record, str | None]:
    note = None
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16 with its byte-order mark
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise ArticleError("skipped: broken UTF-16") from None
    elif looks_binary(data):
        raise ArticleError("skipped: not a text file")
    else:
        text, note = decode_noted(data)
    return Record(raw=text, format=fmt), note


def _decode_text(data: bytes) -> str:
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16", "replace")
    return decode_noted(data)[0]


def _read_html(
    data: bytes, digest: str, cache: Any, with_raw: bool, http_charset: str | None
) -> Record:
    from tui.formats.charset import decode_html
    from tui.formats.html import Extracted, ExtractionError, extract_page, extractor_key

    key = f"{digest}/{extractor_key()}"
    found = cache.get(key) if cache is not None else None
    text: str | None = None
    if found is not None:
        extracted = Extracted.from_json(found)
    else:
        text, codec = decode_html(data, http_charset)
        # A picture or an archive saved as .html is no page: said so, not "empty".
        if not codec.startswith(("utf-16", "utf-32")) and looks_binary(data):
            raise ArticleError("skipped: not a web page (binary data, not text)")
        try:
            extracted = extract_page(text)
        except ExtractionError as exc:
            raise ArticleError(f"skipped: {exc}") from None
        if cache is not None:
            cache.put(key, extracted.to_json())
    raw = ""
    if with_raw:
        from tui.formats.pagetext import page_text

        if text is None:
            text, _codec = decode_html(data, http_charset)
        raw = page_text(text)
    return _html_record(extracted, raw)


def _html_record(extracted: Any, raw: str) -> Record:
    return Record(
        raw=raw,
        format="html",
        text=extracted.body,
        title=extracted.title,
        byline=extracted.byline,
        date=extracted.date,
        source=extracted.source,
        url=extracted.url,
        language=extracted.language,
        headings=extracted.headings,
        quotes=extracted.quotes,
    )


__all__ = [
    "ArticleError",
    "FormatError",
    "MULTI",
    "Record",
    "SUFFIXES",
    "content_hash",
    "decode_noted",
    "format_of",
    "inside",
    "looks_binary",
    "read_regular",
    "read_regular_stat",
    "is_multi",
    "limit_for",
    "parse_records",
    "quick_records",
    "read_records",
    "record_path",
    "record_stamp",
    "split_record_path",
]
