"""Bookmarks as W3C Web Annotations (JSON-LD): export, and an import that checks everything.

Dossier's own details of the article go under a ``dossier`` key, so that an
export imports back exactly; annotations from elsewhere need only a
TextQuoteSelector and a source.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator, Mapping
from datetime import datetime
from typing import Any

from tui.articles import article_id
from tui.bookmarks.model import (
    MAX_OFFSET,
    Bookmark,
    check_note,
    check_quote,
    normalize_tags,
    now,
)

ANNOTATION_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
_DOSSIER_KEY = "dossier"  # our own details of the article, kept for an exact round trip


def to_annotation(b: Bookmark) -> dict[str, Any]:
    """The bookmark as a W3C Web Annotation (JSON-LD) object."""
    body: list[dict[str, Any]] = []
    if b.note:
        body.append(
            {
                "type": "TextualBody",
                "value": b.note,
                "purpose": "commenting",
                "format": "text/plain",
            }
        )
    body += [{"type": "TextualBody", "value": tag, "purpose": "tagging"} for tag in b.tags]
    annotation: dict[str, Any] = {
        "@context": ANNOTATION_CONTEXT,
        "id": f"urn:uuid:{b.id}",
        "type": "Annotation",
        "created": b.created,
        "modified": b.updated,
    }
    if body:
        annotation["body"] = body
    annotation["target"] = {
        "source": b.article_path,
        "selector": [
            {"type": "TextQuoteSelector", "exact": b.quote, "prefix": b.prefix, "suffix": b.suffix},
            {"type": "TextPositionSelector", "start": b.start, "end": b.end},
        ],
    }
    annotation[_DOSSIER_KEY] = {
        "article_id": b.article_id,
        "article_title": b.article_title,
        "article_source": b.article_source,
        "article_date": b.article_date,
        "status": b.status,
    }
    return annotation


def parse_annotations(
    data: str | bytes | list[Any] | dict[str, Any],
) -> list[Bookmark]:
    """Bookmarks from exported annotations; ``ValueError`` with a one-line message if invalid."""
    result: dict[str, Bookmark] = {}
    for b in iter_annotations(data):
        result[b.id] = b
    return list(result.values())


def iter_annotations(data: str | bytes | list[Any] | dict[str, Any]) -> Iterator[Bookmark]:
    """The bookmarks of exported annotations, one at a time (``ValueError``, one line,
    at the first that is not one). JSON text is read an annotation at a time, so that
    a large export never becomes one large list in memory."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError:
            raise ValueError("not a JSON file: it is not UTF-8 text") from None
    items = _json_items(data) if isinstance(data, str) else _items_of(data)
    for n, item in enumerate(items, 1):
        try:
            yield from_annotation(item)
        except ValueError as exc:
            raise ValueError(f"annotation {n}: {exc}") from None


def _items_of(data: Any) -> list[Any]:
    if isinstance(data, dict) and data.get("type") == "Annotation":
        return [data]
    if not isinstance(data, list):
        raise ValueError("expected a JSON list of Web Annotations")
    return data


_DECODER = json.JSONDecoder()


def _json_items(text: str) -> Iterator[Any]:
    """The items of the JSON list in ``text`` (or the one annotation object), parsed one
    at a time; ``ValueError`` (one line) for text that is not such JSON."""
    pos = _skip_space(text, 0)
    if text.startswith("{", pos):
        item, end = _decode(text, pos)
        if _skip_space(text, end) != len(text):
            raise ValueError("not a JSON file: more after the annotation")
        yield from _items_of(item)
        return
    if not text.startswith("[", pos):
        raise ValueError("expected a JSON list of Web Annotations")
    pos = _skip_space(text, pos + 1)
    if text.startswith("]", pos):
        return
    while True:
        item, pos = _decode(text, pos)
        yield item
        pos = _skip_space(text, pos)
        if text.startswith("]", pos):
            break
        if not text.startswith(",", pos):
            raise ValueError(f"not a JSON file: expected , or ] at {_where(text, pos)}")
        pos = _skip_space(text, pos + 1)
    if _skip_space(text, pos + 1) != len(text):
        raise ValueError("not a JSON file: more after the list")


def _decode(text: str, pos: int) -> tuple[Any, int]:
    try:
        return _DECODER.raw_decode(text, pos)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not a JSON file: {exc.msg} at line {exc.lineno}") from None
    except RecursionError:
        raise ValueError(f"not a JSON file: nested too deeply at {_where(text, pos)}") from None


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    return pos


def _where(text: str, pos: int) -> str:
    return f"line {text.count(chr(10), 0, pos) + 1}"


