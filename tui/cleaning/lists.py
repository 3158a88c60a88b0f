"""A bulleted list of the story's own at either end of its main block.

The block pass keeps the run of lines the model takes for prose; a list of short
items set a step deeper reads as a menu to it, so a story's list right after its last
paragraph ("Dare to Play 3:" over five features), or between the headline and the
first paragraph under a lead-in line ("What's new in 2.26?" over the fixes), was
left out with the page's menus.

A list of the story's own is announced by the line above it, at the story's indent,
ending in a colon or a question mark; its items, two or more, are marked as items,
set one to four columns deeper, a few words each, and none was dropped by a rule (a
share bar's "* Facebook"). A box of links to other stories has its own heading
("Related coverage from ...:", "More:", "Trending:") and its items are headlines
written in title case: neither is taken.
"""

from __future__ import annotations

import re

from tui.cleaning.text import BULLET_RE, Line, words

#: A lead-in line that heads a box of links to other stories, not a list of the story.
_LINKS_LEAD_RE = re.compile(
    r"\W*(?:related|more|read|see|also|recommended|trending|popular|top|follow|share|"
    r"tags?|topics?|categories|in brief|keep up|sign up|subscribe|don.?t miss)\b",
    re.IGNORECASE,
)
#: Items: how many, how deep under the lead-in, and how many words they have.
_MIN_ITEMS = 2
_MAX_ITEMS = 12
_MAX_DEPTH = 4
_MIN_MEAN_WORDS = 3.0
_MAX_ITEM_WORDS = 40
_CAPITALISED_RE = re.compile(r"\b[A-Z][a-z]{3,}")
_LONG_WORD_RE = re.compile(r"\b[^\W\d_]{4,}")


def _lead_in(text: str) -> bool:
    return text.endswith((":", "?")) and _LINKS_LEAD_RE.match(text) is None


def _headline_case(text: str) -> bool:
    """An item in title case ("15 Amazing Images of Stars"): another story's headline."""
    long_words = _LONG_WORD_RE.findall(text)
    return len(long_words) >= 2 and len(_CAPITALISED_RE.findall(text)) >= 0.75 * len(long_words)


def _items(
    lines: list[Line], ruled: list[bool], lead: int, start: int, end: int, flat: bool
) -> bool:
    """Whether lines ``start``..``end`` are a list of the story under line ``lead``."""
    n_items = end - start + 1
    if not _MIN_ITEMS <= n_items <= _MAX_ITEMS:
        return False
    indent = lines[start].indent
    if not (flat or 0 < indent - lines[lead].indent <= _MAX_DEPTH):
        return False
    texts = [lines[x].text for x in range(start, end + 1)]
    if any(
        lines[x].indent != indent or ruled[x] or BULLET_RE.match(lines[x].text) is None
        for x in range(start, end + 1)
    ):
        return False
    counts = [words(t) - 1 for t in texts]  # without the item's mark
    if min(counts) < 2 or max(counts) > _MAX_ITEM_WORDS:
        return False
    if sum(counts) / n_items < _MIN_MEAN_WORDS:
        return False
    return sum(1 for t in texts if _headline_case(t)) * 2 < n_items


def story_lists(lines: list[Line], ruled: list[bool], a: int, b: int, top: int) -> set[int]:
    """The lines of a list of the story's own just outside its block ``a``..``b``.

    ``ruled`` holds the lines the rules dropped; ``top`` is the first line the list
    above the block may start on (the line after the headline and its metadata).
    """
    out: set[int] = set()
    n = len(lines)
    flat = len({line.indent for line in lines}) == 1
    # After the block: its last line leads in, the items follow. Without indents the
    # model scores the lead-in with its list: it may be the line after the block.
    for lead in (b, b + 1) if flat else (b,):
        if lead >= n or ruled[lead] or not _lead_in(lines[lead].text):
            continue
        end = lead
        while end + 1 < n and BULLET_RE.match(lines[end + 1].text) is not None:
            if lines[end + 1].block != lines[lead + 1].block or ruled[end + 1]:
                break  # the list's block ends (a share bar of the same marks follows)
            end += 1
        if end > lead and _items(lines, ruled, lead, lead + 1, end, flat):
            out.update(range(b + 1, end + 1))
            break
    # Before the block: a lead-in at the story's indent, the items up to its first line.
    start = a - 1
    while start > top and BULLET_RE.match(lines[start].text) is not None:
        start -= 1
    lead = start
    if (
        top <= lead < a - 2
        and not ruled[lead]
        and lines[lead].indent == lines[a].indent
        and _lead_in(lines[lead].text)
        and _items(lines, ruled, lead, lead + 1, a - 1, flat)
    ):
        out.update(range(lead, a))
    return out


__all__ = ["story_lists"]
