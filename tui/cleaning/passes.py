""":func:`clean`: the article in a scraped page, as named passes over its lines.

1. :func:`_rule_pass`: lines the rules know are cruft wherever they are (pattern
   lines, copyright lines, an image's alt text and caption, a caption with its photo
   credit and a credit alone (:mod:`tui.cleaning.captions`), the user's per-source
   corrections, lines learned to recur on the source's pages); ``keep`` wins.
2. :func:`_block_pass` (:mod:`tui.cleaning.blocks`): on a page that shows it was
   scraped, the article's main block of prose is chosen and the headline found
   above it; what lies outside goes, but for a bulleted list of the story's own
   just above or below it (:mod:`tui.cleaning.lists`).
3. :func:`~tui.cleaning.header.header_pass`: a menu above the headline, the
   headline, then the date, byline and outlet lines under it (an outlet's name or an
   author's handle alone too; a date without its year: :mod:`tui.cleaning.yearless`).
4. :func:`_footer_pass`: a footer marker cuts the rest; short fragments after
   the article go.
5. :func:`_body_pass`: a short line with a cruft phrase, the headline again, or (on a
   scraped page) a link to another story in capitals, too long for a subheading, a
   caption with a bare credit ("... not easy. Jane Doe/Getty"), a date line, and the
   lines of :mod:`tui.cleaning.asides` (a control's label, another story's teaser,
   the author's handle and note after the story).
6. :func:`_paragraphs` and :func:`_subheadings`: lines joined into paragraphs,
   short lines between prose marked as subheadings.

The result depends only on the raw text, the rules, the source and the learned
lines. It errs on the side of keeping text: a clean article (a title line and
paragraphs) never loses a line.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from tui.cleaning import blocks
from tui.cleaning.asides import (
    control_label,
    drop_author_bio,
    drop_author_box,
    drop_labelled_meta,
    drop_sources_list,
    drop_teaser,
    handle_byline,
)
from tui.cleaning.captions import captioned_bare, captioned_by, credit_line, toggled_pair
from tui.cleaning.cards import drop_lead_teasers, drop_teaser_cards
from tui.cleaning.frontmatter import front_matter
from tui.cleaning.header import header_pass
from tui.cleaning.insets import inset_links
from tui.cleaning.learn import MAX_WORDS, line_hash
from tui.cleaning.lists import story_lists
from tui.cleaning.meta import (
    COPYRIGHT_RE,
    date_alone,
    find_source,
)
from tui.cleaning.page import Page
from tui.cleaning.profile import drop_company_profile
from tui.cleaning.rules import Rules, default_rules, line_key, source_key
from tui.cleaning.signup import drop_signup_form
from tui.cleaning.text import (
    BULLET_RE,
    DASH_HEADING_RE,
    MD_HEADING_RE,
    drop_hover_cards,
    drop_share_labels,
    fragment_like,
    heading_shaped,
    join_drop_caps,
    joins,
    shouted_link,
    split_lines,
    words,
)

_LIST_MARKS = frozenset(("* ", "+ ", "• ", "· ", "▪ ", "◦ "))
_LINKS_HEADING_RE = re.compile(
    r"(?:related|more|read more|see also|also read|recommended)"
    r"(?: (?:articles?|stories|coverage|links|reading|on this story))?:?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Cleaned:
    """The article found in a raw text.

    ``removed`` holds the texts of the lines dropped as cruft; ``removed_spans``
    and ``kept_spans`` the spans ``(start, end)`` in the raw text of every
    non-empty line dropped and kept (the title line and metadata lines are
    kept: they are the article's). A reader showing the raw text dims the
    removed spans.
    """

    title: str
    body: str  # paragraphs joined by "\n\n"
    headings: tuple[tuple[int, int], ...] = ()  # spans of subheading paragraphs in body
    source: str | None = None
    date: str | None = None  # ISO "YYYY-MM-DD"
    byline: str | None = None
    removed: tuple[str, ...] = ()  # lines dropped as cruft
    removed_spans: tuple[tuple[int, int], ...] = field(default=(), compare=False)
    kept_spans: tuple[tuple[int, int], ...] = field(default=(), compare=False)
    language: str | None = field(default=None, compare=False)


def clean(
    raw: str,
    rules: Rules | None = None,
    *,
    name: str = "",
    source: str | None = None,
    learned: Mapping[str, Collection[str]] | None = None,
) -> Cleaned:
    """Split ``raw`` into title, body and metadata, dropping page cruft.

    ``name`` (the file's stem) is the title when the text has no headline.
    ``source`` names the site the text comes from (a domain or an outlet): the
    user's corrections for it (``sources:`` in the rules) apply, and so do the
    lines ``learned`` for it (a mapping of :func:`~tui.cleaning.rules.source_key`
    to line hashes, from :mod:`tui.cleaning.learn`). Without a ``source``, the
    outlet the text names itself is used when corrections or learned lines exist
    for it. The result depends only on these arguments.
    """
    if rules is None:
        rules = default_rules()
    matter = front_matter(raw) if raw.startswith("---") else None
    text = raw if matter is None else matter.blanked(raw)
    result = _clean(text, rules, name, source, learned)
    if source is None and result.source:
        drop, keep = rules.corrections(result.source)
        if drop or keep or (learned and learned.get(source_key(result.source))):
            result = _clean(text, rules, name, result.source, learned)
    return result if matter is None else matter.applied(result, raw)


def _clean(
    raw: str,
    rules: Rules,
    name: str,
    source: str | None,
    learned: Mapping[str, Collection[str]] | None,
) -> Cleaned:
    page = _new_page(raw, rules)
    lines_learned = learned.get(source_key(source), ()) if learned and source else ()
    _rule_pass(page, source, lines_learned)
    _block_pass(page, name)
    header_pass(page)
    _footer_pass(page)
    _body_pass(page)
    if page.scraped:
        drop_author_box(page)
        drop_sources_list(page)
        drop_labelled_meta(page)
        drop_author_bio(page)
        drop_signup_form(page)
        drop_company_profile(page)
        drop_lead_teasers(page)
        drop_teaser_cards(page, page.language in ("en", ""))
    paras, md_heads = _paragraphs(page)
    paras = drop_share_labels(drop_hover_cards(join_drop_caps(paras)))
    removed = [page.texts[x] for x in range(len(page.lines)) if page.drop[x]]
    source_name = page.meta.source or find_source(paras, removed, rules)
    body, headings = _subheadings(page, paras, md_heads)
    lines = page.lines
    return Cleaned(
        title=page.title or name,
        body=body,
        headings=headings,
        source=source_name,
        date=page.meta.date,
        byline=page.meta.byline,
        removed=tuple(removed),
        removed_spans=tuple(
            (ln.start, ln.end) for ln, d in zip(lines, page.drop, strict=True) if d
        ),
        kept_spans=tuple(
            (ln.start, ln.end) for ln, d in zip(lines, page.drop, strict=True) if not d
        ),
        language=page.language or None,
    )


def _new_page(raw: str, rules: Rules) -> Page:
    lines = split_lines(raw)
    texts = [line.text for line in lines]
    keep_re = rules._keep_re
    kept = [bool(keep_re is not None and keep_re.search(t)) for t in texts]
    return Page(lines, rules, texts, [False] * len(lines), kept)


# --------------------------------------------------------------------------- 1. rules


def _rule_pass(page: Page, source: str | None, learned: Collection[str]) -> None:
    """Pattern lines, copyright lines, captions, corrections and learned lines."""
    rules, texts, drop = page.rules, page.texts, page.drop
    line_re, outlet_re = rules._line_re, rules._outlet_re
    user_drop, user_keep = rules.corrections(source)
    for i, text in enumerate(texts):
        if len(text) > 240:
            continue
        if text[:2] in _LIST_MARKS:
            text = text[2:]  # "* Share on Facebook": the item, not its marker
        if line_re is not None and text and line_re.match(text):
            drop[i] = True
        elif text[0] in "©(Cc" and text.count(" ") < 20:
            m = COPYRIGHT_RE.match(text)
            if m:
                drop[i] = True
                if outlet_re is not None and (found := outlet_re.search(m.group(1))):
                    page.meta.source = page.meta.source or rules.outlet(found.group(0))
    if user_drop or user_keep:
        for i, text in enumerate(texts):
            key = line_key(text)
            if key in user_keep:
                page.kept_by_rule[i] = True
            elif key in user_drop:
                drop[i] = True
    if learned:
        for i, text in enumerate(texts):
            if words(text) <= MAX_WORDS and line_hash(text) in learned:
                drop[i] = True
    # Photo captions with their credit, and credits alone (with the caption over them).
    lines = page.lines
    for i, text in enumerate(texts):
        if not drop[i] and credit_line(text):
            drop[i] = True
            if (
                i
                and lines[i - 1].block == lines[i].block
                and (i == 1 or lines[i - 2].block != lines[i].block)
                and captioned_by(texts[i - 1], text)
            ):
                drop[i - 1] = True
    for i in range(len(texts)):
        if drop[i] and page.kept(i):
            drop[i] = False
    # Captions: a line repeated right below itself (or shown whole, then cut).
    for i in range(len(texts) - 1):
        if page.kept(i):
            continue
        if texts[i] == texts[i + 1]:
            drop[i + 1] = True
            if lines[i].block == lines[i + 1].block:  # alt text + caption of one image
                drop[i] = True
        elif texts[i][-4:].lower() == "less" and toggled_pair(texts[i], texts[i + 1]):
            drop[i] = drop[i + 1] = not page.kept(i + 1)
    page.scraped = any(drop)


# --------------------------------------------------------------------------- 2. main block


def _block_pass(page: Page, name: str) -> None:
    """On a scraped page, keep the article's main block and the headline above it."""
    choice = blocks.choose(
        page.lines, page.rules, page.drop, page.kept_by_rule, page.phrase, name=name
    )
    page.language = choice.language
    if choice.region is None:
        return
    page.scraped = True
    a, b = choice.region
    page.block_start = a
    page.block_title = choice.title_at
    page.boxes = choice.boxes
    ruled = list(page.drop)
    for i in range(len(page.lines)):
        if page.kept(i):
            continue
        if i < a or i > b or i in choice.cruft:
            if i != choice.title_at and i not in choice.meta:
                page.drop[i] = True
    if choice.title_at >= 0:
        for i in range(choice.title_at):
            if not page.kept(i):
                page.drop[i] = True
        page.drop[choice.title_at] = False
        for i in choice.meta:
            page.drop[i] = False
    top = max(choice.meta | {choice.title_at}) + 1 if choice.title_at >= 0 else a
    for i in story_lists(page.lines, ruled, a, b, top):
        page.drop[i] = False


# --------------------------------------------------------------------------- 4. footer


def _footer_pass(page: Page) -> None:
    """A footer marker cuts the rest; then short fragments at the end of a scraped page."""
    texts, drop = page.texts, page.drop
    n = len(texts)
    body_start = page.body_start
    footer_re = page.rules._footer_re
    if footer_re is not None:
        for j in range(body_start + 1, n):
            if j in page.boxes:
                continue  # a box the block pass found the story going on across
            if len(texts[j]) <= 120 and footer_re.match(texts[j]) and not page.kept(j):
                if (box := inset_links(page, j)) is not None:
                    for x in box:  # a box of links set into the story: it goes on below
                        drop[x] = True
                    page.scraped = True
                    continue
                for x in range(j, n):
                    drop[x] = True
                page.scraped = True
                break
    # On a scraped page, short unpunctuated lines there are menu entries, form labels
    # or a "related" headline: cruft when below other footer cruft, or when last.
    j = n - 1
    fragments: list[int] = []
    while j >= body_start:
        if drop[j]:
            j -= 1
            continue
        if page.kept(j):
            break
        if page.phrase(j):
            drop[j] = True
        elif page.scraped and fragment_like(texts[j]):
            fragments.append(j)
        else:
            break
        j -= 1
    if fragments:
        strong = [x for x in range(j + 1, n) if drop[x]]
        top = strong[0] if strong else n
        for x in fragments:
            if x > top or x == n - 1:
                drop[x] = True
            else:
                j = max(j, x)
    page.body_end = j


# --------------------------------------------------------------------------- 5. body


def _body_pass(page: Page) -> None:
    """In the body, a short line with a cruft phrase, the headline again, the list
    under a heading of links dropped above it ("More:", "Related stories", "See also":
    its items are headlines of other stories, set between two paragraphs); on a
    scraped page a link in capitals (:func:`~tui.cleaning.text.shouted_link`), a
    control's label (:func:`~tui.cleaning.asides.control_label`) and a caption with a bare credit
    (:func:`~tui.cleaning.captions.captioned_bare`)."""
    texts, drop = page.texts, page.drop
    low_title = page.title.casefold()
    month_first = page.language in ("en", "")
    max_words = page.rules.phrase_max_words
    short = 30 * max_words
    links = False  # in the list under a dropped heading of links
    for x in range(page.body_start, page.body_end + 1):
        if drop[x]:
            links = _LINKS_HEADING_RE.fullmatch(texts[x]) is not None or (
                links and BULLET_RE.match(texts[x]) is not None
            )
            if page.scraped:
                drop_teaser(page, x)
            continue
        text = texts[x]
        if links and BULLET_RE.match(text) and not page.kept(x):
            drop[x] = True
            continue
        links = False
        if page.title and abs(len(text) - len(page.title)) < 3 and text.casefold() == low_title:
            drop[x] = True
        elif len(text) <= short and text.count(" ") < max_words and page.phrase(x):
            drop[x] = True
        elif page.scraped and shouted_link(text) and not page.kept(x):
            drop[x] = True
        elif page.scraped and " " not in text and control_label(page, x):
            drop[x] = True
        elif page.scraped and captioned_bare(text) and not page.kept(x):
            drop[x] = True
        elif page.scraped and date_alone(text, month_first=month_first) and not page.kept(x):
            # "First published on November 19, 2019 / 8:16 AM" under the story: the
            # page's metadata again (or a related story's), never a paragraph.
            drop[x] = True
        elif page.scraped and handle_byline(page, x):
            drop[x] = True  # the author's box under the standfirst


# --------------------------------------------------------------------------- 6. paragraphs


def _paragraphs(page: Page) -> tuple[list[str], set[int]]:
    """Surviving lines of one block, joined unless they read as separate."""
    texts, drop, lines = page.texts, page.drop, page.lines
    paras: list[str] = []
    md_heads: set[int] = set()
    prev = -1
    for x in range(len(texts)):
        if drop[x] or x == page.title_at:
            prev = -1
            continue
        text = texts[x]
        md = MD_HEADING_RE.match(text) if text[0] == "#" else None
        if md:
            text = md.group(2)
        if (
            prev >= 0
            and not md
            and lines[prev].block == lines[x].block
            and joins(texts[prev], text)
        ):
            paras[-1] = f"{paras[-1]} {text}"
        elif text:
            if md:
                md_heads.add(len(paras))
            paras.append(text)
        prev = -1 if md else x
    return paras, md_heads


def _subheadings(
    page: Page, paras: list[str], md_heads: set[int]
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The body text and its subheadings: short unpunctuated lines between two of prose."""
    keep_re = page.rules._keep_re
    heads = set(md_heads)
    prose = [len(p) > 100 or not heading_shaped(p) for p in paras]
    for x in range(1, len(paras) - 1):
        if x in heads or prose[x]:
            continue
        if prose[x - 1] and prose[x + 1] and not (keep_re and keep_re.search(paras[x])):
            dash = DASH_HEADING_RE.match(paras[x])
            if dash:
                paras[x] = dash.group(1)
            heads.add(x)
    spans: list[tuple[int, int]] = []
    pos = 0
    for x, para in enumerate(paras):
        if x:
            pos += 2
        if x in heads:
            spans.append((pos, pos + len(para)))
        pos += len(para)
    return "\n\n".join(paras), tuple(spans)
