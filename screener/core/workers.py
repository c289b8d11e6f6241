"""Worker processes: how many to start, how, and ending them with the process that started them.

Shared by the screening run's name search (`screening.parallel`) and the index build
(`names.index_readings`). Workers are forked on Linux (they inherit what the parent holds) and
spawned elsewhere (macOS, Windows, the frozen app); a daemonic process cannot start any.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading

__all__ = ["cpu_count", "start_method", "watch_parent", "worker_count"]


def cpu_count() -> int:
    """Cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def worker_count(requested: int | None = None) -> int:
    """Worker processes to use (`requested`, else one per core): 1 means work in this process."""
    if multiprocessing.current_process().daemon:
        return 1
    return max(1, requested if requested is not None else cpu_count())


def start_method() -> str:
    return "fork" if sys.platform.startswith("linux") else "spawn"


def watch_parent() -> None:
    """End this process when the one that started it is gone (killed, crashed): nobody would
    read its results, and neither a non-daemonic child nor a pool worker is ended otherwise."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        parent.join()  # returns when the parent ends, however it ends
        os._exit(3)

    threading.Thread(target=watch, name="screener-parent-watch", daemon=True).start()
