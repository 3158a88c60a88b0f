"""Passes over the tagger's word spans of one line, before they become candidates:
the shape of the words says where a name starts and ends.

* an acronym in brackets right after a name it abbreviates ("Islamic State
  (IS)") is a name, and so are its other mentions the tagger left out;
* a title run into a person's name is cut off ("State John Kerry" -> "John
  Kerry"; "King Zarandor" -> "Zarandor"), but for peers' and knights' styles;
* a given name, a capital without its dot and a capitalised word are one
  person ("Harold T Ackroyd");
* a table's day or date run into a name is cut off: "MON Zapco" (a weekday in
  capitals before a name that is not), "Zapsurvey Aug 21" (a month and its day);
  one alone is no name ("( SEP )", "Jun - 0.2");
* the bracketed names after the players of a squad list are their clubs, and
  the two sides of a result line with a side's country and goals are clubs;
* an organisation's "The" is no part of its name ("The Zapland Grain
  Commission"), unless it is a newspaper's or a title's,
  and a currency's code before its sign ("HK$") is no name.

Spans are ``(first word, end word, CoNLL type)``.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from functools import lru_cache
from typing import Final

from tui.gazetteer import cue_words, fold, lexicon


def acronym(surface: str) -> bool:
    """A word of two to six capitals, "/" and "&" aside ("ABC", "AT&T")."""
    letters = surface.replace("/", "").replace("&", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


def bracketed_acronyms(lines: list[list[str]], found: list[list[tuple[int, int, str]]]) -> None:
    """Add to ``found`` an acronym in brackets right after a name it abbreviates
    ("Islamic State (IS)") and its other mentions in the document, which the
    tagger may have left out ("By evening IS had lost"); the document pass
    gives them the name's type and canonical name (``link_acronyms``)."""
    acronyms: set[str] = set()
    for words in lines:
        for b in range(2, len(words) - 2):
            if words[b] != "(" or words[b + 2] != ")" or not acronym(words[b + 1]):
                continue
            # two or more capitalised words before, the first with the acronym's initial
            a = b
            while a > 0 and words[a - 1][:1].isupper():
                a -= 1
            if b - a >= 2 and any(words[i][0] == words[b + 1][0] for i in range(a, b - 1)):
                acronyms.add(words[b + 1])
    if not acronyms:
        return
    for k, (words, spans) in enumerate(zip(lines, found, strict=True)):
        covered: set[int] = set()
        for a, b, _ in spans:
            covered.update(range(a, b))
        extra = [
            (i, i + 1, "ORG") for i, w in enumerate(words) if w in acronyms and i not in covered
        ]
        if extra:
            found[k] = sorted(spans + extra)


#: Titles that news writes as part of the name itself ("Lord Goldsmith", "Sir Elton John").
_STYLES: Final = frozenset("lord lady sir dame".split())
#: Honorifics that go with a surname, never a lone given name: "Mr Blair" is Blair,
#: whom the lists also know as a given name ("Blair Underwood").
_HONORIFICS: Final = frozenset("mr mr. mrs mrs. ms ms. miss mx dr dr. prof prof. messrs".split())


def people_after_titles(
    words: list[str], found: list[tuple[int, int, str]], titles: frozenset[str]
) -> list[tuple[int, int, str]]:
    """``found`` with names that run a title into a person's name cut to the
    person: "(Secretary of) State John Kerry" -> "John Kerry". A name is cut at
    a known given name when a title word stands at most three words before that
    name (or inside it, before the given name); a person's name that opens with
    a title loses it ("King Zarandor" -> "Zarandor"), but for the styles of
    peers and knights and before a lone given name ("Queen Orla")."""
    first_names = lexicon().first_names
    out: list[tuple[int, int, str]] = []
    changed = False
    for a, b, t in found:
        cut = -1
        if (
            t == "PER"
            and b - a >= 2
            and words[a].lower() in titles
            and words[a].lower() not in _STYLES
            and words[a + 1][:1].isupper()
            and not (
                b - a == 2
                and words[a + 1].lower() in first_names
                and words[a].lower() not in _HONORIFICS
            )
        ):
            # "King Zarandor", "Lawyer Orla Brandt": the title is no part of it (but
            # "Prince Andrew": a title and a lone given name are how one names him;
            # not after an honorific: "Mr Blair" is a surname)
            cut = a + 1
        elif b - a >= 3 and t != "PER":
            for k in range(a + 1, b - 1):
                if (
                    words[k][:1].isupper()
                    and words[k].lower() in first_names
                    and words[k + 1][:1].isupper()
                ):
                    if any(words[i].lower() in titles for i in range(max(0, a - 3), k)):
                        cut = k
                    break
        if cut >= 0:
            out.append((cut, b, "PER"))
            changed = True
        else:
            out.append((a, b, t))
    return out if changed else found


