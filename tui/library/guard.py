"""Reading the index without mistaking one failure for another.

A read of the index can fail three ways that look alike from outside: a damaged
file, a rebuild by another copy of Dossier under the reader, and a query that
Whoosh itself cannot run. :func:`read_guarded` tells them apart.
"""

from __future__ import annotations

import pickle
import struct
import zlib
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from tui.index import IndexNotBuilt, QuerySyntaxError, SearchCancelled
from tui.library.models import IndexDamaged, LibraryError, QueryError

if TYPE_CHECKING:
    from tui.index import SearchIndex

T = TypeVar("T")

#: Reads tried while another process keeps committing under them.
ATTEMPTS = 5
Synonyms = dict[str, dict[str, list[str]]]


def read_guarded(
    index: SearchIndex,
    read: Callable[[], T],
    query: str | None,
    synonyms: Callable[[], Synonyms],
    damaged: Callable[[], None],
) -> T:
    """``read()``, with a failure inside Whoosh turned into :class:`IndexDamaged`.

    A damaged file (cut short, overwritten) shows itself only when a read
    reaches it, as whatever error the decoder happens to raise. But a read can
    also fail because another copy of Dossier updated or rebuilt the index under it:
    when the index on disk is not the one that was open, the read is tried again on
    the new one (up to :data:`ATTEMPTS` times), and a failure while the index changed
    is never taken for damage. Only a failure that repeats on the index opened anew,
    which nobody changed during the read, marks it damaged (for a rebuild).
    And a ``query`` can fail inside Whoosh on its own (a case Whoosh does not
    handle): when the failure is not in reading a file and every file the query
    reads reads cleanly, it is a :class:`QueryError`, and the index is sound.
    ``damaged()`` is called when the index is marked damaged, before the error.
    """
    for attempt in range(1, ATTEMPTS + 1):
        before = index.toc_identity()
        try:
            return read()
        except IndexNotBuilt as exc:  # none there, or one only a build may replace
            raise LibraryError(str(exc)) from None
        except (QuerySyntaxError, QueryError, LibraryError, SearchCancelled, InterruptedError):
            raise  # InterruptedError: a lookup cancelled (tui.library.passages), no damage
        except Exception as exc:  # noqa: BLE001 - any other failure is the index's
            if index.changed_on_disk(since=before):
                # Another process committed during the read (and may have deleted the
                # files of segments it merged away, which Whoosh opens lazily): no sign
                # of damage. Read the new index; if it keeps changing under every
                # attempt, say so rather than call a sound index damaged.
                index.close()
                if attempt < ATTEMPTS:
                    continue
                raise LibraryError(
                    "the index kept changing while it was read (another copy of Dossier "
                    "is updating it): try again"
                ) from None
            detail = str(exc).strip().splitlines()[0][:60] if str(exc).strip() else ""
            why = type(exc).__name__ + (f": {detail}" if detail else "")
            if (
                query is not None
                and not _reading_failure(exc)
                and _reads_cleanly(index, query, synonyms)
            ):
                raise QueryError(
                    f"cannot run this query ({why}); the index is fine: try another"
                ) from None
            if attempt == 1:
                # Unchanged, as far as a look at the newest table of contents tells,
                # but on an index opened before: damage only if the failure repeats on
                # the index opened anew.
                index.close()
                continue
            index.mark_damaged(why)
            index.close()
            damaged()
            raise IndexDamaged(f"the search index is damaged ({why})") from None
    raise AssertionError("unreachable")


def _reads_cleanly(index: SearchIndex, query: str, synonyms: Callable[[], Synonyms]) -> bool:
    try:
        names = synonyms()
    except Exception:  # noqa: BLE001 - reading the linked names failed: the files did
        return False
    return index.reads_cleanly(query, names)


#: Where a failure means a file could not be read: Whoosh's decoders and file layer.
_READING_MODULES = ("whoosh.codec", "whoosh.filedb", "whoosh.columns", "whoosh.reading")


def _reading_failure(exc: BaseException) -> bool:
    """Whether ``exc`` came from reading the index's files (not from running a query)."""
    if isinstance(exc, (OSError, EOFError, struct.error, pickle.UnpicklingError, zlib.error)):
        return True
    tb = exc.__traceback__
    module = ""
    while tb is not None:
        module = str(tb.tb_frame.f_globals.get("__name__", ""))
        tb = tb.tb_next
    return module.startswith(_READING_MODULES)
