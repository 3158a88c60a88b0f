"""The passage cursor's model: a sentence under the cursor, and a selection grown from it.

Plain Python (no Textual), so it is easy to test. Positions are offsets into an
article's cleaned body. The cursor (``head``) is one unit of text: a sentence,
or a word while a selection is extended word by word. A selection keeps the
unit where it started (``anchor``) and covers everything from one to the other,
so moving the head away from the anchor grows it and moving back shrinks it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from tui.text import sentence_spans

Span = tuple[int, int]

_WORD = re.compile(r"\S+")


@dataclass
class Passage:
    """Where the passage cursor is in one article body."""

    body: str
    sentences: list[Span]
    paragraphs: list[Span]
    head: Span
    anchor: Span | None = None
    _starts: list[int] = field(default_factory=list, repr=False)

    @classmethod
    def of(cls, body: str, paragraphs: Iterable[Span], at: int = 0) -> Passage | None:
        """A cursor on the sentence at (or after) offset ``at``; ``None`` for an empty body."""
        sentences = sentence_spans(body)
        if not sentences:
            return None
        passage = cls(body, sentences, list(paragraphs), sentences[0])
        passage._starts = [s for s, _ in sentences]
        passage.place(at)
        return passage

    # -- what is selected --------------------------------------------------------------

    @property
    def selecting(self) -> bool:
        return self.anchor is not None

    @property
    def selection(self) -> Span:
        """The span to bookmark: the sentence under the cursor, or anchor to head."""
        if self.anchor is None:
            return self.head
        return min(self.anchor[0], self.head[0]), max(self.anchor[1], self.head[1])

    @property
    def text(self) -> str:
        start, end = self.selection
        return self.body[start:end]

    # -- placing -----------------------------------------------------------------------

    def sentence_at(self, offset: int) -> Span:
        """The sentence containing ``offset``, or the nearest one after it (else the last)."""
        index = max(0, bisect_right(self._starts, offset) - 1)
        start, end = self.sentences[index]
        if offset >= end and index + 1 < len(self.sentences):
            gap_end = self.sentences[index + 1][0]
            if offset < gap_end:  # in the space between two sentences: take the next
                return self.sentences[index + 1]
        return start, end

    def place(self, offset: int) -> None:
        """Put the cursor on the sentence at ``offset`` and drop any selection."""
        self.head = self.sentence_at(offset)
        self.anchor = None

    def select(self, start: int, end: int) -> None:
        """Select exactly ``start``-``end`` (a saved bookmark's passage)."""
        self.anchor = (start, start)
        self.head = (start, end)

    def extend_to(self, offset: int) -> None:
        """Grow (or shrink) the selection to the sentence at ``offset`` (shift+click)."""
        if self.anchor is None:
            self.anchor = self.head
        self.head = self.sentence_at(offset)

    def toggle_selecting(self) -> None:
        """Start a selection at the cursor, or drop it (the cursor stays on one sentence)."""
        if self.anchor is None:
            self.anchor = self.head
        else:
            self.anchor = None
            self.head = self.sentence_at(self.head[0])

    def clear(self) -> bool:
        """Drop the selection; ``False`` when there was none."""
        if self.anchor is None:
            return False
        self.toggle_selecting()
        return True

    # -- moving ------------------------------------------------------------------------

    def sentence(self, step: int) -> bool:
        """Move the head to the next (``+1``) or previous (``-1``) sentence."""
        if step > 0:
            target = next((s for s in self.sentences if s[1] > self.head[1]), None)
        else:
            target = next((s for s in reversed(self.sentences) if s[1] <= self.head[0]), None)
        return self._move(target)

    def paragraph(self, step: int) -> bool:
        """Next paragraph's first sentence (while selecting: this paragraph's last), or back."""
        if step > 0:
            if self.anchor is not None:  # extend to the end of this paragraph, then the next
                ends = [self._last_sentence(p) for p in self.paragraphs]
                target = next((s for s in ends if s is not None and s[1] > self.head[1]), None)
            else:
                firsts = [self._first_sentence(p) for p in self.paragraphs]
                target = next((s for s in firsts if s is not None and s[0] > self.head[0]), None)
        else:
            firsts = [self._first_sentence(p) for p in self.paragraphs]
            target = next(
                (s for s in reversed(firsts) if s is not None and s[0] < self.head[0]), None
            )
        return self._move(target)

    def word(self, step: int) -> bool:
        """Extend (or shrink) the selection by one word; starts a selection if needed."""
        if self.anchor is None:
            self.anchor = self.head
        words = self._words
        starts = [s for s, _ in words]
        if step > 0:
            index = bisect_right(starts, self.head[1] - 1)
            while index < len(words) and words[index][0] < self.head[1]:
                index += 1
            target = words[index] if index < len(words) else None
        else:
            last = max(0, bisect_right(starts, self.head[1] - 1) - 1)  # the head's last word
            target = words[last - 1] if last > 0 else None
        return self._move(target)

    # -- helpers -----------------------------------------------------------------------

    @cached_property
    def _words(self) -> list[Span]:
        return [m.span() for m in _WORD.finditer(self.body)]

    def _first_sentence(self, paragraph: Span) -> Span | None:
        return next((s for s in self.sentences if paragraph[0] <= s[0] < paragraph[1]), None)

    def _last_sentence(self, paragraph: Span) -> Span | None:
        inside = [s for s in self.sentences if paragraph[0] <= s[0] < paragraph[1]]
        return inside[-1] if inside else None

    def _move(self, target: Span | None) -> bool:
        if target is None:
            return False
        self.head = target
        return True
