"""A body named by common words joined by "and" is one name when the tagger found a piece of it.

Agencies and bodies are often named by common words capitalised, joined by
"and": "Customs and Border Protection", "Oil and Natural Gas Corporation". The
tagger, reading word by word, may find a piece ("Customs", a place) and leave
the rest, so the piece stands for the whole with a type of its own.
:func:`whole_and_names` makes such a run one organisation where its shape is a
body's (it ends with an organisation's word or a noun of an activity:
"Corporation", "Protection") and the tagger's own scores of the whole run rank
an organisation first. Titles of works join words so too ("Hopes and Fears",
"Million Dollar Baby and The Aviator"); they are left as they were.
setup.py compiles this module with mypyc.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Final

from tui.gazetteer import Lexicon, lexicon
from tui.ner.document import title_words
from tui.ner.features import fold_word
from tui.ner.spans import org_suffixes

#: The tagger's label of an organisation.
_ORG: Final = "ORG"

#: Ends of nouns of an activity that name what a body does: "Protection",
#: "Enforcement", "Assistance", "Security".
_ACTIVITY_ENDS: Final = ("tion", "ment", "ance", "ence", "ity")

#: Words that make a run of capitals a title's or a sentence's, not a body's name:
#: "Be With You", "Well That Ends Well", "American Pie and About".
_FUNCTION_WORDS: Final = frozenset(
    "the a an of to in on at by for from with about as into than that this these those "
    "it its is are was were be been am i you he she we they me my your our their his her "
    "not no all some why how what who when where which if or but so do does did".split()
)


def _capital(word: str) -> bool:
    """A word with a capital and lower-case letters after it: no acronym, no figure."""
    return len(word) > 1 and word[0].isupper() and word[1:2].islower()


def _body_end(word: str) -> bool:
    """Whether a name's last word is a body's: an organisation's word ("Corporation",
    "Authority") or a noun of an activity ("Protection", "Enforcement")."""
    key = word.lower()
    return key in org_suffixes() or key.endswith(_ACTIVITY_ENDS)


def whole_and_names(
    words: list[str],
    found: list[tuple[int, int, str]],
    sents: list[tuple[int, int]],
    case: dict[str, str],
    lower: Collection[str],
    best: Callable[[int, int], str],
) -> list[tuple[int, int, str]]:
    """``found`` with a run of capitalised words joined by one "and" ("from Customs
    and Border Protection") made one organisation where: the tagger found a name
    or two in it, none holding "and", one right beside "and" ("Customs", a place;
    "Border Protection", a person); a word beside "and" is a common word (news
    nearly always writes it in lower case, ``case`` "L", or the text does,
    ``lower``: "Border"; "Zapco and Velmo Media" are two firms); the run starts
    inside a sentence (a capital there is a name's), not after a comma (the end of
    a list: "Zapco, Velmo and Kessab Protection"); it ends with a body's word
    (:func:`_body_end`); it holds no function word ("Be With You"), no person's
    title ("Commerce and Industry Minister") and no name the lists know ("Jo and
    Kim Lee", "Trinidad and Tobago"); and the tagger's own scores of the whole run
    (``best(first, last + 1)``: the label it ranks first) are an organisation's.
    ``sents``: the line's sentences (first, last + 1)."""
    n = len(words)
    # where "and" touches a name found (a few names a line: cheaper than each word)
    joins: list[int] = []
    for i, j, _ in found:
        if j < n - 1 and words[j] == "and":
            joins.append(j)
        if i > 1 and words[i - 1] == "and":
            joins.append(i - 1)
    if not joins:
        return found
    out = found
    lex: Lexicon | None = None
    for k in joins:
        if not (_capital(words[k - 1]) and _capital(words[k + 1])):
            continue
        a = k - 1
        while a > 0 and _capital(words[a - 1]):
            a -= 1
        b = k + 2
        while b < n and _capital(words[b]):
            b += 1
        if a == 0 or words[a - 1] == "," or any(s[0] == a for s in sents):
            continue
        if not _body_end(words[b - 1]):
            continue
        if not (_common(words[k - 1], case, lower) or _common(words[k + 1], case, lower)):
            continue  # (two names: "Zapco and Velmo Media", "Harbourton and Zapton Rangers")
        inside = [s for s in out if s[0] < b and s[1] > a]
        if not inside or len(inside) > 2 or inside[0][0] < a or inside[-1][1] > b:
            continue  # (a longer name holds the run: "Academy of Film and Television")
        if any(s[0] <= k < s[1] for s in inside):
            continue  # (a name holds "and" already)
        if lex is None:
            lex = lexicon()
        if any(_not_a_body_word(fold_word(words[m]), lex) for m in range(a, b) if m != k):
            continue
        if best(a, b) != _ORG:
            continue
        kept = [s for s in out if s[1] <= a or s[0] >= b]
        kept.append((a, b, _ORG))
        kept.sort()
        out = kept
    return out


def _common(word: str, case: dict[str, str], lower: Collection[str]) -> bool:
    """A word news nearly always writes in lower case, or the text does ("Border")."""
    w = word.lower()
    return case.get(w) == "L" or w in lower


def _not_a_body_word(key: str, lex: Lexicon) -> bool:
    """Whether the folded word is a function word, a person's title, or a name the
    lists know (a given name, a surname, a place, an organisation)."""
    return (
        key in _FUNCTION_WORDS
        or key in title_words()
        or key in lex.first_names
        or key in lex.last_names
        or key in lex.places
        or key in lex.orgs
    )
