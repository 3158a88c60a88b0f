"""Teaser cards after the story: other stories listed under it, each a headline, its
author, its date and the start of its text ("+ What made Joker so popular?" / "Madeline
Fry" / "Wednesday November 20, 2019" / "Joker killed at the box office."). Set deeper
than the story, the block pass leaves them out; on a page without indents they run on
from the story's last paragraph, and only their dates, one every few lines, tell them.
A broadcaster's cards give a time told from now ("32M ago") under a headline and its
standfirst, listed in sections ("More in World" / "Politics" / "More Politics"), whose
headings do not part them. Dates that go forward, each later than the one before,
are a timeline that ends the story, not cards; so are dates that go back, each over
a sentence of what happened and no headline.

Above the story, under its header, a list of other stories' headlines (a video
player's playlist: "Must watch" over sixteen titles) runs on into the story's first
paragraph on a page without indents; only their number and shape tell them.
"""

from __future__ import annotations

import re

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
#: Headings over the first card: a section's, and its link ("World" / "More World").
_HEADINGS = 2
#: A section's heading among cards has at most this many words. A card timed from now
#: has lines of at most _CARD_TEXT_WORDS (a live blog's posts, each over its time
#: told from now, are longer).
_SECTION_WORDS = 3
_CARD_TEXT_WORDS = 45
#: A timeline's event under its date is a sentence of more than this many words.
_EVENT_WORDS = 5


#: A card's time told from now ("32M ago", "5 hours ago", "updated 15M ago", "12H ago 34
#: photos": with the count of its pictures).
_AGO_RE = re.compile(
    r"(?:updated\s+)?\d{1,2}\s*(?:[mh]|mins?|minutes?|hrs?|hours?|days?)\s+ago"
    r"(?:\s+\d+\s+(?:photos|pictures|images|videos))?",
    re.IGNORECASE,
)


def _date_only(text: str, month_first: bool) -> bool:
    if words(text) > _DATE_WORDS or not any(c.isdigit() for c in text):
        return False
    if _AGO_RE.fullmatch(text):
        return True
    date, rest = find_date(text, month_first=month_first)
    return date is not None and not META_RESIDUE_RE.sub("", rest).strip()


def _headline(text: str) -> bool:
    return BULLET_RE.match(text) is not None or (
        words(text) <= _HEADLINE_WORDS and not ends_sentence(text)
    )


def _standfirst(texts: list[str], body: list[int], k: int) -> bool:
    """Whether line ``k`` of the body is a card's standfirst: under a headline, short."""
    above = texts[body[k - 1]]
    return (
        words(texts[body[k]]) <= _CARD_TEXT_WORDS
        and words(above) <= _HEADLINE_WORDS
        and not ends_sentence(above)
    )


#: Headlines above the story: at least this many in a row, each of _LEAD_WORDS words,
#: right above the story's first sentence of more than _LEAD_PROSE words.
_MIN_LEAD = 5
_LEAD_WORDS = (3, 14)
_LEAD_PROSE = 12


def _lead_headline(text: str) -> bool:
    """A headline of a list: a few words, a capital letter first (a table's row starts
    with its number), no sentence's end, no list's bullet."""
    return (
        _LEAD_WORDS[0] <= words(text) <= _LEAD_WORDS[1]
        and text[:1].isalpha()
        and text[:1].isupper()
        and not ends_sentence(text)
        and not BULLET_RE.match(text)
    )


def drop_lead_teasers(page: Page) -> None:
    """Drop a run of other stories' headlines between the header and the story."""
    texts = page.texts
    run: list[int] = []
    heads = 0
    for x in range(page.body_start, page.body_end + 1):
        if page.drop[x]:
            continue
        text = texts[x]
        if page.kept(x):
            return
        if _lead_headline(text):
            heads += 1
        elif words(text) >= _LEAD_WORDS[0]:
            break
        run.append(x)  # a headline, or the list's label ("Must watch", "(16 Videos)")
    else:
        return
    if heads >= _MIN_LEAD and words(texts[x]) > _LEAD_PROSE and ends_sentence(texts[x]):
        for y in run:
            page.drop[y] = True


def _events(texts: list[str], body: list[int], dated: list[int]) -> bool:
    """Whether the lines under each date of a run are a timeline's events: every one a
    sentence of more than :data:`_EVENT_WORDS` words (a card has its headline, its
    author's name or a section's heading among them), and one under the last date."""
    if dated[-1] == len(body) - 1:
        return False
    marked = set(dated)
    return all(
        ends_sentence(texts[body[k]]) and words(texts[body[k]]) > _EVENT_WORDS
        for k in range(dated[0] + 1, len(body))
        if k not in marked
    )


def drop_teaser_cards(page: Page, month_first: bool) -> None:
    """Drop the body's tail from the first of a run of teaser cards that ends it."""
    texts = page.texts
    body = [x for x in range(page.body_start, page.body_end + 1) if not page.drop[x]]
    dated = [k for k, x in enumerate(body) if _date_only(texts[x], month_first)]
    if len(dated) < _MIN_CARDS or len(body) - 1 - dated[-1] > _CARD_LINES:
        return
    # lines between two cards' dates, but for the headings of the sections they are
    # listed in ("More in U.S." / "Politics" / "More Politics")
    heading = [words(texts[x]) <= _SECTION_WORDS and not ends_sentence(texts[x]) for x in body]
    long_ = [words(texts[x]) > _CARD_TEXT_WORDS for x in body]
    first = len(dated) - 1
    while first > 0:
        a, b = dated[first - 1], dated[first]
        if b - a - sum(heading[a + 1 : b]) > _CARD_LINES:
            break
        if any(long_[a + 1 : b]) and _AGO_RE.fullmatch(texts[body[b]]):
            break  # a live blog's post under its time ("5 min ago")
        first -= 1
    if len(dated) - first < _MIN_CARDS:
        return
    days = [find_date(texts[body[k]], month_first=month_first)[0] for k in dated[first:]]
    iso = [d for d in days if d is not None]
    if len(iso) == len(days) and all(a < b for a, b in zip(iso, iso[1:], strict=False)):
        return  # a timeline of the story's own, oldest first (cards list the newest first)
    if _events(texts, body, dated[first:]):
        return  # a timeline newest first: under each date what happened, no headline
    # the first card starts at its headline, a line or two above its date
    start = dated[first]
    for k in range(dated[first] - 1, max(dated[first] - 3, 0), -1):
        if not _headline(texts[body[k]]):
            if k == dated[first] - 1 and k > 0 and _standfirst(texts, body, k):
                start = k - 1  # a headline over its standfirst, then the time
            break
        start = k
    for _ in range(_HEADINGS):
        if start > 0 and words(texts[body[start - 1]]) <= _HEADING_WORDS:
            if not ends_sentence(texts[body[start - 1]]):
                start -= 1  # their heading ("More from Example Post", "World" / "More World")
                continue
        break
    if start <= 1:
        return  # (the whole body: no story above them)
    for k in range(start, len(body)):
        page.drop[body[k]] = True
