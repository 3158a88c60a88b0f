"""What each line of a page looks like: the measurements the block selection scores.

Per line: its length, whether it ends like a sentence, how many of the page
language's function words it has (prose has many, menus and captions few),
list and menu shapes ("* Item", short Title Case lines, "A | B | C" runs),
whether the rules call it cruft, whether it is repeated in the page, and how
its indent compares with the indent of the page's prose. Context comes from the
neighbouring lines and from the page's *core*: the stretch of lines richest in
prose (a maximum-sum run over the lines), around which the article lies.

The page's language is the one whose function words (:mod:`stopwords`) occur
most often in it.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from tui.cleaning.stopwords import STOPWORDS
from tui.cleaning.text import TERMINAL, Line, words

_TOKEN_RE = re.compile(r"\w+")
# List markers of text scraped from HTML lists: "* Item", "+ Item", "o Item", "• Item".
LIST_MARK_RE = re.compile(r"(?:[*+•·▪►◦]|o(?=\s+\S))\s")
_SEPARATORS = (" | ", " + ", " • ", " · ", " / ", " – ", " > ", " » ")
_LINKISH_RE = re.compile(r"https?://|www\.|@\w|\w\.(?:com|org|net)\b|\S+@\S+\.\w")
_BY_RE = re.compile(r"(?:by|von|par|por|di|door|oleh)\s", re.IGNORECASE)
_DIGIT_RE = re.compile(r"\d")
_SENTENCE_END = frozenset('.!?"”’…)»。！？')
# Lines of CJK script carry no spaces; their length counts in characters.
_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")

NAMES: tuple[str, ...] = (
    "bias",
    "log_words",
    "long",
    "very_long",
    "ends_sentence",
    "ends_colon",
    "stop_ratio",
    "no_stop",
    "commas",
    "list_mark",
    "title_case",
    "separators",
    "rule_cruft",
    "phrase",
    "has_date",
    "repeated",
    "digits",
    "linkish",
    "all_caps",
    "indent_same",
    "indent_off",
    "prev_prose",
    "next_prose",
    "in_core",
    "core_distance",
    "glued",
    "starts_lower",
    "quote",
    "block_prose",
    "truncated",
    "byline_like",
    "after_marker",
)
INDEX = {name: i for i, name in enumerate(NAMES)}


# token -> the languages whose function word it is
_LANGS = tuple(STOPWORDS)
_LANG_OF: dict[str, tuple[int, ...]] = {}
for _i, _lang in enumerate(_LANGS):
    for _word in STOPWORDS[_lang]:
        _LANG_OF[_word] = (*_LANG_OF.get(_word, ()), _i)


def detect_language(lines: list[Line], limit: int = 1500) -> str:
    """The language whose function words occur most in the page ("en" when none do)."""
    counts = [0] * len(_LANGS)
    seen = 0
    lang_of = _LANG_OF
    for line in lines:
        text = line.text
        if text.count(" ") < 5:
            continue
        tokens = _TOKEN_RE.findall(text.lower())
        seen += len(tokens)
        for token in tokens:
            langs = lang_of.get(token)
            if langs is not None:
                for i in langs:
                    counts[i] += 1
        if seen > limit:
            break
    best = max(range(len(_LANGS)), key=counts.__getitem__)
    return _LANGS[best] if counts[best] else "en"


def scrape_evidence(lines: list[Line], dropped: list[bool]) -> int:
    """How much of the page shows it was scraped off the web (0 for a tidy article).

    Lines the rules dropped, repeated lines, menu entries (list items of one to
    three words), and a spread of indents (text scraped from HTML keeps the page's
    nesting); on such an indented page, all list items and separator runs too. A
    Markdown note's bullet points are not evidence.
    """
    evidence = sum(dropped)
    seen: set[str] = set()
    indents: set[int] = set()
    shapes_ = 0
    for line in lines:
        text = line.text
        if LIST_MARK_RE.match(text):
            if text.count(" ") <= 3:
                evidence += 1
            else:
                shapes_ += 1
        elif " | " in text:
            shapes_ += 1
        if text in seen:
            evidence += 1
        seen.add(text)
        indents.add(line.indent)
    if len(indents) > 3:
        evidence += len(indents) + shapes_
    return evidence


@dataclass(slots=True)
class Shape:
    """The measurements of one line that do not depend on its neighbours."""

    n_words: int
    n_tokens: int
    stop_ratio: float
    prose: bool  # long, sentence-like, with function words


def shapes(lines: list[Line], lang: str) -> list[Shape]:
    stop = STOPWORDS.get(lang, STOPWORDS["en"])
    out: list[Shape] = []
    for line in lines:
        text = line.text
        tokens = _TOKEN_RE.findall(text.lower())
        n_tok = len(tokens)
        n_words = words(text)
        if _CJK_RE.search(text):
            # No spaces between words: count characters as a fraction of words.
            n_words = max(n_words, len(text) // 3)
            hits = 0.3 if n_words >= 8 else 0.0
            ratio = hits
        else:
            hits = sum(1 for t in tokens if t in stop)
            ratio = hits / n_tok if n_tok else 0.0
        prose = n_words >= 8 and ratio >= 0.15 and _sentence_end(text)
        out.append(Shape(n_words, n_tok, ratio, prose))
    return out


def _sentence_end(text: str) -> bool:
    """Whether ``text`` ends like a sentence; one ending in a parenthesis only when the
    parenthesis closes a sentence ("... (see below.)"): a poll's option "Yes, the game
    is cool (29%, 1,186 Votes)" or a teaser's "(video)" is no sentence."""
    if text[-1] != ")":
        return text[-1] in _SENTENCE_END
    return len(text) >= 2 and text[-2] in _SENTENCE_END


