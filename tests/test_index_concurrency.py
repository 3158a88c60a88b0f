"""Two copies of Dossier on one index: a commit by one never looks like damage to the other.

Each :class:`~tui.library.Library` here stands for a process of its own (its own
:class:`~tui.index.SearchIndex`, its own open index and searcher); the commits
are interleaved with the reads deterministically, between a searcher's opening
and the reads it makes later.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import write_article
from tui.index.segment import segment_ids
from tui.library import Library


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
