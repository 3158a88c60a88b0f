"""A folder never indexed: one article read alone before the folder is
(tui.library.Library.first_article), the paths the app's test does not take."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import write_article
from tui.library import Library


def test_files_that_give_no_article_are_passed_over(tmp_path: Path, hermetic_dirs: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a-empty.txt").write_text("")  # no article in it
    (folder / "b-feed.jsonl").write_text(  # several articles: read with the folder
        "\n".join(json.dumps({"title": f"Tide {n}", "text": "High water."}) for n in range(2))
    )
    write_article(folder, "c-quay.txt", "Quay reopens", "The quay reopened on Monday.")
    lib = Library.open(folder)
    try:
        made = lib.first_article()
        assert made is not None
        article, entry, count = made
        assert article.title == "Quay reopens" and entry.title == "Quay reopens"
        assert count == 3  # the folder's article files, as the list's count starts
        assert lib.article(entry.id).title == "Quay reopens"  # primed: opens alone
    finally:
        lib.close()


def test_the_search_for_one_ends_after_the_first_few_files(
    tmp_path: Path, hermetic_dirs: Path
) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    for n in range(6):  # six unreadable first: the list, read whole, will say why
        (folder / f"{n}-empty.txt").write_text("")
    write_article(folder, "9-quay.txt", "Quay reopens", "The quay reopened on Monday.")
    lib = Library.open(folder)
    try:
        assert lib.first_article() is None
    finally:
        lib.close()


def test_a_folder_indexed_has_no_first_article_read_alone(
    tmp_path: Path, hermetic_dirs: Path
) -> None:
    folder = tmp_path / "news"
    write_article(folder, "quay.txt", "Quay reopens", "The quay reopened on Monday.")
    lib = Library.open(folder)
    lib.update_index(workers=1)
    lib.close()
    again = Library.open(folder)
    try:
        assert again.first_article() is None  # the rows kept beside the index serve
    finally:
        again.close()
