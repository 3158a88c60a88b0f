"""Taking results out: search hits, an entity's articles, shared passages, a quote.

Everything exported is a list of :class:`Cited` items (an article, with the text
that matters: a snippet, the sentences that name an entity, a shared passage) and
goes out as Markdown (a citation under each text: title, outlet, date, then the
address or the file), CSV (one row an item) or JSON (a list of objects).
:func:`citation` is the one-line form, for a passage copied to the clipboard.
Files are written by :func:`tui.outfile.write_output`: whole or not at all, and a
file is replaced only when asked.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.library.models import EntityOccurrence, SearchHit
    from tui.library.passages import Passage

FORMATS = {"md": "Markdown", "csv": "CSV", "json": "JSON"}
FIELDS = ("id", "title", "source", "date", "path", "url", "text", "note")


@dataclass(frozen=True)
class Cited:
    """One article in an export, with the text taken from it."""

    id: str
    title: str
    source: str | None
    date: str | None
    path: str
    url: str | None = None
    text: str = ""
    #: What the text is ("snippet", "passage 1: also in 2 other articles", "shares passage 1").
    note: str = ""
    #: In a shared-passage export, which passage of the article (from 1) the text is: the
    #: Markdown then groups the articles under each passage. Not a CSV column nor a JSON
    #: key (``note`` says it there).
    passage: int = 0
    #: The article's authors, named in its citation ("by Jana Rowe, Tom Okafor"). Not a
    #: CSV column nor a JSON key (the formats' columns stay as they were).
    byline: str | None = None


#: The suffixes that pick a format (:func:`format_of`); any other name gets Markdown.
SUFFIXES = (".md", ".markdown", ".txt", ".csv", ".json")


def named_format(
    path: str | Path, given: str | None, formats: tuple[str, ...] = ("md", "csv", "json")
) -> str:
    """The format of an export the command line writes to ``path``: ``given``, else the
    one its suffix names. ``ValueError`` (one line naming the formats) for a suffix that
    names none: ``out.xyz`` got Markdown, which no program opening a .xyz expects."""
    if given:
        return format_of(path, given)
    suffix = Path(path).suffix.lower()
    if suffix in SUFFIXES and format_of(path) in formats:
        return format_of(path)
    names = {"md": "Markdown (.md)", "csv": "CSV (.csv)", "json": "JSON (.json)"}
    listed = [names[f] for f in formats]
    kinds = ", ".join(listed[:-1]) + f" or {listed[-1]}"
    what = f"a {suffix} file" if suffix else "a name with no suffix"
    raise ValueError(
        f"{Path(path).name}: an export is {kinds}, not {what}: "
        f"name the file so, or give --format {'|'.join(formats)}"
    )


def format_of(path: str | Path, given: str | None = None) -> str:
    """The export format: ``given``, else the file's suffix (``.md``, ``.csv``,
    ``.json``), else Markdown. ``ValueError`` for a format Dossier does not write."""
    if given:
        if given not in FORMATS:
            raise ValueError(f"unknown export format {given!r}: md, csv or json")
        return given
    suffix = Path(path).suffix.lower().lstrip(".")
    return {"markdown": "md", "txt": "md"}.get(suffix, suffix if suffix in FORMATS else "md")


def citation(item: Cited) -> str:
    """Title, authors, outlet, date and where to find it, as one line."""
    parts = [item.title or item.path, *_by(item)]
    parts += [x for x in (item.source, item.date) if x]
    return ", ".join(parts) + f". {item.url or item.path}"


def _by(item: Cited) -> list[str]:
    """The citation's "by <byline>", when the article names its authors."""
    return [f"by {_one_line(item.byline)}"] if item.byline and item.byline.strip() else []


def quoted(text: str, item: Cited) -> str:
    """A passage in quotation marks with its citation (what ``y`` copies)."""
    return f"\u201c{' '.join(text.split())}\u201d \u2014 {citation(item)}"


