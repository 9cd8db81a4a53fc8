"""Progress of a build on stderr: a bar on a terminal, a plain line now and then elsewhere.

On a terminal, tqdm draws a bar of the articles done (written, unchanged or skipped), with
articles/s and elapsed time, and, where the inputs are countable (`total`: files, folders, JSON
Lines; kg.readers.sources.count_articles), the total, percentage and time left. Off a terminal
(CI logs, cron), a line every `every` seconds says how far the build has got, out of the total
where it is known.
"""

from __future__ import annotations

import sys
import time
from typing import Any, TextIO


class Progress:
    """Call with the build summary after each article; `write` prints a message between updates."""

    def __init__(self, stream: TextIO | None = None, *, every: float = 10.0,
                 interactive: bool | None = None, total: int | None = None) -> None:
        self.stream = stream or sys.stderr
        self.total = total
        self.every = every
        self.interactive = self.stream.isatty() if interactive is None else interactive
        self._bar: Any = None
        self._last = time.monotonic()
        self._started = self._last

    def __call__(self, summary: Any) -> None:
        if self.interactive:
            if self._bar is None:
                from tqdm import tqdm

                self._bar = tqdm(file=self.stream, unit=" articles", dynamic_ncols=True,
                                 desc="kg build", total=self.total)
            self._bar.update(_done(summary) - self._bar.n)
            self._bar.set_postfix(skipped=summary.skipped, unchanged=summary.unchanged, refresh=False)
            return
        now = time.monotonic()
        if now - self._last >= self.every:
            self._last = now
            rate = summary.written / (now - self._started)
            of = f" of {self.total}" if self.total else ""
            self.write(f"kg: {summary.read}{of} read, {summary.written} written, {summary.skipped} "
                       f"skipped, {rate:.1f} articles/s")

    def write(self, message: str) -> None:
        if self._bar is not None:
            self._bar.write(message, file=self.stream)
        else:
            print(message, file=self.stream, flush=True)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None


def _done(summary: Any) -> int:
    """Articles done: written, found unchanged, or skipped."""
    return summary.written + summary.unchanged + summary.skipped
