"""Worker processes that render a long list's papers beside the main process (Linux only).

They are forked before the lists are read, while this process is small: forked later,
the two processes would copy, page by page, the hundreds of MB of papers that both touch
(10k papers: 0.1-0.2 s of CPU). Each job's papers are pickled to a worker instead, and
what the main process hands down at the fork (the theme) is inherited, not pickled.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

# Bytes of list text from which a build starts workers: about 2,000 papers with abstracts.
# Below it, a worker costs more CPU (pickling papers and cards) than it saves time.
PARALLEL_BYTES = 3_000_000
_inherited: Any = None  # in a worker: what the main process handed down at the fork


@dataclass(frozen=True)
class Workers:
    """Forked worker processes, and how many processes share a job (this one too)."""

    pool: ProcessPoolExecutor
    processes: int


def worker_count(list_bytes: int) -> int:
    """Give how many processes to render with: one per core (at most 8) for long lists."""
    if list_bytes < PARALLEL_BYTES or sys.platform != "linux":
        return 1
    return min(len(os.sched_getaffinity(0)), 8)


def inherited() -> Any:
    """Give, in a worker, what the main process handed down when it started the workers."""
    return _inherited


def _inherit(handed_down: Any) -> None:
    global _inherited
    _inherited = handed_down


@contextmanager
def started(processes: int, handed_down: Any) -> Iterator[Workers | None]:
    """Fork processes - 1 workers now (None when that is none), each inheriting handed_down;
    end them when done."""
    if processes < 2:
        yield None
        return
    pool = ProcessPoolExecutor(
        processes - 1,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_inherit,
        initargs=(handed_down,),
    )
    try:
        pool.submit(os.getpid)  # forks the workers now, while this process is small
        yield Workers(pool, processes)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
