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
from tui.cleaning.dates import find_date
from tui.cleaning.features import (
    LIST_MARK_RE,
    NAMES,
    Shape,
    detect_language,
    features,
    scrape_evidence,
    shapes,
)
from tui.cleaning.meta import BYLINE_RE, Meta, meta_line
from tui.cleaning.rules import Rules
from tui.cleaning.stopwords import STOPWORDS
from tui.cleaning.text import Line, ends_sentence, words

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
    probabilities: list[float] = field(default_factory=list)


def probabilities(
    lines: list[Line],
    shapes_: list[Shape],
    drop: list[bool],
    phrase: Callable[[int], bool],
    weights: tuple[float, ...] | None = None,
) -> list[float]:
    """P(article text) of every line, from the logistic model."""
    dated = [
        words(line.text) <= 16
        and any(c.isdigit() for c in line.text)
        and find_date(line.text)[0] is not None
        for line in lines
    ]
    phrases = [phrase(i) for i in range(len(lines))]
    w = weights if weights is not None else model.WEIGHTS
    out = []
    for x in features(lines, shapes_, drop, phrases, dated):
        z = sum(a * b for a, b in zip(w, x, strict=True))
        out.append(1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))))
    return out


def choose(
    lines: list[Line],
    rules: Rules,
    drop: list[bool],
    kept: list[bool],
    phrase: Callable[[int], bool],
    weights: tuple[float, ...] | None = None,
) -> Choice:
    """The article's block, headline and metadata lines, or no region on a clean page."""
    n = len(lines)
    if n < model.MIN_LINES or scrape_evidence(lines, drop) < model.MIN_EVIDENCE:
        return Choice("")  # a tidy article: the other passes keep it whole
    lang = detect_language(lines)
    choice = Choice(lang)
    shapes_ = shapes(lines, lang)
    p = probabilities(lines, shapes_, drop, phrase, weights)
    choice.probabilities = p
    sure_cruft = sum(1 for i in range(n) if p[i] < model.SURE_CRUFT and not kept[i])
    if sure_cruft < model.MIN_CRUFT_LINES:
        return choice  # a clean article: the other passes keep it whole
    a, b = _best_run(p, shapes_)
    if b < a:
        return choice
    choice.region = (a, b)
    choice.cruft = {i for i in range(a, b + 1) if p[i] < model.IN_BLOCK_CRUFT}
    choice.title_at = _headline(lines, shapes_, p, drop, kept, a, b, rules, lang)
    if choice.title_at >= 0:
        meta = Meta()
        month_first = lang == "en"
        for i in range(choice.title_at + 1, min(a + 3, b + 1)):
            if meta_line(lines[i].text, meta, rules, month_first=month_first):
                choice.meta.add(i)
            elif i >= a:
                break
        if choice.title_at >= a:
            choice.region = (choice.title_at + 1, b) if choice.title_at < b else (a, b)
    return choice


def _best_run(p: list[float], shapes_: list[Shape]) -> tuple[int, int]:
    """The run of lines with the largest sum of weight * (p - 1/2)."""
    best, best_sum = (0, -1), 0.0
    run_sum, run_start = 0.0, 0
    for i, prob in enumerate(p):
        weight = math.sqrt(min(shapes_[i].n_words, 80)) + 0.5
        if run_sum <= 0:
            run_sum, run_start = 0.0, i
        run_sum += weight * (prob - 0.5)
        if run_sum > best_sum:
            best_sum, best = run_sum, (run_start, i)
    return best


def _headline(
    lines: list[Line],
    shapes_: list[Shape],
    p: list[float],
    drop: list[bool],
    kept: list[bool],
    a: int,
    b: int,
    rules: Rules,
    lang: str,
) -> int:
    """The line that is the article's headline, or -1."""
    stop = STOPWORDS.get(lang, STOPWORDS["en"])
    start_words: Counter[str] = Counter()
    for i in range(a, min(b + 1, a + 12)):
        if p[i] >= 0.5:
            start_words.update(t for t in _TOKEN_RE.findall(lines[i].text.lower()) if t not in stop)
    counts = Counter(line.text for line in lines)
    best, best_score = -1, 0.5
    lo = max(0, a - HEAD_WINDOW)
    for i in range(lo, min(b + 1, a + 3)):
        if drop[i] or kept[i]:
            continue
        text = lines[i].text
        nw = shapes_[i].n_words
        if not 2 <= nw <= 30 or len(text) > 250:
            continue
        if LIST_MARK_RE.match(text) or _HASHLIKE_RE.search(text) or _MARKUP_RE.search(text):
            continue
        if BYLINE_RE.match(text) or (nw <= 16 and find_date(text)[0] is not None):
            continue
        score = 1.0 if 4 <= nw <= 22 else 0.0
        if text.endswith(".") and nw > 12:
            score -= 2.0
        if text.endswith(":") or text.endswith(","):
            score -= 1.5
        letters = [ch for ch in text if ch.isalpha()]
        if letters and all(ch.isupper() for ch in letters) and nw <= 3:
            score -= 1.5
        if 2 <= counts[text] <= 3:
            score += 0.75
        # A byline or date line just below: the headline's usual company.
        for j in range(i + 1, min(len(lines), i + 5)):
            t = lines[j].text
            if BYLINE_RE.match(t) or (words(t) <= 16 and find_date(t)[0] is not None):
                score += 1.5
                break
        # Words shared with the story's start.
        toks = [t for t in _TOKEN_RE.findall(text.lower()) if t not in stop]
        if toks:
            shared = sum(1 for t in toks if t in start_words) / len(toks)
            score += 2.5 * shared
        # Near the block (in lines of text between them).
        gap = sum(1 for j in range(i + 1, a) if not drop[j]) if i < a else 0
        score -= 0.6 * math.log1p(gap)
        if i >= a:
            score -= 0.5 if ends_sentence(text) else 0.0
        score -= 1.5 * (1.0 - p[i]) if p[i] < 0.1 else 0.0
        if score > best_score:
            best, best_score = i, score
    return best


def header_date(lines: list[Line], title_at: int, body_start: int, month_first: bool) -> str | None:
    """A date on a short line near the headline, else anywhere above the body."""
    order: list[int] = []
    if title_at >= 0:
        order.extend(range(max(0, title_at - 3), min(len(lines), body_start + 3)))
    order.extend(range(0, min(len(lines), body_start)))
    seen: set[int] = set()
    for i in order:
        if i in seen:
            continue
        seen.add(i)
        text = lines[i].text
        if words(text) > 14 or not any(c.isdigit() for c in text):
            continue
        date, rest = find_date(text, month_first=month_first)
        if date is not None and words(" ".join(rest.split())) <= 8:
            return date
    return None


__all__ = ["Choice", "choose", "header_date", "probabilities", "NAMES"]
