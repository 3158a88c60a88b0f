"""Extraction quality on real news pages (run by hand; prints figures).

    python bench/eval_extraction.py [--corpus DIR] [--per-page [N]] [--only SYSTEM]
                                    [--no-bbc] [--bbc DIR]

Scores every system below on ``../shared/corpora/aeb-dev`` (91 news pages: the
page as HTML in ``html/KEY.html.gz``, the same page scraped to text in
``text/KEY.txt``, and the article body a person marked in ``ground-truth.json``):

* **body** P / R / F1 with the article-extraction-benchmark's measure: tokens are
  ``\\w+`` matches, 4-token shingles are compared as multisets per page, the
  page's tp / fp / fn are normalised to sum 1, precision and recall are averaged
  over the pages (precision over pages where something was extracted), and F1
  is taken from the two means;
* **title** right when its token F1 with the page's ``og:title``, first ``<h1>``
  or ``<title>`` (read from the HTML file) is at least 0.6;
* **date** right when it equals the date in the page's URL, over the pages whose
  URL carries one (``/2019/11/18/``, ``/2019/nov/18/``, ``2019-11-19``, ...);
* **ms/page**: the extraction alone (files are read before the clock starts).

The references run in the same process, on the same pages: the scraped text
left uncleaned, and (for ``html/`` rows) the extractor on its own.

With ``../shared/corpora/bbc`` beside it, it also checks that cleaning keeps
every line of the 2,225 tidy BBC articles (``--no-bbc`` skips that).

Adding a row: write a function ``(Page) -> Extracted`` and decorate it with
``@system("name", "text"|"html", reference=...)``; it runs on every page. A
system whose dependency is missing raises :class:`Unavailable` and its row
says so.
"""

from __future__ import annotations

import argparse
import gzip
import html
import html.parser
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

DEFAULT_CORPUS = REPO.parent / "shared" / "corpora" / "aeb-dev"
DEFAULT_BBC = REPO.parent / "shared" / "corpora" / "bbc"

# --------------------------------------------------------------------------- pages


@dataclass
class Page:
    """One benchmark page: its key, URL, marked body and the two files."""

    key: str
    url: str
    truth: str
    text_path: Path
    html_path: Path

    @cached_property
    def text(self) -> str:
        """The scraped text as the app reads it (same decoding as a corpus file)."""
        from tui.articles import read_text

        return read_text(self.text_path)

    @cached_property
    def html_bytes(self) -> bytes:
        return gzip.decompress(self.html_path.read_bytes())

    @cached_property
    def html(self) -> str:
        return decode_html(self.html_bytes)

    @cached_property
    def reference_titles(self) -> list[str]:
        """og:title, the first h1 and <title> of the HTML (those present)."""
        parser = _TitleParser()
        try:
            parser.feed(self.html)
            parser.close()
        except Exception:  # noqa: BLE001 - a broken page still gives what was read
            pass
        found = [parser.og_title, parser.h1, parser.title]
        return [" ".join(t.split()) for t in found if t and t.strip()]

    @cached_property
    def url_date(self) -> str | None:
        return date_from_url(self.url)


