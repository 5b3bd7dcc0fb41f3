"""Process pools for the CPU-bound steps (parsing a backfill, drawing reports): one worker per core."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence


def usable_cores() -> int:
    """The cores this process may run on (a container's limit, not the machine's count)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def pool_context(preload: Sequence[str]) -> multiprocessing.context.BaseContext:
    """Worker processes forked from a fresh server process that has imported `preload` once
    (and the main module, which workers would otherwise each import again).

    Not forked from this process: it may run threads (Dagster, DuckDB, a progress bar), and a
    fork copies their locks in whatever state they are. Spawn where fork servers do not exist.
    """
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["__main__", *preload])
    return context
