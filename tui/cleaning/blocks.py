"""Which lines of a scraped page are the article: the main block and its headline.

Every line gets a probability of being article text from a small logistic model
over its :mod:`features <tui.cleaning.features>` (weights in
:mod:`tui.cleaning.model`, trained by ``bench/train_cleaner.py``). The article
is the contiguous run of lines with the largest sum of ``weight * (p - 1/2)``
(a maximum-sum subarray: prose pulls the run out, menus, lists and footers end
it); inside it, lines the model is sure are cruft (ads, share bars) go too.
The headline is chosen among the lines above that run: headline-shaped, near
the run, followed by a byline or date, sharing words with the story's start,
and never a menu entry, a cookie notice or a file name.

A page with no sign of having been scraped (no rule cruft, nothing the model
takes for cruft) is left to the other passes, so a clean article never loses a
line here.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from tui.cleaning import model
from tui.cleaning.across import part_above, part_below
from tui.cleaning.dates import find_date
from tui.cleaning.features import (
    NAMES,
    Shape,
    best_run,
    context_features,
    detect_language,
    features,
    prose_indent,
    scrape_evidence,
    shapes,
)
from tui.cleaning.headline import choose_headline
from tui.cleaning.meta import META_RESIDUE_RE, Meta, bare_byline, meta_line
from tui.cleaning.rules import Rules
from tui.cleaning.text import BULLET_RE, Line, ends_sentence, words

_TOKEN_RE = re.compile(r"\w+")
_HASHLIKE_RE = re.compile(r"[0-9a-f]{16,}|[0-9A-Za-z_-]{32,}")
_MARKUP_RE = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>?|\{\{|\}\}")
#: Lines above the main block searched for the headline.
HEAD_WINDOW = 40


@dataclass
class Choice:
    language: str
    region: tuple[int, int] | None = None  # first and last line of the article's block
    title_at: int = -1
    meta: set[int] = field(default_factory=set)  # metadata lines between title and block
    cruft: set[int] = field(default_factory=set)  # lines inside the block that go
    boxes: set[int] = field(default_factory=set)  # a box the story goes on across
    probabilities: list[float] = field(default_factory=list)


def line_features(
    lines: list[Line],
    shapes_: list[Shape],
    drop: list[bool],
    phrase: Callable[[int], bool],
    rules: Rules,
) -> list[list[float]]:
    """The first model's features of every line (see :func:`features.features`)."""
    dated = [
        words(line.text) <= 16
        and any(c.isdigit() for c in line.text)
        and find_date(line.text)[0] is not None
        for line in lines
    ]
    phrases = [phrase(i) for i in range(len(lines))]
    footer_re = rules._footer_re
    markers = [
        footer_re is not None and len(line.text) <= 200 and footer_re.match(line.text) is not None
        for line in lines
    ]
    return features(lines, shapes_, drop, phrases, dated, markers)


def probabilities(
    lines: list[Line],
    shapes_: list[Shape],
    xs: list[list[float]],
    weights: tuple[tuple[float, ...], tuple[float, ...]] | None = None,
) -> list[float]:
    """P(article text) of every line: a first model on the line itself, a second on its context.

    Pages with indentation and pages without have a pair of models each.
    """
    if weights is None:
        if len({line.indent for line in lines}) > 1:
            weights = (model.WEIGHTS, model.CONTEXT_WEIGHTS)
        else:
            weights = (model.FLAT_WEIGHTS, model.FLAT_CONTEXT_WEIGHTS)
    w1, w2 = weights
    p1 = [_logistic(w1, x) for x in xs]
    if not w2:
        return p1
    ctx = context_features(lines, shapes_, p1)
    return [_logistic(w2, x + c) for x, c in zip(xs, ctx, strict=True)]


