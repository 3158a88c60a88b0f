"""The domain API that the CLI and the Textual app share.

A :class:`Library` is one corpus folder plus its index. It knows which files
are articles, keeps the index in step with them (incrementally), answers
searches and entity questions, and holds the bookmarks store. Nothing here
imports Textual; slow methods are meant to be called from worker threads.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from tui import paths as paths_mod
from tui.articles import (
    Article,
    ArticleError,
    article_id,
    build_article,
    read_text,
    read_text_noted,
    stat_article_files,
)
from tui.cleaning import Rules, load_rules
from tui.index import (
    ENTITY_FIELDS,
    SCHEMA_VERSION,
    IndexBusy,
    IndexCorrupt,
    IndexFolderInUse,
    QuerySyntaxError,
    SearchIndex,
)
from tui.settings import Settings, load_settings
from tui.text import sentence_at, sentence_spans


@dataclass(frozen=True)
class ArticleSummary:
    """What the article list needs, without the body."""

    id: str
    path: str
    title: str
    source: str | None
    date: str | None  # ISO "YYYY-MM-DD"
    byline: str | None


@dataclass(frozen=True)
class SearchHit:
    id: str
    path: str
    title: str
    source: str | None
    date: str | None
    score: float
    snippet: str  # plain text
    snippet_matches: tuple[tuple[int, int], ...]  # spans of matched words within snippet
    matches: tuple[tuple[int, int], ...]  # spans of every match within the article body
    #: The id of a hit ranked higher whose file has the same text (a copy), if any.
    duplicate_of: str | None = None


@dataclass(frozen=True)
class SearchResult:
    query: str
    hits: tuple[SearchHit, ...]
    total: int  # number of matching articles (hits may be limited)


@dataclass(frozen=True)
class ScanResult:
    articles: list[ArticleSummary]
    warnings: list[str]


@dataclass(frozen=True)
class UpdateReport:
    added: int = 0
    changed: int = 0
    removed: int = 0
    rebuilt: bool = False
    message: str = ""
    warnings: tuple[str, ...] = ()
    #: Files that could not be read (this time or before, and unchanged since).
    skipped: int = 0
    #: The index could not be brought up to date (another copy writes, or it is
    #: read-only): searches read it as it was.
    stale: bool = False

    @property
    def touched(self) -> int:
        return self.added + self.changed + self.removed


@dataclass(frozen=True)
class EntityCount:
    id: str
    type: str
    name: str
    articles: int
    mentions: int
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class EntityOccurrence:
    article: ArticleSummary
    start: int
    end: int
    sentence: str
    sentence_start: int


class QueryError(ValueError):
    """A query that cannot be parsed; the message is one line for the user."""


class LibraryError(Exception):
    """A corpus that cannot be used (missing folder, unreadable); one-line message."""


class IndexDamaged(LibraryError):
    """A read of the index failed: it is marked for a rebuild on the next update."""


# ---------------------------------------------------------------------------
# Preparing documents (runs in worker processes too: keep it top-level)


def _tools(config_dir: str) -> tuple[Rules, Any]:
    """Cleaning rules and the entity recogniser for a config folder.

    Cached per process, and loaded again when the user's files change.
    """
    return _load_tools(config_dir, _config_signature(config_dir))


def _config_signature(config_dir: str) -> tuple[Any, ...]:
    """Sizes and times of the user's config files (a cache key)."""
    signature = []
    for name in ("boilerplate.yaml", "entities.yaml"):
        try:
            st = (Path(config_dir) / name).stat()
            signature.append((st.st_mtime_ns, st.st_size))
        except OSError:
            signature.append(None)
    return tuple(signature)


@lru_cache(maxsize=4)
def _load_tools(config_dir: str, _signature: tuple[Any, ...]) -> tuple[Rules, Any]:
    user = Path(config_dir)
    rules = load_rules([user / "boilerplate.yaml"])
    recognizer = _load_recognizer(user)
    return rules, recognizer


def _entity_id(etype: str, canonical: str) -> str:
    try:
        from tui.entities import entity_id
    except ImportError:
        return f"{etype}:{canonical.lower()}"
    return str(entity_id(etype, canonical))


def _load_recognizer(user: Path) -> Any:
    try:
        from tui.entities import Recognizer, load_gazetteer
    except ImportError:  # entity recognition not available
        return None
    return Recognizer(load_gazetteer([user / "entities.yaml"]))


def fingerprints(config_dir: Path) -> tuple[str, str]:
    rules, recognizer = _tools(str(config_dir))
    rules_fp = getattr(rules, "fingerprint", "")
    ents_fp = getattr(recognizer, "fingerprint", "") if recognizer is not None else ""
    return str(rules_fp), str(ents_fp)


