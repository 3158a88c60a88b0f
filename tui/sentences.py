"""Where the sentences of a text are: the articles' sentences for entities, passages,
bookmarks and the reader.

An index build splits every article's body into sentences (the sentence of each
entity mention), so setup.py compiles this module with mypyc; it is plain typed
Python, and :mod:`tui.text` gives its functions under their old names.
"""

from __future__ import annotations

import re

# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) and
# whitespace, unless the word before the dot is a common abbreviation or an
# initial ("U.S.", "Mr.", "J."); a blank line ends a paragraph. The pattern is
# ``[.!?…]+["'”’)\]]*(?=\s)|\n\n`` written to start with one set of characters,
# which the regex engine scans for (three times faster over news text than
# trying both alternatives at every character; the matches are the same, a
# test checks it).
_END = re.compile(r"[.!?…\n](?:(?<=\n)\n|(?<=[.!?…])[.!?…]*[\"'”’)\]]*(?=\s))")
#: The abbreviations of :data:`_ABBREV` (:func:`_abbreviation_before` looks them up).
_ABBREVIATIONS = frozenset(
    "Mr Mrs Ms Dr Prof Gen Lt Col Capt Sgt Sen Rep Gov St Jr Sr Inc Ltd Co Corp vs etc "
    "No Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec".split()
)
_ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Capt|Sgt|Sen|Rep|Gov|St|Jr|Sr|Inc|Ltd|Co|Corp|vs|etc|"
    r"No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.|\b[A-Z]\.|\b(?:[A-Z]\.){2,})$"
)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of ``text``; paragraphs always break sentences."""
    spans: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    ends = ends_of(text)
    for k in range(0, len(ends), 2):
        found, end = ends[k], ends[k + 1]
        after = end
        if text[end - 1] == "\n":  # a blank line
            end = found
        elif _abbreviation_before(text, start, end):
            # "U.S. officials" and "Mr. Lavrov" continue the sentence ("in the
            # U.S. Then" is split wrongly, but a longer sentence is the safer error).
            continue
        _add(spans, text, start, end)
        start = after
    if start < n:
        _add(spans, text, start, n)
    return spans


#: What may end a sentence, what :data:`_END` starts with; the stops, and what may
#: close a sentence after them (quotes, brackets).
_CANDIDATES = ".!?…\n"
_STOPS = ".!?…"
_CLOSERS = "\"'”’)]"


def ends_of(text: str) -> list[int]:
    """Where :data:`_END` matches ``text``, as ``finditer`` finds them: start, end,
    start, end... Each character that can start a match is found by ``str.find``
    (a scan of memory), not by the regular expression engine, which tries its set of
    characters at every character of the text (half of splitting a news text):
    a newline matches with a newline after it; a stop with the stops and closers
    after it, when white space follows them (the pattern's backtracking finds no
    other match: a shorter run is followed by a stop or a closer)."""
    n = len(text)
    out: list[int] = []
    nexts = [-1, -1, -1, -1, -1]  # where each candidate character is next, from pos
    pos = 0
    while pos < n:
        at = n
        for k in range(5):
            found = nexts[k]
            if found < pos:
                found = text.find(_CANDIDATES[k], pos)
                if found < 0:
                    found = n
                nexts[k] = found
            if found < at:
                at = found
        if at >= n:
            break
        if text[at] == "\n":
            if at + 1 < n and text[at + 1] == "\n":
                out.append(at)
                out.append(at + 2)
                pos = at + 2
            else:
                pos = at + 1
            continue
        end = at + 1
        while end < n and text[end] in _STOPS:
            end += 1
        while end < n and text[end] in _CLOSERS:
            end += 1
        if end < n and text[end].isspace():
            out.append(at)
            out.append(end)
            pos = end
        else:
            pos = at + 1
    return out


def _abbreviation_before(text: str, start: int, end: int) -> bool:
    """Whether the sentence ``text[start:end]`` ends with an abbreviation or an
    initial and its dot (:data:`_ABBREV` in its last 12 characters).

    Each of those ends with a dot after a word of at most five letters that
    starts at a word boundary: a dot after six letters cannot be one (the
    sentence's start is never inside that word, as the end before it is a
    punctuation mark or a blank line), which saves most of the searches."""
    if text[end - 1] != "." or (end >= 7 and text[end - 7 : end - 1].isalpha()):
        return False
    # The pattern, searched in those 12 characters, matches where the word before the
    # dot (the characters of a word, \w, back to the first of them or to where the 12
    # start: the pattern's word boundary) is one of its abbreviations or one capital
    # letter A-Z (its initials, "U.S.", end in one); found without the search (a
    # microsecond each, for the third of the ends that came this far).
    first = max(start, end - 12)
    dot = end - 1
    at = dot
    while at > first and (text[at - 1].isalnum() or text[at - 1] == "_"):
        at -= 1
    word = text[at:dot]
    return word in _ABBREVIATIONS or (len(word) == 1 and "A" <= word <= "Z")


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
