"""The line above the Screen page's table: which run, which file and sheet, how complete,
when, by whom, and whether it was screened with stale lists."""

from __future__ import annotations

from html import escape as html_escape

from screener.core.record import run_context, runs
from screener.core.record.database.store import Store
from screener.core.words import counted
from screener.ui import times


def run_header(store: Store, run_id: int) -> tuple[str, str]:
    """(rich text, tooltip) of run `run_id`."""
    run = runs.get_run(store, run_id)
    context = run_context.get_context(store, run.id)
    done = run_context.completeness(run, context)
    if done.partial:
        extent = (
            f"<b style='color:#B71C1C'>{html_escape(run.status)}: "
            f"{html_escape(done.describe())}</b>"
        )
    else:
        extent = f"{run.status} · {counted(run.line_count, 'line')}"
    stale, tip = "", ""
    if context is not None and context.stale:
        n = len(context.stale)
        stale = f" · <b style='color:#8A5300'>{counted(n, 'stale list')}</b>"
        tip = "Screened with lists older than the policy allows:\n" + "\n".join(
            s.describe() for s in context.stale
        )
    sheet = f", sheet “{html_escape(run.sheet)}”" if run.sheet else ""
    text = (
        f"Run <b>{run.id}</b> · {html_escape(run.file_name)}{sheet} · {extent} · "
        f"{times.local(run.started_at)} · {html_escape(run.operator)}{stale}"
    )
    return text, tip