def core(shapes_: list[Shape]) -> tuple[int, int]:
    """The run of lines with the most prose: maximum sum of +words (prose) / -penalty (other)."""
    best = (0, -1)
    best_sum = 0.0
    run_sum = 0.0
    run_start = 0
    for i, s in enumerate(shapes_):
        gain = min(s.n_words, 80) if s.prose else -(2.0 + min(s.n_words, 12) * 0.5)
        if run_sum <= 0:
            run_sum = 0.0
            run_start = i
        run_sum += gain
        if run_sum > best_sum:
            best_sum = run_sum
            best = (run_start, i)
    return best


def prose_indent(lines: list[Line], shapes_: list[Shape], span: tuple[int, int]) -> int | None:
    """The indent most prose lines of the core share, or ``None`` when indents say nothing."""
    a, b = span
    counts: Counter[int] = Counter(lines[i].indent for i in range(a, b + 1) if shapes_[i].prose)
    if not counts:
        return None
    if len({line.indent for line in lines}) <= 1:
        return None  # a page without indentation
    return counts.most_common(1)[0][0]


def features(
    lines: list[Line],
    shapes_: list[Shape],
    rule_cruft: list[bool],
    phrase: list[bool],
    dated: list[bool],
    markers: list[bool],
) -> list[list[float]]:
    """One feature vector (in the order of :data:`NAMES`) per line.

    ``markers``: the lines that start a page's footer ("34 responses to ...",
    "Related articles"); a line below one that follows some prose is flagged.
    """
    n = len(lines)
    a, b = core(shapes_)
    indent = prose_indent(lines, shapes_, (a, b))
    after: list[bool] = []
    prose_seen = 0
    marked = False
    for i in range(n):
        after.append(marked)
        if shapes_[i].prose:
            prose_seen += 1
        # (a marker set deeper than the prose heads a box set into the story, no footer)
        if markers[i] and prose_seen >= 3 and (indent is None or lines[i].indent <= indent):
            marked = True
    counts = Counter(line.text for line in lines)
    block_prose: dict[int, int] = Counter(lines[i].block for i in range(n) if shapes_[i].prose)
    out: list[list[float]] = []
    for i, line in enumerate(lines):
        text = line.text
        s = shapes_[i]
        nw = s.n_words
        head = text[:160]
        alpha = [w for w in head.split(" ")[:30] if w[:1].isalpha()]
        title_case = (
            sum(1 for w in alpha if w[0].isupper()) / len(alpha) if len(alpha) >= 2 else 0.0
        )
        seps = sum(head.count(sep) for sep in _SEPARATORS) if nw < 40 else 0
        digits = len(_DIGIT_RE.findall(head)) / len(head)
        all_caps = len(text) >= 4 and text.isupper()
        if i < a:
            distance = a - i
        elif i > b:
            distance = i - b
        else:
            distance = 0
        prev_prose = i > 0 and shapes_[i - 1].prose
        next_prose = i + 1 < n and shapes_[i + 1].prose
        longest = max(map(len, head.split(" "))) if nw < 12 else 0
        out.append(
            [
                1.0,
                math.log1p(nw),
                1.0 if nw >= 10 else 0.0,
                1.0 if nw >= 25 else 0.0,
                1.0 if text[-1] in _SENTENCE_END else 0.0,
                1.0 if text[-1] in ":;" else 0.0,
                s.stop_ratio,
                1.0 if nw >= 3 and s.stop_ratio == 0 else 0.0,
                min(text.count(", "), 4) / 4,
                1.0 if LIST_MARK_RE.match(text) else 0.0,
                title_case,
                min(seps, 4) / 4,
                1.0 if rule_cruft[i] else 0.0,
                1.0 if phrase[i] else 0.0,
                1.0 if dated[i] and nw <= 16 else 0.0,
                1.0 if counts[text] > 1 else 0.0,
                digits,
                1.0 if _LINKISH_RE.search(text) else 0.0,
                1.0 if all_caps else 0.0,
                1.0 if indent is not None and line.indent == indent else 0.0,
                min(abs(line.indent - indent), 12) / 12 if indent is not None else 0.0,
                1.0 if prev_prose else 0.0,
                1.0 if next_prose else 0.0,
                1.0 if a <= i <= b else 0.0,
                math.log1p(distance) / 5,
                1.0 if longest > 25 and not _LINKISH_RE.search(text) else 0.0,
                1.0 if text[:1].islower() else 0.0,
                1.0 if any(q in text for q in '"“”«»') else 0.0,
                1.0 if block_prose.get(line.block, 0) else 0.0,
                1.0 if text.endswith(("...", "…", "[…]", "[...]")) else 0.0,
                1.0 if nw <= 8 and _BY_RE.match(text) else 0.0,
                1.0 if after[i] else 0.0,
            ]
        )
    return out


