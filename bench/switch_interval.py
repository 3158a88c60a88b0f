"""A toy of the app's UI loop beside workers that run Python: how late it wakes.

    python bench/switch_interval.py [--workers 2] [--seconds 3] [INTERVAL_MS ...]

An asyncio loop sleeps 2 ms at a time (the app bench's beat) and, every 20 beats, runs
3 ms of Python (a frame), while ``--workers`` threads run Python without a pause; for
each switch interval (default 5, 2, 1 and 0.5 ms: CPython's default is 5) it prints how
late the beat woke (median, p99, max) and the frames' wall time. What tui/app/gil.py's
interval was chosen by; the machine's load changes the figures: run the intervals in
one go and compare them with each other.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import threading
import time


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


async def _loop(seconds: float) -> tuple[list[float], list[float]]:
    late: list[float] = []
    frames: list[float] = []
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        t0 = time.perf_counter()
        await asyncio.sleep(0.002)
        late.append(time.perf_counter() - t0 - 0.002)
        if len(late) % 20 == 0:
            f0, c0 = time.perf_counter(), time.thread_time()
            while time.thread_time() - c0 < 0.003:
                pass
            frames.append(time.perf_counter() - f0)
    return late, frames


def run(interval: float, workers: int, seconds: float) -> str:
    stop = threading.Event()

    def burn() -> None:
        x = 0
        while not stop.is_set():
            for i in range(1000):
                x += i * i

    before = sys.getswitchinterval()
    sys.setswitchinterval(interval)
    threads = [threading.Thread(target=burn, daemon=True) for _ in range(workers)]
    for thread in threads:
        thread.start()
    try:
        late, frames = asyncio.run(_loop(seconds))
    finally:
        stop.set()
        for thread in threads:
            thread.join()
        sys.setswitchinterval(before)
    return (
        f"interval {interval * 1000:4.1f} ms: beat late p50 {_pct(late, 0.5):6.1f} "
        f"p99 {_pct(late, 0.99):6.1f} max {max(late) * 1000:6.1f} ms; "
        f"3 ms frames p50 {_pct(frames, 0.5):6.1f} max {max(frames) * 1000:6.1f} ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("intervals", nargs="*", type=float, default=[5, 2, 1, 0.5])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    for ms in args.intervals:
        print(run(ms / 1000, args.workers, args.seconds), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
