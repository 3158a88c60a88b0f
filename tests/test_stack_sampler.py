"""bench/stack_sampler.py: every thread's stack while the UI thread is away (the bench's
``--stacks``; its first form, faulthandler's watchdog, read frames without the
interpreter's lock and crashed the bench)."""

from __future__ import annotations

import importlib.util
import io
import threading
import time
from pathlib import Path

SAMPLER = Path(__file__).resolve().parent.parent / "bench" / "stack_sampler.py"


def _module():  # noqa: ANN202
    spec = importlib.util.spec_from_file_location("stack_sampler", SAMPLER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _busy_in_the_ui_thread(seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass


def test_a_long_pause_writes_where_each_thread_is() -> None:
    sampler_module = _module()
    out = io.StringIO()
    woke: list[float | None] = [None]
    sampler = sampler_module.StackSampler(out, lambda: woke[0])
    release = threading.Event()
    worker = threading.Thread(target=release.wait, name="a-worker")
    worker.start()
    sampler.start()
    try:
        time.sleep(0.05)
        assert out.getvalue() == ""  # not counting: nothing written
        woke[0] = time.perf_counter()
        _busy_in_the_ui_thread(0.3)  # away 300 ms: written, and again while it lasts
        woke[0] = None
    finally:
        sampler.stop()
        release.set()
        worker.join()
    text = out.getvalue()
    assert sampler.written >= 2 and text.count("-- the UI thread away") == sampler.written
    assert "UI: test_stack_sampler.py" in text and "_busy_in_the_ui_thread" in text
    assert "a-worker: threading.py" in text  # (waiting on its event)
