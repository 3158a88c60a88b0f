"""The Porter stemmer for English index terms, compiled with mypyc (setup.py COMPILED).

Written from the algorithm's published description (M. F. Porter, "An algorithm
for suffix stripping", Program 14(3), 1980), with the departures of the stemmer
the index's English terms have always been made with (Whoosh's pure-Python
``whoosh.lang.porter.stem``), so that an index built before and a query typed
after give the same terms:

* a word of one or two letters is left as it is; step 2 turns ``-bli`` into
  ``-ble`` (not ``-abli`` into ``-able``) and ``-logi`` into ``-log``;
* a y is a consonant at the start of the word; elsewhere it counts as a vowel
  for ``*v*`` and ``*o``, and in a measure it is neither: m counts the
  vowel-consonant sequences (vowels a, e, i, o, u; consonants any other letter
  but y) from the start of the stem up to its first y that is not its first
  letter;
* in step 1b, after -ed or -ing goes, an -e is put back only after a stem that is
  exactly ``at``, ``bl`` or ``iz`` or, as ``*o`` with m=1, a stem made of
  consonants, one vowel (or y) and a consonant other than w, x, y; a double
  consonant is never undone (``hopping`` -> ``hopp``: that stemmer undid one
  only when it was the whole stem, which has no vowel and so keeps its -ing);
* a suffix of steps 2 to 5 is taken only when something is left before it; in
  step 4 -ion is looked at only when the word ends in none of the other suffixes.

bench/stemmer_check.py compares the two on every word of the corpora and on random
strings, tests/test_porter.py on invented words and random strings. The word is
expected folded, in lower case, without a line break (an index word never has
one); any other character counts as a consonant.

Terms, as in the paper: *m* (the measure) is the number of vowel-consonant
sequences in a stem ``[C](VC){m}[V]``; ``*v*`` says the stem has a vowel; ``*o``
that it ends consonant-vowel-consonant.
"""

from __future__ import annotations

from typing import Final

_VOWELS: Final = "aeiou"


def _consonant(word: str, i: int) -> bool:
    """A consonant in a measure: not a vowel, and not a y unless it starts the word."""
    c = word[i]
    if c == "y":
        return i == 0
    return c not in _VOWELS


def _scan(word: str, end: int) -> tuple[int, bool]:
    """m of ``word[:end]``, and whether the measure reached its end (no y stopped it)."""
    i = 0
    while i < end and _consonant(word, i):
        i += 1
    m = 0
    while True:
        j = i
        while j < end and word[j] in _VOWELS:
            j += 1
        if j == i:
            break
        k = j
        while k < end and _consonant(word, k):
            k += 1
        if k == j:
            i = j
            break
        m += 1
        i = k
    return m, i == end


def _measure(word: str, end: int) -> int:
    return _scan(word, end)[0]


def _has_vowel(word: str, end: int) -> bool:
    """``*v*``: whether ``word[:end]`` has a vowel or a y after its first letter."""
    if end == 0:
        return False
    if word[0] in _VOWELS:
        return True
    for i in range(1, end):
        c = word[i]
        if c == "y" or c in _VOWELS:
            return True
    return False


def _cvc(word: str, end: int) -> bool:
    """``*o`` with m=1: ``word[:end]`` is consonants, a vowel or y, and a consonant
    other than w, x or y."""
    if end < 3:
        return False
    last = word[end - 1]
    if last == "w" or last == "x" or last == "y" or last in _VOWELS:
        return False
    middle = word[end - 2]
    if not (middle == "y" or middle in _VOWELS):
        return False
    for i in range(end - 2):
        if not _consonant(word, i):
            return False
    return True


def _step1a(word: str) -> str:
    """Plurals: -sses -> -ss, -ies -> -i, -ss stays, -s goes."""
    if word.endswith("sses") or word.endswith("ies"):
        return word[:-2]
    if word.endswith("ss"):
        return word
    if word.endswith("s"):
        return word[:-1]
    return word


def _step1b(word: str) -> str:
    """Past tenses and participles: (m>0) -eed -> -ee; (*v*) -ed, -ing go, then tidy."""
    if word.endswith("eed"):
        if _measure(word, len(word) - 3) > 0:
            return word[:-1]
        return word
    if word.endswith("ed"):
        cut = 2
    elif word.endswith("ing"):
        cut = 3
    else:
        return word
    if not _has_vowel(word, len(word) - cut):
        return word
    word = word[:-cut]
    if word == "at" or word == "bl" or word == "iz":
        return word + "e"
    if _cvc(word, len(word)):
        return word + "e"
    return word


def _step1c(word: str) -> str:
    """(*v*) -y -> -i."""
    if word.endswith("y") and _has_vowel(word, len(word) - 1):
        return word[:-1] + "i"
    return word


def _ends(word: str, suffix: str) -> bool:
    """Whether ``word`` ends in ``suffix`` with something before it."""
    return len(word) > len(suffix) and word.endswith(suffix)


def _swap(word: str, size: int, replacement: str, more_than: int) -> str:
    """``word`` with its last ``size`` letters replaced when the stem before them
    has m > ``more_than``; the word as it is otherwise (no shorter suffix is tried)."""
    stem = len(word) - size
    if _measure(word, stem) > more_than:
        return word[:stem] + replacement
    return word


