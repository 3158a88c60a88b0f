"""The corpus's entities: counts, linked surnames, and every mention of one.

Counts come from the per-article summaries the index stores (the body's
mentions, the ones the app lists and steps through). A person named only by
surname in one article ("Lavrov") is the person with that surname named in full
elsewhere in the corpus ("Sergei Lavrov"), when there is exactly one such
person (:mod:`tui.library.surnames`): within an article the recogniser links
short forms itself; this does it across articles, for the counts and, as
synonyms, for searches.

One name has one type across the corpus, unless the evidence says otherwise
(:func:`tui.ner.corpus.corpus_types`): "Amazon" typed a place on a few pages
that list it beside prices, and an organisation on more pages with more
mentions, is counted and listed as the organisation, its place mentions with it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from tui import freshness
from tui.articles import Article
from tui.index import ENTITY_FIELDS, entity_term
from tui.index.retype import RETYPE, search_terms
from tui.index.summaries import better_spelling
from tui.library import derived
from tui.library.models import ArticleSummary, EntityCount, EntityOccurrence, LibraryError
from tui.library.prepare import body_mentions
from tui.library.surnames import LINK_RULES, by_surname, link_surnames, lone_person_words
from tui.text import sentence_at, sentence_spans

if TYPE_CHECKING:
    from tui.index import SearchIndex

Synonyms = dict[str, dict[str, list[str]]]


def _row_order(e: EntityCount) -> tuple[int, int, str, str, str]:
    """Most articles first, then most mentions; ties by name, then as written (TiVo
    before TIVO), then by id: the same order whichever order the build numbered the
    articles in."""
    return (-e.articles, -e.mentions, e.name.lower(), e.name, e.id)


def entity_id_of(etype: str, canonical: str) -> str:
    try:
        from tui.entities import entity_id
    except ImportError:
        return f"{etype}:{canonical.lower()}"
    return str(entity_id(etype, canonical))


#: The version of the rules of one type per name across the corpus
#: (:func:`tui.ner.corpus.corpus_types`; 2: a type an article's context decided
#: stays; 3: a lone person no name list knows yields to an organisation; 4: so does a
#: full name with no known given name that two articles' context made one), kept with
#: the types saved beside the index.
TYPE_RULES = 4
#: The version of the rules of an organisation's names (:mod:`tui.ner.aliases`; 2: an
#: acronym written in brackets is evidence; 4: names the shipped list of well-known
#: organisations gives as one's, "Tories" and "Conservatives"; 5: an airline's
#: "Airline(s)" or "Airways" ends a full name), kept with the links saved beside the index.
ALIAS_RULES = 5


def _others(
    retype: dict[tuple[str, str], tuple[str, str]],
    type: str | None,  # noqa: A002
) -> set[str]:
    """The ids of the names of other types than ``type`` that the corpus counts
    as names of ``type`` (none to read when every type is read)."""
    if not type:
        return set()
    return {entity_id_of(*source) for source, (t, _) in retype.items() if t == type}


def _matching(links: Mapping[str, str]) -> dict[str, list[str]]:
    """Each term of a group of ``links`` (a term -> the term it is counted as) -> the
    group's other terms: what a search for one also matches."""
    groups: dict[str, list[str]] = defaultdict(list)
    for short, full in links.items():
        groups[full].append(short)
    out: dict[str, list[str]] = {}
    for full, shorts in groups.items():
        members = [full, *shorts]
        for term in members:
            out[term] = [m for m in members if m != term]
    return out


