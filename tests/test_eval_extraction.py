"""The extraction scorer: shingle P/R/F1, title match, URL dates, a tiny corpus end to end."""

from __future__ import annotations

import gzip
import importlib.util
import json
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench" / "eval_extraction.py"
spec = importlib.util.spec_from_file_location("eval_extraction", BENCH)
assert spec and spec.loader
ev = importlib.util.module_from_spec(spec)
sys.modules["eval_extraction"] = ev  # dataclasses look their module up
spec.loader.exec_module(ev)


def test_shingle_counts_are_normalised_multisets() -> None:
    truth = "one two three four five"  # shingles: (1234) (2345)
    assert ev.tp_fp_fn(truth, truth) == (1.0, 0.0, 0.0)
    tp, fp, fn = ev.tp_fp_fn(truth, "one two three four six")
    assert (tp, fp, fn) == pytest.approx((1 / 3, 1 / 3, 1 / 3))
    # A repeated paragraph is a false positive: shingles are a multiset.
    tp, fp, fn = ev.tp_fp_fn(truth, truth + " . " + truth)
    assert fn == 0 and fp > 0
    # Fewer than four tokens make one short shingle.
    assert ev.tp_fp_fn("a b", "a b") == (1.0, 0.0, 0.0)
    assert ev.tp_fp_fn("", "") == (0.0, 0.0, 0.0)


def test_body_scores_average_over_pages_then_take_f1() -> None:
    perfect = (1.0, 0.0, 0.0)
    half = (0.5, 0.5, 0.0)  # P 0.5, R 1
    empty = (0.0, 0.0, 1.0)  # nothing extracted: no precision, recall 0
    p, r, f1 = ev.body_scores([perfect, half, empty])
    assert p == pytest.approx(0.75)
    assert r == pytest.approx(2 / 3)
    assert f1 == pytest.approx(2 * 0.75 * (2 / 3) / (0.75 + 2 / 3))


def test_title_match_uses_token_f1() -> None:
    refs = ["Harbour bridge reopens after repairs | The Example Post"]
    assert ev.title_right("Harbour bridge reopens after repairs", refs)
    assert not ev.title_right("Sections", refs)
    assert not ev.title_right("", refs)


@pytest.mark.parametrize(
    ("url", "iso"),
    [
        ("https://example.com/2019/11/18/some-story/", "2019-11-18"),
        ("https://example.com/world/2019/nov/18/story", "2019-11-18"),
        ("https://example.com/story/2019-11-19/slug", "2019-11-19"),
        ("https://example.com/news/slug-2019-11-19/", "2019-11-19"),
        ("https://example.com/col/201911181077343476-slug/", "2019-11-18"),
        ("https://example.com/tuft-cells-20191115/", "2019-11-15"),
        ("https://example.com/2019/11/story.html", None),
        ("https://example.com/story-191119041538885.html", None),
        ("https://example.com/article-19600475/", None),
    ],
)
def test_dates_in_urls(url: str, iso: str | None) -> None:
    assert ev.date_from_url(url) == iso


def test_reference_titles_and_charset(tmp_path: Path) -> None:
    page = (
        '<html><head><meta charset="iso-8859-1"><title>Caf\xe9 opens | Site</title>'
        '<meta property="og:title" content="Caf\xe9 opens"></head>'
        "<body><h1>Caf\xe9 <b>opens</b></h1></body></html>"
    ).encode("latin-1")
    (tmp_path / "html").mkdir()
    (tmp_path / "text").mkdir()
    (tmp_path / "html" / "k.html.gz").write_bytes(gzip.compress(page))
    (tmp_path / "text" / "k.txt").write_text(
        "Home\nNews\n\nCafé opens\n\nThe café opened on the square on Monday, its owner said.\n",
        encoding="utf-8",
    )
    truth = {
        "k": {
            "articleBody": "The café opened on the square on Monday, its owner said.",
            "url": "https://example.com/2020/01/02/cafe",
        }
    }
    (tmp_path / "ground-truth.json").write_text(json.dumps(truth), encoding="utf-8")
    (page_,) = ev.load_pages(tmp_path)
    assert page_.reference_titles == ["Café opens", "Café opens", "Café opens | Site"]
    assert page_.url_date == "2020-01-02"
    rows = [ev.run_system(s, [page_]) for s in ev.SYSTEMS if s.input == "text"]
    dossier = next(r for r in rows if r.system.name == "text: Dossier")
    assert dossier.titles == [True]
    assert ev.body_scores(dossier.counts)[2] == pytest.approx(1.0)


def test_bbc_lost_lines() -> None:
    raw = "Title\n\nFirst para &amp; more.\n\nSecond para."
    assert ev.lost_lines(raw, "Title", "First para & more.\n\nSecond para.") == []
    assert ev.lost_lines(raw, "Title", "First para & more.") == ["Second para."]
