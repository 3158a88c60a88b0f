"""Reading the file formats: saved web pages, exports and feeds (tui.formats)."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest

from tui.formats import ArticleError, format_of, is_multi, read_records
from tui.formats.cache import ExtractCache
from tui.formats.charset import decode_html, sniff_charset
from tui.formats.html import extract_page
from tui.formats.pagemeta import date_from_url, language_code
from tui.formats.pagetext import fragment_text, page_text
from tui.formats.record import byline_text, iso_date, paragraphs

FIXTURES = Path(__file__).parent / "fixtures"
WEB = FIXTURES / "web"
EXPORTS = FIXTURES / "exports"


def one(path: Path, **kwargs):  # type: ignore[no-untyped-def]
    records, warnings, _hash = read_records(path, **kwargs)
    assert len(records) == 1 and warnings == []
    return records[0]


# --------------------------------------------------------------------------- charsets


def test_charset_order_is_the_browsers() -> None:
    page = '<meta charset="iso-8859-1"><p>caf\xe9</p>'.encode("cp1252")
    assert sniff_charset(page) == ("cp1252", "meta charset")  # latin-1 means windows-1252
    assert sniff_charset(b"\xef\xbb\xbf" + page)[1] == "byte-order mark"
    assert sniff_charset(page, http_charset="utf-8") == ("utf-8", "HTTP header")
    assert sniff_charset("<p>café</p>".encode()) == ("utf-8", "valid UTF-8")
    assert sniff_charset("<p>caf\xe9</p>".encode("cp1252")) == ("cp1252", "fallback")


def test_http_equiv_and_comments_and_labels() -> None:
    head = b'<!-- <meta charset="koi8-r"> --><meta http-equiv="Content-Type" '
    head += b'content="text/html; charset=Shift_JIS">'
    assert sniff_charset(head + "日本".encode("cp932"))[0] == "cp932"
    # a page that says UTF-16 in ASCII is not UTF-16
    assert sniff_charset(b'<meta charset="utf-16"><p>x</p>')[0] == "utf-8"


def test_a_late_declaration_is_used_when_the_bytes_are_not_utf8() -> None:
    filler = b"<!-- " + b"x" * 2000 + b" -->"
    page = b"<html><head>" + filler + b'<meta charset="windows-1251"></head>'
    page += "<p>Новости</p>".encode("cp1251")
    text, codec = decode_html(page)
    assert codec == "cp1251" and "Новости" in text


def test_windows_1252_page_with_only_a_meta_charset() -> None:
    data = (WEB / "marche-couvert.html").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    text, codec = decode_html(data)
    assert codec == "cp1252"
    assert "Après deux ans" in text and "s’était" in text  # 0x92 is a curly apostrophe


# --------------------------------------------------------------------------- web pages


def test_an_english_page_is_its_article_and_metadata() -> None:
    r = one(WEB / "harbour-pier.html")
    assert r.format == "html"
    assert r.title == "Storm-hit pier closed for the winter"
    assert r.byline == "Mara Quinlan"
    assert r.date == "2019-11-20"
    assert r.source == "The Porthaven Courier"
    assert r.url == "https://www.porthaven-courier.example/news/2019/11/20/storm-hit-pier-closed"
    assert r.language == "en-GB"
    body = r.text
    assert body.startswith("The harbour authority closed the Victorian pier")
    assert body.rstrip().endswith("could exceed two million pounds.")
    for cruft in ("cookies", "Share on Facebook", "Skip to content", "Privacy Policy",
                  "Sections", "Related stories", "do not show", "font-family"):  # fmt: skip
        assert cruft not in body
    assert [body[a:b] for a, b in r.headings] == ["Divers to survey the columns"]
    assert [body[a:b] for a, b in r.quotes] == [
        "The pier has survived worse storms than this one, but never at its age."
    ]
    # paragraphs stay paragraphs
    assert body.count("\n\n") == 7


def test_the_raw_view_of_a_page_is_all_of_its_text() -> None:
    r = one(WEB / "harbour-pier.html")
    shown = ["Skip to content", "We use cookies", "• Home", "Share on Facebook", "Privacy Policy"]
    shown += ["Lifeboat crew rescue kayakers", "divers from Falmouth"]
    for text in shown:
        assert text in r.raw
    assert "dataLayer" not in r.raw and "font-family" not in r.raw
    assert one(WEB / "harbour-pier.html", with_raw=False).raw == ""


def test_a_german_page_takes_its_date_from_the_address() -> None:
    r = one(WEB / "bahn-strecke.html")
    assert r.title == "Bahnstrecke nach Erlenbach wird zwei Monate gesperrt"
    assert r.date == "2021-03-08"  # no date in the page's metadata: the canonical URL has one
    assert r.source == "Taunusbote" and r.language == "de"
    assert "Cookies" not in r.text and "Facebook" not in r.text and "Impressum" not in r.text
    assert [r.text[a:b] for a, b in r.headings] == ["Pendler sind verärgert"]


def test_a_french_windows_1252_page() -> None:
    r = one(WEB / "marche-couvert.html")
    assert r.title == "Le marché couvert rouvre ses portes après deux ans de travaux"
    assert r.byline == "Claire Dumesnil"  # the "Par ..." line is the byline, not the body
    assert r.date == "2020-06-12" and r.language == "fr" and r.source == "L’Écho du Val"
    assert r.text.startswith("Après deux ans de chantier")
    assert "cookies" not in r.text and "Partager" not in r.text and "Mentions" not in r.text
    assert "4,2 millions d’euros" in r.text


def test_a_gzipped_page(tmp_path: Path) -> None:
    path = tmp_path / "pier.html.gz"
    path.write_bytes(gzip.compress((WEB / "harbour-pier.html").read_bytes()))
    assert format_of(path.name) == "html"
    plain, zipped = one(WEB / "harbour-pier.html"), one(path)
    assert zipped.text == plain.text and zipped.title == plain.title


def test_broken_and_empty_pages_are_one_line_errors(tmp_path: Path) -> None:
    (tmp_path / "cut.html.gz").write_bytes(gzip.compress(b"<p>" + b"word " * 500)[:40])
    (tmp_path / "empty.html").write_bytes(b"  \n")
    (tmp_path / "nothing.html").write_bytes(b"<html><body><script>x()</script></body></html>")
    for name in ("cut.html.gz", "empty.html", "nothing.html"):
        with pytest.raises(ArticleError) as err:
            read_records(tmp_path / name)
        assert "\n" not in str(err.value) and str(err.value).startswith("skipped:")


def test_a_binary_file_named_html_is_not_a_web_page(tmp_path: Path) -> None:
    """A picture saved as .html was "skipped: the page is empty", as if the page had
    no text: it has no page at all. A UTF-16 page (NUL bytes in every other place) is
    still a page."""
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8
    (tmp_path / "photo.html").write_bytes(png)
    with pytest.raises(ArticleError) as err:
        read_records(tmp_path / "photo.html")
    assert str(err.value) == "skipped: not a web page (binary data, not text)"
    page = "<html><head><title>Pier closed</title></head><body><article>"
    page += "<p>The storm closed the old pier at Valmora harbour on Monday night.</p>" * 6
    page += "</article></body></html>"
    (tmp_path / "wide.html").write_bytes(page.encode("utf-16"))
    assert "storm closed the old pier" in one(tmp_path / "wide.html").text


def test_a_bomb_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tui.formats as formats

    monkeypatch.setattr(formats, "MAX_PAGE_BYTES", 10_000)
    (tmp_path / "big.html.gz").write_bytes(gzip.compress(b"<p>" + b"a" * 50_000))
    with pytest.raises(ArticleError, match="once unzipped"):
        read_records(tmp_path / "big.html.gz")


def test_extraction_is_cached_by_content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tui.formats.html as html_mod

    cache = ExtractCache(tmp_path / "data" / "extracts.sqlite3")
    page = tmp_path / "a.html"
    shutil.copy(WEB / "harbour-pier.html", page)
    first = one(page, cache=cache, with_raw=False)
    assert len(cache) == 1

    def fail(*_a, **_k):  # type: ignore[no-untyped-def]
        raise AssertionError("extracted again")

    monkeypatch.setattr(html_mod, "extract_page", fail)
    copy = tmp_path / "renamed.html"
    shutil.copy(page, copy)
    assert one(copy, cache=cache, with_raw=False) == first  # same bytes: from the cache
    page.write_bytes(page.read_bytes().replace(b"Tuesday", b"Wednesday"))
    with pytest.raises(AssertionError, match="extracted again"):
        read_records(page, cache=cache)


def test_the_cache_is_bounded_and_never_fails(tmp_path: Path) -> None:
    cache = ExtractCache(tmp_path / "c.sqlite3", max_entries=3)
    assert cache.get("k") is None and not (tmp_path / "c.sqlite3").exists()
    for n in range(5):
        cache.put(f"k{n}", {"n": n})
    assert cache.prune() == 2 and len(cache) == 3
    broken = tmp_path / "not-a-db.sqlite3"
    broken.write_bytes(b"this is not sqlite" * 100)
    bad = ExtractCache(broken)
    bad.put("k", {"n": 1})
    assert bad.get("k") is None


def test_url_dates_and_language_codes() -> None:
    assert date_from_url("https://x.example/news/2019/11/20/story") == "2019-11-20"
    assert date_from_url("https://x.example/2019-11-20-story.html") == "2019-11-20"
    assert date_from_url("https://x.example/a/20191120/b") == "2019-11-20"
    assert date_from_url("https://x.example/statements/2019/nov/18/name/") == "2019-11-18"
    assert date_from_url("https://x.example/2019/13/45/x") is None
    assert date_from_url("https://x.example/story-12345678") is None
    assert language_code("en_US") == "en-US" and language_code("FR") == "fr"
    assert language_code("und") is None and language_code("") is None


def test_the_date_in_the_address_wins_over_a_date_the_page_mentions() -> None:
    page = (WEB / "harbour-pier.html").read_text(encoding="utf-8")
    page = page.replace("2019-11-20T08:15:00+00:00", "2019-10-02T08:15:00+00:00")
    assert extract_page(page).date == "2019-11-20"  # the canonical address says so
    undated = page.replace("/2019/11/20/", "/")
    assert extract_page(undated).date == "2019-10-02"  # else the page's metadata


def test_a_page_with_an_article_but_little_else() -> None:
    text = "<html><head><title>Short note</title></head><body>"
    text += "<p>" + " ".join(["The committee met on Monday and agreed the plan."] * 8) + "</p>"
    text += "</body></html>"
    got = extract_page(text)
    assert got.title == "Short note" and "committee met" in got.body


def test_a_page_no_extractor_pass_reads_falls_back_on_the_text_cleaner(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import tui.formats.html as html_mod

    monkeypatch.setattr(html_mod, "_trafilatura", lambda *a, **k: None)
    got = extract_page((WEB / "harbour-pier.html").read_text(encoding="utf-8"))
    assert got.title == "Storm-hit pier closed for the winter"  # from the page's own tags
    assert "take samples of the corroded metal for testing" in got.body
    assert "Share on Facebook" not in got.body


def test_page_text_and_fragments() -> None:
    html = "<ul><li>One</li><li><a>Two</a></li></ul><table><tr><td>a</td><td>b</td></tr></table>"
    assert page_text(html) == "• One\n• Two\n\na | b"
    text, heads = fragment_text("<p>First.</p><h3>Sub</h3><p>Second<br>line.</p>")
    assert text == "First.\n\nSub\n\nSecond\nline." and [text[a:b] for a, b in heads] == ["Sub"]
    assert fragment_text("plain &amp; simple\n\nsecond") == ("plain & simple\n\nsecond", ())


# --------------------------------------------------------------------------- exports


def test_jsonl_export_maps_the_common_field_names() -> None:
    records, warnings, _ = read_records(EXPORTS / "clippings.jsonl")
    assert [r.title for r in records] == [
        "Ferry timetable cut as crew shortage bites",
        "Library extends opening hours",
        "Neue Radwege für die Innenstadt",
        "Council meeting adjourned",
        "Harbour dues rise by five per cent",
    ]
    ferry, library, radwege, council, dues = records
    assert ferry.format == "jsonl" and ferry.byline == "Iona Beaton, Calum Reid"
    assert ferry.date == "2020-01-14" and ferry.source == "islandnews.example"
    assert ferry.text.count("\n\n") == 2  # one paragraph a line in news-please's maintext
    assert library.byline == "Dana Whitfield" and library.source == "City Paper"
    assert library.date == "2020-02-03" and library.language == "en-US" and library.key == "4471"
    # trafilatura's JSON: "source" is the address, "source-hostname" the site
    assert radwege.url == "https://stadtblatt.example/radwege" and radwege.source == "Stadtblatt"
    assert radwege.byline == "Jonas Reiter, Eva Lenz"
    assert council.text == "" and council.source == "Valley Herald" and council.key == "99812"
    # HTML in a text field becomes text; field names in any case
    assert dues.text.startswith("Boat owners will pay five per cent more")
    assert "<" not in dues.text and dues.date == "2020-03-10"
    assert len(warnings) == 3
    assert warnings[0].startswith("line 5: not valid JSON")
    assert warnings[1].startswith("line 6: not an object")
    assert warnings[2] == "line 7: has no title and no text; left out"
    assert json.loads(ferry.raw)["authors"] == ["Iona Beaton", "Calum Reid"]


def test_json_list_under_a_key_and_a_single_record(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(
        json.dumps({"status": "ok", "articles": [{"title": "One", "content": "Text one."}]})
    )
    (tmp_path / "b.json").write_text(json.dumps({"headline": "Only", "body": "Just one."}))
    (tmp_path / "c.json").write_text(json.dumps({"settings": {"theme": "dark"}}))
    (tmp_path / "d.json").write_text("{broken")
    assert [r.title for r in read_records(tmp_path / "a.json")[0]] == ["One"]
    assert [r.text for r in read_records(tmp_path / "b.json")[0]] == ["Just one."]
    for name in ("c.json", "d.json"):
        with pytest.raises(ArticleError):
            read_records(tmp_path / name)


def test_json_nested_thousands_deep_is_a_bad_file_not_a_crash(tmp_path: Path) -> None:
    """A .json or .jsonl in the folder holding "[[[[..." 100,000 deep: Python's JSON
    parser raised RecursionError, which no one caught: `dossier index` ended in a
    traceback and the folder could not be read at all."""
    deep = "[" * 100_000
    (tmp_path / "a.json").write_text(deep)
    (tmp_path / "b.jsonl").write_text(json.dumps({"title": "One", "text": "Text."}) + "\n" + deep)
    with pytest.raises(ArticleError, match="nested too deeply"):
        read_records(tmp_path / "a.json")
    records, warnings, _ = read_records(tmp_path / "b.jsonl")
    assert [r.title for r in records] == ["One"]
    assert warnings == ["line 2: not valid JSON (nested too deeply); left out"]


def test_csv_export() -> None:
    records, warnings, _ = read_records(EXPORTS / "wire.csv")
    assert warnings == []  # an empty row is not a bad record
    bridge, roofs = records
    assert bridge.title == "Bridge reopens after repairs" and bridge.format == "csv"
    assert bridge.text.split("\n\n") == [
        "The swing bridge reopened to traffic on Friday after six weeks of repairs.",
        "Drivers had faced a ten-mile detour.",
    ]
    assert bridge.date == "2021-05-21" and bridge.source == "Riverside Echo"
    assert roofs.title == 'Schools to get new "green" roofs' and roofs.date == "2021-06-21"
    assert "author: Owen Price" in roofs.raw


def test_a_csv_without_article_columns(tmp_path: Path) -> None:
    (tmp_path / "prices.csv").write_text("sku,price\nA1,3.50\n")
    with pytest.raises(ArticleError, match="no title or text column"):
        read_records(tmp_path / "prices.csv")


def test_keys_stay_unique_within_a_file(tmp_path: Path) -> None:
    rows = [{"title": f"T{n}", "text": "x", "url": "https://same.example/a"} for n in range(3)]
    (tmp_path / "dup.jsonl").write_text("\n".join(json.dumps(r) for r in rows))
    keys = [r.key for r in read_records(tmp_path / "dup.jsonl")[0]]
    assert len(set(keys)) == 3 and keys[0] == "https://same.example/a"


# --------------------------------------------------------------------------- feeds


def test_rss_feed() -> None:
    records, warnings, _ = read_records(EXPORTS / "county.rss")
    assert warnings == ["entry 3: has no title and no text; left out"]
    flood, market = records
    assert flood.format == "rss" and flood.key == "cg-2022-1187"
    assert flood.title == "Flood defences finished a year early"
    assert flood.byline == "Hugh Marsh" and flood.date == "2022-11-07"
    assert flood.source == "County Gazette – Latest news" and flood.language == "en-GB"
    assert "1,400 homes" in flood.text and "<" not in flood.text  # the full content, as text
    assert [flood.text[a:b] for a, b in flood.headings] == ["Homes protected"]
    assert market.text == "Cars will be banned from the market square on Saturdays from January."
    assert market.key == "https://countygazette.example/news/car-free-market"


def test_atom_feed() -> None:
    records, warnings, _ = read_records(EXPORTS / "science.atom")
    comet, telescope = records
    assert comet.format == "atom" and comet.language == "fr"
    assert comet.title == "Une comète visible à l’œil nu en février"
    assert comet.date == "2023-02-01" and comet.byline == "Sophie Garnier"
    assert comet.source == "Le Journal des Sciences"
    assert (
        comet.text.split("\n\n")[1]
        == "Elle sera visible sans instrument loin des lumières des villes."
    )
    assert telescope.date == "2023-02-02" and telescope.text.startswith("Le télescope")


def test_xml_that_is_not_a_feed(tmp_path: Path) -> None:
    (tmp_path / "sitemap.xml").write_text('<?xml version="1.0"?><urlset><url/></urlset>')
    with pytest.raises(ArticleError, match="not an RSS or Atom feed"):
        read_records(tmp_path / "sitemap.xml")


# --------------------------------------------------------------------------- values


def test_formats_by_name() -> None:
    assert format_of("a.HTML") == "html" and format_of("a.htm.gz") == "html"
    assert format_of("x.tar.gz") is None and format_of(".html") is None
    assert is_multi("feed.atom") and is_multi("e.jsonl") and not is_multi("a.html.gz")


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2019-11-20T23:30:00-05:00", "2019-11-20"),
        ("Wed, 20 Nov 2019 12:03:00 GMT", "2019-11-20"),
        ("20191120", "2019-11-20"),
        ("20 November 2019", "2019-11-20"),
        ("Nov. 20, 2019", "2019-11-20"),
        (1574208000, "2019-11-20"),
        (1574208000000, "2019-11-20"),
        ({"$date": "2019-11-20"}, "2019-11-20"),
        ("2019/11/20 10:00", "2019-11-20"),
        ("yesterday", None),
        ("2019-02-30", None),
        ("", None),
    ],
)
def test_dates_in_exports(value: object, iso: str | None) -> None:
    assert iso_date(value) == iso


def test_bylines_and_paragraphs() -> None:
    assert byline_text("By Jane Smith; John Doe") == "Jane Smith, John Doe"
    assert byline_text("Par Claire Dumesnil") == "Claire Dumesnil"
    assert byline_text("Bystander Weekly") == "Bystander Weekly"
    assert paragraphs("a\nb") == "a\n\nb" and paragraphs("a\nb\n\nc") == "a\nb\n\nc"


def test_is_multi_says_what_format_of_says() -> None:
    from tui.formats import MULTI, SUFFIXES, format_of, is_multi

    stems = ["", "a", "x.y", ".", "dir/a", "A.B", "feed.html"]
    tails = [*SUFFIXES, *(s.upper() for s in SUFFIXES), ".gz", ".json.gz", ".txt.json", ""]
    for stem in stems:
        for tail in tails:
            for extra in ("", ".json", ".bak", "l"):
                name = stem + tail + extra
                assert is_multi(name) == (format_of(name) in MULTI), name
