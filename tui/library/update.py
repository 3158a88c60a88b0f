"""Bringing the index in step with the folder: only what changed is indexed again.

:func:`update_index` opens (or rebuilds) the index, asks :func:`plan_update`
what changed since the manifest was written, has the index delete and add those
documents in one commit (preparing them in worker processes), and writes the new
manifest; the articles whose source learned other boilerplate or whose corrections
changed are cleaned again after (:mod:`tui.library.reclean`). The
:class:`~tui.library.Library` facade keeps the result.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tui.formats import split_record_path
from tui.index import SCHEMA_VERSION, IndexBusy, IndexCorrupt, IndexFolderInUse
from tui.library.boilerplate import LearnedState, group_of
from tui.library.catalog import Catalog
from tui.library.config_prints import config_fingerprints
from tui.library.manifest import (
    ENTRIES_KEY,
    Entry,
    State,
    manifest_entries,
    manifest_json,
    plan_update,
    record_written,
    still_failed,
)
from tui.library.models import LibraryError, UpdateReport
from tui.library.prepare import (
    LINE_DIGESTS,
    PENDING,
    config_signature,
    content_hash,
    document_of,
    entity_hashes,
    has_texts,
    preload,
    prepare_document,
    prepare_plain,
    read_document,
)
from tui.library.reclean import clean_again, in_workers, reading_learned
from tui.library.records import containers_of
from tui.library.rereading import STATE_KEY, articles_to_compare


@dataclass(frozen=True)
class UpdateOutcome:
    report: UpdateReport
    #: The new manifest; None when the index could not be written (it is read as it was).
    state: State | None
    #: Files changed or went: bookmarks are to be found again in the articles.
    reanchor: bool = False
    #: Nothing this look at the folder found is to be said again next time (no folder
    #: it could not read, no file it could not index, no odd link or record): then a
    #: later command may trust a stamp of the folder (tui.library.derived).
    settled: bool = False
    #: The manifest's entries before the update (None after a rebuild): what changed
    #: is then written beside the index, not every entry (tui.library.derived).
    before: dict[str, Entry] | None = None
    #: The documents were written without their names (the first phase of a full
    #: build): :func:`tui.library.naming.add_names` is to add them.
    names_pending: bool = False


def open_index(catalog: Catalog) -> str | None:
    """Open the index if there is one; why it must be built anew, or None."""
    try:
        return catalog.index.open()
    except IndexFolderInUse as exc:
        raise LibraryError(str(exc)) from None
    except IndexBusy as exc:
        raise LibraryError(f"{exc}; try again when it has finished") from None
    except OSError as exc:
        raise LibraryError(
            f"cannot create the index in {catalog.index.path}: {exc.strerror}"
        ) from None


def _corrected_sources(before: Any, now: dict[str, str]) -> set[str]:
    """The sources whose corrections differ from those the index was cleaned with."""
    before = before if isinstance(before, dict) else {}
    return {g for g in set(before) | set(now) if before.get(g) != now.get(g)}


def _moved_records(
    entries: dict[str, Entry], disk: dict[str, tuple[int, int]], files: dict[str, Any]
) -> dict[str, str]:
    """Records of a renamed export or feed, matched by their key: new path -> old path.

    A record's path ends with a hash of its key (``feed.rss#3fa1c29e0b``); a record
    of a file that is gone, and one with the same key in a file that is new, are
    one article, even if its text changed meanwhile (so it keeps its bookmarks).
    """
    gone: dict[str, list[str]] = {}
    for apath, entry in entries.items():
        if entry.file and entry.file not in files and apath not in disk:
            gone.setdefault(split_record_path(apath)[1] or "", []).append(apath)
    out: dict[str, str] = {}
    for apath in disk:
        if apath in entries:
            continue
        tail = split_record_path(apath)[1]
        if tail is not None and len(gone.get(tail, ())) == 1:
            out[apath] = gone.pop(tail)[0]
    return out


def _hash_of(doc: dict[str, Any] | str) -> tuple[str, ...] | None:
    """The entities' hash of a prepared article in both forms a manifest may hold
    (:func:`~tui.library.prepare.entity_hashes`; None: it cannot be read now)."""
    return None if isinstance(doc, str) else entity_hashes(doc)


def _ents_hashes(items: list[Any]) -> list[tuple[str, ...] | None]:
    """The entities' hashes of each of ``items`` (None: cannot be read now), prepared as
    a build prepares a run of articles: each phase of :func:`prepare_document` over
    them all in turn (:func:`tui.index.build.prepared`)."""
    read = [read_document(item) for item in items]
    return [_hash_of(document_of(made)) for made in read]


def _entities_differing(
    catalog: Catalog,
    paths: list[str],
    entries: dict[str, Entry],
    extra: Callable[[str, str], dict[str, Any]],
    workers: int,
) -> set[str]:
    """Which of ``paths`` have other entities under the recogniser now than the manifest
    says, prepared in ``workers`` forked processes when there are many (from the
    command line: a process with threads, the app, prepares them itself)."""
    signature = config_signature(str(catalog.config_dir))
    items = [
        catalog.item(p, entries[p].id, signature, extra=extra(p, entries[p].id)) for p in paths
    ]
    if workers > 1 and len(items) >= 200 and threading.active_count() == 1:
        # once, before the workers fork
        preload(str(catalog.config_dir), signature, texts=has_texts(items))
    from tui.index.build import RUN  # (Whoosh: not imported with the library)

    runs = [items[i : i + RUN] for i in range(0, len(items), RUN)]
    per_run: list[list[tuple[str, ...] | None]] | None = in_workers(
        _ents_hashes, runs, workers, count=len(items), chunksize=1
    )
    if per_run is None:
        per_run = [_ents_hashes(run) for run in runs]
    hashes = [h for run in per_run for h in run]
    return {
        p for p, h in zip(paths, hashes, strict=True) if h is None or entries[p].ents_hash not in h
    }


def names_pending(entry: Entry) -> bool:
    """Whether the index has ``entry``'s article without its names yet (the first phase
    of a full build wrote it): the second phase finds them with the recogniser of
    then, so a change of the recogniser meanwhile changes nothing of it now."""
    return entry.ents_hash == PENDING


def update_index(
    catalog: Catalog,
    carried: dict[str, str],
    workers: int,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    *,
    fresh: bool = False,
    names_later: bool = False,
) -> UpdateOutcome:
    """Update the index of ``catalog``'s folder; ``carried`` are ids from before a rebuild.

    With ``fresh`` (a rebuild), or when the index is missing, old or damaged, every
    file is indexed again into a new index that replaces the old one in one commit:
    searches read the old one until then, and the manifest (with the ids that
    bookmarks use) is replaced only once the new index is in place.

    ``names_later``: such a full build writes the articles without their names (the
    recogniser, half of a build's work, not called), so that the folder is
    searchable in half the time; the outcome says ``names_pending``, and
    :func:`tui.library.naming.add_names` adds them. An update of what changed
    finds the names of what it indexes, as always.
    """
    index = catalog.index
    reason = open_index(catalog)
    rebuild = fresh or reason is not None or not index.exists()
    meta = index.read_meta()
    prints = config_fingerprints(catalog)
    # (the state of the user's list tells a change the fingerprint leaves out: another
    # name of an entry, or whether the user's list or the shipped one made it)
    kept_state = meta.get(STATE_KEY)
    # The articles the change of the user's entity list may change (None: any).
    compare: set[str] | None = None
    # A release (or rules of the user's) that cleans every article otherwise, or whose
    # recogniser may find other names in any of them: every article is prepared again
    # anyway, so the index is built anew, beside the old one, which answers until one
    # commit puts the new one in its place. In place, the update deleted every document
    # by id and merged the old segments away; a recogniser's change prepared all to
    # compare their names, then again those that differed.
    entries = manifest_entries(meta)
    release = False
    if not rebuild and entries:
        if meta.get("cleaner") != prints.rules:
            release = True
        elif meta.get("entities") != prints.entities or (
            isinstance(kept_state, dict) and kept_state != prints.state
        ):
            compare = articles_to_compare(index, kept_state, prints.state)
            release = compare is None
    rebuild = rebuild or release
    # A rebuild reads every file again, as changed rules would: the manifest gives
    # the ids (and tells a renamed file), not what is in the index.
    rules_changed = rebuild or meta.get("cleaner") != prints.rules
    corrected = _corrected_sources(meta.get("corrections"), prints.corrections)
    if reason or rules_changed:
        corrected = set()  # every article is cleaned again anyway
    # When every article is indexed again, whether the recogniser changed tells
    # nothing: its fingerprints are worked out while the workers build (meanwhile).
    ents_changed = not rules_changed and (
        meta.get("entities") != prints.entities
        or (isinstance(kept_state, dict) and kept_state != prints.state)
    )
    files_on_disk = catalog.disk_for_update()
    # Files that could not be read last time are tried again only once they change.
    failed = {} if rules_changed else still_failed(meta, files_on_disk, catalog.corpus)
    # Files with the size and time the index has but put in place of another, or
    # rewritten with their time set back (their change marks differ: tui.listing).
    replaced = [] if rules_changed else catalog.replaced()
    containers = {} if rebuild else meta.get("containers")
    if replaced and isinstance(containers, dict):  # an export or a feed: parsed again
        containers = {p: c for p, c in containers.items() if p not in replaced}
    # Exports and feeds become one article path per record (tui.library.records).
    found = catalog.expand(
        {p: st for p, st in files_on_disk.items() if p not in failed},
        {"containers": containers},
        parse_all=rebuild,
        entries=entries,
    )
    failed.update(found.failed)
    disk = found.disk
    # The user's corrections of titles, dates, sources and bylines, by article id.
    fixes = catalog.corrections()

    def extra(apath: str, doc_id: str) -> dict[str, Any]:
        """A parsed record and the user's correction of the article, for the worker."""
        out: dict[str, Any] = {}
        if apath in found.records:
            relpath, record = found.records[apath]
            out.update(record=record, file=relpath, stamp=disk[apath])
        fix = fixes.get(doc_id)
        if fix is not None and fix.values():
            out.update(correction=fix.values(), corr=fix.stamp)
        return out

    def fix_stamp(doc_id: str) -> str:
        fix = fixes.get(doc_id)
        return fix.stamp if fix is not None else ""

    differing: set[str] | None = None
    if ents_changed and not rules_changed:
        # Every unchanged file that may read otherwise is prepared again to compare its
        # entities: after a change of the user's list alone, those whose text may hold
        # a name it changed (tui.library.rereading: ``compare``, worked out above).
        same = [
            p
            for p, e in entries.items()
            if p in disk
            and (e.size, e.mtime) == disk[p]
            and (compare is None or e.id in compare)
            and not names_pending(e)
        ]
        differing = _entities_differing(catalog, same, entries, extra, workers)

    def entities_differ(apath: str, entry: Entry) -> bool:
        if (compare is not None and entry.id not in compare) or names_pending(entry):
            return False  # its text holds no name the change touched, or has no names yet
        if differing is not None and (entry.size, entry.mtime) == disk.get(apath):
            return apath in differing  # compared above
        doc = prepare_document(catalog.item(apath, entry.id, extra=extra(apath, entry.id)))
        return isinstance(doc, str) or entry.ents_hash not in entity_hashes(doc)

    def hash_of(apath: str) -> str | None:
        if apath in found.records:
            return content_hash(found.records[apath][1].raw)
        return catalog.hash_of(apath)

    plan = plan_update(
        entries,
        disk,
        failed=failed,
        rules_changed=rules_changed,
        unreadable=catalog.unreadable,
        carried=carried,
        content_hash=hash_of,
        entities_differ=entities_differ if ents_changed else None,
        also_changed=[p for p, e in entries.items() if e.corr != fix_stamp(e.id)]
        + [p for p in replaced if p in entries and catalog.hash_of(p) != entries[p].hash],
        moved=_moved_records(entries, disk, files_on_disk),
    )
    signature = config_signature(str(catalog.config_dir))  # once, not two stats a file
    learned = LearnedState(None if rebuild else meta.get("boilerplate"))
    items = [
        catalog.item(
            apath, doc_id, signature, learned.learned(group_of(apath)), extra(apath, doc_id)
        )
        for apath, doc_id in plan.index
    ]
    state = plan.state

    total = len(items)
    done = 0
    # A full build of more than a few articles: searchable first, the names after. Not
    # a release's: the old index, names and all, answers until the new one is in, and
    # one pass spares the second phase's reading and writing every segment again (at
    # 50,000 articles, load ~15: 565 s in place in one pass, 649 s in two phases).
    plain = names_later and rebuild and not release and total > 1 and index.writes_plain()

    def step(n: int) -> None:
        nonlocal done
        done += n
        if progress:
            progress(min(done, total), total)

    if progress:
        progress(0, total)
    warnings: list[str] = []
    notes: list[str] = []
    if (
        items
        or plan.delete
        or rules_changed
        or corrected
        or ents_changed
        or reason
        or (set(failed) != set(meta.get("failed") or {}))
        or found.containers != containers_of(meta)
    ):
        if len(items) > 1:
            # once, before workers fork (the recogniser's model only if it is used)
            preload(str(catalog.config_dir), signature, model=not plain, texts=has_texts(items))
        try:
            docs, warnings = index.write(
                delete=[] if rebuild else plan.delete,
                prepare=prepare_plain if plain else prepare_document,
                items=items,
                workers=workers,
                progress=step,
                cancelled=cancelled,
                fresh=rebuild,
                names=not plain,
                meanwhile=prints.work_out,
            )
        except IndexFolderInUse as exc:
            raise LibraryError(str(exc)) from None
        except IndexBusy as exc:
            if index.exists() and not reason:
                # Another copy is writing: read the index as it is.
                report = UpdateReport(message=f"{exc}; showing the index as it was", stale=True)
                return UpdateOutcome(report, None)
            raise LibraryError(f"{exc}; try again when it has finished") from None
        except OSError as exc:
            if index.exists() and not reason:
                # A read-only index (a shared or mounted copy): search it as it is.
                report = UpdateReport(
                    message=f"cannot update the index ({exc.strerror or exc}); "
                    "showing it as it was",
                    stale=True,
                )
                return UpdateOutcome(report, None)
            raise LibraryError(
                f"cannot write the index in {index.path}: {exc.strerror or exc}"
            ) from None
        except IndexCorrupt as exc:
            raise LibraryError(f"indexing failed: {exc}") from None
        notes = [doc["note"] for doc in docs if doc.get("note")]
        if rebuild:  # the new index holds these and nothing else
            state = State()
        record_written(state, docs, warnings, disk, failed, catalog.corpus)
        unread_now = [msg.split(": ", 1)[0] for msg in warnings]
        changed_groups = learned.update(docs, [*plan.removed, *unread_now])
        # Sources whose corrections changed: their articles not indexed just now.
        indexed_now = {doc["path"] for doc in docs}
        again = set(learned.files_of(changed_groups))
        # (the digests of the candidate lines the workers noted, of those articles)
        noted = (
            {d["path"]: d[LINE_DIGESTS] for d in docs if LINE_DIGESTS in d and d["path"] in again}
            if rebuild and again
            else {}
        )
        # Each document's manifest fields are in the state now: at 50,000 articles the
        # list held ~90 MB through the cleaning again and the merge below.
        del docs
        if rebuild and again:
            # Every article was cleaned with no learned lines: only those with a line
            # their source learned read otherwise now.
            again = reading_learned(
                catalog, state, learned, sorted(again), signature, workers, extra, noted
            )
        again.update(p for p in learned.files_of(corrected) if p not in indexed_now)
        if again:
            warnings += clean_again(
                catalog,
                state,
                learned,
                sorted(again),
                signature,
                workers,
                disk,
                failed,
                cancelled,
                extra,
                names=not plain,
            )
        index.write_meta(
            {
                "schema": SCHEMA_VERSION,
                "cleaner": prints.rules,
                "entities": prints.entities,
                STATE_KEY: prints.state,
                ENTRIES_KEY: manifest_json(state.entries),
                "failed": failed,
                "boilerplate": learned.to_json(),
                "corrections": prints.corrections,
                "containers": found.containers,
            }
        )
        catalog.keep_learned(learned)
    elif kept_state != prints.state and state is not None:
        # An index of an older Dossier, built with this recogniser: what it keeps of the
        # user's entity list from now on, so that a correction compares only the
        # articles it may change (tui.library.rereading).
        index.write_meta({**meta, STATE_KEY: prints.state})
    renamed = len(plan.renamed_from)
    unread = {msg.split(": ", 1)[0] for msg in warnings}
    message = reason[:1].upper() + reason[1:] + "; rebuilt it." if reason else ""
    if rebuild and not release:  # a new index: every article in it was added
        added, changed, removed = len({p for p, _ in plan.index} - unread), 0, 0
    else:
        added = len(set(plan.added) - unread) - renamed
        changed = len(set(plan.changed) - unread) + renamed
        removed = len(plan.removed) - renamed
    report = UpdateReport(
        added=added,
        changed=changed,
        removed=removed,
        rebuilt=bool(reason),
        message=message,
        warnings=tuple(catalog.folder_warnings())
        + tuple(f["error"] for f in found.failed.values())
        + tuple(found.warnings)
        + tuple(warnings)
        + tuple(notes),
        # Files read and refused (binary, too large) and paths the walk left out (a
        # broken link, a link out of the folder, a pipe, an unreadable subfolder).
        skipped=len(failed) + len(catalog.folder_warnings()),
    )
    # Any change to the index may move a bookmarked passage, end one (a file gone) or
    # bring one back (a file restored, or renamed: the bookmark follows its new path).
    touched = plan.added or plan.changed or plan.removed or rebuild
    settled = not (catalog.folder_warnings() or failed or found.failed or found.warnings)
    return UpdateOutcome(
        report,
        state,
        reanchor=bool(touched),
        settled=settled,
        before=None if rebuild else entries,
        names_pending=plain,
    )
