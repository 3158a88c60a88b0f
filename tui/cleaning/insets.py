"""A box of links set into the middle of a story ("Related articles" over a few
headlines, then the story going on), told from the page's footer that the same marker
heads: the footer pass (:mod:`tui.cleaning.passes`) drops such a box and goes on
rather than cutting the rest of the story; readers' comments under a box are no story.
On a page without indents a long box (a kicker over each headline) is told by the
story that resumes under it: the same story's words, and no share bar in the box.
"""

from __future__ import annotations

import re

from tui.cleaning.page import Page
from tui.cleaning.stopwords import STOPWORDS
from tui.cleaning.text import BULLET_RE, ends_sentence, words

_LIST_MARKS = ("* ", "+ ", "• ", "· ", "▪ ", "◦ ")

#: A box of links set into a story holds at most this many items; the story resumes
#: under it with at least this many sentences in a row, each of at least this many words.
_INSET_ITEMS = 6
#: A box set deeper than the story's prose holds at most this many lines.
_DEEPER_BOX_LINES = 30
_RESUMED_SENTENCES = 3
_RESUMED_WORDS = 10


def inset_links(page: Page, j: int) -> list[int] | None:
    """The lines of a box of links that footer marker ``j`` heads in the middle of the
    story ("Related articles" over two bulleted headlines, then the story going on), or
    None when the marker starts the page's footer. A box's items are links right under
    it (:func:`_link_item`); the story resumes under them with :data:`_RESUMED_SENTENCES`
    sentences in a row at the indent of the prose above the marker (a footer's teasers
    alternate a headline and its standfirst, and its lists run on), and no readers'
    comments are in or right under that run (:func:`_comments_follow`)."""
    texts, lines = page.texts, page.lines
    above = next(
        (x for x in range(j - 1, page.body_start - 1, -1) if not page.drop[x] and texts[x]),
        None,
    )
    if above is None or not ends_sentence(texts[above]):
        return None
    indent = lines[above].indent
    # a box set apart deeper than the story holds what fits in it (a tabloid's "Most
    # read in world news": a kicker over each of five headlines); else a few links
    deeper = lines[j].indent > indent
    # without indents such a box is no deeper: it holds as many lines when the story
    # that resumes under it is the same story (it shares its words)
    flat = not deeper and all(line.indent == indent for line in lines)
    most = _DEEPER_BOX_LINES if deeper or flat else _INSET_ITEMS
    box = [j]
    x = j + 1
    while (
        x < len(texts)
        and len(box) <= most
        and _link_item(texts[x])
        and (not deeper or lines[x].indent > indent)
    ):
        box.append(x)
        x += 1
    if len(box) < 2 or len(box) > most:
        return None
    run = 0
    for y in range(x, min(len(texts), x + _RESUMED_SENTENCES)):
        text = texts[y]
        if lines[y].indent != indent or not ends_sentence(text) or words(text) < _RESUMED_WORDS:
            break
        run += 1
    if (deeper or flat) and run and run < _RESUMED_SENTENCES:
        # the story, back at its indent, may go on into a box of its own (a subheading
        # and a fact box, deeper): sentences of it a little further down count too
        end = min(len(texts), x + _RESUMED_SENTENCES * 2)
        run = sum(
            1
            for y in range(x, end)
            if lines[y].indent >= indent
            and ends_sentence(texts[y])
            and words(texts[y]) >= _RESUMED_WORDS
        )
        run = min(run, _RESUMED_SENTENCES)
    if run < _RESUMED_SENTENCES or _comments_follow(page, box[1], x + run):
        return None
    if flat and len(box) > _INSET_ITEMS and not _same_story(page, j, x):
        return None
    return box


