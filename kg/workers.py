"""Map a function over a stream in worker processes: results in input order, memory bounded.

Workers are forked from the calling process, so whatever it loaded before the call (the spaCy
pipeline, the shapes) is shared copy-on-write instead of loaded once per worker. At most
`window` items are in flight at once: a corpus of any size streams through in bounded memory.
"""

from __future__ import annotations

import multiprocessing
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_FUNCTION: Callable[[Any], Any] | None = None  # set before forking; the workers inherit it


def _call(item: Any) -> Any:
    return _FUNCTION(item)  # type: ignore[misc]  # set by ordered_map before the pool forks


def _ignore_interrupts() -> None:
    """Workers leave Ctrl-C to the parent, which stops taking results and ends them."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def ordered_map(function: Callable[[T], R], items: Iterable[T], *, workers: int,
                window: int | None = None) -> Iterator[R]:
    """Yield `function(item)` for every item, in order, computed by `workers` processes.

    With one worker (or none) everything runs in this process. Stopping the iteration early
    (an exception, Ctrl-C, `close()`) terminates the workers.

    >>> list(ordered_map(abs, [-3, 1, -2], workers=2))
    [3, 1, 2]
    """
    if workers <= 1:
        yield from map(function, items)
        return
    global _FUNCTION
    _FUNCTION = function
    slots = threading.BoundedSemaphore(window or workers * 4)
    stop = threading.Event()

    def feed() -> Iterator[T]:
        for item in items:  # runs in the pool's feeder thread
            while not slots.acquire(timeout=0.2):
                if stop.is_set():
                    return  # stopped early: let the feeder thread end, or terminate() waits on it
            if stop.is_set():
                return
            yield item

    pool = multiprocessing.get_context("fork").Pool(workers, initializer=_ignore_interrupts)
    try:
        for result in pool.imap(_call, feed(), chunksize=1):
            slots.release()
            yield result
        pool.close()
        pool.join()
    finally:
        stop.set()
        pool.terminate()
