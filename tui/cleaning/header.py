"""The page's header (:func:`header_pass`, the third of :func:`~tui.cleaning.passes.clean`'s
passes): cruft phrases and a menu above the headline, the headline, then the date,
byline and outlet lines under it (an outlet's name or an author's handle alone too; a
date without its year: :mod:`tui.cleaning.yearless`), and a byline a few lines under
them, after a caption or the standfirst (:func:`_late_meta`).
"""

from __future__ import annotations

from tui.cleaning import blocks
from tui.cleaning.asides import handle_byline, outlet_alone
from tui.cleaning.dates import find_date
from tui.cleaning.headline import metaish
from tui.cleaning.meta import CREDIT_CAPTION_RE, Meta, bare_byline, clean_title, meta_line
from tui.cleaning.page import Page
from tui.cleaning.text import BULLET_RE, ends_sentence, headline_like, menu_like, words
from tui.cleaning.yearless import yearless_date


def header_pass(page: Page) -> None:
    """Cruft phrases and a menu above the headline; the headline; metadata lines under it."""
    texts, drop, lines = page.texts, page.drop, page.lines
    n = len(texts)
    i = 0
    while i < n and (drop[i] or page.phrase(i)):
        drop[i] = True
        i += 1
    run = [j for j in range(i, n) if not drop[j]]
    k = 0
    found = page.block_title is not None and page.block_title >= 0
    while (
        not found
        and k < len(run)
        and menu_like(texts[run[k]])
        and not page.kept(run[k])
        and not bare_byline(texts[run[k]])  # "By" / "Jane Smith" under the headline
    ):
        k += 1
    if k >= 2 and k < len(run):
        # A menu: a block of two or more short lines listed together; on a page known
        # to be scraped, also short lines in blocks of their own before the headline.
        first = sum(1 for j in run[:k] if lines[j].block == lines[run[0]].block)
        if first >= 2 and lines[run[first]].block != lines[run[0]].block:
            menu = first
        elif page.scraped and headline_like(texts[run[k]]) and not ends_sentence(texts[run[k]]):
            menu = k
        else:
            menu = 0
        for j in run[:menu]:
            drop[j] = True
        page.scraped = page.scraped or menu > 0
    while i < n and drop[i]:
        i += 1
    if page.block_title == -1:
        # A scraped page whose headline was not found: a date or byline line on top
        # is metadata, not the title ("November 19, 2019 6:30 AM").
        month_first = page.language in ("en", "")
        while i < n and (drop[i] or metaish(texts[i])):
            if not drop[i] and meta_line(texts[i], page.meta, page.rules, month_first=month_first):
                page.meta_lines.add(i)
            drop[i] = True
            i += 1

    if i < n and headline_like(texts[i]) and not BULLET_RE.match(texts[i]):
        page.title = clean_title(texts[i], page.rules, page.meta)
        page.title_at = i
        i += 1
    page.header_end = i
    month_first = page.language in ("en", "")
    while i < n:
        if drop[i]:
            i += 1
            continue
        if page.kept(i):
            break
        if bare_byline(texts[i]) and i + 1 < n and not page.kept(i + 1):
            joined = f"{texts[i]} {texts[i + 1]}"  # "By" / "Jane Smith"
            if meta_line(joined, page.meta, page.rules, month_first=month_first):
                drop[i] = drop[i + 1] = True
                page.meta_lines.update((i, i + 1))
                i += 2
                continue
        if (
            meta_line(texts[i], page.meta, page.rules, month_first=month_first)
            or outlet_alone(page, i)
            or handle_byline(page, i)
        ):
            drop[i] = True
            page.meta_lines.add(i)
            i += 1
            continue
        if page.phrase(i) or CREDIT_CAPTION_RE.match(texts[i]):
            drop[i] = True
            i += 1
            continue
        break
    # A date given on a dropped header line ("Published 12 March 2016").
    for j in range(page.header_end, i):
        if page.meta.date is None and drop[j] and words(texts[j]) <= 8:
            page.meta.date = find_date(texts[j], month_first=month_first)[0]
    if page.scraped:
        i = _late_meta(page, i, month_first)
    page.body_start = i
    if page.meta.date is None and page.scraped:
        start = max(i, page.block_start)
        page.meta.date = blocks.header_date(page.lines, page.title_at, start, month_first)
    if page.meta.date is None and page.scraped:
        page.meta.date = yearless_date(page.lines, page.title_at, texts)


#: Lines under the header a byline may come after (a photo's caption, the
#: standfirst, an "Updated ...; Posted ..." line with no year), each under this many
#: words, and no two of them prose (a sentence of more than this many words: the story).
_LATE_META_AFTER = 3
_LATE_META_WORDS = 60
_LATE_META_PROSE = 12


def _late_meta(page: Page, i: int, month_first: bool) -> int:
    """Where the story starts when a byline comes a few lines under the header
    (:data:`_LATE_META_AFTER`), after lines the header did not take ("The Doobie
    Brothers perform at the Beacon." / "By Troy L. Smith, Cleveland.com"): they, it and
    the metadata lines right under it (a date) are the page's, above the story. Two
    lines of prose before it are the story's start (a byline further down is no
    header's); a line that names an outlet beside a date only ("Jana Rowe - Nov 19,
    2019": a name or an outlet?) is no such line, nor is a date alone: one under the
    story's first paragraph is the page's date again ("First published on ...") or a
    timeline's heading, and the paragraph stays."""
    texts, drop = page.texts, page.drop
    ahead = [j for j in range(i, len(texts)) if not drop[j]]
    prose = 0
    end = -1
    for k, j in enumerate(ahead):
        text = texts[j]
        if page.kept(j) or words(text) > _LATE_META_WORDS:
            break
        found = Meta()
        if (
            k
            and meta_line(text, found, page.rules, month_first=month_first)
            and not found.source
            and (found.byline or end >= 0)
        ):
            page.meta.byline = page.meta.byline or found.byline
            page.meta.date = page.meta.date or found.date
            page.meta_lines.add(j)
            end = k
            continue
        if end >= 0 or k >= _LATE_META_AFTER:
            break
        prose += ends_sentence(text) and words(text) > _LATE_META_PROSE
        if prose > 1:
            break
    if end < 0:
        return i
    for x in range(i, ahead[end] + 1):
        drop[x] = True
    return ahead[end] + 1
