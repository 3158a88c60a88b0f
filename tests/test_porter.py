"""Dossier's Porter stemmer (tui/index/porter.py) gives the stems the index was built with.

English terms were made by Whoosh's pure-Python ``whoosh.lang.porter.stem``; ours
replaces it on both sides (index and query), so it must agree with it on every
word, its departures from the paper included. bench/stemmer_check.py compares the
two on the corpora's words and on many more random strings.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh.lang.porter import stem as whoosh_stem

from tui.index import analysis, porter

#: Invented words and their stems, worked out by hand from the rules.
INVENTED = {
    # the paper's steps
    "glorbations": "glorbat",  # -s, -ation -> -ate (m>0), then -e (m>1)
    "dravitional": "dravit",  # -tional -> -tion, then -ion after t (m>1)
    "blenticality": "blentic",  # -y -> -i, -aliti -> -al, -ical -> -ic
    "tontologi": "tontolog",  # -logi -> -log
    "skonciveness": "skonciv",  # -iveness -> -ive, then -e
    "snarfies": "snarfi",  # -ies -> -i
    "trobness": "trob",  # -ness goes (m>0)
    "quibbling": "quibbl",  # -ing goes; bl is not the whole stem: no -e
    "fendall": "fendal",  # -ll -> -l (m>1)
    "huggle": "huggl",  # -e goes (m>1)
    "tiberate": "tiber",  # -ate goes (m>1), then nothing
    "fepplessness": "feppless",
    # the longest suffix decides, and a failed one is not shortened
    "plentement": "plentement",  # -ement with m=1: not tried as -ment or -ent
    "hoption": "hoption",  # m of "hopt" is 1
    "snoeed": "snoeed",  # -eed with m=0 stays; -ed is not tried
    # departures the index has always had
    "ab": "ab",
    "as": "as",  # not "a"
    "bbed": "bbed",  # no vowel before -ed
    "ated": "at",  # the stem "at" takes an -e back, which step 5 takes away again
    "plimmed": "plimm",  # a double consonant stays unless it is the whole stem
    "kyfing": "kyfe",  # consonant, y, consonant: *o, an -e comes back
    "sprayed": "sprai",  # -ed goes, then -y -> -i
    "yodelling": "yodel",  # a first y is a consonant; -ll -> -l
    "yyy": "yyi",  # the first y is a consonant, the second a vowel
    "voyage": "voyage",  # the measure stops at the y: m=1, and "voyag" is no *o
    "tyresome": "tyresome",
    "cytical": "cytical",  # m before the y is 0
    "flyers": "flyer",
}


@pytest.mark.parametrize("word", sorted(INVENTED))
def test_invented_words_stem_as_worked_out(word: str) -> None:
    assert porter.stem(word) == INVENTED[word]


@pytest.mark.parametrize("word", sorted(INVENTED))
def test_invented_words_stem_as_the_index_did(word: str) -> None:
    assert porter.stem(word) == whoosh_stem(word)


SUFFIXES = [
    "s", "sses", "ies", "eed", "ed", "ing", "y", "ational", "tional", "enci", "anci",
    "izer", "bli", "alli", "entli", "eli", "ousli", "ization", "ation", "ator", "alism",
    "iveness", "fulness", "ousness", "aliti", "iviti", "biliti", "logi", "icate", "ative",
    "alize", "iciti", "ical", "ful", "ness", "al", "ance", "ence", "er", "ic", "able",
    "ible", "ant", "ement", "ment", "ent", "sion", "tion", "ion", "ou", "ism", "ate",
    "iti", "ous", "ive", "ize", "e", "ll", "at", "bl", "iz",
]  # fmt: skip

_letters = st.text(alphabet="aeiouybcdlmnrstzwx", max_size=10)
_odd = st.text(
    alphabet=st.characters(blacklist_characters="\n", blacklist_categories=("Cs",)), max_size=8
)
_words = st.one_of(
    _letters,
    st.builds(lambda a, b: a + b, _letters, st.sampled_from(SUFFIXES)),
    st.builds(
        lambda a, b, c: a + b + c, _letters, st.sampled_from(SUFFIXES), st.sampled_from(SUFFIXES)
    ),
    st.builds(lambda a, b: a + b, _odd, st.sampled_from(SUFFIXES)),
    _odd,
)


@settings(max_examples=3000, deadline=None)
@given(_words)
def test_random_strings_stem_as_the_index_did(word: str) -> None:
    assert porter.stem(word) == whoosh_stem(word)


def test_english_index_terms_and_query_words_use_it() -> None:
    assert analysis.stemmer("en") is porter.stem
    assert analysis.stemmer(None) is porter.stem
    assert analysis.index_term("Kyfing", "en") == "kyfe"
    assert analysis.stem("kyfing", "en") == "kyfe"
