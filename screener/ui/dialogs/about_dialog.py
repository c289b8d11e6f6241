"""About: the versions of the app, the policy, the matcher and every list in use; the database
location; Qt's version. What an auditor asks for first."""

from __future__ import annotations

import html
import platform

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from screener import __version__
from screener.core.names.search import MATCHER_VERSION
from screener.core.record.database.store import Store
from screener.core.rules.policy import load_policy
from screener.ui import icons


class AboutDialog(QDialog):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About Screener")
        self.setMinimumSize(520, 420)
        logo = QLabel()
        logo.setPixmap(icons.app_icon().pixmap(64, 64))
        title = QLabel(
            f"<h2 style='margin:0'>Screener {html.escape(__version__)}</h2>"
            "Offline export-compliance screening: parties, goods and routes, "
            "with a tamper-evident decision log."
        )
        title.setObjectName("aboutTitle")
        title.setWordWrap(True)
        title.setTextFormat(Qt.TextFormat.RichText)
        versions = store.current_versions()
        rows = (
            "".join(
                f"<tr><td>{html.escape(v.source)}</td>"
                f"<td>{v.published.isoformat() if v.published else 'undated'}</td>"
                f"<td align=right>{v.entries:,}</td><td><code>{v.sha256[:12]}</code></td></tr>"
                for v in versions
            )
            or "<tr><td colspan=4><i>No lists imported.</i></td></tr>"
        )
        policy = load_policy()
        source = html.escape(policy.path) if policy.path else "bundled defaults"
        info = QTextBrowser()
        info.setObjectName("aboutInfo")
        info.setHtml(
            "<b>Lists in use</b><table cellspacing=0 cellpadding=3>"
            "<tr><th align=left>List</th><th align=left>Published</th>"
            f"<th align=right>Entries</th><th align=left>SHA-256</th></tr>{rows}</table>"
            f"<p><b>Policy</b> {html.escape(policy.label)} ({source}, sha256 "
            f"<code>{policy.sha256[:12]}</code>) · <b>Matcher</b> version {MATCHER_VERSION}<br>"
            f"<b>Database</b> {html.escape(str(store.path or 'in memory'))}<br>"
            f"<b>Qt</b> {qVersion()} · PySide6 {pyside_version} · Python "
            f"{platform.python_version()} · {html.escape(platform.platform(terse=True))}</p>"
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(logo, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(title, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(info, 1)
        layout.addWidget(buttons)
