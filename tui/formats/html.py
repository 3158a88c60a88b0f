"""Saved web pages: the article and its metadata, extracted with trafilatura.

trafilatura (imported here only when a page is read, so the command line
starts fast) finds the article's main text and the page's metadata: title,
author, date, site name, address. This module turns its result into Dossier's
article form: the body as paragraphs separated by blank lines, with the spans
of the subheadings; list items and table rows as paragraphs of their own.

trafilatura runs favouring precision (measured on real pages, it then keeps
fewer menus and related-article lists and no less of the story); when that
keeps next to nothing, the page is extracted again favouring recall, and the
longer of the two is kept; when neither finds an article, the page's whole text
goes through the cleaner of scraped pages (:mod:`tui.cleaning`). A post the story
quotes (an embedded tweet) is taken out of a wrapper trafilatura would drop as the
page's social-media buttons.

The date is the one written in the page's address (``/2019/11/20/``) when
there is one: that is where the publisher filed the story, while a page's
metadata often gives the day it was updated, or the day of an event it
reports. Then come the page's metadata, then a date found in its text. The
outlet falls back on the site's host name, the language on the page's ``lang``
(what the page says of itself is read by :mod:`tui.formats.pagemeta`).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from tui.formats.pagemeta import (
    date_from_url,
    drop_site_suffix,
    host_name,
    iso_day,
    page_meta,
    site_name,
)
from tui.formats.record import byline_text

#: Part of the cache key: bump when this module's output changes.
EXTRACTOR_VERSION = "3"

#: A body shorter than this many words is extracted again, favouring recall.
SHORT_BODY_WORDS = 30


@dataclass(frozen=True)
class Extracted:
    """What a page yields. ``body`` is paragraphs separated by blank lines."""

    title: str
    body: str
    headings: tuple[tuple[int, int], ...] = ()
    quotes: tuple[tuple[int, int], ...] = ()
    byline: str | None = None
    date: str | None = None  # ISO "YYYY-MM-DD"
    source: str | None = None
    url: str | None = None
    language: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "body": self.body,
            "headings": [list(s) for s in self.headings],
            "quotes": [list(s) for s in self.quotes],
            "byline": self.byline,
            "date": self.date,
            "source": self.source,
            "url": self.url,
            "language": self.language,
        }

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> Extracted:
        return cls(
            title=str(obj.get("title") or ""),
            body=str(obj.get("body") or ""),
            headings=tuple((int(a), int(b)) for a, b in obj.get("headings") or ()),
            quotes=tuple((int(a), int(b)) for a, b in obj.get("quotes") or ()),
            byline=obj.get("byline"),
            date=obj.get("date"),
            source=obj.get("source"),
            url=obj.get("url"),
            language=obj.get("language"),
        )


@functools.cache
def extractor_key() -> str:
    """Identifies the extractor's output (this module and trafilatura's version)."""
    try:
        from importlib.metadata import version

        traf = version("trafilatura")
    except Exception:  # noqa: BLE001 - not installed: extraction fails later, clearly
        traf = "?"
    return f"{EXTRACTOR_VERSION}/trafilatura-{traf}"


class ExtractionError(Exception):
    """The page has no article text; one-line message."""


def extract_page(text: str, *, url: str | None = None) -> Extracted:
    """The article of a page (decoded HTML text); raises :class:`ExtractionError`."""
    tree = _load(text)
    if tree is None:
        raise ExtractionError("the page is empty")
    meta = page_meta(tree)  # before trafilatura, which prunes the tree it is given
    _unwrap_posts(tree)
    # The page's own address lets trafilatura's date search use the date written in it.
    url = url or meta.get("url") or _saved_from(text)
    doc = _trafilatura(tree, url, favor_precision=True)
    body, headings, quotes = render(doc.body) if doc is not None else ("", (), ())
    if _words(body) < SHORT_BODY_WORDS:
        # Precision may have cut a story laid out unusually: ask for recall, keep the longer.
        again = _trafilatura(_load(text), url, favor_recall=True)
        if again is not None:
            other = render(again.body)
            if _words(other[0]) > _words(body):
                body, headings, quotes = other
                doc = doc if doc is not None else again
    if not body.strip():
        # Nothing trafilatura would call an article: the page's text, as the cleaner of
        # scraped pages reads it, rather than no text to search at all.
        body, headings = _cleaned_page_text(text)
        quotes = ()
    title = _title(doc, meta, body, headings)
    if not body.strip() and not title:
        raise ExtractionError("no article text found in the page")
    page_url = (meta.get("url") or getattr(doc, "url", None) or url or "").strip() or None
    source = site_name(meta.get("site"), getattr(doc, "sitename", None), page_url)
    title = drop_site_suffix(title, source)
    if headings and headings[0][0] == 0 and body[: headings[0][1]] == title:
        body, headings, quotes = _drop_first(body, headings, quotes)
    byline = byline_text(getattr(doc, "author", None))
    lead = _byline_paragraph(body, headings)
    if lead is not None:
        end, named = lead
        byline = byline or named
        body, headings, quotes = _drop_first(body, ((0, end),), quotes, headings)
    return Extracted(
        title=title,
        body=body,
        headings=headings,
        quotes=quotes,
        byline=byline,
        date=date_from_url(page_url) or iso_day(getattr(doc, "date", None)) or _date_in_text(text),
        source=source,
        url=page_url,
        language=meta.get("language"),
    )


#: A post embedded in the story (a tweet, an Instagram or TikTok post): its quotation.
_POST_XPATH = (
    "//blockquote[contains(@class, 'twitter-tweet') or contains(@class, 'instagram-media')"
    " or contains(@class, 'tiktok-embed')]"
)
#: Wrappers a post is unwrapped from, at most this many around it.
_POST_WRAPPERS = 3


def _unwrap_posts(tree: Any) -> None:
    """Take the posts a story quotes out of wrappers holding nothing else.

    The person who marks a page's story counts a tweet quoted in it as the story's
    (aeb-dev: every embedded tweet on five pages), and trafilatura keeps a quotation;
    but a wrapper named for social media ("social-media-embed") makes it drop the post
    with the share buttons. A wrapper that holds more than the post (and its scripts)
    is left as it is: it may be a box of posts beside the story."""
    for post in tree.xpath(_POST_XPATH):
        for _ in range(_POST_WRAPPERS):
            wrapper = post.getparent()
            if wrapper is None or wrapper.tag not in ("div", "figure", "aside", "span", "section"):
                break
            if (
                (wrapper.text or "").strip()
                or any(
                    child is not post and (child.tag != "script" or (child.tail or "").strip())
                    for child in wrapper
                )
                or (post.tail or "").strip()
            ):
                break
            outer = wrapper.getparent()
            if outer is None:
                break
            post.tail = wrapper.tail
            outer.replace(wrapper, post)


def _load(text: str) -> Any:
    """The page's tree as trafilatura parses it (it repairs what lxml alone would not)."""
    from trafilatura import load_html

    try:
        return load_html(text)
    except Exception:  # noqa: BLE001 - unparseable: no tree
        return None


