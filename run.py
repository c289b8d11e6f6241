#!/usr/bin/env python3
"""Set-up-free entry point: `python3 run.py` runs the main job, `python3 run.py test` the tests.

Creates `.venv` beside this file on first use and installs the project into it, so a fresh clone
needs nothing but Python 3.11+. Any other arguments are passed to the `screener` CLI
(`python3 run.py gui`, `python3 run.py lists status`).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".installed"


def ensure_venv() -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - run.py is what meets an old Python first
        sys.exit(f"Screener needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    if not PY.exists():
        print("Creating .venv (first run only) ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    print("Installing Screener and its dependencies into .venv ...", flush=True)
    subprocess.run(
        [
            str(PY),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "-e",
            f"{ROOT}[dev]",
        ],
        check=True,
    )
    STAMP.write_text(wanted)


def main(argv: list[str]) -> int:
    ensure_venv()
    env = dict(os.environ)
    if argv[:1] == ["test"]:
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        cmd = [str(PY), "-m", "pytest", *argv[1:]]
    else:
        cmd = [str(PY), "-m", "screener", *(argv or ["demo"])]
    return subprocess.call(cmd, cwd=ROOT, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
