"""tui.text.sentence_spans: where sentences end, and that its fast paths (a pattern
that starts with one set of characters, a dot after six letters that is no
abbreviation) find exactly what the plain definition finds."""

from __future__ import annotations

import random
import re

from tui.text import sentence_spans

# The plain definition: a run of . ! ? … (and closing quotes) before white space, or
# a blank line; no end after an abbreviation or an initial in the last 12 characters.
_PLAIN_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)|\n\n")
_PLAIN_ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Capt|Sgt|Sen|Rep|Gov|St|Jr|Sr|Inc|Ltd|Co|Corp|vs|etc|"
    r"No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.|\b[A-Z]\.|\b(?:[A-Z]\.){2,})$"
)


def plain_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0

    def add(s: int, e: int) -> None:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))

    for m in _PLAIN_END.finditer(text):
        end = m.end() if m.group() != "\n\n" else m.start()
        if m.group() != "\n\n" and _PLAIN_ABBREV.search(text[max(start, end - 12) : end]):
            continue
        add(start, end)
        start = m.end()
    if start < len(text):
        add(start, len(text))
    return spans


def test_sentences_end_at_stops_and_blank_lines_not_at_abbreviations() -> None:
    text = (
        "Mr. Lavrov met Dr. Jo Marlow in the U.S. on Friday. Talks went well!\n\n"
        "“Was it worth it?” she asked. J. Smith said no… Then he left.\n"
        "The Zapco Inc. deal ended (finally.) Done"
    )
    got = [text[s:e] for s, e in sentence_spans(text)]
    assert got == [
        "Mr. Lavrov met Dr. Jo Marlow in the U.S. on Friday.",
        "Talks went well!",
        "“Was it worth it?”",
        "she asked.",
        "J. Smith said no…",
        "Then he left.",
        "The Zapco Inc. deal ended (finally.)",
        "Done",
    ]


def test_the_fast_paths_find_what_the_plain_definition_finds() -> None:
    pieces = [
        "Mr", "Mrs", "Inc", "Sept", "No", "U", "S", "J", "Zapco", "Harbourton", "said",
        "abcdef", "xMr", "éclair", "naïve", "Ñandú", "2004", "a", "it", "ok",
        ".", ".", ".", "!", "?", "…", "..", '"', "'", "”", "’", ")", "]",
        " ", " ", " ", " ", "\n", "\n\n", "\t",
    ]  # fmt: skip
    rng = random.Random(16)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))
        assert sentence_spans(text) == plain_spans(text), repr(text)


def test_the_ends_found_by_find_are_the_patterns_matches() -> None:
    """tui.sentences.ends_of finds where the sentence-end pattern matches, as finditer
    does, in texts of stops, closers, white space of every kind and letters."""
    from tui.sentences import _END, ends_of

    pieces = [
        "Mr", "U", "said", "é", "2004", ".", ".", ".", "!", "?", "…", "..", '"', "'", "”", "’",
        ")", "]", "(", " ", " ", "\n", "\n\n", "\n\n\n", "\t", "\u00a0", "\u2028", "\r\n", "x.y",
    ]  # fmt: skip
    rng = random.Random(17)
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        want = [n for m in _END.finditer(text) for n in (m.start(), m.end())]
        assert ends_of(text) == want, repr(text)


def test_an_abbreviation_is_found_where_the_pattern_finds_one() -> None:
    """tui.sentences._abbreviation_before, which looks the word before the dot up, says
    what a search of the abbreviation pattern in the sentence's last 12 characters says
    (after a dot that does not follow six letters)."""
    from tui.sentences import _ABBREV, _abbreviation_before

    pieces = [
        "Mr", "Mrs", "Sept", "Sep", "etc", "vs", "No", "Co", "Corp", "U", "S", "J", "x", "é",
        "É", "_", "2", "ab", "Dr_", "ÑMr", ".", ".", " ", "(", "-", "\n", "’", "Ⅻ", "٣",
    ]  # fmt: skip
    rng = random.Random(18)
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 9))) + "."
        start = rng.randint(0, len(text) - 1)
        end = len(text)
        # (the function's first test: a dot after six letters ends no abbreviation)
        after_six = end >= 7 and text[end - 7 : end - 1].isalpha()
        found = _ABBREV.search(text[max(start, end - 12) : end]) is not None
        want = text[end - 1] == "." and not after_six and found
        assert _abbreviation_before(text, start, end) == want, (repr(text), start)
