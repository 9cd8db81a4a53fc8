"""Progress of a build on stderr: a bar on a terminal, a plain line now and then elsewhere.

On a terminal, tqdm draws a bar with articles written, articles/s and elapsed time (the stream's
length is not known in advance, so there is no time-left estimate until it is). Off a terminal
(CI logs, cron), a line every `every` seconds says how far the build has got.
"""

from __future__ import annotations

import sys
import time
from typing import Any, TextIO


class Progress:
    """Call with the build summary after each article; `write` prints a message between updates."""

    def __init__(self, stream: TextIO | None = None, *, every: float = 10.0,
                 interactive: bool | None = None) -> None:
        self.stream = stream or sys.stderr
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
                                 desc="kg build")
            self._bar.update(summary.written - self._bar.n)
            self._bar.set_postfix(skipped=summary.skipped, unchanged=summary.unchanged, refresh=False)
            return
        now = time.monotonic()
        if now - self._last >= self.every:
            self._last = now
            rate = summary.written / (now - self._started)
            self.write(f"kg: {summary.read} read, {summary.written} written, {summary.skipped} "
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
