"""Keeping a library's index in step with its folder, and what is kept beside it.

:class:`IndexUpkeep` is the part of :class:`~tui.library.Library` that updates or
rebuilds the index (:func:`~tui.library.update.update_index` does the work), then
carries the consequences: the manifest in memory, the bookmarks found again in
changed articles, the page cache pruned, the corpus remembered; and it keeps
beside the index what commands would otherwise work out on every run
(:mod:`tui.library.derived`), which lets a command skip the update altogether.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Mapping
from dataclasses import replace as dc_replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui import freshness, known, listing
from tui.articles import article_id
from tui.heap import fewer_collections
from tui.index import META_NAME, SearchIndex
from tui.library import derived, restored
from tui.library.beside import Beside, beside
from tui.library.boilerplate import group_of
from tui.library.directory import EntityDirectory
from tui.library.head import (
    Head,
    corrections_key,
    head_written_for,
    make_head,
    read_head,
    saved_head,
    update_head,
    write_head,
)
from tui.library.manifest import Entry, State, entry_fields, entry_of
from tui.library.models import ArticleSummary, IndexDamaged, LibraryError, UpdateReport
from tui.library.names_told import NamesTold
from tui.library.naming import Naming, add_names
from tui.library.prepare import config_signature
from tui.library.update import update_index

if TYPE_CHECKING:
    from tui.library.core import Library

Progress = Callable[[int, int], None] | None
Cancelled = Callable[[], bool] | None
#: Told when the first phase of a full build has committed: the folder is searchable,
#: its names are still to come (:mod:`tui.library.naming`).
Searchable = Callable[[UpdateReport], None] | None


class IndexUpkeep:
    """Updates of the index of a :class:`Library`, and the files derived beside it."""

    def __init__(self, lib: Library) -> None:
        self.lib = lib
        #: Ids a rebuild keeps (a renamed file keeps the id its bookmarks use).
        self.carried_ids: dict[str, str] = {}
        #: Whether the index folder was checked for a copy (see :meth:`_adopted_copy`).
        self._copy_checked = False

    def update(
        self,
        progress: Progress,
        cancelled: Cancelled,
        workers: int | None,
        fresh: bool,
        searchable: Searchable = None,
        naming: Progress = None,
        find_names: bool = True,
    ) -> UpdateReport:
        """See :meth:`Library.update_index`."""
        with fewer_collections():
            return self._update(progress, cancelled, workers, fresh, searchable, naming, find_names)

    def _update(
        self,
        progress: Progress,
        cancelled: Cancelled,
        workers: int | None,
        fresh: bool,
        searchable: Searchable,
        naming: Progress,
        find_names: bool = True,
    ) -> UpdateReport:
        lib = self.lib
        carried = lib.catalog.manifest_ids()
        carried.update(self.carried_ids)
        n_workers = workers if workers is not None else lib.settings.workers
        meta_before = derived.meta_key(lib.paths.index, META_NAME)
        outcome = update_index(
            lib.catalog, carried, n_workers, progress, cancelled, fresh=fresh, names_later=True
        )
        self.carried_ids = {}
        lib._indexed(outcome.state)
        state = outcome.state
        names = Naming()
        if state is not None and not outcome.report.stale:
            before = None if outcome.before is None else (meta_before, outcome.before)
            if outcome.names_pending and searchable is not None:
                searchable(outcome.report)
            if find_names and (outcome.names_pending or lib.index.plain_segments()):
                # Searchable, names to find. The stamp says so: a search trusts it (and
                # finds its hits' entries beside the index) while this finds them
                # (tui.library.names_told); `dossier index` and the app do not (they
                # find them, if these are stopped).
                self.save_derived(state, settled=outcome.settled, before=before, pending=True)
                before = (derived.meta_key(lib.paths.index, META_NAME), dict(state.entries))
            if find_names:
                try:
                    names = self._add_names(state, n_workers, naming, cancelled)
                except KeyboardInterrupt:
                    # (Ctrl-C: the searches that follow trust the folder as it is left)
                    self.save_derived(state, settled=outcome.settled, before=before, pending=True)
                    raise
            elif lib.index.plain_segments():  # (left for an update that finds them)
                names = Naming(pending=True)
            self.save_derived(state, settled=outcome.settled, before=before, pending=names.pending)
        if outcome.reanchor and lib.paths.bookmarks.exists():
            from tui.bookmarks.model import BookmarkError

            try:
                lib.reanchor_bookmarks()
            except BookmarkError:
                pass  # a bookmarks file that cannot be written now: anchored next time
        if outcome.report.touched and lib.paths.extracts.exists():
            from tui.formats.cache import cache_at

            cache = cache_at(lib.paths.extracts)
            if cache is not None:
                cache.prune()  # the least recently used pages beyond the bound
        known.remember(lib.paths)  # so that `dossier show FILE` finds this corpus again
        if names.found or names.pending:
            return dc_replace(
                outcome.report,
                names_found=names.found,
                names_pending=names.pending,
                names_why=names.why,
            )
        return outcome.report

    def _add_names(
        self, state: State, workers: int, naming: Progress, cancelled: Cancelled
    ) -> Naming:
        """The names of the articles the index has without them (a full build's second
        phase, or what is left of one that was stopped): see :mod:`tui.library.naming`."""
        lib = self.lib
        if not lib.index.plain_segments():
            return Naming()
        config = str(lib.config_dir)
        # (in the app, an update a newer one cancelled may still be letting go of them)
        wait = 5.0 if threading.active_count() > 1 else 0.0
        told = NamesTold(lib.paths.index, naming)
        try:
            found = add_names(
                lib.index, config, config_signature(config), state, workers, told, cancelled, wait
            )
        finally:
            told.close()
        if found.found:
            lib._indexed(state)
        return found

    def rebuild(
        self,
        progress: Progress,
        cancelled: Cancelled,
        searchable: Searchable = None,
        naming: Progress = None,
    ) -> UpdateReport:
        """See :meth:`Library.rebuild_index`."""
        self.carried_ids = self.lib.catalog.manifest_ids()

        def as_rebuilt(report: UpdateReport) -> UpdateReport:
            return dc_replace(
                report,
                rebuilt=not report.stale,
                message=report.message if report.stale else "",
            )

        said = None if searchable is None else (lambda r: searchable(as_rebuilt(r)))
        return as_rebuilt(self.update(progress, cancelled, None, True, said, naming))

    def quick(
        self, every_file: bool, corrections_checked: bool = False, names_pending: bool = False
    ) -> bool:
        """Whether the index is known to be up to date from a few ``stat`` calls (see
        :mod:`tui.library.derived`: a file rewritten in place is not seen), or with
        ``every_file`` from a ``stat`` of every file (then it is); the index is then
        open, and ready to search. False: call :meth:`update`.

        Either way the manifest is not read: :meth:`article_count` says how many
        articles there are; listing them reads it.

        ``corrections_checked``: the caller made sure that the index has the user's
        corrections (:meth:`~tui.library.catalog.Catalog.corrections_in_step`), so the
        bookmarks file they are kept in is not compared: reading bookmarks touches it.

        ``names_pending``: the index will do with some articles' names still to be
        found (a search: :func:`tui.freshness.unchanged`); else True only when every
        name is there."""
        lib = self.lib
        digest = None
        ignored = self.bookmark_files() if corrections_checked else ()
        if every_file:
            # Each file by name, from the listing kept beside the stamp; the walk when
            # that cannot tell (links in the folder, no listing).
            same = listing.files_unchanged(
                lib.paths.index,
                lib.corpus,
                self.watched(),
                lib.settings.corpus_skip,
                ignored,
                names_pending,
            )
            if same is not None:
                return same and self._opened()
            disk = lib.catalog.disk()
            if lib.catalog.folder_warnings():
                return False  # said by a full update
            digest = freshness.disk_digest(disk)
        # A look at the folders' times only is a reader's (a search, the search server):
        # it trusts the stamp of an update that warned, whose warnings were said then.
        # A look at every file (the app, --rescan) has a full update say them again.
        if not freshness.unchanged(
            lib.paths.index,
            lib.corpus,
            self.watched(),
            lib.settings.corpus_skip,
            digest,
            ignored,
            warned=not every_file,
            names_pending=names_pending,
        ):
            if every_file:
                lib.catalog.hold_disk()  # the update that follows looks no further
            return False
        return self._opened()

    def _opened(self) -> bool:
        """True, the index opened as up to date (:meth:`quick`)."""
        lib = self.lib
        with lib._lock:
            lib.index.open_checked()
            lib._indexed(None)
        return True

    def _as_last_updated(self, *, files_only: bool = False) -> bool:
        """Whether the stamp says the folder is as the last full update left it. The
        bookmarks file changes whenever bookmarks are read or written, so it is not
        looked at: what depends on the corrections checks them itself (the head knows
        which it was made with). ``files_only``: its files are, whatever else changed
        (see :func:`tui.freshness.unchanged`)."""
        lib = self.lib

        def unchanged() -> bool:
            return freshness.unchanged(
                lib.paths.index,
                lib.corpus,
                self.watched(),
                lib.settings.corpus_skip,
                ignored=self.bookmark_files(),
                files_only=files_only,
            )

        return unchanged() or (self._adopted_copy() and unchanged())

    def _adopted_copy(self) -> bool:
        """Whether the index folder is a copy of the one the last update left (a home
        restored from a backup: new inode numbers), its keys now made again for it (see
        :mod:`tui.library.restored`); once a library (a few ``stat`` calls)."""
        if self._copy_checked:
            return False
        self._copy_checked = True
        return restored.adopt_copy(self.lib.paths.index, self.watched())

    def head(self, *, files_only: bool = False) -> Head | None:
        """The first rows of the list (:mod:`tui.library.head`) when the folder is known
        to be as the last full update left it; the catalog can then open their articles
        before it has read the manifest. None: list the articles the long way.

        ``files_only``: also when only Dossier or the user's config changed since (a
        release, a cleaning rule: the index is made again, and listing the folder
        reads every file, 20 s at 50,000 articles): the rows as that update listed
        them, their articles read and cleaned as they are now."""
        lib = self.lib
        folder = lib.paths.index
        if not self._as_last_updated(files_only=files_only):
            return None
        key = derived.meta_key(folder, META_NAME)
        head = read_head(folder, key) if key is not None else None
        if head is None and key is not None and self._adopted_copy():
            key = derived.meta_key(folder, META_NAME)
            head = read_head(folder, key) if key is not None else None
        if head is not None and head.corrections != corrections_key(lib.catalog.corrections()):
            return None
        if head is not None:
            lib.catalog.prime(head.entries, head.learned)
        return head

    def prime_article(self, ref: str, *, files_only: bool = False) -> str | None:
        """Let the catalog open the article ``ref`` (an id, or the path of a file in the
        corpus) without reading the folder (a ``stat`` of every file and the whole
        manifest: 0.7 s at 50,000 articles), when the stamp says that nothing changed
        since the last full update: its entry from the copy beside the index
        (:mod:`tui.library.derived`), the learned boilerplate of its group from the head
        when the head has it (else the catalog reads it from the metadata). Returns the
        id primed; None: nothing primed, :meth:`Catalog.article` reads the folder.
        ``files_only``: as :meth:`head`'s."""
        lib = self.lib
        catalog = lib.catalog
        if catalog.state.entries:
            return None
        folder = lib.paths.index
        if not self._as_last_updated(files_only=files_only):
            return None
        key = derived.meta_key(folder, META_NAME)
        if key is None:
            return None
        # A path's id is the hash of its place in the corpus (tui.articles.article_id):
        # the entry found under it must be of that path.
        wanted = {ref: None} | {article_id(rel): rel for rel in self._relative(ref)}
        found = derived.read_entries(folder, key, list(wanted))
        for doc_id, rel in wanted.items():
            if not found or doc_id not in found:
                continue
            relpath, fields = found[doc_id]
            entry = entry_of(fields)
            if entry is None or (rel is not None and relpath != rel):
                continue
            head = read_head(folder, key)
            group = group_of(relpath)
            learned = {group: head.learned[group]} if head and group in head.learned else {}
            catalog.prime({doc_id: (relpath, entry)}, learned)
            return doc_id
        return None

    def _relative(self, ref: str) -> list[str]:
        """The places in the corpus that ``ref`` may name as a path: itself, and the
        file it names from here (absolute, or relative to the working folder)."""
        corpus = self.lib.corpus
        rels = [ref]
        candidate = Path(ref).expanduser()
        for base in (candidate, Path.cwd() / candidate):
            try:
                rels.append(base.resolve().relative_to(corpus).as_posix())
            except (ValueError, OSError):
                continue
        return list(dict.fromkeys(rels))

    def article_count(self) -> int:
        """How many articles the corpus has (without reading the manifest after
        :meth:`quick`)."""
        catalog = self.lib.catalog
        with self.lib._lock:
            if catalog.state.entries:
                return len(catalog.state.entries)
            count = freshness.stamped_articles(self.lib.paths.index)
            if count is not None:
                return count
        return len(catalog.articles())

    def bookmark_files(self) -> list[Path]:
        """The bookmarks file (where the corrections are kept) and its write-ahead log."""
        bookmarks = self.lib.paths.bookmarks
        return [bookmarks, bookmarks.with_name(bookmarks.name + "-wal")]

    def watched(self) -> list[Path]:
        """The user's files a full update reads besides the corpus: the config the
        articles are cleaned with, the corrections (kept with the bookmarks)."""
        return freshness.watched(self.lib.config_dir, self.lib.paths.bookmarks)

    def save_derived(
        self,
        state: State,
        *,
        settled: bool,
        before: tuple[derived.Stat, dict[str, Entry]] | None = None,
        pending: bool = False,
    ) -> None:
        """Keep beside the index what commands would otherwise work out on every run
        (:mod:`tui.library.derived`): the entries by id, the surname links, the
        names the corpus counts as another type (a search need not load the counts
        to know them), and a stamp of the folder (marked when the update warned).

        ``before``: the metadata file's stamp and the manifest's entries before this
        update; the saved entries, when they were saved from that file, then change
        by the entries that changed only.

        ``pending``: the index has articles without their names yet: the entries and
        the stamp (which says so: :mod:`tui.freshness`) only; what is worked out from
        the names waits for them (the list's first rows too: the app finds them)."""
        lib = self.lib
        if not lib.index.exists():
            freshness.forget_stamp(lib.paths.index)
            return
        # The names the corpus counts as another type, the names of one organisation and
        # the surname links (read from the whole index: ~0.1 s of a BBC build's serial
        # end) are worked out beside this process while it does the rest, then read from
        # the files they leave: this process never makes the index's facet table, which
        # the process beside makes too (both at once were the end's peak of memory).
        due = not pending and _types_due(lib)
        aside = beside(partial(_types_and_aliases, lib.paths.index)) if due else None
        try:
            self._save_derived(state, settled, before, aside, pending)
        finally:
            if aside is not None:
                aside.wait()  # (at once when waited for already)

    def _save_derived(
        self,
        state: State,
        settled: bool,
        before: tuple[derived.Stat, dict[str, Entry]] | None,
        aside: Beside | None,
        pending: bool,
    ) -> None:
        """:meth:`save_derived`, the corpus types and organisation links worked out
        meanwhile by ``aside`` when there is one."""
        lib = self.lib
        folder = lib.paths.index
        key = derived.meta_key(folder, META_NAME)
        # what the update changed: {relpath: entry} now, and before
        changed: dict[str, Entry] | None = None
        gone: dict[str, Entry] = {}
        if before is not None and before[0] is not None:
            old, now = before[1], state.entries
            changed = {p: e for p, e in now.items() if old.get(p) is not e and old.get(p) != e}
            gone = {p: e for p, e in old.items() if p not in now}
            gone.update((p, old[p]) for p in changed if p in old)
        if key is not None and derived.entries_key(folder) != key:
            if (
                before is None
                or changed is None
                or not _update_entries(folder, before[0], key, state, changed, gone)
            ):
                derived.write_entries(
                    folder,
                    key,
                    ((e.id, relpath, _entry_json(e)) for relpath, e in state.entries.items()),
                )
        if pending:
            self._stamp(state, settled, pending=True)
            return
        if key is not None and not head_written_for(folder, key):
            catalog = lib.catalog
            fixes = catalog.corrections()
            corrections = corrections_key(fixes)
            correct = _corrector(fixes)
            head = None
            if changed is not None and before is not None:
                previous = saved_head(folder, before[0])
                if isinstance(previous, dict) and previous.get("corrections") == corrections:
                    head = update_head(
                        previous, state.entries, changed, gone, correct, catalog.learned
                    )
            if head is None:
                head = make_head(state.entries, correct, catalog.learned)
            head["corrections"] = corrections
            write_head(folder, key, head)
        try:
            if aside is not None:
                aside.wait()
            lib._read(lib.directory.surname_links)
            lib._read(lib.directory.corpus_types)
            lib._read(lib.directory.organisation_links)
        except (LibraryError, IndexDamaged):
            pass  # said by the next read
        self._stamp(state, settled)

    def _stamp(self, state: State, settled: bool, *, pending: bool = False) -> None:
        """The freshness stamp of the folder as this update's look saw it."""
        lib = self.lib
        freshness.record_stamp(
            lib.paths.index,
            lib.corpus,
            lib.catalog.folders,
            self.watched(),
            lib.settings.corpus_skip,
            lib.catalog.scanned_at,
            lib.catalog.last_disk,
            len(state.entries),
            warned=not settled,
            read_as=lib.settings.read_as,
            marks=lib.catalog.last_marks,
            names_pending=pending,
        )