def _logistic(w: tuple[float, ...], x: list[float]) -> float:
    z = sum(a * b for a, b in zip(w, x, strict=True))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def choose(
    lines: list[Line],
    rules: Rules,
    drop: list[bool],
    kept: list[bool],
    phrase: Callable[[int], bool],
    weights: tuple[tuple[float, ...], tuple[float, ...]] | None = None,
    name: str = "",
) -> Choice:
    """The article's block, headline and metadata lines, or no region on a clean page."""
    n = len(lines)
    if n < model.MIN_LINES or scrape_evidence(lines, drop) < model.MIN_EVIDENCE:
        return Choice("")  # a tidy article: the other passes keep it whole
    lang = detect_language(lines)
    choice = Choice(lang)
    shapes_ = shapes(lines, lang)
    p = probabilities(lines, shapes_, line_features(lines, shapes_, drop, phrase, rules), weights)
    choice.probabilities = p
    sure_cruft = sum(1 for i in range(n) if p[i] < model.SURE_CRUFT and not kept[i])
    if sure_cruft < model.MIN_CRUFT_LINES:
        return choice  # a clean article: the other passes keep it whole
    a, b = best_run(p, shapes_, model.GAP_WEIGHT)
    if b < a:
        return choice
    a, b = _trim(lines, shapes_, p, a, b)
    choice.region = (a, b)
    choice.cruft = {i for i in range(a, b + 1) if p[i] < model.IN_BLOCK_CRUFT}
    choice.cruft |= inset_boxes(lines, shapes_, a, b)
    choice.title_at = choose_headline(lines, shapes_, p, drop, kept, (a, b), lang, name)
    if choice.title_at >= 0:
        meta = Meta()
        month_first = lang == "en"
        for i in range(choice.title_at + 1, min(a + 3, b + 1)):
            text = lines[i].text
            if bare_byline(text) and i + 1 < len(lines):
                text = f"{text} {lines[i + 1].text}"  # "By" / "Jane Smith"
            if meta_line(text, meta, rules, month_first=month_first):
                choice.meta.add(i)
                if text != lines[i].text:
                    choice.meta.add(i + 1)
            elif i >= a and i - 1 not in choice.meta:
                break
        if choice.title_at >= a:
            choice.region = (choice.title_at + 1, b) if choice.title_at < b else (a, b)
    _across_boxes(lines, shapes_, p, choice)
    return choice


def _across_boxes(lines: list[Line], shapes_: list[Shape], p: list[float], choice: Choice) -> None:
    """The block with the story's parts on the other side of a box set into it
    (:mod:`tui.cleaning.across`), the box's lines left out."""
    assert choice.region is not None
    a, b = choice.region
    if 0 <= choice.title_at < a:
        top = max(choice.meta | {choice.title_at})
        if (above := part_above(lines, shapes_, p, a, top)) is not None:
            a = above[0]
            choice.boxes |= above[1]
    if (below := part_below(lines, shapes_, p, b)) is not None:
        b = below[0]
        choice.boxes |= below[1]
    choice.cruft |= choice.boxes
    choice.region = (a, b)


def inset_boxes(lines: list[Line], shapes_: list[Shape], a: int, b: int) -> set[int]:
    """Boxes set into the story between its paragraphs: a box of links to other stories
    ("Trump Impeachment Inquiry More", five headlines, "More in Trump Impeachment
    Inquiry"), which the model scores as the prose around it.

    Text scraped from HTML keeps the page's nesting, so a box (a ``<div>`` of its own)
    sits deeper than the story's paragraphs, its heading too, where a list of the
    story's own has its items deeper and its heading among the paragraphs. A box is a
    run of three or more lines deeper than the prose, starting with a line that is no
    list item (a heading of its own), holding a list of two or more, and no sentence."""
    indent = prose_indent(lines, shapes_, (a, b))
    out: set[int] = set()
    if indent is None:
        return out
    i = a
    while i <= b:
        if lines[i].indent <= indent:
            i += 1
            continue
        j = i
        while j < b and lines[j + 1].indent > indent:
            j += 1
        texts = [lines[x].text for x in range(i, j + 1)]
        if (
            len(texts) >= 3
            and not BULLET_RE.match(texts[0])
            and _TOKEN_RE.search(texts[0]) is not None  # a heading ("*" alone is an item)
            and sum(1 for t in texts if BULLET_RE.match(t)) >= 2
            and not any(
                ends_sentence(t) or shapes_[x].prose
                for x, t in zip(range(i, j + 1), texts, strict=True)
            )
        ):
            out.update(range(i, j + 1))
        i = j + 1
    return out


