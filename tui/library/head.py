"""The first rows of the article list, kept beside the index so that the app shows the
first article at once.

Listing the articles of a large corpus means reading the whole manifest (one JSON
document: 15 MB at 50,000 articles) and a ``stat`` of every file: seconds, before the
first article could show. So each update that leaves the index in step with the
folder keeps the first :data:`ROWS` rows of the list in its default order
(``dossier-head.json``: the rows as shown, with the user's corrections, and what
opening each article needs: its file, its manifest entry, the learned boilerplate of
its group), keyed by the metadata file they were made from. The app shows them and
opens the first while the folder is read; the full list follows.

They are used only while the stamp of :mod:`tui.library.derived` says that nothing
changed since the last full update (then the full list starts with the same rows).
"""

from __future__ import annotations

import dataclasses
import hashlib
import heapq
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui.library import derived
from tui.library.boilerplate import group_of
from tui.library.manifest import Entry, entry_of
from tui.library.models import ArticleSummary
from tui.library.ordering import sort_key, usable_column

HEAD_NAME = derived.HEAD_NAME
#: Rows kept: more than a screen shows, few enough to read in a millisecond.
ROWS = 200
#: The format of the saved head (part of its key: another is made again).
FORMAT = 3
#: The list's order when the app starts.
DEFAULT_COLUMN = "date"


@dataclass(frozen=True)
class Head:
    """The first rows of the list as the app shows them at start."""

    #: The rows, in the list's order, with the user's corrections applied.
    rows: list[ArticleSummary]
    #: How many articles the whole list has.
    total: int
    #: The column the rows are sorted by.
    column: str
    #: Which optional columns some article fills (``{"source": ..., "date": ...}``).
    filled: dict[str, bool]
    #: What opening each row's article needs: ``{id: (relpath, manifest entry)}``.
    entries: dict[str, tuple[str, Entry]]
    #: The learned boilerplate of the rows' groups.
    learned: dict[str, frozenset[str]]
    #: The user's corrections the rows were made with (:func:`corrections_key`).
    corrections: str = ""


def corrections_key(corrections: Mapping[str, Any]) -> str:
    """A digest of the user's corrections (``{id: Correction}``)."""
    items = sorted((str(k), str(getattr(c, "stamp", c))) for k, c in corrections.items())
    return hashlib.blake2b(repr(items).encode(), digest_size=12).hexdigest()


def make_head(
    entries: Mapping[str, Entry],
    correct: Callable[[ArticleSummary], ArticleSummary],
    learned: Callable[[str], frozenset[str]],
) -> dict[str, Any]:
    """The head of the list of ``entries`` (``{relpath: entry}``), as saved; ``correct``
    applies the user's corrections to a row, ``learned`` gives a file's learned
    boilerplate."""
    summaries = [correct(entry.summary(relpath)) for relpath, entry in entries.items()]
    counts = _filled_counts(summaries)
    column = usable_column(DEFAULT_COLUMN, _filled(counts))
    first = heapq.nsmallest(ROWS, summaries, key=sort_key(column))
    return _head(first, entries, counts, column, learned)


def update_head(
    previous: Any,
    entries: Mapping[str, Entry],
    changed: Mapping[str, Entry],
    gone: Mapping[str, Entry],
    correct: Callable[[ArticleSummary], ArticleSummary],
    learned: Callable[[str], frozenset[str]],
) -> dict[str, Any] | None:
    """The head of ``entries`` from the head made before an update (``previous``, as
    saved, made with the same corrections) and what the update changed: ``changed``
    (``{relpath: entry}`` now, the entries added or changed) and ``gone`` (``{relpath:
    entry}`` before, the entries removed or changed). The same as :func:`make_head`,
    without a summary of every entry (at 50,000 articles, a fifth of an update).

    None when it cannot be told from those alone (a row of the old head went or
    changed: the row after the last is unknown; the list's column changed; a head
    of another format): then :func:`make_head` makes it."""
    try:
        column = str(previous["column"])
        counts = {str(k): int(v) for k, v in dict(previous["counts"]).items()}
        old_rows = [(ArticleSummary(**shown), fields) for shown, fields in previous["rows"]]
    except (KeyError, TypeError, ValueError):
        return None
    if any(s.path in gone or s.path not in entries for s, _ in old_rows):
        return None
    added = [correct(entry.summary(relpath)) for relpath, entry in changed.items()]
    for sign, summaries in (
        (-1, [correct(entry.summary(relpath)) for relpath, entry in gone.items()]),
        (1, added),
    ):
        for name, n in _filled_counts(summaries).items():
            counts[name] = counts.get(name, 0) + sign * n
    if usable_column(DEFAULT_COLUMN, _filled(counts)) != column:
        return None
    # Every entry the update left alone sorts after the old head's last row: the new
    # first rows are among the old ones and the changed entries (taken in the entries'
    # order, as make_head takes them: rows that sort alike keep that order).
    at = {relpath: n for n, relpath in enumerate(entries)}
    candidates = sorted([s for s, _ in old_rows] + added, key=lambda s: at[s.path])
    first = heapq.nsmallest(ROWS, candidates, key=sort_key(column))
    return _head(first, entries, counts, column, learned)


def _filled_counts(summaries: list[ArticleSummary]) -> dict[str, int]:
    """How many of ``summaries`` fill each optional column."""
    return {
        "source": sum(1 for s in summaries if s.source),
        "date": sum(1 for s in summaries if s.date),
    }


def _filled(counts: Mapping[str, int]) -> dict[str, bool]:
    return {name: n > 0 for name, n in counts.items()}


def _head(
    first: list[ArticleSummary],
    entries: Mapping[str, Entry],
    counts: dict[str, int],
    column: str,
    learned: Callable[[str], frozenset[str]],
) -> dict[str, Any]:
    learned_of = {group_of(s.path): learned(s.path) for s in first}
    return {
        "column": column,
        "filled": _filled(counts),
        "counts": counts,
        "total": len(entries),
        "rows": [[dataclasses.asdict(s), dataclasses.asdict(entries[s.path])] for s in first],
        "learned": {g: sorted(h) for g, h in sorted(learned_of.items())},
    }


def write_head(index_dir: Path, key: derived.Stat, head: dict[str, Any]) -> bool:
    return derived.write_keyed(index_dir / HEAD_NAME, ["head", FORMAT, key], head)


def head_written_for(index_dir: Path, key: derived.Stat) -> bool:
    return saved_head(index_dir, key) is not None


def saved_head(index_dir: Path, key: derived.Stat) -> Any:
    """The head saved for the metadata file ``key``, as saved (None: none, another)."""
    return derived.read_keyed(index_dir / HEAD_NAME, ["head", FORMAT, key])


def read_head(index_dir: Path, key: derived.Stat) -> Head | None:
    """The head saved for the metadata file ``key`` (None: none, another, unreadable)."""
    data = saved_head(index_dir, key)
    if not isinstance(data, dict):
        return None
    try:
        rows: list[ArticleSummary] = []
        entries: dict[str, tuple[str, Entry]] = {}
        for shown, fields in data["rows"]:
            summary = ArticleSummary(**shown)
            entry = entry_of(fields)
            if entry is None:
                return None
            rows.append(summary)
            entries[summary.id] = (summary.path, entry)
        filled = {str(k): bool(v) for k, v in dict(data["filled"]).items()}
        learned = {str(g): frozenset(map(str, h)) for g, h in dict(data["learned"]).items()}
        corrections = str(data.get("corrections", ""))
        return Head(
            rows, int(data["total"]), str(data["column"]), filled, entries, learned, corrections
        )
    except (KeyError, TypeError, ValueError):
        return None
