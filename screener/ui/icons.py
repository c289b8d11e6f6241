"""Application and verdict icons, loaded once from `resources/icons/`.

The SVGs are the source; `python -m screener.ui.icons` renders the PNG sizes (and the Windows
.ico) that packaging needs, with QSvgRenderer (part of PySide6-Essentials).
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

APP_ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)


def resources_dir() -> Path:
    """`resources/` beside the package in development, inside the bundle when frozen."""
    if getattr(sys, "frozen", False):
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent)) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def icon_path(name: str) -> Path:
    return resources_dir() / "icons" / name


@functools.cache
def icon(name: str) -> QIcon:
    """`icon("verdict-block")`: the SVG rendered sharp at every size Qt asks for."""
    path = icon_path(f"{name}.svg")
    if not path.exists():
        return QIcon()
    return QIcon(str(path))


@functools.cache
def app_icon() -> QIcon:
    result = QIcon()
    for size in APP_ICON_SIZES:
        png = icon_path(f"screener-{size}.png")
        if png.exists():
            result.addFile(str(png))
    if result.isNull():
        return icon("screener")
    return result


def dot(color: str, size: int = 10) -> QIcon:
    """A small filled circle, for legend chips."""
    pixmap = QPixmap(size * 2, size * 2)
    pixmap.setDevicePixelRatio(2.0)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(color))
    painter.drawEllipse(QRectF(1, 1, size - 2, size - 2))
    painter.end()
    return QIcon(pixmap)


def render_svg(svg: Path, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(svg)).render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def render_app_icons(folder: Path | None = None) -> list[Path]:
    """Write screener-<size>.png, screener.png (256) and screener.ico from screener.svg."""
    folder = folder or resources_dir() / "icons"
    svg = folder / "screener.svg"
    written = []
    for size in APP_ICON_SIZES:
        out = folder / f"screener-{size}.png"
        render_svg(svg, size).save(str(out))
        written.append(out)
    big = render_svg(svg, 256)
    for name in ("screener.png", "screener.ico"):
        big.save(str(folder / name))
        written.append(folder / name)
    return written


if __name__ == "__main__":  # pragma: no cover - a developer tool
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication(sys.argv)
    for p in render_app_icons():
        print(p)
