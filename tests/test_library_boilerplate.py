"""Boilerplate learned across a folder's articles at index time, and the user's corrections."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tui.cleaning import mark_line, unmark_line
from tui.library import Library, update
from tui.library.boilerplate import LearnedState, group_of
from tui.library.prepare import config_signature, fingerprints, prepare_document

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


def test_a_fresh_build_cleans_each_article_once(tmp_path: Path, monkeypatch: Any) -> None:
    """The boilerplate is learned before the articles are prepared: a source whose lines
    are learned is not prepared a second time to clean them away."""
    corpus = tmp_path / "news"
    for n in range(6):
        site_article(corpus, n)
    (corpus / "other.txt").write_text(
        f"A story elsewhere\n\n{PUBLISHER}\n\nThe text of another story.\n", encoding="utf-8"
    )
    prepared: list[str] = []

    def counting(item: tuple[Any, ...]) -> dict[str, Any] | str:
        prepared.append(item[1])
        return prepare_document(item)

    monkeypatch.setattr(update, "prepare_document", counting)
    lib = Library.open(corpus)
    lib.update_index(workers=1)
    assert sorted(prepared) == sorted([f"harbour/story-{n}.txt" for n in range(6)] + ["other.txt"])
    assert PUBLISHER not in lib.article("harbour/story-2.txt").body
    assert [h.path for h in lib.search('"Bay Press Group"').hits] == ["other.txt"]
    state = LearnedState(lib.catalog.index.read_meta()["boilerplate"])
    assert len(state.learned("dir:harbour/")) == 3
    assert len(state.files_of({"dir:harbour/"})) == 6

    # An update still learns from what it indexes and cleans the source again.
    prepared.clear()
    for n in range(6):
        (corpus / "harbour" / f"story-{n}.txt").unlink()
    (corpus / "fresh").mkdir()
    for n in range(4):
        (corpus / "fresh" / f"{n}.txt").write_text(
            f"Fresh story {n}\n\nSign up for our newsletter today\n\nWhat happened on day {n}.\n\n"
            "Advertisement\n",
            encoding="utf-8",
        )
    lib.scan()
    lib.update_index(workers=1)
    assert "Sign up" not in lib.article("fresh/1.txt").body
    assert sorted(prepared).count("fresh/1.txt") >= 1


def test_the_pre_pass_reports_what_preparing_reports(tmp_path: Path) -> None:
    """learn_first's lines of each file are those its prepared document carries."""
    corpus = tmp_path / "news"
    for n in range(3):
        site_article(corpus, n)
    (corpus / "tidy.md").write_text("# Title\n\nA tidy story told in full.\n", encoding="utf-8")
    (corpus / "page.html").write_text(
        "<html><head><title>A page</title></head><body><article><p>"
        + "The text of a saved page, long enough to be an article. " * 5
        + "</p></article></body></html>",
        encoding="utf-8",
    )
    (corpus / "broken.txt").write_bytes(b"")
    lib = Library.open(corpus)
    lib.scan()
    signature = config_signature(str(lib.catalog.config_dir))
    paths = [*(f"harbour/story-{n}.txt" for n in range(3)), "tidy.md", "page.html", "broken.txt"]
    items = [lib.catalog.item(p, f"id{i}", signature, frozenset()) for i, p in enumerate(paths)]
    expected = []
    for item in items:
        doc = prepare_document(item)
        if isinstance(doc, dict) and "boilerplate" in doc:
            expected.append({"path": doc["path"], "boilerplate": doc["boilerplate"]})
    assert update.learn_first(items, workers=1) == expected
    assert any(entry["boilerplate"][1] for entry in expected)  # a scraped one among them
