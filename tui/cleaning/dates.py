"""Dates as news pages write them, in the common languages: found, validated, made ISO.

"November 19, 2019", "Nov. 19th 2019", "19 Nov 2019", "20 novembre 2019",
"20. November 2019", "20 de noviembre de 2019", "20 ноября 2019",
"2019-11-20T12:03:00Z", "2019/11/20", "20.11.2019", "11/20/2019",
"2019年11月20日". Numeric day/month order: a part over 12 decides; otherwise
``11/20``-style slashes are month first for English pages and day first for
others, and dots are day first.
"""

from __future__ import annotations

import datetime as _dt
import re

# Month names and their usual abbreviations, by language (lower case).
# fmt: off
_MONTH_NAMES: tuple[tuple[str, ...], ...] = (
    # 1
    ("january", "jan", "januar", "janvier", "janv", "enero", "ene", "janeiro", "gennaio", "gen",
     "januari", "janeiro", "января", "январь", "янв", "stycznia", "styczeń", "ocak", "ianuarie",
     "leden", "ledna", "tammikuuta", "jänner"),
    # 2
    ("february", "feb", "februar", "février", "fevrier", "févr", "fevr", "febrero", "fevereiro",
     "fev", "fév", "febbraio", "februari", "pebruari", "февраля", "февраль", "фев", "lutego",
     "luty", "şubat", "subat", "februarie", "únor", "února", "helmikuuta"),
    # 3
    ("march", "mar", "märz", "maerz", "mars", "marzo", "março", "marco", "maart", "maret",
     "марта", "март", "мар", "marca", "marzec", "mart", "martie", "březen", "března",
     "maaliskuuta", "mär"),
    # 4
    ("april", "apr", "avril", "avr", "abril", "abr", "aprile", "апреля", "апрель", "апр",
     "kwietnia", "kwiecień", "nisan", "aprilie", "duben", "dubna", "huhtikuuta"),
    # 5
    ("may", "mai", "mayo", "maio", "maggio", "mei", "мая", "май", "maja", "maj", "mayıs",
     "mayis", "květen", "května", "toukokuuta"),
    # 6
    ("june", "jun", "juni", "juin", "junio", "junho", "giugno", "июня", "июнь", "июн", "czerwca",
     "czerwiec", "haziran", "iunie", "červen", "června", "kesäkuuta"),
    # 7
    ("july", "jul", "juli", "juillet", "juil", "julio", "julho", "luglio", "lug", "июля", "июль",
     "июл", "lipca", "lipiec", "temmuz", "iulie", "červenec", "července", "heinäkuuta"),
    # 8
    ("august", "aug", "août", "aout", "agosto", "ago", "augustus", "agustus", "agu", "agt",
     "августа", "август", "авг", "sierpnia", "sierpień", "ağustos", "agustos", "srpen", "srpna",
     "elokuuta"),
    # 9
    ("september", "sep", "sept", "septembre", "septiembre", "setembro", "set", "settembre",
     "сентября", "сентябрь", "сен", "сент", "września", "wrzesień", "eylül", "eylul",
     "septembrie", "září", "syyskuuta"),
    # 10
    ("october", "oct", "oktober", "okt", "octobre", "octubre", "outubro", "out", "ottobre",
     "ott", "октября", "октябрь", "окт", "października", "październik", "ekim", "octombrie",
     "říjen", "října", "lokakuuta"),
    # 11
    ("november", "nov", "novembre", "noviembre", "novembro", "нояб", "ноября", "ноябрь",
     "listopada", "listopad", "kasım", "kasim", "noiembrie", "marraskuuta"),
    # 12
    ("december", "dec", "dezember", "dez", "décembre", "decembre", "déc", "diciembre", "dic",
     "dezembro", "dicembre", "desember", "des", "декабря", "декабрь", "дек", "grudnia",
     "grudzień", "aralık", "aralik", "decembrie", "prosinec", "prosince", "joulukuuta"),
)
# fmt: on
MONTHS: dict[str, int] = {}
for _number, _names in enumerate(_MONTH_NAMES, start=1):
    for _name in _names:
        MONTHS.setdefault(_name, _number)

_MONTH = "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True))
_ORD = r"(?:st|nd|rd|th|er|º|°|\.)?"
_DE = r"(?:\s+de|\s+of)?"  # "20 de noviembre de 2019", "11 of February, 2016"

