"""Cutting text into tokens the way the tagger's training data is cut.

The training data (Reuters news in CoNLL-2003's format) splits punctuation and
the possessive ``'s`` off words, keeps abbreviations with their dots ("U.S.",
"Mr.", "Inc.") and hyphenated words whole ("Aleppo-based"). :func:`tokenize`
does the same to raw text and gives each token's character span, so that the
tagger's spans map back onto the text. :func:`sentences` cuts a line's tokens
into sentences (the unit the tagger reads).
"""

from __future__ import annotations

import re
from typing import Final

from librt.vecs import append, vec
from mypy_extensions import i64

_ABBREVIATIONS: Final = (
    "Mr Mrs Ms Dr St Jr Sr Inc Co Corp Ltd Gen Col Lt Sgt Capt Cpl Rep Sen Gov Prof Mt Ft No "
    "Nos Jan Feb Mar Apr Aug Sept Sep Oct Nov Dec Bros Rev Ave Cmdr Adm Maj Brig Pty Plc Fr "
    "Messrs Mme Mlle Supt Insp Det vs etc Calif Mass Conn Penn Wash Ariz Fla Ill Mich Minn "
    "Tenn Va Ga Ala Okla Ore Colo Nev Wis Ky La Md Mo Neb Kan"
).split()


def _after_abbreviation() -> str:
    """Look-behinds true right after one of the abbreviations (one per length)."""
    by_len: dict[int, list[str]] = {}
    for a in _ABBREVIATIONS:
        by_len.setdefault(len(a), []).append(a)
    return "|".join(f"(?<=\\b(?:{'|'.join(v)}))" for _, v in sorted(by_len.items()))


_CLITIC: Final = r"(?:[sSmMdD]|re|RE|ve|VE|ll|LL)\b"

#: One token: a word (inner hyphens, apostrophes, ampersands, slashes and the
#: dots of "U.S." kept; a final 's split off; the dot of an abbreviation or of
#: an initial before a capitalised word kept), a number, a clitic ('s, 're),
#: a run of dashes or dots, or any other single character. Every alternative
#: starts with its own kind of character, and the look-arounds are tried only
#: where a dot or an apostrophe is. The first alternative is a shortcut for
#: the commonest token, a plain ASCII word before a space or a comma (what the
#: next alternative would take there too): a quarter faster over news text.
TOKEN: Final = re.compile(
    r'[A-Za-z][a-z]*(?=[ ,;:)"!?]|$)'  # (ASCII words: [^\W\d_] is slower to test)
    r"|[^\W\d_][^\W_]*(?:(?:['’](?!" + _CLITIC + r")|[-&/]|\.(?=[^\W\d_]\.))[^\W_]+)*"
    r"(?:(?=\.)(?:(?<=\.[^\W\d_])|"
    + _after_abbreviation()
    + r"|(?<=\b[^\W\d_a-z])(?=\.[ \t]+[^\W\d_a-z]))\.)?"
    r"|\d+(?:[-.,:/]\d+)*[^\W_]*(?:-[^\W_]+)*"
    r"|['’]" + _CLITIC + r"|-{2,}|\.{2,}|\S"
)

#: :data:`TOKEN` after the white space before it, as group 1: ``WORDS.findall``
#: gives the tokens that ``TOKEN.findall`` gives, a third faster (a search for
#: TOKEN tries every alternative at each space; this one starts each match
#: where the last ended). For spans, use TOKEN.
WORDS: Final = re.compile(r"\s*+(" + TOKEN.pattern + ")")

_SENTENCE_END: Final = frozenset(".!?")
_ABBREVIATION_SET: Final = frozenset(_ABBREVIATIONS)

#: A character after a word of letters and digits that :data:`TOKEN` splits off as a token of
#: its own, whatever follows ("said," "Lee)"); and one before such a word ("(Lee").
_CLOSING: Final = frozenset(',;:!?)"”')
_OPENING: Final = frozenset('("“‘[')


#: Marks that end a word's token and are each a token of their own, in any number
#: after a word of letters and digits ('said,"', "players'", "5%"): no alternative of
#: :data:`TOKEN` that takes such a word goes on past one of them.
_AFTER_WORD: Final = _CLOSING | frozenset("%'’")


def _closed_word(piece: str, n: int, out: list[str]) -> bool:
    """Add the tokens of a piece that is a word of letters and digits and one or
    more of :data:`_AFTER_WORD` ("said,\"", "players',"), if it is one."""
    k = n - 1
    while k > 0 and piece[k] in _AFTER_WORD:
        k -= 1
    head = piece[: k + 1]
    if k == n - 1 or not head.isalnum():
        return False
    out.append(head)
    for j in range(k + 1, n):
        out.append(piece[j])
    return True


