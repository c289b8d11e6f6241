"""Packaging, checked without building: what build.spec and the installers will produce.

build.spec is run with stand-ins for PyInstaller's Analysis/PYZ/EXE/COLLECT/BUNDLE that record
their arguments, so these tests need neither PyInstaller nor a build (CI builds and runs the real
thing in .ci/build_frozen).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import types
from pathlib import Path
from typing import Any

import pytest

from screener import __version__
from tests.conftest import REPO

SPEC = REPO / "build.spec"


class Recorder:
    """Stands in for one PyInstaller build step; keeps what the spec passed."""

    calls: dict[str, Recorder]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.args, self.kwargs = args, kwargs
        self.binaries: list[tuple[str, str, str]] = []
        self.datas: list[tuple[str, str, str]] = []
        self.pure: list[Any] = []
        self.scripts: list[Any] = []
        Recorder.calls[type(self).__name__] = self


def fake_versioninfo() -> dict[str, types.ModuleType]:
    """PyInstaller.utils.win32.versioninfo whose classes just keep their arguments."""
    vi = types.ModuleType("PyInstaller.utils.win32.versioninfo")
    for name in ("VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable",
                 "StringStruct", "VarFileInfo", "VarStruct"):  # fmt: skip
        setattr(vi, name, type(name, (), {"__init__": Recorder.__init__}))
    modules = {"PyInstaller.utils.win32.versioninfo": vi}
    parent = vi
    for name in ("PyInstaller.utils.win32", "PyInstaller.utils", "PyInstaller"):
        module = types.ModuleType(name)
        setattr(module, parent.__name__.rsplit(".", 1)[1], parent)
        modules[name] = module
        parent = module
    return modules


def run_spec(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, platform: str) -> dict[str, Any]:
    """Execute build.spec as PyInstaller would on `platform`; returns its namespace."""
    Recorder.calls = {}
    monkeypatch.setattr(sys, "platform", platform)
    for name, module in fake_versioninfo().items():
        monkeypatch.setitem(sys.modules, name, module)
    steps = {n: type(n, (Recorder,), {}) for n in ("Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE")}
    namespace: dict[str, Any] = {
        "__name__": "__main__", "SPECPATH": str(REPO), "DISTPATH": str(tmp_path), **steps,
    }  # fmt: skip
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    namespace["calls"] = Recorder.calls
    return namespace


@pytest.fixture
def linux_spec(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict[str, Any]:
    monkeypatch.delenv("SCREENER_CONSOLE", raising=False)
    return run_spec(monkeypatch, tmp_path, "linux")


def test_spec_bundles_every_reference_file_where_the_app_looks(linux_spec: dict[str, Any]) -> None:
    datas = linux_spec["calls"]["Analysis"].kwargs["datas"]
    ours = [(Path(src), dest) for src, dest in datas if Path(src).is_relative_to(REPO / "lists")
            or Path(src).is_relative_to(REPO / "resources")]  # fmt: skip
    bundled = {(src.relative_to(REPO).as_posix(), dest) for src, dest in ours}
    # anyascii's tables: without them every non-Latin name fails to romanise in the frozen app
    assert any(dest == "anyascii/_data" for _src, dest in datas)
    for folder in ("lists", "resources"):
        for path in (REPO / folder).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                rel = path.relative_to(REPO)
                assert (rel.as_posix(), str(rel.parent)) in bundled, f"{rel} not bundled"
    assert ("resources/selftest/un_selftest.xml", str(Path("resources/selftest"))) in bundled
    assert ("lists/policy.toml", "lists") in bundled


def test_spec_imports_every_cli_subcommand(linux_spec: dict[str, Any]) -> None:
    from screener.cli import COMMAND_MODULES

    hidden = linux_spec["calls"]["Analysis"].kwargs["hiddenimports"]
    missing = [m for m in COMMAND_MODULES if f"screener.cli.{m}" not in hidden]
    assert not missing, f"subcommands the frozen app could not load: {missing}"
    assert "screener.ui.app" in hidden


def test_spec_builds_windowed_folder_named_screener(
    linux_spec: dict[str, Any], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert linux_spec["VERSION"] == __version__
    assert linux_spec["calls"]["EXE"].kwargs["name"] == "screener"
    assert linux_spec["calls"]["EXE"].kwargs["console"] is False
    assert linux_spec["calls"]["COLLECT"].kwargs["name"] == "screener"
    assert "BUNDLE" not in linux_spec["calls"]
    monkeypatch.setenv("SCREENER_CONSOLE", "1")
    assert run_spec(monkeypatch, tmp_path, "linux")["calls"]["EXE"].kwargs["console"] is True


def test_macos_app_bundle_carries_the_package_version(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    bundle = run_spec(monkeypatch, tmp_path, "darwin")["calls"]["BUNDLE"].kwargs
    assert bundle["name"] == "Screener.app"
    assert re.fullmatch(r"[a-z]+(\.[a-z0-9-]+)+", bundle["bundle_identifier"])
    assert bundle["version"] == __version__
    plist = bundle["info_plist"]
    assert plist["CFBundleShortVersionString"] == __version__
    assert plist["NSHighResolutionCapable"] is True


def test_windows_exe_properties_carry_the_package_version(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    exe = run_spec(monkeypatch, tmp_path, "win32")["calls"]["EXE"].kwargs
    assert exe["icon"].endswith("screener.ico")
    info = exe["version"]
    numbers = tuple(int(n) for n in __version__.split(".")[:4])
    assert info.kwargs["ffi"].kwargs["prodvers"][: len(numbers)] == numbers
    table = info.kwargs["kids"][0].args[0][0]
    strings = {s.args[0]: s.args[1] for s in table.args[1]}
    assert strings["ProductVersion"] == __version__
    assert strings["FileVersion"] == __version__
    assert strings["ProductName"] == "Screener"


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
        ("PySide6\\Qt\\plugins\\platforms\\qwindows.dll", True),
        ("PySide6/Qt/plugins/platforms/libqcocoa.dylib", True),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
        ("PySide6/Qt/plugins/imageformats/libqtiff.so", False),
        ("PySide6/Qt/plugins/iconengines/libqsvgicon.so", True),
        ("PySide6/Qt/plugins/styles/qmodernwindowsstyle.dll", True),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/plugins/generic/libqevdevmouseplugin.so", False),
        ("PySide6/Qt/translations/qtbase_de.qm", False),
        ("PySide6/Qt/lib/libQt6Widgets.so.6", True),
        ("lists/policy.toml", True),
    ],
)
def test_trim_keeps_what_the_app_uses(linux_spec: dict[str, Any], dest: str, kept: bool) -> None:
    assert linux_spec["plugin_wanted"](dest) is kept


def test_trim_drops_libraries_only_dropped_plugins_needed(linux_spec: dict[str, Any]) -> None:
    needs = {
        "ext/QtGui.abi3.so": {"libQt6Gui.so.6"},
        "PySide6/Qt/lib/libQt6Gui.so.6": {"libQt6Core.so.6"},
        "PySide6/Qt/lib/libQt6Core.so.6": set(),
        "PySide6/Qt/lib/libQt6Network.so.6": {"libQt6Core.so.6"},
        "libcairo.so.2": set(),
    }
    binaries = [
        ("ext/QtGui.abi3.so", "ext/QtGui.abi3.so", "EXTENSION"),
        *((d, d, "BINARY") for d in needs if d.startswith(("PySide6", "lib"))),
        ("libQt6Network.so.6", "PySide6/Qt/lib/libQt6Network.so.6", "SYMLINK"),
        ("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK"),
    ]
    kept = linux_spec["prune_unreferenced"](binaries, lambda src: needs[src])
    assert {d for d, _, _ in kept} == {
        "ext/QtGui.abi3.so",
        "PySide6/Qt/lib/libQt6Gui.so.6",
        "PySide6/Qt/lib/libQt6Core.so.6",
        "libQt6Gui.so.6",
    }


@pytest.mark.skipif(not shutil.which("bash"), reason="needs bash")
def test_deb_control_declares_the_package_version() -> None:
    control = subprocess.run(
        ["bash", str(REPO / "installer" / "build_linux.sh"), "--print-control"],
        capture_output=True, text=True, check=True, timeout=30,
    ).stdout  # fmt: skip
    fields = dict(re.findall(r"^([A-Za-z-]+): (.*)$", control, re.MULTILINE))
    assert fields["Package"] == "screener"
    assert fields["Version"] == __version__
    assert fields["Depends"].startswith("libc6")
    assert "libxcb-cursor0" in fields["Depends"]  # Qt 6.5+ X11 plugin aborts without it
    assert "self-test" in control


def test_inno_setup_takes_the_version_from_screener_exe() -> None:
    iss = (REPO / "installer" / "screener.iss").read_text(encoding="utf-8")
    assert re.search(r"GetFileProductVersionString\(AppExe\)", iss)
    assert re.search(r'#define AppExe .*"\.\.\\dist\\screener\\screener\.exe"', iss)
    assert re.search(r"^AppVersion=\{#AppVersion\}$", iss, re.MULTILINE)
    assert "OutputBaseFilename=Screener-{#AppVersion}-setup" in iss
    assert 'Source: "..\\dist\\screener\\*"' in iss
