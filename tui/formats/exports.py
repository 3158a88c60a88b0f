"""Exports of articles: JSON Lines, JSON and CSV files, one article per record.

The field names of the common tools are understood (news-please, newspaper4k,
trafilatura, Media Cloud, and hand-made exports): the first field present of
each list in :data:`FIELDS` gives that part of the article, matched without
regard to case, ``-`` or ``_``. A JSON file is a list of records, an object
holding such a list under a common key (``articles``, ``items``, ``results``,
...), or one record. A CSV file's first row names its columns.

A record that is not an object, or that has neither a title nor a text, is
left out with a warning naming its place in the file; the others are read.
Text fields holding HTML are converted to text.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from tui.formats.pagemeta import date_from_url, host_name, language_code
from tui.formats.pagetext import fragment_text
from tui.formats.record import (
    FormatError,
    Record,
    as_text,
    byline_text,
    iso_date,
    looks_like_url,
    one_line,
    paragraphs,
)

#: Article part -> the field names that give it, the most specific first.
FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline", "name_headline", "heading"),
    "text": (
        "text", "maintext", "body", "content", "article", "articlebody", "article_text",
        "fulltext", "full_text", "raw_text", "story", "content_text", "contenthtml",
        "content_html", "html",
    ),
    "summary": ("description", "summary", "excerpt", "abstract", "lead", "meta_description"),
    "date": (
        "date", "published", "date_publish", "publish_date", "pubdate", "published_at",
        "publication_date", "date_published", "datepublished", "publishdate", "published_date",
        "pub_date", "datetime", "created_at", "date_created", "created", "updated",
        "date_modify", "indexed_date", "timestamp",
    ),
    "url": ("url", "link", "canonical_link", "canonical_url", "uri", "href", "permalink",
            "guid", "source"),
    "author": ("author", "authors", "byline", "creator", "creators", "writer", "by"),
    "source": (
        "source_name", "site_name", "sitename", "meta_site_name", "source_domain", "site",
        "media_name", "publisher", "outlet", "source", "source_hostname", "hostname",
        "domain", "media_url", "feed", "publication",
    ),
    "language": ("language", "lang", "meta_lang", "locale", "inlanguage"),
    "id": ("id", "guid", "uuid", "stories_id", "story_id", "article_id", "_id", "doc_id",
           "docid", "record_id"),
}  # fmt: skip

#: Keys under which a JSON object holds its list of records.
LIST_KEYS = (
    "articles", "items", "results", "data", "stories", "records", "entries", "docs",
    "documents", "hits", "posts", "news", "rows",
)  # fmt: skip


def _norm_key(key: str) -> str:
    return key.strip().lower().replace("-", "_").replace(" ", "_")


def record_from_mapping(obj: dict[str, Any], *, format: str, number: int, raw: str) -> Record | str:
    """A :class:`Record` from one export record, or a warning (why it was left out)."""
    fields = {_norm_key(str(k)): v for k, v in obj.items()}

    def first(part: str, want: Callable[[Any], Any] = as_text) -> Any:
        for name in FIELDS[part]:
            if name in fields:
                value = want(fields[name])
                if value:
                    return value
        return None

    text = first("text")
    if text is None:
        text = first("summary")
    headings: tuple[tuple[int, int], ...] = ()
    if text and "<" in text:
        body, headings = fragment_text(text)
    else:
        body = paragraphs(text) if text else ""
    title = one_line(first("title"))
    if not title and not body:
        return "has no title and no text"
    if not title:
        title = one_line(body.split("\n", 1)[0], 200)
    url = first("url", lambda v: t if looks_like_url(t := as_text(v)) else None)
    source = first("source", lambda v: t if not looks_like_url(t := as_text(v)) else None)
    if not source:
        source = host_name(url) or host_name(first("source"))
    # What keeps the record's id (and its bookmarks) when the file changes around it.
    key = first("id") or url or f"#{number}"
    return Record(
        raw=raw,
        format=format,
        key=key,
        text=body,
        title=title,
        byline=byline_text(first("author")),
        date=first("date", iso_date) or date_from_url(url),
        source=one_line(source, 200),
        url=url,
        language=language_code(first("language")),
        headings=headings,
        number=number,
    )


def read_jsonl(text: str) -> tuple[list[Record], list[str]]:
    """Records of a JSON Lines file (one JSON object a line; blank lines skipped)."""
    records: list[Record] = []
    warnings: list[str] = []
    number = 0
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        number += 1
        try:
            obj = json.loads(line)
        except (ValueError, RecursionError) as exc:
            warnings.append(f"line {lineno}: not valid JSON ({_reason(exc)}); left out")
            continue
        _add(records, warnings, obj, "jsonl", number, f"line {lineno}")
    if not records and not warnings:
        raise FormatError("the file holds no records")
    return records, warnings


def read_json(text: str) -> tuple[list[Record], list[str]]:
    """Records of a JSON file: a list of records, a list under a common key, or one record."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        if "\n{" in text or text.lstrip().startswith("{"):
            # JSON Lines saved as .json: one object a line.
            try:
                return read_jsonl(text)
            except FormatError:
                pass
        raise FormatError(f"not valid JSON ({_reason(exc)})") from None
    items = _record_list(data)
    if items is None:
        raise FormatError("no list of articles in this JSON (expected a list of objects)")
    records: list[Record] = []
    warnings: list[str] = []
    for number, obj in enumerate(items, 1):
        _add(records, warnings, obj, "json", number, f"record {number}")
    return records, warnings


def _record_list(data: Any) -> list[Any] | None:
    if isinstance(data, list):
        return data
    if not isinstance(data, dict):
        return None
    lowered = {_norm_key(str(k)): v for k, v in data.items()}
    for key in LIST_KEYS:
        value = lowered.get(key)
        if isinstance(value, list):
            return value
        if isinstance(value, dict):  # {"response": {"docs": [...]}} one level down
            inner = _record_list(value)
            if inner is not None:
                return inner
    for value in lowered.values():
        if isinstance(value, dict):
            inner = _record_list(value)
            if inner is not None and inner and all(isinstance(v, dict) for v in inner):
                return inner
    if any(name in lowered for name in FIELDS["text"] + FIELDS["title"]):
        return [data]  # one article
    return None


def _add(
    records: list[Record], warnings: list[str], obj: Any, format: str, number: int, where: str
) -> None:
    if not isinstance(obj, dict):
        warnings.append(f"{where}: not an object ({type(obj).__name__}); left out")
        return
    raw = json.dumps(obj, ensure_ascii=False, indent=2)
    made = record_from_mapping(obj, format=format, number=number, raw=raw)
    if isinstance(made, str):
        warnings.append(f"{where}: {made}; left out")
    else:
        records.append(made)


def read_csv(text: str) -> tuple[list[Record], list[str]]:
    """Records of a CSV file (comma, semicolon or tab separated; the first row names columns)."""
    sample = text[:20_000]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    _raise_field_limit()
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)
    try:
        header = reader.fieldnames or []
    except csv.Error as exc:
        raise FormatError(f"not readable as CSV ({exc})") from None
    names = {_norm_key(h) for h in header if h}
    if not names & set(FIELDS["text"] + FIELDS["title"] + FIELDS["summary"]):
        raise FormatError(
            "no title or text column in the first row (columns: "
            + ", ".join(h for h in header[:6] if h)
            + ")"
        )
    records: list[Record] = []
    warnings: list[str] = []
    rows = _rows(reader, warnings)
    for number, (lineno, row) in enumerate(rows, 1):
        row = {k: v for k, v in row.items() if k is not None}
        if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
            continue  # an empty row, not a bad record
        raw = "\n".join(f"{k}: {v}" for k, v in row.items() if v not in (None, ""))
        made = record_from_mapping(row, format="csv", number=number, raw=raw)
        if isinstance(made, str):
            warnings.append(f"line {lineno}: {made}; left out")
        else:
            records.append(made)
    return records, warnings


def _rows(reader: csv.DictReader, warnings: list[str]) -> Iterator[tuple[int, dict[str, Any]]]:
    while True:
        lineno = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            warnings.append(f"line {lineno}: {exc}; the rest of the file is left out")
            return
        yield lineno, row


def _raise_field_limit() -> None:
    # An article's text is often longer than the csv module's 128 KB default.
    limit = 64 * 1024 * 1024
    if csv.field_size_limit() < limit:
        csv.field_size_limit(limit)


def _reason(exc: Exception) -> str:
    if isinstance(exc, RecursionError):  # a list in a list in a list... thousands deep
        return "nested too deeply"
    return str(exc).split(":")[0].strip() or type(exc).__name__


def keys_unique(records: Iterable[Record]) -> list[Record]:
    """Records with keys made unique within their file (a second ``url`` gets ``#2``)."""
    from dataclasses import replace

    seen: dict[str, int] = {}
    out = []
    for record in records:
        n = seen.get(record.key, 0) + 1
        seen[record.key] = n
        out.append(record if n == 1 else replace(record, key=f"{record.key}#{n}"))
    return out
