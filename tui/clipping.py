"""Clipping articles into a corpus: pages fetched from the web, files copied in.

:func:`fetch` downloads one page (http or https only, a timeout, a size limit,
a user agent that says what it is); :func:`save_page` stores its original HTML
in the corpus folder under a name made from its headline; :func:`copy_in` does
the same for a file the user already has. Every failure is a
:class:`ClipError` with a one-line reason.

Nothing is ever half-written or overwritten: the bytes go to a hidden
temporary file in the corpus folder (which the corpus scan skips), are flushed
to disk, and are then linked under the first free name (``headline.html``,
``headline-2.html``, ...); the temporary file is removed whatever happens.

The saved page is the page as served, with two additions at its top where
needed, as browsers make when they save a page: a ``<!-- saved from url=... -->``
comment recording its address, and a ``<meta charset>`` when the server named
the page's encoding and the page itself does not.
"""

from __future__ import annotations

import os
import re
import ssl
import stat
import unicodedata
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from email.message import Message
from pathlib import Path

from tui import __version__
from tui.formats import (
    ArticleError,
    format_of,
    gunzip,
    is_multi,
    limit_for,
    parse_records,
    read_regular,
)
from tui.outfile import new_temporary

USER_AGENT = f"dossier-reader/{__version__} (terminal news reader; saves one page at a time)"
#: Seconds to wait for the server to answer (and between two reads of the page).
TIMEOUT = 20.0
#: The most a page may weigh, as served.
MAX_DOWNLOAD = 10 * 1024 * 1024
_HTML_TYPES = ("text/html", "application/xhtml+xml")


class ClipError(Exception):
    """A page or file that cannot be added; the message is one line."""


@dataclass(frozen=True)
class Fetched:
    url: str  # the address asked for
    final_url: str  # after redirects
    data: bytes
    charset: str | None  # as the server named it