#: How many lines under the prose run that resumes under a box of links a mark of
#: readers' comments makes them comments (one comment's text, then its controls);
#: a mark further down is the story's end, which resumed.
_COMMENTS_NEAR = 2
# A mark of readers' comments: their heading or count ("Comments (12)", "34 responses
# to …", "Leave a reply"), a comment's time ("3 hours ago") or control ("Reply",
# "Report abuse", "12 likes"), alone on a line.
_COMMENT_MARK_RE = re.compile(
    r"(?:(?:\d+|no)\s+)?comments?(?:\s*\(\d+\))?|"
    r"(?:show|hide|view|load|read|add|post)\s+(?:all\s+|a\s+)?comments?|"
    r"leave\s+a\s+(?:reply|comment)|(?:join|view|show)\s+the\s+(?:conversation|discussion)|"
    r"\d+\s+(?:responses|replies)(?:\s+to\s.*)?|"
    r"\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago|"
    r"reply|report(?:\s+abuse)?|flag|permalink|\d+\s+(?:likes?|points|upvotes?)",
    re.IGNORECASE,
)
# A commenter's name over the comment's date: "12. jbaxt says:" / "November 19, 2019 at 6:34 am".
_SAYS_RE = re.compile(r"(?:\d+\.\s+)?\S+(?:\s+\S+){0,3}\s+says:")
_STAMP_WORDS = 8


def _comments_follow(page: Page, start: int, end: int) -> bool:
    """Readers' comments among lines ``start`` to ``end`` (the box's links and the prose
    run under them) or right under them (:data:`_COMMENTS_NEAR` lines, a footer marker
    not passed): a mark of comments (:data:`_COMMENT_MARK_RE`), or a commenter's name
    over a date. What goes on under such a box is the comments, not the story: the
    box is the page's footer (a story that resumes runs on further before its end)."""
    texts = page.texts
    footer_re = page.rules._footer_re
    n = len(texts)
    for y in range(start, min(n, end + _COMMENTS_NEAR)):
        text = texts[y]
        if y >= end and footer_re is not None and len(text) <= 120 and footer_re.match(text):
            return False  # the next marker: what is under it is its
        if page.kept(y) or len(text) > 60:
            continue
        if _COMMENT_MARK_RE.fullmatch(text):
            return True
        if _SAYS_RE.fullmatch(text):
            stamp = next((t for t in texts[y + 1 : y + 3] if t), "")
            if any(c.isdigit() for c in stamp) and words(stamp) <= _STAMP_WORDS:
                return True
    return False


def _link_item(text: str) -> bool:
    """A box's link: a list item, or a headline (no sentence: "Jibe angers Paris [VIDEO]")."""
    return BULLET_RE.match(text) is not None or (
        words(text) <= _LINK_WORDS and text.rstrip(" |)]")[-1:] not in (".", "!", "?")
    )


_LINK_WORDS = 20


#: The story that resumes under a long box on a page without indents shares at least
#: this many words (of five letters or more, no function words) with the story above
#: the box, words the box does not hold.
_SHARED_WORDS = 4
_CONTENT_RE = re.compile(r"[^\W\d_]{5,}")


def _content_words(texts: list[str]) -> set[str]:
    return {w.casefold() for t in texts for w in _CONTENT_RE.findall(t)}


def _same_story(page: Page, j: int, start: int) -> bool:
    """Whether the lines from ``start`` on under the long box that line ``j`` heads
    go on with the story above it: no line of the box is one the rules know for cruft
    (a share bar's "* Facebook": the page's footer), and the lines share the story's
    topic words."""
    line_re = page.rules._line_re
    for x in range(j + 1, start):
        text = page.texts[x]
        if text[:2] in _LIST_MARKS:
            text = text[2:]
        if line_re is not None and line_re.match(text):
            return False
    above = [page.texts[x] for x in range(page.body_start, j) if not page.drop[x]]
    common = STOPWORDS.get(page.language, frozenset())
    topic = _content_words(above) - common
    shared = topic & _content_words(page.texts[start : start + 2 * _RESUMED_SENTENCES])
    return len(shared - _content_words(page.texts[j:start])) >= _SHARED_WORDS
