"""A corpus of web pages, exports and feeds: listed, indexed, searched, updated by record."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import write_article
from tui.library import Library, LibraryError

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    (folder / "web").mkdir(parents=True)
    (folder / "exports").mkdir()
    shutil.copy(FIXTURES / "web" / "harbour-pier.html", folder / "web")
    shutil.copy(FIXTURES / "web" / "marche-couvert.html", folder / "web")
    (folder / "web" / "bahn.html.gz").write_bytes(
        gzip.compress((FIXTURES / "web" / "bahn-strecke.html").read_bytes())
    )
    for name in ("clippings.jsonl", "wire.csv", "county.rss", "science.atom"):
        shutil.copy(FIXTURES / "exports" / name, folder / "exports")
    write_article(folder, "notes.txt", "Ferry crews strike", "The crews walked out on Monday.")
    return folder


def by_title(lib: Library) -> dict[str, object]:
    return {a.title: a for a in lib.articles()}


def test_every_format_is_listed_and_indexed(corpus: Path) -> None:
    lib = Library.open(corpus)
    scan = lib.scan()
    titles = {a.title for a in scan.articles}
    assert "Storm-hit pier closed for the winter" in titles  # from the page's <head>
    assert "Ferry timetable cut as crew shortage bites" in titles  # a JSONL record
    assert "Flood defences finished a year early" in titles  # an RSS entry
    assert len(scan.articles) == 3 + 5 + 2 + 2 + 2 + 1
    assert any("line 5: not valid JSON" in w for w in scan.warnings)

    report = lib.update_index(workers=1)
    assert report.added == 15 and not report.rebuilt
    assert any("clippings.jsonl: line 7: has no title and no text" in w for w in report.warnings)
    pier = by_title(lib)["Storm-hit pier closed for the winter"]
    assert (pier.format, pier.language, pier.date) == ("html", "en", "2019-11-20")  # type: ignore[attr-defined]
    hits = lib.search("divers falmouth").hits
    assert [h.title for h in hits] == ["Storm-hit pier closed for the winter"]
    assert hits[0].format == "html" and hits[0].url.endswith("storm-hit-pier-closed")  # type: ignore[union-attr]
    assert lib.search("cookies").total == 0  # the banner is not the article
    ferry = lib.search("qualified deck crew").hits[0]
    assert ferry.format == "jsonl" and ferry.path.startswith("exports/clippings.jsonl#")
    assert lib.search("Gleise Signaltechnik").hits[0].language == "de"  # the gzipped page
    assert lib.search("comète").hits[0].format == "atom"


def test_a_record_opens_as_an_article(corpus: Path) -> None:
    lib = Library.open(corpus)
    lib.update_index(workers=1)
    ferry = by_title(lib)["Ferry timetable cut as crew shortage bites"]
    article = lib.article(ferry.id)  # type: ignore[attr-defined]
    assert article.format == "jsonl" and article.byline == "Iona Beaton, Calum Reid"
    assert article.body.startswith("The island ferry will run four sailings")
    assert json.loads(article.raw)["source_domain"] == "islandnews.example"  # r: the record
    page = lib.article(by_title(lib)["Storm-hit pier closed for the winter"].id)  # type: ignore[attr-defined]
    assert "We use cookies" in page.raw and "We use cookies" not in page.body
    assert [page.body[a:b] for a, b in page.headings] == ["Divers to survey the columns"]
    with pytest.raises(LibraryError, match="holds 5 articles"):
        lib.article("exports/clippings.jsonl")


def _jsonl(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def test_only_the_records_that_changed_are_indexed_again(corpus: Path) -> None:
    lib = Library.open(corpus)
    lib.update_index(workers=1)
    ids = {a.title: a.id for a in lib.articles()}
    path = corpus / "exports" / "clippings.jsonl"
    lines = _jsonl(path)
    library = json.loads(lines[1])
    library["text"] += "\n\nThe mayor welcomed the decision."
    lines[1] = json.dumps(library)
    lines.insert(0, json.dumps({"title": "Bus lane opens", "text": "It opened today.", "id": 9}))
    del lines[3]  # the trafilatura-style record
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = lib.update_index(workers=1)
    assert (report.added, report.changed, report.removed) == (1, 1, 1)
    after = {a.title: a.id for a in lib.articles()}
    assert "Neue Radwege für die Innenstadt" not in after
    for title in ("Ferry timetable cut as crew shortage bites", "Library extends opening hours"):
        assert after[title] == ids[title]  # records keep their ids (the id, else the address)
    assert lib.search("mayor welcomed").hits[0].id == ids["Library extends opening hours"]
    assert lib.update_index(workers=1).touched == 0


def test_bookmarks_on_records_follow_their_record(corpus: Path) -> None:
    lib = Library.open(corpus)
    lib.update_index(workers=1)
    ferry_id = by_title(lib)["Ferry timetable cut as crew shortage bites"].id  # type: ignore[attr-defined]
    article = lib.article(ferry_id)
    mark = lib.bookmarks.add_quote(article, "A shortage of qualified deck crew", note="why")
    path = corpus / "exports" / "clippings.jsonl"
    lines = _jsonl(path)
    ferry = json.loads(lines[0])
    ferry["maintext"] = "Update: talks resume Friday.\n" + ferry["maintext"]
    lines[0] = json.dumps(ferry)
    path.rename(corpus / "exports" / "renamed.jsonl")  # renamed and edited
    (corpus / "exports" / "renamed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    lib.update_index(workers=1)
    saved = lib.bookmarks.get(mark.id)
    assert saved is not None and saved.status == "anchored"
    moved = lib.article(saved.article_id)
    assert moved.body[saved.start : saved.end] == "A shortage of qualified deck crew"


def test_a_file_that_breaks_and_mends(corpus: Path) -> None:
    lib = Library.open(corpus)
    lib.update_index(workers=1)
    ids = {a.title: a.id for a in lib.articles()}
    feed = corpus / "exports" / "county.rss"
    good = feed.read_bytes()
    feed.write_bytes(b"<rss><channel><title>x</title>")  # cut short: no entries
    report = lib.update_index(workers=1)
    assert report.removed == 2 and any("county.rss: skipped" in w for w in report.warnings)
    feed.write_bytes(good)
    report = lib.update_index(workers=1)
    assert report.added == 2
    assert (
        by_title(lib)["Flood defences finished a year early"].id
        == (  # type: ignore[attr-defined]
            ids["Flood defences finished a year early"]
        )
    )


def test_pages_are_extracted_once(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lib = Library.open(corpus)
    lib.update_index(workers=1)
    import tui.formats.html as html_mod

    def fail(*_a: object, **_k: object) -> None:
        raise AssertionError("extracted again")

    monkeypatch.setattr(html_mod, "extract_page", fail)
    again = Library.open(corpus)
    report = again.rebuild_index()  # every document again: the pages from the cache
    assert report.added == 15
    assert again.article(by_title(again)["Storm-hit pier closed for the winter"].id).body  # type: ignore[attr-defined]


def test_corrections_show_everywhere_and_survive_a_rebuild(corpus: Path) -> None:
    write_article(corpus, "menu.txt", "Sections", "The council met on Tuesday to discuss roads.")
    lib = Library.open(corpus)
    lib.update_index(workers=1)
    doc_id = by_title(lib)["Sections"].id  # type: ignore[attr-defined]
    lib.correct(doc_id, title="Council discusses roads", date="2021-04-06", byline="Ann Lee")
    summary = {a.id: a for a in lib.articles()}[doc_id]
    assert (summary.title, summary.date, summary.byline) == (
        "Council discusses roads",
        "2021-04-06",
        "Ann Lee",
    )
    assert lib.article(doc_id).title == "Council discusses roads"
    assert lib.search("title:discusses").hits[0].id == doc_id  # the index has it
    assert lib.search("date:2021-04").hits[0].id == doc_id
    assert (corpus / "menu.txt").read_text().startswith("Sections")  # the file is untouched
    lib.rebuild_index()
    fresh = Library.open(corpus)
    assert {a.id: a.title for a in fresh.scan().articles}[doc_id] == "Council discusses roads"
    fresh.update_index(workers=1)
    assert fresh.search("title:discusses").hits[0].id == doc_id
    fresh.correct(doc_id, title="", date=None, byline="")
    assert fresh.article(doc_id).title == "Sections"
    assert fresh.search("title:discusses").total == 0


def test_the_extraction_cache_is_bounded(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tui.formats.cache as cache_mod

    monkeypatch.setattr(cache_mod, "MAX_ENTRIES", 2)
    monkeypatch.setattr(cache_mod, "_OPEN", {})
    lib = Library.open(corpus)
    lib.update_index(workers=1)
    assert len(cache_mod.ExtractCache(lib.paths.extracts)) == 2  # three pages, two kept
    assert lib.paths.extracts.parent == lib.paths.index.parent  # beside the index
