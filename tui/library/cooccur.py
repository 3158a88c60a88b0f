"""Who appears with whom: the entities mentioned in the same articles as another.

Counted from the entity rows the index keeps beside its segments
(:func:`tui.index.cooccurrence.cooccurrence`): for a chosen entity, every other
person, place and organisation with the number of articles that mention both
and the number of sentences that do. A lone surname linked to a full name
elsewhere in the corpus ("Blair" and "Tony Blair") counts as that name, on
both sides, as in the entity counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tui.index import ENTITY_FIELDS, entity_term
from tui.library.directory import EntityDirectory, entity_id_of
from tui.library.models import LibraryError

if TYPE_CHECKING:
    from tui.index import SearchIndex
    from tui.index.cooccurrence import Merged


@dataclass(frozen=True)
class Together:
    """An entity mentioned with the chosen one."""

    id: str
    type: str
    name: str
    articles: int  # articles that mention both
    sentences: int  # sentences that mention both


class Cooccurrence:
    """Co-occurrence counts of one corpus, read from its index."""

    def __init__(self, index: SearchIndex, directory: EntityDirectory) -> None:
        self.index = index
        self.directory = directory
        self._merge: tuple[Any, Merged, dict[str, set[str]]] | None = None

    def _merges(self) -> tuple[Merged, dict[str, set[str]]]:
        """The merge map (lone surnames -> the full name's id) with its numbering, and
        each full name's surnames (kept while the index is the same)."""
        from tui.index.cooccurrence import Merged

        links = self.directory.surname_links()
        if self._merge is None or self._merge[0] is not links:
            merge = {
                entity_id_of("person", short): entity_id_of("person", full)
                for short, full in links.items()
            }
            shorts: dict[str, set[str]] = {}
            for short, full in merge.items():
                shorts.setdefault(full, set()).add(short)
            self._merge = (links, Merged(merge), shorts)
        return self._merge[1], self._merge[2]

    def with_entity(self, entity_id: str, limit: int | None = None) -> list[Together]:
        """The entities mentioned with ``entity_id``, most articles together first."""
        import numpy as np

        from tui.index.cooccurrence import cooccurrence, names_of

        merged, shorts = self._merges()
        target = merged.merge.get(entity_id, entity_id)
        wanted = {target} | shorts.get(target, set())
        loaded = self.index.sidecars()
        articles, sentences = cooccurrence(loaded, wanted, merged)
        for ent_id in wanted:
            if ent_id in merged.numbers:
                articles[merged.numbers[ent_id]] = 0
        found = np.flatnonzero(articles)
        order = found[np.lexsort((-sentences[found], -articles[found]))]
        if limit:
            # ties at the cut are settled by id below: keep them all until then
            cut = order[: limit * 2 + 20]
        else:
            cut = order
        ranked = sorted(
            ((merged.ids[n], int(articles[n]), int(sentences[n])) for n in cut.tolist()),
            key=lambda x: (-x[1], -x[2], x[0]),
        )
        if limit:
            ranked = ranked[:limit]
        names = names_of(loaded, [ent_id for ent_id, _, _ in ranked])
        out = []
        for ent_id, n_articles, n_sentences in ranked:
            etype, name = names.get(ent_id, (ent_id.partition(":")[0], ""))
            out.append(Together(ent_id, etype, name or _name_of(ent_id), n_articles, n_sentences))
        return out

    def resolve(self, name: str, type: str | None = None) -> tuple[str, str, str]:
        """(id, type, canonical name) of the entity a user names: its name in any case,
        or a surname that only one person of the corpus has. :class:`LibraryError` when
        none or several match."""
        from tui.index.cooccurrence import entity_names

        wanted = entity_term(name)
        if not wanted:
            raise LibraryError("give an entity's name")
        types = [type] if type else list(ENTITY_FIELDS)
        known = entity_names(self.index.sidecars())
        exact = [
            (n, ent_id, t, canonical)
            for ent_id, (t, canonical, n) in known.items()
            if t in types and entity_term(canonical) == wanted
        ]
        if not exact:
            full = self.directory.surname_links().get(wanted)
            if full and "person" in types:
                ent_id = entity_id_of("person", full)
                if ent_id in known:
                    return ent_id, "person", known[ent_id][1]
            endings = [
                (n, ent_id, t, canonical)
                for ent_id, (t, canonical, n) in known.items()
                if t in types and entity_term(canonical).endswith(" " + wanted)
            ]
            if len(endings) == 1:
                exact = endings
        if not exact:
            raise LibraryError(f"no entity named {name!r} in this corpus")
        exact.sort(reverse=True)
        _, ent_id, etype, canonical = exact[0]
        return ent_id, etype, canonical


def _name_of(entity_id: str) -> str:
    return entity_id.partition(":")[2].title()
