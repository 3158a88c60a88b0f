"""Saved RSS and Atom feeds: each entry is an article.

feedparser reads every flavour of feed (RSS 0.9x to 2.0, RSS 1.0, Atom 0.3
and 1.0) and mends broken ones as far as it can. An entry's text is its full
content when the feed carries it, else its summary; the HTML in it becomes
paragraphs of text. The feed's own title is the outlet, unless the entry names
its source. An entry's id is its guid, else its link, else its place.
"""

from __future__ import annotations

import time
from typing import Any

from tui.formats.pagemeta import date_from_url, host_name, language_code
from tui.formats.pagetext import fragment_text
from tui.formats.record import FormatError, Record, as_text, byline_text, one_line


def looks_like_feed(data: bytes) -> bool:
    """Whether the start of an XML file is an RSS, RDF or Atom feed's root element."""
    head = data[:4096].lower()
    return any(tag in head for tag in (b"<rss", b"<feed", b"<rdf:rdf", b"<rdf "))


def read_feed(data: bytes, *, suffix: str = "") -> tuple[list[Record], list[str]]:
    """The entries of a feed as records (and warnings for entries left out)."""
    if suffix == ".xml" and not looks_like_feed(data):
        raise FormatError("not an RSS or Atom feed")
    import feedparser

    parsed = feedparser.parse(data)
    version = parsed.get("version") or ""
    entries = parsed.get("entries") or []
    if not version and not entries:
        problem = parsed.get("bozo_exception")
        why = f" ({str(problem).splitlines()[0][:80]})" if problem else ""
        raise FormatError(f"not a readable RSS or Atom feed{why}")
    kind = "atom" if version.startswith("atom") else "rss"
    feed = parsed.get("feed") or {}
    feed_title = one_line(as_text(feed.get("title")), 200)
    feed_lang = language_code(as_text(feed.get("language")))
    feed_host = host_name(as_text(feed.get("link")))
    records: list[Record] = []
    warnings: list[str] = []
    for number, entry in enumerate(entries, 1):
        made = _entry(entry, number, kind, feed_title or feed_host, feed_lang)
        if isinstance(made, str):
            warnings.append(f"entry {number}: {made}; left out")
        else:
            records.append(made)
    if not records and not warnings:
        raise FormatError("the feed has no entries")
    return records, warnings


def _entry(
    entry: Any, number: int, kind: str, feed_source: str | None, feed_lang: str | None
) -> Record | str:
    html = ""
    language = None
    for content in entry.get("content") or ():
        value = content.get("value") or ""
        if len(value) > len(html):
            html = value
            language = content.get("language")
    summary = entry.get("summary") or ""
    if len(summary) > len(html):
        html = summary
    text, headings = fragment_text(html) if html.strip() else ("", ())
    title = one_line(fragment_text(entry.get("title") or "")[0])
    if not title and not text:
        return "has no title and no text"
    if not title:
        title = one_line(text.split("\n", 1)[0], 200)
    link = as_text(entry.get("link"))
    source = entry.get("source") or {}
    date = _date(_own(entry, "published_parsed")) or _date(_own(entry, "updated_parsed"))
    authors = entry.get("authors") or []
    byline = as_text([a.get("name") for a in authors if isinstance(a, dict)]) or as_text(
        entry.get("author")
    )
    raw = _raw(entry, title, text)
    return Record(
        raw=raw,
        format=kind,
        key=as_text(entry.get("id")) or link or f"#{number}",
        text=text,
        title=title,
        byline=byline_text(byline),
        date=date or date_from_url(link),
        source=one_line(as_text(source.get("title")), 200) or feed_source or host_name(link),
        url=link,
        language=language_code(language) or feed_lang,
        headings=headings,
        number=number,
    )


def _own(entry: Any, key: str) -> Any:
    """``entry[key]`` as the feed has it (feedparser maps some missing keys to others, noisily)."""
    return dict.get(entry, key)


def _date(parsed: Any) -> str | None:
    if not parsed:
        return None
    try:
        return time.strftime("%Y-%m-%d", parsed)
    except (TypeError, ValueError):
        return None


def _raw(entry: Any, title: str | None, text: str) -> str:
    """The entry as the raw view shows it: its fields, then its text."""
    lines = []
    for key in ("title", "link", "id", "published", "updated", "author"):
        value = as_text(_own(entry, key))
        if value:
            lines.append(f"{key}: {' '.join(value.split())}")
    tags = as_text([t.get("term") for t in entry.get("tags") or () if isinstance(t, dict)])
    if tags:
        lines.append(f"tags: {tags}")
    return "\n".join(lines) + ("\n\n" + text if text else "")
