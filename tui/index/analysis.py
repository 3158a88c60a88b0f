"""How text becomes index terms: words, folding, acronyms, CJK bigrams, stems by language.

The same rules serve the index and the query, so that what a user types finds
what an article writes:

* every word is indexed, the commonest too, with its position: a phrase keeps
  its small words (``"minister of state"``) and no query is ever emptied by
  them. A free word on the query's short list of very common words (:data:`QUERY_STOP_WORDS`)
  is dropped from a query that has other words, to keep such queries cheap;
* a very common word written in capitals is an acronym, indexed as written:
  ``US`` and ``IT`` are not ``us`` and ``it`` (:func:`index_term`);
* letters are folded: case, accents and ligatures (``Notícias`` is ``noticias``,
  ``Erdoğan`` is ``erdogan``, ``Straße`` is ``strasse``), on Latin, Greek,
  Hebrew and Arabic letters (Cyrillic ``й`` stays itself);
* Chinese, Japanese and Korean runs, written without spaces, are indexed as
  their single characters and overlapping pairs of characters (bigrams); a
  query's run becomes the phrase of its bigrams (:func:`tokens`);
* each article is stemmed with its own language's Snowball stemmer (Porter for
  English, as before; no stemming for a language without one), after folding,
  so the stem of what the user typed with or without accents is the same.
  A query word is stemmed for every language of the corpus
  (:func:`query_stems`).

Positions count every token: the words of a run of CJK characters take one
position each, its pairs share their first character's position, and the word
after the run follows its last pair.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from functools import lru_cache

from tui.index import whoosh_imports  # noqa: F401 - first: Whoosh without two modules it never uses

# isort: split
from whoosh.analysis import STOP_WORDS, StopFilter
from whoosh.lang import has_stemmer, stemmer_for_language

from tui.index.porter import stem as porter_stem
from tui.terms import WORD

#: The very common words a query drops when it has other words (Whoosh's English
#: list, which the index used to leave out); all of them are indexed.
QUERY_STOP_WORDS = STOP_WORDS
#: Very common words that, written in capitals, are acronyms ("US", "IT").
ACRONYMS = frozenset(w for w in STOP_WORDS if len(w) >= 2)

_CJK_CLASS = (
    "\u3005\u3006\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\uff66-\uff9f\u1100-\u11ff\u3130-\u318f\uac00-\ud7af\U00020000-\U0002fa1f"
)
#: A character of a script written without spaces between words (Han, Kana, Hangul).
CJK = re.compile(f"[{_CJK_CLASS}]")
_CJK_RUN = re.compile(f"[{_CJK_CLASS}]+")

#: A word too long to be one (a pasted link, an encoded blob): indexed as it is.
_LONGEST_STEMMED = 60

#: Letters that folding maps to letters without decomposing them.
_SPECIAL = str.maketrans(
    {
        "ß": "ss",
        "ẞ": "SS",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "þ": "th",
        "Þ": "TH",
        "ł": "l",
        "Ł": "L",
        "ı": "i",
        "ħ": "h",
        "Ħ": "H",
    }
)


def _strips_marks(base: str) -> bool:
    """Whether accents on this letter are folded away: Latin, Greek, Hebrew, Arabic
    (not Cyrillic, whose й and ё are letters, nor Indic scripts, whose vowel signs are)."""
    code = ord(base)
    return code < 0x0400 or 0x0590 <= code < 0x0700 or 0x1E00 <= code < 0x2000


@lru_cache(maxsize=1 << 16)
def fold(word: str) -> str:
    """``word`` with accents and ligatures folded (``Notícias`` -> ``Noticias``); case is kept."""
    if word.isascii():
        return word
    word = word.translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFKD", word)
    out: list[str] = []
    base = " "
    for ch in decomposed:
        if unicodedata.combining(ch):
            if _strips_marks(base):
                continue
        else:
            base = ch
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


# -- languages and stemmers ------------------------------------------------------------


def _no_stem(word: str) -> str:
    return word


@lru_cache(maxsize=64)
def stemmer(lang: str | None) -> Callable[[str], str]:
    """The stemmer of a language: Porter for English (and for no language), a Snowball
    stemmer where Whoosh has one, none otherwise (the folded word is the term).

    Porter is Dossier's own (tui/index/porter.py, compiled): the same stems as
    Whoosh's pure-Python one, which the index was built with before, several times
    faster (bench/stemmer_check.py)."""
    if lang is None or lang == "en":
        return porter_stem
    if lang in ("ar",):  # Whoosh's Arabic stemmer strips too much of names
        return _no_stem
    if has_stemmer(lang):
        try:
            return stemmer_for_language(lang)
        except Exception:  # noqa: BLE001 - a stemmer Whoosh lists but cannot make
            return _no_stem
    return _no_stem


def stem(word: str, lang: str | None) -> str:
    """A folded lower-case word's stem in ``lang`` (the word itself when stemming fails)."""
    if len(word) > _LONGEST_STEMMED:
        return word
    try:
        out = stemmer(lang)(word)
    except Exception:  # noqa: BLE001 - a stemmer's bug must not stop a build
        return word
    return out or word


