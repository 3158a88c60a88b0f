"""What names an article under its title where the list (and the palette's "Go to
article") has a second line: its source and date, apart from any widget.

(A page with an address and no name of its site has the address's site as its source
already: :mod:`tui.formats.html`, :mod:`tui.formats.exports`.) An article with neither
a source nor a date shows its file's name, which says which article it is (``field-notes.txt``,
``business/012.txt``), unless that name is a content hash or an id a program made
(``042bb7…856.txt``, 64 characters a reader cannot use): then its folder, if it sits
in one, else nothing.
"""

from __future__ import annotations

import re

from tui.library.models import ArticleSummary

__all__ = ["meta_parts", "readable_name"]

# A file's stem made by a program, not a person: a hex digest or a UUID (hex of 16 or
# more, in groups or not, that holds a digit), or a long run of digits and nothing else.
_MACHINE_NAME_RE = re.compile(
    r"(?=[^.]*\d)[0-9a-f]{8}(?:-?[0-9a-f]{4,}){2,}|(?=[^.]*\d)[0-9a-f]{16,}|\d{12,}",
    re.IGNORECASE,
)


def readable_name(path: str) -> str | None:
    """``path`` when its file's name reads as a name, else its folder (``"news/"``), else
    None: a name such as ``042bb7…856.txt`` (a hash) tells a reader nothing."""
    folder, _, name = path.rpartition("/")
    stem = name.split(".", 1)[0]
    if stem and not _MACHINE_NAME_RE.fullmatch(stem):
        return path
    return f"{folder}/" if folder else None


def meta_parts(article: ArticleSummary) -> list[str]:
    """The pieces of the line under an article's title: its source and its date; with
    neither, its file's name when it reads as one (see :func:`readable_name`); an empty
    list when nothing says more than the title."""
    parts = [p for p in (article.source, article.date) if p]
    if parts:
        return parts
    name = readable_name(article.path)
    return [name] if name else []
