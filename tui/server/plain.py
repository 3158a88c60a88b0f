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

from tui.text import json_safe, plural, visible

# typing is not imported at run time: a search through a running server imports only
# what it runs (mypy takes TYPE_CHECKING as true whatever it is bound to).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, TextIO

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


def styled(out: TextIO) -> bool:
    """Whether to style ``out``: a terminal that has not asked for no colour."""
    try:
        tty = out.isatty()
    except (AttributeError, ValueError):
        return False
    return tty and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


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
) -> int:
    """Print the hits (``hit_record`` dicts) and the facets; the exit code (1: no hits)."""
    if as_json:
        text = "".join(json_line(hit) for hit in hits)
        if facets is not None:
            text += json_line({"facets": facets})
    else:
        style = styled(out)
        text = hits_text(hits, total, query, style)
        if facets is not None:
            text += facets_text(facets, style)
    out.write(text)
    out.flush()
    return 0 if hits else 1


def _s(text: str, code: str, style: bool) -> str:
    return f"{code}{text}{_RESET}" if style and text else text


def hits_text(hits: list[dict[str, Any]], total: int, query: str, style: bool) -> str:
    if not hits:
        return _s(f"no articles match {visible(repr(query))}", _DIM, style) + "\n"
    lines: list[str] = []
    for n, hit in enumerate(hits, 1):
        title = visible(hit["title"] or "", keep_newlines=False)
        lines.append(_s(f"{n:>3}. ", _DIM, style) + _s(title, _BOLD, style))
        meta = " · ".join(x for x in (hit["source"], hit["date"], hit["path"]) if x)
        meta = visible(meta, keep_newlines=False)  # a newline in a file name: one line still
        same = hit.get("duplicate_of")
        copy = f"  (same text as [{same}])" if same else ""
        lines.append(_s(f"     {meta}  [{hit['id']}]{copy}", _DIM, style))
        lines.append(
            "     "
            + _marked(
                visible(hit["snippet"] or "", keep_newlines=False), hit["snippet_matches"], style
            )
        )
        lines.append("")
    shown = len(hits)
    more = f" (showing {shown}: --limit shows more)" if total > shown else ""
    match = "matches" if total == 1 else "match"
    lines.append(_s(f"{plural(total, 'article')} {match}{more}", _DIM, style))
    return "\n".join(lines) + "\n"


def _marked(snippet: str, spans: list[list[int]], style: bool) -> str:
    """``snippet`` with its matches reversed (on a terminal)."""
    if not style or not spans:
        return snippet
    parts: list[str] = []
    at = 0
    for a, b in sorted((max(0, a), min(len(snippet), b)) for a, b in spans):
        if b <= at:
            continue
        a = max(a, at)
        parts.append(snippet[at:a])
        parts.append(_s(snippet[a:b], _MATCH, True))
        at = b
    parts.append(snippet[at:])
    return "".join(parts)


def facets_text(facets: dict[str, list[list[Any]]], style: bool) -> str:
    lines = []
    for kind, name in FACET_NAMES.items():
        values = facets.get(kind) or []
        if not values:
            continue
        counts = ", ".join(f"{visible(str(v), keep_newlines=False)} {n}" for v, n in values)
        lines.append(_s(f"{name}: ", _BOLD, style) + counts)
    return "".join(line + "\n" for line in lines)
