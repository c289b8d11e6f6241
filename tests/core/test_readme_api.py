"""The README's "Using the core as a library" example runs as written."""

from __future__ import annotations

import contextlib
import io
import os
import re

from tests.conftest import REPO


def test_readme_library_example_runs() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Using the core as a library", 1)[1].split("\n## ", 1)[0]
    (code,) = re.findall(r"```python\n(.*?)```", section, flags=re.S)
    out = io.StringIO()
    cwd = os.getcwd()
    os.chdir(REPO)  # the example opens examples/orders.xlsx relative to a checkout
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(code, "README.md", "exec"), {})  # our own README
    finally:
        os.chdir(cwd)
    printed = out.getvalue().splitlines()
    assert printed[0].startswith("254 {")
    assert re.match(r"\d+ \S", printed[1])  # the blocked line's row and first reason
    assert printed[2].startswith("audit chain OK")