def render(items: Sequence[Cited], fmt: str, heading: str = "") -> str:
    """The text of an export of ``items`` in ``fmt`` (md, csv, json)."""
    if fmt == "json":
        rows = [{f: getattr(i, f) for f in FIELDS} for i in items]
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(FIELDS)
        for item in items:
            row = asdict(item)
            writer.writerow(["" if row[f] is None else _cell(str(row[f])) for f in FIELDS])
        return out.getvalue()
    if fmt != "md":
        raise ValueError(f"unknown export format {fmt!r}")
    return _markdown(items, heading)


def _cell(value: str) -> str:
    """A CSV cell a spreadsheet will not run: a leading = + - @ is quoted with '."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def _markdown(items: Sequence[Cited], heading: str) -> str:
    lines: list[str] = []
    if heading:
        lines += [f"# {_one_line(heading)}", ""]
    group = 0
    for n, item in enumerate(items, 1):
        if item.passage and item.passage != group:
            # A passage's first item is the exported article's own text, which the
            # export's heading names: the passage heads it, not the title again.
            group = item.passage
            lines += [f"## {_capital(_one_line(item.note))}", ""]
        elif item.passage:
            lines += [f"### {_one_line(item.title or item.path)}", ""]
        else:
            lines += [f"## {n}. {_one_line(item.title or item.path)}", ""]
            if item.note:
                lines += [f"*{_one_line(item.note)}*", ""]
        if item.text:
            lines += [f"> {line}" if line else ">" for line in item.text.strip().splitlines()]
            lines.append("")
        where = ", ".join([*_by(item), *(_one_line(x) for x in (item.source, item.date) if x)])
        cite = f"— {where}. " if where else "— "
        cite += f"<{item.url}>" if item.url else f"`{item.path}`"
        lines += [cite, ""]
    return "\n".join(lines).rstrip() + "\n"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def passages_items(article: Cited, passages: Iterable[Passage]) -> list[Cited]:
    """A shared-passage list as export items: each passage of ``article``, then each
    other article that has it (their matching text), earliest first. The notes say
    which passage an item quotes ("passage 1: also in 2 other articles", "shares
    passage 1"), never the title its item already has."""
    out: list[Cited] = []
    for n, p in enumerate(passages, 1):
        also = p.also_in
        out.append(
            Cited(
                article.id,
                article.title,
                article.source,
                article.date,
                article.path,
                article.url,
                p.excerpt,
                f"passage {n}: also in {len(also)} other article{'s' if len(also) != 1 else ''}",
                n,
                article.byline,
            )
        )
        for c in also:
            out.append(
                Cited(
                    c.id,
                    c.title,
                    c.source,
                    c.date,
                    c.path,
                    c.url,
                    c.excerpt,
                    f"shares passage {n}",
                    n,
                )
            )
    return out


def hits_items(hits: Iterable[SearchHit]) -> list[Cited]:
    """Search hits as export items, best first, each with its snippet."""
    return [
        Cited(h.id, h.title, h.source, h.date, h.path, h.url, h.snippet, "snippet") for h in hits
    ]


def occurrences_items(name: str, occurrences: Iterable[EntityOccurrence]) -> list[Cited]:
    """An entity's articles as export items, in the order given: each article once,
    with the sentences that mention ``name`` (one a line, each once)."""
    order: list[str] = []
    sentences: dict[str, list[str]] = {}
    articles = {}
    for o in occurrences:
        a = o.article
        if a.id not in sentences:
            order.append(a.id)
            sentences[a.id] = []
            articles[a.id] = a
        sentence = _one_line(o.sentence)
        if sentence and sentence not in sentences[a.id]:
            sentences[a.id].append(sentence)
    out = []
    for article_id in order:
        a, said = articles[article_id], sentences[article_id]
        note = f"{len(said)} sentence{'s' if len(said) != 1 else ''} naming {_one_line(name)}"
        text = "\n".join(said)
        out.append(Cited(a.id, a.title, a.source, a.date, a.path, a.url, text, note, 0, a.byline))
    return out
