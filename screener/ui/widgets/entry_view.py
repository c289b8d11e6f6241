"""The whole listed entry behind a hit or a search result (`core.evidence.listed_entry`).

Every name with its quality, addresses, dates and places of birth, countries, identifiers,
programs, listing date, remarks, the list version and the publisher's page. Where an order
party is known, what agrees with it is marked green and what conflicts red: exactly what an
officer rules a hit out with.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QTextBrowser, QWidget

from screener.core.evidence.listed_entry import Comparison, EntryEvidence, Outcome

CSS = """
body { font-size: 10pt; }
h3 { margin: 0 0 4px 0; font-size: 11pt; }
td { padding: 1px 10px 1px 0; vertical-align: top; }
.muted { color: #6B7280; }
.agrees { color: #1B5E20; font-weight: 600; }
.conflicts { color: #B71C1C; font-weight: 600; }
.weak { color: #6B7280; font-style: italic; }
.matched { background-color: #FFE58F; color: #1A1A1A; }
"""
MARK = {Outcome.AGREES: ("agrees", "✓ agrees"), Outcome.CONFLICTS: ("conflicts", "✗ conflicts")}
FIELD_ROWS = {"country": "Countries", "identifier": "Identifiers", "entity type": "Type"}


def _e(value: object) -> str:
    return html.escape(str(value))


def _mark(comparisons: Sequence[Comparison], row: str) -> str:
    out = []
    for c in comparisons:
        if FIELD_ROWS.get(c.field) != row or c.outcome not in MARK:
            continue
        cls, text = MARK[c.outcome]
        out.append(f"<br><span class='{cls}'>{text}</span> <span class=muted>{_e(c.detail)}</span>")
    return "".join(out)


def entry_html(ev: EntryEvidence) -> str:
    names = "<br>".join(
        (f"<span class='matched'>{_e(n.name)}</span>" if n.matched else _e(n.name))
        + f" <span class='{'weak' if n.quality == 'weak' else 'muted'}'>"
        f"({_e(n.kind)}{', weak a.k.a.' if n.quality == 'weak' else ''})</span>"
        for n in ev.names
    )
    addresses = "<br>".join(
        _e(a.text) + (f", {_e(a.country)}" if a.country else "") for a in ev.addresses
    )
    identifiers = "<br>".join(
        f"{_e(i.kind)}: <b>{_e(i.value)}</b>"
        + (f" ({_e(i.country)})" if i.country else "")
        + (f" <span class=muted>{_e(i.note)}</span>" if i.note else "")
        for i in ev.identifiers
    )
    list_name = ev.source + (f" / {ev.sub_source}" if ev.sub_source else "")
    if ev.publisher_url:
        what = "the entry on the publisher's site" if ev.publisher_url_is_entry else "the list"
        link = f"<a href='{_e(ev.publisher_url)}'>{what}</a>"
    else:
        link = "<span class=muted>no publisher page</span>"
    rows = [
        ("Names", names),
        ("Type", _e(ev.type)),
        ("Addresses", addresses),
        ("Date of birth", _e(", ".join(ev.dates_of_birth))),
        ("Place of birth", _e(", ".join(ev.places_of_birth))),
        ("Countries", _e(", ".join(ev.countries))),
        ("Identifiers", identifiers),
        ("Programs", _e(", ".join(ev.programs))),
        ("Listed on", _e(ev.listed_on or "")),
        ("Remarks", _e(ev.remarks)),
        ("List", f"{_e(ev.list_title or list_name)} <span class=muted>({_e(ev.list_version)},"
                 f" entry {_e(ev.entry_id)})</span>"),
        ("Publisher", link),
    ]  # fmt: skip
    comparisons = ev.comparisons
    body = "".join(
        f"<tr><td class=muted>{label}</td><td>{value or '<span class=muted>—</span>'}"
        f"{_mark(comparisons, label)}</td></tr>"
        for label, value in rows
    )
    party = ""
    if ev.party is not None:
        conflicts, agrees = len(ev.conflicts), len(ev.agreements)
        party = (
            f"<p class=muted>Compared with the order party <b>{_e(ev.party.name)}</b>"
            + (f" ({_e(ev.party.country)})" if ev.party.country else "")
            + f": <span class='conflicts'>{conflicts} conflicting</span>, "
            f"<span class='agrees'>{agrees} agreeing</span></p>"
        )
    return (
        f"<style>{CSS}</style><h3>{_e(ev.name)} <span class=muted>{_e(list_name)}</span></h3>"
        f"{party}<table>{body}</table>"
    )


PLACEHOLDER = f"<style>{CSS}</style><p class=muted>Select a hit to see the whole listed entry.</p>"


class EntryView(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("entryView")
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._open)
        self.evidence: EntryEvidence | None = None
        self.clear_entry()

    def show_evidence(self, evidence: EntryEvidence) -> None:
        self.evidence = evidence
        self.setHtml(entry_html(evidence))

    def show_message(self, text: str) -> None:
        self.evidence = None
        self.setHtml(f"<style>{CSS}</style><p class=muted>{_e(text)}</p>")

    def clear_entry(self) -> None:
        self.evidence = None
        self.setHtml(PLACEHOLDER)

    def _open(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https"):
            QDesktopServices.openUrl(url)
