"""Guard against a PySide6 6.12 reference-count bug on Python < 3.12 (found 2026-11).

With PySide6(-Essentials) 6.12.0 on CPython 3.11, every call of a void Qt method from Python
(`label.setText(...)`, `model.endInsertRows()`) and every `data()` override that returns None
releases one reference to None that it never took. Python 3.11's None is not immortal (it is
from 3.12, PEP 683) and starts with ~5,000 references, so the app aborts with "Fatal Python
error: none_dealloc" after a few minutes of normal use.

`guard_none_refcount()` measures the bug once at start-up and, only if it is present, gives
None a huge reference count — what 3.12 does by design: None is never freed anyway. The real
fix is Python >= 3.12 or a PySide6 release without the bug; this keeps 3.11 users safe meanwhile.
"""

from __future__ import annotations

import ctypes
import logging
import sys

from PySide6.QtCore import QObject

log = logging.getLogger(__name__)

_PROBE_CALLS = 64
_HEADROOM = 1 << 40  # ~10^12 leaked releases before it could matter


def none_is_overreleased() -> bool:
    """True when a void Qt call from Python loses a reference to None (measured)."""
    if sys.version_info >= (3, 12):
        return False
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(_PROBE_CALLS):
        probe.setObjectName("probe")
    return before - sys.getrefcount(None) >= _PROBE_CALLS // 2


def guard_none_refcount() -> bool:
    """Make None effectively immortal if (and only if) the bug is present; True if applied."""
    if not none_is_overreleased():
        return False
    if sys.implementation.name != "cpython":  # pragma: no cover - PySide6 is CPython-only
        return False
    # CPython: id() is the object's address and ob_refcnt its first field.
    refcnt = ctypes.c_ssize_t.from_address(id(None))
    refcnt.value += _HEADROOM
    log.warning("PySide6 over-releases None on this Python; applied the refcount guard")
    return True
