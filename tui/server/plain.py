"""``dossier search``'s output, as text or JSON lines: the one printer of both paths.

The search in its own process and the client of a search server print the same
records with this module, so the two cannot drift apart. It imports no rich: on a
terminal (unless ``NO_COLOR`` is set or ``TERM`` is ``dumb``) the hit numbers and
details are dim, the titles bold and the matches in the snippet reversed, with plain
ANSI codes; in a pipe or a file there is no styling and a line is never wrapped.

Article text is data: every title, snippet, source and file name goes through
:func:`tui.text.visible` (escape sequences and other control characters shown, one
visible sign each, so that the snippet's match offsets still line up), and JSON
through :func:`tui.text.json_safe`.
"""

from __future__ import annotations

import json
import os
import sys

from tui.text import json_safe, plural, visible

# typing is not imported at run time: a search through a running server imports only
# what it runs (mypy takes TYPE_CHECKING as true whatever it is bound to).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, TextIO


def query_error(query: str, message: str) -> str:
    """``message`` about ``query``; when the query ends in ``date:`` (what a shell
    leaves of an unquoted ``date:>2016``, the rest taken for a file to write to),
    with how to keep the ``>``."""
    if query.rstrip().endswith("date:"):
        return f"{message} (in a shell, quote the query: unquoted, > writes to a file)"
    return message


#: A hit's fields in ``--json`` output, in order.
HIT_FIELDS = (
    "id",
    "path",
    "title",
    "source",
    "date",
    "url",
    "language",
    "format",
    "score",
    "snippet",
    "snippet_matches",
    "matches",
    "duplicate_of",
)

#: How the facets are headed in text output.
FACET_NAMES = {
    "source": "sources",
    "month": "months",
    "person": "people",
    "place": "places",
    "org": "organisations",
    "lang": "languages",
}

_DIM, _BOLD, _MATCH, _RESET = "\x1b[2m", "\x1b[1m", "\x1b[1;7m", "\x1b[0m"
#: On a terminal a long line is wrapped at a space, and goes on this far in.
HANG = 5
MIN_WIDTH = 20

#: A line to print: its text and the styles of its parts, ``(start, end, code)``.
Line = tuple[str, list[tuple[int, int, str]]]


def hit_record(hit: Any) -> dict[str, Any]:
    """A :class:`~tui.library.SearchHit` as the JSON object ``--json`` prints."""
    record = {name: getattr(hit, name) for name in HIT_FIELDS}
    record["score"] = round(hit.score, 4)
    record["snippet_matches"] = [list(s) for s in hit.snippet_matches]
    record["matches"] = [list(s) for s in hit.matches]
    return record


def facet_record(counts: dict[str, Any]) -> dict[str, list[list[Any]]]:
    """Facet counts (``{kind: [(value, count), ...]}``) as JSON lists."""
    return {kind: [list(kv) for kv in values] for kind, values in counts.items()}


def _tty(out: TextIO) -> bool:
    try:
        return out.isatty()
    except (AttributeError, ValueError):
        return False


def styled(out: TextIO) -> bool:
    """Whether to style ``out``: a terminal that has not asked for no colour."""
    return _tty(out) and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def width_of(out: TextIO) -> int | None:
    """The columns to wrap at on a terminal (``COLUMNS``, else the terminal's); None
    in a pipe or a file, where a line is never wrapped."""
    if not _tty(out):
        return None
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(out.fileno()).columns
        except (OSError, ValueError, AttributeError):
            columns = 80
    return max(MIN_WIDTH, columns)


def json_line(obj: Any) -> str:
    """One JSON object on a line; characters a terminal acts on are ``\\u`` escapes."""
    return json_safe(json.dumps(obj, ensure_ascii=False)) + "\n"


def print_search(
    out: TextIO,
    hits: list[dict[str, Any]],
    total: int,
    query: str,
    facets: dict[str, list[list[Any]]] | None,
    *,
    as_json: bool,
    empty_folder: str | None = None,
    dated: tuple[int, int] | None = None,
) -> int:
    """Print the hits (``hit_record`` dicts) and the facets; the exit code (1: no hits).
    ``empty_folder``: the corpus, when it has no article at all (said instead of "no
    articles match": no query would)."""
    if not hits:
        # Nothing found is said on stderr, as every command says it: stdout has the
        # results alone (nothing, or the facets' empty line with --json), as grep's,
        # and the exit code is 1.
        (message, _styles), *_rest = hits_lines(hits, total, query, empty_folder, dated)
        print(f"dossier: {message}", file=sys.stderr, flush=True)
    if as_json:
        text = "".join(json_line(hit) for hit in hits)
        if facets is not None:
            text += json_line({"facets": facets})
    elif not hits:
        text = ""
    else:
        lines = hits_lines(hits, total, query, empty_folder, dated)
        if facets is not None:
            lines += facets_lines(facets)
        style, width = styled(out), width_of(out)
        text = "".join(render(line, style, width) + "\n" for line in lines)
    out.write(text)
    out.flush()
    return 0 if hits else 1


