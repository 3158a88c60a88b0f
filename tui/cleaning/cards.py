"""Teaser cards after the story: other stories listed under it, each a headline, its
author, its date and the start of its text ("+ What made Joker so popular?" / "Madeline
Fry" / "Wednesday November 20, 2019" / "Joker killed at the box office."). Set deeper
than the story, the block pass leaves them out; on a page without indents they run on
from the story's last paragraph, and only their dates, one every few lines, tell them.
"""

from __future__ import annotations

from tui.cleaning.dates import find_date
from tui.cleaning.meta import META_RESIDUE_RE
from tui.cleaning.page import Page
from tui.cleaning.text import BULLET_RE, ends_sentence, words

#: Cards: at least _MIN_CARDS dates alone on their lines, each at most _CARD_LINES lines
#: after the one before; the last at most _CARD_LINES lines before the body's end.
_MIN_CARDS = 3
_CARD_LINES = 5
_DATE_WORDS = 8
_HEADLINE_WORDS = 20
_HEADING_WORDS = 6


def _date_only(text: str, month_first: bool) -> bool:
    if words(text) > _DATE_WORDS or not any(c.isdigit() for c in text):
        return False
    date, rest = find_date(text, month_first=month_first)
    return date is not None and not META_RESIDUE_RE.sub("", rest).strip()


def _headline(text: str) -> bool:
    return BULLET_RE.match(text) is not None or (
        words(text) <= _HEADLINE_WORDS and not ends_sentence(text)
    )


def drop_teaser_cards(page: Page, month_first: bool) -> None:
    """Drop the body's tail from the first of a run of teaser cards that ends it."""
    texts = page.texts
    body = [x for x in range(page.body_start, page.body_end + 1) if not page.drop[x]]
    dated = [k for k, x in enumerate(body) if _date_only(texts[x], month_first)]
    if len(dated) < _MIN_CARDS or len(body) - 1 - dated[-1] > _CARD_LINES:
        return
    first = len(dated) - 1
    while first > 0 and dated[first] - dated[first - 1] <= _CARD_LINES:
        first -= 1
    if len(dated) - first < _MIN_CARDS:
        return
    # the first card starts at its headline, a line or two above its date
    start = dated[first]
    for k in range(dated[first] - 1, max(dated[first] - 3, 0), -1):
        if not _headline(texts[body[k]]):
            break
        start = k
    if start > 0 and words(texts[body[start - 1]]) <= _HEADING_WORDS:
        if not ends_sentence(texts[body[start - 1]]):
            start -= 1  # their heading ("More from Example Post")
    if start <= 1:
        return  # (the whole body: no story above them)
    for k in range(start, len(body)):
        page.drop[body[k]] = True