def load_pages(corpus: Path) -> list[Page]:
    truth = json.loads((corpus / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key in sorted(truth):
        pages.append(
            Page(
                key=key,
                url=truth[key].get("url", ""),
                truth=truth[key].get("articleBody", ""),
                text_path=corpus / "text" / f"{key}.txt",
                html_path=corpus / "html" / f"{key}.html.gz",
            )
        )
    return pages


_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)


def decode_html(data: bytes) -> str:
    """Decode a page's bytes as a browser would: BOM, meta charset, UTF-8, then Windows-1252."""
    for bom, codec in (
        (b"\xef\xbb\xbf", "utf-8"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(codec, "replace")
    m = _META_CHARSET_RE.search(data[:4096])
    if m:
        name = m.group(1).decode("ascii", "ignore").lower()
        if name in ("iso-8859-1", "latin-1", "us-ascii", "ascii"):
            name = "cp1252"  # what browsers do
        try:
            return data.decode(name, "replace")
        except LookupError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")


class _TitleParser(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.og_title: str | None = None
        self.title: str | None = None
        self.h1: str | None = None
        self._in: str | None = None
        self._buf: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            a = {k.lower(): (v or "") for k, v in attrs}
            if a.get("property", a.get("name", "")).lower() == "og:title" and self.og_title is None:
                self.og_title = a.get("content", "")
        elif tag in ("title", "h1") and self._in is None:
            if (tag == "title" and self.title is None) or (tag == "h1" and self.h1 is None):
                self._in = tag
                self._buf = []

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            text = " ".join("".join(self._buf).split())
            if tag == "title":
                self.title = text
            else:
                self.h1 = text
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in is not None:
            self._buf.append(data)


_MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}
_URL_DATE_RES = (
    # 2019/11/18, 2019/nov/18, 2019-11-18 anywhere in the path
    re.compile(r"(?<!\d)((?:199|20[0-3])\d)[/-](\d\d?|[a-z]{3})[/-](\d\d?)(?!\d)", re.IGNORECASE),
    # 20191118, alone or at the start of a longer number
    re.compile(r"(?<!\d)((?:199|20[0-3])\d)(\d\d)(\d\d)"),
)


def date_from_url(url: str) -> str | None:
    """The ISO date a URL's path carries, or ``None``."""
    path = re.sub(r"^\w+://[^/]+", "", url)
    for regex in _URL_DATE_RES:
        for m in regex.finditer(path):
            y, mo, d = m.groups()
            month = _MONTHS.get(mo[:3].lower()) if mo.isalpha() else int(mo)
            if month is None or not 1 <= month <= 12 or not 1 <= int(d) <= 31:
                continue
            return f"{int(y):04d}-{month:02d}-{int(d):02d}"
    return None


# --------------------------------------------------------------------------- measures

_TOKEN_RE = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN_RE.findall(text or "")
    out: Counter[tuple[str, ...]] = Counter()
    for i in range(max(1, len(tokens) - n + 1)):
        gram = tuple(tokens[i : i + n])
        if gram:
            out[gram] += 1
    return out


def tp_fp_fn(truth: str, pred: str) -> tuple[float, float, float]:
    """The page's shingle tp / fp / fn, normalised to sum 1."""
    t, p = shingles(truth), shingles(pred)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    s = tp + fp + fn
    return (tp / s, fp / s, fn / s) if s else (0.0, 0.0, 0.0)


def precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fp) if tp + fp else 0.0


def recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fn) if tp + fn else 0.0


def body_scores(counts: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    """Mean precision, mean recall and the F1 of the two, as the benchmark computes them."""
    ps = [precision(*c) for c in counts if c[0] + c[1] > 0]
    rs = [recall(*c) for c in counts if c[0] + c[2] > 0]
    p = statistics.mean(ps) if ps else 0.0
    r = statistics.mean(rs) if rs else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def token_f1(a: str, b: str) -> float:
    ta = Counter(t.casefold() for t in _TOKEN_RE.findall(a))
    tb = Counter(t.casefold() for t in _TOKEN_RE.findall(b))
    common = sum((ta & tb).values())
    if not common:
        return 0.0
    p, r = common / sum(ta.values()), common / sum(tb.values())
    return 2 * p * r / (p + r)


def title_right(title: str, references: list[str]) -> bool:
    return any(token_f1(title, ref) >= 0.6 for ref in references)


# --------------------------------------------------------------------------- systems


@dataclass
class Extracted:
    title: str = ""
    body: str = ""
    date: str | None = None  # ISO YYYY-MM-DD


class Unavailable(Exception):
    """A system that cannot run here (a missing dependency); the message says why."""


@dataclass
class System:
    name: str
    input: str  # "text" or "html"
    run: Callable[[Page], Extracted]
    reference: bool = False


SYSTEMS: list[System] = []


def system(
    name: str, input: str, *, reference: bool = False
) -> Callable[[Callable[[Page], Extracted]], Callable[[Page], Extracted]]:
    def register(fn: Callable[[Page], Extracted]) -> Callable[[Page], Extracted]:
        SYSTEMS.append(System(name, input, fn, reference))
        return fn

    return register


@system("text: Dossier", "text")
def dossier_text(page: Page) -> Extracted:
    """Scraped text through the app's own path: tui.articles.build_article (clean())."""
    from tui.articles import build_article
    from tui.cleaning import default_rules

    article = build_article(page.text_path.name, page.text, default_rules())
    return Extracted(article.title, article.body, article.date)


@system("text: Dossier, unindented", "text")
def dossier_text_flat(page: Page) -> Extracted:
    """The same pages with their indentation removed, as other scrapers write text."""
    from tui.articles import build_article
    from tui.cleaning import default_rules

    flat = "\n".join(line.strip() for line in page.text.split("\n"))
    article = build_article(page.text_path.name, flat, default_rules())
    return Extracted(article.title, article.body, article.date)


@system("text: uncleaned", "text", reference=True)
def uncleaned_text(page: Page) -> Extracted:
    """The scraped page as it is; its first line as the title."""
    text = page.text
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return Extracted(first, text, None)


@system("html: Dossier", "html")
def dossier_html(page: Page) -> Extracted:
    """The saved page through the app's path for .html.gz files (no extraction cache)."""
    from tui.articles import article_from_record
    from tui.formats import read_records

    records, _warnings, _hash = read_records(page.html_path, with_raw=False)
    article = article_from_record(page.html_path.name, records[0])
    return Extracted(article.title, article.body, article.date)


@system("html: trafilatura alone", "html", reference=True)
def trafilatura_alone(page: Page) -> Extracted:
    """trafilatura's own result with its default settings, on the same bytes."""
    try:
        import trafilatura
    except ImportError as exc:
        raise Unavailable(f"trafilatura is not installed ({exc})") from None
    doc = trafilatura.bare_extraction(page.html_bytes, with_metadata=True)
    if doc is None:
        return Extracted()
    return Extracted(doc.title or "", doc.text or "", doc.date)


# --------------------------------------------------------------------------- running


@dataclass
class Row:
    system: System
    counts: list[tuple[float, float, float]] = field(default_factory=list)
    titles: list[bool] = field(default_factory=list)
    dates: list[bool] = field(default_factory=list)
    ms: list[float] = field(default_factory=list)
    pages: list[tuple[Page, Extracted, float]] = field(default_factory=list)  # (page, out, F1)
    error: str | None = None


def run_system(sys_: System, pages: list[Page]) -> Row:
    row = Row(sys_)
    for page in pages:
        _ = page.text if sys_.input == "text" else page.html_bytes  # read before the clock
        started = time.perf_counter()
        try:
            out = sys_.run(page)
        except Unavailable as exc:
            row.error = str(exc)
            return row
        row.ms.append((time.perf_counter() - started) * 1000)
        c = tp_fp_fn(page.truth, out.body)
        row.counts.append(c)
        p, r = precision(*c), recall(*c)
        row.pages.append((page, out, 2 * p * r / (p + r) if p + r else 0.0))
        row.titles.append(title_right(out.title, page.reference_titles))
        if page.url_date is not None:
            row.dates.append(out.date == page.url_date)
    return row


def print_table(rows: list[Row], n_pages: int, n_dated: int) -> None:
    print(f"{n_pages} pages, {n_dated} with a date in the URL")
    head = (
        f"{'system':<30} {'body P':>7} {'R':>6} {'F1':>6} {'titles':>8} {'dates':>8} {'ms/page':>8}"
    )
    print(head)
    print("-" * len(head))
    for row in rows:
        name = row.system.name + (" (ref)" if row.system.reference else "")
        if row.error:
            print(f"{name:<30} unavailable: {row.error}")
            continue
        p, r, f1 = body_scores(row.counts)
        titles = sum(row.titles) / len(row.titles) if row.titles else 0.0
        dates = f"{sum(row.dates)}/{len(row.dates)}" if row.dates else "-"
        ms = statistics.mean(row.ms) if row.ms else 0.0
        print(f"{name:<30} {p:7.3f} {r:6.3f} {f1:6.3f} {titles:8.0%} {dates:>8} {ms:8.2f}")


def print_per_page(row: Row, worst: int) -> None:
    print(f"\nworst pages for {row.system.name}:")
    ranked = sorted(row.pages, key=lambda x: x[2])[:worst]
    for page, out, f1 in ranked:
        c = tp_fp_fn(page.truth, out.body)
        ok_title = "T" if title_right(out.title, page.reference_titles) else "-"
        if page.url_date is None:
            ok_date = " "
        else:
            ok_date = "D" if out.date == page.url_date else "-"
        print(
            f"  F1 {f1:.2f} P {precision(*c):.2f} R {recall(*c):.2f} {ok_title}{ok_date} "
            f"{page.key[:12]} {page.url[:70]}"
        )
        print(f"      title: {out.title[:90]!r}  date: {out.date}  url date: {page.url_date}")
        refs = page.reference_titles
        print(f"      reference title: {(refs[0] if refs else '')[:90]!r}")


# --------------------------------------------------------------------------- BBC check


def normalised_line(line: str) -> str:
    return " ".join(html.unescape(line).replace("\u00ad", "").split())


def bbc_check(corpus: Path) -> tuple[int, int, int, float, list[str]]:
    """(lines dropped, lines, articles affected, ms/article, examples) over the BBC corpus."""
    from tui.articles import build_article, iter_article_files, read_text
    from tui.cleaning import default_rules

    rules = default_rules()
    dropped = total = affected = 0
    examples: list[str] = []
    elapsed = 0.0
    files = list(iter_article_files(corpus, ("README*",)))
    for path in files:
        raw = read_text(path)
        rel = path.relative_to(corpus).as_posix()
        started = time.perf_counter()
        article = build_article(rel, raw, rules)
        elapsed += time.perf_counter() - started
        lost = lost_lines(raw, article.title, article.body)
        total += sum(1 for line in raw.splitlines() if line.strip())
        if lost:
            dropped += len(lost)
            affected += 1
            if len(examples) < 10:
                examples.extend(f"{rel}: {line[:80]!r}" for line in lost[:2])
    return dropped, total, affected, elapsed * 1000 / max(1, len(files)), examples


def lost_lines(raw: str, title: str, body: str) -> list[str]:
    """The non-empty lines of ``raw`` that are neither the title nor in the body."""
    body_n = " ".join(body.split())
    title_n = " ".join(title.split())
    lost = []
    for line in raw.splitlines():
        text = normalised_line(line)
        if text and text != title_n and text not in body_n:
            lost.append(text)
    return lost


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument(
        "--per-page",
        type=int,
        nargs="?",
        const=15,
        default=0,
        metavar="N",
        help="list the N worst pages of each non-reference system (default 15)",
    )
    ap.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="SYSTEM",
        help="run only systems whose name contains this (repeatable)",
    )
    ap.add_argument("--bbc", type=Path, default=DEFAULT_BBC)
    ap.add_argument("--no-bbc", action="store_true", help="skip the BBC kept-lines check")
    args = ap.parse_args(argv)
    if not (args.corpus / "ground-truth.json").is_file():
        print(f"eval_extraction: no ground-truth.json in {args.corpus}", file=sys.stderr)
        return 2
    pages = load_pages(args.corpus)
    chosen = [s for s in SYSTEMS if not args.only or any(o in s.name for o in args.only)]
    rows = [run_system(s, pages) for s in chosen]
    print_table(rows, len(pages), sum(1 for p in pages if p.url_date))
    if args.per_page:
        for row in rows:
            if not row.system.reference and not row.error:
                print_per_page(row, args.per_page)
    if not args.no_bbc and args.bbc.is_dir():
        dropped, total, affected, ms, examples = bbc_check(args.bbc)
        print(
            f"\nBBC: {dropped} of {total} lines dropped, in {affected} articles "
            f"({ms:.2f} ms/article to clean)"
        )
        for line in examples:
            print(f"  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
