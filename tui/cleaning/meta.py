"""An article's metadata lines: date lines, bylines, "Outlet, date" lines; the outlet's name.

Pages put them between the headline and the story ("By Jane Smith | Special to
the Post", "PUBLISHED: November 19, 2019 at 6:21 am", "Von Anna Weber",
"12:03 GMT, Nov 20, 2019"); a copyright line or a dateline names the outlet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tui.bylines import without_job_title
from tui.cleaning.captions import captioned_bare, credit_line
from tui.cleaning.dates import date_span, find_date
from tui.cleaning.rules import Rules, _Finder
from tui.cleaning.text import MD_HEADING_RE, norm, words

COPYRIGHT_RE = re.compile(
    r"(?:©|\(c\)\s*\d{4}|copyright\s*(?:©|\(c\))?\s*\d{4})\s*(?:[-–,]?\s*\d{4})?[,.]?\s*(.*)",
    re.IGNORECASE,
)
# "Jane Doe, AFP | A view of ...": a photo credit and caption under the headline.
CREDIT_CAPTION_RE = re.compile(r"[^|.]{2,60}\s\|\s")
# A line reporting speech is article prose, whatever phrase it contains.
SPEECH = _Finder((r"\bsaid\b", r"\bsays\b", r"\btold\b", r"\btells\b", r"\badded\b"))

# What may surround a date on a date line: labels, times, weekdays, comment counters,
# in the common languages of news pages.
META_RESIDUE_RE = re.compile(
    # ("8:22AM" first: "\d+" would take its "8" and leave "22AM")
    r"\b(?:\d{1,2}[:.]\d{2}(?:am|pm)|"
    r"first|published|posted|updated|last|modified|on|at|date|comments?|\d+|am|pm|a\.m|p\.m|"
    r"gmt|utc|bst|cet|cest|edt|est|et|pt|cst|cdt|mst|mdt|pst|pdt|ist|jst|aest|"
    r"mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|(?:mon|tues|wednes|thurs|fri|satur|sun)day|"
    r"\d{1,2}[:.h]\d{2}|min|mins|read|ago|hours?|minutes?|time|reading|"
    r"publié|publie|mis|à|a|jour|le|par|veröffentlicht|aktualisiert|am|um|uhr|stand|"
    r"publicado|publicada|atualizado|actualizado|em|el|de|las|los|às|as|del|"
    r"pubblicato|aggiornato|il|alle|ore|diterbitkan|diperbarui|pukul|wib|"
    r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|montag|dienstag|mittwoch|"
    r"donnerstag|freitag|samstag|sonntag|lunes|martes|miércoles|jueves|viernes|sábado|"
    r"domingo|segunda|terça|quarta|quinta|sexta|feira|h)\b|[\W_]+",
    re.IGNORECASE,
)
_NAME = r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|der|al|bin|la|le|da|di|del|du|dos))*"
# "By Jane Smith", "By Jane Smith and John Doe, Reuters", "Von Anna Weber | dpa";
# the byline word in English, German, French, Spanish/Portuguese, Italian, Dutch, Indonesian.
_BY = r"(?:[Bb][Yy]|BY|[Vv]on|[Pp]ar|[Pp]or|[Dd]i|[Dd]oor|[Oo]leh|[Ww]ritten\s+by|[Pp]osted\s+by)"
BYLINE_RE = re.compile(
    rf"{_BY}:?\s+({_NAME}(?:\s*(?:,|and|&|und|et|y|e)\s*{_NAME})*?)"
    r"(?:\s*(?:,|\||-|–|—|in|for)\s*([A-Z][\w/&.' -]{0,40}|[Ss]pecial\s+to\s+.{1,40}))?\s*[,|]?\Z"
)
# A name of two or three words, each capitalised (not in capitals: an outlet, a desk).
_CO_AUTHOR_RE = re.compile(r"[A-Z][a-z][\w'’-]*(?:\s+(?:[A-Z]\.|[A-Z][a-z][\w'’-]*)){1,2}")
# A line wrapped in Markdown emphasis: *text*, _text_, **text**.
_EMPHASIS_RE = re.compile(r"\A(?:\*{1,2}|_{1,2})(.+?)(?:\*{1,2}|_{1,2})\Z")
# A publication's name: up to five capitalised words ("The", "of", "&" between them).
_OUTLET_NAME_RE = re.compile(
    r"(?:The\s+)?[A-Z][\w.&'’-]*(?:\s+(?:[A-Z][\w.&'’-]*|of|and|&|de|du|la|le)){0,4}"
)
# Phrases by which an agency names itself in its own story: "told Reuters", "seen by AFP".
_SELF_REF_VERBS = (
    "told",
    "seen by",
    "obtained by",
    "reviewed by",
    "said to",
    "spoke to",
    "speaking to",
    "interview with",
)


@dataclass
class Meta:
    date: str | None = None
    byline: str | None = None
    source: str | None = None


_BARE_BY_RE = re.compile(r"(?:by|von|par|por|di|door|oleh|written by|posted by):?", re.IGNORECASE)


def bare_byline(text: str) -> bool:
    """A byline word alone on its line ("By"), the name being on the next line."""
    return _BARE_BY_RE.fullmatch(text) is not None


# A label that says a date is the page's own (when it was published or updated), in
# the languages of META_RESIDUE_RE. Without one, a date alone on its line is the
# story's: a timeline's heading ("Sept. 24, 2019" over what happened that day), or,
# two of them, a span ("29 November 2018 | 20 January 2019": when an exhibition is open).
_LABELLED_DATES_RE = re.compile(
    r"\b(?:published|updated|posted|modified|publié|publie|mis\s+à\s+jour|veröffentlicht|"
    r"aktualisiert|publicad[oa]|atualizado|actualizado|pubblicato|aggiornato|diterbitkan|"
    r"diperbarui)\b",
    re.IGNORECASE,
)


def date_alone(text: str, *, month_first: bool = True) -> bool:
    """``text`` is a labelled date and nothing else but its time: "First published on
    November 19, 2019 / 8:16 AM"; two with their labels ("Published: Nov. 19, 2019,
    6:18 p.m. Updated: Nov. 19, 2019, 7:10 p.m."). A date without such a label is
    not one ("Sept. 24, 2019", a timeline's heading: the story's)."""
    if words(text) > 16 or not _LABELLED_DATES_RE.search(text):
        return False
    date, rest = find_date(text, month_first=month_first)
    if date is None:
        return False
    for _ in range(2):  # "Published: … Updated: …"
        more, cut = find_date(rest, month_first=month_first)
        if more is None:
            break
        rest = cut
    return not META_RESIDUE_RE.sub("", norm(rest))


def meta_line(text: str, meta: Meta, rules: Rules, *, month_first: bool = True) -> bool:
    """True when ``text`` is a date line, an "Outlet, date" line or a byline; fills ``meta``."""
    if words(text) > 16:
        return False
    text = _EMPHASIS_RE.sub(r"\1", text)  # "*Outlet, 2020-11-14*" in Markdown
    date, rest = find_date(text, month_first=month_first)
    rest = norm(rest).strip(" ,|-–—•·")
    if date is not None and not META_RESIDUE_RE.sub("", rest):
        meta.date = meta.date or date
        return True
    if date is not None and _OUTLET_NAME_RE.fullmatch(rest) and not BYLINE_RE.match(rest):
        # A publication's name beside the date: "The Coastal Herald, 14 November 2020".
        found = rules._outlet_re.search(rest) if rules._outlet_re is not None else None
        meta.source = meta.source or (rules.outlet(found.group(0)) if found else rest)
        meta.date = meta.date or date
        return True
    section = None
    if date is not None:
        # "Posted by Jane Smith on November 19, 2019, 6:21 AM": the byline around the date.
        rest = _META_RESIDUE_TAIL_RE.sub("", rest).strip(" ,|-–—•·")
        # "By Mike Wall 2019-11-18T20:51:19Z Science & Astronomy": the names end at the
        # date; the capitalised words after it are the page's section (or its outlet).
        head, section = _around_date(text, month_first)
        if section and BYLINE_RE.match(head):
            rest = head
        else:
            section = None
    m = BYLINE_RE.match(rest)
    if m is None:
        return False
    names, tail = m.group(1), m.group(2) or section
    found = rules._outlet_re.search(tail) if tail and rules._outlet_re is not None else None
    if found:
        meta.source = meta.source or rules.outlet(found.group(0))
    elif tail and rest[m.end(1) :].lstrip()[:1] == "," and _co_authors(names, tail):
        # "By Stefan Becket, Kathryn Watson, Grace Segers", "By Jana Rowe, Tom Okafor
        # and Ann Lee": the rest of a list of names, not a title or an outlet after them.
        names = f"{names}, {tail}"
    # "By Michael Hiltzik Business Columnist": the names, not the job.
    meta.byline = meta.byline or without_job_title(names)
    meta.date = meta.date or date
    return True


_AUTHORS_SPLIT_RE = re.compile(r"\s*(?:,|&|\band\b)\s*")


def _co_authors(names: str, tail: str) -> bool:
    """``tail``, after a comma behind the byline's ``names``, is more names: each part
    of it ("Tom Okafor", "Tom Okafor and Ann Lee") a name of two or three capitalised
    words that opens with a given name the name lists know, or the last of three
    names or more ("By Stefan Becket, Kathryn Watson, Grace Segers"). A job title
    ("Senior Correspondent"), a desk or a place ("New York") opens with no given name;
    one that does is still no author when it ends as a desk's or a paper's name ("Austin
    Bureau") or is a place the lists know."""
    parts = _AUTHORS_SPLIT_RE.split(tail)
    if not all(_CO_AUTHOR_RE.fullmatch(part) for part in parts):
        return False
    if "," in names and len(parts) == 1:
        return True
    from tui.gazetteer import fold, lexicon  # (0.1 s once, for a line of this shape only)

    lex = lexicon()
    return all(
        fold(part.split(None, 1)[0]) in lex.first_names
        and part.rsplit(None, 1)[-1].casefold() not in _DESK_WORDS
        and fold(part) not in lex.places
        for part in parts
    )


#: Last words of a desk's or a publication's name, which a given name may open ("Austin
#: Bureau", "Sydney Morning Herald"): no author.
_DESK_WORDS = frozenset(
    "bureau desk team staff service wire times post news herald press journal tribune "
    "daily weekly magazine gazette chronicle review report".split()
)


# A page's section (or outlet) after a byline's date: up to four capitalised words.
_SECTION_RE = re.compile(r"[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|&|and|of|the)){0,3}")


def _around_date(text: str, month_first: bool) -> tuple[str, str | None]:
    """``text`` before its date (labels and times at its end left out), and the words
    after it when they are a section's name ("Science & Astronomy"), else None."""
    span = date_span(text, month_first=month_first)
    if span is None:
        return text, None
    _, start, end = span
    head = _META_RESIDUE_TAIL_RE.sub("", norm(text[:start])).strip(" ,|-–—•·")
    after = norm(text[end:]).strip(" ,|-–—•·")
    return head, after if _SECTION_RE.fullmatch(after) else None


# Labels and times left at the end of a byline once its date is cut out: " on , 6:21 AM EST".
# (and the weekday before the date: "By Jana Rowe on Monday, November 18th, 2019").
_META_RESIDUE_TAIL_RE = re.compile(
    r"(?:\s+(?:on|at|am|um|le|el|em|il|[\d:.]+|a\.?m\.?|p\.?m\.?|[A-Z]{2,4}T?|"
    r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b|\s*[,|•·.-])+\s*\Z"
)