def line_words(text: str, start: int, end: int) -> list[str]:
    """``WORDS.findall(text, start, end)``, three times cheaper over news text.

    A token never spans white space, so the text is cut at white space
    (``str.split``) and each piece made of letters and digits alone is one token;
    so are such a word and one closing mark after it ("said,"), or one opening
    mark before it ("(Lee"), or an "'s" after it, or a full stop ("said."; one
    token for an abbreviation, "Mr."): two tokens; and words joined by hyphens
    ("Aleppo-based"), one. Other pieces ("1,200", "U.S.", an initial) are tokenised by
    :data:`WORDS` where they stand, the regex seeing the text around them: a
    capital and a dot are kept together when a capitalised word follows ("J.
    Smith"), so a piece that ends with a dot is read with the spaces and the
    character after it, whose own token is dropped. A test checks that both
    give the same tokens.
    """
    out: list[str] = []
    pos = start  # where the last piece that was not all letters ended
    for piece in text[start:end].split():
        if piece.isalnum():
            out.append(piece)
            continue
        n = len(piece)
        if n == 1:
            out.append(piece)  # (one character is one token, whatever it is)
            continue
        if n > 1:
            last = piece[n - 1]
            if last in _CLOSING:
                head = piece[: n - 1]
                if head.isalnum():
                    out.append(head)
                    out.append(last)
                    continue
                if n > 2 and piece[n - 2] == "." and head[: n - 2].isalnum():
                    # a word, its full stop and a closing mark ('said."'): an
                    # abbreviation keeps its dot ('Inc.)'); an initial keeps it
                    # only before a capitalised word, so not here
                    p = text.find(piece, pos)
                    if p > start or start == 0 or text[p - 1].isspace():
                        pos = p + n  # (a piece with a dot: see below)
                        word = head[: n - 2]
                        if word in _ABBREVIATION_SET:
                            out.append(head)
                        else:
                            out.append(word)
                            out.append(".")
                        out.append(last)
                        continue
            elif last == "s" and n > 2 and piece[n - 2] in "'’":
                head = piece[: n - 2]
                if head.isalnum():
                    out.append(head)
                    out.append(piece[n - 2 :])
                    continue
            if last in _AFTER_WORD and _closed_word(piece, n, out):
                continue
            if piece[0] in _OPENING:
                rest = piece[1:]
                if rest.isalnum():
                    out.append(piece[0])
                    out.append(rest)
                    continue
        # (the first occurrence after the last such piece: the pieces between are
        # letters and digits only, where a piece with another character cannot start)
        p = text.find(piece, pos)
        q = pos = p + n
        if n > 2 and piece[n - 1] == "." and (p > start or start == 0 or text[p - 1].isspace()):
            # (at the very start, unless it follows a space, the word may end one
            # begun before it: "I|nc." is the abbreviation's end)
            head = piece[: n - 1]
            if head.isalnum():  # "said." two tokens, "Mr." one (an initial, "J.", is not here)
                if head in _ABBREVIATION_SET:
                    out.append(piece)
                else:
                    out.append(head)
                    out.append(".")
                continue
        elif (
            "-" in piece
            and piece[0] != "-"
            and piece[n - 1] != "-"
            and "--" not in piece
            and piece.replace("-", "").isalnum()
        ):
            out.append(piece)  # "Aleppo-based", "3-year-old": one token
            continue
        if piece[n - 1] == ".":
            while q < end and text[q] in " \t":
                q += 1
            if q < end:
                q += 1
            found = WORDS.findall(text, p, q)
            if q > pos and not text[q - 1].isspace():
                found.pop()  # the token of the character after the spaces
            out.extend(found)
        else:
            out.extend(WORDS.findall(text, p, pos))
    return out


def tokenize(text: str, start: int = 0, end: int = -1) -> list[tuple[int, int]]:
    """The (start, end) spans of the tokens of ``text[start:end]``."""
    if end < 0:
        end = len(text)
    return [m.span() for m in TOKEN.finditer(text, start, end)]


def sentences(words: list[str]) -> list[tuple[int, int]]:
    """(first, last + 1) of each sentence among one line's words.

    A sentence ends after ".", "!" or "?" (and the quotes or brackets closing
    it) when a word follows that does not start with a lower-case letter.
    """
    out: list[tuple[int, int]] = []
    n = len(words)
    first = 0
    i = 0
    while i < n:
        w = words[i]
        if len(w) == 1 and w in _SENTENCE_END:
            j = i + 1
            while j < n and words[j] in ('"', "'", "”", "’", ")", "]"):
                j += 1
            if j < n and not words[j][0].islower():
                out.append((first, j))
                first = j
            i = j
            continue
        i += 1
    if first < n:
        out.append((first, n))
    return out


class Offsets:
    """Where a line's tokens start, worked out only as far as they are asked for.

    Tokens come from ``TOKEN.findall`` (much cheaper than match objects); as
    every character that is not a space belongs to a token, each token is the
    first occurrence of its text after the end of the one before.
    """

    def __init__(self, text: str, pos: int, words: list[str]) -> None:
        self.text = text
        self.words = words
        # (unboxed: a list boxed each start past 256, ~100 instructions a token)
        self.starts = vec[i64]()
        self.pos = pos

    def start(self, i: int) -> int:
        starts = self.starts
        if len(starts) <= i:
            text = self.text
            words = self.words
            pos = self.pos
            while len(starts) <= i:
                w = words[len(starts)]
                p = text.find(w, pos)
                starts = append(starts, p)
                pos = p + len(w)
            self.starts = starts
            self.pos = pos
        return int(starts[i])

    def end(self, i: int) -> int:
        return self.start(i) + len(self.words[i])
