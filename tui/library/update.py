"""Bringing the index in step with the folder: only what changed is indexed again.

:func:`update_index` opens (or rebuilds) the index, asks :func:`plan_update`
what changed since the manifest was written, has the index delete and add those
documents in one commit (preparing them in worker processes), and writes the new
manifest. The :class:`~tui.library.Library` facade keeps the result.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tui.index import SCHEMA_VERSION, IndexBusy, IndexCorrupt, IndexFolderInUse
from tui.library.boilerplate import LearnedState, group_of
from tui.library.catalog import Catalog
from tui.library.manifest import Entry, State, entries_of, plan_update, record_written, still_failed
from tui.library.models import LibraryError, UpdateReport
from tui.library.prepare import config_signature, fingerprints, prepare_document, tools


@dataclass(frozen=True)
class UpdateOutcome:
    report: UpdateReport
    #: The new manifest; None when the index could not be written (it is read as it was).
    state: State | None
    #: Files changed or went: bookmarks are to be found again in the articles.
    reanchor: bool = False


def open_index(catalog: Catalog) -> str | None:
    """Open the index (making it if need be); why it was rebuilt, or None."""
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


def _clean_again(
    catalog: Catalog,
    state: State,
    learned: LearnedState,
    paths: list[str],
    signature: tuple[Any, ...],
    workers: int,
    disk: dict[str, tuple[int, int]],
    failed: dict[str, Any],
    cancelled: Callable[[], bool] | None,
) -> list[str]:
    """Index ``paths`` again: their source's learned boilerplate or corrections changed."""
    again = [(p, state.entries[p].id) for p in paths if p in state.entries]
    try:
        docs, warnings = catalog.index.write(
            delete=[doc_id for _, doc_id in again],
            prepare=prepare_document,
            items=[
                catalog.item(p, doc_id, signature, learned.learned(group_of(p)))
                for p, doc_id in again
            ],
            workers=workers,
            cancelled=cancelled,
        )
    except (IndexBusy, IndexCorrupt, OSError) as exc:
        # The articles keep their cleaning until they change; the search still works.
        return [f"learned boilerplate not applied yet: {exc}"]
    record_written(state, docs, warnings, disk, failed)
    learned.update(docs, [msg.split(": ", 1)[0] for msg in warnings])
    return warnings


def update_index(
    catalog: Catalog,
    carried: dict[str, str],
    workers: int,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> UpdateOutcome:
    """Update the index of ``catalog``'s folder; ``carried`` are ids from before a rebuild."""
    index = catalog.index
    reason = open_index(catalog)
    meta = index.read_meta()
    manifest: dict[str, Any] = meta.get("files", {}) if isinstance(meta.get("files"), dict) else {}
    if reason and manifest:
        manifest = {}
    rules_fp, ents_fp = fingerprints(catalog.config_dir)
    rules_changed = meta.get("cleaner") != rules_fp
    corrections = tools(str(catalog.config_dir))[0].corrections_fingerprints()
    corrected = _corrected_sources(meta.get("corrections"), corrections)
    if reason or rules_changed:
        corrected = set()  # every article is cleaned again anyway
    ents_changed = meta.get("entities") != ents_fp
    disk = catalog.disk()
    entries = entries_of(manifest)
    # Files that could not be read last time are tried again only once they change.
    failed = {} if reason or rules_changed else still_failed(meta, disk)

    def entities_differ(relpath: str, entry: Entry) -> bool:
        doc = prepare_document(catalog.item(relpath, entry.id))
        return isinstance(doc, str) or doc["ents_hash"] != entry.ents_hash

    plan = plan_update(
        entries,
        disk,
        failed=failed,
        rules_changed=rules_changed,
        unreadable=catalog.unreadable,
        carried=carried,
        content_hash=catalog.hash_of,
        entities_differ=entities_differ if ents_changed else None,
    )
    signature = config_signature(str(catalog.config_dir))  # once, not two stats a file
    learned = LearnedState(None if reason else meta.get("boilerplate"))
    items = [
        catalog.item(relpath, doc_id, signature, learned.learned(group_of(relpath)))
        for relpath, doc_id in plan.index
    ]
    state = plan.state

    total = len(items)
    done = 0

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
    ):
        try:
            docs, warnings = index.write(
                delete=plan.delete,
                prepare=prepare_document,
                items=items,
                workers=workers,
                progress=step,
                cancelled=cancelled,
            )
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
        record_written(state, docs, warnings, disk, failed)
        unread_now = [msg.split(": ", 1)[0] for msg in warnings]
        changed_groups = learned.update(docs, [*plan.removed, *unread_now])
        # Sources whose corrections changed: their articles not indexed just now.
        fresh = {doc["path"] for doc in docs}
        again = set(learned.files_of(changed_groups))
        again.update(p for p in learned.files_of(corrected) if p not in fresh)
        if again:
            warnings += _clean_again(
                catalog, state, learned, sorted(again), signature, workers, disk, failed, cancelled
            )
        index.write_meta(
            {
                "schema": SCHEMA_VERSION,
                "cleaner": rules_fp,
                "entities": ents_fp,
                "files": {p: e.__dict__ for p, e in state.entries.items()},
                "failed": failed,
                "boilerplate": learned.to_json(),
                "corrections": corrections,
            }
        )
    renamed = len(plan.renamed_from)
    unread = {msg.split(": ", 1)[0] for msg in warnings}
    message = reason[:1].upper() + reason[1:] + "; rebuilt it." if reason else ""
    report = UpdateReport(
        added=len(set(plan.added) - unread) - renamed,
        changed=len(set(plan.changed) - unread) + renamed,
        removed=len(plan.removed) - renamed,
        rebuilt=bool(reason),
        message=message,
        warnings=tuple(catalog.folder_warnings()) + tuple(warnings) + tuple(notes),
        skipped=len(failed),
    )
    return UpdateOutcome(report, state, reanchor=bool(plan.changed or plan.removed))