_DATE_RES: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    # 2019-11-20, 2019/11/20, 2019.11.20; 2019-11-20T12:03:00Z with its time (a timestamp
    # is one date: "By Jane Doe 2019-11-18T20:51:19Z" leaves no "T20:51:19Z" behind)
    (
        re.compile(
            r"(?<![\d/.])(\d{4})([-/.])(\d{1,2})\2(\d{1,2})"
            r"(?:T\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?(?![\w:]))?(?![\d/])"
        ),
        ("y", "", "m", "d"),
    ),
    # 20 November 2019, 20. November 2019, 20 de noviembre de 2019, 20 Nov. 2019, 20-Nov-2019
    (
        re.compile(
            rf"(?<!\d)(\d{{1,2}}){_ORD}{_DE}(?:\s*|-)({_MONTH})\.?,?{_DE}(?:\s+|-)(\d{{4}})(?!\d)",
            re.IGNORECASE,
        ),
        ("d", "mon", "y"),
    ),
    # November 19, 2019; Nov. 19th 2019; noviembre 19, 2019
    (
        re.compile(
            rf"(?<![\w])({_MONTH})\.?\s+(\d{{1,2}}){_ORD},?\s+(\d{{4}})(?:(?=\d{{1,2}}:\d\d)|(?!\d))",
            re.IGNORECASE,
        ),
        ("mon", "d", "y"),
    ),
    # 2019年11月20日, 2019년 11월 20일
    (re.compile(r"(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]"), ("y", "m", "d")),
    # 11/20/19 6:38 AM: a two-digit year, only with a time after it
    (
        re.compile(r"(?<![\d/.])(\d{1,2})(/)(\d{1,2})/(\d{2})(?=,?\s+\d{1,2}:\d\d)"),
        ("a", "", "b", "yy"),
    ),
    # 20.11.2019, 11/20/2019, 20-11-2019
    (re.compile(r"(?<![\d/.])(\d{1,2})([./-])(\d{1,2})\2(\d{4})(?![\d/])"), ("a", "", "b", "y")),
)

_MIN_YEAR, _MAX_YEAR = 1990, 2100


def find_date(text: str, *, month_first: bool = True) -> tuple[str | None, str]:
    """The first valid date in ``text`` (ISO) and ``text`` with the date cut out.

    ``month_first`` says how to read an ambiguous ``11/10/2019`` (slashes only).
    """
    found = date_span(text, month_first=month_first)
    if found is None:
        return None, text
    iso, start, end = found
    return iso, text[:start] + " " + text[end:]


def date_span(text: str, *, month_first: bool = True) -> tuple[str, int, int] | None:
    """The first valid date in ``text`` (ISO) and where it is (start, end), or None."""
    best: tuple[int, str, re.Match[str]] | None = None
    if not any(ch.isdigit() for ch in text):
        return None
    for regex, order in _DATE_RES:
        for m in regex.finditer(text):
            if best is not None and m.start() >= best[0]:
                break
            iso = _iso(m, order, month_first)
            if iso is not None:
                best = (m.start(), iso, m)
                break
    if best is None:
        return None
    return best[1], best[2].start(), best[2].end()


def _iso(m: re.Match[str], order: tuple[str, ...], month_first: bool) -> str | None:
    parts = dict(zip(order, m.groups(), strict=True))
    try:
        year = int(parts["y"]) if "y" in parts else 2000 + int(parts["yy"])
        if "mon" in parts:
            month = MONTHS[parts["mon"].lower().rstrip(".")]
            day = int(parts["d"])
        elif "a" in parts:
            a, b = int(parts["a"]), int(parts["b"])
            sep = parts[""]
            if a > 12:
                day, month = a, b
            elif b > 12:
                month, day = a, b
            elif sep == "/" and month_first:
                month, day = a, b
            else:
                day, month = a, b
        else:
            month, day = int(parts["m"]), int(parts["d"])
        date = _dt.date(year, month, day)
    except (ValueError, KeyError):
        return None
    if not _MIN_YEAR <= date.year <= _MAX_YEAR:
        return None
    return date.isoformat()


def has_date(text: str) -> bool:
    return find_date(text)[0] is not None
