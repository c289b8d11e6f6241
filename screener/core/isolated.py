"""Screening in a child process, for a caller that must stay responsive (the desktop app).

    gen = screen_file_in_process(home, Path("orders.xlsx"), cancelled=control.cancelled)

Screening is pure-Python work. In a thread of the GUI process it holds the interpreter lock,
and every Python call the window makes while painting (each cell of the results table) waits
for it: the window stalls ~100 ms at every batch. A child process has an interpreter (and a
processor core) of its own. The contract is `screening.screen_file`'s: a generator of
`ScreenProgress` returning a `ScreenSummary`; the lines are in the store when progress arrives.
A child that dies leaves its run `incomplete` with every stored batch, as a killed process does.
"""

from __future__ import annotations

import multiprocessing
import traceback
from collections.abc import Callable, Generator, Mapping
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from screener.core import screening
from screener.core.errors import ScreenerError
from screener.core.screening import ScreenProgress, ScreenSummary
from screener.core.store import Store

__all__ = ["screen_file_in_process"]

POLL_S = 0.05  # how often `cancelled()` is asked while waiting for the child
STOP_GRACE_S = 10.0  # a cancelled child stops at its next line; then it is terminated


def screen_file_in_process(
    home: Path,
    path: Path,
    *,
    sheet: str | None = None,
    mapping: Mapping[str, str] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Generator[ScreenProgress, None, ScreenSummary]:
    """`screening.screen_file` on the store in `home`, run by a child process."""
    context = multiprocessing.get_context("spawn")  # no fork: the parent may run Qt threads
    stop = context.Event()
    receive, send = context.Pipe(duplex=False)
    child = context.Process(
        target=_screen_in_child,
        args=(send, stop, str(home), str(path), sheet, dict(mapping) if mapping else None),
        name="screener-screening",
        daemon=True,
    )
    child.start()
    send.close()  # the child holds the only writing end: EOF when it is gone
    try:
        while True:
            if cancelled is not None and cancelled():
                stop.set()
            if not receive.poll(POLL_S):
                continue
            try:
                kind, value = receive.recv()
            except EOFError:
                child.join(STOP_GRACE_S)
                raise ScreenerError(
                    f"{path}: screening stopped unexpectedly (exit code {child.exitcode}); "
                    "the lines screened so far are stored and the run is marked incomplete"
                ) from None
            if kind == "progress":
                yield value
            elif kind == "done":
                summary: ScreenSummary = value
                return summary
            elif kind == "error":
                raise ScreenerError(value)
            else:
                raise RuntimeError(f"screening failed in its process:\n{value}")
    finally:
        _end(child, stop)
        receive.close()


def _end(child: Any, stop: Any) -> None:
    if child.is_alive():
        stop.set()
        child.join(STOP_GRACE_S)
    if child.is_alive():
        child.terminate()
        child.join()


def _screen_in_child(
    send: Connection,
    stop: Any,
    home: str,
    path: str,
    sheet: str | None,
    mapping: dict[str, str] | None,
) -> None:
    try:
        store = Store.open(Path(home))
        try:
            gen = screening.screen_file(
                store, Path(path), sheet=sheet, mapping=mapping, cancelled=stop.is_set
            )
            while True:
                try:
                    progress = next(gen)
                except StopIteration as done:
                    send.send(("done", done.value))
                    return
                send.send(("progress", progress))
        finally:
            store.close()
    except ScreenerError as exc:
        send.send(("error", str(exc)))
    except BaseException:  # reported to the parent, which raises it
        send.send(("crash", traceback.format_exc()))
    finally:
        send.close()
