"""The selected line in full: parties with their hits, goods and route findings, decisions."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from PySide6.QtWidgets import QTextBrowser, QWidget

from screener.core.record.review.decisions import Decision
from screener.core.record.runs import StoredHit, StoredLine
from screener.core.screening.why import Why, explain, route_text
from screener.ui import times
from screener.ui.verdicts import verdict_style

_WORD = re.compile(r"\w+", re.UNICODE)

CSS = """
body { font-size: 10pt; }
h2 { margin: 0 0 4px 0; font-size: 13pt; }
h3 { margin: 14px 0 4px 0; font-size: 10.5pt; color: #39506B; }
.muted { color: #6B7280; }
.badge { padding: 1px 6px; font-weight: 600; }
.hit { margin: 2px 0 6px 14px; }
.tok { background-color: #FFE58F; color: #1A1A1A; font-weight: 600; }
.suppressed { color: #6B7280; text-decoration: line-through; }
td { padding: 1px 8px 1px 0; vertical-align: top; }
"""


def _e(value: object) -> str:
    return html.escape(str(value))


def highlight(text: str, tokens: set[str]) -> str:
    """HTML of `text` with the words in `tokens` (casefolded) marked."""
    out = []
    pos = 0
    for match in _WORD.finditer(text):
        out.append(_e(text[pos : match.start()]))
        word = match.group(0)
        marked = word.casefold() in tokens
        out.append(f'<span class="tok">{_e(word)}</span>' if marked else _e(word))
        pos = match.end()
    out.append(_e(text[pos:]))
    return "".join(out)


def shared_tokens(a: str, b: str) -> set[str]:
    """Words two names have in common: what the officer should look at first."""
    return {w.casefold() for w in _WORD.findall(a)} & {w.casefold() for w in _WORD.findall(b)}


def _hit_html(hit: StoredHit) -> str:
    tokens = shared_tokens(hit.party_name, hit.matched_name)
    source = hit.source + (f" / {hit.sub_source}" if hit.sub_source else "")
    programs = ", ".join(hit.programs) or "—"
    cls = "hit suppressed" if hit.suppressed_by else "hit"
    suppressed = (
        f' <span class="muted">(accepted false positive #{hit.suppressed_by})</span>'
        if hit.suppressed_by
        else ""
    )
    entry = _e(hit.entry_name)
    if hit.matched_name and hit.matched_name != hit.entry_name:
        entry += f' <span class="muted">as</span> {highlight(hit.matched_name, tokens)}'
    else:
        entry = highlight(hit.entry_name, tokens)
    return (
        f'<div class="{cls}"><b>{hit.score:.0%}</b> &nbsp;{entry}{suppressed}<br>'
        f'<span class="muted">{_e(source)} · entry {_e(hit.entry_id)} · programs {_e(programs)}'
        f"</span><br>{highlight(hit.explanation, tokens)}</div>"
    )


def _reasons_html(why: Why) -> list[str]:
    """The reasons once each, grouped by party, goods and route (deduplicated in core)."""
    if not why.groups:
        return []
    parts = ["<h3>Why</h3>"]
    if why.party:
        role = f" ({_e(why.role.replace('_', ' '))})" if why.role else ""
        hit = f" · best hit {_e(why.best_hit)}" if why.best_hit else ""
        parts.append(f"<div>Deciding party: <b>{_e(why.party)}</b>{role}{hit}</div>")
    for group, reasons in why.groups:
        parts.append(f"<div class='muted'>{_e(group)}</div><ul>")
        parts.extend(f"<li>{_e(r)}</li>" for r in reasons)
        parts.append("</ul>")
    return parts


def line_html(
    line: StoredLine,
    hits: Sequence[StoredHit],
    history: Sequence[Decision],
    why: Why | None = None,
) -> str:
    style = verdict_style(line.verdict)
    why = why or explain(line, hits)
    order = " / ".join(p for p in (line.order_no, line.line_no) if p)
    parts = [
        f"<style>{CSS}</style>",
        f"<h2>Row {line.row}{' · ' + _e(order) if order else ''} &nbsp;"
        f'<span class="badge" style="background-color:{style.tint}; color:{style.color}">'
        f"{_e(style.label)}</span></h2>",
    ]
    parts.extend(_reasons_html(why))

    parts.append("<h3>Parties</h3>")
    shown: set[int] = set()
    for party in line.parties:
        name = str(party.get("name", ""))
        role = str(party.get("role", ""))
        country = str(party.get("country", "") or "")
        mine = [h for h in hits if h.party_name == name and (not role or h.role == role)]
        shown.update(h.id for h in mine)
        tokens: set[str] = set()
        for h in mine:
            tokens |= shared_tokens(name, h.matched_name)
        parts.append(
            f"<div><span class='muted'>{_e(role)}</span> &nbsp;<b>{highlight(name, tokens)}</b>"
            f"{' &nbsp;<span class=muted>' + _e(country) + '</span>' if country else ''}"
            f"{'' if mine else ' &nbsp;<span class=muted>no list hits</span>'}</div>"
        )
        parts.extend(_hit_html(h) for h in mine)
    others = [h for h in hits if h.id not in shown]
    if others:
        parts.append("<div class='muted'>Other hits</div>")
        parts.extend(_hit_html(h) for h in others)
    if not line.parties and not hits:
        parts.append("<div class='muted'>No parties on this line.</div>")

    parts.append("<h3>Goods and route</h3><table>")
    parts.append(f"<tr><td class=muted>Goods</td><td>{_e(line.description) or '—'}</td></tr>")
    parts.append(f"<tr><td class=muted>HS code</td><td>{_e(line.hs_code) or '—'}</td></tr>")
    parts.append(
        "<tr><td class=muted>Destination</td>"
        f"<td>{_e(route_text(line.destination, line.transit)) or '—'}</td></tr>"
    )
    parts.append("</table>")
    # The findings' reasons are under "Why"; here only where each rule comes from, once.
    sources = sorted({str(f.get("source", "")) for f in line.findings} - {""})
    if sources:
        parts.append(f"<div class='muted'>Rule sources: {_e('; '.join(sources))}</div>")
    if line.problems:
        parts.append("<h3>Problems in the order file</h3><ul>")
        parts.extend(f"<li>{_e(p)}</li>" for p in line.problems)
        parts.append("</ul>")

    parts.append("<h3>Decisions</h3>")
    if not history:
        parts.append("<div class='muted'>No decision yet.</div>")
    hit_names = {h.id: h.entry_name for h in hits}
    for d in reversed(history):
        target = f" on hit “{_e(hit_names.get(d.hit_id, d.hit_id))}”" if d.hit_id else ""
        superseded = any(other.supersedes == d.id for other in history)
        cls = "hit suppressed" if superseded else "hit"
        if d.needs_approval:  # four-eyes: pending, approved or rejected
            target += f" <span class=muted>[{_e(d.status)}]</span>"
        parts.append(
            f"<div class='{cls}'><b>{_e(d.action.label)}</b>{target}"
            f" <span class=muted>— {_e(d.operator)}, "
            f"{times.local(d.decided_at)}</span><br>{_e(d.justification)}</div>"
        )
    if line.cells:
        parts.append("<h3>Order file cells</h3><table>")
        parts.extend(
            f"<tr><td class=muted>{_e(h)}</td><td>{_e(v)}</td></tr>" for h, v in line.cells
        )
        parts.append("</table>")
    return "".join(parts)


PLACEHOLDER = (
    f"<style>{CSS}</style><p class='muted'>Select a line to see its parties and list hits, "
    "goods and route findings, and decision history.</p>"
)


class DetailPanel(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setObjectName("detailPanel")
        self.clear_line()

    def show_line(
        self,
        line: StoredLine,
        hits: Sequence[StoredHit],
        history: Sequence[Decision],
        why: Why | None = None,
    ) -> None:
        self.shown_line_id: int | None = line.id
        self.setHtml(line_html(line, hits, history, why))

    def clear_line(self) -> None:
        self.shown_line_id = None
        self.setHtml(PLACEHOLDER)
