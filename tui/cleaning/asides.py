"""Lines set into a scraped story that are not the story, decided one line at a time.

Called by the passes of :mod:`tui.cleaning.passes`: an outlet's name alone under the
headline (:func:`outlet_alone`), an author's name and social handle
(:func:`handle_byline`), a control's label between paragraphs (:func:`control_label`),
another story's teaser ending with "Read more" (:func:`drop_teaser`), the author's
note after the story (:func:`drop_author_bio`) and the list of sources under it
(:func:`drop_sources_list`). Each by its shape, on the page's lines and their
indentation.
"""

from __future__ import annotations

import re

from tui.cleaning.page import Page
from tui.cleaning.text import ends_sentence, heading_shaped, words

# An author's note: the name, then who that is.
_BIO_VERB_RE = re.compile(r"(?:\s+(?:is|was|has been|writes|covers|reports)\b|['’]s\s)")
_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
_BIO_LAST = 4
_BIO_WORDS = 80
# The link that ends a teaser of another story set into this one.
_READ_MORE_RE = re.compile(r"read\s+more\s*[»›>…]*", re.IGNORECASE)
_TEASER_LINES = 3
_TEASER_WORDS = 40
_PROSE_WORDS = 15
# An author's name and social handle alone on a line: "Jane Doe @janedoe".
# ("Catherine Shu @catherineshu / 2 days": with the time since it was posted.)
_HANDLE_BYLINE_RE = re.compile(
    r"([A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3})\s+@[A-Za-z0-9_]{2,15}"
    r"(?:\s*[/|·•-]\s*\d+\s+(?:minutes?|hours?|days?|weeks?|months?)(?:\s+ago)?)?"
)
# Words before the author's name on such a line ("By Jane Doe @janedoe", "Follow Jane
# Doe @janedoe"), and words no person's name holds: with a handle they are the
# outlet's link to its account ("Follow Us @outlet", "Breaking News @outlet"), no byline.
_BEFORE_NAME = frozenset(("by", "follow"))
_NO_NAME = frozenset(
    "us our on at the news breaking latest live follow share join subscribe tweet tweets "
    "like contact email twitter facebook instagram".split()
)


def outlet_alone(page: Page, i: int) -> bool:
    """Line ``i``, under the headline, is an outlet's name alone ("The Associated
    Press" over "Published Monday, November 18, 2019"): the article's source. It
    ended the metadata, leaving it and the date line under it as the story's start."""
    outlet_re = page.rules._outlet_re
    text = page.texts[i]
    if outlet_re is None or len(text) > 60 or not (found := outlet_re.search(text)):
        return False
    # the name and nothing else but "The" ("The Associated Press") or "News" ("BBC News")
    if text[: found.start()].strip() not in ("", "The") or text[found.end() :].strip() not in (
        "",
        "News",
    ):
        return False
    page.meta.source = page.meta.source or page.rules.outlet(found.group(0))
    return True


def drop_teaser(page: Page, x: int) -> None:
    """When line ``x`` is a "Read more" (dropped), it ends a box set into the story
    that leads to another one: its headline and the start of its text, set deeper than
    the paragraph above them ("E-Cigarettes Don't Have to Be Tainted to Send You to the
    Hospital, UK Case Shows" / "In recent months, hundreds of people ... have even died
    due to" / "Read more", Gizmodo). Up to three lines, each shorter than a paragraph;
    the line above them must be prose (a sentence, or a long line) at a lesser indent,
    else nothing goes."""
    if not _READ_MORE_RE.fullmatch(page.texts[x]):
        return
    box: list[int] = []
    j = x - 1
    while j >= page.body_start and len(box) <= _TEASER_LINES:
        if page.drop[j]:
            j -= 1
            continue
        text = page.texts[j]
        if box and page.lines[j].indent < page.lines[box[-1]].indent:
            if (ends_sentence(text) or words(text) > _PROSE_WORDS) and not page.kept(j):
                for k in box:
                    page.drop[k] = True
            return
        if page.kept(j) or words(text) > _TEASER_WORDS:
            return
        box.append(j)
        j -= 1


def drop_author_bio(page: Page) -> None:
    """The author's note at the end of the story: a line among its last
    :data:`_BIO_LAST` that begins with a name of the byline and says who that is ("Eric
    Song is IGN's deal curator…", "Brigit Katz is a freelance writer…"), or names one
    with an e-mail address ("Have a tip? Amy Kuperinsky may be reached at …")."""
    byline = page.meta.byline
    if not byline:
        return
    names = [n.strip() for n in re.split(r",|\band\b|&", byline) if len(n.split()) >= 2]
    if not names:
        return
    last = [x for x in range(page.body_end, page.body_start - 1, -1) if not page.drop[x]]
    for x in last[:_BIO_LAST]:
        text = page.texts[x]
        if page.kept(x) or words(text) > _BIO_WORDS:
            continue
        for name in names:
            if (text.startswith(name) and _BIO_VERB_RE.match(text, len(name))) or (
                name in text and _EMAIL_RE.search(text)
            ):
                page.drop[x] = True
                break


