"""The corpus's articles: the files on disk, their ids, titles and dates.

A :class:`Catalog` lists the article files of one folder, with the manifest in
the index's metadata standing in for reading each file again where the file is
unchanged, and turns an id or a path into a cleaned article.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from tui.articles import Article, ArticleError, build_article, read_text, stat_article_files
from tui.index import SearchIndex
from tui.library.boilerplate import LearnedState, group_of
from tui.library.manifest import Disk, Entry, State, new_id, still_failed
from tui.library.models import ArticleSummary, LibraryError, NoSuchArticle, ScanResult
from tui.library.prepare import config_signature, content_hash, tools
from tui.settings import Settings

#: What a worker needs to prepare one file: (corpus, relpath, id, config folder, signature,
#: the learned boilerplate of its group).
Item = tuple[str, str, str, str, Any, frozenset[str]]


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
        self._learned: tuple[int, LearnedState] | None = None

    @property
    def state(self) -> State:
        with self._lock:
            return self._state

    def replace(self, state: State) -> None:
        with self._lock:
            self._state = state

    def item(
        self,
        relpath: str,
        doc_id: str,
        signature: tuple[Any, ...] | None = None,
        learned: frozenset[str] | None = None,
    ) -> Item:
        """What a worker needs to prepare one file; pass ``signature`` when making many.

        ``learned``: the boilerplate of the file's group (read from the index's
        metadata when not given).
        """
        config = str(self.config_dir)
        if signature is None:
            signature = config_signature(config)
        if learned is None:
            learned = self.learned(relpath)
        return (str(self.corpus), relpath, doc_id, config, signature, learned)

    def learned(self, relpath: str) -> frozenset[str]:
        """The learned boilerplate of ``relpath``'s group, as the index's metadata has it."""
        try:
            stamp = self.index.meta_path().stat().st_mtime_ns
        except OSError:
            return frozenset()
        with self._lock:
            if self._learned is None or self._learned[0] != stamp:
                data = self.index.read_meta().get("boilerplate")
                self._learned = (stamp, LearnedState(data))
            return self._learned[1].learned(group_of(relpath))

    # -- the manifest and the disk ---------------------------------------------------

    def load_manifest(self) -> dict[str, Any]:
        meta = self.index.read_meta()
        return meta if isinstance(meta.get("files"), dict) else {}

    def manifest_ids(self) -> dict[str, str]:
        """``{relpath: id}`` as the index's metadata has them now."""
        return {
            p: e["id"]
            for p, e in self.load_manifest().get("files", {}).items()
            if isinstance(e, dict) and isinstance(e.get("id"), str)
        }

    def disk(self) -> Disk:
        """``{relpath: (size, mtime_ns)}`` of the article files now on disk.

        Subfolders that cannot be read are kept in ``self.unreadable``: their
        articles are neither listed as gone nor dropped from the index.
        """
        unreadable: list[str] = []
        notes: list[str] = []  # links out of the corpus, loops, pipes: left out
        disk = stat_article_files(self.corpus, self.settings.corpus_skip, unreadable, notes)
        self.unreadable = tuple(unreadable)
        self._walk_notes = tuple(notes)
        return disk

    def folder_warnings(self) -> list[str]:
        return [
            f"{folder}: cannot read this folder; its articles are left out"
            for folder in self.unreadable
        ] + list(self._walk_notes)

    def hash_of(self, relpath: str) -> str | None:
        """The hash of a file's text (as the manifest keeps it), None if unreadable."""
        try:
            return content_hash(read_text(self.corpus / relpath, self.corpus))
        except ArticleError:
            return None

    # -- listing ------------------------------------------------------------------

    def scan(self) -> ScanResult:
        """The corpus's articles (title, source, date), from the manifest where it is fresh."""
        meta = self.load_manifest()
        manifest = meta.get("files", {})
        disk = self.disk()
        rules, _ = tools(str(self.config_dir))
        rules_fp = str(getattr(rules, "fingerprint", ""))
        fresh_rules = meta.get("cleaner") == rules_fp
        warnings: list[str] = self.folder_warnings()
        state = State()
        failed = still_failed(meta, disk) if fresh_rules else {}
        for relpath, (size, mtime) in disk.items():
            if relpath in failed:
                warnings.append(failed[relpath]["error"])
                continue
            raw_entry = manifest.get(relpath)
            entry = Entry(**raw_entry) if isinstance(raw_entry, dict) else None
            if entry is None or (entry.size, entry.mtime) != (size, mtime) or not fresh_rules:
                try:
                    raw = read_text(self.corpus / relpath, self.corpus)
                except ArticleError as exc:
                    warnings.append(f"{relpath}: {exc}")
                    continue
                doc_id = entry.id if entry else new_id(relpath, state)
                art = build_article(relpath, raw, rules, id=doc_id, source=group_of(relpath))
                entry = Entry(
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
        self.replace(state)
        summaries = [e.summary(p) for p, e in state.entries.items()]
        return ScanResult(summaries, warnings)

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
        raise NoSuchArticle(f"no article {ref!r} in {self.corpus} (give an id or a file path)")

    def article(self, ref: str) -> Article:
        """The cleaned article with id or path ``ref``."""
        relpath = self.resolve(ref)
        rules, _ = tools(str(self.config_dir))
        try:
            raw = read_text(self.corpus / relpath, self.corpus)
        except ArticleError as exc:
            raise LibraryError(f"{relpath}: {exc}") from None
        group = group_of(relpath)
        learned = self.learned(relpath)
        return build_article(
            relpath,
            raw,
            rules,
            id=self._state.entries[relpath].id,
            source=group,
            learned={group: learned} if learned else None,
        )
