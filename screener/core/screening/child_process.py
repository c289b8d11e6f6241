"""Running core work in a child process, its progress and result passed back as it comes.

    summary = yield from run_isolated(work, *args, cancelled=control.cancelled)

`work(*args, cancelled=..., notify=...)` runs in a spawned child (no fork: the parent may run
Qt threads); its generator items are yielded here, its return value returned, a ScreenerError
raised here with its message. `cancelled()` is asked every `POLL_S` and passed on; a cancelled
child stops at its next step, else it is terminated after `STOP_GRACE_S`.
"""

from __future__ import annotations

import multiprocessing
import traceback
from collections.abc import Callable, Generator, Iterator
from multiprocessing.connection import Connection
from typing import Any

from screener.core.errors import ScreenerError
from screener.core.workers import watch_parent

POLL_S = 0.05  # how often `cancelled()` is asked while waiting for the child
STOP_GRACE_S = 10.0  # a cancelled child stops at its next step; then it is terminated

Notify = Callable[[Any], None]


def run_isolated(
    work: Callable[..., Any],
    *args: Any,
    cancelled: Callable[[], bool] | None = None,
    on_notice: Notify | None = None,
) -> Generator[Any, None, Any]:
    """Run `work(*args, cancelled=..., notify=...)` in a child process.

    `work` is a module-level function (the child imports it by name); a generator's items
    are yielded here and its return value returned, a plain function's value returned.
    """
    context = multiprocessing.get_context("spawn")  # no fork: the parent may run Qt threads
    stop = context.Event()
    receive, send = context.Pipe(duplex=False)
    child = context.Process(
        target=_child, args=(send, stop, work, args), name=f"screener-{work.__name__.strip('_')}"
    )
    # Not daemonic, so the child may start name-search workers of its own (parallel.py); it
    # still ends with this process: `_end` below, and `watch_parent` if this one is killed.
    child.daemon = False
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
                    f"the background process stopped unexpectedly (exit code {child.exitcode}); "
                    "what it had stored is kept (a screening run is marked incomplete)"
                ) from None
            if kind == "item":
                yield value
            elif kind == "notice":
                if on_notice is not None:
                    on_notice(value)
            elif kind == "done":
                return value
            elif kind == "error":
                raise ScreenerError(value)
            else:
                raise RuntimeError(f"background work failed in its process:\n{value}")
    finally:
        _end(child, stop)
        receive.close()


def result_of(gen: Generator[Any, None, Any]) -> Any:
    """The return value of `gen`, whose items (none, for a plain function) are dropped."""
    while True:
        try:
            next(gen)
        except StopIteration as done:
            return done.value


def _end(child: Any, stop: Any) -> None:
    if child.is_alive():
        stop.set()
        child.join(STOP_GRACE_S)
    if child.is_alive():
        child.terminate()
        child.join()


def _child(send: Connection, stop: Any, work: Callable[..., Any], args: tuple[Any, ...]) -> None:
    watch_parent()
    try:
        outcome = work(*args, cancelled=stop.is_set, notify=lambda v: send.send(("notice", v)))
        if isinstance(outcome, Iterator):
            while True:
                try:
                    item = next(outcome)
                except StopIteration as done:
                    send.send(("done", done.value))
                    return
                send.send(("item", item))
        send.send(("done", outcome))
    except ScreenerError as exc:
        send.send(("error", str(exc)))
    except BaseException:  # reported to the parent, which raises it
        send.send(("crash", traceback.format_exc()))
    finally:
        send.close()
