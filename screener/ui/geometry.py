"""Windows and dialogs sized to the screen they open on, and remembered per screen.

A size chosen for a 1920×1080 desk monitor is off-screen on a laptop at 200 % (800×500 logical
pixels), and a geometry saved on the docking-station monitor must not be restored on the
laptop panel. So the default size is the preferred one shrunk to the available area, and the
saved geometry is keyed by the screen (name, logical size, scale).
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

from screener.ui import settings

FILL = 0.92  # of the available area, at most: room for the window frame and a taskbar


def screen_of(widget: QWidget) -> QScreen | None:
    # QWidget.screen, not widget.screen: on the main window `screen` is the Screen page.
    screen = QWidget.screen(widget) if widget.isWindow() else None
    return screen or QGuiApplication.primaryScreen()


def fitted(preferred: QSize, available: QRect, *, fill: float = FILL) -> QRect:
    """`preferred` shrunk to `fill` of `available`, centred in it."""
    width = min(preferred.width(), int(available.width() * fill))
    height = min(preferred.height(), int(available.height() * fill))
    left = available.x() + (available.width() - width) // 2
    top = available.y() + (available.height() - height) // 2
    return QRect(left, top, width, height)


def fit_to_screen(widget: QWidget, preferred: QSize) -> QRect:
    """Resize (and centre) `widget` to `preferred`, or less where the screen is smaller."""
    screen = screen_of(widget)
    if screen is None:
        widget.resize(preferred)
        return widget.geometry()
    rect = fitted(preferred, screen.availableGeometry())
    widget.setGeometry(rect)
    return rect


def screen_key(base: settings.Key, screen: QScreen | None) -> settings.Key:
    """`base` for this screen: "window/geometry/eDP-1 1280x800 @2"."""
    if screen is None:
        return base
    size = screen.availableGeometry().size()
    scale = f"{screen.devicePixelRatio():g}"
    return settings.Key(
        f"{base.name}/{screen.name() or 'screen'} {size.width()}x{size.height()} @{scale}"
    )


def save(prefs: settings.Settings, base: settings.Key, widget: QWidget) -> None:
    prefs.set_bytes(screen_key(base, screen_of(widget)), widget.saveGeometry())


def restore(
    prefs: settings.Settings, base: settings.Key, widget: QWidget, preferred: QSize
) -> bool:
    """The geometry saved for this screen if there is one (True), else the fitted default."""
    screen = screen_of(widget)
    saved = prefs.bytes(screen_key(base, screen))
    on_screen = saved is not None and widget.restoreGeometry(saved)
    if on_screen and (screen is None or screen.availableGeometry().contains(widget.geometry())):
        return True
    fit_to_screen(widget, preferred)
    return False
