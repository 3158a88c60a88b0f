"""An organisation's short and full names as one, when the corpus says they are.

A corpus writes one organisation several ways: "Labour" and "Labour Party",
"NAO" and "National Audit Office". Listed apart, each row holds part of its
articles. :func:`organisation_links` links a short name to the full one when
both of these hold:

* the form: the full name is the short one and a word that names no other
  organisation (a party, a legal form, an airline's "Airline(s)" or "Airways":
  "Zapco" and "Zapco Group", "Zapair" and "Zapair Airline"; not "Zapco
  Records", a label of its own), or the short name, in capitals, spells the
  initials of the full name's words ("ZTA" and "Zarnian Tennis Association"),
  or cuts its words short ("Zarn Dems", "Zarnian Democrats"), or the full name
  is its plural ("the Zarnian Democrat leader");
* the evidence: an article names both, or writes the acronym in brackets after
  the full name ("Zarnian Tennis Association (ZTA)": the recogniser makes the
  later "ZTA" of that article the full name's). "Congress" and "Congress Party"
  in articles that never meet are two bodies (one in Washington, one in Delhi).

Names with no shared form are one organisation when the shipped list of
well-known organisations gives them as one's names (a party and its nickname,
"the Zorries" of the "Zarnian Conservative Party": a gazetteer, as the list's
aliases are) and an article names both.

A short name with two full names it may stand for is linked to the one found
with it in :data:`DOMINANCE` times the articles of the others together, or to
none ("ZTA" beside both "Zarnian Tennis Association" and "Zeta Trade Alliance").
Linked names count as one, under the name found in the most articles, as a
lone surname counts as the person named in full (:mod:`tui.library.directory`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from typing import Final

#: Words that end an organisation's full name and leave it the same organisation:
#: parties, legal forms and an airline's own word for what it is ("Zapco Holdings"
#: and "Zapair Airlines" are Zapco and Zapair; "Zapco Records" is a label of its own).
HEADS: Final = frozenset(
    "party corporation corp company co inc incorporated plc ltd limited group holdings "
    "ag sa nv gmbh spa llc bv fc airline airlines airways".split()
)
#: Words an acronym skips ("Confederation of Zarnian Industry": CZI).
MINOR: Final = frozenset("of and the for on in at to de du la &".split())
#: How many times the articles shared with a short name one full name needs over
#: the others to take it.
DOMINANCE: Final = 3


def initials(name: str) -> str:
    """The capitals a name's words begin with ("Zarnian Tennis Association": ZTA),
    "" when a word is no plain capitalised word ("ZT Group", "zapco")."""
    out = []
    for word in name.split():
        if word.lower() in MINOR:
            continue
        if not word[:1].isupper() or (len(word) > 1 and not word[1:].islower()):
            return ""
        out.append(word[0])
    return "".join(out)


def _stems(words: list[str]) -> tuple[str, ...]:
    return tuple(w[:3] for w in words)


def _cut(part: str, word: str) -> bool:
    """Whether ``part`` is ``word`` cut short, a plural's "s" kept ("Dems")."""
    if len(part) >= len(word):
        return False
    if word.startswith(part):
        return True
    return part.endswith("s") and word.endswith("s") and word.startswith(part[:-1])


def _short_forms(
    name: str, names: Mapping[str, int], cut: Mapping[tuple[str, ...], list[str]]
) -> list[str]:
    """The names of ``names`` that ``name`` is a full name of; ``cut``: the names of
    two words or more by their words' first three letters."""
    words = name.split()
    out = []
    # a plural: "Zarnian Democrats" beside "the Zarnian Democrat leader",
    # "the Zorries" beside "a Zorry MP"
    if len(name) > 4 and name.endswith("s") and name[:-1] in names:
        out.append(name[:-1])
    elif len(name) > 5 and name.endswith("ies") and name[:-3] + "y" in names:
        out.append(name[:-3] + "y")
    if len(words) < 2:
        return out
    # words cut short: "Zarn Dems" for "Zarnian Democrats"
    for other in cut.get(_stems(words), ()):
        parts = other.split()
        if len(parts) == len(words) and all(_cut(p, w) for p, w in zip(parts, words, strict=True)):
            out.append(other)
    if words[-1].lower().rstrip(".") in HEADS:
        short = " ".join(words[:-1])
        if short in names:
            out.append(short)
    acronym = initials(name)
    if 2 <= len(acronym) <= 6 and acronym in names and acronym not in out:
        out.append(acronym)
    return out