def _entity_summary(
    recognizer: Any, article: Article
) -> tuple[dict[str, list[str]], dict[str, Any]]:
    """Entity field values (one entry per mention) and the stored summary per entity.

    The fields, which search uses, count the headline's mentions too (an article
    with a name in its headline is about that person); the summary, which the
    counts shown to the user come from, counts the body's mentions only: the
    ones the app can list, open and step through.
    """
    fields: dict[str, list[str]] = {name: [] for name in ENTITY_FIELDS}
    summary: dict[str, Any] = {}
    if recognizer is None:
        return fields, summary
    body_start = len(article.title) + 2
    for m in recognizer.extract(f"{article.title}\n\n{article.body}"):
        if m.type in fields:
            fields[m.type].append(m.canonical)
            if m.start < body_start:
                continue
            entry = summary.setdefault(m.id, [m.type, m.canonical, 0, []])
            entry[2] += 1
            if m.text not in entry[3]:
                entry[3].append(m.text)
    return fields, summary


def body_mentions(recognizer: Any, article: Article) -> list[Any]:
    """The entity mentions in ``article``'s body, offsets into the body.

    Found in the headline and body together, as the index finds them: a name in
    the headline links to its short forms in the text ("Blair" is Tony Blair).
    """
    if recognizer is None:
        return []
    body_start = len(article.title) + 2
    out = []
    for m in recognizer.extract(f"{article.title}\n\n{article.body}"):
        if m.start >= body_start:
            out.append(m._replace(start=m.start - body_start, end=m.end - body_start))
    return out


def prepare_document(item: tuple[str, str, str, str, Any]) -> dict[str, Any] | str:
    """Read, clean and analyse one file into an index document (or an error line).

    ``item`` is (corpus, relative path, id, config folder, config signature):
    the signature, taken once per update, saves two stat calls per article.
    """
    corpus, relpath, doc_id, config_dir, signature = item
    rules, recognizer = _load_tools(config_dir, signature)
    path = Path(corpus) / relpath
    try:
        raw, note = read_text_noted(path, Path(corpus))
        stat = path.stat()
    except ArticleError as exc:
        return f"{relpath}: {exc}"
    except OSError as exc:
        return f"{relpath}: cannot read ({exc.strerror})"
    article = build_article(relpath, raw, rules, id=doc_id)
    fields, summary = _entity_summary(recognizer, article)
    ents_hash = hashlib.blake2b(repr(sorted(summary.items())).encode(), digest_size=8).hexdigest()
    return {
        "id": article.id,
        "path": relpath,
        "title": article.title,
        "body": article.body,
        "source": article.source,
        "date": article.date,
        "byline": article.byline,
        **fields,
        "entities": summary,
        # manifest fields (not indexed)
        "size": stat.st_size,
        "mtime": stat.st_mtime_ns,
        "hash": _content_hash(raw),
        "ents_hash": ents_hash,
        "note": f"{relpath}: {note}" if note else "",
    }


#: What makes a find query more than plain words: field names, wildcards, fuzzy
#: marks, ranges, grouping and the operators.
_QUERY_SYNTAX = re.compile(r"[:*?~\[\]{}()^]|\b(?:AND|OR|NOT|TO)\b")


def _literal_pattern(query: str) -> re.Pattern[str] | None:
    """The plain words of ``query`` as a case-insensitive whole-word pattern (or None)."""
    words = query.strip().strip('"').split()
    if not words or _QUERY_SYNTAX.search(query):
        return None
    escaped = r"\s+".join(re.escape(w) for w in words)
    return re.compile(rf"(?<!\w){escaped}(?!\w)", re.IGNORECASE)


def _still_failed(meta: dict[str, Any], disk: dict[str, tuple[int, int]]) -> dict[str, Any]:
    """The files recorded as unreadable that are on disk unchanged since."""
    failed = meta.get("failed")
    if not isinstance(failed, dict):
        return {}
    return {
        p: f
        for p, f in failed.items()
        if isinstance(f, dict)
        and p in disk
        and (f.get("size"), f.get("mtime")) == disk[p]
        and isinstance(f.get("error"), str)
    }


def _content_hash(raw: str) -> str:
    return hashlib.blake2b(raw.encode("utf-8", "surrogateescape"), digest_size=10).hexdigest()


# ---------------------------------------------------------------------------


@dataclass
class _Entry:
    """What the manifest remembers of one file."""

    id: str
    size: int
    mtime: int
    hash: str
    title: str
    source: str | None
    date: str | None
    byline: str | None
    ents_hash: str = ""

    def summary(self, relpath: str) -> ArticleSummary:
        return ArticleSummary(self.id, relpath, self.title, self.source, self.date, self.byline)


