"""The words of a parsed query made into the index's terms (see :mod:`tui.index.analysis`).

The parser leaves each word of ``title`` and ``body`` folded but not stemmed
(:func:`~tui.index.analysis.query_form`). Here:

* a very common word standing free in a group of words that has others is dropped
  (``the economy`` is ``economy``), which keeps such queries as cheap as before;
  a query of common words only keeps them (``the who``), and so does a phrase;
* each remaining word becomes its stem in each language of the corpus, or several
  (an ``Or``): ``noticias`` is the Portuguese and the English stem;
* a phrase becomes one phrase per language, and a common word in it may be
  written in capitals as well (``"us forces"`` finds ``US forces``);
* ``lang:German`` and ``lang:de-AT`` become ``lang:de``.
"""

from __future__ import annotations

from itertools import product
from typing import Any

from tui.index import whoosh_imports  # noqa: F401 - first: Whoosh without two modules it never uses

# isort: split
from whoosh.query import And, FuzzyTerm, Or, Phrase, Term, Wildcard

from tui.cleaning.language import language_code
from tui.index.analysis import (
    ACRONYMS,
    CJK,
    QUERY_STOP_WORDS,
    is_acronym,
    query_stems,
    stem,
)
from tui.index.schema import TEXT_FIELDS

#: Phrases one typed phrase may become (languages times spellings of its common words).
MAX_PHRASE_VARIANTS = 32


def drop_common_words(query: Any) -> Any:
    """``query`` without the very common words that stand free beside other words."""
    if isinstance(query, And):
        kept = [sub for sub in query.subqueries if not _is_common(sub)]
        if kept and len(kept) < len(query.subqueries):
            query = And(kept, boost=query.boost) if len(kept) > 1 else kept[0]
    if query.is_leaf():
        return query
    return query.apply(drop_common_words)


def _is_common(query: Any) -> bool:
    """A free common word: a plain term of a text field, or the same in several."""
    if type(query) is Term:
        return query.fieldname in TEXT_FIELDS and query.text in QUERY_STOP_WORDS
    if isinstance(query, Or) and query.subqueries:
        return all(_is_common(sub) for sub in query.subqueries)
    return False


def stem_words(query: Any, languages: tuple[str, ...]) -> Any:
    """``query`` with its text words made index terms for each of ``languages``."""
    langs = languages or ("en",)
    if isinstance(query, FuzzyTerm):
        if query.fieldname not in TEXT_FIELDS:
            return query
        stems = _plain_stems(query.text, langs)
        variants = [_fuzzy_like(query, s) for s in stems]
        return variants[0] if len(variants) == 1 else Or(variants)
    if type(query) is Wildcard and query.fieldname in TEXT_FIELDS:
        # `econ?my` is stemmed as a word would be (`econ?mi`), and kept as typed
        patterns = [query.text, *_plain_stems(query.text, langs)]
        made = [Wildcard(query.fieldname, p, boost=query.boost) for p in dict.fromkeys(patterns)]
        return made[0] if len(made) == 1 else Or(made)
    if type(query) is Term:
        if query.fieldname == "lang":
            code = language_code(query.text) or query.text.lower()
            return Term("lang", code, boost=query.boost)
        if query.fieldname not in TEXT_FIELDS:
            return query
        terms = query_stems(query.text, langs)
        out = [Term(query.fieldname, t, boost=query.boost) for t in terms]
        return out[0] if len(out) == 1 else Or(out)
    if isinstance(query, Phrase):
        if query.fieldname not in TEXT_FIELDS:
            return query
        phrases = _phrase_variants(list(query.words), langs)
        made = [
            Phrase(
                query.fieldname,
                words,
                slop=query.slop,
                boost=query.boost,
                char_ranges=query.char_ranges,
            )
            for words in phrases
        ]
        return made[0] if len(made) == 1 else Or(made)
    if query.is_leaf():
        return query
    return query.apply(lambda sub: stem_words(sub, languages))


def _plain_stems(word: str, langs: tuple[str, ...]) -> list[str]:
    out: list[str] = []
    for lang in langs:
        s = stem(word.lower(), lang)
        if s not in out:
            out.append(s)
    return out


def _fuzzy_like(query: FuzzyTerm, text: str) -> FuzzyTerm:
    return FuzzyTerm(
        query.fieldname,
        text,
        boost=query.boost,
        maxdist=query.maxdist,
        prefixlength=query.prefixlength,
        constantscore=query.constantscore,
    )


def _phrase_variants(words: list[str], langs: tuple[str, ...]) -> list[list[str]]:
    """The phrases a typed phrase stands for: one per language (its words stemmed in
    it), times the spellings of its common words (``us`` and ``US``) while there are
    at most :data:`MAX_PHRASE_VARIANTS`."""
    out: list[list[str]] = []
    for lang in langs:
        choices: list[list[str]] = []
        for word in words:
            if is_acronym(word) or CJK.search(word) is not None:
                first = word
            else:
                first = stem(word.lower(), lang)
            options = [first]
            if word in ACRONYMS:
                options.append(word.upper())
            choices.append(options)
        combos = 1
        for options in choices:
            combos *= len(options)
        if combos * len(langs) > MAX_PHRASE_VARIANTS:
            choices = [options[:1] for options in choices]
        for combo in product(*choices):
            phrase = list(combo)
            if phrase not in out:
                out.append(phrase)
    return out