def _step2(word: str) -> str:
    """(m>0): -ational -> -ate, -tional -> -tion, -enci -> -ence, -anci -> -ance,
    -izer -> -ize, -bli -> -ble, -alli -> -al, -entli -> -ent, -eli -> -e,
    -ousli -> -ous, -ization -> -ize, -ation -> -ate, -ator -> -ate, -alism -> -al,
    -iveness -> -ive, -fulness -> -ful, -ousness -> -ous, -aliti -> -al,
    -iviti -> -ive, -biliti -> -ble, -logi -> -log. Looked up by the last letter;
    of two suffixes that end alike the longer is tried first."""
    last = word[-1]
    if last == "i":
        if _ends(word, "enci"):
            return _swap(word, 4, "ence", 0)
        if _ends(word, "anci"):
            return _swap(word, 4, "ance", 0)
        if _ends(word, "bli"):
            return _swap(word, 3, "ble", 0)
        if _ends(word, "alli"):
            return _swap(word, 4, "al", 0)
        if _ends(word, "entli"):
            return _swap(word, 5, "ent", 0)
        if _ends(word, "eli"):
            return _swap(word, 3, "e", 0)
        if _ends(word, "ousli"):
            return _swap(word, 5, "ous", 0)
        if _ends(word, "aliti"):
            return _swap(word, 5, "al", 0)
        if _ends(word, "iviti"):
            return _swap(word, 5, "ive", 0)
        if _ends(word, "biliti"):
            return _swap(word, 6, "ble", 0)
        if _ends(word, "logi"):
            return _swap(word, 4, "log", 0)
    elif last == "l":
        if _ends(word, "ational"):
            return _swap(word, 7, "ate", 0)
        if _ends(word, "tional"):
            return _swap(word, 6, "tion", 0)
    elif last == "r":
        if _ends(word, "izer"):
            return _swap(word, 4, "ize", 0)
        if _ends(word, "ator"):
            return _swap(word, 4, "ate", 0)
    elif last == "n":
        if _ends(word, "ization"):
            return _swap(word, 7, "ize", 0)
        if _ends(word, "ation"):
            return _swap(word, 5, "ate", 0)
    elif last == "m":
        if _ends(word, "alism"):
            return _swap(word, 5, "al", 0)
    elif last == "s":
        if _ends(word, "iveness"):
            return _swap(word, 7, "ive", 0)
        if _ends(word, "fulness"):
            return _swap(word, 7, "ful", 0)
        if _ends(word, "ousness"):
            return _swap(word, 7, "ous", 0)
    return word


def _step3(word: str) -> str:
    """(m>0): -icate -> -ic, -ative goes, -alize -> -al, -iciti -> -ic, -ical -> -ic,
    -ful goes, -ness goes."""
    last = word[-1]
    if last == "e":
        if _ends(word, "icate"):
            return _swap(word, 5, "ic", 0)
        if _ends(word, "ative"):
            return _swap(word, 5, "", 0)
        if _ends(word, "alize"):
            return _swap(word, 5, "al", 0)
    elif last == "i":
        if _ends(word, "iciti"):
            return _swap(word, 5, "ic", 0)
    elif last == "l":
        if _ends(word, "ical"):
            return _swap(word, 4, "ic", 0)
        if _ends(word, "ful"):
            return _swap(word, 3, "", 0)
    elif last == "s":
        if _ends(word, "ness"):
            return _swap(word, 4, "", 0)
    return word


#: Step 4's suffixes ending in e: none ends another.
_STEP4_E: Final = ("ance", "ence", "able", "ible", "ate", "ive", "ize")


def _step4(word: str) -> str:
    """(m>1): -al, -ance, -ence, -er, -ic, -able, -ible, -ant, -ement, -ment, -ent,
    -ou, -ism, -ate, -iti, -ous, -ive, -ize go; -ion goes after s or t, looked at
    only when the word ends in none of the others."""
    last = word[-1]
    if last == "e":
        for suffix in _STEP4_E:
            if _ends(word, suffix):
                return _swap(word, len(suffix), "", 1)
    elif last == "l":
        if _ends(word, "al"):
            return _swap(word, 2, "", 1)
    elif last == "r":
        if _ends(word, "er"):
            return _swap(word, 2, "", 1)
    elif last == "c":
        if _ends(word, "ic"):
            return _swap(word, 2, "", 1)
    elif last == "t":
        if _ends(word, "ement"):
            return _swap(word, 5, "", 1)
        if _ends(word, "ment"):
            return _swap(word, 4, "", 1)
        if _ends(word, "ent"):
            return _swap(word, 3, "", 1)
        if _ends(word, "ant"):
            return _swap(word, 3, "", 1)
    elif last == "u":
        if _ends(word, "ou"):
            return _swap(word, 2, "", 1)
    elif last == "m":
        if _ends(word, "ism"):
            return _swap(word, 3, "", 1)
    elif last == "i":
        if _ends(word, "iti"):
            return _swap(word, 3, "", 1)
    elif last == "s":
        if _ends(word, "ous"):
            return _swap(word, 3, "", 1)
    elif last == "n":
        if _ends(word, "sion") or _ends(word, "tion"):
            return _swap(word, 3, "", 1)
    return word


def _step5(word: str) -> str:
    """(m>1) -e goes, or (m=1 and not *o); then (m>1 and *d and *L) -ll -> -l."""
    n = len(word)
    if n >= 2 and word.endswith("e"):
        m, whole = _scan(word, n - 1)
        if m > 1 or (m == 1 and whole and not _cvc(word, n - 1)):
            word = word[:-1]
    if word.endswith("ll") and _measure(word, len(word)) > 1:
        word = word[:-1]
    return word


def stem(word: str) -> str:
    """The Porter stem of a folded lower-case word (``connections`` -> ``connect``)."""
    if len(word) <= 2:
        return word
    word = _step1a(word)
    word = _step1b(word)
    word = _step1c(word)
    word = _step2(word)
    word = _step3(word)
    word = _step4(word)
    return _step5(word)
