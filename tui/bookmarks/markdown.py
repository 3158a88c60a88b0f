"""Bookmarks as Markdown: grouped by article, each passage a block quote with its citation.

Quotes, notes and titles are data, not markup: everything is escaped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tui.bookmarks.filtering import sort_bookmarks
from tui.bookmarks.model import Bookmark

_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
_MD_LINE_START = re.compile(r"^(\s*)([#+=-]|\d+[.)])", re.MULTILINE)


def md_escape(text: str) -> str:
    """Escape Markdown so that ``text`` shows as itself: quotes are data, not markup."""
    text = _MD_INLINE.sub(r"\\\1", text)
    return _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def _block_quote(text: str) -> str:
    lines = text.strip("\n").split("\n")
    return "\n".join(f"> {line}" if line.strip() else ">" for line in lines)


def export_markdown(bookmarks: Sequence[Bookmark]) -> str:
    """Markdown grouped by article: each passage a block quote, then note, tags and citation."""
    out = ["# Bookmarks", ""]
    if not bookmarks:
        out += ["_No bookmarks yet._", ""]
        return "\n".join(out)
    groups: dict[str, list[Bookmark]] = {}
    for b in sort_bookmarks(bookmarks, "article"):
        groups.setdefault(b.article_id, []).append(b)
    for items in groups.values():
        first = items[0]
        out += [f"## {md_escape(first.article_title)}", ""]
        for b in items:
            out.append(_block_quote(md_escape(b.quote)))
            out.append("")
            if b.orphaned:
                out += ["*Orphaned: this passage is no longer found in the article.*", ""]
            if b.note.strip():
                out += [f"**Note:** {md_escape(b.note.strip())}".replace("\n", "  \n"), ""]
            if b.tags:
                out += ["**Tags:** " + ", ".join(md_escape(t) for t in b.tags), ""]
            out += [_citation(b), ""]
    return "\n".join(out)


def _citation(b: Bookmark) -> str:
    parts = [f"*{md_escape(b.article_title)}*"]
    if b.article_source:
        parts.append(md_escape(b.article_source))
    if b.article_date:
        parts.append(md_escape(b.article_date))
    parts.append(f"file {md_escape(b.article_path)}")
    return "— " + ", ".join(parts)
