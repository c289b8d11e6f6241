"""Before Qt starts: is a system library its X11 display plugin needs missing?

Without `libxcb-cursor0` (Qt >= 6.5) Qt prints a raw plugin message about "xcb" and aborts the
process, which no Python code can catch. Looking for the library first lets the app say what
to install instead. Only Linux under X11 needs it; the command line never does.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable, Mapping

# Libraries Qt's xcb plugin loads that minimal desktops (and containers) often lack:
# (soname, Debian/Ubuntu package, Fedora/openSUSE/Arch package).
XCB_LIBRARIES = (("libxcb-cursor.so.0", "libxcb-cursor0", "xcb-util-cursor"),)


def missing_display_library(
    *,
    platform: str = sys.platform,
    env: Mapping[str, str] = os.environ,
    load: Callable[[str], object] = ctypes.CDLL,
) -> str | None:
    """A one-line message naming the missing library and its package, or None if all is well
    (or Qt will not use the X11 plugin)."""
    if not platform.startswith("linux"):
        return None
    qpa = env.get("QT_QPA_PLATFORM", "")
    if qpa and not qpa.startswith("xcb"):
        return None  # offscreen, wayland, vnc ...: chosen explicitly
    if not qpa and env.get("WAYLAND_DISPLAY"):
        return None  # Qt picks its Wayland plugin
    if not env.get("DISPLAY") and not qpa:
        return None  # no display at all: Qt says so itself
    for soname, debian, other in XCB_LIBRARIES:
        try:
            load(soname)
        except OSError:
            return (
                f"Screener's window needs the system library {soname}, which is not installed. "
                f"Install it (Debian/Ubuntu: sudo apt install {debian}; Fedora, openSUSE, Arch: "
                f"the {other} package) and start Screener again. The command line "
                "(screener screen, lists, report ...) works without it."
            )
    return None
