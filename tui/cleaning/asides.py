"""Lines set into a scraped story that are not the story, decided one line at a time.

Called by the passes of :mod:`tui.cleaning.passes`: an outlet's name alone under the
headline (:func:`outlet_alone`), an author's name and social handle
(:func:`handle_byline`), a control's label between paragraphs (:func:`control_label`),
another story's teaser ending with "Read more" (:func:`drop_teaser`), the author's
note after the story (:func:`drop_author_bio`), the list of sources under it
(:func:`drop_sources_list`) and the labelled metadata lines that end it
(:func:`drop_labelled_meta`). Each by its shape, on the page's lines and their
indentation.
"""

from __future__ import annotations

import re

from tui.cleaning.dates import find_date
from tui.cleaning.meta import META_RESIDUE_RE
from tui.cleaning.page import Page
from tui.cleaning.text import ends_sentence, fragment_like, heading_shaped, norm, words

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


# An author's box: the name alone (or "About <Name>") beside a note that starts with it.
_BOX_NAME_RE = re.compile(
    r"(?:About\s+(?:the\s+author:?\s*)?)?([A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,2})"
)
_BOX_NOTE_RE = re.compile(
    r"([A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,2})\s+(?:is|was|has\s+been|writes|covers|reports)\b"
)
# Who writes: the note's first sentence names a trade of the page's writers.
_BOX_ROLE_RE = re.compile(
    r"\b(?:writer|editor|author|journalist|reporter|columnist|correspondent|contributor|"
    r"blogger|critic|producer|photographer|educator|commentator)s?\b",
    re.IGNORECASE,
)
#: The story ends at an author's box when its prose above the box has this many times
#: the words of what is left under it.
_BOX_ENDS_STORY = 2


def drop_author_box(page: Page) -> None:
    """An author's box set into the page after the story: a short note that starts
    with a person's name and says who that is ("Brigit Katz is a freelance writer
    based in Toronto…"), right beside a line of that name alone (the box's heading:
    "Brigit Katz", "About Brigit Katz"). The box leaves the body, and the name is the
    byline when the page gave none. The note says what the author does ("writer",
    "editor", "author"...); a page with two such notes or more is a list of people
    each under their name (the story's), and keeps them.

    Where the box sits under most of the story (its prose above has
    :data:`_BOX_ENDS_STORY` times the words of what follows), it ends the story: what
    follows it is the page's (the previous and next articles, teasers, the comments),
    which a scraper left in the story's block. A note far from the end with no heading
    beside it is not a box (a story may say who someone is). A page whose body is
    the box alone, or whose headline is the name over the note, is a contributor's
    profile: the note is its body and stays."""
    texts, drop = page.texts, page.drop
    body = [x for x in range(page.body_start, page.body_end + 1) if not drop[x]]
    boxes: list[tuple[int, str, list[int]]] = []
    for k, x in enumerate(body):
        text = texts[x]
        if page.kept(x) or words(text) > _BIO_WORDS or not (m := _BOX_NOTE_RE.match(text)):
            continue
        name = m.group(1)
        heads = [
            j
            for j in (x - 1, x + 1)
            if 0 <= j < len(texts)
            and j != page.title_at  # the page's headline: a page about the author
            and not page.kept(j)
            and (h := _BOX_NAME_RE.fullmatch(texts[j])) is not None
            and h.group(1) == name
        ]
        if heads and _BOX_ROLE_RE.search(text.split(". ", 1)[0]):
            boxes.append((k, name, sorted((x, *heads))))
    about = _about_box(page, body)
    if about is not None and not any(box[-1] >= about[2][0] for _, _, box in boxes):
        boxes.append(about)
    if len(boxes) != 1:
        return  # none, or a list of people each under their name: the story's
    ((k, name, box),) = boxes
    if all(j in box or fragment_like(texts[j]) for j in body):
        return  # the box is all the page says: a contributor's profile, its body
    x = box[0]
    before = sum(words(texts[j]) for j in body[:k] if j < x)
    after = sum(words(texts[j]) for j in body[k + 1 :] if j > box[-1])
    ends = before >= _BOX_ENDS_STORY * after
    if about is not None and box == about[2] and not ends:
        return  # "About <Name>" above most of the story: its own section, perhaps
    page.meta.byline = page.meta.byline or name
    if ends:
        for j in range(box[0], page.body_end + 1):
            drop[j] = True
        # The short fragments between the story and the box go as at a page's end
        # (a tag list, the author's name glued to the site's).
        end = box[0] - 1
        while end >= page.body_start and (
            drop[end] or (not page.kept(end) and fragment_like(texts[end]))
        ):
            drop[end] = True
            end -= 1
        page.body_end = end
    else:
        for j in box:
            drop[j] = True


# "About <Name>" in the languages of the page's other labels: a box's heading whatever
# the note under it says first ("Über Jana Rowe" / "Als Redakteurin schreibt Jana Rowe …").
_ABOUT_RE = re.compile(
    r"(?:About|Über|Sobre|À\s+propos\s+de|A\s+propos\s+de|Acerca\s+de|Su|Over|Tentang|Om)"
    r"\s+([A-ZÀ-Þ][\w.'’-]+(?:\s+[A-ZÀ-Þ][\w.'’-]+){1,2})"
)


