"""A synthetic corpus with known reused quotes, for shared-passage tests and the bench.

Articles are made of filler sentences drawn from stock news phrasing (so that
different articles share many short runs of words: "the prime minister said on
Tuesday") and of quotes, each placed in several articles, framed differently each
time and often edited a little (a word changed, dropped or added, the case or the
punctuation changed). Some articles also hold a short fragment of a quote (five or
six words), which must not count as the passage. Every quote's span in every
article is recorded: the ground truth for precision and recall.

The text is generated here from word lists written for this file; nothing comes
from a real corpus.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

SUBJECTS = [
    "the prime minister",
    "the minister",
    "a ministry spokesman",
    "the opposition leader",
    "the central bank",
    "the company",
    "officials",
    "the mayor",
    "the union",
    "analysts",
    "the foreign secretary",
    "the committee",
    "local residents",
    "the chief executive",
    "the police",
    "the army",
    "the government",
    "investors",
    "the regulator",
    "campaigners",
]
VERBS = [
    "said on Tuesday that",
    "told reporters that",
    "warned that",
    "announced that",
    "confirmed that",
    "denied that",
    "argued that",
    "insisted that",
    "suggested that",
    "claimed that",
    "said in writing that",
    "added that",
    "noted that",
]
CLAUSES = [
    "the talks would resume next week",
    "the deal was close",
    "prices would rise again",
    "the plan had been delayed",
    "more money was needed",
    "the report would be published",
    "the vote would go ahead",
    "the decision was final",
    "the figures were worse than expected",
    "the project would create jobs",
    "the border would stay closed",
    "no agreement had been reached",
    "the inquiry would take months",
    "the budget would be cut",
    "the strike would continue",
    "the new rules would apply from next year",
    "the economy was growing again",
    "the ceasefire was holding",
    "the company would cut costs",
    "the election would be close",
]
TAILS = [
    "",
    " in the capital",
    " after a meeting",
    " on Monday",
    " later this year",
    " according to sources",
    " despite the protests",
    " for the first time",
    " in a televised address",
    " at a press conference",
    " in the north",
]
SPEAKERS = [
    "Ms Carvalho",
    "Mr Okafor",
    "the minister",
    "Dr Lindqvist",
    "a senior official",
    "Mr Haddad",
    "the spokeswoman",
    "Mrs Petrova",
    "the general",
    "Mr Tanaka",
]
WORDS = (
    "we will not accept any agreement that leaves our people without water food or shelter this "
    "winter and the world must know that every family here has waited long enough for help to "
    "arrive from those who promised it years ago when the river first rose over the fields "
    "there is no future for this region unless the factories open again and the young find work "
    "near their homes instead of leaving for the cities across the sea where nobody speaks their "
    "language our children deserve schools with roofs and teachers who are paid on time every "
    "month the banks have made their choice and now they must live with the consequences of "
    "lending money they never had to people who could never repay it we are asking for justice "
    "not charity and we shall keep asking until the last mine is cleared from the hills above "
    "the village where my grandfather planted olive trees a hundred years before the war began"
).split()


@dataclass
class QuotesCorpus:
    """The articles written (path -> text) and every quote's span in each body."""

    folder: Path
    #: path -> [(quote number, start, end)] with offsets into the article's body
    quotes: dict[str, list[tuple[int, int, int]]] = field(default_factory=dict)
    #: path -> [(start, end)] of quote fragments too short to count
    fragments: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)


#: Words for the unique part of filler sentences: any run of eight of them in a row is
#: all but certain to be in one article only.
CONTENT = (
    "water prices grain harbour station council budget tunnel bridge railway school "
    "hospital factory mine port airport market village farm river valley coast border "
    "province district region capital court parliament senate treaty pipeline reactor "
    "bond currency debt loan tariff export import harvest drought flood storm fire quake "
    "vaccine clinic doctor nurse teacher student worker driver farmer fisherman miner "
    "soldier officer judge lawyer banker trader engineer pilot sailor builder miller "
    "northern southern eastern western coastal rural urban local national foreign "
    "annual monthly weekly new old large small early late costly cheap public private "
    "plans talks reforms cuts rises losses gains sales shares profits wages taxes fees "
    "roads homes jobs ships trucks trains flights fields crops herds wells dams walls "
    "quietly sharply slowly rapidly openly briefly largely mostly partly fully "
    "several many few dozens hundreds thousands millions some most all both"
).split()


def _filler(rng: random.Random) -> str:
    subject = rng.choice(SUBJECTS)
    content = " ".join(rng.choice(CONTENT) for _ in range(rng.randint(5, 10)))
    sentence = f"{subject} {rng.choice(VERBS)} {content}{rng.choice(TAILS)}."
    return sentence[0].upper() + sentence[1:]


def _quote(rng: random.Random) -> list[str]:
    return [rng.choice(WORDS) for _ in range(rng.randint(12, 30))]


