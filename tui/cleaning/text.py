"""The lines of a raw text: normalised, with their indent, block and span in the raw text."""

from __future__ import annotations

import html
import html.entities
import re
from collections import Counter
from dataclasses import dataclass

TERMINAL = frozenset(".!?:;\"'”’»)]…")
BULLET_RE = re.compile(r"(?:[-–—•*·▪►+o]|\d{1,2}[.)])\s")
MD_HEADING_RE = re.compile(r"(#{1,6})\s+(.*?)(?:\s+#+)?\Z")
DASH_HEADING_RE = re.compile(r"[-–—]\s+(.+?)\s+[-–—]\Z")

_INVISIBLE_CHARS = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad")
_INVISIBLE_RE = re.compile("[" + "".join(_INVISIBLE_CHARS) + "]")
# Whitespace other than " " and "\n" (tabs, no-break and other Unicode spaces).
_ODD_SPACES = tuple(
    ch for ch in map(chr, range(0x3001)) if ch.isspace() and ch not in " \n" and ch != "\r"
)
_ENTITY_RE = re.compile(r"&(?:#[0-9]{2,7}|#[xX][0-9a-fA-F]{2,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_ASCII_ODD_SPACES = tuple(ch for ch in _ODD_SPACES if ch.isascii())
_NEWLINE_RE = re.compile(r"\r\n|\r|\n")


def _unescape(match: re.Match[str]) -> str:
    ref = match.group()
    if ref[1] != "#" and ref[1:] not in html.entities.html5:
        return ref  # not a named reference ("&not" alone is one; "&notanentity;" is not)
    text = html.unescape(ref)
    # Control characters stay as written: they are data, not formatting.
    return match.group() if len(text) == 1 and ord(text) < 32 else text


def lines_as_written(raw: str) -> bool:
    """Whether each line :func:`split_lines` finds in ``raw`` is the raw text of its span
    with its whitespace collapsed: ``raw`` holds no character reference and no
    invisible character (the two things it changes besides the whitespace)."""
    return "&" not in raw and (raw.isascii() or not any(ch in raw for ch in _INVISIBLE_CHARS))


@dataclass(slots=True)
class Line:
    """One non-empty line of the raw text."""

    text: str  # whitespace collapsed, character references decoded
    block: int  # number of the blank-line separated block it belongs to
    indent: int  # leading spaces in the raw text
    start: int  # span of the line in the raw text (without its newline)
    end: int


def split_lines(raw: str) -> list[Line]:
    """The non-empty lines of ``raw``, each normalised, with its block, indent and raw span."""
    out: list[Line] = []
    block = 0
    pos = 0
    # (an ASCII text, most news in English, can hold no other space nor any invisible
    # character: a look for each of them was a fifth of this function)
    plain = raw.isascii()
    spaces = _ASCII_ODD_SPACES if plain else _ODD_SPACES
    odd = any(ch in raw for ch in spaces) or "  " in raw or "\t" in raw
    invisible = not plain and any(ch in raw for ch in _INVISIBLE_CHARS)
    entities = "&" in raw
    ends = [m.start() for m in _NEWLINE_RE.finditer(raw)] if "\r" in raw else None
    if ends is None:
        pieces = raw.split("\n")
        spans = []
        for piece in pieces:
            spans.append((pos, pos + len(piece)))
            pos += len(piece) + 1
    else:
        spans = []
        for m in _NEWLINE_RE.finditer(raw):
            spans.append((pos, m.start()))
            pos = m.end()
        spans.append((pos, len(raw)))
        pieces = [raw[a:b] for a, b in spans]
    for piece, (start, end) in zip(pieces, spans, strict=True):
        text = piece
        if invisible:
            text = _INVISIBLE_RE.sub("", text)
        if entities and "&" in text:
            text = _ENTITY_RE.sub(_unescape, text)
        if odd or text[:1] == " " or text[-1:] == " ":
            text = " ".join(text.split())
        if not text:
            if out and out[-1].block == block:
                block += 1
            continue
        indent = len(piece) - len(piece.lstrip(" \t"))
        out.append(Line(text, block, indent, start, end))
    return out


def norm(line: str) -> str:
    return " ".join(line.split())


def words(text: str) -> int:
    """The number of words of a normalised (single-spaced, stripped) line."""
    return text.count(" ") + 1 if text else 0


def ends_sentence(text: str) -> bool:
    return bool(text) and text[-1] in TERMINAL


def starts_upper(text: str) -> bool:
    ch = text[:1]
    return ch.isupper() or ch.isdigit() or ch in "\"'“‘«([„‚¿¡»"


def menu_like(text: str) -> bool:
    """A navigation entry: a few words, no sentence punctuation."""
    return words(text) <= 4 and not ends_sentence(text)


def fragment_like(text: str) -> bool:
    """A menu entry, related-article headline or form label trailing a page."""
    return words(text) <= 12 and not ends_sentence(text) and ", " not in text


def headline_like(text: str) -> bool:
    words_ = words(text)
    return 0 < words_ <= 30 and len(text) <= 300 and not (text.endswith(".") and words_ > 20)


def joins(prev: str, nxt: str) -> bool:
    """Whether line ``nxt`` continues the paragraph of line ``prev`` (same block)."""
    if BULLET_RE.match(nxt):
        return False
    if ends_sentence(prev):
        return not starts_upper(nxt)
    # An unpunctuated short line is a heading or a label, not a wrapped line.
    return len(prev) >= 40 or not starts_upper(nxt)


def heading_shaped(text: str) -> bool:
    if DASH_HEADING_RE.match(text):
        return words(text) <= 14
    return (
        words(text) <= 12
        and len(text) <= 100
        and not ends_sentence(text)
        and not text.endswith(",")
        and starts_upper(text)
        and not BULLET_RE.match(text)
    )


#: A line in capitals has at most this many words when it is a subheading ("WILL SOMEONE
#: STAND UP FOR THE ESTABLISHMENT?"); a longer one is a link to another story.
SHOUTED_MAX_WORDS = 7
_LETTER_WORD_RE = re.compile(r"[^\W\d_][\w'’.-]*")
_SENTENCE_STOPS = frozenset('.!?…"”')


def shouted_link(text: str) -> bool:
    """A line in capitals, longer than a subheading and ending with no stop: a link to
    another story set between paragraphs ("GET FOX BUSINESS ON THE GO BY CLICKING
    HERE", "SEAN SPICER ELIMINATED FROM 'DANCING WITH THE STARS'"). A quote in
    capitals ends with its stop or its quotation mark and stays; so does a stock
    quote ("HD THE HOME DEPOT INC. 225.86 -12.99 -5.44%": few words)."""
    return (
        text[-1:] not in _SENTENCE_STOPS
        and text.isupper()
        and len(_LETTER_WORD_RE.findall(text)) > SHOUTED_MAX_WORDS
    )


#: A paragraph that starts with a capital letter set apart from the rest of its word: a
#: drop cap, scraped as a letter of its own ("A dam Schiff's inquiry", "H ong Kong is").
_DROP_CAP_RE = re.compile(r"([A-Z]) ([a-z]+)\b")
_WORD_RE = re.compile(r"\w+")


def join_drop_caps(paras: list[str]) -> list[str]:
    """``paras`` with each drop cap joined to its word, when the text itself says that
    the two make one word: the word is written so elsewhere ("Adam", "Hong"), or written
    in small letters elsewhere while its tail is no word of the text ("while", "hile").
    "A new" stays when "anew" is elsewhere, "new" being a word of the text too."""
    found = [m for m in map(_DROP_CAP_RE.match, paras) if m is not None]
    if not found:
        return paras
    words = Counter(_WORD_RE.findall("\n".join(paras)))
    out = list(paras)
    for x, para in enumerate(paras):
        m = _DROP_CAP_RE.match(para)
        if m is None:
            continue
        joined = m.group(1) + m.group(2)
        # (the tail is counted once in the drop cap's own paragraph)
        if words[joined] or (words[joined.lower()] and words[m.group(2)] <= 1):
            out[x] = joined + para[m.end() :]
    return out


#: A person's hover card scraped into the sentence that names them (The Hill): the name,
#: the card's own name glued on (the same first word: "Kristi NoemKristi Lynn Noem"), the
#: card's headlines, then its "MORE" link: "Rep. Ilhan OmarIlhan OmarHillicon Valley: ...
#: | ... her MORE (D-Minn.)".
_HOVER_CARD_RE = re.compile(
    r"\b(([A-Z][\w.'’-]*?)(?: [A-Z][\w.'’-]*?){0,3})(?<=[a-z.])\2\b.{0,800}? MORE\b(?! [A-Z]{2})"
)


def drop_hover_cards(paras: list[str]) -> list[str]:
    """``paras`` without the hover cards scraped into them, each name kept once."""
    out = paras
    for x, para in enumerate(paras):
        if " MORE" in para and (fixed := _HOVER_CARD_RE.sub(r"\1", para)) != para:
            if out is paras:
                out = list(paras)
            out[x] = fixed
    return out


#: A share widget's label glued after the last sentence of a paragraph ("... continuum.'
#: Click To Tweet"): a quote box's button, scraped with it. Only the labels these widgets
#: write, each no phrase of prose, and only after a sentence's end, with nothing after.
_SHARE_LABEL_RE = re.compile(
    r"(?<=[.!?…'\"’”)])\s+"
    r"(?:Click [Tt]o Tweet|Tweet [Tt]his(?: [Qq]uote)?|Share [Tt]his [Qq]uote)\Z"
)


def drop_share_labels(paras: list[str]) -> list[str]:
    """``paras`` without the share widgets' labels glued to their ends."""
    out = paras
    for x, para in enumerate(paras):
        if (
            para.endswith(("Tweet", "his", "uote"))
            and (fixed := _SHARE_LABEL_RE.sub("", para)) != para
        ):
            if out is paras:
                out = list(paras)
            out[x] = fixed
    return out
