"""A company's standing description at the end of a press release ("Ascom is a global
solutions provider ...", "Ascom is headquartered in Baar, employs around 1,300 people
... shares are listed on the SIX Swiss Exchange"): the same on every release of the
company, no part of the news, and often scraped without its "About ..." heading.
"""

from __future__ import annotations

import re

from tui.cleaning.meta import SPEECH
from tui.cleaning.page import Page
from tui.cleaning.text import words

# What a company says of itself: where it is based, how many it employs, where its
# shares trade, when it was founded, what kind of firm it is.
_CUES = (
    r"\b(?:headquartered|based|domiciled) in\b",
    r"\bemploys\b|\bemployees\b",
    r"\b(?:listed|traded) on the\b",
    r"\bfounded in \d{4}\b",
    r"\bis (?:a|an|the) (?:[\w-]+ ){0,4}(?:provider|company|supplier|manufacturer|"
    r"developer|leader|group|firm)\b",
    r"\b(?:operating businesses|subsidiaries|offices) in \d+ countries\b",
)
_CUE_RES = tuple(re.compile(c, re.IGNORECASE) for c in _CUES)
#: The description's lines: at most this many words each, at least _MIN_LINES of them
#: at the body's end, with at least _MIN_CUES cues between them.
_PROFILE_WORDS = 120
_MIN_LINES = 2
_MIN_CUES = 3


def _cues(text: str) -> int:
    return sum(1 for r in _CUE_RES if r.search(text))


def drop_company_profile(page: Page) -> None:
    """Drop a company's description of itself from the end of the body."""
    texts = page.texts
    last = [x for x in range(page.body_end, page.body_start - 1, -1) if not page.drop[x]]
    run: list[int] = []
    cues = 0
    for x in last[:-1]:  # (the story's first line stays)
        text = texts[x]
        if (
            page.kept(x)
            or words(text) > _PROFILE_WORDS
            or not text[:1].isupper()
            or SPEECH.search(text, text.lower())
        ):
            break
        found = _cues(text)
        if not found:
            break
        run.append(x)
        cues += found
    if len(run) >= _MIN_LINES and cues >= _MIN_CUES:
        for x in run:
            page.drop[x] = True