#: Words before a sentence's first name that leave it at the sentence's start.
_OPENERS: Final = frozenset("\" “ ‘ ' ( [ - – — : ; . ! ? …".split())
#: Words that open a title or a group's name rather than a sentence: "The Zapfly".
_DETERMINERS: Final = frozenset("the a an his her their its our my your one this that".split())
#: Verbs of speech that open a sentence before the speaker of a quote: "Said Jo Vale:".
_SPEAKING: Final = frozenset(
    "said says added adds asked asks explained explains insisted insists replied "
    "replies warned warns continued concluded".split()
)
#: What follows a speaker named after such a verb: the quote or its lead-in.
_AFTER_SPEAKER: Final = frozenset(": , – — -".split())


def capitalised_inside(lines: list[list[str]], case: dict[str, str]) -> set[str]:
    """The words news writes in lower case that these lines capitalise inside a
    sentence ("shares of Brush Wellman"), lower-cased: a name's own words there."""
    out: set[str] = set()
    for words in lines:
        for i in range(1, len(words)):
            w = words[i]
            if w[:1].isupper() and words[i - 1] not in _OPENERS:
                low = w.lower()
                if case.get(low) == "L":
                    out.add(low)
    return out


def people_after_common_words(
    words: list[str],
    found: list[tuple[int, int, str]],
    case: dict[str, str],
    inside: Callable[[], set[str]],
) -> list[tuple[int, int, str]]:
    """``found`` with a person's name cut after a word news writes in lower case
    that opens its sentence ("Rapper Zed Quill said", "Singer Quill", "Vote Quill"):
    the capital is the sentence's. Only a word no list knows as a given name (not
    "Will Quill", "Bill Quill"), before a given name or a surname the lists know
    ("Small Island", "Comic Relief" stay whole), not a determiner ("The Zapflies"),
    and not one the text also capitalises inside a sentence (``inside()``: "Brush
    Wellman said" after "shares of Brush Wellman"). A verb of speech opening the
    sentence before a name and the quote's colon or comma ("Said Zed Quill: ...")
    or before a given name the lists know ("Said Jo Quill in a statement") is cut
    off the name, whatever the lists know of the rest and even where a title in
    the text capitalises the verb ("You Said Maybe")."""
    lex = lexicon()
    out: list[tuple[int, int, str]] = []
    changed = False
    for a, b, t in found:
        if t == "PER" and b - a >= 2 and (a == 0 or words[a - 1] in _OPENERS):
            w = words[a].lower()
            if (
                w in _SPEAKING
                and not words[a].isupper()
                and w not in lex.first_names
                and words[a + 1][:1].isupper()
                and (
                    (b < len(words) and words[b] in _AFTER_SPEAKER)
                    or words[a + 1].lower() in lex.first_names
                )
            ):
                # the speaker after the verb ("Said Zed Quill: ...", "Said Jo Quill in"),
                # however else the text writes the verb
                out.append((a + 1, b, t))
                changed = True
                continue
            if (
                len(w) > 1
                and not words[a].isupper()
                and case.get(w) == "L"
                and w not in _DETERMINERS
                and w not in lex.first_names
                and words[a + 1][:1].isupper()
                and (
                    words[a + 1].lower() in lex.first_names
                    or words[b - 1].lower() in lex.last_names
                )
                and w not in inside()
            ):
                out.append((a + 1, b, t))
                changed = True
                continue
        out.append((a, b, t))
    return out if changed else found


