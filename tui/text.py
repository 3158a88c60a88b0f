"""Sentences and small text helpers shared by entities, bookmarks and the app."""

from __future__ import annotations

import re

# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) and
# whitespace, unless the word before the dot is a common abbreviation or an
# initial ("U.S.", "Mr.", "J.").
_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)|\n\n")
_ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Capt|Sgt|Sen|Rep|Gov|St|Jr|Sr|Inc|Ltd|Co|Corp|vs|etc|"
    r"No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.|\b[A-Z]\.|\b(?:[A-Z]\.){2,})$"
)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of ``text``; paragraphs always break sentences."""
    spans: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    for m in _END.finditer(text):
        end = m.end() if m.group() != "\n\n" else m.start()
        if m.group() != "\n\n" and _ABBREV.search(text[max(start, end - 12) : end]):
            # "U.S. officials" and "Mr. Lavrov" continue the sentence ("in the
            # U.S. Then" is split wrongly, but a longer sentence is the safer error).
            continue
        _add(spans, text, start, end)
        start = m.end()
    if start < n:
        _add(spans, text, start, n)
    return spans


def _add(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def sentence_at(
    text: str, offset: int, spans: list[tuple[int, int]] | None = None
) -> tuple[int, int]:
    """The span of the sentence containing ``offset`` (or the nearest one)."""
    spans = spans if spans is not None else sentence_spans(text)
    best = (0, 0)
    for start, end in spans:
        if start <= offset < end:
            return start, end
        if start > offset:
            return best if best != (0, 0) else (start, end)
        best = (start, end)
    return best


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def visible_controls(text: str) -> str:
    """Replace control characters (ANSI escapes included) by visible symbols."""
    return _CONTROL.sub(lambda m: "␛" if m.group() == "\x1b" else "\ufffd", text)


def plural(n: int, word: str, words: str | None = None) -> str:
    """``n`` and the noun in the number it needs: "1 article", "2,225 articles"."""
    return f"{n:,} {word if n == 1 else (words or word + 's')}"