_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(https?://[^\s>]+?)\s*-->", re.I)


def _saved_from(text: str) -> str | None:
    """The address a browser (or ``dossier add``) noted when it saved the page."""
    m = _SAVED_FROM.search(text[:4096])
    return m.group(1) if m else None


def _cleaned_page_text(text: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The page's whole text through the cleaner of scraped text (its body and headings)."""
    from tui.cleaning import clean
    from tui.formats.pagetext import page_text

    whole = page_text(text, title=False)
    if not whole.strip():
        return "", ()
    cleaned = clean(whole)
    return cleaned.body, cleaned.headings


def _trafilatura(tree: Any, url: str | None, **options: Any) -> Any:
    import trafilatura
    from trafilatura.settings import set_date_params

    try:
        return trafilatura.bare_extraction(
            tree,
            url=url,
            include_comments=False,
            include_tables=True,
            with_metadata=True,
            # The page's metadata only: a date found in its text comes last (it may
            # be another event's), and one written in its address first.
            date_extraction_params=set_date_params(extensive=False),
            **options,
        )
    except Exception:  # noqa: BLE001 - a page trafilatura cannot handle has no article
        return None


# --------------------------------------------------------------------------- body


def render(body: Any) -> tuple[str, tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]]:
    """trafilatura's body element as (text, heading spans, quote spans)."""
    out = _Body()
    if body is not None:
        out.children(body)
    return out.text(), tuple(out.headings), tuple(out.quotes)


class _Body:
    def __init__(self) -> None:
        self.paras: list[str] = []
        self.length = 0
        self.headings: list[tuple[int, int]] = []
        self.quotes: list[tuple[int, int]] = []

    def add(self, text: str, kind: str = "") -> None:
        text = _tidy(text)
        if not text:
            return
        start = self.length + (2 if self.paras else 0)
        self.paras.append(text)
        self.length = start + len(text)
        if kind == "head":
            self.headings.append((start, self.length))
        elif kind == "quote":
            self.quotes.append((start, self.length))

    def element(self, el: Any, kind: str = "") -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "head":
            self.add(_inline(el), "head")
        elif tag == "list":
            for item in el:
                if isinstance(item.tag, str) and item.tag == "item":
                    nested = [c for c in item if c.tag == "list"]
                    self.add("• " + _inline(item, skip=("list",)), kind)
                    for sub in nested:
                        self.element(sub, kind)
        elif tag == "table":
            for row in el.iter("row"):
                cells = [_inline(c) for c in row if c.tag == "cell"]
                self.add(" | ".join(c for c in cells if c), kind)
        elif tag == "quote":
            blocks = [c for c in el if c.tag in ("p", "list", "head", "quote")]
            if blocks:
                self.children(el, "quote")
            else:
                self.add(_inline(el), "quote")
        elif tag in ("div", "body"):
            self.children(el, kind)
        elif tag == "graphic":
            return
        else:  # p, code and anything else: a paragraph
            self.add(_inline(el), kind)

    def children(self, el: Any, kind: str = "") -> None:
        """The block children of ``el``; text between blocks is a paragraph of its own."""
        self.add(el.text or "", kind)
        for child in el:
            self.element(child, kind)
            self.add(child.tail or "", kind)

    def text(self) -> str:
        return "\n\n".join(self.paras)


def _inline(el: Any, skip: tuple[str, ...] = ()) -> str:
    """The text of an element, ``<lb/>`` as a line break."""
    parts: list[str] = [el.text or ""]
    for child in el:
        if not isinstance(child.tag, str) or child.tag in skip:
            parts.append(child.tail or "")
            continue
        if child.tag == "lb":
            parts.append("\n")
        elif child.tag != "graphic":
            parts.append(_inline(child))
        parts.append(child.tail or "")
    return "".join(parts)


_INNER_SPACE = re.compile(r"[ \t\r\f\v\u00a0\u200b]+")


def _tidy(text: str) -> str:
    """Spaces collapsed, lines trimmed, no blank lines (those separate paragraphs)."""
    lines = (_INNER_SPACE.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _drop_first(
    body: str,
    headings: tuple[tuple[int, int], ...],
    quotes: tuple[tuple[int, int], ...],
    keep: tuple[tuple[int, int], ...] | None = None,
) -> tuple[str, tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]]:
    """The body without its first paragraph, which is ``headings[0]``.

    Returns the body, the other spans of ``keep`` (default: ``headings``) and
    ``quotes``, moved to their new offsets.
    """
    cut = headings[0][1]
    if keep is None:
        keep = headings
    rest = body[cut:].lstrip("\n")
    shift = len(body) - len(rest)

    def moved(spans: tuple[tuple[int, int], ...]) -> tuple[tuple[int, int], ...]:
        return tuple((a - shift, b - shift) for a, b in spans if a >= shift)

    return rest, moved(keep), moved(quotes)


#: "By Jane Smith", "Par Claire Dumesnil", "Von Anna Weber", "Por Ana Ruiz", "Di Marco Rossi".
_BYLINE_LEAD = re.compile(
    r"(?:by|par|von|por|di|door|av|af|przez|autor:?|author:?)\s+"
    r"((?:[^\W\d_][\w'’.-]*\s*){1,4}?)\s*(?:[,|·•–—-].{0,80})?",
    re.IGNORECASE,
)


def _byline_paragraph(body: str, headings: Any) -> tuple[int, str] | None:
    """A first paragraph that is only a byline ("Par Claire Dumesnil"): (its end, the name)."""
    end = body.find("\n\n")
    first = body if end == -1 else body[:end]
    if end == -1 or "\n" in first or len(first.split()) > 14 or first.endswith((".", "!", "?")):
        return None
    if headings and headings[0][0] == 0:
        return None
    m = _BYLINE_LEAD.fullmatch(first)
    if not m or not m.group(1).strip()[:1].isupper():
        return None
    return end, m.group(1).strip()


def _words(text: str) -> int:
    return len(text.split())


# --------------------------------------------------------------------------- metadata


def _title(doc: Any, meta: dict[str, str], body: str, headings: Any) -> str:
    for candidate in (getattr(doc, "title", None), meta.get("h1"), meta.get("title")):
        text = " ".join((candidate or "").split())
        if text:
            return text
    first = body.split("\n\n", 1)[0] if body else ""
    return " ".join(first.split())[:120]


def _date_in_text(text: str) -> str | None:
    """A publication date found in the page's text (htmldate's extensive search)."""
    tree = _load(text)
    if tree is None:
        return None
    try:
        from htmldate import find_date
        from trafilatura.settings import set_date_params

        params = set_date_params(extensive=True)
        return iso_day(find_date(tree, outputformat="%Y-%m-%d", **params))
    except Exception:  # noqa: BLE001 - no date is an answer
        return None


_DATE_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "date",
    "dc.date",
    "dc.date.issued",
    "pubdate",
    "publishdate",
    "sailthru.date",
)


