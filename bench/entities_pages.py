"""The most frequent people, places and organisations on real web pages.

    python bench/entities_pages.py [TEXT_DIR] [--top N]

(default: ../shared/corpora/aeb-dev/text, 91 news pages scraped with their
menus, share bars and footers.) Each page is cleaned as the app cleans it
(tui.articles.build_article with the default cleaning rules), the recogniser
runs on headline and body as the index runs it, the types are made to agree
across the pages as the entities pane does (:func:`tui.ner.corpus.corpus_types`),
and the N most frequent names of each type are printed with how many pages name
them and whether the name is of that type (the target: at least 27 of 30 for
each type).

Each row is judged against :data:`JUDGED`: a person's reading of the pages,
name -> the types it may have there ("White House" is a building and, in
"the White House said", the administration: place or organisation; a product,
a plan or a heading's words have none). A name nobody has judged yet prints
"?" and counts as wrong until somebody reads its pages and adds it: a new
name in the top N is either a new mistake or a list to complete, and the
count must not pass because nobody looked.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Mapping
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tui.articles import build_article, read_text  # noqa: E402
from tui.cleaning import load_rules  # noqa: E402
from tui.entities import Recognizer, load_gazetteer  # noqa: E402
from tui.ner.corpus import corpus_totals, corpus_types  # noqa: E402
from tui.ner.types import NAME_TYPES, ORG, PERSON, PLACE  # noqa: E402

DEFAULT = REPO.parent / "shared" / "corpora" / "aeb-dev" / "text"


def _judged() -> dict[str, frozenset[str]]:
    """Name -> the types it may have on the default pages, read off the pages
    (the sentences each name is found in); an empty set: no name of ours (a
    product, a service, a plan, a dish, a species)."""
    out: dict[str, frozenset[str]] = {}
    people = """Adam Neumann|Adam Schiff|Alexander Vindman|Andrew|Andrew Vaughan|Cam Heyward|
        David McKinley|Donald Trump|Elise|Elise Matthesen|Elizabeth Warren|Herbert|Hunter Biden|
        Jane Starner|Jeffrey Epstein|Joe Biden|John M. Ford|Julie Graham|Ken Doctor|Kristi Noem|
        Kurt Volker|Mark Esper|Martin Taylor|Mason Rudolph|Matt Harris|Michael Howitt|
        Michael McDonald|Michael Webb|Mike|Mike Ford|Myles Garrett|Neil Gaiman|Obama|Owen Dempsey|
        Owen John Dempsey|Prince Andrew|Robert Mueller|Stephanie Grisham|Taylor Swift|
        Tim Morrison|Tom Johnston|Trump|Van Der Beek"""
    places = """Afghanistan|Amsterdam|Argentina|Australia|Beijing|Canada|China|Colorado|Europe|
        Fort Worth|France|Hong Kong|Houston|India|Inner Mongolia|Israel|Japan|Jerusalem|
        Kabul|Kazakhstan|London|Los Angeles|Melbourne|Mongolia|Nashville|New Jersey|New York|
        North America|Russia|Seattle|Serbia|South Dakota|Spain|St. Louis|Switzerland|Toronto|
        Ukraine|United Kingdom|United States|Vietnam|Virginia Beach|Washington|
        West Palm Beach|FL|Jupiter|OH"""
    # teams, newspapers, bands and magazines are organisations; "Rockledge" and
    # "Palm Bay" are high-school teams in a score table; "Emirates" the airline
    orgs = """All About Space|Amazon|Apple|Ascom|Associated Press|Audi|BBC|Blue Origin|Boeing|
        Disney|Doobie Brothers|ESA|Eastern Michigan|Emirates|European Union|FBI|Ford|Gannett|
        Google|HP|Hulu|Klook|McClatchy|NASA|National Security Council|Nissan|Palm Bay|Reuters|
        Rockledge|Samsung|Sierra Nevada Corporation|Steelers|Taliban|Tor|Toyota|Tribune|
        Twitter|United Nations|VW|Volkswagen|Walmart|WeWork"""
    nothing = """Alexa|AirPods|Amazon Music Unlimited|Apple TV|Beachbody Performance|CLPS|
        Commercial Lunar Payload Services|Cloud City|Digistat Patient Watch|ID|Meal Plan|
        Nintendo Switch Lite|Plan & Grow BIG|Pokemon Sword|Sentra|Shakeology|Stadia|
        Tomato Cucumber Salad|Yersinia"""
    for names, types in (
        (people, {PERSON}),
        (places, {PLACE}),
        (orgs, {ORG}),
        (nothing, set()),
    ):
        for name in names.split("|"):
            out[" ".join(name.split())] = frozenset(types)
    out["White House"] = frozenset({PLACE, ORG})  # the building, and the administration
    out["Blossom Music Center"] = frozenset({PLACE, ORG})  # a concert venue, and its company
    return out


#: name -> the types it may have on the default pages
JUDGED = _judged()


def tally(
    per_doc: list[dict[tuple[str, str], int]],
    decided: Mapping[tuple[str, str], int] | None = None,
) -> tuple[dict[str, Counter[str]], dict[str, Counter[str]]]:
    """Mentions and documents of each (type, name), one name one type across the
    documents as the entities pane counts them (``per_doc``: each document's counts;
    ``decided``: the pairs some document's context typed, which stay, and in how
    many documents)."""
    decided = decided or {}
    retyped = corpus_types(corpus_totals(per_doc), decided=set(decided), decided_in=decided)
    mentions: dict[str, Counter[str]] = {t: Counter() for t in NAME_TYPES}
    docs: dict[str, Counter[str]] = {t: Counter() for t in NAME_TYPES}
    for counts in per_doc:
        seen: set[tuple[str, str]] = set()
        for (typ, name), n in counts.items():
            typ, name = retyped.get((typ, name), (typ, name))
            mentions[typ][name] += n
            seen.add((typ, name))
        for typ, name in seen:
            docs[typ][name] += 1
    return mentions, docs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folder", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--top", type=int, default=30)
    args = ap.parse_args(argv)
    files = sorted(args.folder.glob("*.txt"))
    if not files:
        print(f"no .txt pages in {args.folder}", file=sys.stderr)
        return 2
    rules = load_rules()
    recognizer = Recognizer(load_gazetteer())
    judge = args.folder.resolve() == DEFAULT.resolve()
    per_page: list[dict[tuple[str, str], int]] = []
    decided: Counter[tuple[str, str]] = Counter()
    t0 = time.perf_counter()
    for path in files:
        article = build_article(path.name, read_text(path), rules)
        counts: dict[tuple[str, str], int] = {}
        found, evidence = recognizer.extract_with_evidence(f"{article.title}\n\n{article.body}")
        decided.update(evidence.decided)
        for m in found:
            if m.type in NAME_TYPES:
                counts[m.type, m.canonical] = counts.get((m.type, m.canonical), 0) + 1
        per_page.append(counts)
    mentions, pages = tally(per_page, decided)
    elapsed = time.perf_counter() - t0
    print(f"{len(files)} pages from {args.folder} ({elapsed:.1f} s)")
    summary = []
    for typ in NAME_TYPES:
        print(f"\n{typ}: the {args.top} most frequent (mentions, pages)")
        right = unjudged = 0
        for rank, (name, n) in enumerate(
            sorted(mentions[typ].items(), key=lambda kv: (-kv[1], -pages[typ][kv[0]], kv[0]))[
                : args.top
            ],
            1,
        ):
            mark = ""
            if judge:
                types = JUDGED.get(name)
                if types is None:
                    mark, unjudged = "?", unjudged + 1
                elif typ in types:
                    mark, right = "ok", right + 1
                else:
                    mark = "WRONG"
            print(f"{rank:3}. {name:<40} {n:4} {pages[typ][name]:3}  {mark}")
        if judge:
            extra = f" ({unjudged} not judged yet: read their pages)" if unjudged else ""
            summary.append(f"{typ} {right}/{min(args.top, len(mentions[typ]))}{extra}")
    if summary:
        print("\nright: " + ", ".join(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