def middle_initials(
    words: list[str], found: list[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """``found`` with a given name, a capital letter written without its dot and a
    capitalised word made one person: "Harold T Ackroyd" (the tagger may read the
    given name alone and the surname as something else: "George", "W", "Bush" the
    place). The initial is no article or pronoun ("A", "I")."""
    out: list[tuple[int, int, str]] = []
    changed = False
    n = len(words)
    k = 0
    first_names: frozenset[str] | None = None
    while k < len(found):
        a, b, t = found[k]
        if (
            t == "PER"
            and b + 1 < n
            and len(words[b]) == 1
            and words[b] not in "AI"
            and words[b].isupper()
            and words[b + 1][:1].isupper()
            and words[b + 1][1:].islower()
        ):
            if first_names is None:
                first_names = lexicon().first_names
            if words[b - 1].lower() in first_names:
                end = b + 2
                following = found[k + 1] if k + 1 < len(found) else None
                if following is not None and following[0] == b + 1:
                    end = following[1]
                    k += 1
                elif following is not None and following[0] <= b + 1:
                    out.append((a, b, t))
                    k += 1
                    continue
                out.append((a, end, "PER"))
                changed = True
                k += 1
                continue
        out.append((a, b, t))
        k += 1
    return out if changed else found


#: Weekdays as tables abbreviate them, in capitals: "MON Zapco YR EPS".
_WEEKDAYS: Final = frozenset("MON TUE TUES WED THU THUR THURS FRI SAT SUN".split())
#: Months, whole or cut short, with or without the dot.
_MONTHS: Final = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)


#: Weekdays in capitals that are no word of their own ("SAT", "SUN" are).
_TABLE_DAYS: Final = frozenset("MON TUE TUES WED THU THUR THURS FRI".split())


def _alone_in_brackets(words: list[str], a: int) -> bool:
    """Whether the word is alone in brackets ("( SEP )"), not after the
    capitalised words whose initials it is ("Disasters Emergency Committee (
    DEC )")."""
    if a < 1 or words[a - 1] != "(" or a + 1 >= len(words) or words[a + 1] != ")":
        return False
    n = len(words[a])
    before = words[max(0, a - 1 - n) : a - 1]
    return "".join(w[:1] for w in before) != words[a]


def _date_word(word: str) -> bool:
    """Whether ``word`` is a month cut short or a weekday as tables write them."""
    w = word.rstrip(".")
    return w in _WEEKDAYS or (len(w) <= 4 and w.lower() in _MONTHS)


def dates_at_edges(
    words: list[str], found: list[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """``found`` with a table's day or date cut off a name it was run into: a
    weekday in capitals before a name not all in capitals ("MON Zapco" ->
    "Zapco", "THU ZD Group" -> "ZD Group"; not a headline's "SUN ZAPCO"),
    a month and the day after it ("Zapsurvey Aug 21" -> "Zapsurvey"). A month
    cut short or a weekday alone, before a figure or a dash ("Jun - 0.2", "For
    Nov 11-25"), alone in brackets in capitals ("( SEP )") or a weekday in
    capitals ("MON"), is no name (an acronym such as "DEC" elsewhere may be one)."""
    out: list[tuple[int, int, str]] | None = None
    drop = False
    for k, (a, b, t) in enumerate(found):
        if b - a < 2:
            word = words[a]
            after = words[b] if b < len(words) else ""
            if _date_word(word) and (
                (word.isupper() and (word in _TABLE_DAYS or _alone_in_brackets(words, a)))
                or after[:1].isdigit()
                or after in ("-", "--")
            ):
                if out is None:
                    out = list(found)
                out[k] = (a, a, t)
                drop = True
            continue
        first, last = words[a], words[b - 1]
        if first in _WEEKDAYS and not all(w.isupper() for w in words[a + 1 : b]):
            a += 1
        elif (
            last[:1].isupper()
            and last.rstrip(".").lower() in _MONTHS
            and b < len(words)
            and words[b].isdigit()
            and len(words[b]) <= 2
        ):
            b -= 1
        else:
            continue
        if out is None:
            out = list(found)
        out[k] = (a, b, t)
    if out is None:
        return found
    return [x for x in out if x[0] < x[1]] if drop else out


#: Last words of titles of newspapers, which take "The" into their names ("The
#: Zapton Times"); an organisation's "The" is no part of its name otherwise.
_PAPER_HEADS: Final = frozenset(
    "times post journal herald telegraph tribune gazette guardian observer chronicle star "
    "sun news statesman independent economist mail express mirror standard record review "
    "daily weekly".split()
)


def shed_the_and_money(
    words: list[str], found: list[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """``found`` with a leading "The" cut off an organisation's name of two
    words or more that holds a word of organisations' names and is no
    newspaper's ("The Zapland Grain Commission" -> "Zapland Grain Commission",
    but "The Zapton Times"; a title's "The Zapland Code" keeps it), and without a
    currency's code before its sign taken for a name ("HK$", "NZ$")."""
    out: list[tuple[int, int, str]] | None = None
    for k, (a, b, t) in enumerate(found):
        if b - a == 1 and b < len(words) and words[b] == "$" and words[a].isupper():
            b = a
        elif (
            t == "ORG"
            and b - a >= 3
            and words[a] == "The"
            and words[b - 1].lower() not in _PAPER_HEADS
            and any(w.lower().rstrip(".") in org_suffixes() for w in words[a + 1 : b])
        ):
            a += 1
        else:
            continue
        if out is None:
            out = list(found)
        out[k] = (a, b, t)
    return found if out is None else [x for x in out if x[0] < x[1]]


def holds(words: list[str], token: str) -> bool:
    """``token in words``: compiled, ``in`` on a list compares each word through the
    interpreter's generic comparison (~200 instructions a word), this loop as strings."""
    for w in words:
        if w == token:
            return True
    return False


def clubs_in_brackets(
    words: list[str], found: list[tuple[int, int, str]], lower: Collection[str]
) -> list[tuple[int, int, str]]:
    """``found`` with the clubs of a squad list: in a line with no figure that
    names two people or more each with a name in brackets that is no country
    ("Defenders - Jo Vale ( Harbourton ) , Sam Lee ( Zapton Rovers )"), each
    bracketed name is an organisation, found or not (a line of players with
    their countries, "Jo Vale ( Zarbia )", keeps the places). One of the clubs at
    least must be named by a place the lists know or as a club ("Zapton Rovers"):
    a cast list's titles are neither ("Jo Vale ( Shining Zap )"). A name with a
    word the text writes in lower case (``lower``) is a title's too, a given name
    a role's ("( Monica )"): neither counts."""
    if not holds(words, "("):
        return found
    people = {b: a for a, b, t in found if t == "PER"}
    # (two clubs need two people: asked before the look at every character for a figure)
    if len(people) < 2 or any(ch.isdigit() for w in words for ch in w):
        return found
    lex = lexicon()
    groups: list[tuple[int, int]] = []
    countries: frozenset[str] | None = None
    for b in people:
        if b >= len(words) or words[b] != "(":
            continue
        close = b + 1
        while close < len(words) and words[close] != ")" and close - b <= 4:
            close += 1
        inside = words[b + 1 : close]
        if (
            close >= len(words)
            or words[close] != ")"
            or not inside
            or not all(w[:1].isupper() and w.replace("-", "").isalpha() for w in inside)
        ):
            continue
        if any(w.lower() in lower and w.lower() not in org_suffixes() for w in inside):
            continue
        if countries is None:
            countries, given = lex.countries, lex.first_names
        key = fold(" ".join(inside))
        if key not in countries and key not in given:
            groups.append((b + 1, close))
    if len(groups) < 2 or not any(
        fold(" ".join(words[a:b])) in lex.places or words[b - 1].lower() in org_suffixes()
        for a, b in groups
    ):
        return found  # no club named by its town or as a club: a cast list's titles
    inside_groups = {i for a, b in groups for i in range(a, b)}
    kept = [x for x in found if not inside_groups.intersection(range(x[0], x[1]))]
    return sorted(kept + [(a, b, "ORG") for a, b in groups])


def _name_word(w: str) -> bool:
    """A word of a club's name: capitalised, letters with a hyphen or figures
    inside ("MyPa-47") but no figure alone."""
    return w[:1].isupper() and any(ch.isalpha() for ch in w)


def result_sides(words: list[str], found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """``found`` with both sides of a result line that gives a side's country in
    brackets and its goals (under 20), then the other side ("Zapton Rovers (
    Zarbia ) 2 Harbgrass ( Ruritania ) 1", "In Ossery : Ossery Athletic ( Zarbia
    ) 8 Harbgrass") made organisations, found by the tagger or not. A golfer's
    round (71) or a runner's time is no goals; a side must stand on either side
    of the goals (a rider's points end the line: "Jo Lee ( Zarbia ) 16")."""
    if not holds(words, "("):
        return found
    n = len(words)
    sides: list[tuple[int, int]] = []
    countries: frozenset[str] | None = None
    for p in range(1, n - 3):
        if words[p] != "(":
            continue
        q = p + 1
        while q < n and words[q] != ")" and q - p <= 3:
            q += 1
        goals = words[q + 1] if q + 1 < n else ""
        if q >= n or words[q] != ")" or not goals.isdigit() or int(goals) >= 20:
            continue
        if countries is None:
            countries = lexicon().countries
        if fold(" ".join(words[p + 1 : q])) not in countries:
            continue
        a = p
        while a > 0 and _name_word(words[a - 1]):
            a -= 1
        b = q + 2
        while b < n and _name_word(words[b]):
            b += 1
        if a < p and b > q + 2:
            sides += [(a, p), (q + 2, b)]
    if not sides or countries is None:
        return found
    for a, b in sides:
        if fold(" ".join(words[a:b])) in countries:
            continue
        found = [x for x in found if x[1] <= a or x[0] >= b] + [(a, b, "ORG")]
    return sorted(found)


def names_joined_by_and(
    words: list[str],
    found: list[tuple[int, int, str]],
    case: dict[str, str],
    lower: Collection[str] = (),
    alone: Callable[[], Collection[str]] | None = None,
) -> list[tuple[int, int, str]]:
    """``found`` with a span that runs two names together over "and" cut in two:
    no person's name holds "and" ("Jo Lee and Energy (Secretary Kim Ray)" -> "Jo
    Lee"; "Jo Lee and Harold Quennell" -> both); an organisation's does only when
    "and" joins common words ("Securities and Exchange Commission", "Trade and
    Industry"), so one between two names no news writes in lower case
    ("Zapnet and Velmo", "Zapco and The Harbour Times") makes two organisations,
    and so does one after a name of two words or more that ends with an
    organisation's word ("Zarn Bank and Velmo": "bank" is common, the name whole),
    unless "of" or "for" come before it or the name ends with an organisation's
    word ("Office of Zarn Trade and Budget", "Zarn Health and Safety Executive"),
    or a surname ends it ("Zapley and Brown", a firm named after its founders),
    and only when the text names one of the two on its own elsewhere (``alone``:
    the capitalised words the text writes away from "and"; "Zapnet shares rose"):
    a name that only ever comes as "A and B" is one name.
    ``case``: the words news nearly always writes in lower case ("L"); ``lower``:
    the words the text writes in lower case ("health", "safety", "east")."""
    out: list[tuple[int, int, str]] = []
    changed = False
    for a, b, t in found:
        k = a + 1
        while k < b - 1 and words[k] != "and":
            k += 1
        if k >= b - 1 or t not in ("PER", "ORG"):
            out.append((a, b, t))
            continue
        if t == "PER":
            out.append((a, k, t))
            # the rest is a person of its own when it opens with a given name
            if words[k + 1].lower() in lexicon().first_names:
                out.append((k + 1, b, t))
            changed = True
            continue
        right = k + 1
        if words[right] == "The" and right + 1 < b:
            right += 1
        left, after = words[k - 1].lower(), words[right].lower()
        # a name before "and" that ends with an organisation's word is whole
        # ("Zarn Bank and Zapco": two firms, though "bank" is a common word)
        whole = k - a > 1 and left.rstrip(".") in org_suffixes()
        if (
            (case.get(left) == "L" and not whole)
            or case.get(after) == "L"
            # common words the text also writes in lower case ("Health and Safety")
            or (left in lower and not whole)
            or after in lower
            # "Office of Management and Budget", "Department for Work and Pensions"
            or any(w in ("of", "for", "&") for w in words[a:k])
            # "Health and Safety Executive", "Transport and General Workers' Union"
            or words[b - 1].lower().rstrip(".") in org_suffixes()
            # a firm named after its founders: "Duff and Phelps", "Zapley and Brown"
            or (right == b - 1 and after in lexicon().last_names)
            or (alone is not None and not {words[k - 1], words[right]} & set(alone()))
        ):
            out.append((a, b, t))
            continue
        out.append((a, k, t))
        out.append((k + 1, b, t))
        changed = True
    return out if changed else found


@lru_cache(maxsize=1)
def org_suffixes() -> frozenset[str]:
    """The words that end organisations' names ("union", "commission"), folded."""
    return frozenset(fold(w) for w in cue_words().org_suffixes)


def words_away_from_and(lines: list[list[str]]) -> set[str]:
    """The capitalised words of ``lines`` written at least once neither right
    before nor right after "and" (:func:`names_joined_by_and`)."""
    out: set[str] = set()
    for words in lines:
        last = len(words) - 1
        for i, w in enumerate(words):
            if (
                w[:1].isupper()
                and (i == 0 or words[i - 1] != "and")
                and (i == last or words[i + 1] != "and")
            ):
                out.add(w)
    return out
