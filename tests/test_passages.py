"""Shared passages: fingerprints, the index's sidecars, lookups, and their updates."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from tests.conftest import write_article
from tests.quotes_corpus import make_quotes_corpus, score
from tui.commands import main
from tui.index.sidecar import EXTS, stable_order
from tui.library import Library
from tui.shingles import GUARANTEED, K, fingerprints, fingerprints_many, shingle_hashes, words

QUOTE = (
    "we will not accept any agreement that leaves our families without water or shelter "
    "through another winter of broken promises"
)


def test_words_and_shingles_agree() -> None:
    text = "Ça va, “Dr Müller” — 3.5% of the U.S. vote; naïve café owners’ rights!"
    spans = words(text)
    assert [text[s:e] for s, e in spans][:3] == ["Ça", "va", "Dr"]
    assert "—" not in "".join(text[s:e] for s, e in spans)  # punctuation is no word
    assert len(shingle_hashes(text)) == len(spans) - K + 1


def test_texts_fingerprinted_together_get_each_its_own_fingerprints() -> None:
    """A build fingerprints its articles in batches: each text's hashes and positions are
    those it gets alone, whatever texts are beside it (none or one word, fewer shingles
    than a window, long ones, non-ASCII letters and punctuation, a lowercase that
    changes the length), and no shingle spans two texts."""
    rng = random.Random(11)
    vocabulary = [
        "the", "a", "Minister", "said", "talks", "İstanbul", "naïve", "—", "“quoted”",
        "x", "東京", "\u00a0", "…", "U.S.", "e-mail", "2,000", "Straße", "ǅ", "",
    ]  # fmt: skip
    texts = [
        rng.choice([" ", "", "\n\n"]).join(
            rng.choice(vocabulary) for _ in range(rng.choice([0, 1, 3, 4, 5, 8, 9, 10, 30, 200]))
        )
        for _ in range(1500)
    ]
    texts += [QUOTE, QUOTE.upper(), f"{QUOTE} {QUOTE}"]
    for size in (2, 3, 7, 64):
        for i in range(0, len(texts), size):
            batch = texts[i : i + size]
            for text, (hashes, at) in zip(batch, fingerprints_many(batch), strict=True):
                alone_hashes, alone_at = fingerprints(text)
                assert hashes.dtype == alone_hashes.dtype, text
                assert hashes.tolist() == alone_hashes.tolist(), text
                assert at.tolist() == alone_at.tolist(), text
    assert fingerprints_many([]) == []


def test_the_power_tables_are_the_powers_modulo_two_to_the_64() -> None:
    from tui import shingles

    for base in (shingles._P, shingles._P_INV):
        for size in (1, 2, 3, 7, 4096, 4097, 10_001):
            expected = [1] * size
            for j in range(1, size):
                expected[j] = expected[j - 1] * base % (1 << 64)
            assert shingles._powers(base, size).tolist() == expected, (base, size)


def test_hashes_are_the_same_in_another_process() -> None:
    # Worker processes write them, the app reads them later: no salted hash().
    code = f"from tui.shingles import shingle_hashes; print(shingle_hashes({QUOTE!r}).tolist())"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == shingle_hashes(QUOTE).tolist()


def test_any_shared_run_of_eight_words_keeps_a_fingerprint() -> None:
    rng = random.Random(5)
    vocab = [f"w{i}" for i in range(500)]
    for _ in range(300):
        run = " ".join(rng.choices(vocab, k=GUARANTEED))
        a = " ".join(rng.choices(vocab, k=rng.randint(0, 30))) + " " + run
        b = run + " " + " ".join(rng.choices(vocab, k=rng.randint(0, 30)))
        assert set(fingerprints(a)[0].tolist()) & set(fingerprints(b)[0].tolist())


def _lib(folder: Path) -> Library:
    lib = Library.open(folder)
    lib.update_index(workers=1)
    return lib


@pytest.fixture
def quotes_lib(tmp_path: Path) -> tuple[Library, object]:
    corpus = make_quotes_corpus(tmp_path / "news", articles=40, quotes=16, seed=11)
    return _lib(tmp_path / "news"), corpus


def _found(lib: Library) -> dict[str, list[tuple[int, int, str, int, int]]]:
    found = {}
    for a in lib.articles():
        found[a.path] = [
            (p.start, p.end, c.path, c.start, c.end) for p in lib.passages(a.id) for c in p.also_in
        ]
    return found


def test_known_quotes_are_found_with_high_precision_and_recall(quotes_lib) -> None:  # noqa: ANN001
    lib, corpus = quotes_lib
    figures = score(corpus, _found(lib))
    assert figures["recall"] >= 0.95, figures
    assert figures["precision"] >= 0.95, figures


def test_a_quote_found_in_another_article_with_its_edits_marked(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    write_article(
        folder,
        "a.txt",
        "Flood talks",
        f'"{QUOTE[0].upper()}{QUOTE[1:]}," the mayor said on Monday.',
        "The weather was cold and the roads were closed for the day.",
    )
    edited = QUOTE.replace("another winter", "one more winter")
    write_article(
        folder,
        "b.txt",
        "Mayor speaks",
        f'Speaking to the press, she said: "{edited}".',
        "Nobody else spoke.",
    )
    write_article(folder, "c.txt", "Other", "Shelter was found for the families in the hills.")
    lib = _lib(folder)
    a = lib.article("a.txt")
    passages = lib.passages(a.id)
    assert len(passages) == 1
    p = passages[0]
    # The quote whole, its marks taken (it ended at "promises", mid-quote): it opens
    # its sentence and closes before "the mayor said", so nothing is cut.
    assert p.text.lower().startswith('"we will not accept')
    assert p.text.endswith('promises,"') and p.cut == (False, False)
    assert p.excerpt == p.text
    assert [c.path for c in p.also_in] == ["b.txt"]
    copy = p.also_in[0]
    b = lib.article("b.txt")
    assert b.body[copy.start : copy.end] == copy.text
    # In b it follows "she said:" in its sentence: cut there, and marked so.
    assert copy.cut == (True, False) and copy.text.endswith('promises".')
    assert copy.excerpt == "…" + copy.text
    assert "one more winter" in copy.text or "winter of broken" in copy.text
    assert any(b.body[s:e] in ("one", "more") for s, e in copy.differs)
    # the sentence with no shared passage has none
    second = a.body.index("The weather")
    assert lib.passages(a.id, second, len(a.body)) == []


def test_passages_follow_added_changed_and_removed_articles(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    write_article(folder, "a.txt", "One", f"He said {QUOTE} and left.")
    write_article(folder, "b.txt", "Two", "Nothing in common with anything else here at all.")
    lib = _lib(folder)
    a_id = lib.article("a.txt").id
    assert lib.passages(a_id) == []
    write_article(folder, "c.txt", "Three", f"She repeated: {QUOTE}.")
    lib.update_index(workers=1)
    assert [c.path for p in lib.passages(a_id) for c in p.also_in] == ["c.txt"]
    write_article(folder, "b.txt", "Two", f"Later: {QUOTE}, they wrote.")
    lib.update_index(workers=1)
    assert sorted(c.path for p in lib.passages(a_id) for c in p.also_in) == ["b.txt", "c.txt"]
    (folder / "c.txt").unlink()
    lib.update_index(workers=1)
    assert [c.path for p in lib.passages(a_id) for c in p.also_in] == ["b.txt"]


def test_segments_merged_by_whoosh_get_their_files(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    write_article(folder, "a.txt", "One", f"He said {QUOTE} and left.")
    lib = _lib(folder)
    for n in range(12):  # each update adds a small segment; Whoosh merges small ones
        write_article(folder, f"n{n}.txt", f"New {n}", f"Report {n}: {QUOTE}.")
        lib.update_index(workers=1)
    index_dir = lib.paths.index
    segments = {p.name.split(".")[0] for p in index_dir.glob("MAIN_*.seg")} | {
        p.name.split(".")[0] for p in index_dir.glob("MAIN_*.trm")
    }
    assert segments
    for segment in segments:
        for ext in EXTS:
            assert (index_dir / f"{segment}{ext}").exists(), (segment, ext)
    found = {c.path for p in lib.passages(lib.article("a.txt").id) for c in p.also_in}
    assert found == {f"n{n}.txt" for n in range(12)}


def test_a_cancelled_lookup_leaves_the_index_sound(quotes_lib) -> None:  # noqa: ANN001
    """The app cancels a passage lookup whenever another article opens (an exclusive
    worker): that is no failure of the index, which must not be marked for a rebuild."""
    lib, corpus = quotes_lib
    path = next(p for p, spans in corpus.quotes.items() if spans)
    asked = []

    def cancelled() -> bool:
        asked.append(1)
        return True

    with pytest.raises(InterruptedError):
        lib.passages(lib.article(path).id, cancelled=cancelled)
    assert asked
    assert lib.index_ready and "damaged" not in lib.index.read_meta()
    assert lib.passages(lib.article(path).id)  # the same index answers
    assert not Library.open(lib.corpus).update_index().rebuilt


def _mapped_kb(suffixes: tuple[str, ...], folder: Path) -> int:
    """How much of this process's memory maps files with these suffixes in ``folder``, in
    kB (not those of other tests' indexes whose sidecars are not collected yet)."""
    total, current = 0, ""
    inside = str(folder.resolve()) + "/"
    with open("/proc/self/smaps") as smaps:  # noqa: PTH123
        for line in smaps:
            parts = line.split()
            if len(parts) >= 5 and "-" in parts[0] and ":" in parts[3]:
                current = parts[5] if len(parts) > 5 else ""
            elif (
                parts
                and parts[0] == "Rss:"
                and current.startswith(inside)
                and current.endswith(suffixes)
            ):
                total += int(parts[1])
    return total


@pytest.mark.skipif(not Path("/proc/self/smaps").exists(), reason="needs Linux's /proc")
def test_a_lookup_leaves_no_sidecar_pages_in_the_process(quotes_lib) -> None:  # noqa: ANN001
    """A lookup's binary searches reach most pages of the fingerprint files, which then
    counted as the app's memory (the whole files, 75 MB at 50,000 articles): they are
    unmapped after each lookup, and the next finds the same passages."""
    lib, corpus = quotes_lib
    ids = [lib.article(p).id for p, spans in corpus.quotes.items() if spans][:3]
    sidecar = lib.index.sidecars()[0].side
    assert sidecar.hash.sum() >= 0  # every page of the hashes read, as many lookups do
    assert _mapped_kb(EXTS, lib.paths.index) > 0
    sidecar.let_go_pages()
    assert _mapped_kb(EXTS, lib.paths.index) == 0
    sidecar.hash.sum()  # read again: mapped again
    found = [lib.passages(i) for i in ids]
    assert any(found)
    assert _mapped_kb(EXTS, lib.paths.index) == 0
    assert lib.together(lib.entity_facets()[0].id) is not None
    assert _mapped_kb(EXTS, lib.paths.index) == 0
    assert [lib.passages(i) for i in ids] == found
    assert lib.reused_passages(3)
    assert _mapped_kb(EXTS, lib.paths.index) == 0


def test_most_reused_passages(quotes_lib) -> None:  # noqa: ANN001
    lib, corpus = quotes_lib
    top = lib.reused_passages(5)
    assert top and len(top) <= 5
    assert [r.articles for r in top] == sorted((r.articles for r in top), reverse=True)
    holders: dict[int, set[str]] = {}
    for path, spans in corpus.quotes.items():
        for q, _, _ in spans:
            holders.setdefault(q, set()).add(path)
    ids = {a.id: a.path for a in lib.articles()}
    most = max(len(v) for v in holders.values())
    assert top[0].articles >= most - 1  # one edited copy may fall below the bar
    assert {ids[i] for i in top[0].ids} in [v for v in holders.values() if len(v) >= most - 1] or (
        len({ids[i] for i in top[0].ids}) >= most - 1
    )


def test_cli_passages_json(quotes_lib, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: ANN001
    lib, corpus = quotes_lib
    path = next(p for p, spans in corpus.quotes.items() if spans)
    assert main(["passages", path, "--corpus", str(lib.corpus), "--json"]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert lines
    for obj in lines:
        assert set(obj) == {"start", "end", "text", "excerpt", "also_in"}
        assert obj["also_in"]
        for other in obj["also_in"]:
            assert set(other) == {"id", "title", "date", "start", "end", "text", "excerpt"}
    assert main(["passages", "--corpus", str(lib.corpus), "--top", "3", "--json"]) == 0
    top = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert 1 <= len(top) <= 3
    assert all(set(t) == {"text", "excerpt", "articles", "ids"} and t["articles"] >= 2 for t in top)


def test_cli_passages_print_a_line_each_however_long(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Printed to a pipe, `passages --top` broke the passage and its ids at 80 columns,
    the rest of the ids at the start of a line (as if another passage's): a line each,
    as `search` prints them."""
    folder = tmp_path / "news"
    for n in range(9):
        write_article(folder, f"n{n}.txt", f"Report {n}", f"Story {n} began. {QUOTE}.")
    assert main(["passages", "--corpus", str(folder), "--top", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2, lines
    assert lines[0].lstrip().startswith("9 articles") and QUOTE in lines[0].lower(), lines
    assert len(lines[1].split()) == 9 and lines[1].startswith("      "), lines
    ids = lines[1].split()
    assert main(["passages", ids[0], "--corpus", str(folder)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1 + 2 * 8, lines  # the passage, then each other article and its text
    assert QUOTE in lines[0].lower() and all(QUOTE in x.lower() for x in lines[2::2]), lines


def test_cli_passages_needs_an_article_or_top(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    folder = tmp_path / "news"
    write_article(folder, "a.txt", "One", "Text.")
    assert main(["passages", "--corpus", str(folder)]) == 2
    assert "ARTICLE" in capsys.readouterr().err
    assert main(["passages", "nope", "--corpus", str(folder), "--json"]) == 2


def test_sidecar_files_hold_sorted_fingerprints(quotes_lib) -> None:  # noqa: ANN001
    lib, _ = quotes_lib
    loaded = lib.index.sidecars()
    assert loaded
    for item in loaded:
        assert np.all(np.diff(item.side.hash.astype(np.int64)) >= 0)
        assert len(item.side.hash) == len(item.side.doc) == len(item.side.pos)


def test_shown_passages_end_at_their_sentence_or_say_where_they_are_cut() -> None:
    """A shared passage ended where the shared words did: 'He told BBC Radio 4's Today
    programme: "We' (13 BBC articles), mid-quote, and every whole sentence without its
    stop. Now an end takes the stop and quotes up to its sentence's end, a quote that
    opens and closes in it is whole, and a cut inside a sentence is marked "…"."""
    from tui.library.passages import sentence_ends
    from tui.text import sentence_spans

    cases = [
        ('He told the Today programme: "We must go on." Then.', 'He told the Today programme: "We',
         'He told the Today programme: "We…'),
        ('"We will not accept this," the mayor said. Next.', "We will not accept this",
         '"We will not accept this,"'),
        ("Yukos blamed its founder. Next.", "Yukos blamed its founder",
         "Yukos blamed its founder."),
        ('She said: "We will not accept this". Nobody else.', "We will not accept this",
         '…"We will not accept this".'),
        ("It fell in the run up to the election, he said.", "in the run up to the election",
         "…in the run up to the election…"),
        ("Prices rose: the yen, the euro and the pound all fell.", "Prices rose: the yen",
         "Prices rose: the yen…"),
    ]  # fmt: skip
    for body, part, shown in cases:
        start = body.index(part)
        s, e, cut = sentence_ends(body, sentence_spans(body), start, start + len(part))
        excerpt = ("…" if cut[0] else "") + body[s:e] + ("…" if cut[1] else "")
        assert excerpt == shown, (body, excerpt)


def test_passages_top_shows_each_passage_once_with_its_cut_marked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "news"
    for n in range(6):
        write_article(
            folder,
            f"n{n}.txt",
            f"Report {n}",
            f"Story {n} began. He told the morning programme on the radio station: "
            f'"We {["can", "will", "must", "shall", "may", "might"][n]} stay {n} more days '
            f'{n}." The mayor of the city said so too in her statement {n}.',
        )
    assert main(["passages", "--corpus", str(folder), "--top", "5"]) == 0
    lines = [x for x in capsys.readouterr().out.splitlines() if not x.startswith("      ")]
    texts = [x.split("articles", 1)[1].strip() for x in lines]
    assert len(texts) == len(set(texts)), texts
    quote = next(t for t in texts if t.startswith("He told the morning programme"))
    assert quote.endswith("more days…"), texts  # cut mid-quote, and marked
    assert "The mayor of the city said so too in her statement…" in texts


@pytest.mark.parametrize("spread", [1 << 32, 40, 1])
def test_the_fingerprints_order_is_a_stable_sort_of_their_hashes(spread: int) -> None:
    # (a segment's passage file is in this order: hash, then the order they came in)
    rng = np.random.default_rng(spread)
    for n in (0, 1, 2, 3, 1000, 70_000):
        hashes = rng.integers(0, spread, size=n, dtype=np.uint64).astype(np.uint32)
        assert stable_order(hashes).tolist() == np.argsort(hashes, kind="stable").tolist()
    top = np.array([2**32 - 1, 0, 2**32 - 1, 7, 0], dtype=np.uint32)
    assert stable_order(top).tolist() == [1, 4, 3, 0, 2]


def _renumbering_corpus(folder: Path) -> None:
    """Four articles, two sharing :data:`QUOTE`, after one (``1.txt``) that another
    process's rebuild finds replaced by a last one: every article gets another number."""
    write_article(folder, "1.txt", "First", "Nothing in common with anything else here at all.")
    write_article(folder, "a.txt", "One", f"He said {QUOTE} and left.")
    write_article(folder, "b.txt", "Two", "The council met on Tuesday to talk about the roads.")
    write_article(folder, "c.txt", "Three", f"She repeated: {QUOTE}.")


def _rebuilt_by_another_before(
    monkeypatch: pytest.MonkeyPatch, lib: Library, read: str, calls: int = 1
) -> list[object]:
    """Another process (a library of its own: its own index, its own searcher) rebuilds
    the index with ``z.txt`` in place of ``1.txt`` just before ``lib``'s ``calls``-th read
    ``read``; what it reported, once it has. (As many documents: every number read
    before is one of the new index, of another article; no read fails, as one past
    the last document would.)"""
    other = Library.open(lib.corpus)
    real = getattr(lib.index, read)
    seen: list[object] = []
    rebuilt: list[object] = []

    def then_rebuilt(*args: object) -> object:
        seen.append(args)
        if len(seen) == calls and not rebuilt:
            (lib.corpus / "1.txt").unlink()
            write_article(lib.corpus, "z.txt", "New", "A story of the harbour and its ferries.")
            rebuilt.append(other.update_index(workers=1, fresh=True))
        return real(*args)

    monkeypatch.setattr(lib.index, read, then_rebuilt)
    return rebuilt


@pytest.mark.parametrize("read", ["number_of", "stored_by_number"])
def test_a_lookup_reads_one_searcher_when_another_process_renumbers_the_documents(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, read: str
) -> None:
    """A passage lookup reads the sidecars, the asking article's number and the stored
    documents one after the other; another process's rebuild between two of them numbers
    every article otherwise. The passages found are still those the index holds: the
    numbers one searcher gave are never read on another's."""
    folder = tmp_path / "news"
    _renumbering_corpus(folder)
    lib = _lib(folder)
    a = lib.article("a.txt")
    before = [(p.text, [(c.path, c.text) for c in p.also_in]) for p in lib.passages(a.id)]
    assert before and [path for _, copies in before for path, _ in copies] == ["c.txt"]
    rebuilt = _rebuilt_by_another_before(monkeypatch, lib, read)
    after = [(p.text, [(c.path, c.text) for c in p.also_in]) for p in lib.passages(a.id)]
    assert rebuilt  # (the other process did rebuild it in between)
    assert after == before


@pytest.mark.parametrize("calls", [1, 2])
def test_the_most_reused_passages_read_one_searcher_when_another_process_renumbers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, calls: int
) -> None:
    """The same for the passages most shared: their pairs' documents are numbered by the
    searcher of the sidecars read first, then read one by one (``calls``: the other
    process rebuilds before the first such read, or the second)."""
    folder = tmp_path / "news"
    _renumbering_corpus(folder)
    write_article(folder, "d.txt", "Four", f"Once more: {QUOTE}, they said.")
    lib = _lib(folder)

    def top() -> list[tuple[str, list[str]]]:
        ids = {x.id: x.path for x in lib.articles()}
        return [(r.text, sorted(ids[i] for i in r.ids)) for r in lib.reused_passages(3)]

    before = top()
    assert before and before[0][1] == ["a.txt", "c.txt", "d.txt"]
    rebuilt = _rebuilt_by_another_before(monkeypatch, lib, "stored_by_number", calls)
    after = top()
    assert rebuilt
    assert after == before


def test_fingerprints_joined_as_added_write_the_file_an_array_a_document_writes(
    tmp_path: Path,
) -> None:
    # (a segment's fingerprints are joined into one array every JOIN_DOCS documents,
    # not kept an array a document: the file must be the one those arrays made)
    from tui.index import sidecar

    rng = random.Random(7)
    per_doc = []
    for docnum in range(0, 2 * sidecar.JOIN_DOCS + 37):
        n = rng.randrange(0, 40)
        hashes = np.array([rng.randrange(1 << 32) for _ in range(n)], dtype=np.uint32)
        pos = np.array([rng.randrange(1 << 16) for _ in range(n)], dtype=np.uint16)
        per_doc.append((docnum * 3, hashes, pos))

    def create(folder: Path):  # noqa: ANN202
        folder.mkdir()
        return lambda ext: (folder / f"seg{ext}").open("wb")

    sidecar.write_passages(
        create(tmp_path / "each"),
        [h for _, h, _ in per_doc],
        [d for d, _, _ in per_doc],
        [p for _, _, p in per_doc],
    )
    joined = sidecar.Fingerprints()
    for docnum, hashes, pos in per_doc:
        joined.add(docnum, (hashes, pos))
    assert len(joined.hashes) == 2  # (two full runs joined, the rest still apart)
    joined.write(create(tmp_path / "joined"))
    ext = sidecar.PASSAGES_EXT
    written = (tmp_path / "joined" / f"seg{ext}").read_bytes()
    assert written == (tmp_path / "each" / f"seg{ext}").read_bytes()
