"""Boilerplate learned across a folder's articles at index time, and the user's corrections."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tui.cleaning import clean, line_hashes, mark_line, unmark_line
from tui.cleaning.learn import digests_of, line_digests
from tui.library import Library, boilerplate, reclean, update
from tui.library.boilerplate import LearnedState, group_of
from tui.library.prepare import (
    config_signature,
    fingerprints,
    prepare_document,
    prepare_plain,
    reads_learned,
)

HOUSE = "Your local paper since 1921, read in every house on the bay."
PUBLISHER = "The Harbour Weekly is published by the Bay Press Group."


def site_article(folder: Path, n: int) -> Path:
    path = folder / "harbour" / f"story-{n}.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"Story number {n} from the bay\n\n{HOUSE}\n\nAdvertisement\n\n"
        f"The council met on day {n} to discuss the plans for the harbour and its bridge.\n\n"
        f"{PUBLISHER}\n\n"
        f"Residents said the works on day {n} had made the commute longer than usual.\n",
        encoding="utf-8",
    )
    return path


def test_group_of() -> None:
    assert group_of("a.txt") == "dir:"
    assert group_of("site/sub/a.txt") == "dir:site/sub/"
    assert group_of("a.html", "https://www.Example.com/2019/story") == "example.com"


def test_lines_recurring_in_a_folder_are_learned_and_cleaned_away(tmp_path: Path) -> None:
    corpus = tmp_path / "news"
    for n in range(4):
        site_article(corpus, n)
    (corpus / "other.txt").write_text(
        f"A story elsewhere\n\n{PUBLISHER}\n\nThe text of another story.\n", encoding="utf-8"
    )
    lib = Library.open(corpus)
    lib.update_index(workers=1)
    article = lib.article("harbour/story-1.txt")
    assert article.body.split("\n\n") == [
        "The council met on day 1 to discuss the plans for the harbour and its bridge.",
        "Residents said the works on day 1 had made the commute longer than usual.",
    ]
    # The raw view can dim what went: the spans are lines of the raw text.
    removed = [article.raw[a:b] for a, b in article.removed]
    assert removed == [HOUSE, "Advertisement", PUBLISHER]
    # The index holds the cleaned text; another folder is not affected.
    assert lib.search('"Bay Press Group"').hits[0].path == "other.txt"
    assert PUBLISHER in lib.article("other.txt").body

    # A new article of the same folder is cleaned with what was learned.
    site_article(corpus, 9)
    lib.scan()
    lib.update_index(workers=1)
    assert PUBLISHER not in lib.article("harbour/story-9.txt").body
    state = LearnedState(lib.catalog.index.read_meta()["boilerplate"])
    assert len(state.learned("dir:harbour/")) == 3  # with "Advertisement"
    # What cleaning needs of it (the app keeps no lines per file), the same sets.
    sets = LearnedState(lib.catalog.index.read_meta()["boilerplate"], files=False)
    assert sets.sets == state.sets and state.files and not sets.files
    assert state.sets_only().sets == state.sets and not state.sets_only().files
    # A library that listed the folder and let go of the metadata cleans the same.
    again = Library.open(corpus)
    again.scan()
    again.catalog.release()
    assert again.article("harbour/story-9.txt").body == lib.article("harbour/story-9.txt").body


def test_a_tidy_folder_learns_nothing(tmp_path: Path) -> None:
    corpus = tmp_path / "news"
    corpus.mkdir()
    for n in range(5):
        (corpus / f"{n}.txt").write_text(
            f"Title {n}\n\nShort line\n\nThe story number {n} is told here in full.\n",
            encoding="utf-8",
        )
    lib = Library.open(corpus)
    lib.update_index(workers=1)
    assert "Short line" in lib.article("0.txt").body
    assert LearnedState(lib.catalog.index.read_meta()["boilerplate"]).counts.sources() == []


def test_a_users_correction_applies_on_the_next_update(tmp_path: Path) -> None:
    corpus = tmp_path / "news"
    text = "Bridge reopens\n\nThe bridge reopened on Tuesday.\n\nHarbour notes\n\nMore text.\n"
    for folder in ("harbour", "elsewhere"):
        (corpus / folder).mkdir(parents=True)
        (corpus / folder / "a.txt").write_text(text, encoding="utf-8")
    lib = Library.open(corpus)
    lib.update_index(workers=1)
    assert "Harbour notes" in lib.article("harbour/a.txt").body
    meta = lib.catalog.index.read_meta()
    mark_line(group_of("harbour/a.txt"), "Harbour notes", cruft=True)
    # The rules' fingerprint stays: not every article is cleaned again, only this source's.
    assert fingerprints(lib.catalog.config_dir)[0] == meta["cleaner"]
    lib.update_index(workers=1)
    assert "Harbour notes" not in lib.article("harbour/a.txt").body
    assert [h.path for h in lib.search('"harbour notes"').hits] == ["elsewhere/a.txt"]
    assert "Harbour notes" in lib.article("elsewhere/a.txt").body
    # Taking the correction back brings the line back.
    unmark_line(group_of("harbour/a.txt"), "Harbour notes")
    lib.update_index(workers=1)
    assert "Harbour notes" in lib.article("harbour/a.txt").body
    assert len(lib.search('"harbour notes"').hits) == 2


def harbour_with_plain_articles(corpus: Path) -> None:
    for n in range(4):
        site_article(corpus, n)
    for n in range(5):
        (corpus / "harbour" / f"plain-{n}.txt").write_text(
            f"Plain story {n}\n\nThe ferry ran late on day {n} because of the fog.\n",
            encoding="utf-8",
        )
    # Tidy (the rules drop nothing), but with a line the folder learns.
    (corpus / "harbour" / "plain-9.txt").write_text(
        f"Plain story 9\n\nThe ferry ran on time.\n\n{PUBLISHER}\n", encoding="utf-8"
    )
    (corpus / "other.txt").write_text(
        f"A story elsewhere\n\n{PUBLISHER}\n\nThe text of another story.\n", encoding="utf-8"
    )


def test_a_fresh_build_prepares_again_only_articles_with_a_learned_line(
    tmp_path: Path, monkeypatch: Any
) -> None:
    """A fresh build cleans every article with no learned lines, learns the folder's,
    and prepares again only the articles that have one: the others read the same."""
    corpus = tmp_path / "news"
    harbour_with_plain_articles(corpus)
    prepared: list[str] = []

    def counting(item: tuple[Any, ...]) -> dict[str, Any] | str:
        prepared.append(item[1])
        return prepare_plain(item)

    # (a fresh build prepares them without their names, found after: tui.library.naming;
    # the build, then the cleaning again: tui.library.reclean)
    monkeypatch.setattr(update, "prepare_plain", counting)
    monkeypatch.setattr(reclean, "prepare_plain", counting)
    lib = Library.open(corpus)
    lib.update_index(workers=1)
    twice = [*(f"harbour/story-{n}.txt" for n in range(4)), "harbour/plain-9.txt"]
    once = [*(f"harbour/plain-{n}.txt" for n in range(5)), "other.txt"]
    assert sorted(prepared) == sorted(twice + twice + once)
    assert PUBLISHER not in lib.article("harbour/story-2.txt").body
    assert PUBLISHER not in lib.article("harbour/plain-9.txt").body
    assert [h.path for h in lib.search('"Bay Press Group"').hits] == ["other.txt"]
    state = LearnedState(lib.catalog.index.read_meta()["boilerplate"])
    assert len(state.learned("dir:harbour/")) == 3
    assert len(state.files_of({"dir:harbour/"})) == 10


def test_an_article_without_a_learned_line_reads_the_same_cleaned_with_them(
    tmp_path: Path,
) -> None:
    """reads_learned is false only where cleaning with the learned lines changes nothing."""
    corpus = tmp_path / "news"
    harbour_with_plain_articles(corpus)
    (corpus / "harbour" / "page.html").write_text(
        "<html><head><title>A page</title></head><body><article><p>"
        + f"{PUBLISHER} The text of a saved page, long enough to be an article. " * 5
        + "</p></article></body></html>",
        encoding="utf-8",
    )
    lib = Library.open(corpus)
    lib.update_index(workers=1)
    learned = LearnedState(lib.catalog.index.read_meta()["boilerplate"]).learned("dir:harbour/")
    assert learned
    signature = config_signature(str(lib.catalog.config_dir))
    reading = set()
    for n, path in enumerate(sorted(lib.catalog.disk_for_update())):
        bare = prepare_document(lib.catalog.item(path, f"id{n}", signature, frozenset()))
        item = lib.catalog.item(path, f"id{n}", signature, learned)
        if reads_learned(item):
            reading.add(path)
            assert prepare_document(item) != bare
        else:
            assert prepare_document(item) == bare
    assert reading == {f"harbour/story-{n}.txt" for n in range(4)} | {
        "harbour/plain-9.txt",
        "other.txt",
    }


def _words(n: int) -> str:
    return " ".join(f"w{k}" for k in range(n))


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "Title\n\nA line.\n",
        f"Title\n\n{_words(25)}\n\n{_words(26)}\n\n  {_words(25)}  \n",
        "Title\r\n\r\nWindows  lines\r\nand\rold Mac\tones\r\n",
        "Title\n\nTom &amp; Jerry\n\nno&nbsp;break&#32;here\n\n&notanentity; stays\n",
        "Title\n\nzero\u200bwidth and soft\u00adhyphen\n\n\u200b\n\nSTRASSE Straße\n",
        "Title\n\nno\xa0break  double  spaces\n\n   \n\n\t\n\nÉté à Paris\n",
        f"Title\n\n{'word ' * 24}end\n\n{'word  ' * 24}end\n",
    ],
)
def test_line_digests_are_the_line_hashes(raw: str) -> None:
    """The digests a worker notes from a cleaning's spans are the hashes of every
    candidate line (as splitting the text again finds them), in any text."""
    cleaned = clean(raw)
    digests = line_digests(raw, (*cleaned.kept_spans, *cleaned.removed_spans))
    assert [d.hex() for d in digests_of(digests)] == sorted(line_hashes(raw))


def test_a_fresh_build_tells_the_articles_to_clean_again_from_the_noted_digests(
    tmp_path: Path, monkeypatch: Any
) -> None:
    """The articles of a folder met after a scraped one (in this process) are told from
    the digests noted as they were read; those before it are read again. Either way
    the same articles are prepared again: those with a line the folder learned."""
    corpus = tmp_path / "news"
    harbour_with_plain_articles(corpus)
    (corpus / "harbour" / "tidy-late.txt").write_text(
        f"A late story\n\nThe ferry ran on time again.\n\n{PUBLISHER}\n", encoding="utf-8"
    )
    (corpus / "harbour" / "zz-tidy.txt").write_text(
        "The last story\n\nThe ferry did not run.\n", encoding="utf-8"
    )
    monkeypatch.setattr(boilerplate, "_LEARNING", set())  # (this process met none yet)
    prepared: list[str] = []
    read_again: list[str] = []

    def counting(item: tuple[Any, ...]) -> dict[str, Any] | str:
        prepared.append(item[1])
        return prepare_plain(item)

    def reading(item: tuple[Any, ...]) -> bool:
        read_again.append(item[1])
        return reads_learned(item)

    monkeypatch.setattr(update, "prepare_plain", counting)
    monkeypatch.setattr(reclean, "prepare_plain", counting)
    monkeypatch.setattr(reclean, "reads_learned", reading)
    lib = Library.open(corpus)
    lib.update_index(workers=1)
    # (in order: the plain stories, then the scraped ones, then the late tidy ones)
    assert sorted(read_again) == sorted(
        [*(f"harbour/plain-{n}.txt" for n in range(5)), "harbour/plain-9.txt"]
    )
    twice = [
        *(f"harbour/story-{n}.txt" for n in range(4)),
        "harbour/plain-9.txt",
        "harbour/tidy-late.txt",
    ]
    once = [*(f"harbour/plain-{n}.txt" for n in range(5)), "harbour/zz-tidy.txt", "other.txt"]
    assert sorted(prepared) == sorted(twice + twice + once)
    assert PUBLISHER not in lib.article("harbour/tidy-late.txt").body
    assert lib.article("harbour/zz-tidy.txt").body == "The ferry did not run."
