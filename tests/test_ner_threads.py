"""The recogniser used from several threads at once (the app extracts an opened
article's entities while the index is built in another thread) gives what it gives
one text at a time: the taggers' shared per-word state is not torn."""

from __future__ import annotations

import random
import threading

from tui.entities import Recognizer
from tui.gazetteer import Gazetteer

SYLLABLES = ["ka", "lo", "mir", "ten", "vas", "qui", "dor", "bel", "run", "sho", "ze", "pra"]


def _texts(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)

    def name() -> str:
        return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).title()

    texts = []
    for _ in range(count):
        lines = []
        for _ in range(12):
            lines.append(
                f"{name()} {name()} met {name()} in {name()} on Monday, the {name()} "
                f"agency said, as talks with {name()} Corp resumed in {name()}."
            )
        texts.append("\n\n".join(lines))
    return texts


def test_threads_find_what_one_thread_finds() -> None:
    texts = _texts(60)
    alone = [Recognizer(Gazetteer(), dates=False).extract(t) for t in texts]
    shared = Recognizer(Gazetteer(), dates=False)
    got: dict[int, object] = {}
    errors: list[BaseException] = []

    def run(part: int) -> None:
        try:
            for n in range(part, len(texts), 4):
                got[n] = shared.extract(texts[n])
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, repr(errors[0])
    assert [got[n] for n in range(len(texts))] == alone