def terminal(text: str) -> bool:
    return bool(text) and text[-1] in TERMINAL


CONTEXT_NAMES: tuple[str, ...] = (
    "p_self",
    "p_around",
    "p_near_max",
    "segment_share",
    "segment_words",
    "in_run",
    "run_distance",
    "run_indent",
)


def best_run(p: list[float], shapes_: list[Shape], gap: float = 0.0) -> tuple[int, int]:
    """The run of lines with the largest sum of weight * (p - 1/2) (maximum-sum subarray).

    A line's weight grows with its length; a line below 1/2 weighs at least ``gap``
    (cruft lines are short, yet a run of them should still end the article).
    """
    best, best_sum = (0, -1), 0.0
    run_sum, run_start = 0.0, 0
    for i, prob in enumerate(p):
        weight = math.sqrt(min(shapes_[i].n_words, 80)) + 0.5
        if prob < 0.5 and weight < gap:
            weight = gap
        if run_sum <= 0:
            run_sum, run_start = 0.0, i
        run_sum += weight * (prob - 0.5)
        if run_sum > best_sum:
            best_sum, best = run_sum, (run_start, i)
    return best


def segments(lines: list[Line]) -> list[int]:
    """A segment number per line: runs of lines at about one indent (blocks when unindented)."""
    out: list[int] = []
    seg = 0
    indented = len({line.indent for line in lines}) > 1
    for i, line in enumerate(lines):
        if i:
            prev = lines[i - 1]
            if indented:
                if abs(line.indent - prev.indent) > 2:
                    seg += 1
            elif line.block != prev.block:
                seg += 1
        out.append(seg)
    return out


def context_features(lines: list[Line], shapes_: list[Shape], p: list[float]) -> list[list[float]]:
    """Features from the first model's probabilities around each line (see CONTEXT_NAMES)."""
    n = len(lines)
    weight = [math.sqrt(min(s.n_words, 80)) + 0.5 for s in shapes_]
    seg = segments(lines)
    seg_words: Counter[int] = Counter()
    seg_good: Counter[int] = Counter()
    for i in range(n):
        seg_words[seg[i]] += shapes_[i].n_words
        if p[i] >= 0.5:
            seg_good[seg[i]] += shapes_[i].n_words
    a, b = best_run(p, shapes_)
    indents: Counter[int] = Counter()
    for i in range(a, b + 1):
        if p[i] >= 0.5:
            indents[lines[i].indent] += shapes_[i].n_words
    indent = indents.most_common(1)[0][0] if indents else None
    out: list[list[float]] = []
    for i in range(n):
        lo, hi = max(0, i - 3), min(n, i + 4)
        num = sum(p[j] * weight[j] for j in range(lo, hi) if j != i)
        den = sum(weight[j] for j in range(lo, hi) if j != i)
        near = [p[j] for j in range(max(0, i - 2), min(n, i + 3)) if j != i]
        words_ = seg_words[seg[i]]
        distance = a - i if i < a else (i - b if i > b else 0)
        out.append(
            [
                p[i],
                num / den if den else 0.0,
                max(near) if near else 0.0,
                seg_good[seg[i]] / words_ if words_ else 0.0,
                math.log1p(words_) / 6,
                1.0 if a <= i <= b else 0.0,
                math.log1p(max(distance, 0)) / 5,
                1.0 if indent is not None and lines[i].indent == indent else 0.0,
            ]
        )
    return out
