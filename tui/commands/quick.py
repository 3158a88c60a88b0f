"""``dossier index`` on a folder where nothing changed: answered without the library.

The usual path imports the library, the index and Whoosh (a third of a second before
it looks at anything) and opens the index. When the folder, the config and the index
are as the last full update left them (:mod:`tui.freshness`: the folders' times, every
article file's size, time and change mark, the index's files), there is nothing to do but say so:
:func:`index_unchanged` checks exactly that with ``stat`` calls and prints what the
usual path would print. Anything else (another option, a folder it cannot read, a
link or file to warn about, no stamp) goes the usual way, which finds the same and
says what it always says.

Every file is looked at by name, from the listing the last update kept beside its
stamp (:func:`tui.listing.files_unchanged`: one ``stat`` a file, the folders not
listed again unless their entries changed), and the settings are not read while
their files are as they were (:func:`tui.freshness.stamped_skip`). At 50,000
articles that is about 0.14 s of CPU where listing every folder, sorting, matching
each name and hashing the whole look was 0.35 s; the walk (:func:`_looked`) remains
for what the listing cannot say (a corpus with links in it, no listing).

This module and what it imports (:mod:`tui.freshness`, :mod:`tui.paths`,
:mod:`tui.known`, :mod:`tui.text`; :mod:`tui.settings` and :mod:`tui.articles` only when the
settings changed or a folder is listed) must stay light: no Whoosh, no library.
"""

from __future__ import annotations

import os
import sys
import time

from tui.argv import plain_options

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

#: Set when :func:`index_unchanged` looked and found a change: the usual path need not
#: look again before it updates (the look is kept, tui.freshness.keep_look).
checked = False

_VALUED = {"--corpus": "corpus", "--data-dir": "data_dir", "--index-dir": "index_dir"}
_FLAGS = {"--quiet": "quiet", "-q": "quiet"}


def parse(argv: list[str]) -> dict[str, Any] | None:
    """The options of ``dossier index ARGV``, or None when they are not the plain kind
    this path answers (``--rebuild``, ``--help``, two folders, a mistake: the parser's)."""
    opts: dict[str, Any] = {}
    folders: list[str] = []
    if not plain_options(argv, _VALUED, _FLAGS, opts, folders, once=True):
        return None
    if len(folders) > 1 or (folders and "corpus" in opts):
        return None  # two folders, or one twice: the parser says which
    if folders:
        opts["corpus"] = folders[0]
    return opts


def _data(opts: dict[str, Any]) -> Path | None:
    from pathlib import Path

    data = opts.get("data_dir")
    return Path(data) if data else None


def index_unchanged(argv: list[str]) -> int | None:
    """Exit code 0 (and the line the usual path prints) when the index of the folder
    ``dossier index ARGV`` names is known to be up to date; None: take the usual path."""
    global checked
    checked = False
    opts = parse(argv)
    if opts is None:
        return None
    from pathlib import Path

    from tui import freshness, known, listing, paths

    try:
        # As open_library: no folder named is the indexed corpus the current folder is
        # in, else the seeds.
        here = None if opts.get("corpus") else known.corpus_here(_data(opts))
        corpus = Path(opts.get("corpus") or here or paths.seeds_dir()).expanduser()
        if not corpus.is_dir() or not os.access(corpus, os.R_OK | os.X_OK):
            return None  # the usual path says what is wrong with it
        corpus = corpus.resolve()
        data = opts.get("data_dir")
        index = opts.get("index_dir")
        where = paths.corpus_paths(
            corpus,
            data=Path(data) if data else None,
            index=Path(index) if index else None,
        )
        if not (where.index / freshness.STAMP_NAME).exists():
            return None
        skip = freshness.stamped_skip(where.index)
        if skip is None:  # the settings changed (or the stamp does not say)
            from tui.settings import load_settings

            skip = load_settings().corpus_skip
        watched = freshness.watched(where.config, where.bookmarks)
        same = listing.files_unchanged(where.index, corpus, watched, skip)
        if same is None:  # cannot tell so (a link, no listing): look at every file
            same = _looked(corpus, where.index, skip, watched)
        if not same:
            return None  # the usual path says what changed, and updates
        count = freshness.stamped_articles(where.index)
    except (OSError, ValueError):
        return None
    if count is None:
        return None
    if not opts.get("quiet"):
        from tui.text import plural, visible

        name = visible(str(corpus), keep_newlines=False)
        if not count:
            from tui.commands.index import no_articles

            sys.stdout.write(no_articles(name) + "\n")
        else:
            sys.stdout.write(f"index of {name} is up to date: {plural(count, 'article')}\n")
    return 0


def _looked(corpus: Path, index: Path, skip: Any, watched: list[Path]) -> bool:
    """Whether the index is up to date by a look at every file of ``corpus`` (every
    folder listed, every file's size and time), its digest compared with the stamp's.
    False when the look found a change (kept for the update that follows: ``checked``)
    or something to warn about (the usual path says it)."""
    global checked
    from tui import freshness
    from tui.articles import stat_article_files

    unreadable: list[str] = []
    notes: list[str] = []
    folders: dict[str, int] = {}
    marks: dict[str, int] = {}
    scanned_at = time.time()
    disk = stat_article_files(corpus, skip, unreadable, notes, folders, marks)
    if unreadable or notes:
        return False  # warnings the usual path prints
    if freshness.unchanged(index, corpus, watched, skip, freshness.disk_digest(disk)):
        return True
    # Something changed: the update that follows starts from this look.
    freshness.keep_look(corpus, skip, disk, folders, scanned_at, marks)
    checked = True
    return False