def _trim(
    lines: list[Line], shapes_: list[Shape], p: list[float], a: int, b: int
) -> tuple[int, int]:
    """The block without lines at its ends that sit at another indent than its prose.

    Text scraped from HTML keeps the page's nesting: a sign-up form or a box of
    links after the story is indented apart from the story's paragraphs. The story
    itself may go on a step deeper after a box set into it (its last paragraphs in a
    ``<div>`` of their own): two or more prose lines in a row that the model takes for
    the story, a step or two off its indent, stay.
    """
    if len({line.indent for line in lines}) <= 1:
        return a, b
    weight: Counter[int] = Counter()
    for i in range(a, b + 1):
        if p[i] >= 0.5:
            weight[lines[i].indent] += shapes_[i].n_words
    if not weight:
        return a, b
    indent = weight.most_common(1)[0][0]
    while b > a and lines[b].indent != indent:
        going_on = 0  # the story going on a step off its indent: prose lines in a row
        while b - going_on > a and _resumed(
            lines[b - going_on], shapes_[b - going_on], p[b - going_on], indent
        ):
            going_on += 1
        if going_on >= _RESUMED_LINES:
            break
        b -= max(1, going_on)
    while a < b and lines[a].indent != indent:
        a += 1
    return a, b


#: Prose lines in a row, a step off the story's indent, that are the story going on.
_RESUMED_LINES = 2


def _resumed(line: Line, shape: Shape, p: float, indent: int) -> bool:
    """Whether a line at the block's end is the story going on a step off its indent."""
    return shape.prose and p >= 0.5 and 0 < abs(line.indent - indent) <= 2


_LABELLED_RE = re.compile(
    r"^\W*(?:by|posted|published|updated|written|von|par|por|oleh|door|publié|publicado|"
    r"veröffentlicht|aktualisiert|pubblicato)\b|\b(?:published|posted|publié|publicado|"
    r"veröffentlicht|publiziert)\b",
    re.IGNORECASE,
)


def date_of_line(text: str, month_first: bool) -> str | None:
    """The date of a date line ("Published: Nov. 19, 2019 6:21 am", "By X on 19 Nov 2019")."""
    if words(text) > 25 or not any(c.isdigit() for c in text):
        return None
    date, rest = find_date(text, month_first=month_first)
    if date is None:
        return None
    for _ in range(3):  # "Mon 18 Nov 2019 18.54 GMT Last modified on Mon 18 Nov 2019 ..."
        again, rest = find_date(rest, month_first=month_first)
        if again is None:
            break
    tags = rest.find(" , ")
    if tags >= 0:  # the post's tags, scraped from links: "27/09/2018 Jo Doe Music , Books"
        rest = rest[:tags]
    rest = META_RESIDUE_RE.sub(" ", rest)
    if len(_TOKEN_RE.findall(rest)) <= 6 or _LABELLED_RE.search(text):
        return date
    return None


def header_date(
    lines: list[Line], title_at: int, block_start: int, month_first: bool
) -> str | None:
    """A date on a date line near the headline, else anywhere above the article's block."""
    order: list[int] = []
    if title_at >= 0:
        order.extend(range(max(0, title_at - 3), min(len(lines), max(title_at, block_start) + 5)))
    order.extend(range(0, min(len(lines), block_start)))
    seen: set[int] = set()
    for i in order:
        if i in seen:
            continue
        seen.add(i)
        date = date_of_line(lines[i].text, month_first)
        if date is not None:
            return date
    return None


__all__ = ["Choice", "choose", "header_date", "probabilities", "NAMES"]
