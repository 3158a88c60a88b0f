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
