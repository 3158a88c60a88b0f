"""Decoding a saved web page's bytes the way a browser does.

The order is the HTML standard's: a byte-order mark; the charset the server
sent (when the page was fetched); a ``<meta charset>`` or ``http-equiv``
declaration in the first 1024 bytes; then, where a browser would guess, UTF-8
when the bytes are valid UTF-8, a declaration further down the page (a browser
re-reads the page when its parser meets one), and Windows-1252 last.

Labels are mapped as browsers map them: ``iso-8859-1`` and ``ascii`` mean
Windows-1252, ``gb2312`` means GBK (read as GB18030, its superset), a meta
``utf-16`` means UTF-8 (a page that could declare it in ASCII is not UTF-16).
"""

from __future__ import annotations

import codecs
import re

#: How far the pre-scan looks for a declaration (the standard's 1024 bytes).
PRESCAN_BYTES = 1024

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# The WHATWG Encoding Standard's mappings where they differ from Python's codecs:
# codec, then the labels that mean it.
_LABEL_TABLE = """
cp1252 ascii us-ascii iso-8859-1 iso8859-1 iso_8859-1 latin1 latin-1 l1 cp819 ibm819
       iso-ir-100 csisolatin1 x-cp1252 cp1252 windows-1252 ansi_x3.4-1968 iso_8859-1:1987
       x-user-defined
cp1254 iso-8859-9 iso8859-9 latin5 l5 windows-1254
cp874 iso-8859-11 tis-620 windows-874 dos-874
gb18030 gb2312 gbk chinese x-gbk csgb2312 gb_2312-80
cp932 shift_jis shift-jis sjis ms_kanji x-sjis windows-31j
cp949 euc-kr ks_c_5601-1987 windows-949 korean
big5hkscs big5 big5-hkscs x-x-big5 cn-big5
utf-8 utf-16 utf-16le utf-16be unicode ucs-2 utf8 unicode-1-1-utf-8 x-unicode20utf8
"""
_LABELS: dict[str, str] = {}
for _group in re.split(r"\n(?=\S)", _LABEL_TABLE.strip()):
    _codec, *_names = _group.split()
    _LABELS.update(dict.fromkeys(_names, _codec))

_COMMENT = re.compile(rb"<!--.*?(?:-->|\Z)", re.S)
_META = re.compile(rb"<meta\b([^>]*)>?", re.I)
_ATTR = re.compile(rb"""([a-z_:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.I)
_CONTENT_CHARSET = re.compile(rb"""charset\s*=\s*["']?([\w.:-]+)""", re.I)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']""", re.I)


def codec_for(label: str | bytes | None) -> str | None:
    """The Python codec a browser would use for an encoding ``label``, or None if unknown."""
    if not label:
        return None
    if isinstance(label, bytes):
        label = label.decode("ascii", "ignore")
    name = label.strip().strip("\"'").lower()
    if not name:
        return None
    if name in _LABELS:
        return _LABELS[name]
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def declared_charset(data: bytes) -> str | None:
    """The charset a ``<meta>`` tag in ``data`` declares (comments skipped), or None."""
    data = _COMMENT.sub(b"", data)
    for m in _META.finditer(data):
        attrs = {
            a.lower(): (q1 if q1 is not None else q2 if q2 is not None else bare)
            for a, q1, q2, bare in (
                (g[0], g[1] or None, g[2] or None, g[3]) for g in _ATTR.findall(m.group(1))
            )
        }
        if attrs.get(b"charset"):
            codec = codec_for(attrs[b"charset"])
            if codec:
                return codec
        equiv = (attrs.get(b"http-equiv") or b"").lower()
        if equiv == b"content-type" and attrs.get(b"content"):
            found = _CONTENT_CHARSET.search(attrs[b"content"])
            codec = codec_for(found.group(1)) if found else None
            if codec:
                return codec
    return None


def sniff_charset(data: bytes, http_charset: str | None = None) -> tuple[str, str]:
    """``(codec, how it was found)`` for a page's bytes; see the module docstring."""
    for bom, bom_codec in _BOMS:
        if data.startswith(bom):
            return bom_codec, "byte-order mark"
    codec = codec_for(http_charset)
    if codec:
        return codec, "HTTP header"
    codec = declared_charset(data[:PRESCAN_BYTES])
    if codec:
        return codec, "meta charset"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A page cut off in the middle of a character is still UTF-8.
        if exc.start < len(data) - 3:
            head = data[:200_000]
            codec = declared_charset(head[: head.lower().find(b"</head")] or head)
            if codec is None:
                xml = _XML_DECL.match(data)
                codec = codec_for(xml.group(1)) if xml else None
            if codec and codec != "utf-8":
                return codec, "meta charset"
            return "cp1252", "fallback"
    return "utf-8", "valid UTF-8"


def decode_html(data: bytes, http_charset: str | None = None) -> tuple[str, str]:
    """The text of a page and the codec it was read with (bad bytes become U+FFFD)."""
    codec, _how = sniff_charset(data, http_charset)
    for bom, name in _BOMS:
        if data.startswith(bom) and name == codec:
            data = data[len(bom) :]
            break
    if codec == "cp1252":
        # Windows-1252 leaves five bytes undefined; browsers map them to the C1
        # controls of the same number, as Latin-1 does.
        text = data.decode("cp1252", "surrogateescape")
        return _UNDEFINED_1252.sub(lambda m: chr(ord(m.group()) - 0xDC00), text), codec
    return data.decode(codec, "replace"), codec


_UNDEFINED_1252 = re.compile("[\udc80-\udcff]")