def handle_byline(page: Page, i: int) -> bool:
    """Line ``i`` is an author's name and social handle ("Nishant Kumar @Nishantopines",
    "Catherine Shu @catherineshu / 2 days"): the byline, when there is none yet. A
    "By" or "Follow" before the name is not the name; a line whose words no name holds
    ("Follow Us @outlet", "Breaking News @outlet") is the outlet's link: it goes, and
    names no one."""
    text = page.texts[i]
    if "@" not in text or page.kept(i) or not (m := _HANDLE_BYLINE_RE.fullmatch(text)):
        return False
    name = m.group(1).split()
    while name and name[0].casefold() in _BEFORE_NAME:
        name = name[1:]
    if len(name) >= 2 and not any(word.casefold() in _NO_NAME for word in name):
        page.meta.byline = page.meta.byline or " ".join(name)
    return True


#: How much deeper than its paragraph a subheading in an element of its own is set: one
#: level of a scraper's nesting (the text scrapers of our pages indent each by two).
_HEADING_INSET = 2


def control_label(page: Page, x: int) -> bool:
    """Line ``x`` is one word set deeper than the prose on both sides of it: the label
    of a control inside the story (the "Close" of a video's overlay, the "Report" of an
    embedded post), which a scraper leaves between paragraphs. A page sets its
    subheadings in line with its paragraphs ("Fazit", "Extra points"), or deeper by
    two for a heading of two words ("Our ruling").

    A one-word subheading set deeper ("Background", in an element of its own around
    the heading) is told from a control by what follows it: the paragraph it heads,
    right under it, and it is one level of nesting deeper than that paragraph
    (:data:`_HEADING_INSET`). A control sits deeper inside its widget (a button in an
    overlay in a player: two levels or more), or the rest of its widget follows it (the
    embedded post's next line, another label) before the prose goes on, or another
    label is right above it."""
    text = page.texts[x]
    if not text.isalpha() or page.kept(x):
        return False
    indent = page.lines[x].indent
    sides = (range(x - 1, page.body_start - 1, -1), range(x + 1, page.body_end + 1))
    nearest: list[int] = []
    for side in sides:
        # The nearest line of prose kept on that side (other lone words skipped: the
        # "Report" of two posts in a row).
        near = next((j for j in side if not page.drop[j] and " " in page.texts[j]), None)
        if near is None or page.lines[near].indent >= indent or heading_shaped(page.texts[near]):
            return False
        nearest.append(near)
    after = nearest[1]
    heads = (
        after == x + 1
        and indent - page.lines[after].indent <= _HEADING_INSET
        and " " in page.texts[x - 1]  # not the second of two labels
    )
    return not heads


# The heading of a list of sources at the end of a story (a fact-check's "Sources:").
_SOURCES_HEADING_RE = re.compile(
    r"(?:our\s+)?(?:sources|references|sources\s+(?:and|&)\s+references|works\s+cited|"
    r"bibliography)\s*:?",
    re.IGNORECASE,
)
# A citation: a quoted title with its comma ('Outlet, "Title," Oct. 13, 2019'), an
# interview ("Email interview with ..."), or an address.
_CITATION_RE = re.compile(
    r"[\"“][^\"“”]{3,}[,.]?[\"”]|^(?:(?:e-?mail|phone|telephone|personal|video)\s+)?"
    r"interviews?\s+with\b|https?://|\bwww\.",
    re.IGNORECASE,
)
_CITATIONS_MIN = 2
_CITATION_WORDS = 60


def drop_sources_list(page: Page) -> None:
    """A list of sources after the story: a "Sources:" heading (or "References", "Works
    cited") followed by at least :data:`_CITATIONS_MIN` citations, one a line. It ends
    the story, so it and what follows it leave the body; the list is the page's
    apparatus, not the story's text (whose searches and names it would pad with the
    titles and outlets it cites). The page itself keeps it."""
    texts, drop = page.texts, page.drop
    for x in range(page.body_start + 1, page.body_end + 1):
        if drop[x] or page.kept(x) or not _SOURCES_HEADING_RE.fullmatch(texts[x]):
            continue
        after = [j for j in range(x + 1, page.body_end + 1) if not drop[j]]
        run = 0
        for j in after:
            if words(texts[j]) > _CITATION_WORDS or not _CITATION_RE.search(texts[j]):
                break
            run += 1
        if run >= _CITATIONS_MIN and not any(page.kept(j) for j in after):
            for j in range(x, page.body_end + 1):
                drop[j] = True
            page.body_end = x - 1
            return
