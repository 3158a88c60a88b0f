"""Two copies of Dossier on one index: a commit by one never looks like damage to the other.

Each :class:`~tui.library.Library` here stands for a process of its own (its own
:class:`~tui.index.SearchIndex`, its own open index and searcher); the commits
are interleaved with the reads deterministically, between a searcher's opening
and the reads it makes later.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import write_article
from tui.index.folder import open_index
from tui.index.schema import INDEX_NAME
from tui.index.segment import segment_ids
from tui.library import Library, LibraryError
from tui.library.guard import ATTEMPTS, read_guarded
from tui.library.models import IndexDamaged


def _corpus(folder: Path, n: int = 12) -> Path:
    for i in range(n):
        write_article(
            folder,
            f"story{i:04d}.txt",
            f"Story {i} about the harbour",
            f"Negotiators met in Valmora on day {i} to discuss a ceasefire along the harbour.",
        )
    return folder


@pytest.fixture
def two(tmp_path: Path) -> tuple[Library, Library]:
    corpus = _corpus(tmp_path / "news")
    reader = Library.open(corpus)
    reader.update_index(workers=1)
    return reader, Library.open(corpus)


def _opened_searcher_segments(lib: Library) -> set[str]:
    reader = lib.index.searcher().reader()
    return {r.segment().segment_id() for r, _ in reader.leaf_readers()}


def test_a_searcher_taken_up_after_another_process_rebuilt_reads_only_the_new_index(
    two: tuple[Library, Library],
) -> None:
    reader, other = two
    reader.index.searcher()  # opened, no stored field read yet (Whoosh reads them lazily)
    old = segment_ids(reader.index.ix)
    other.update_index(workers=1, fresh=True)  # every segment new; the old ones' files go

    found = reader.search("harbour")  # used to be "the search index is damaged (TypeError...)"

    assert found.total == 12
    assert len({hit.id for hit in found.hits}) == 12
    assert not reader.index.read_meta().get("damaged")
    now = segment_ids(reader.index.ix)
    assert _opened_searcher_segments(reader) == now
    assert not now & old


def test_a_searcher_taken_up_after_another_process_updated_sees_each_article_once(
    tmp_path: Path, two: tuple[Library, Library]
) -> None:
    reader, other = two
    assert reader.search("harbour").total == 12  # a searcher open, stored fields read
    path = tmp_path / "news" / "story0003.txt"
    path.write_text(path.read_text() + "\n\nThe grain ships left the harbour at dawn.\n")
    other.update_index(workers=1)  # the old copy of story 3 deleted in its segment

    found = reader.search("harbour")

    assert found.total == 12
    assert reader.search("grain").total == 1
    assert _opened_searcher_segments(reader) == segment_ids(reader.index.ix)


# -- reads guarded against a commit under them (tui.library.guard) ------------------------


def _read_with_commits_under_it(reader: Library, other: Library, commits: int) -> Any:
    """A read of every stored id by ``reader``'s searcher, with ``other`` rebuilding the
    index (its files replaced) between the searcher's opening and the reads, the first
    ``commits`` times: Whoosh opens stored fields lazily, so those reads fail."""
    left = [commits]

    def read() -> list[str]:
        s = reader.index.searcher()
        if left[0]:
            left[0] -= 1
            other.update_index(workers=1, fresh=True)
        return sorted(str(s.stored_fields(n)["id"]) for n in range(s.doc_count_all()))

    return read


def test_a_read_failing_as_another_process_commits_again_and_again_is_tried_again(
    two: tuple[Library, Library],
) -> None:
    reader, other = two
    reader.index.close()  # a searcher opened by the read, no stored field read yet
    marked: list[bool] = []
    read = _read_with_commits_under_it(reader, other, commits=2)

    ids = read_guarded(reader.index, read, None, dict, lambda: marked.append(True))

    assert len(ids) == 12
    assert not marked
    assert not reader.index.read_meta().get("damaged")


def test_an_index_that_keeps_changing_under_every_read_is_not_called_damaged(
    two: tuple[Library, Library],
) -> None:
    reader, other = two
    reader.index.close()
    marked: list[bool] = []
    read = _read_with_commits_under_it(reader, other, commits=ATTEMPTS)

    with pytest.raises(LibraryError, match="kept changing") as raised:
        read_guarded(reader.index, read, None, dict, lambda: marked.append(True))

    assert not isinstance(raised.value, IndexDamaged)
    assert not marked
    assert not reader.index.read_meta().get("damaged")
    assert reader.search("harbour").total == 12


def test_a_failure_that_does_not_repeat_on_the_index_opened_anew_is_no_damage(
    two: tuple[Library, Library],
) -> None:
    reader, _ = two
    failures = [TypeError("'NoneType' object is not subscriptable")]

    def read() -> int:
        s = reader.index.searcher()
        if failures:
            raise failures.pop()
        return int(s.doc_count())

    assert read_guarded(reader.index, read, None, dict, lambda: None) == 12
    assert not reader.index.read_meta().get("damaged")


def test_a_failure_that_repeats_on_the_index_opened_anew_is_damage(
    two: tuple[Library, Library],
) -> None:
    reader, _ = two
    marked: list[bool] = []

    def read() -> int:
        reader.index.searcher()
        raise TypeError("'NoneType' object is not subscriptable")

    with pytest.raises(IndexDamaged):
        read_guarded(reader.index, read, None, dict, lambda: marked.append(True))
    assert marked
    assert reader.index.read_meta().get("damaged")


# -- opening: the record of the files against a commit under it (tui.index.folder) --------


class _CommitAfterFirstLook:
    """The opened Whoosh index as it is, except that another process commits right
    after the first look at its newest generation: the moment a commit can fall in
    between :meth:`IndexFolder.damage`'s check of the generation and its look at the
    files that generation's record lists."""

    def __init__(self, ix: Any, commit: Callable[[], object]) -> None:
        self.ix = ix
        self.commit: Callable[[], object] | None = commit

    def latest_generation(self) -> int:
        gen = int(self.ix.latest_generation())
        if self.commit is not None:
            commit, self.commit = self.commit, None
            commit()
        return gen


def test_an_index_opened_as_another_process_commits_is_not_missing_a_file(
    two: tuple[Library, Library],
) -> None:
    reader, other = two
    index = reader.index
    meta = index.read_meta()
    gen = index.ix.latest_generation()
    assert meta["store"]["gen"] == gen
    assert next(iter(meta["store"]["files"])) == f"_{INDEX_NAME}_{gen}.toc"
    ix = _CommitAfterFirstLook(open_index(index.path), lambda: other.update_index(fresh=True))

    # used to be "the index is missing a file (_MAIN_<gen>.toc)", and a rebuild
    assert index.folder.damage(ix, meta) is None
    assert not (index.path / f"_{INDEX_NAME}_{gen}.toc").exists()  # the commit did fall in
    assert index.open() is None
    assert reader.search("harbour").total == 12