def hits_lines(
    hits: list[dict[str, Any]],
    total: int,
    query: str,
    empty_folder: str | None = None,
    dated: tuple[int, int] | None = None,
) -> list[Line]:
    """``dated``: for a query on dates, how many articles have a date, of how many (said
    when no article matches: a folder without dates matches no date: clause)."""
    if not hits and empty_folder is not None:
        folder = visible(empty_folder, keep_newlines=False)
        message = f"no articles to search in {folder} (nor in its subfolders)"
        return [(message, [(0, len(message), _DIM)])]
    if not hits:
        from tui.library.searching import no_match_note

        message = f"no articles match {visible(repr(query))}{no_match_note(query, dated)}"
        return [(message, [(0, len(message), _DIM)])]
    lines: list[Line] = []
    for n, hit in enumerate(hits, 1):
        title = f"{n:>3}. " + visible(hit["title"] or "", keep_newlines=False)
        lines.append((title, [(0, 5, _DIM), (5, len(title), _BOLD)]))
        meta = " · ".join(x for x in (hit["source"], hit["date"], hit["path"]) if x)
        meta = visible(meta, keep_newlines=False)  # a newline in a file name: one line still
        same = hit.get("duplicate_of")
        copy = f"  (same text as [{same}])" if same else ""
        meta = f"     {meta}  [{hit['id']}]{copy}"
        lines.append((meta, [(0, len(meta), _DIM)]))
        # Same length as the snippet: the match offsets still line up.
        snippet = "     " + visible(hit["snippet"] or "", keep_newlines=False)
        matches = [(a + 5, b + 5, _MATCH) for a, b in hit["snippet_matches"]]
        lines.append((snippet, matches))
        lines.append(("", []))
    shown = len(hits)
    more = f" (showing {shown}: --limit shows more)" if total > shown else ""
    match = "matches" if total == 1 else "match"
    footer = f"{plural(total, 'article')} {match}{more}"
    lines.append((footer, [(0, len(footer), _DIM)]))
    return lines


def facets_lines(facets: dict[str, list[list[Any]]]) -> list[Line]:
    lines: list[Line] = []
    for kind, name in FACET_NAMES.items():
        values = facets.get(kind) or []
        if not values:
            continue
        counts = ", ".join(f"{visible(str(v), keep_newlines=False)} {n}" for v, n in values)
        lines.append((f"{name}: {counts}", [(0, len(name) + 2, _BOLD)]))
    return lines


def render(line: Line, style: bool, width: int | None) -> str:
    """``line`` as printed: styled (``style``), wrapped at spaces to ``width`` columns
    with the lines after the first indented (``width`` None: one line, as it is)."""
    text, spans = line
    pieces = _breaks(text, width) if width else [(0, len(text))]
    return "\n".join(
        (" " * HANG if i else "") + _styled(text, start, end, spans if style else [])
        for i, (start, end) in enumerate(pieces)
    )


def _breaks(text: str, width: int) -> list[tuple[int, int]]:
    """Where ``text`` breaks into lines of ``width`` (``HANG`` less after the first),
    at a space when a word fits, else inside a word too long for a line."""
    pieces = []
    start, room = 0, width
    while len(text) - start > room:
        body = start + len(text[start:]) - len(text[start:].lstrip(" "))  # after an indent
        cut = text.rfind(" ", body, start + room + 1)
        if cut <= body:
            pieces.append((start, start + room))  # a word longer than the line: folded
            start += room
        else:
            pieces.append((start, cut))
            start = cut + 1
            while start < len(text) and text[start] == " ":
                start += 1
        room = width - HANG
    pieces.append((start, len(text)))
    return pieces


def _styled(text: str, start: int, end: int, spans: list[tuple[int, int, str]]) -> str:
    """``text[start:end]`` with the parts ``spans`` name in their codes."""
    parts: list[str] = []
    at = start
    for a, b, code in sorted(spans):
        a, b = max(a, at), min(b, end)
        if b <= a:
            continue
        parts.append(text[at:a])
        parts.append(f"{code}{text[a:b]}{_RESET}")
        at = b
    parts.append(text[at:end])
    return "".join(parts)