@dataclass
class _State:
    entries: dict[str, _Entry] = field(default_factory=dict)  # relpath -> entry
    by_id: dict[str, str] = field(default_factory=dict)  # id -> relpath


class Library:
    """One corpus folder, its index and its bookmarks."""

    def __init__(
        self,
        corpus: Path,
        *,
        data_dir: Path | None = None,
        index_dir: Path | None = None,
        settings: Settings | None = None,
    ) -> None:
        self.corpus = Path(corpus).expanduser().resolve()
        self.paths = paths_mod.corpus_paths(self.corpus, data=data_dir, index=index_dir)
        self.settings = settings or load_settings()
        self.index = SearchIndex(self.paths.index)
        self._state = _State()
        self._lock = threading.RLock()
        self._ready = False
        self._bookmarks: Any = None
        self._links: tuple[Any, dict[str, str]] | None = None
        self._synonym_cache: dict[str, dict[str, list[str]]] | None = None
        self._facet_docs: dict[str, set[str]] = {}
        self._unreadable: tuple[str, ...] = ()
        self._walk_notes: tuple[str, ...] = ()
        self._carried_ids: dict[str, str] = {}

    @classmethod
    def open(
        cls,
        corpus: Path | str | None = None,
        *,
        data_dir: Path | None = None,
        index_dir: Path | None = None,
        settings: Settings | None = None,
    ) -> Library:
        """A library for ``corpus`` (the bundled seeds when None). Cheap: checks the folder only."""
        folder = Path(corpus).expanduser() if corpus is not None else paths_mod.seeds_dir()
        if not folder.exists():
            raise LibraryError(f"no such folder: {folder}")
        if not folder.is_dir():
            raise LibraryError(f"not a folder: {folder} (give the folder that holds the articles)")
        if not os.access(folder, os.R_OK | os.X_OK):
            raise LibraryError(f"cannot read folder: {folder}")
        return cls(folder, data_dir=data_dir, index_dir=index_dir, settings=settings)

    # -- files ----------------------------------------------------------------

    @property
    def config_dir(self) -> Path:
        return self.paths.config

    def _item(
        self, relpath: str, doc_id: str, signature: tuple[Any, ...] | None = None
    ) -> tuple[str, str, str, str, Any]:
        """What a worker needs to prepare one file; pass ``signature`` when making many."""
        config = str(self.config_dir)
        if signature is None:
            signature = _config_signature(config)
        return (str(self.corpus), relpath, doc_id, config, signature)

    def _load_manifest(self) -> dict[str, Any]:
        meta = self.index.read_meta()
        return meta if isinstance(meta.get("files"), dict) else {}

    def _manifest_ids(self) -> dict[str, str]:
        """``{relpath: id}`` as the index's metadata has them now."""
        return {
            p: e["id"]
            for p, e in self._load_manifest().get("files", {}).items()
            if isinstance(e, dict) and isinstance(e.get("id"), str)
        }

    def _disk(self) -> dict[str, tuple[int, int]]:
        """``{relpath: (size, mtime_ns)}`` of the article files now on disk.

        Subfolders that cannot be read are kept in ``self._unreadable``: their
        articles are neither listed as gone nor dropped from the index.
        """
        unreadable: list[str] = []
        notes: list[str] = []  # links out of the corpus, loops, pipes: left out
        disk = stat_article_files(self.corpus, self.settings.corpus_skip, unreadable, notes)
        self._unreadable = tuple(unreadable)
        self._walk_notes = tuple(notes)
        return disk

    def _folder_warnings(self) -> list[str]:
        return [
            f"{folder}: cannot read this folder; its articles are left out"
            for folder in self._unreadable
        ] + list(self._walk_notes)

    def scan(self) -> ScanResult:
        """The corpus's articles (title, source, date), from the manifest where it is fresh."""
        meta = self._load_manifest()
        manifest = meta.get("files", {})
        disk = self._disk()
        rules, _ = _tools(str(self.config_dir))
        rules_fp = str(getattr(rules, "fingerprint", ""))
        fresh_rules = meta.get("cleaner") == rules_fp
        warnings: list[str] = self._folder_warnings()
        state = _State()
        failed = _still_failed(meta, disk) if fresh_rules else {}
        for relpath, (size, mtime) in disk.items():
            if relpath in failed:
                warnings.append(failed[relpath]["error"])
                continue
            raw_entry = manifest.get(relpath)
            entry = _Entry(**raw_entry) if isinstance(raw_entry, dict) else None
            if entry is None or (entry.size, entry.mtime) != (size, mtime) or not fresh_rules:
                try:
                    raw = read_text(self.corpus / relpath, self.corpus)
                except ArticleError as exc:
                    warnings.append(f"{relpath}: {exc}")
                    continue
                doc_id = entry.id if entry else self._new_id(relpath, state)
                art = build_article(relpath, raw, rules, id=doc_id)
                entry = _Entry(
                    doc_id,
                    size,
                    mtime,
                    "",
                    art.title,
                    art.source,
                    art.date,
                    art.byline,
                )
            state.entries[relpath] = entry
            state.by_id[entry.id] = relpath
        with self._lock:
            self._state = state
        summaries = [e.summary(p) for p, e in state.entries.items()]
        return ScanResult(summaries, warnings)

    def _new_id(self, relpath: str, state: _State) -> str:
        doc_id = article_id(relpath)
        n = 1
        while doc_id in state.by_id and state.by_id[doc_id] != relpath:
            doc_id = article_id(f"{relpath}#{n}")
            n += 1
        return doc_id

    def articles(self) -> list[ArticleSummary]:
        with self._lock:
            if not self._state.entries:
                self.scan()
            return [e.summary(p) for p, e in self._state.entries.items()]

    def resolve(self, ref: str) -> str:
        """The relative path of an article given by id or by path."""
        with self._lock:
            if not self._state.entries:
                self.scan()
            if ref in self._state.by_id:
                return self._state.by_id[ref]
            if ref in self._state.entries:
                return ref
        candidate = Path(ref).expanduser()
        for base in (candidate, Path.cwd() / candidate):
            try:
                rel = base.resolve().relative_to(self.corpus).as_posix()
            except (ValueError, OSError):
                continue
            if rel in self._state.entries:
                return rel
        raise LibraryError(f"no article {ref!r} in {self.corpus} (give an id or a file path)")

    def article(self, ref: str) -> Article:
        """The cleaned article with id or path ``ref``."""
        relpath = self.resolve(ref)
        rules, _ = _tools(str(self.config_dir))
        try:
            raw = read_text(self.corpus / relpath, self.corpus)
        except ArticleError as exc:
            raise LibraryError(f"{relpath}: {exc}") from None
        return build_article(relpath, raw, rules, id=self._state.entries[relpath].id)

    # -- index ----------------------------------------------------------------

    @property
    def index_ready(self) -> bool:
        return self._ready

    def update_index(
        self,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
        *,
        workers: int | None = None,
    ) -> UpdateReport:
        """Bring the index in step with the folder: only what changed is re-indexed."""
        # Ids outlive a rebuild (a renamed file keeps the id its bookmarks use): note
        # them before opening, which empties an unreadable index's metadata.
        carried = self._manifest_ids()
        carried.update(self._carried_ids)
        self._carried_ids = {}
        try:
            reason = self.index.open()
        except IndexFolderInUse as exc:
            raise LibraryError(str(exc)) from None
        except IndexBusy as exc:
            raise LibraryError(f"{exc}; try again when it has finished") from None
        except OSError as exc:
            raise LibraryError(
                f"cannot create the index in {self.paths.index}: {exc.strerror}"
            ) from None
        meta = self.index.read_meta()
        manifest: dict[str, Any] = (
            meta.get("files", {}) if isinstance(meta.get("files"), dict) else {}
        )
        if reason and manifest:
            manifest = {}
        rules_fp, ents_fp = fingerprints(self.config_dir)
        rules_changed = meta.get("cleaner") != rules_fp
        ents_changed = meta.get("entities") != ents_fp
        disk = self._disk()
        entries = {p: _Entry(**e) for p, e in manifest.items() if isinstance(e, dict)}
        state = _State(dict(entries), {e.id: p for p, e in entries.items()})
        # Files that could not be read last time are tried again only once they change.
        failed = {} if reason or rules_changed else _still_failed(meta, disk)

        removed = [
            p for p in entries if p not in disk and not p.startswith(self._unreadable or "\0")
        ]
        added = [p for p in disk if p not in entries and p not in failed]
        changed = [
            p
            for p in disk
            if p in entries and (rules_changed or (entries[p].size, entries[p].mtime) != disk[p])
        ]
        if ents_changed and not rules_changed:
            changed += self._entity_changes(entries, disk, changed)
        # A renamed file keeps its id (and so its bookmarks).
        renamed_from: dict[str, str] = {}
        if removed and added:
            gone = {entries[p].hash: p for p in removed if entries[p].hash}
            for relpath in added:
                try:
                    h = _content_hash(read_text(self.corpus / relpath, self.corpus))
                except ArticleError:
                    continue
                if h in gone:
                    renamed_from[relpath] = gone.pop(h)
        items = []
        signature = _config_signature(str(self.config_dir))  # once, not two stats a file
        for relpath in changed:
            items.append(self._item(relpath, entries[relpath].id, signature))
        for relpath in removed:
            state.entries.pop(relpath, None)
        for relpath in added:
            old = renamed_from.get(relpath)
            if old:
                doc_id = entries[old].id
            elif relpath in carried and carried[relpath] not in state.by_id:
                doc_id = carried[relpath]
            else:
                doc_id = self._new_id(relpath, state)
            state.by_id[doc_id] = relpath
            items.append(self._item(relpath, doc_id, signature))
        delete = [entries[p].id for p in removed + changed]
        # New ids too: another copy of Dossier may have added the same files
        # between this plan and the write lock, and a file must not be twice.
        delete += [item[2] for item in items]

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
            or delete
            or rules_changed
            or ents_changed
            or reason
            or (set(failed) != set(meta.get("failed") or {}))
        ):
            n_workers = workers if workers is not None else self.settings.workers
            try:
                docs, warnings = self.index.write(
                    delete=delete,
                    prepare=prepare_document,
                    items=items,
                    workers=n_workers,
                    progress=step,
                    cancelled=cancelled,
                )
            except IndexBusy as exc:
                if self.index.exists() and not reason:
                    # Another copy is writing: read the index as it is.
                    with self._lock:
                        self._ready = True
                    return UpdateReport(message=f"{exc}; showing the index as it was", stale=True)
                raise LibraryError(f"{exc}; try again when it has finished") from None
            except OSError as exc:
                if self.index.exists() and not reason:
                    # A read-only index (a shared or mounted copy): search it as it is.
                    with self._lock:
                        self._ready = True
                    return UpdateReport(
                        message=f"cannot update the index ({exc.strerror or exc}); "
                        "showing it as it was",
                        stale=True,
                    )
                raise LibraryError(
                    f"cannot write the index in {self.paths.index}: {exc.strerror or exc}"
                ) from None
            except IndexCorrupt as exc:
                raise LibraryError(f"indexing failed: {exc}") from None
            for doc in docs:
                state.entries[doc["path"]] = _Entry(
                    id=doc["id"],
                    size=doc["size"],
                    mtime=doc["mtime"],
                    hash=doc["hash"],
                    title=doc["title"],
                    source=doc["source"],
                    date=doc["date"],
                    byline=doc["byline"],
                    ents_hash=doc["ents_hash"],
                )
            notes = [doc["note"] for doc in docs if doc.get("note")]
            for msg in warnings:  # unreadable files are not in the index
                relpath = msg.split(": ", 1)[0]
                state.entries.pop(relpath, None)
                if relpath in disk:
                    size, mtime = disk[relpath]
                    failed[relpath] = {"size": size, "mtime": mtime, "error": msg}
            state.by_id = {e.id: p for p, e in state.entries.items()}
            self.index.write_meta(
                {
                    "schema": SCHEMA_VERSION,
                    "cleaner": rules_fp,
                    "entities": ents_fp,
                    "files": {p: e.__dict__ for p, e in state.entries.items()},
                    "failed": failed,
                }
            )
        with self._lock:
            self._state = state
            self._ready = True
        if (changed or removed) and self.paths.bookmarks.exists():
            self.reanchor_bookmarks()
        renamed = len(renamed_from)
        unread = {msg.split(": ", 1)[0] for msg in warnings}
        message = reason[:1].upper() + reason[1:] + "; rebuilt it." if reason else ""
        return UpdateReport(
            added=len(set(added) - unread) - renamed,
            changed=len(set(changed) - unread) + renamed,
            removed=len(removed) - renamed,
            rebuilt=bool(reason),
            message=message,
            warnings=tuple(self._folder_warnings()) + tuple(warnings) + tuple(notes),
            skipped=len(failed),
        )

    def rebuild_index(
        self,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> UpdateReport:
        """Throw the index away and build it anew from the articles."""
        from tui.index import IndexBusy as _Busy

        self._carried_ids = self._manifest_ids()
        try:
            self.index.drop(lock_timeout=5.0)
        except _Busy as exc:
            raise LibraryError(f"{exc}; try again when it has finished") from None
        except IndexFolderInUse as exc:
            raise LibraryError(str(exc)) from None
        except OSError as exc:
            raise LibraryError(
                f"cannot create the index in {self.paths.index}: {exc.strerror}"
            ) from None
        with self._lock:
            self._ready = False
        report = self.update_index(progress, cancelled)
        return UpdateReport(
            added=report.added,
            changed=report.changed,
            removed=report.removed,
            rebuilt=True,
            message="",
            warnings=report.warnings,
            skipped=report.skipped,
        )

    def _entity_changes(
        self, entries: dict[str, _Entry], disk: dict[str, Any], skip: Iterable[str]
    ) -> list[str]:
        """Files whose entities differ under the current gazetteer (no full rebuild)."""
        skip = set(skip)
        out = []
        for relpath, entry in entries.items():
            if relpath in skip or relpath not in disk:
                continue
            doc = prepare_document(self._item(relpath, entry.id))
            if isinstance(doc, str) or doc["ents_hash"] != entry.ents_hash:
                out.append(relpath)
        return out

    # -- search ---------------------------------------------------------------

    def _ensure_index(self) -> None:
        if not self._ready and not self.index.exists():
            raise LibraryError("the index is not built yet: run `dossier index`")

    def _read(self, read: Callable[[], Any]) -> Any:
        """``read()``, with a failure inside Whoosh turned into :class:`IndexDamaged`.

        A damaged file (cut short, overwritten) shows itself only when a read
        reaches it, as whatever error the decoder happens to raise. But a read can
        also fail because another copy of Dossier rebuilt the index under it: when
        the index on disk is not the one that was open, the read is tried once more
        on the new one before the index is called damaged (and marked for a rebuild).
        """
        for attempt in (1, 2):
            before = self.index.toc_identity()
            try:
                return read()
            except (QuerySyntaxError, QueryError, LibraryError):
                raise
            except Exception as exc:  # noqa: BLE001 - any other failure is the index's
                if attempt == 1 and self.index.changed_on_disk(since=before):
                    self.index.close()
                    continue
                detail = str(exc).strip().splitlines()[0][:60] if str(exc).strip() else ""
                why = type(exc).__name__ + (f": {detail}" if detail else "")
                self.index.mark_damaged(why)
                self.index.close()
                with self._lock:
                    self._ready = False
                    self._links = None
                    self._synonym_cache = None
                raise IndexDamaged(f"the search index is damaged ({why})") from None
        raise AssertionError("unreachable")

    def search(self, query: str, limit: int | None = 50) -> SearchResult:
        self._ensure_index()
        try:
            raw_hits, total = self._read(
                lambda: self.index.search(query, limit=limit, synonyms=self._synonyms())
            )
        except QuerySyntaxError as exc:
            raise QueryError(str(exc)) from None
        hits = []
        first_with: dict[str, str] = {}  # content hash -> id of the first hit with it
        with self._lock:
            entries = self._state.entries
        for raw in raw_hits:
            doc = raw.doc
            entry = entries.get(doc["path"])
            content = entry.hash if entry is not None and entry.hash else None
            duplicate_of = first_with.get(content) if content else None
            if content and duplicate_of is None:
                first_with[content] = doc["id"]
            snippet, snippet_matches = make_snippet(doc["body"], raw.matches)
            hits.append(
                SearchHit(
                    id=doc["id"],
                    path=doc["path"],
                    title=doc["title"],
                    source=doc["source"],
                    date=doc["date"],
                    score=raw.score,
                    snippet=snippet,
                    snippet_matches=snippet_matches,
                    matches=raw.matches,
                    duplicate_of=duplicate_of,
                )
            )
        return SearchResult(query=query, hits=tuple(hits), total=total)

    def warm_up(self) -> None:
        """Do the first search's one-time work now: open a searcher, link the surnames
        (which reads every person in the index), load the query parser. Best called in
        the background once the index is ready; the search that follows is then warm."""
        self._ensure_index()
        self._read(lambda: self.index.search("dossier", limit=1, synonyms=self._synonyms()))

    def match_spans(self, query: str, article_id: str) -> list[tuple[int, int]]:
        """Spans of ``query`` in one article's body (find in article).

        The query language decides first; when it finds nothing and the query is
        plain words, the words are looked for as they are written, so that words the
        index leaves out ("the", "of", a single letter) are still found.
        """
        self._ensure_index()
        literal = _literal_pattern(query)
        try:
            spans = list(
                self._read(lambda: self.index.match_spans(query, article_id, self._synonyms()))
            )
        except QuerySyntaxError as exc:
            if literal is None:  # only common words is an error for the index, not here
                raise QueryError(str(exc)) from None
            spans = []
        if not spans and literal is not None:
            try:
                body = self.article(article_id).body
            except (LibraryError, ArticleError):
                return []
            spans = [m.span() for m in literal.finditer(body)]
        return spans

    # -- entities -------------------------------------------------------------

    def recognizer(self) -> Any:
        return _tools(str(self.config_dir))[1]

    def entities(self, article_id: str) -> list[Any]:
        """The entity mentions in the body of one article, in order."""
        return body_mentions(self.recognizer(), self.article(article_id))

    def entity_facets(self, type: str | None = None) -> list[EntityCount]:
        """Every entity of the corpus with its article and mention counts (from the index)."""
        self._ensure_index()
        return self._read(lambda: self._entity_facets(type))

    def _entity_facets(self, type: str | None) -> list[EntityCount]:
        # From the stored per-article summaries: the counts are of the body's
        # mentions, the same ones entity_articles lists.
        names: dict[str, tuple[str, str]] = {}
        docs: dict[str, set[str]] = defaultdict(set)
        mentions: Counter[str] = Counter()
        aliases: dict[str, Counter[str]] = defaultdict(Counter)
        for doc_id, summary in self.index.stored_entities():
            for ent_id, (etype, canonical, count, seen) in summary.items():
                if etype not in ENTITY_FIELDS or (type and etype != type):
                    continue
                names.setdefault(ent_id, (etype, canonical))
                docs[ent_id].add(doc_id)
                mentions[ent_id] += count
                for alias in seen:
                    aliases[ent_id][alias] += 1
        self._facet_docs = docs
        out = []
        for ent_id, (etype, canonical) in names.items():
            seen = tuple(a for a, _ in aliases[ent_id].most_common() if a != canonical)
            out.append(
                EntityCount(ent_id, etype, canonical, len(docs[ent_id]), mentions[ent_id], seen)
            )
        out = self._merge_surnames(out)
        out.sort(key=lambda e: (-e.articles, -e.mentions, e.name.lower()))
        return out

    # A person named only by surname in one article ("Lavrov") is the person
    # with that surname named in full elsewhere in the corpus ("Sergei Lavrov"),
    # when there is exactly one such person. Within an article the recogniser
    # links short forms itself; this does it across articles.

    def _surname_links(self) -> dict[str, str]:
        """Lone-surname person term -> the one full-name term ending with it."""
        key = self.index.generation()  # cheap (a directory listing); doc_count() opens a reader
        if self._links is not None and self._links[0] == key:
            return self._links[1]
        terms = [term for term, _, _ in self.index.facets("person")]
        full: dict[str, set[str]] = defaultdict(set)
        for term in terms:
            parts = term.split()
            if len(parts) >= 2:
                full[parts[-1]].add(term)
        links = {
            term: next(iter(full[term]))
            for term in terms
            if " " not in term and len(full.get(term, ())) == 1
        }
        self._links = (key, links)
        self._synonym_cache = None
        return links

    def _synonyms(self) -> dict[str, dict[str, list[str]]]:
        """Entity terms that match each other in queries (kept until the index changes)."""
        if not self._ready and not self.index.exists():
            return {}
        links = self._surname_links()
        if self._synonym_cache is not None:
            return self._synonym_cache
        groups: dict[str, list[str]] = defaultdict(list)
        for short, full in links.items():
            groups[full].append(short)
        person: dict[str, list[str]] = {}
        for full, shorts in groups.items():
            members = [full, *shorts]
            for term in members:
                person[term] = [m for m in members if m != term]
        self._synonym_cache = {"person": person}
        return self._synonym_cache

    def _merge_surnames(self, facets: list[EntityCount]) -> list[EntityCount]:
        from tui.index import entity_term

        links = self._surname_links()
        if not links:
            return facets
        by_term = {entity_term(e.name): e for e in facets if e.type == "person"}
        merged: dict[str, list[EntityCount]] = defaultdict(list)
        for e in facets:
            if e.type == "person" and (target := links.get(entity_term(e.name))) in by_term:
                merged[target].append(e)
        if not merged:
            return facets
        drop = {e.id for shorts in merged.values() for e in shorts}
        out = []
        for e in facets:
            if e.id in drop:
                continue
            shorts = merged.get(entity_term(e.name)) if e.type == "person" else None
            if shorts:
                docs = set(self._facet_docs.get(e.id, ()))
                for short in shorts:
                    docs |= self._facet_docs.get(short.id, set())
                seen = [*e.aliases]
                for short in shorts:
                    seen += [a for a in (short.name, *short.aliases) if a not in seen]
                e = EntityCount(
                    e.id,
                    e.type,
                    e.name,
                    len(docs),
                    e.mentions + sum(x.mentions for x in shorts),
                    tuple(seen),
                )
            out.append(e)
        return out

    def entity_articles(self, entity_id: str) -> list[EntityOccurrence]:
        """Every mention of one entity across the corpus, with its sentence."""
        self._ensure_index()
        return self._read(lambda: self._entity_articles(entity_id))

    def _entity_articles(self, entity_id: str) -> list[EntityOccurrence]:
        from tui.index import entity_term

        etype, _, canonical = entity_id.partition(":")
        facets = {e.id: e for e in self.entity_facets(etype)}
        if entity_id in facets:
            canonical = facets[entity_id].name
        # Ids of the lone surnames linked to this person in other articles.
        wanted = {entity_id}
        names = [canonical]
        if etype == "person":
            full = entity_term(canonical)
            for short, target in self._surname_links().items():
                if target == full:
                    wanted.add(_entity_id("person", short))
                    names.append(short)
        out = []
        order = {a.id: n for n, a in enumerate(self.articles())}
        found: set[str] = set()
        for name in names:
            found.update(self.index.ids_with_entity(etype, name))
        ids = sorted(found, key=lambda i: order.get(i, 1 << 30))
        for doc_id in ids:
            try:
                article = self.article(doc_id)
            except LibraryError:
                continue
            summary = ArticleSummary(
                article.id,
                article.path,
                article.title,
                article.source,
                article.date,
                article.byline,
            )
            spans = sentence_spans(article.body)
            for m in body_mentions(self.recognizer(), article):
                if m.id not in wanted:
                    continue
                s, e = sentence_at(article.body, m.start, spans)
                out.append(EntityOccurrence(summary, m.start, m.end, article.body[s:e], s))
        return out

    # -- bookmarks --------------------------------------------------------------

    @property
    def bookmarks(self) -> Any:
        if self._bookmarks is None:
            from tui.bookmarks import BookmarkStore

            self._bookmarks = BookmarkStore(self.paths.bookmarks)
        return self._bookmarks

    def reanchor_bookmarks(self) -> Any:
        """Find every bookmarked passage again in the current articles."""

        def lookup(article_id: str) -> Article | None:
            try:
                return self.article(article_id)
            except LibraryError:
                return None  # the article is gone: its bookmarks become orphans

        return self.bookmarks.reanchor(lookup)

    def close(self) -> None:
        self.index.close()


def make_snippet(
    body: str, matches: Iterable[tuple[int, int]], width: int = 220
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A window of ``body`` around the densest cluster of matches, on word boundaries.

    Returns the snippet (whitespace collapsed, "…" where cut) and the spans of
    the matches inside it.
    """
    spans = sorted(matches)
    if not body:
        return "", ()
    if not spans:
        lo, hi = 0, min(len(body), width)
        best_start = 0
    else:
        # Sliding window over the matches: most matches within `width`, and
        # among those, the most distinct words.
        best_start, best_score = spans[0][0], (-1, -1)
        j = 0
        for i, (start, _end) in enumerate(spans):
            j = max(j, i)
            while j + 1 < len(spans) and spans[j + 1][1] <= start + width:
                j += 1
            if j - i + 1 < best_score[1]:
                continue
            words = len({body[a:b].lower() for a, b in spans[i : j + 1]})
            score = (words, j - i + 1)
            if score > best_score:
                best_start, best_score = start, score
        lo = max(0, best_start - width // 4)
        if lo > 0:
            para = body.rfind("\n\n", lo, best_start)
            if para != -1:
                lo = para + 2
            else:
                space = body.find(" ", lo, best_start)
                lo = space + 1 if space != -1 else best_start
        hi = min(len(body), lo + width)
    if hi < len(body):
        space = body.rfind(" ", max(best_start, lo), hi)
        hi = space if space > best_start else hi
    prefix = "…" if lo > 0 else ""
    suffix = "…" if hi < len(body) else ""
    # Collapse runs of whitespace, keeping a map from body offsets to snippet offsets.
    pieces: list[str] = [prefix]
    shifts: list[tuple[int, int]] = []  # (body offset, snippet offset) at each piece start
    out_len = len(prefix)
    pos = lo
    for m in _SPACES.finditer(body, lo, hi):
        shifts.append((pos, out_len))
        pieces.append(body[pos : m.start()])
        out_len += m.start() - pos
        pieces.append(" ")
        out_len += 1
        pos = m.end()
    shifts.append((pos, out_len))
    pieces.append(body[pos:hi])
    text = "".join(pieces).rstrip() + suffix

    def where(offset: int) -> int:
        k = bisect_right(shifts, (offset, 1 << 60)) - 1
        base, out = shifts[k]
        return out + (offset - base)

    inside = tuple((where(a), where(b)) for a, b in spans if a >= lo and b <= hi)
    return text, inside


_SPACES = re.compile(r"\s{2,}|[\n\t\r\f\v]")