class EntityDirectory:
    """Entities of one corpus, from its index; caches kept until the index changes."""

    def __init__(
        self,
        index: SearchIndex,
        articles: Callable[[], list[ArticleSummary]],
        article: Callable[[str], Article],
        recognizer: Callable[[], Any],
    ) -> None:
        self.index = index
        self._articles = articles
        self._article = article
        self._recognizer = recognizer
        self._links: tuple[Any, dict[str, str]] | None = None
        self._given: frozenset[str] = frozenset()
        self._types: tuple[Any, dict[tuple[str, str], tuple[str, str]]] | None = None
        self._aliases: tuple[Any, dict[str, str]] | None = None
        # entity id -> the (id, type, canonical) of the entities counted as it
        self._retyped: dict[str, set[tuple[str, str, str]]] = {}
        self._synonym_cache: Synonyms | None = None
        self._surnames: tuple[Any, dict[str, list[str]]] | None = None
        self._facet_docs: dict[str, set[str]] = {}
        # (index identity, {full name's term: its spelling}) for as_corpus's people
        self._spelled: tuple[Any, dict[str, str | None]] | None = None

    def forget(self) -> None:
        """Drop what was read from the index (it was found damaged)."""
        self._links = None
        self._types = None
        self._aliases = None
        self._synonym_cache = None
        self._surnames = None

    def facets(self, type: str | None) -> list[EntityCount]:
        """Every entity (of one type) with its article and mention counts.

        Worked out from every document's stored summary (3 s at 50,000 articles) once
        per version of the index, and kept beside it (:mod:`tui.library.derived`) for
        the next call and the next process."""
        key = self.index.toc_identity()
        saved_at = self.index.path / derived.FACETS_NAME.format(type or "all")
        saved_key = (
            None
            # (a type of no entity field has no file: its name comes from the caller)
            if key is None or (type is not None and type not in ENTITY_FIELDS)
            else [*key, TYPE_RULES, LINK_RULES, ALIAS_RULES, freshness.code_stamp()]
        )
        saved = derived.read_keyed(saved_at, saved_key) if saved_key is not None else None
        loaded = _facets_from_json(saved)
        if loaded is not None:
            out, self._retyped = loaded
            return out
        out = self._count_facets(type)
        if saved_key is not None:
            derived.write_keyed(saved_at, saved_key, _facets_json(out, self._retyped))
        return out

    def _count_facets(self, type: str | None) -> list[EntityCount]:  # noqa: A002
        """:meth:`facets`, from every document's stored entity summary."""
        # From the stored per-article summaries: the counts are of the body's
        # mentions, the same ones occurrences lists.
        names: dict[str, tuple[str, str]] = {}
        docs: dict[str, set[str]] = defaultdict(set)
        mentions: Counter[str] = Counter()
        aliases: dict[str, Counter[str]] = defaultdict(Counter)
        # one type per name across the corpus, as searches and their counts take it
        retype = self.corpus_types()
        wanted = _others(retype, type)
        for doc_id, summary in self.index.stored_entities():
            for ent_id, (etype, canonical, count, seen, *_sentences) in summary.items():
                if etype not in ENTITY_FIELDS:
                    continue
                if type and etype != type and ent_id not in wanted:
                    continue
                named = names.get(ent_id)
                if named is None or (
                    canonical != named[1] and better_spelling(canonical, named[1])
                ):
                    names[ent_id] = (named[0] if named else etype, canonical)
                docs[ent_id].add(doc_id)
                mentions[ent_id] += count
                for alias in seen:
                    aliases[ent_id][alias] += 1
        self._retyped = self._merge_types(names, docs, mentions, aliases, retype)
        if type:
            names = {k: v for k, v in names.items() if v[0] == type}
        self._facet_docs = docs
        out = []
        for ent_id, (etype, canonical) in names.items():
            common = sorted(aliases[ent_id].items(), key=lambda an: (-an[1], an[0]))
            seen = tuple(a for a, _ in common if a != canonical)
            out.append(
                EntityCount(ent_id, etype, canonical, len(docs[ent_id]), mentions[ent_id], seen)
            )
        # in the final order before the merges too: a merged row lists the names of
        # the rows it takes in this order (not the order the build read articles in)
        out.sort(key=_row_order)
        out = self._merge_surnames(out)
        out = self._merge_linked(out, "org", self.organisation_links())
        given = self.given_names()
        if given:  # a given name alone is nobody the corpus can tell: no row
            out = [e for e in out if e.type != "person" or entity_term(e.name) not in given]
        out.sort(key=_row_order)
        return out

    @staticmethod
    def _merge_types(
        names: dict[str, tuple[str, str]],
        docs: dict[str, set[str]],
        mentions: Counter[str],
        aliases: dict[str, Counter[str]],
        retype: dict[tuple[str, str], tuple[str, str]],
    ) -> dict[str, set[tuple[str, str, str]]]:
        """Count each entity the corpus gives another type as that type's entity
        (in place); the (id, type, canonical) of those counted as each target."""
        if not retype:
            return {}
        merged: dict[str, set[tuple[str, str, str]]] = {}
        for ent_id, (etype, canonical) in list(names.items()):
            target = retype.get((etype, canonical))
            if target is None:
                continue
            into = entity_id_of(*target)
            if into == ent_id:
                continue
            del names[ent_id]
            if into not in names:
                continue  # counted in another type's list, not read now
            docs[into] |= docs.pop(ent_id, set())
            mentions[into] += mentions.pop(ent_id, 0)
            aliases[into].update(aliases.pop(ent_id, Counter()))
            merged.setdefault(into, set()).add((ent_id, etype, canonical))
        return merged

    def corpus_types(self) -> dict[tuple[str, str], tuple[str, str]]:
        """(type, name) -> the (type, name) the corpus counts that name as, for the
        names some articles type otherwise (:func:`tui.index.retype.name_types`).

        Worked out once per version of the index, and kept beside it
        (:mod:`tui.library.derived`) for the next process."""
        key = self.index.toc_identity()
        if self._types is not None and self._types[0] == key:
            return self._types[1]
        saved_at = self.index.path / derived.TYPES_NAME
        saved_key = None if key is None else [*key, TYPE_RULES]
        saved = derived.read_keyed(saved_at, saved_key) if saved_key is not None else None
        types: dict[tuple[str, str], tuple[str, str]] = {}
        if isinstance(saved, list) and all(
            isinstance(row, list) and len(row) == 4 and all(isinstance(x, str) for x in row)
            for row in saved
        ):
            types = {(a, b): (c, d) for a, b, c, d in saved}
        else:
            types = self.index.counts.corpus_types()
            if saved_key is not None:
                derived.write_keyed(saved_at, saved_key, [[*k, *v] for k, v in types.items()])
        self._types = (key, types)
        self._synonym_cache = None
        return types

    def surname_links(self) -> dict[str, str]:
        """Lone-surname person term -> the one full-name term ending with it.

        Worked out from every person in the index once per version of the index,
        and kept beside it (:mod:`tui.library.derived`) for the next process."""
        key = self.index.toc_identity()  # cheap (a directory listing and a stat)
        if self._links is not None and self._links[0] == key:
            return self._links[1]
        saved_at = self.index.path / derived.LINKS_NAME
        # The rules' version is part of the key: links saved by older rules are stale.
        saved_key = None if key is None else [*key, LINK_RULES]
        saved = derived.read_keyed(saved_at, saved_key) if saved_key is not None else None
        if isinstance(saved, dict) and all(
            isinstance(k, str) and isinstance(v, str) for k, v in saved.items()
        ):
            # (the given names alone are kept as names linked to "")
            links = {k: v for k, v in saved.items() if v}
            given = {k for k, v in saved.items() if not v}
        else:
            counts = {term: docs for term, docs, _ in self.index.facets("person")}
            given = set()
            links = link_surnames(list(counts), docs=counts, given=given)
            if saved_key is not None:
                derived.write_keyed(saved_at, saved_key, {**links, **dict.fromkeys(given, "")})
        self._links = (key, links)
        self._given = frozenset(given)
        self._synonym_cache = None
        return links

    def organisation_links(self) -> dict[str, str]:
        """Each organisation's term that is one of several names of one organisation
        ("labour party", "nao") -> the term it is counted as ("labour", "national audit
        office"): :func:`tui.ner.aliases.organisation_links`.

        Worked out once per version of the index, and kept beside it
        (:mod:`tui.library.derived`) for the next process."""
        key = self.index.toc_identity()
        if self._aliases is not None and self._aliases[0] == key:
            return self._aliases[1]
        saved_at = self.index.path / derived.ALIASES_NAME
        saved_key = None if key is None else [*key, ALIAS_RULES]
        saved = derived.read_keyed(saved_at, saved_key) if saved_key is not None else None
        if isinstance(saved, dict) and all(
            isinstance(k, str) and isinstance(v, str) for k, v in saved.items()
        ):
            links = saved
        else:
            links = self.index.counts.organisation_links()
            if saved_key is not None:
                derived.write_keyed(saved_at, saved_key, links)
        self._aliases = (key, links)
        self._synonym_cache = None
        return links

    def given_names(self) -> frozenset[str]:
        """The person terms that are given names alone ("david", "george": a word
        that begins full names more often than it ends them), linked to nobody: no
        person of their own in the counts (:func:`~tui.library.surnames.link_surnames`)."""
        self.surname_links()
        return self._given

    def synonyms(self, query: str = "") -> Synonyms:
        """Entity terms that match each other in queries (kept until the index changes):
        the names of one person, and under :data:`~tui.index.retype.RETYPE` the names
        the corpus counts as another type.

        With ``query``, also what its one-word person names stand for
        (``person:kerry``: every person named in full with that surname, when the
        corpus has no "kerry" of its own linked to one), for that query alone."""
        links = self.surname_links()
        types = self.corpus_types()
        aliases = self.organisation_links()
        if self._synonym_cache is None:
            self._synonym_cache = {"person": _matching(links), "org": _matching(aliases)}
            if types:
                self._synonym_cache[RETYPE] = search_terms(types)
        names = self._synonym_cache
        words = [w for w in sorted(lone_person_words(query)) if w not in names["person"]]
        if not words:
            return names
        surnames = self.person_surnames()
        extra = {w: surnames[w] for w in words if w in surnames}
        if not extra:
            return names
        return {**names, "person": {**names["person"], **extra}}

    def person_surnames(self) -> dict[str, list[str]]:
        """:func:`~tui.library.surnames.by_surname` of every person in the index, worked
        out on the first search that needs it (it reads the person field's every term),
        kept until the index changes."""
        key = self.index.toc_identity()
        if self._surnames is None or self._surnames[0] != key:
            self._surnames = (key, by_surname(self.index.terms("person")))
        return self._surnames[1]

    def as_corpus(self, mentions: list[Any]) -> list[Any]:
        """An article's ``mentions`` named as the corpus names them: a (type, name) the
        corpus counts as another type's takes that type (:meth:`corpus_types`), a
        lone surname the corpus links to a full name is that person ("Trump" in an
        article that never writes "Donald Trump": :meth:`surname_links`, as the counts
        take it), and an organisation's names the corpus counts as one
        (:meth:`organisation_links`) are one in the article too, under the name the
        corpus counts them as when the article writes it, else the one it writes most."""
        types = self.corpus_types()
        if types:
            out = []
            for m in mentions:
                to = types.get((m.type, m.canonical))
                out.append(m if to is None else m._replace(type=to[0], canonical=to[1]))
            mentions = out
        mentions = self._linked_people(mentions)
        links = self.organisation_links()
        if not links:
            return mentions
        groups: dict[str, Counter[str]] = defaultdict(Counter)
        for m in mentions:
            if m.type == "org":
                term = entity_term(m.canonical)
                groups[links.get(term, term)][m.canonical] += 1
        names: dict[str, str] = {}
        for root, spelled in groups.items():
            if len(spelled) < 2:
                continue
            named = [n for n in spelled if entity_term(n) == root]
            head = named[0] if named else spelled.most_common(1)[0][0]
            for n in spelled:
                if n != head:
                    names[n] = head
        if not names:
            return mentions
        return [
            m._replace(canonical=names[m.canonical])
            if m.type == "org" and m.canonical in names
            else m
            for m in mentions
        ]

    def _linked_people(self, mentions: list[Any]) -> list[Any]:
        """``mentions`` with each person whose name the corpus links to a full name
        (:meth:`surname_links`) named as the corpus writes that name."""
        links = self.surname_links()
        if not links:
            return mentions
        names: dict[str, str] = {}
        for m in mentions:
            if m.type != "person" or m.canonical in names:
                continue
            full = links.get(entity_term(m.canonical))
            if full is not None and (spelled := self._spelling(full)) is not None:
                names[m.canonical] = spelled
        if not names:
            return mentions
        return [
            m._replace(canonical=names[m.canonical])
            if m.type == "person" and m.canonical in names
            else m
            for m in mentions
        ]

    def _spelling(self, term: str) -> str | None:
        """How the corpus writes the person ``term`` (kept until the index changes)."""
        key = self.index.toc_identity()
        if self._spelled is None or self._spelled[0] != key:
            self._spelled = (key, {})
        known = self._spelled[1]
        if term not in known:
            known[term] = self.index.spelled("person", term)
        return known[term]

    def _merge_surnames(self, facets: list[EntityCount]) -> list[EntityCount]:
        return self._merge_linked(facets, "person", self.surname_links())

    def _merge_linked(
        self, facets: list[EntityCount], kind: str, links: Mapping[str, str]
    ) -> list[EntityCount]:
        """``facets`` with each entity of ``kind`` whose term ``links`` links to another
        entity's counted as that one's (its articles once)."""
        if not links:
            return facets
        by_term = {entity_term(e.name): e for e in facets if e.type == kind}
        merged: dict[str, list[EntityCount]] = defaultdict(list)
        for e in facets:
            if e.type == kind and (target := links.get(entity_term(e.name))) in by_term:
                merged[target].append(e)
        if not merged:
            return facets
        drop = {e.id for shorts in merged.values() for e in shorts}
        out = []
        for e in facets:
            if e.id in drop:
                continue
            shorts = merged.get(entity_term(e.name)) if e.type == kind else None
            if shorts:
                docs = set(self._facet_docs.get(e.id, ()))
                for short in shorts:
                    docs |= self._facet_docs.get(short.id, set())
                seen = [*e.aliases]
                for short in shorts:
                    seen += [a for a in (short.name, *short.aliases) if a not in seen]
                e = EntityCount(
                    e.id,
                    e.type,
                    e.name,
                    len(docs),
                    e.mentions + sum(x.mentions for x in shorts),
                    tuple(seen),
                )
            out.append(e)
        return out

    def occurrences(self, entity_id: str) -> list[EntityOccurrence]:
        """Every mention of one entity across the corpus, with its sentence."""
        etype, _, canonical = entity_id.partition(":")
        facets = {e.id: e for e in self.facets(etype)}
        if entity_id in facets:
            canonical = facets[entity_id].name
        # Ids of the lone surnames linked to this person in other articles, and
        # of the same name typed otherwise in a few articles.
        others = self._retyped.get(entity_id, set())
        wanted = {entity_id, *(i for i, _, _ in others)}
        names = [canonical]
        if etype in ("person", "org"):
            full = entity_term(canonical)
            links = self.surname_links() if etype == "person" else self.organisation_links()
            for short, target in links.items():
                if target == full:
                    wanted.add(entity_id_of(etype, short))
                    names.append(short)
        out = []
        # by path: the manifest's order is the order the build's workers finished in
        order = {a.id: a.path for a in self._articles()}
        found: set[str] = set()
        for name in names:
            found.update(self.index.ids_with_entity(etype, name))
        for _, other_type, other_name in others:
            found.update(self.index.ids_with_entity(other_type, other_name))
        ids = sorted(found, key=lambda i: (i not in order, order.get(i, ""), i))
        for doc_id in ids:
            try:
                article = self._article(doc_id)
            except LibraryError:
                continue
            summary = ArticleSummary(
                article.id,
                article.path,
                article.title,
                article.source,
                article.date,
                article.byline,
            )
            spans = sentence_spans(article.body)
            for m in body_mentions(self._recognizer(), article):
                if m.id not in wanted:
                    continue
                s, e = sentence_at(article.body, m.start, spans)
                out.append(EntityOccurrence(summary, m.start, m.end, article.body[s:e], s))
        return out


def _facets_json(
    facets: list[EntityCount], retyped: dict[str, set[tuple[str, str, str]]]
) -> dict[str, Any]:
    return {
        "rows": [[e.id, e.type, e.name, e.articles, e.mentions, list(e.aliases)] for e in facets],
        "retyped": {k: sorted(list(x) for x in v) for k, v in retyped.items()},
    }


def _facets_from_json(
    data: Any,
) -> tuple[list[EntityCount], dict[str, set[tuple[str, str, str]]]] | None:
    """What :func:`_facets_json` saved, or None when it is not that."""
    if not isinstance(data, dict):
        return None
    try:
        facets = [
            EntityCount(str(i), str(t), str(n), int(a), int(m), tuple(str(x) for x in al))
            for i, t, n, a, m, al in data["rows"]
        ]
        retyped = {
            str(k): {(str(i), str(t), str(c)) for i, t, c in v} for k, v in data["retyped"].items()
        }
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
    return facets, retyped
