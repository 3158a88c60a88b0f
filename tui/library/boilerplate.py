"""Boilerplate learned across a corpus at index time (issue 12, item 3).

Articles are grouped by source (:func:`group_of`): the site of the page's address
when the article knows it, otherwise the folder the file sits in (people keep
one site's pages together more often than not; a folder of tidy articles learns
nothing, see below). Each indexed document carries the hashes of its candidate
boilerplate lines (``doc["boilerplate"]``, only for pages that showed they were
scraped). :class:`LearnedState` keeps, in the index's metadata, per group how
many articles have each line and per file which lines it contributed, so an
update adds and removes one file at a time. When a group's learned set changes,
its articles are cleaned again (:func:`tui.library.update.update_index`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from tui.cleaning import BoilerplateCounts, source_key
from tui.cleaning.learn import digests_of, line_digests

if TYPE_CHECKING:
    from tui.cleaning.passes import Cleaned


def group_of(relpath: str, url: str | None = None) -> str:
    """The source an article's boilerplate and the user's corrections are kept under.

    ``example.com`` for an article with an address, else ``dir:PATH/`` for the
    folder of the file (``dir:`` for the corpus's top folder).
    """
    if url:
        host = urlsplit(url).hostname
        if host:
            return source_key(host)
    folder = relpath.rpartition("/")[0]
    return f"dir:{folder}/" if folder else "dir:"


#: The groups whose articles this process notes every line of (see :func:`contributed`).
_LEARNING: set[str] = set()


def contributed(raw: str, cleaned: Cleaned, group: str) -> tuple[list[str], bytes | None]:
    """The line hashes an article of ``group`` adds to its group's counts (none for a tidy
    article), and the digests of all its candidate lines (:func:`line_digests`), or None.

    A fresh build cleans every article without learned lines, then learns each group's;
    the articles of a group whose set changed that hold one of its lines are prepared
    again (:func:`tui.library.update.update_index`). To tell them, the parent read every
    article of such a group again (~0.5 s at 50,000 articles); the digests let it tell
    them without. They are noted for an article of a group that this process has met a
    scraped article of (the only groups that learn lines: a few bytes a document, and
    nothing for a folder of tidy articles); the parent reads the others again."""
    if cleaned.removed:
        _LEARNING.add(group)
    elif group not in _LEARNING:
        return [], None
    digests = line_digests(raw, (*cleaned.kept_spans, *cleaned.removed_spans))
    return ([d.hex() for d in digests_of(digests)] if cleaned.removed else []), digests


#: The learned lines of a group that has none, one set for all: each article's item
#: for a build holds its group's, and a set of its own each was ~11 MB at 50,000
#: articles in the parent of a build (``frozenset()`` makes a new one each time).
_NONE: frozenset[str] = frozenset()


class LearnedState:
    """Counts per group and lines per file, as kept in the index's metadata."""

    def __init__(self, data: Mapping[str, Any] | None = None, *, files: bool = True) -> None:
        """``files`` False: the learned sets only (what cleaning an article needs; the
        lines per file, 50,000 lists at 50k articles, are what an update needs)."""
        data = data if isinstance(data, Mapping) else {}
        counts = data.get("counts")
        self.counts = BoilerplateCounts.from_json(counts if isinstance(counts, Mapping) else {})
        #: The learned set each group's articles were last cleaned with.
        self.sets: dict[str, frozenset[str]] = {}
        sets = data.get("learned")
        if isinstance(sets, Mapping):
            for group, hashes in sets.items():
                if isinstance(hashes, list):
                    self.sets[str(group)] = frozenset(str(h) for h in hashes)
        self.files: dict[str, tuple[str, list[str]]] = {}
        groups = data.get("groups") if files else None
        if isinstance(groups, Mapping):
            for group, files in groups.items():
                if not isinstance(files, Mapping):
                    continue
                for relpath, hashes in files.items():
                    if isinstance(hashes, list):
                        self.files[str(relpath)] = (str(group), [str(h) for h in hashes])

    def to_json(self) -> dict[str, Any]:
        groups: dict[str, dict[str, list[str]]] = {}
        for path, (group, hashes) in sorted(self.files.items()):
            groups.setdefault(group, {})[path] = hashes
        return {
            "counts": self.counts.to_json(),
            "groups": groups,
            "learned": {g: sorted(h) for g, h in sorted(self.sets.items()) if h},
        }

    def sets_only(self) -> LearnedState:
        """A copy with the learned sets only (see ``files``)."""
        copy = LearnedState(None)
        copy.sets = self.sets
        return copy

    def learned(self, group: str) -> frozenset[str]:
        """The learned lines the group's articles are cleaned with."""
        return self.sets.get(group, _NONE)

    def learned_map(self, groups: Iterable[str]) -> dict[str, frozenset[str]]:
        return {g: self.learned(g) for g in set(groups)}

    def update(self, docs: Iterable[dict[str, Any]], removed: Iterable[str]) -> set[str]:
        """Take in newly indexed documents and removed files; the groups whose set changed."""
        touched: set[str] = set()
        incoming: list[tuple[str, str, list[str]]] = []
        for doc in docs:
            entry = doc.get("boilerplate")
            if isinstance(entry, list) and len(entry) == 2:
                hashes = entry[1]  # (most are none: a tidy article's)
                incoming.append((doc["path"], str(entry[0]), [*map(str, hashes)] if hashes else []))
        files = self.files
        if files:  # (none after a fresh build's documents: nothing went)
            for path in set(removed).union(path for path, _, _ in incoming):
                old = files.pop(path, None)
                if old is not None:
                    touched.add(old[0])
                    if old[1]:
                        self.counts.remove(old[0], old[1])
        touched.update(group for _, group, _ in incoming)
        for path, group, hashes in incoming:
            files[path] = (group, hashes)
            if hashes:
                self.counts.add(group, hashes)
        changed = set()
        for group in touched:
            new = self.counts.learned(group, self.sets.get(group, ()))
            if new != self.sets.get(group, frozenset()):
                changed.add(group)
                if new:
                    self.sets[group] = new
                else:
                    self.sets.pop(group, None)
        return changed

    def files_of(self, groups: set[str]) -> list[str]:
        """The files whose group is one of ``groups``."""
        return sorted(p for p, (g, _) in self.files.items() if g in groups)