def is_acronym(word: str) -> bool:
    """A very common word written in capitals: ``US``, ``IT``, ``WHO`` is not one."""
    return len(word) > 1 and word.isupper() and word.lower() in ACRONYMS


def index_term(word: str, lang: str | None) -> str:
    """The index term of a word as the text writes it."""
    if is_acronym(word):
        return word
    return stem(fold(word.lower()), lang)


def query_form(word: str) -> str:
    """A query word as the parser keeps it until it is stemmed for each language:
    folded, lower case, except a word in capitals (an acronym, perhaps)."""
    if len(word) > 1 and word.isupper():
        return fold(word)
    return fold(word.lower())


def term_bytes(
    lang: str | None, known: Callable[[str], bytes | None] | None = None
) -> Callable[[str], bytes]:
    """:func:`index_term` for ``lang``, as bytes (the callback of :func:`tui.terms.add_terms`).

    ``known(word)`` is the term of a word as written that the build has seen (None if
    not seen: :class:`tui.terms.Known`): a word with capitals that is no acronym
    takes the term of its lower-case form from it when that form was seen ("The" is
    "the"), rather than being folded and stemmed again (a stem is most of a new word's
    cost)."""

    def of(word: str) -> bytes:
        if is_acronym(word):
            return word.encode("utf-8")
        low = word.lower()
        if known is not None and low != word:
            term = known(low)
            if term is not None and low.lower() == low:
                return term
        return stem(fold(low), lang).encode("utf-8")

    return of


# -- tokens ---------------------------------------------------------------------------


def has_cjk(text: str) -> bool:
    return CJK.search(text) is not None


def tokens(text: str, query: bool = False) -> Iterator[tuple[str, int, int, int]]:
    """The tokens of ``text`` as (surface, position, start, end).

    A word is a token at the next position. A run of CJK characters inside a word
    gives, in the index, each character and each overlapping pair (a pair at its
    first character's position), and in a query its pairs only (its one character
    when the run is one character long); the run takes one position per pair.
    """
    pos = 0
    for match in WORD.finditer(text):
        word = match.group(0)
        offset = match.start()
        if CJK.search(word) is None:
            yield word, pos, offset, match.end()
            pos += 1
            continue
        at = 0
        for run in _CJK_RUN.finditer(word):
            if run.start() > at:  # letters or digits before the run
                yield word[at : run.start()], pos, offset + at, offset + run.start()
                pos += 1
            chars = run.group(0)
            base = offset + run.start()
            n = len(chars)
            if n == 1:
                yield chars, pos, base, base + 1
                pos += 1
            else:
                for i in range(n - 1):
                    if not query:
                        yield chars[i], pos + i, base + i, base + i + 1
                    yield chars[i : i + 2], pos + i, base + i, base + i + 2
                if not query:
                    yield chars[n - 1], pos + n - 2, base + n - 1, base + n
                pos += n - 1
            at = run.end()
        if at < len(word):
            yield word[at:], pos, offset + at, match.end()
            pos += 1


def query_stems(word: str, languages: tuple[str, ...]) -> list[str]:
    """The index terms a query word (a :func:`query_form`) stands for in a corpus of
    ``languages``: its stem in each, and for a word in capitals its dotted form
    (``UK`` is also ``U.K.``); an acronym is itself, a very common word also its
    capitals (``us`` finds ``US`` too)."""
    out: list[str] = []

    def add(term: str) -> None:
        if term not in out:
            out.append(term)

    langs = languages or ("en",)
    if len(word) > 1 and word.isupper():
        low = word.lower()
        if low in ACRONYMS:
            add(word)
        else:
            for lang in langs:
                add(stem(low, lang))
        if 2 <= len(low) <= 4 and low.isalpha():
            dotted = ".".join(low)
            for lang in langs:
                add(stem(dotted, lang))
        return out
    if CJK.search(word) is not None:
        return [word]
    # The stem in the corpus's main language (``languages`` come most articles first),
    # then the others' unless one is a function word of a corpus language the word is
    # not: the index holds every language's terms together, so Spanish "nas" (from
    # "nasa") would match the Portuguese "nas" ("in the") of every Portuguese article.
    function_words = _function_words(langs)
    for i, lang in enumerate(langs):
        term = stem(word, lang)
        if i == 0 or term == word or term not in function_words or word in function_words:
            add(term)
    if word in ACRONYMS:
        add(word.upper())
    return out


@lru_cache(maxsize=16)
def _function_words(languages: tuple[str, ...]) -> frozenset[str]:
    """The very common words of ``languages`` (Whoosh's stop lists, where it has one)."""
    words: set[str] = set()
    for lang in languages:
        try:
            words.update(StopFilter(lang=lang).stops)
        except Exception:  # noqa: BLE001 - whoosh.lang.NoStopWords: none for this language
            continue
    return frozenset(words)