def fetch(url: str, *, timeout: float = TIMEOUT, limit: int = MAX_DOWNLOAD) -> Fetched:
    """Download the HTML page at ``url``; raises :class:`ClipError`."""
    address = _web_address(url)
    request = urllib.request.Request(
        address,
        headers={
            "User-Agent": USER_AGENT,
            "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
            "Accept-Encoding": "identity",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            headers: Message = response.headers
            ctype = headers.get_content_type()
            declared = headers.get("Content-Type")
            length = headers.get("Content-Length")
            if length and length.isdigit() and int(length) > limit:
                raise ClipError(f"too big: {_mb(int(length))} (the limit is {_mb(limit)})")
            data = response.read(limit + 1)
            final = response.geturl() or address
    except ClipError:
        raise
    except urllib.error.HTTPError as exc:
        raise ClipError(f"the server answered {exc.code} {exc.reason}".rstrip()) from None
    except urllib.error.URLError as exc:
        raise ClipError(f"unreachable ({_reason(exc.reason)})") from None
    except TimeoutError:
        raise ClipError(f"no answer within {timeout:g} s") from None
    except (ssl.SSLError, ConnectionError, OSError) as exc:
        raise ClipError(f"unreachable ({_reason(exc)})") from None
    except ValueError as exc:
        raise ClipError(f"not a web address ({exc})") from None
    if len(data) > limit:
        raise ClipError(f"too big: more than {_mb(limit)}")
    if headers.get("Content-Encoding", "identity").lower() not in ("identity", ""):
        raise ClipError(f"the server sent {headers.get('Content-Encoding')}-encoded data")
    if declared and ctype not in _HTML_TYPES or not declared and not _looks_html(data):
        raise ClipError(f"not an HTML page ({ctype if declared else 'unknown type'})")
    if not data.strip():
        raise ClipError("the page is empty")
    return Fetched(address, final, data, headers.get_content_charset())


def _web_address(url: str) -> str:
    url = url.strip()
    if "://" not in url and re.match(r"[\w-]+(\.[\w-]+)+(/|$)", url):
        url = "https://" + url  # "example.com/story": what a browser would open
    parts = urllib.parse.urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise ClipError("not a web address (give an http:// or https:// address)")
    try:
        host = parts.hostname.encode("idna").decode("ascii") if parts.hostname else ""
    except UnicodeError:
        raise ClipError("not a web address (a bad host name)") from None
    netloc = parts.netloc.replace(parts.hostname or "", host, 1) if host else parts.netloc
    safe = "/%:@!$&'()*+,;=-._~"
    return urllib.parse.urlunsplit(
        (
            parts.scheme.lower(),
            netloc,
            urllib.parse.quote(parts.path, safe=safe),
            urllib.parse.quote(parts.query, safe=safe + "?"),
            "",
        )
    )


def _looks_html(data: bytes) -> bool:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html", b"<head", b"<!--", b"<?xml")) or (
        b"<body" in head or b"<title" in head
    )


def _reason(reason: object) -> str:
    text = str(getattr(reason, "strerror", None) or reason).strip()
    return " ".join(text.split())[:100] or type(reason).__name__


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB"


# --------------------------------------------------------------------------- saving


def page_bytes(fetched: Fetched) -> bytes:
    """The page as it is saved: as served, marked with its address (and charset)."""
    from tui.formats.charset import sniff_charset

    data = fetched.data
    lead = b""
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        if data.startswith(bom):
            return data  # a byte-order mark says it all; nothing goes before it
    xml = re.match(rb"\s*<\?xml[^>]*\?>", data)
    if xml:
        lead, data = data[: xml.end()], data[xml.end() :]
    url = fetched.final_url.encode("ascii", "replace")
    mark = b"<!-- saved from url=(%04d)%s -->\n" % (len(url), url)
    charset = b""
    if fetched.charset:
        with_header, _ = sniff_charset(fetched.data, fetched.charset)
        without, _ = sniff_charset(fetched.data)
        if with_header != without:
            charset = b'<meta charset="%s">\n' % fetched.charset.encode("ascii", "replace")
    return lead + mark + charset + data


def save_page(corpus: Path, fetched: Fetched, cache: object = None) -> Path:
    """Save a fetched page into ``corpus`` under its headline's name; returns the path."""
    data = page_bytes(fetched)
    title = _title_of(data, fetched.charset, cache)
    return write_new(Path(corpus), slug(title or _url_stem(fetched.final_url)), ".html", data)


def _title_of(data: bytes, charset: str | None, cache: object) -> str:
    """The headline of a page (extracting it also fills the cache for indexing)."""
    try:
        records, _warnings, _hash = parse_records(
            "page.html", data, cache=cache, with_raw=False, http_charset=charset
        )
    except ArticleError as exc:
        reason = str(exc).removeprefix("skipped: ")
        raise ClipError(f"no article in the page: {reason}") from None
    return records[0].title or ""


def _url_stem(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    tail = [p for p in parts.path.split("/") if p]
    return re.sub(r"\.\w{2,5}$", "", tail[-1]) if tail else (parts.hostname or "page")


#: Longest file name stem, in bytes (file systems allow 255 for the whole name).
_STEM_BYTES = 100


def slug(text: str) -> str:
    """A safe file-name stem: "Storm-hit pier closed!" -> "storm-hit-pier-closed".

    Accents are dropped, letters of any script kept; never empty, never hidden,
    never longer than :data:`_STEM_BYTES` bytes of UTF-8 (cut at a word).
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[\W_]+", "-", text.casefold()).strip("-")
    if len(text.encode("utf-8")) > _STEM_BYTES:
        cut = text.encode("utf-8")[:_STEM_BYTES].decode("utf-8", "ignore")
        text = cut.rsplit("-", 1)[0] if "-" in cut[20:] else cut
        text = text.strip("-")
    return text or "article"


def write_new(folder: Path, stem: str, suffix: str, data: bytes) -> Path:
    """Write ``data`` as ``folder/stem+suffix`` (``stem-2``... if taken), whole or not at all."""
    _check_folder(folder)
    try:
        fd, tmp = new_temporary(folder, ".dossier-add-", ".tmp", 0o644)
    except OSError as exc:
        raise ClipError(f"cannot write in {folder} ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        for n in range(1, 10_000):
            target = folder / f"{stem}{'' if n == 1 else f'-{n}'}{suffix}"
            try:
                os.link(tmp, target)  # fails if the name is taken: nothing is overwritten
            except FileExistsError:
                continue
            except OSError:  # no hard links here (some shares): check, then rename
                if target.exists() or target.is_symlink():
                    continue
                os.rename(tmp, target)
            return target
        raise ClipError(f"no free name for {stem}{suffix} in {folder}")
    except OSError as exc:
        raise ClipError(f"cannot write in {folder} ({exc.strerror or exc})") from None
    finally:
        tmp.unlink(missing_ok=True)


def _check_folder(folder: Path) -> None:
    if not folder.is_dir():
        raise ClipError(f"not a folder: {folder}")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ClipError(f"cannot write in {folder}")


def copy_in(corpus: Path, source: Path, cache: object = None) -> Path:
    """Copy an article file (or an export, or a feed) into ``corpus``; returns the new path."""
    corpus = Path(corpus)
    try:
        st = os.stat(source)
    except OSError as exc:
        raise ClipError(f"cannot read ({exc.strerror or exc})") from None
    if stat.S_ISDIR(st.st_mode):
        raise ClipError("a folder, not a file (add its files one by one, or open the folder)")
    if not stat.S_ISREG(st.st_mode):
        raise ClipError("not a regular file")
    fmt = format_of(source.name)
    if fmt is None:
        raise ClipError(
            "not an article file (Dossier reads .txt, .md, .html, .htm, .html.gz, .jsonl, "
            ".json, .csv, .rss, .atom and .xml feeds)"
        )
    if _inside(source, corpus):
        raise ClipError("already in the corpus")
    try:
        limit = limit_for(source.name)
        data = read_regular(source, None, limit)
        plain = gunzip(data, limit) if source.name.lower().endswith(".gz") else data
        if not plain.strip():
            raise ArticleError("the file is empty")
        records, _warnings, _hash = parse_records(source.name, plain, cache=cache, with_raw=False)
    except ArticleError as exc:
        raise ClipError(str(exc).removeprefix("skipped: ")) from None
    suffix = _suffix(source.name, fmt)
    if is_multi(source.name):
        stem = slug(source.name[: -len(suffix)])
    else:
        from tui.articles import article_from_record

        stem = slug(article_from_record(source.name, records[0]).title)
    return write_new(corpus, stem, suffix.lower(), data)


def _suffix(name: str, fmt: str) -> str:
    low = name.lower()
    for suffix in (".html.gz", ".htm.gz"):
        if low.endswith(suffix):
            return name[-len(suffix) :]
    return os.path.splitext(name)[1]


def _inside(path: Path, folder: Path) -> bool:
    try:
        Path(os.path.realpath(path)).relative_to(os.path.realpath(folder))
    except ValueError:
        return False
    return True


def ensure_corpus(folder: Path) -> Path:
    """The corpus folder to add to, made if it does not exist yet."""
    folder = Path(folder).expanduser()
    if folder.exists() and not folder.is_dir():
        raise ClipError(f"not a folder: {folder}")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ClipError(f"cannot make the folder {folder} ({exc.strerror or exc})") from None
    return folder


__all__ = [
    "ClipError",
    "Fetched",
    "USER_AGENT",
    "copy_in",
    "ensure_corpus",
    "fetch",
    "save_page",
    "slug",
    "write_new",
]
