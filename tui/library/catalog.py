"""The corpus's articles: the files on disk, their ids, titles and dates.

A :class:`Catalog` lists the articles of one folder (a file each, or a record
each of an export or a feed: :mod:`tui.library.records`), with the manifest in
the index's metadata standing in for reading each file again where the file is
unchanged, and turns an id or a path into a cleaned article, with the user's
corrections of its title, date, source and byline applied.
"""

from __future__ import annotations

import dataclasses
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui import freshness
from tui.articles import (
    Article,
    ArticleError,
    article_from_record,
    article_id,
    build_article,
    read_text,
    stat_article_files,
)
from tui.formats import content_hash as bytes_hash
from tui.formats import (
    format_of,
    is_multi,
    quick_records,
    read_bytes,
    read_records,
    split_record_path,
)
from tui.formats.cache import cache_at
from tui.library.boilerplate import LearnedState, group_of
from tui.library.manifest import (
    Disk,
    Entry,
    State,
    has_manifest,
    manifest_entries,
    manifest_ids,
    new_id,
    still_failed,
    summaries,
)
from tui.library.models import ArticleSummary, LibraryError, NoSuchArticle, ScanResult
from tui.library.prepare import config_signature, content_hash, language_of, rules_of
from tui.library.records import Expansion, RecordReader, containers_of, expand
from tui.settings import Settings
from tui.text import decoded_name

if TYPE_CHECKING:
    from tui.index import SearchIndex

#: What a worker needs to prepare one article: (corpus, article path, id, config folder,
#: signature, the learned boilerplate of its group, extra: see prepare_document).
Item = tuple[str, str, str, str, Any, frozenset[str], dict[str, Any]]

#: How many files the scan lists between two calls of its ``progress``.
SCAN_STEP = 250


def corpus_folder(corpus: Path | str) -> Path:
    """The corpus folder ``corpus`` names; :class:`LibraryError` when it is missing,
    not a folder, or cannot be read."""
    folder = Path(corpus).expanduser()
    if not folder.exists():
        raise LibraryError(f"no such folder: {folder}")
    if not folder.is_dir():
        raise LibraryError(f"not a folder: {folder} (give the folder that holds the articles)")
    if not os.access(folder, os.R_OK | os.X_OK):
        raise LibraryError(f"cannot read folder: {folder}")
    return folder


