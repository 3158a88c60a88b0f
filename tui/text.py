"""Small text helpers shared by entities, bookmarks and the app (the sentences are
:mod:`tui.sentences`'s)."""

from __future__ import annotations

import re

TYPE_CHECKING = False
if TYPE_CHECKING:
    from tui.sentences import sentence_at, sentence_spans
else:

    def __getattr__(name: str) -> object:
        """The sentence splitter, imported when first asked for: it is compiled, and
        loading its shared library costs more than a small command's own work (the
        line ``dossier index`` prints on an unchanged folder needs :func:`plural`)."""
        if name in ("sentence_at", "sentence_spans"):
            from tui import sentences

            return getattr(sentences, name)
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "decoded_name",
    "json_safe",
    "plural",
    "sentence_at",
    "sentence_spans",
    "unsafe_spans",
    "visible",
]

# -- making text from files and imports safe for a terminal ----------------------
#
# Every string that comes from a file or an import (article text, file names,
# notes, tags) goes through :func:`visible` before it reaches a terminal, in the
# CLI and in the app. Each unsafe character becomes one visible character, so
# offsets into the text stay valid.

_C0 = {code: chr(0x2400 + code) for code in range(32) if code not in (9, 10)}
_C0[0x7F] = "\u2421"  # DEL
_C0[9] = " "  # a tab would break column arithmetic
_C1 = {code: "\ufffd" for code in range(0x80, 0xA0)}
# Bidi embeddings, overrides and isolates can reorder the rest of a terminal line.
_BIDI = {code: "\ufffd" for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}
# A file name that is not UTF-8 (from a Windows zip, say) reaches Python with each
# undecodable byte as a lone surrogate (U+DC80-U+DCFF); shown, each is that byte read
# as Windows-1252 ("caf\udce9.txt" is "café.txt"). Other lone surrogates cannot be shown.
_SURROGATES = {code: "\ufffd" for code in range(0xD800, 0xE000)}
for _byte in range(0x80, 0x100):
    _SURROGATES[0xDC00 + _byte] = bytes([_byte]).decode("cp1252", "replace")
_TABLE = {**_C0, **_C1, **_BIDI, **_SURROGATES}
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_REPLACED = re.compile(  # _TABLE's
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
# High and low surrogates as two ranges: the same class as one range, but one range
# alone takes re 5-8 ms to compile (every command imports this module).
_SURROGATE = re.compile("[\ud800-\udbff\udc00-\udfff]")


def visible(text: str, *, keep_newlines: bool = True) -> str:
    """``text`` with every control character replaced by a visible symbol (same length).

    C0 controls become their Unicode pictures (ESC is ␛), C1 controls and bidi
    overrides and isolates (U+202A-202E, U+2066-2069) become �, a tab a space;
    with ``keep_newlines=False`` a newline becomes a space too (one-line messages).
    """
    # Most text has none: one regex scan is far quicker than translating every character.
    out = text.translate(_TABLE) if _REPLACED.search(text) else text
    if not keep_newlines:
        out = out.replace("\n", " ")
    return out


def decoded_name(text: str) -> str:
    """A file name (or anything read from the file system) as text that can be stored
    and shown: each byte that was not UTF-8 read as Windows-1252 (same length)."""
    return text.translate(_SURROGATES) if _SURROGATE.search(text) else text


def unsafe_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the characters :func:`visible` replaces (to style them as such)."""
    return [(m.start(), m.end()) for m in _UNSAFE.finditer(text)]


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def json_safe(encoded: str) -> str:
    """JSON text with the characters JSON leaves raw (DEL, C1, bidi, lone surrogates) written
    as ``\\uXXXX``.

    ``json.dumps`` escapes C0 controls itself; the result reads back the same.
    """
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", encoded)


#: The kinds of file Dossier reads as articles, as the app and the CLI name them to a
#: user whose folder has none.
ARTICLE_KINDS = "text, Markdown, web pages, exports or feeds"


def plural(n: int, word: str, words: str | None = None) -> str:
    """``n`` and the noun in the number it needs: "1 article", "2,225 articles"."""
    return f"{n:,} {word if n == 1 else (words or word + 's')}"