def _types_due(lib: Library) -> bool:
    """Whether the saved corpus types, organisation links or surname links are older
    than the index's table of contents (then they are worked out again; a look at
    their times only)."""
    toc = lib.index.toc_identity()
    if toc is None:
        return False
    for name in (derived.TYPES_NAME, derived.ALIASES_NAME, derived.LINKS_NAME):
        try:
            if (lib.paths.index / name).stat().st_mtime_ns < toc[2]:
                return True
        except OSError:
            return True
    return False


def _types_and_aliases(folder: Path) -> None:
    """In a forked process (:mod:`tui.library.beside`): the index's surname links,
    corpus types and organisation links worked out and saved beside it, through an
    index opened anew (not this process's open files, whose offsets the parent shares).

    Opened without reading the metadata: the update that forks this has just checked
    and written it (at 50,000 articles its 10 MB of JSON were parsed again here, 0.16 s
    of the 0.57 s of CPU this costs an addition of 100 articles)."""
    index = SearchIndex(folder)
    index.open_checked()
    directory = EntityDirectory(index, list, _no_article, _no_recognizer)
    directory.surname_links()
    directory.corpus_types()
    directory.organisation_links()


def _no_article(ref: str) -> Any:
    raise LookupError(ref)


def _no_recognizer() -> Any:
    return None