class Catalog:
    """The article files of one corpus folder, and the manifest as last read or written."""

    def __init__(self, corpus: Path, settings: Settings, index: SearchIndex, config: Path) -> None:
        self.corpus = corpus
        self.settings = settings
        self.index = index
        self.config_dir = config
        self._state = State()
        self._lock = threading.RLock()
        #: Subfolders that could not be read at the last look at the disk.
        self.unreadable: tuple[str, ...] = ()
        self._walk_notes: tuple[str, ...] = ()
        #: The folders of the last look at the disk, with their modification times.
        self.folders: dict[str, int] = {}
        self.scanned_at = 0.0
        self.last_disk: Disk = {}
        #: The change marks of the last look's files (tui.mounts.change_mark), by relpath.
        self.last_marks: dict[str, int] = {}
        self._learned: tuple[int, LearnedState] | None = None
        self.records = RecordReader(corpus)
        #: The extracted-pages cache (tui.formats.cache); set by the library.
        self.extracts: Path | None = None
        self._extra: dict[str, Any] | None = None  # see _cache_only
        #: The user's corrections by article id (tui.bookmarks.corrections); set by the library.
        self.corrections: Callable[[], dict[str, Any]] = dict
        #: Articles that can be opened before the folder is read (tui.library.head):
        #: ``{id: (relpath, entry)}``, and the learned boilerplate of their groups.
        self._early: dict[str, tuple[str, Entry]] = {}
        self._early_learned: dict[str, frozenset[str]] = {}

    @property
    def state(self) -> State:
        with self._lock:
            return self._state

    def replace(self, state: State) -> None:
        with self._lock:
            self._state = state
            self._early, self._early_learned = {}, {}

    def prime(
        self, entries: dict[str, tuple[str, Entry]], learned: dict[str, frozenset[str]]
    ) -> None:
        """Let :meth:`article` open these articles before the folder is read, as well as
        those primed before (the first rows, then the article the user left further down)."""
        with self._lock:
            if not self._state.entries:
                self._early = self._early | entries
                self._early_learned = self._early_learned | learned

    def item(
        self,
        relpath: str,
        doc_id: str,
        signature: tuple[Any, ...] | None = None,
        learned: frozenset[str] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> Item:
        """What a worker needs to prepare one article; pass ``signature`` when making many.

        ``learned``: the boilerplate of the file's group (read from the index's
        metadata when not given). ``extra``: a parsed record, the user's
        correction (see :func:`~tui.library.prepare.prepare_document`).
        """
        config = str(self.config_dir)
        if signature is None:
            signature = config_signature(config)
        if learned is None:
            learned = self.learned(relpath)
        if self.extracts is None:
            extra = dict(extra or {})
        elif extra:
            extra = {**extra, "cache": str(self.extracts)}
        else:  # (most articles: one dict for all, read and never changed by a worker)
            extra = self._cache_only(str(self.extracts))
        return (str(self.corpus), relpath, doc_id, config, signature, learned, extra)

    def _cache_only(self, cache: str) -> dict[str, Any]:
        """The extra of an article with nothing but the extracts' cache, made once: a
        dict of its own for each article was ~9 MB at 50,000 articles, held by the parent
        of a build for all of it."""
        made = self._extra
        if made is None or made["cache"] != cache:
            made = self._extra = {"cache": cache}
        return made

    def learned(self, relpath: str) -> frozenset[str]:
        """The learned boilerplate of ``relpath``'s group, as the index's metadata has it."""
        with self._lock:
            early = self._early_learned.get(group_of(relpath))
            if early is not None and self._learned is None:
                return early  # as the metadata has it, without reading all of it
        state = self._learned_state()
        return state.learned(group_of(relpath)) if state is not None else frozenset()

    def _learned_state(self) -> LearnedState | None:
        try:
            stamp = self.index.meta_path().stat().st_mtime_ns
        except OSError:
            return None
        with self._lock:
            if self._learned is None or self._learned[0] != stamp:
                data = self.index.read_meta().get("boilerplate")
                self._learned = (stamp, LearnedState(data, files=False))
            return self._learned[1]

    def keep_learned(self, learned: LearnedState) -> None:
        """Take ``learned`` as the metadata just written has it (not read back from it)."""
        try:
            stamp = self.index.meta_path().stat().st_mtime_ns
        except OSError:
            return
        with self._lock:
            self._learned = (stamp, learned.sets_only())

    def release(self) -> None:
        """Let go of what only reading the folder needed: the last look at the disk
        (a tuple per file) and the parsed metadata (the whole manifest: 9 MB of JSON
        at 50,000 articles, a list of values per article parsed). The next read
        parses it again."""
        self._learned_state()  # what opening an article needs of it, kept
        with self._lock:
            self.last_disk = {}
            self.last_marks = {}
        self.index.forget_meta()

    # -- the manifest and the disk ---------------------------------------------------

    def load_state(self) -> State:
        """The manifest as the index's metadata has it, without a look at the disk."""
        state = State()
        for relpath, entry in manifest_entries(self.load_manifest()).items():
            state.entries[relpath] = entry
            state.by_id[entry.id] = relpath
        return state

    def load_manifest(self) -> dict[str, Any]:
        meta = self.index.read_meta()
        return meta if has_manifest(meta) else {}

    def manifest_ids(self) -> dict[str, str]:
        """``{relpath: id}`` as the index's metadata has them now."""
        return manifest_ids(self.load_manifest())

    def disk(self) -> Disk:
        """``{relpath: (size, mtime_ns)}`` of the article files now on disk.

        Subfolders that cannot be read are kept in ``self.unreadable``: their
        articles are neither listed as gone nor dropped from the index.
        """
        unreadable: list[str] = []
        notes: list[str] = []  # links out of the corpus, loops, pipes: left out
        folders: dict[str, int] = {}
        marks: dict[str, int] = {}
        self.scanned_at = time.time()
        disk = stat_article_files(
            self.corpus, self.settings.corpus_skip, unreadable, notes, folders, marks
        )
        self.folders = folders
        self.last_disk = disk
        self.last_marks = marks
        self.unreadable = tuple(unreadable)
        self._walk_notes = tuple(notes)
        return disk

    def hold_disk(self) -> None:
        """Keep the last look at the disk for the update that follows (the quick check
        of every file just made it: 50,000 ``stat`` calls not made twice). Only a look
        with nothing to warn about is kept."""
        if not self.folder_warnings():
            skip = self.settings.corpus_skip
            freshness.keep_look(
                self.corpus, skip, self.last_disk, self.folders, self.scanned_at, self.last_marks
            )

    def disk_for_update(self) -> Disk:
        """The look kept for this update (:meth:`hold_disk`, or ``dossier index``'s own
        quick check), else a new one."""
        look = freshness.take_look(self.corpus, self.settings.corpus_skip)
        if look is None:
            return self.disk()
        self.last_disk, self.folders, self.scanned_at, self.last_marks = look
        self.unreadable, self._walk_notes = (), ()
        return self.last_disk

    def replaced(self) -> list[str]:
        """The files of the last look with the size and time the last listing has but
        another change mark (:func:`tui.listing.replaced_files`): the update compares
        their content with the manifest's."""
        from tui.listing import replaced_files

        return replaced_files(self.index.path, str(self.corpus), self.last_disk, self.last_marks)

    def folder_warnings(self) -> list[str]:
        return [
            f"{folder}: cannot read this folder; its articles are left out"
            for folder in self.unreadable
        ] + list(self._walk_notes)

    def expand(
        self,
        disk: Disk,
        meta: dict[str, Any],
        *,
        parse_all: bool = False,
        entries: dict[str, Entry] | None = None,
    ) -> Expansion:
        """The articles on ``disk``: files, and the records of exports and feeds.
        ``entries``: those of ``meta``'s manifest, when the caller has them already."""
        if entries is None:
            entries = manifest_entries(meta)
        return expand(self.corpus, disk, entries, containers_of(meta), parse_all=parse_all)

    def listed_hash(self, ref: str) -> str | None:
        """The content hash the folder's last reading noted for the file of article
        ``ref`` (id or path; no file is read), None if not noted."""
        try:
            apath = self.resolve(ref)
        except LibraryError:
            return None
        with self._lock:
            entry = self._state.entries.get(apath)
            if entry is None:
                entry = next((e for p, e in self._early.values() if p == apath), None)
        return (entry.hash or None) if entry is not None else None  # ("": not hashed yet)

    def hash_of(self, relpath: str) -> str | None:
        """The hash of a file's content (as the manifest keeps it), None if unreadable."""
        try:
            if format_of(relpath) == "html":
                return bytes_hash(read_bytes(self.corpus / relpath, 1 << 26, self.corpus))
            return content_hash(read_text(self.corpus / relpath, self.corpus))
        except ArticleError:
            return None

    def corrections_in_step(self) -> bool:
        """Whether the manifest as last read has each of the user's corrections (by its
        stamp) and no other (False before the folder was read)."""
        with self._lock:
            if not self._state.entries:
                return False
            have = {e.id: e.corr for e in self._state.entries.values() if e.corr}
        want = {doc_id: c.stamp for doc_id, c in self.corrections().items() if c.stamp}
        return have == want

    def correct(self, summary: ArticleSummary) -> ArticleSummary:
        """``summary`` with the user's corrections of its article applied."""
        correction = self.corrections().get(summary.id)
        return correction.apply(summary) if correction is not None else summary

    # -- listing ------------------------------------------------------------------

    def scan(self, progress: Callable[[int, int], None] | None = None) -> ScanResult:
        """The corpus's articles (title, source, date), from the manifest where it is fresh.

        A saved page not indexed yet is listed with what its ``<head>`` says (its
        extraction happens in the index's workers); an export or a feed is read.
        ``progress(done, total)``: called as the files are listed (every
        :data:`SCAN_STEP`), files read or not.
        """
        meta = self.load_manifest()
        manifest = manifest_entries(meta)
        disk = self.disk()
        rules = rules_of(str(self.config_dir))
        rules_fp = str(getattr(rules, "fingerprint", ""))
        fresh_rules = meta.get("cleaner") == rules_fp
        warnings: list[str] = self.folder_warnings()
        state = State()
        failed = still_failed(meta, disk, self.corpus) if fresh_rules else {}
        found = self.expand(
            {p: s for p, s in disk.items() if p not in failed}, meta, entries=manifest
        )
        warnings += [f["error"] for f in failed.values()]
        warnings += [f["error"] for f in found.failed.values()]
        warnings += found.old_warnings + found.warnings
        cache = cache_at(self.extracts)
        total = len(found.disk)
        for done, (apath, (size, mtime)) in enumerate(found.disk.items()):
            if progress is not None and done % SCAN_STEP == 0:
                progress(done, total)
            entry = manifest.get(apath)
            if entry is None or (entry.size, entry.mtime) != (size, mtime) or not fresh_rules:
                doc_id = entry.id if entry else new_id(apath, state)
                try:
                    art = self._quick(apath, found, rules, doc_id, cache)
                except ArticleError as exc:
                    warnings.append(f"{apath}: {exc}")
                    continue
                record_of = found.records[apath][0] if apath in found.records else ""
                entry = Entry.listed(doc_id, size, mtime, art, file=record_of)
            state.entries[apath] = entry
            state.by_id[entry.id] = apath
        self.replace(state)
        corrections = self.corrections()
        rows = summaries(state.entries)
        rows = [c.apply(a) if (c := corrections.get(a.id)) is not None else a for a in rows]
        return ScanResult(rows, warnings)

    def first_article(self, tries: int = 5) -> tuple[Article, Entry, int] | None:
        """A folder never indexed: one of its articles read and cleaned alone (the first
        file by path that holds one article), its entry, and how many article files the
        folder has; the app shows it while the folder is read (every file: seconds at
        10,000 articles). Its entry is primed: :meth:`article` opens it until the scan.
        None: the folder was read already, or none of its first files could be."""
        with self._lock:
            if self._state.entries or self._early:
                return None
        disk = stat_article_files(self.corpus, self.settings.corpus_skip, [], [], {}, {})
        rules = rules_of(str(self.config_dir))
        singles = [p for p in sorted(disk) if not is_multi(p)]
        for relpath in singles[:tries]:
            size, mtime = disk[relpath]
            doc_id = article_id(relpath)  # (the scan's: tui.library.manifest.new_id)
            try:
                art = self._read(relpath, doc_id, rules)
            except (ArticleError, OSError):
                continue
            entry = Entry.listed(doc_id, size, mtime, art)
            self.prime({doc_id: (relpath, entry)}, {})
            return art, entry, len(disk)
        return None

    def _quick(self, apath: str, found: Expansion, rules: Any, doc_id: str, cache: Any) -> Article:
        """An article good enough for the list: no extraction of a saved page."""
        if apath in found.records:
            relpath, record = found.records[apath]
            return article_from_record(relpath, record, rules, id=doc_id)
        if format_of(apath) == "html":
            records, _, _ = quick_records(self.corpus / apath, corpus=self.corpus, cache=cache)
            return article_from_record(apath, records[0], rules, id=doc_id)
        raw = read_text(self.corpus / apath, self.corpus)
        return build_article(apath, raw, rules, id=doc_id, source=group_of(apath))

    def articles(self) -> list[ArticleSummary]:
        with self._lock:
            if not self._state.entries:
                self.scan()
            rows = summaries(self._state.entries)
        corrections = self.corrections()
        return [c.apply(a) if (c := corrections.get(a.id)) is not None else a for a in rows]

    def resolve(self, ref: str) -> str:
        """The relative path of an article given by id or by path."""
        with self._lock:
            if not self._state.entries:
                early = self._early.get(ref)
                if early is not None:
                    return early[0]
                self.scan()
            if ref in self._state.by_id:
                return self._state.by_id[ref]
            if ref in self._state.entries:
                return ref
        candidate = Path(ref).expanduser()
        rels = [ref]
        for base in (candidate, Path.cwd() / candidate):
            try:
                rels.append(base.resolve().relative_to(self.corpus).as_posix())
            except (ValueError, OSError):
                continue
        for rel in rels:
            if rel in self._state.entries:
                return rel
            inside = [e.id for e in self._state.entries.values() if e.file and e.file == rel]
            if inside:
                raise LibraryError(
                    f"{rel} holds {len(inside):,} articles: give the id of one "
                    f"(dossier search finds them; the first is {inside[0]})"
                )
        with self._lock:  # a name that is not UTF-8, as shown ("café.txt")
            for relpath in self._state.entries:
                if relpath != ref and decoded_name(relpath) == ref:
                    return relpath
        raise NoSuchArticle(f"no article {ref!r} in {self.corpus} (give an id or a file path)")

    def article(self, ref: str) -> Article:
        """The cleaned article with id or path ``ref``, the user's corrections applied."""
        apath = self.resolve(ref)
        with self._lock:
            entry = self._state.entries.get(apath)
            if entry is None:
                entry = next((e for p, e in self._early.values() if p == apath), None)
        if entry is None:
            # The folder read again since resolve(), without the file. (A StopIteration
            # here never reached the app: asyncio cannot put one into a future, so the
            # thread worker reading the article ran for ever and the open never came.)
            raise NoSuchArticle(f"no article {ref!r} in {self.corpus} (its file is gone)")
        doc_id = entry.id
        rules = rules_of(str(self.config_dir))
        try:
            article = self._read(apath, doc_id, rules)
        except ArticleError as exc:
            raise LibraryError(f"{apath}: {exc}") from None
        # The language the index has (read from the text), not the page's guess.
        article = dataclasses.replace(article, language=entry.language or language_of(article))
        correction = self.corrections().get(doc_id)
        return correction.apply(article) if correction is not None else article

    def _read(self, apath: str, doc_id: str, rules: Any) -> Article:
        relpath, tail = split_record_path(apath)
        if tail is not None:
            relpath, record = self.records.get(apath)
            return article_from_record(relpath, record, rules, id=doc_id)
        if format_of(apath) == "html":
            records, _, _ = read_records(
                self.corpus / apath, corpus=self.corpus, cache=cache_at(self.extracts)
            )
            return article_from_record(apath, records[0], rules, id=doc_id)
        raw = read_text(self.corpus / apath, self.corpus)
        group = group_of(apath)
        learned = self.learned(apath)
        article = build_article(
            apath,
            raw,
            rules,
            id=doc_id,
            source=group,
            learned={group: learned} if learned else None,
        )
        return article
