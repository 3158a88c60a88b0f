"""Boilerplate learned from a corpus: lines that recur across many articles of one source.

A site repeats its header, footer, "Most read" box and sign-up prompts on every
page; one page alone cannot tell them from the story, but a folder of pages from
that site can. For each article, :func:`line_hashes` names its candidate lines
(short enough to be page furniture: at most :data:`MAX_WORDS` words) by a short
hash of their :func:`~tui.cleaning.rules.line_key`. :class:`BoilerplateCounts`
counts, per source, in how many articles each line occurs; a line found in at
least :data:`MIN_ARTICLES` articles and :data:`MIN_SHARE` of the source's
articles is boilerplate there, and :func:`tui.cleaning.clean` drops it
(``learned=``). The counts can be kept beside an index and updated one article
at a time (:meth:`BoilerplateCounts.add` / :meth:`~BoilerplateCounts.remove`).

A line the user marked as article text (``keep``) is never dropped for being
learned, and neither is a line the shipped ``keep:`` patterns protect.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from tui.cleaning.rules import line_key, source_key
from tui.cleaning.text import lines_as_written, split_lines, words

#: Lines longer than this are prose, not page furniture: never learned.
MAX_WORDS = 25
#: A line is boilerplate of a source when it occurs in at least this many of its articles ...
MIN_ARTICLES = 3
#: ... and in at least this share of them.
MIN_SHARE = 0.3
#: A line already learned stays learned down to this share (so that one more
#: article does not flip a line in and out, and re-clean the source each time).
KEEP_SHARE = 0.2
#: The bytes of a line's hash (:func:`line_hash` writes them in hex).
DIGEST = 6


def line_hash(text: str) -> str:
    """The short name of a line (12 hex digits of the hash of its :func:`line_key`)."""
    return hashlib.blake2b(line_key(text).encode("utf-8"), digest_size=DIGEST).hexdigest()


def line_hashes(raw: str) -> frozenset[str]:
    """The hashes of the candidate boilerplate lines of one raw article text."""
    return frozenset(
        line_hash(line.text) for line in split_lines(raw) if words(line.text) <= MAX_WORDS
    )


def line_digests(raw: str, spans: Iterable[tuple[int, int]]) -> bytes:
    """:func:`line_hashes` of ``raw``, as :data:`DIGEST`-byte digests one after another in
    order (``bytes.hex`` of each is its hash), from ``spans``: where in ``raw`` each of
    the non-empty lines :func:`~tui.cleaning.text.split_lines` finds is (a cleaning's
    kept and removed spans). Where those lines are the raw text of their spans with the
    whitespace collapsed (:func:`~tui.cleaning.text.lines_as_written`), the text is not
    split again: a build's workers, which have the spans, note every article's digests
    for ~1/5 of what splitting it again cost."""
    if not lines_as_written(raw):
        return b"".join(sorted(bytes.fromhex(h) for h in line_hashes(raw)))
    digests = set()
    for start, end in spans:
        parts = raw[start:end].split()
        if 0 < len(parts) <= MAX_WORDS:
            key = " ".join(parts).casefold().encode("utf-8")  # (its line_key)
            digests.add(hashlib.blake2b(key, digest_size=DIGEST).digest())
    return b"".join(sorted(digests))


def digests_of(joined: bytes) -> list[bytes]:
    """The digests :func:`line_digests` joined."""
    return [joined[at : at + DIGEST] for at in range(0, len(joined), DIGEST)]


@dataclass
class _Source:
    articles: int = 0
    counts: Counter[str] = field(default_factory=Counter)


class BoilerplateCounts:
    """Per source: how many articles, and in how many of them each candidate line occurs."""

    def __init__(self) -> None:
        self._sources: dict[str, _Source] = {}

    def add(self, source: str, hashes: Iterable[str]) -> None:
        entry = self._sources.setdefault(source_key(source), _Source())
        entry.articles += 1
        entry.counts.update(set(hashes))

    def remove(self, source: str, hashes: Iterable[str]) -> None:
        entry = self._sources.get(source_key(source))
        if entry is None:
            return
        entry.articles = max(0, entry.articles - 1)
        for h in set(hashes):
            left = entry.counts.get(h, 0) - 1
            if left > 0:
                entry.counts[h] = left
            else:
                entry.counts.pop(h, None)
        if entry.articles == 0:
            del self._sources[source_key(source)]

    def sources(self) -> list[str]:
        return sorted(self._sources)

    def learned(self, source: str, previous: Iterable[str] = ()) -> frozenset[str]:
        """The hashes of the lines that are boilerplate on ``source``.

        Lines of ``previous`` (the set learned before) stay down to :data:`KEEP_SHARE`.
        """
        entry = self._sources.get(source_key(source))
        if entry is None or entry.articles < MIN_ARTICLES:
            return frozenset()
        need = max(MIN_ARTICLES, math.ceil(MIN_SHARE * entry.articles))
        keep = max(MIN_ARTICLES, math.ceil(KEEP_SHARE * entry.articles))
        out = {h for h, n in entry.counts.items() if n >= need}
        out.update(h for h in previous if entry.counts.get(h, 0) >= keep)
        return frozenset(out)

    def all_learned(self) -> dict[str, frozenset[str]]:
        """:meth:`learned` of every source that has any."""
        out = {}
        for name in self._sources:
            learned = self.learned(name)
            if learned:
                out[name] = learned
        return out

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready form, without the lines seen once (they cannot become boilerplate
        before they are seen again, and they are most of the count)."""
        return {
            name: {
                "articles": entry.articles,
                "counts": {h: n for h, n in sorted(entry.counts.items()) if n > 1},
            }
            for name, entry in sorted(self._sources.items())
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> BoilerplateCounts:
        counts = cls()
        for name, entry in data.items():
            if not isinstance(entry, Mapping):
                continue
            source = _Source(int(entry.get("articles", 0)), Counter())
            for h, n in dict(entry.get("counts", {})).items():
                if isinstance(h, str) and isinstance(n, int) and n > 0:
                    source.counts[h] = n
            if source.articles > 0:
                counts._sources[source_key(str(name))] = source
        return counts


def learn_boilerplate(groups: Mapping[str, Iterable[str]]) -> dict[str, frozenset[str]]:
    """Learned lines (hashes) per source, from the raw texts of each source's articles.

    ``groups`` maps a source (a domain, an outlet) to its articles' raw texts.
    Pass a source's set as ``clean(raw, learned=result, source=that source)``.
    """
    counts = BoilerplateCounts()
    for source, texts in groups.items():
        for raw in texts:
            counts.add(source, line_hashes(raw))
    return counts.all_learned()
