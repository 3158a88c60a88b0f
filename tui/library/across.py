"""Reads across a library's articles: shared passages and who appears with whom.

:class:`Across` is the part of :class:`~tui.library.Library` that answers them,
each a read of the index guarded like a search (:meth:`Library._read`), from the
sidecar files beside the index: :class:`~tui.library.passages.PassageFinder` for
passages (made on first use: it needs numpy, which searches do not) and
:class:`~tui.library.cooccur.Cooccurrence` for entities.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from tui.index import PassagesNotReady
from tui.library.cooccur import Cooccurrence, Together
from tui.library.models import PassagesPending

if TYPE_CHECKING:
    from tui.library.core import Library
    from tui.library.passages import Passage, PassageFinder, Reused


T = TypeVar("T")


class Across:
    """Passages and entities across the articles of a :class:`Library`."""

    def __init__(self, lib: Library) -> None:
        self.lib = lib
        self.cooccurrence: Cooccurrence = lib.cooccurrence
        self._passage_finder: PassageFinder | None = None

    @property
    def passage_finder(self) -> PassageFinder:
        if self._passage_finder is None:
            from tui.library.passages import PassageFinder

            self._passage_finder = PassageFinder(self.lib.index, self.url_of)
        return self._passage_finder

    def url_of(self, path: str) -> str | None:
        """The web address an article (by path) was saved from, if any."""
        entry = self.lib.catalog.state.entries.get(path)
        return entry.url if entry is not None else None

    def passages(
        self, article_id: str, start: int, end: int | None, cancelled: Callable[[], bool] | None
    ) -> list[Passage]:
        """See :meth:`Library.passages`."""
        lib = self.lib
        lib._ensure_index()
        article = lib.article(article_id)
        try:
            return lib._read(
                lambda: self._ready(
                    lambda: self.passage_finder.find(
                        article.id, article.body, start, end, cancelled
                    )
                )
            )
        finally:
            lib.index.let_go_sidecar_pages()

    def reused(self, count: int, cancelled: Callable[[], bool] | None) -> list[Reused]:
        """See :meth:`Library.reused_passages`."""
        from tui.library.passages import top_passages

        self.lib._ensure_index()
        try:
            return self.lib._read(
                lambda: self._ready(lambda: top_passages(self.passage_finder, count, cancelled))
            )
        finally:
            self.lib.index.let_go_sidecar_pages()

    def _ready(self, lookup: Callable[[], T]) -> T:
        """``lookup()`` of passages; :class:`PassagesPending` while some articles have no
        fingerprints yet (a full build's, whose names are still to come)."""
        try:
            return lookup()
        except PassagesNotReady:
            raise PassagesPending(self.lib.index.plain_documents()) from None

    def together(self, entity_id: str, limit: int | None) -> list[Together]:
        """See :meth:`Library.together`."""
        self.lib._ensure_index()
        try:
            return self.lib._read(lambda: self.cooccurrence.with_entity(entity_id, limit))
        finally:
            self.lib.index.let_go_sidecar_pages()

    def find_entity(self, name: str, type: str | None) -> tuple[str, str, str]:
        """See :meth:`Library.find_entity`."""
        self.lib._ensure_index()
        try:
            return self.lib._read(lambda: self.cooccurrence.resolve(name, type))
        finally:
            self.lib.index.let_go_sidecar_pages()