def _about_box(page: Page, body: list[int]) -> tuple[int, str, list[int]] | None:
    """An author's box headed "About <Name>" (:data:`_ABOUT_RE`) over a note that
    names that person (the note may start otherwise: "Als Inbound Sales Manager
    bildet Jana Rowe …", "Pai de Ana, Jana Rowe é …"): (its place in ``body``, the
    name, its two lines), or None. The last such heading of the body; a place's name
    ("About New York") heads the story's own section, not a box. It only ends a story
    it is under (:func:`drop_author_box`)."""
    texts = page.texts
    for k in range(len(body) - 2, 0, -1):
        x, note = body[k], body[k + 1]
        if page.kept(x) or page.kept(note) or not (m := _ABOUT_RE.fullmatch(texts[x])):
            continue
        name = m.group(1)
        if name not in texts[note] or words(texts[note]) > _BIO_WORDS:
            continue
        from tui.gazetteer import fold, lexicon  # (once, for a line of this shape only)

        if fold(name) in lexicon().places:
            continue
        return k, name, [x, note]
    return None


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


# The page's labelled metadata under a story: "Researched by: Jana Rowe, Tom Okafor",
# "Subjects: Crime, Drugs", "In This Article: pier, harbour", "Edited by Jana Rowe",
# "Additional reporting by Tom Okafor".
_LABEL_VALUE_RE = re.compile(r"[A-Z][\w’'-]*(?:\s+[\w’'-]+){0,2}:\s+(\S.*)")
_LABEL_BY_RE = re.compile(r"[A-Z][\w’'-]*(?:\s+[a-z][\w’'-]*){0,3}\s+by:?\s+[A-Z][^.!?]*")
# A time's "a.m." at the end is no sentence's stop.
_TIME_END_RE = re.compile(r"\b[ap]\.m\.\Z")
_LABEL_VALUE_WORDS = 12
_LABEL_LINE_WORDS = 16
_LABELLED_MIN = 2
_LABELS_HEADING_WORDS = 5


def _labelled(text: str) -> bool:
    """``text`` is one "Label: value" or "Label by Name" line, its value short and no
    sentence."""
    if words(text) > _LABEL_LINE_WORDS or (ends_sentence(text) and not _TIME_END_RE.search(text)):
        return False
    if m := _LABEL_VALUE_RE.fullmatch(text):
        return words(m.group(1)) <= _LABEL_VALUE_WORDS
    return _LABEL_BY_RE.fullmatch(text) is not None


# A credit's label: "Researched by:", "Edited by:".
_CREDIT_LABEL_RE = re.compile(r".*\bby:\s*\Z", re.IGNORECASE)


def _story_fact(text: str) -> bool:
    """``text``, a "Label: value" line, gives a fact of the story rather than the page's
    metadata (a credit, a list of tags or subjects, a date): its value holds a number
    that is no date ("Att: 42,000", "Goals: Kane 23, Son 67", "Group A: Spain 3, Italy
    1"), a semicolon (a line-up, a list of results), or is one thing, no list ("Referee:
    Mike Dean", "Venue: the harbour stadium"); a credit's label ends in "by"."""
    m = _LABEL_VALUE_RE.fullmatch(text)
    if m is None or _CREDIT_LABEL_RE.match(text[: m.start(1)]):
        return False
    value = m.group(1)
    date, rest = find_date(value)
    if date is not None and not META_RESIDUE_RE.sub("", norm(rest)):
        return False  # "Published: Monday, November 18th, 2019 at 11:08 a.m."
    if date is not None:
        value = rest
    return ";" in value or any(c.isdigit() for c in value) or "," not in value


def drop_labelled_meta(page: Page) -> None:
    """The page's metadata set as labelled lines after the story: a run of at least
    :data:`_LABELLED_MIN` short "Label: value" or "Label by Name" lines that ends the
    body ("Researched by: …", "Edited by: …", "Subjects: …" under a fact-check; "Additional
    reporting by …", "In This Article: …"), with the heading right above it that ends
    in a colon ("About this statement:"). They leave the body (the story's searches and
    names are not padded with its credits and tags); prose must come before them, and
    none of them may give a fact of the story (:func:`_story_fact`: "Att: 42,000",
    "Referee: Mike Dean" under a match report stay)."""
    texts, drop = page.texts, page.drop
    run: list[int] = []
    labels = 0  # (a label line already dropped counts: "Published: <date>")
    x = page.body_end
    while x >= page.body_start:
        if drop[x]:
            labels += _labelled(texts[x])
            x -= 1
            continue
        if page.kept(x) or not _labelled(texts[x]):
            break
        run.append(x)
        labels += 1
        x -= 1
    if not run or labels < _LABELLED_MIN or x < page.body_start:
        return
    if any(_story_fact(texts[j]) for j in run):
        return  # a match's facts, a list of results: the story's
    if texts[x].endswith(":") and words(texts[x]) <= _LABELS_HEADING_WORDS and not page.kept(x):
        run.append(x)  # "About this statement:"
        x -= 1
    if not any(
        not drop[j] and (ends_sentence(texts[j]) or words(texts[j]) > _PROSE_WORDS)
        for j in range(page.body_start, x + 1)
    ):
        return  # no story above them: a page of labelled lines is left whole
    for j in run:
        drop[j] = True