def _corrector(fixes: Mapping[str, Any]) -> Callable[[ArticleSummary], ArticleSummary]:
    """``Catalog.correct`` with the user's corrections as read once (``fixes``): the
    catalog's reads them again for each row, behind a look at the bookmarks file's
    stamp (three ``stat`` calls a row: 0.1 s of a 10,000-article build's end)."""

    def correct(summary: ArticleSummary) -> ArticleSummary:
        fix = fixes.get(summary.id)
        return fix.apply(summary) if fix is not None else summary

    return correct


#: ``json.dumps(value, separators=(",", ":"))`` without a new encoder made at each call
#: (``dumps`` makes one for any argument but the defaults).
_compact_json = json.JSONEncoder(separators=(",", ":")).encode


def _entry_json(entry: Entry) -> str:
    return _compact_json(entry_fields(entry))


def _update_entries(
    folder: Path,
    stamp: derived.Stat,
    key: derived.Stat,
    state: State,
    changed: dict[str, Entry],
    gone: dict[str, Entry],
) -> bool:
    """Change the saved entries by what changed since the metadata file ``stamp`` (see
    :meth:`IndexUpkeep.save_derived`); False when they cannot be."""
    rows = [(e.id, relpath, _entry_json(e)) for relpath, e in changed.items()]
    kept = {e.id for e in state.entries.values()}
    ids = {e.id for e in gone.values()} - kept
    return derived.update_entries(folder, stamp, key, rows, ids)