def _text(obj: Mapping[str, Any], key: str, *, default: str | None = None) -> str:
    value = obj.get(key, default)
    if not isinstance(value, str):
        raise ValueError(f"{key!r} must be text")
    return value


def _int(obj: Mapping[str, Any], key: str) -> int:
    value = obj.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(f"{key!r} must be a non-negative integer")
    if value > MAX_OFFSET:
        raise ValueError(f"{key!r} is past the end of any article ({str(value)[:24]})")
    return value


def _timestamp(obj: Mapping[str, Any], key: str, default: str) -> str:
    value = obj.get(key, default)
    if not isinstance(value, str):
        raise ValueError(f"{key!r} must be an ISO 8601 timestamp")
    try:
        datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{key!r} is not an ISO 8601 timestamp: {value[:40]!r}") from None
    return value


def file_stem(path: str) -> str:
    """The stem of a corpus-relative path (``PurePosixPath(path).stem``, without making a
    path object: pathlib interns every part, and an import of thousands of bookmarks would
    grow the interpreter's table of interned strings by a part each)."""
    name = path.rstrip("/").rpartition("/")[2]
    if name == ".":
        return ""
    dot = name.rfind(".")
    return name[:dot] if 0 < dot < len(name) - 1 else name


def from_annotation(item: Any) -> Bookmark:
    """One bookmark from a Web Annotation object; ``ValueError`` if it is not one we can use."""
    if not isinstance(item, dict):
        raise ValueError("not a JSON object")
    if item.get("type") != "Annotation":
        raise ValueError("'type' is not 'Annotation'")
    raw_id = _text(item, "id", default="")
    try:
        ident = str(uuid.UUID(raw_id.removeprefix("urn:uuid:")))
    except ValueError:
        raise ValueError(f"'id' is not a urn:uuid: {raw_id[:60]!r}") from None

    target = item.get("target")
    if not isinstance(target, dict):
        raise ValueError("'target' must be an object with a source and selectors")
    source = _text(target, "source", default="")
    if not source:
        raise ValueError("the target has no 'source'")
    selectors = target.get("selector", [])
    if isinstance(selectors, dict):
        selectors = [selectors]
    if not isinstance(selectors, list):
        raise ValueError("'selector' must be a list")
    quote_sel = next(
        (s for s in selectors if isinstance(s, dict) and s.get("type") == "TextQuoteSelector"), None
    )
    pos_sel = next(
        (s for s in selectors if isinstance(s, dict) and s.get("type") == "TextPositionSelector"),
        None,
    )
    if quote_sel is None:
        raise ValueError("the target has no TextQuoteSelector")
    quote = check_quote(_text(quote_sel, "exact"))
    if not quote:
        raise ValueError("the TextQuoteSelector's 'exact' is empty")
    prefix = check_quote(_text(quote_sel, "prefix", default=""))
    suffix = check_quote(_text(quote_sel, "suffix", default=""))
    if len(source) > 4096:
        raise ValueError("the target's 'source' is too long for a file path")
    if pos_sel is not None:
        start, end = _int(pos_sel, "start"), _int(pos_sel, "end")
        if end <= start:
            raise ValueError("the TextPositionSelector's 'end' is not after its 'start'")
    else:
        start, end = 0, len(quote)

    note_parts: list[str] = []
    tags: list[str] = []
    body = item.get("body", [])
    if isinstance(body, dict):
        body = [body]
    if not isinstance(body, list):
        raise ValueError("'body' must be a list")
    for part in body:
        if not isinstance(part, dict):
            raise ValueError("a body must be an object")
        value = _text(part, "value", default="")
        if part.get("purpose") == "tagging":
            tags.append(value)
        else:
            note_parts.append(value)

    extra = item.get(_DOSSIER_KEY, {})
    if not isinstance(extra, dict):
        raise ValueError(f"{_DOSSIER_KEY!r} must be an object")
    status = extra.get("status", "anchored" if pos_sel is not None else "orphaned")
    if status not in ("anchored", "orphaned"):
        raise ValueError(f"unknown status {str(status)[:20]!r}")
    stamp = now()
    created = _timestamp(item, "created", stamp)

    def optional(key: str) -> str | None:
        value = extra.get(key)
        if value is not None and not isinstance(value, str):
            raise ValueError(f"{key!r} must be text")
        return value

    return Bookmark(
        id=ident,
        article_id=optional("article_id") or article_id(source),
        article_path=source,
        article_title=optional("article_title") or file_stem(source),
        article_source=optional("article_source"),
        article_date=optional("article_date"),
        quote=quote,
        prefix=prefix,
        suffix=suffix,
        start=start,
        end=end,
        note=check_note("\n\n".join(note_parts)),
        tags=normalize_tags(tags),
        created=created,
        updated=_timestamp(item, "modified", created),
        status=status,
    )
