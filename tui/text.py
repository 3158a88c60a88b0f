"""Sentences and small text helpers shared by entities, bookmarks and the app."""

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
        end = m.end()
        if text[end - 1] == "\n":  # a blank line
            end = m.start()
        elif _abbreviation_before(text, start, end):
            # "U.S. officials" and "Mr. Lavrov" continue the sentence ("in the
            # U.S. Then" is split wrongly, but a longer sentence is the safer error).
            continue
        _add(spans, text, start, end)
        start = m.end()
    if start < n:
        _add(spans, text, start, n)
    return spans


def _abbreviation_before(text: str, start: int, end: int) -> bool:
    """Whether the sentence ``text[start:end]`` ends with an abbreviation or an
    initial and its dot (:data:`_ABBREV` in its last 12 characters).

    Each of those ends with a dot after a word of at most five letters that
    starts at a word boundary: a dot after six letters cannot be one (the
    sentence's start is never inside that word, as the end before it is a
    punctuation mark or a blank line), which saves most of the searches."""
    if text[end - 1] != "." or (end >= 7 and text[end - 7 : end - 1].isalpha()):
        return False
    return _ABBREV.search(text[max(start, end - 12) : end]) is not None


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


# -- making text from files and imports safe for a terminal ----------------------
#
# Every string that comes from a file or an import (article text, file names,
# notes, tags) goes through :func:`visible` before it reaches a terminal, in the
# CLI and in the app. Each unsafe character becomes one visible character, so
# offsets into the text stay valid.

_C0 = {code: chr(0x2400 + code) for code in range(32) if code not in (9, 10)}
_C0[0x7F] = "\u2421"  # DEL
_C0[9] = " "  # a tab would break column arithmetic
_C1 = {code: "\ufffd" for code in range(0x80, 0xA0)}
# Bidi embeddings, overrides and isolates can reorder the rest of a terminal line.
_BIDI = {code: "\ufffd" for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}
# A file name that is not UTF-8 (from a Windows zip, say) reaches Python with each
# undecodable byte as a lone surrogate (U+DC80-U+DCFF); shown, each is that byte read
# as Windows-1252 ("caf\udce9.txt" is "café.txt"). Other lone surrogates cannot be shown.
_SURROGATES = {code: "\ufffd" for code in range(0xD800, 0xE000)}
for _byte in range(0x80, 0x100):
    _SURROGATES[0xDC00 + _byte] = bytes([_byte]).decode("cp1252", "replace")
_TABLE = {**_C0, **_C1, **_BIDI, **_SURROGATES}
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_REPLACED = re.compile(  # _TABLE's
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
# High and low surrogates as two ranges: the same class as one range, but one range
# alone takes re 5-8 ms to compile (every command imports this module).
_SURROGATE = re.compile("[\ud800-\udbff\udc00-\udfff]")


def visible(text: str, *, keep_newlines: bool = True) -> str:
    """``text`` with every control character replaced by a visible symbol (same length).

    C0 controls become their Unicode pictures (ESC is ␛), C1 controls and bidi
    overrides and isolates (U+202A-202E, U+2066-2069) become �, a tab a space;
    with ``keep_newlines=False`` a newline becomes a space too (one-line messages).
    """
    # Most text has none: one regex scan is far quicker than translating every character.
    out = text.translate(_TABLE) if _REPLACED.search(text) else text
    if not keep_newlines:
        out = out.replace("\n", " ")
    return out


def decoded_name(text: str) -> str:
    """A file name (or anything read from the file system) as text that can be stored
    and shown: each byte that was not UTF-8 read as Windows-1252 (same length)."""
    return text.translate(_SURROGATES) if _SURROGATE.search(text) else text


def unsafe_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the characters :func:`visible` replaces (to style them as such)."""
    return [(m.start(), m.end()) for m in _UNSAFE.finditer(text)]


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def json_safe(encoded: str) -> str:
    """JSON text with the characters JSON leaves raw (DEL, C1, bidi, lone surrogates) written
    as ``\\uXXXX``.

    ``json.dumps`` escapes C0 controls itself; the result reads back the same.
    """
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", encoded)


def plural(n: int, word: str, words: str | None = None) -> str:
    """``n`` and the noun in the number it needs: "1 article", "2,225 articles"."""
    return f"{n:,} {word if n == 1 else (words or word + 's')}"
