"""Which segments an update writes again: a bounded, log-structured merge policy.

Each update adds a segment of its own (100 new articles: one segment of 100), and
marks the documents it replaces as deleted where they are. Left alone, an index
updated every day ends up with hundreds of small segments (a search opens and
looks up every word in each) and keeps every deleted document on disk (the BBC
index grew from 24 to 50 MB in eight updates). :func:`merge_plan` picks, after
each commit, the groups of segments to write again as one segment each, without
their deleted documents:

* a segment a third or more deleted is written again alone, and every segment
  with deletions once they are a quarter of the index (what a fresh build would
  hold, at most a third more);
* small segments are merged by tiers of size, as a log-structured merge does:
  once :data:`FACTOR` segments sit in one tier (from ``FACTOR**k`` to
  ``FACTOR**(k+1)`` live documents), the smallest of them are merged into one
  segment of the next tier. A document is written again once per tier, so the
  work of all merges grows as ``n log n``, and no tier holds more than
  ``FACTOR - 1`` segments;
* a merge writes no segment of more than :data:`MAX_MERGED` live documents and
  takes no segment of half that or more: the segments of a full build (about
  8,500 articles each) are never merged, so an update never rewrites the corpus.

A segment written without names (*plain*: :mod:`tui.index.enriching`) is in no
plan: merged with others it would give a segment some of whose documents have
names and some not, which the enrichment could no longer take whole; the
enrichment writes it again anyway (without its deleted documents).

At most one group of small segments is merged per update, so that an update's
work stays bounded by :data:`MAX_MERGED` documents whatever the corpus. A merge
copies what its segments hold (:mod:`tui.index.copying`: postings renumbered,
stored fields and sidecar files carried over) at about 0.2-0.3 ms of CPU a
document, where writing the documents again as a build does cost ~1.1 ms (the
bound was 1,000 documents then). An update that fills a tier merges it in a
forked process while it writes its own documents (:mod:`tui.index.aside`), and
commits after both: measured at 50,000 articles (quiet machine), an addition of
100 articles takes ~1.9-2.1 s, one that merges ~5,000 documents 3.4 s and one
that merges ~3,000 2.9-3.0 s: at the edge of the 3 s an addition may take (issue
13). 2,000 documents: at most 2.83 s in 70 additions (at 64,000-71,000
articles). The price: segments of 1,000 to 2,000 documents are not merged
further, so an index that grows by updates alone gains one segment per ~2,000
articles (a full build makes one per ~8,500; one per ~1,000 before merges
copied).
Pure: no Whoosh here (:mod:`tui.index.writes` does the writing).
"""

from __future__ import annotations

from dataclasses import dataclass

#: Segments of one tier merged into one; the ratio of one tier's sizes to the next.
#: With merges bounded by MAX_MERGED, a document added 100 at a time is copied twice
#: whether it is 4 or 8 (100 -> 400 -> 1,600; 100 -> 800 -> 1,600), but 8 leaves up to
#: 14 small segments where 4 leaves 6: 50,000 articles (7 segments) had 13 segments
#: after 20 additions of 100 with 8, 9 with 4 (every search looks each word up in every
#: segment).
FACTOR = 4
#: The most live documents a merge writes into one segment (and so in one update).
MAX_MERGED = 2_000


@dataclass(frozen=True)
class Health:
    """One segment as the policy sees it: its id, documents (with the deleted ones),
    how many of them are deleted, and whether it is plain (no plan takes it)."""

    id: str
    docs: int
    deleted: int
    plain: bool = False

    @property
    def live(self) -> int:
        return self.docs - self.deleted


def tier(live: int) -> int:
    """The size tier of a segment of ``live`` documents (0 up to ``FACTOR - 1``)."""
    level, bound = 0, FACTOR
    while live >= bound:
        level += 1
        bound *= FACTOR
    return level


def merge_plan(segments: list[Health]) -> list[list[str]]:
    """The groups of segment ids to write again, each group as one new segment."""
    segments = [s for s in segments if not s.plain]
    total = sum(s.docs for s in segments)
    deleted = sum(s.deleted for s in segments)
    groups: list[list[str]] = []
    taken: set[str] = set()
    small = small_merge(segments)
    if small:
        groups.append(small)
        taken.update(small)
    purge_all = deleted * 4 >= total and deleted > 0
    for s in segments:
        if s.id in taken or not s.deleted:
            continue
        if purge_all or s.deleted * 3 >= s.docs:
            groups.append([s.id])
    return groups


def small_merge(segments: list[Health]) -> list[str]:
    """The smallest segments of the lowest tier that has :data:`FACTOR` of them, as
    many as :data:`MAX_MERGED` documents allow (empty: no merge needed)."""
    by_tier: dict[int, list[Health]] = {}
    for s in segments:
        if s.live * 2 < MAX_MERGED and not s.plain:
            by_tier.setdefault(tier(s.live), []).append(s)
    for level in sorted(by_tier):
        members = sorted(by_tier[level], key=lambda s: (s.live, s.id))
        if len(members) < FACTOR:
            continue
        group: list[str] = []
        size = 0
        for s in members:
            if size + s.live > MAX_MERGED:
                break
            group.append(s.id)
            size += s.live
        if len(group) >= 2:
            return group
    return []
