"""What the index raises: each exception's message is one line for the user."""

from __future__ import annotations


class IndexBusy(Exception):
    """Another process is writing this index."""


class IndexFolderInUse(Exception):
    """The index folder holds files that are not Dossier's: nothing is deleted."""


class IndexNotBuilt(Exception):
    """There is no index to read (yet), or the one there must be built again."""


class IndexCorrupt(Exception):
    """The index on disk cannot be read."""


class QuerySyntaxError(ValueError):
    """The query cannot be parsed; one-line message."""


class SearchCancelled(Exception):
    """The search was stopped (by the user, or because it ran past its time)."""


class NotCopyable(Exception):
    """A segment holds something :mod:`tui.index.copying` cannot copy as it is (a
    posting list of another layout, values it cannot cut apart): merge by writing
    its documents again instead. Caught by the merge: the user never sees it."""


class NamesFound(ValueError):
    """A write without names (``SearchIndex.write(..., names=False)``) was given
    documents with names: the caller's mistake, never the user's."""


class PassagesNotReady(Exception):
    """A lookup of shared passages reads a plain segment (a full build's first phase),
    which has no passage fingerprints yet: they come with its names
    (:mod:`tui.index.enriched`), and an answer without its articles would look whole."""
