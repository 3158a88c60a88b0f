"""What a saved page says of itself beside its article: language, outlet, address, date.

:func:`page_meta` reads the page's own tags (``lang``, ``og:site_name``, the
canonical address, the first ``h1`` and ``<title>``) from its parsed tree;
:func:`site_name` and :func:`drop_site_suffix` settle the outlet and take its
name off a headline's tail; :func:`host_name`, :func:`date_from_url` and
:func:`language_code` read an address and a language tag. Used by
:mod:`tui.formats.html` for saved pages and by :mod:`tui.formats.feeds` and
:mod:`tui.formats.exports` for the entries of feeds and exports.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit


def page_meta(tree: Any) -> dict[str, str]:
    """What the page says of itself that trafilatura does not report: language, address."""
    meta: dict[str, str] = {}
    lang = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    if not lang:
        for el in tree.iter("meta"):
            key = (el.get("http-equiv") or el.get("property") or el.get("name") or "").lower()
            if key in ("content-language", "og:locale", "language", "dc.language"):
                lang = el.get("content")
                if lang:
                    break
    code = language_code(lang)
    if code:
        meta["language"] = code
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or "").lower()
        if key in ("og:site_name", "application-name") and (el.get("content") or "").strip():
            meta["site"] = " ".join(el.get("content").split())
            break
    for el in tree.iter("link"):
        if (el.get("rel") or "").lower() == "canonical" and el.get("href", "").startswith("http"):
            meta["url"] = el.get("href").strip()
            break
    else:
        for el in tree.iter("meta"):
            if (el.get("property") or "").lower() == "og:url":
                if (el.get("content") or "").startswith("http"):
                    meta["url"] = el.get("content").strip()
                    break
    h1 = next((el for el in tree.iter("h1")), None)
    if h1 is not None:
        meta["h1"] = " ".join(h1.text_content().split())
    title = tree.find(".//title")
    if title is not None and title.text:
        meta["title"] = " ".join(title.text.split())
    return meta


_LANG = re.compile(r"([a-zA-Z]{2,3})(?:[-_]([a-zA-Z]{2}|\d{3})\b)?")


def language_code(value: str | None) -> str | None:
    """``"en"``, ``"pt-BR"`` from a lang attribute or locale (``en_US`` -> ``en-US``)."""
    if not value:
        return None
    m = _LANG.match(value.strip().split(",")[0].strip())
    if not m:
        return None
    lang = m.group(1).lower()
    if lang in ("und", "xx", "mul", "zxx"):
        return None
    region = m.group(2)
    return f"{lang}-{region.upper()}" if region else lang


def drop_site_suffix(title: str, source: str | None) -> str:
    """ "Headline | Site" -> "Headline" when the tail names the outlet."""
    if not source:
        return title
    m = re.match(r"(.{12,}?)\s+[|–—-]\s+([^|–—]+)$", title)
    if not m:
        return title
    tail = _letters(m.group(2))
    site = _letters(source)
    if tail and site and (tail in site or site in tail):
        return m.group(1).strip()
    return title


def _letters(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def site_name(declared: str | None, found: str | None, url: str | None) -> str | None:
    """The outlet: the page's own og:site_name, unless it is a lower-case handle of the
    name trafilatura found elsewhere in the page ("floridatoday" for "Florida Today")."""
    found = " ".join((found or "").split()) or None
    if declared and found and declared.islower() and _letters(declared) == _letters(found):
        return found
    return declared or _source(found, url)


def _source(sitename: str | None, url: str | None) -> str | None:
    name = " ".join((sitename or "").split())
    host = host_name(url)
    if name and host and _letters(name) == _letters(host.split(".")[0]) and not name.isupper():
        # trafilatura names a site without one after its host ("Nj"): the host says more.
        return host
    return name or host


def host_name(url: str | None) -> str | None:
    """``"www.nytimes.com"`` -> ``"nytimes.com"``."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return None
    host = re.sub(r"^(?:www\d?|m|amp|mobile)\.", "", host.lower())
    return host or None


def iso_day(value: str | None) -> str | None:
    """``value`` when it is a day written ``YYYY-MM-DD`` (as trafilatura gives dates)."""
    if value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        return value.strip()
    return None


_URL_DATE = re.compile(
    r"(?<!\d)((?:19|20)\d{2})([/_.-]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?!\d)"
)


_URL_NAMED = re.compile(
    r"(?<!\d)((?:19|20)\d{2})[/_-]"
    r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*[/_-](0?[1-9]|[12]\d|3[01])(?!\d)",
    re.IGNORECASE,
)
_MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()
_MONTH_NUMBER = {m: n for n, m in enumerate(_MONTHS, 1)}


def date_from_url(url: str | None) -> str | None:
    """A date written in an address's path: ``/2019/11/20/``, ``/2019/nov/20/``,
    ``2019-11-20``, ``20191120``."""
    if not url:
        return None
    try:
        path = urlsplit(url).path
    except ValueError:
        return None
    import datetime as dt

    found = [(m.start(), m.group(1), m.group(3), m.group(4)) for m in _URL_DATE.finditer(path)]
    for m in _URL_NAMED.finditer(path):
        found.append((m.start(), m.group(1), _MONTH_NUMBER[m.group(2).lower()], m.group(3)))
    for _start, year, month, day in sorted(found):
        try:
            return dt.date(int(year), int(month), int(day)).isoformat()
        except ValueError:
            continue
    return None