def clean_title(title: str, rules: Rules, meta: Meta) -> str:
    """A headline without its Markdown ``#`` and without the site's name after it."""
    m = MD_HEADING_RE.match(title)
    if m:
        title = m.group(2)
    # "Headline | Site" / "Headline - Outlet": the site's name is not the headline.
    if " | " in title:
        head, _, tail = title.rpartition(" | ")
        if head and words(tail) <= 4:
            if rules._outlet_re is not None and (found := rules._outlet_re.search(tail)):
                meta.source = meta.source or rules.outlet(found.group(0))
            title = head
    elif rules._outlet_re is not None:
        for sep in (" - ", " – ", " — "):
            head, _, tail = title.rpartition(sep)
            if head and (found := rules._outlet_re.fullmatch(tail.strip())):
                meta.source = meta.source or rules.outlet(found.group(0))
                title = head
                break
    return title.strip()


# A removed line naming the outlet has at most this many words besides its name.
_OUTLET_LINE_WORDS = 5


def find_source(paras: list[str], removed: list[str], rules: Rules) -> str | None:
    """The outlet named by a dateline, a removed line, or the agency quoting itself."""
    regex = rules._outlet_re
    if regex is None:
        return None
    if paras and (m := rules._dateline_re.match(paras[0])):
        return rules.outlet(m.group(1))
    for line in removed:
        # A removed line that names the page's outlet says little else (a byline: "By
        # Jane Doe, CNN"; "Follow CNN Business"; "Associated Press November 19, 2019,
        # 9:02 AM"; the credit of the picture under the headline: "George Ourfalian, AFP
        # | A general view..."), or is the page speaking of itself (a cruft phrase: "RFE/RL
        # has been declared an undesirable organization"). Another is a caption, a
        # "related" headline ("Bloomberg, Once a Tough Talker, Becomes a Pander Bear") or
        # a list, and a caption's credit names the photographer's agency, not the outlet.
        if m := CREDIT_CAPTION_RE.match(line):
            line = m.group(0)
        elif credit_line(line) or captioned_bare(line):
            continue
        if (found := regex.search(line)) and (
            len(line[: found.start()].split()) + len(line[found.end() :].split())
            <= _OUTLET_LINE_WORDS
            or rules._phrases.search(line, line.lower())
        ):
            return rules.outlet(found.group(0))
    # "told Reuters" / "seen by AFP": an agency naming itself in its own story. Not
    # "told the Reuters news agency" (another outlet citing it), and not when the
    # text names several outlets so. Only on a scraped page (one that had cruft):
    # a clean article that says "told Reuters" is more often another outlet's
    # story quoting the agency, and no source is better than a wrong one.
    if not removed:
        return None
    text = "\n".join(paras)
    low = text.lower()
    named: set[str] = set()
    for verb in _SELF_REF_VERBS:
        at = low.find(verb)
        while at != -1:
            end = at + len(verb)
            if (at == 0 or not low[at - 1].isalnum()) and (
                m := rules._after_verb_re.match(text, end)
            ):
                if not low.startswith(" news agency", m.end()):
                    named.add(rules.outlet(m.group(1)))
            at = low.find(verb, end)
    if len(named) == 1:
        return named.pop()
    return None