def _edited(rng: random.Random, words: list[str]) -> list[str]:
    words = list(words)
    roll = rng.random()
    middle = rng.randrange(2, len(words) - 2)
    if roll < 0.45:
        pass  # as said
    elif roll < 0.65:
        words[middle] = rng.choice(["really", "never", "always", "simply", "truly", "still"])
    elif roll < 0.8:
        del words[middle]
    elif roll < 0.9:
        words.insert(middle, rng.choice(["indeed", "frankly", "now", "also"]))
    else:
        words[0] = words[0].upper()  # a case change
    return words


def _frame(rng: random.Random, quote: str) -> tuple[str, int]:
    """A sentence holding the quote, and where the quote starts in it."""
    speaker = rng.choice(SPEAKERS)
    kind = rng.randrange(4)
    if kind == 0:
        head = '"'
        return f'{head}{quote[0].upper()}{quote[1:]}," {speaker} said.', len(head)
    if kind == 1:
        head = f'{speaker[0].upper()}{speaker[1:]} told reporters: "'
        return f'{head}{quote[0].upper()}{quote[1:]}."', len(head)
    if kind == 2:
        head = f"According to {speaker}, "
        return f"{head}{quote}.", len(head)
    head = f"{speaker[0].upper()}{speaker[1:]} said that "
    return f"{head}{quote}, adding that more would follow.", len(head)


def make_quotes_corpus(
    folder: Path, articles: int = 60, quotes: int = 25, seed: int = 7
) -> QuotesCorpus:
    """Write ``articles`` text files into ``folder``; ``quotes`` quotes each reused in
    two to five of them."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    bodies: list[list[tuple[str, tuple[int, int] | None, str]]] = []
    for _ in range(articles):
        bodies.append([(_filler(rng), None, "") for _ in range(rng.randint(6, 14))])
    for q in range(quotes):
        words = _quote(rng)
        for a in rng.sample(range(articles), rng.randint(2, 5)):
            quote = " ".join(_edited(rng, words))
            sentence, at = _frame(rng, quote)
            body = bodies[a]
            body.insert(rng.randint(0, len(body)), (sentence, (q, at), quote))
        # a fragment of five or six words elsewhere: not a shared passage
        a = rng.randrange(articles)
        n = rng.randint(5, 6)
        i = rng.randrange(len(words) - n)
        fragment = " ".join(words[i : i + n])
        bodies[a].insert(0, (f"Some called it {fragment} at the time.", None, fragment))
    corpus = QuotesCorpus(folder)
    for a, body in enumerate(bodies):
        title = f"Report number {a + 1} on the talks"
        paragraphs: list[str] = []
        spans: list[tuple[int, int, int]] = []
        fragments: list[tuple[int, int]] = []
        offset = 0
        for k, (sentence, quote, text) in enumerate(body):
            sep = "" if not paragraphs else ("\n\n" if k % 3 == 0 else " ")
            offset += len(sep)
            if quote is not None:
                q, at = quote
                start = offset + at + (0 if sentence[at:].startswith(text) else 0)
                spans.append((q, start, start + len(text)))
            elif text:
                i = sentence.index(text)
                fragments.append((offset + i, offset + i + len(text)))
            paragraphs.append(sep + sentence)
            offset += len(sentence)
        text = "".join(paragraphs)
        name = f"article-{a + 1:03d}.txt"
        (folder / name).write_text(f"{title}\n\n{text}\n", encoding="utf-8")
        corpus.quotes[name] = spans
        corpus.fragments[name] = fragments
        corpus.texts[name] = text
    return corpus


def score(
    corpus: QuotesCorpus, found: dict[str, list[tuple[int, int, str, int, int]]]
) -> dict[str, float]:
    """Precision and recall of shared passages found.

    ``found``: path -> [(start, end, other path, other start, other end)], one per
    passage and other article. A find is right when its span overlaps one quote in
    this article and the other span overlaps the same quote in the other article.
    The truth: every ordered pair of articles that hold one quote.
    """
    truth = set()
    by_quote: dict[int, list[str]] = {}
    for path, spans in corpus.quotes.items():
        for q, _, _ in spans:
            by_quote.setdefault(q, []).append(path)
    for q, paths in by_quote.items():
        for a in paths:
            for b in paths:
                if a != b:
                    truth.add((a, b, q))

    def quote_at(path: str, start: int, end: int) -> int | None:
        for q, s, e in corpus.quotes.get(path, ()):
            if min(e, end) - max(s, start) > 0.5 * min(e - s, end - start):
                return q
        return None

    predicted = set()
    for path, items in found.items():
        for start, end, other, o_start, o_end in items:
            q = quote_at(path, start, end)
            q2 = quote_at(other, o_start, o_end)
            predicted.add((path, other, q if q is not None and q == q2 else -1 - len(predicted)))
    hits = len(predicted & truth)
    return {
        "precision": hits / len(predicted) if predicted else 1.0,
        "recall": hits / len(truth) if truth else 1.0,
        "predicted": float(len(predicted)),
        "true": float(len(truth)),
    }