def organisation_links(
    names: Mapping[str, int],
    together: Callable[[str, str], int],
    bracketed: Collection[tuple[str, str]] = (),
    listed: Callable[[str], str | None] | None = None,
) -> dict[str, str]:
    """Each organisation's name that is one of a group of names of one organisation
    -> the group's name (the one in the most articles); ``names``: each name's
    articles; ``together(a, b)``: the articles that name both; ``bracketed``:
    (acronym, full name) pairs an article writes together, "Zarnian Tennis
    Association (ZTA)": as good as an article naming both; ``listed(name)``: the
    organisation a list of names gives ``name`` as one of, or None."""
    written = set(bracketed)
    cut: dict[tuple[str, ...], list[str]] = {}
    for name in names:
        words = name.split()
        if len(words) > 1 and all(len(w) >= 3 for w in words):
            cut.setdefault(_stems(words), []).append(name)
    fulls: dict[str, list[str]] = {}
    for name in names:
        for short in _short_forms(name, names, cut):
            fulls.setdefault(short, []).append(name)
    parent: dict[str, str] = {}

    def root(name: str) -> str:
        while parent.get(name, name) != name:
            name = parent[name]
        return name

    # a short name's full names found with it, most articles first
    found_with: dict[str, list[tuple[str, int]]] = {}
    for short, found in sorted(fulls.items()):
        shared = [(full, together(short, full) + ((short, full) in written)) for full in found]
        kept = [(f, n) for f, n in shared if n > 0]
        found_with[short] = sorted(kept, key=lambda x: (-x[1], x[0]))
    # first the names with one full name (or one dominating the others), then those
    # whose full names all turned out to be one organisation's
    for rounds in range(2):
        for short, shared in found_with.items():
            if not shared:
                continue
            rest = sum(n for _, n in shared[1:])
            if rest and shared[0][1] < DOMINANCE * rest:
                if rounds == 0 or len({root(f) for f, _ in shared}) > 1:
                    continue
            a, b = root(short), root(shared[0][0])
            if a != b:
                parent[a] = b
    if listed is not None:
        _join_listed(names, together, listed, parent, root)
    groups: dict[str, list[str]] = {}
    for name in {*parent, *parent.values()}:
        groups.setdefault(root(name), []).append(name)
    out: dict[str, str] = {}
    for members in groups.values():
        head = max(members, key=lambda n: (names.get(n, 0), len(n), n))
        for name in members:
            if name != head:
                out[name] = head
    return out


def _join_listed(
    names: Mapping[str, int],
    together: Callable[[str, str], int],
    listed: Callable[[str], str | None],
    parent: dict[str, str],
    root: Callable[[str], str],
) -> None:
    """Join the names ``listed`` gives as one organisation's, each to the most
    frequent other one of them that an article names with it."""
    by_group: dict[str, list[str]] = {}
    for name in names:
        group = listed(name)
        if group is not None:
            by_group.setdefault(group, []).append(name)
    for members in by_group.values():
        if len(members) < 2:
            continue
        members.sort(key=lambda n: (-names[n], n))
        for k, name in enumerate(members):
            for other in members[:k] + members[k + 1 :]:
                if together(name, other) > 0:
                    a, b = root(name), root(other)
                    if a != b:
                        parent[a] = b
                    break