def quick_meta(text: str) -> Extracted:
    """What a page's ``<head>`` says of it (title, site, address, date, language), fast.

    For listing a folder before its pages are extracted: no body. The title is
    the one trafilatura reads first (``og:title``, else ``<title>``), without a
    trailing site name.
    """
    # The head ends where a parser says it does (a "</head>" may sit in a script):
    # the first 200,000 characters hold it on every page measured.
    tree = _load(text[:200_000])
    if tree is None:
        return Extracted(title="", body="")
    meta = page_meta(tree)
    found: dict[str, str] = {}
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").lower()
        value = " ".join((el.get("content") or "").split())
        if key and value and key not in found:
            found[key] = value
    url = meta.get("url") or _saved_from(text)
    source = meta.get("site") or host_name(url)
    title = found.get("og:title") or found.get("twitter:title") or meta.get("title") or ""
    from tui.formats.record import iso_date

    date = date_from_url(url)
    for key in _DATE_META:
        if date is None and key in found:
            date = iso_date(found[key])
    author = found.get("author") or found.get("article:author") or found.get("byl")
    return Extracted(
        title=drop_site_suffix(" ".join(title.split()), source),
        body="",
        byline=byline_text(author) if author and not author.startswith("http") else None,
        date=date,
        source=source,
        url=url,
        language=meta.get("language"),
    )
