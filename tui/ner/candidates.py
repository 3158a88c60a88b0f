"""Which words of a sentence may be (part of) a name, and whether the sentence is a headline.

The tagger decodes only the words :func:`candidates` picks (the others are tagged
O): those with a capital letter (:func:`capitals`), and the lower-case
:data:`CONNECTORS` and :data:`PARTICLES` between or before them. Shared by
training and tagging, as :mod:`tui.ner.features` is.
"""

from __future__ import annotations

from typing import Final


def is_caps_sentence(
    words: list[str], cand: list[bool] | None = None, a: int = 0, b: int = -1
) -> bool:
    """Whether a sentence (``words[a:b]``) is written in capitals (a headline):
    most of its words with letters are, and at least two of them."""
    if b < 0:
        b = len(words)
    caps = 0
    for i in range(a, b):
        if cand is None or cand[i]:
            w = words[i]
            # (a second letter in ASCII lower case, as most names have: not in capitals)
            if len(w) > 1 and not 97 <= ord(w[1]) <= 122 and w.isupper():
                caps += 1
    if caps < 2:
        return False
    letters = 0
    for i in range(a, b):
        w = words[i]
        for k in range(len(w)):
            # (ASCII read by its code: isalpha is a method call from compiled code)
            c = ord(w[k])
            if 97 <= c <= 122 or 65 <= c <= 90 or c >= 128 and w[k].isalpha():
                letters += 1
                if caps * 5 < letters * 4:
                    return False  # (the count of words with letters only grows)
                break
    return True


#: Lower-case words that may stand inside a name between two capitalised words
#: ("Bank of England", "Organisation for Security and Cooperation in Europe").
CONNECTORS: Final = frozenset(
    "of and & de du da das dos del della dello dei des der den van von la le les y al el "
    "bin ibn di for the in on upon am an 's ' at zu ter ten".split()
)
#: Lower-case particles that may start a name ("de Silva", "van der Westhuizen").
PARTICLES: Final = frozenset(
    "de du da das dos del della der den van von la le al el bin ibn di ter ten zu".split()
)


def is_candidate(w: str) -> bool:
    """Whether a word may be (part of) a name: it has a capital letter."""
    return w != w.lower()


def capitals(words: list[str], lower: set[str] | None = None) -> list[bool]:
    """Which words have a capital letter; those in lower case (``str.islower``)
    are added to ``lower``."""
    out: list[bool] = []
    for w in words:
        # A word of ASCII characters is read by their codes: str.islower() is a
        # method call from compiled code (40% of this loop over news text), the
        # codes are read in place. It has a capital if it has one of A-Z, and is
        # in lower case if it has none of them and one of a-z at least.
        cased = False
        upper = False
        ascii_only = True
        for k in range(len(w)):
            c = ord(w[k])
            if c >= 128:
                ascii_only = False
                break
            if 97 <= c <= 122:
                cased = True
            elif 65 <= c <= 90:
                upper = True
                break
        if not ascii_only:
            if w.islower():
                out.append(False)
                if lower is not None:
                    lower.add(w)
            else:
                out.append(w != w.lower())
        elif upper:
            out.append(True)
        else:
            out.append(False)
            if cased and lower is not None:
                lower.add(w)
    return out


def candidates(
    words: list[str], caps: list[bool] | None = None, at: list[list[int]] | None = None
) -> list[bool]:
    """Which words the tagger decodes: those with a capital letter (``caps``, if
    known), up to three connectors between two of them, particles right before
    one, and a possessive 's right after one. Every other word is left out
    (tagged O). The list of the indexes of the words with a capital is appended
    to ``at``."""
    n = len(words)
    cand = list(caps) if caps is not None else capitals(words)
    last = -1  # the previous word with a capital
    upper = [i for i in range(n) if cand[i]]
    if at is not None:
        at.append(upper)
    for j in upper:
        gap = j - last - 1
        if gap == 0:
            last = j
            continue
        if last >= 0 and words[last + 1] == "'s":
            cand[last + 1] = True  # "Lord 's"
        if last >= 0 and gap <= 3 and all(words[k] in CONNECTORS for k in range(last + 1, j)):
            for k in range(last + 1, j):
                cand[k] = True  # "Bank of England"
        else:
            k = j - 1
            while k > last and j - k <= 2 and words[k] in PARTICLES:
                cand[k] = True  # "de Silva", "van der Westhuizen"
                k -= 1
        last = j
    if 0 <= last < n - 1 and words[last + 1] == "'s":
        cand[last + 1] = True
    return cand
