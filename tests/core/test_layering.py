"""screener.core is a library: it never imports Qt, so the CLI and tests run without a display."""

from __future__ import annotations

import pkgutil
import shutil
import subprocess
import sys

import screener.core
from tests.conftest import REPO


def test_importing_all_of_core_loads_no_qt() -> None:
    modules = [m.name for m in pkgutil.walk_packages(screener.core.__path__, "screener.core.")]
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "print(','.join(sorted(k for k in sys.modules if k.startswith(('PySide6', 'PyQt', "
        "'screener.ui')))))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert len(modules) > 5
    assert out.stdout.strip() == ""


def test_import_linter_contract_holds() -> None:
    lint = shutil.which("lint-imports", path=str(REPO / ".venv" / "bin")) or shutil.which(
        "lint-imports"
    )
    assert lint, "import-linter is a dev dependency and must be installed"
    out = subprocess.run([lint], capture_output=True, text=True, cwd=REPO)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "core never imports Qt" in out.stdout
