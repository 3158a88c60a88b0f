"""The words that end an organisation's name, and what the recogniser left of them.

Split from :mod:`tui.ner.companies`:

* a capitalised head of an organisation's name left out of it ("analysts Zapiter
  Research") joins the name (:func:`organisation_heads`);
* a legal form or medium alone ("TV" in "TV news", "AG") is no name
  (:func:`bare_heads`);
* a name that ends in a legal form ("Zapco Oy") is a company, and so is the name
  without it at its other mentions (:func:`legal_form_names`).
"""

from __future__ import annotations

import re
from typing import Final

from tui.gazetteer import lexicon
from tui.ner.document import LINKED, TAGGER, Candidate, canonical_form
from tui.ner.features import fold_word
from tui.ner.things import org_suffixes
from tui.ner.types import ORG, PERSON, PLACE

#: Heads of organisations' names that also end names of places or of things:
#: "Harbourton County", "Harbourton Town Hall", "Harbourton Centre" may be either.
_PLACE_HEADS: Final = frozenset("county town centre center front forest post".split())
#: A head the name lists miss: "Zapiter Research" (an analysts' firm).
_MORE_HEADS: Final = frozenset(("research",))
#: A capitalised word right after a name, then no other letter or figure.
_HEAD_AFTER: Final = re.compile(r" ([A-Z][a-z]+)(?![\w'’-])")
#: The word after a name, for its ``after``.
_WORD_AFTER: Final = re.compile(r"\s*([\w'’-]+)")


def organisation_heads(cands: list[Candidate], text: str) -> None:
    """A lone word typed a place or a person, right before a capitalised head of
    an organisation's name that the recogniser left out of it ("analysts
    Zapiter Research", "Harbourton Holdings"), is that organisation's name with
    its head. Heads that also end places' names ("Harbourton County") are left
    out, and so are lines in capitals."""
    heads: frozenset[str] | None = None
    taken: set[int] | None = None
    for c in cands:
        if (
            c.source != TAGGER
            or (c.type != PLACE and c.type != PERSON)
            or c.caps
            or " " in c.key
            or text[c.end : c.end + 1] != " "
            or not text[c.end + 1 : c.end + 2].isupper()
        ):
            continue
        found = _HEAD_AFTER.match(text, c.end)
        if found is None:
            continue
        if taken is None:
            taken = {o.start for o in cands}
        if found.start(1) in taken:
            continue
        head = found.group(1).lower()
        if heads is None:
            heads = org_suffixes() | _MORE_HEADS
        if head not in heads or head in _PLACE_HEADS:
            continue
        c.end = found.end()
        c.surface = text[c.start : c.end]
        c.last += 1
        c.key = fold_word(c.surface)
        c.canonical = canonical_form(c.surface)
        c.type, c.source = ORG, LINKED
        nxt = _WORD_AFTER.match(text, c.end)
        c.after = nxt.group(1).lower() if nxt is not None else ""


#: Legal forms and media that end organisations' names ("Zapco AG", "Zap TV")
#: and name none alone: "millions of TV viewers", "the AG".
_BARE_HEADS: Final = frozenset(
    "tv fc ag sa nv bv ab asa oyj llc plc inc ltd co corp spa gmbh".split()
)


def bare_heads(cands: list[Candidate]) -> None:
    """A name that is only an organisation name's legal form or medium, in
    capitals ("TV" in "TV news", "AG"), is no name: its type is none."""
    for c in cands:
        if (
            c.type == ORG
            and c.source == TAGGER
            and len(c.key) <= 4
            and c.key in _BARE_HEADS
            and " " not in c.surface
        ):
            c.type, c.source = None, LINKED


#: Legal forms that end only a company's name ("Zapco Oy", "Zapco GmbH").
_LEGAL_FORMS: Final = frozenset(
    "inc corp ltd plc llc ag sa nv bv gmbh oy oyj ab asa spa sarl srl bhd kk".split()
)


def legal_form_names(cands: list[Candidate]) -> None:
    """A name of two words or more typed a person or a place whose last word is a
    company's legal form ("Zapco Oy", "Zapco Holdings Ltd") is that company;
    the name without its legal form, typed a person or a place at its other
    mentions ("Zapco said"), is the company too, unless the name lists know it
    as a given name or a surname."""
    short: set[str] = set()
    for c in cands:
        if c.source != TAGGER or " " not in c.key or c.type not in (PERSON, PLACE, ORG):
            continue
        head, _, last = c.key.rpartition(" ")
        if last.rstrip(".") not in _LEGAL_FORMS or not head:
            continue
        if c.type != ORG:
            c.type, c.source = ORG, LINKED
        short.add(head.removesuffix(",").strip())
    if not short:
        return
    lex = lexicon()
    short = {k for k in short if k not in lex.first_names and k not in lex.last_names}
    for c in cands:
        if c.key in short and c.source == TAGGER and c.type in (PERSON, PLACE):
            c.type, c.source = ORG, LINKED
