"""The state the cleaner's passes share over one page (see :mod:`tui.cleaning.passes`).

Its lines, what has been decided about each (dropped, kept by a rule), and what the
passes found: the headline, the metadata, where the story starts and ends.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tui.cleaning.meta import SPEECH, Meta
from tui.cleaning.rules import Rules
from tui.cleaning.text import Line, words

#: A line of more words than this is prose, whatever cruft phrase it holds.
PHRASE_LINE_WORDS = 100


@dataclass
class Page:
    """The state the passes share: the lines and what has been decided about them."""

    lines: list[Line]
    rules: Rules
    texts: list[str]
    drop: list[bool]
    kept_by_rule: list[bool]
    meta: Meta = field(default_factory=Meta)
    scraped: bool = False
    title_at: int = -1
    title: str = ""
    meta_lines: set[int] = field(default_factory=set)
    header_end: int = 0  # first line after the title
    body_start: int = 0
    body_end: int = -1  # last line the footer pass left to the body
    block_start: int = 0  # first line of the main block (scraped pages)
    block_title: int | None = None  # the headline the block pass found (-1: none; None: no pass)
    boxes: set[int] = field(default_factory=set)  # a box the story goes on across
    language: str = "en"

    def kept(self, i: int) -> bool:
        return self.kept_by_rule[i]

    def phrase(self, i: int) -> bool:
        text = self.texts[i]
        return bool(
            words(text) <= PHRASE_LINE_WORDS
            and self.rules._phrases.search(text, low := text.lower())
            and not SPEECH.search(text, low)
            and not self.kept(i)
        )
