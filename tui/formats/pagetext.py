"""A web page (or a fragment of one) as readable plain text.

Used for the raw view of a saved page (all of the page's text, so the user can
see what the extractor left out), for the HTML inside feed entries and exports,
and as the extractor's fallback. Block elements become paragraphs separated by
a blank line, ``<br>`` a line break, list items are lines with a bullet, table cells are
joined with `` | ``; scripts, styles, forms' option lists and hidden templates
are left out. The text is data: nothing in it is interpreted further.
"""

from __future__ import annotations

import re
from typing import Any

#: Elements whose text is never shown.
SKIP = frozenset(
    {
        "script", "style", "noscript", "template", "svg", "math", "iframe", "object",
        "embed", "canvas", "select", "option", "datalist", "audio", "video", "source",
        "track", "map", "head", "input", "textarea", "button",
    }
)  # fmt: skip

#: Elements that start and end a paragraph of their own.
BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "center", "dd", "details",
        "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer",
        "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend",
        "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table",
        "td", "th", "ul", "caption", "title",
    }
)  # fmt: skip

_CELLS = frozenset({"td", "th"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_SPACE = re.compile(r"[ \t\r\n\f\v\u00a0\u200b]+")


def parse(text: str) -> Any:
    """An lxml HTML tree of ``text`` (a whole page or a fragment); None if empty."""
    import lxml.html
    from lxml import etree

    text = _XML_DECL.sub("", text, count=1)  # lxml refuses a str that declares an encoding
    if not text.strip():
        return None
    try:
        return lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        return None


_XML_DECL = re.compile(r"^\s*<\?xml[^>]*>")


def page_text(text: str, *, title: bool = True) -> str:
    """All the readable text of an HTML page, paragraphs separated by blank lines."""
    root = parse(text)
    if root is None:
        return ""
    return tree_text(root, title=title)


def tree_text(root: Any, *, title: bool = True) -> str:
    """The readable text of an lxml element (see the module docstring)."""
    out = _Writer()
    if title:
        found = root.find(".//title")
        if found is not None and (found.text or "").strip():
            out.text(found.text)
            out.block()
    _walk(root, out)
    return out.result()


def fragment_text(html: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The text of an HTML fragment (a feed entry's content) and the spans of its headings.

    Paragraphs are separated by blank lines; text that holds no tags is taken
    as plain text, paragraphs kept.
    """
    if "<" not in html or not _TAG.search(html):
        import html as html_mod

        from tui.formats.record import paragraphs

        return paragraphs(html_mod.unescape(html)), ()
    root = parse(html)
    if root is None:
        return "", ()
    out = _Writer()
    _walk(root, out)
    return out.result(), tuple(out.headings)


_TAG = re.compile(r"</?[a-zA-Z][^>]*>")


class _Writer:
    """Collects inline text into lines and paragraphs."""

    def __init__(self) -> None:
        self.paragraphs: list[str] = []
        self.lines: list[str] = []
        self.line: list[str] = []
        self.pre = 0
        self.bullet = False
        self.heading = False
        self.headings: list[tuple[int, int]] = []
        self.length = 0

    def text(self, value: str | None) -> None:
        if not value:
            return
        if self.bullet and value.strip():
            self.bullet = False
            self.line.append("• ")
            value = value.lstrip()
        if self.pre:
            parts = value.split("\n")
            self.line.append(parts[0])
            for part in parts[1:]:
                self.newline()
                self.line.append(part)
            return
        self.line.append(_SPACE.sub(" ", value))

    def newline(self) -> None:
        joined = "".join(self.line)
        self.line = []
        if not self.pre:
            joined = " ".join(joined.split())
        if joined.strip():
            self.lines.append(joined.rstrip())

    def block(self) -> None:
        self.newline()
        if self.lines:
            text = "\n".join(self.lines)
            start = self.length + (2 if self.paragraphs else 0)
            self.paragraphs.append(text)
            self.length = start + len(text)
            if self.heading:
                self.headings.append((start, self.length))
            self.lines = []
        self.heading = False

    def result(self) -> str:
        self.block()
        return "\n\n".join(self.paragraphs)


def _walk(el: Any, out: _Writer) -> None:
    tag = el.tag if isinstance(el.tag, str) else None
    if tag is not None:
        tag = tag.lower().rpartition("}")[2]
    if tag is None or tag in SKIP or _hidden(el):
        out.text(el.tail)  # a comment or skipped element: only the text after it counts
        return
    block = tag in BLOCKS
    if block and tag not in _CELLS:
        out.block()
    if tag == "li":
        out.newline()
        out.bullet = True
    elif tag in _CELLS and out.line:
        out.text(" | ")
    if tag == "pre":
        out.pre += 1
    if tag in _HEADINGS:
        out.heading = True
    out.text(el.text)
    for child in el:
        _walk(child, out)
    if tag == "pre":
        out.pre -= 1
    if tag in ("br", "tr", "li"):
        out.newline()
        out.bullet = False
    elif block and tag not in _CELLS:
        out.block()
    out.text(el.tail)


def _hidden(el: Any) -> bool:
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    style = el.get("style")
    return bool(style) and bool(_HIDDEN_STYLE.search(style))


_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
