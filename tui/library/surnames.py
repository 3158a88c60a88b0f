"""A person named by surname alone, linked to the one person the corpus names in full
with it: "Lavrov" in one article is "Sergei Lavrov" of others.

:func:`link_surnames` works over the person names of the whole corpus (with the
documents each is in): within an article the recogniser links short forms itself;
this does it across articles, for :class:`~tui.library.directory.EntityDirectory`'s
counts and, as synonyms, for searches. A surname two full names end with goes to
neither, unless one of them dominates the others; a given name ("david") goes to
nobody; a courtesy title ("mr blair") is no part of the name, a title that makes
a name of its own ("lord falconer") is.

:func:`by_surname` is for searches alone: ``person:kerry`` matches every person the
corpus names in full with that surname (:func:`lone_person_words` finds them in a query).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

#: The version of :func:`link_surnames`'s rules (2: a surname after titles is a lone
#: surname; 3: given names are not linked, and a full name that dominates its
#: surname's other full names takes it; 4: the given names alone are kept too; 5: a
#: full name with a middle initial and without it are one; 6: unless the name has
#: two initials, and each form of one initial goes to the one head), kept with the
#: links saved beside the index.
LINK_RULES = 6
#: A full name takes an ambiguous surname's titled form ("mr brown") when it is in
#: this many times the documents of the other full names with that surname together;
#: the bare surname ("brown"), which sport and arts pages use for anyone, needs more.
TITLED_DOMINANCE = 3
BARE_DOMINANCE = 5
#: ... and in at least this many documents.
DOMINANT_DOCS = 5


def link_surnames(
    terms: list[str],
    titles: frozenset[str] | None = None,
    docs: Mapping[str, int] | None = None,
    given: set[str] | None = None,
) -> dict[str, str]:
    """Each lone surname among the person ``terms`` -> the one full name ending with
    it (a surname two full names end with is linked to neither, unless ``docs``, the
    number of documents of each term, shows one of them dominating the others).

    A surname after courtesy titles only ("mr blair", "prime minister blair") is a
    lone surname too: it is linked like one, and is no full name that would make
    the surname ambiguous. A surname with no full name is linked to its one titled
    form ("mcmanus" -> "mr mcmanus"). Titles that make a name of their own ("lord
    falconer", "prince philip") are full names. A lone word that begins full names
    more often than it ends them is a given name ("david", "john"), linked to nobody
    (and added to ``given`` when one is passed). A full name with a middle initial
    and the same name without it ("george w bush", "george bush") are one person's:
    the one in fewer documents is linked to the other, and their documents count
    together against the surname's other full names. ``titles`` are lowercase words
    (the lexicon's person titles when None)."""
    if titles is None:
        titles = person_titles()
    courtesy = titles - NAME_TITLES
    full: dict[str, set[str]] = defaultdict(set)
    first: Counter[str] = Counter()  # documents of the full names a word begins
    ends: Counter[str] = Counter()  # ... and ends
    titled: dict[str, set[str]] = defaultdict(set)
    surname: dict[str, str] = {}
    for term in terms:
        parts = term.split()
        if not parts:
            continue
        if len(parts) == 1:
            surname[term] = term
        elif all(p in courtesy for p in parts[:-1]) and parts[-1] not in titles:
            surname[term] = parts[-1]
            titled[parts[-1]].add(term)
        else:
            full[parts[-1]].add(term)
            weight = docs.get(term, 1) if docs is not None else 1
            first[parts[0]] += weight
            ends[parts[-1]] += weight
    out: dict[str, str] = {}
    # a full name with a middle initial and the same name without it are one
    # person's ("george w bush", "george bush"): counted as one, under the one in
    # more documents, which takes the others
    counted = dict(docs) if docs is not None else None
    seen = docs or {}
    for names in full.values():
        initialled: dict[str, list[str]] = defaultdict(list)  # "george bush" -> its forms
        for name in sorted(names):
            parts = name.split()
            if len(parts) == 3 and len(parts[1].rstrip(".")) == 1:
                plain = f"{parts[0]} {parts[2]}"
                if plain in names:
                    initialled[plain].append(name)
        for plain, forms in initialled.items():
            # two initials are two people ("george h bush", "george w bush": a father
            # and his son): the name without one is neither's
            if len({f.split()[1].rstrip(".") for f in forms}) > 1:
                continue
            # (an initialled form where the documents tie)
            head = max((*forms, plain), key=lambda n: seen.get(n, 0))
            for other in (*forms, plain):
                if other == head:
                    continue
                out[other] = head
                names.discard(other)
                if counted is not None:
                    counted[head] = counted.get(head, 0) + counted.get(other, 0)
    for term, last in surname.items():
        if first[last] >= 2 and first[last] >= ends[last]:
            if given is not None and term == last:
                given.add(term)
            continue  # a given name more often than a surname
        found = full.get(last) or (titled.get(last, set()) - {term})
        if len(found) > 1 and counted is not None and last in full:
            found = _dominant(found, counted, BARE_DOMINANCE if term == last else TITLED_DOMINANCE)
        if len(found) == 1 and (term == last or last in full):
            out[term] = next(iter(found))
    return out


def _dominant(names: set[str], docs: Mapping[str, int], factor: int) -> set[str]:
    """The one of ``names`` in ``factor`` times the documents of the others together
    (and in DOMINANT_DOCS at least), or all of them when none is."""
    ranked = sorted(names, key=lambda n: (-docs.get(n, 0), n))
    top = docs.get(ranked[0], 0)
    rest = sum(docs.get(n, 0) for n in ranked[1:])
    if top >= DOMINANT_DOCS and top >= factor * rest:
        return {ranked[0]}
    return names


#: Titles that are part of the name they come with: "Lord Falconer" is no Mr Falconer.
NAME_TITLES = frozenset(
    "lord lady sir dame baron baroness earl duke duchess count countess prince princess "
    "king queen emperor empress pope cardinal archbishop bishop sheikh sheik emir sultan "
    "ayatollah imam rabbi justice crown".split()
)


def person_titles() -> frozenset[str]:
    """The words that come before a person's name ("mr", "dr.", "minister"), lowercase."""
    try:
        from tui.gazetteer import cue_words
    except ImportError:
        return frozenset()
    return frozenset(w.lower() for w in cue_words().person_titles)


#: ``person:kerry`` in a query: a person field given one word, not quoted, not a
#: prefix or fuzzy word (``person:ker*``), not one of a phrase's words.
_LONE_PERSON_WORD = re.compile(r"(?<![\w:])person:([^\s\"()*?~^:]+)(?=$|[\s)])", re.IGNORECASE)


def lone_person_words(query: str) -> set[str]:
    """The one-word names a query asks the person field for (``person:kerry``), lowercase."""
    if "person:" not in query.lower():
        return set()
    return {m.group(1).lower() for m in _LONE_PERSON_WORD.finditer(query)}


def by_surname(terms: Iterable[str]) -> dict[str, list[str]]:
    """Each last word of a person term of two words or more -> those terms, sorted:
    "kerry" -> ["john kerry"]. A search for ``person:kerry`` matches them all (the
    person field holds whole names, and an article that names John Kerry in full
    never holds "kerry" alone: the recogniser links the surname to the full name)."""
    out: dict[str, list[str]] = defaultdict(list)
    for term in terms:
        parts = term.split()
        if len(parts) > 1:
            out[parts[-1]].append(term)
    return {word: sorted(names) for word, names in out.items()}
