"""The headline of a scraped page: which line above the article's block is its title.

A page shows many headline-shaped lines (menus, teasers of other stories, photo
credits, breadcrumbs). The article's own headline is usually the one that

* sits just above the byline or the date ("By Jane Smith", "Published 2 hours
  ago", "Updated Nov 19, 6:55 AM");
* shares words with the first paragraphs of the story;
* is close to the story, and often repeated (the page's title and its h1);
* looks like a headline: a few words to a long line, no final full stop, no list
  marker, not a label, credit, breadcrumb, file name or piece of markup.

Each candidate line gets a score from those cues; the best one wins.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from tui.cleaning.dates import find_date
from tui.cleaning.features import LIST_MARK_RE, Shape
from tui.cleaning.meta import BYLINE_RE, SPEECH
from tui.cleaning.stopwords import STOPWORDS
from tui.cleaning.text import Line, words

_TOKEN_RE = re.compile(r"\w+")
_HASHLIKE_RE = re.compile(r"[0-9a-f]{16,}|[0-9A-Za-z_-]{32,}")
_MARKUP_RE = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>?|\{\{|\}\}")
_SPEECH_RE = re.compile(r"[,.!?][”\"’']\s")
_CREDIT_RE = re.compile(
    r"\b(?:getty|shutterstock|istock|ap photo|associated press|reuters|afp|epa|photo|image|"
    r"credit|foto|bild)\b",
    re.IGNORECASE,
)
_CREDIT_PAREN_RE = re.compile(r"\((?:photo|credit|image|foto|bild|source)\b[^)]*\)\s*$", re.I)
_CRUMBS_RE = re.compile(r"\s[>»/|›]\s.*\s[>»/|›]\s")
# Lines that are metadata rather than a headline: bylines, dates, times, "2 hours ago".
_METAISH_RE = re.compile(
    r"(?:^(?:by|posted|published|updated|written|last updated|von|par|por|oleh|door|"
    r"publié|publicado|veröffentlicht|aktualisiert)\b)|"
    # a time: "6:30", "6:30 a.m.", "6.30pm", "18.30 GMT" (not a price: "-12.99",
    # "12.45", "5.44%"); a sentence's full stop may follow it ("at 6:30pm.")
    r"\b\d{1,2}(?::[0-5]\d(?:\s*[ap]\.?m\b\.?)?|\.[0-5]\d\s*(?:[ap]\.?m\b\.?|(?:gmt|bst|utc)\b))"
    r"(?![\w%]|[.,]\d)|"
    r"\b(?:\d+|an?|one)\s+(?:min(?:ute)?s?|hours?|days?|weeks?)\s+ago\b",
    re.IGNORECASE,
)
#: Lines above the main block searched for the headline.
WINDOW = 40


def metaish(text: str) -> bool:
    """A byline, a date or a time line."""
    if _METAISH_RE.search(text) or BYLINE_RE.match(text):
        return True
    return words(text) <= 16 and find_date(text)[0] is not None


def _name_words(name: str) -> set[str]:
    """The words of a file name that reads like a title ("floods-close-roads")."""
    if not name or _HASHLIKE_RE.search(name):
        return set()
    tokens = {t for t in _TOKEN_RE.findall(name.lower().replace("_", " ")) if not t.isdigit()}
    return tokens if len(tokens) >= 3 else set()


def choose_headline(
    lines: list[Line],
    shapes_: list[Shape],
    p: list[float],
    drop: list[bool],
    kept: list[bool],
    region: tuple[int, int],
    lang: str,
    name: str = "",
    trace: list[tuple[int, float]] | None = None,
) -> int:
    """The index of the article's headline, or -1 when no line looks like one.

    ``trace`` (for tuning) receives every candidate with its score.
    """
    a, b = region
    stop = STOPWORDS.get(lang, STOPWORDS["en"])
    start_words: set[str] = set()
    for i in range(a, min(b + 1, a + 12)):
        if p[i] >= 0.5:
            start_words.update(t for t in _TOKEN_RE.findall(lines[i].text.lower()) if t not in stop)
    from_name = _name_words(name)
    keys = Counter(_key(line.text) for line in lines)
    best, best_score = -1, 0.0
    for i in range(max(0, a - WINDOW), min(b + 1, a + 3)):
        if drop[i] or kept[i]:
            continue
        text = lines[i].text
        nw = shapes_[i].n_words
        if not 2 <= nw <= 30 or len(text) > 250 or not _plausible(text):
            continue
        score = 0.2 * min(nw, 10) if nw <= 22 else 1.0
        if _sentence_like(text, nw):
            score -= 1.5 if nw < 15 else 2.5  # a sentence: the standfirst, a caption
        if nw >= 12:
            above = next((j for j in range(i - 1, max(-1, i - 3), -1) if not drop[j]), -1)
            if (
                above >= 0
                and 4 <= shapes_[above].n_words < nw
                and _plausible(lines[above].text)
                and not _sentence_like(lines[above].text, shapes_[above].n_words)
            ):
                score -= 1.0  # the standfirst, longer than the headline above it
        person = False
        if nw <= 3 and all(w[:1].isupper() or not w[:1].isalpha() for w in text.split()):
            score -= 1.5  # a name or a label: "Pamela Wilson", "Hong Kong"
            person = nw >= 2 and _given_name(text.split(None, 1)[0])
        if text.endswith((":", ",", ";")):
            score -= 1.5
        letters = [ch for ch in text if ch.isalpha()]
        if letters and all(ch.isupper() for ch in letters):
            score -= 1.0 if nw > 3 else 2.0
        if text[:1].islower():
            score -= 1.0
        if _SPEECH_RE.search(text) or SPEECH.search(text):
            score -= 1.5  # reported speech: "..., the mayor said"
        # (Not for a person's name: the author's, in the author's box and the byline,
        # repeats and is in the story's first lines when the author speaks in it.)
        if keys[_key(text)] >= 2 and not person:
            score += 1.0
        # The byline or the date just below: a headline's usual company.
        below = [j for j in range(i + 1, min(len(lines), i + 6))][:4]
        for rank, j in enumerate(below):
            if metaish(lines[j].text):
                score += 3.0 - 0.25 * rank
                break
        toks = [t for t in _TOKEN_RE.findall(text.lower()) if t not in stop]
        if toks and not person:
            score += 2.5 * sum(1 for t in toks if t in start_words) / len(toks)
            if from_name:
                score += 3.0 * sum(1 for t in toks if t in from_name) / len(toks)
        gap = sum(1 for j in range(i + 1, a) if not drop[j]) if i < a else 0
        score -= 0.4 * math.log1p(gap)
        if i > a:
            score -= 1.5
        elif i == a:
            score -= 0.5
        if trace is not None:
            trace.append((i, score))
        if score > best_score:
            best, best_score = i, score
    return best


def _given_name(word: str) -> bool:
    """``word`` is a given name the name lists know ("Pamela")."""
    from tui.gazetteer import fold, lexicon  # (0.1 s once, for a line of this shape only)

    return fold(word) in lexicon().first_names


def _sentence_like(text: str, nw: int) -> bool:
    """A sentence rather than a headline: a final full stop, two sentences, or a long line."""
    return text.rstrip("\"”’'»)").endswith(".") or (nw >= 12 and ". " in text) or nw >= 20


def _key(text: str) -> str:
    """Lines compared for repetition: words only, without a list number or a site suffix."""
    text = re.sub(r"^\d{1,2}[.)]\s+", "", text)
    text = re.split(r"\s[|–—-]\s", text)[0]
    return " ".join(_TOKEN_RE.findall(text.casefold()))


def _plausible(text: str) -> bool:
    """Not a list item, a byline, a date, a credit, a breadcrumb, a file name or markup."""
    if LIST_MARK_RE.match(text) or _HASHLIKE_RE.search(text) or _MARKUP_RE.search(text):
        return False
    if metaish(text) or _CRUMBS_RE.search(f" {text} "):
        return False
    if text[0] == "(" and text[-1] == ")":
        return False  # a photo credit "(Jane Doe / Agency)"
    if words(text) <= 8 and _CREDIT_RE.search(text):
        return False  # "Jane Doe | Getty Images"
    if _CREDIT_PAREN_RE.search(text):
        return False  # a caption: "... (Credit: Agency)"
    return True
