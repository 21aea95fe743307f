"""What can be checked of the Windows bundle on Linux: the PyInstaller spec as it runs on
Windows (programs, icon, data files), the runtime hook, and the paths the build script,
the spec and the Inno Setup script share. The build itself needs a Windows machine."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "packaging" / "assistant.spec"
ISS = ROOT / "packaging" / "windows" / "etiquette-assistant.iss"
BUILD_PS1 = ROOT / "packaging" / "windows" / "build.ps1"

pytest.importorskip("PyInstaller", reason="the bundle extra (pyinstaller) is not installed")


class Recorded:
    def __init__(self, kind: str, *args, **kwargs):
        self.kind, self.args, self.kwargs = kind, args, kwargs
        self.pure = self.scripts = self.binaries = self.datas = []
        if kind == "Analysis":
            self.datas = kwargs["datas"]
            self.binaries = kwargs["binaries"]


def run_spec(monkeypatch, platform: str) -> dict[str, list[Recorded]]:
    made: dict[str, list[Recorded]] = {}

    def recorder(kind):
        def make(*args, **kwargs):
            made.setdefault(kind, []).append(Recorded(kind, *args, **kwargs))
            return made[kind][-1]
        return make

    from PyInstaller.utils import hooks

    # every module of the package, without PyInstaller's isolated import of each one
    monkeypatch.setattr(hooks, "collect_submodules", lambda name: [name])
    monkeypatch.setattr(sys, "platform", platform)
    namespace = {"SPECPATH": str(SPEC.parent), "__file__": str(SPEC),
                 **{kind: recorder(kind) for kind in ("Analysis", "PYZ", "EXE", "COLLECT")}}
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    return made


def test_the_windows_spec_makes_both_programs_with_the_icon(monkeypatch):
    made = run_spec(monkeypatch, "win32")
    programs = {exe.kwargs["name"]: exe.kwargs for exe in made["EXE"]}
    assert set(programs) == {"assistant", "assistant-cli"}
    assert programs["assistant"]["console"] is False and programs["assistant-cli"]["console"]
    for program in programs.values():
        assert Path(program["icon"]).is_file() and program["icon"].endswith(".ico")
    (collect,) = made["COLLECT"]
    assert collect.kwargs["name"] == "assistant"


def test_the_spec_carries_the_data_files_and_the_runtime_hook(monkeypatch):
    (analysis,) = run_spec(monkeypatch, "linux")["Analysis"]
    sources = {Path(src).resolve(): dest for src, dest in analysis.kwargs["datas"]}
    assert sources[ROOT / "resources"] == "assistant/_resources"
    headers = {Path(src).name for src in sources}
    assert {"pulseaudio.py.h", "mediafoundation.py.h"} <= headers, \
        "soundcard reads its C declarations at import: the loopback needs them"
    for script in (*analysis.args[0], *analysis.kwargs["runtime_hooks"]):
        assert Path(script).is_file(), script
        compile(Path(script).read_text(encoding="utf-8"), script, "exec")


def test_the_runtime_hook_prefers_the_bundled_portaudio_on_linux_only(monkeypatch, tmp_path):
    (tmp_path / "libportaudio.so.2").write_bytes(b"")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    import ctypes.util

    system = ctypes.util.find_library
    try:
        for platform, bundled in (("linux", True), ("win32", False)):
            monkeypatch.setattr(sys, "platform", platform)
            hook = _load(ROOT / "packaging" / "rthooks" / "pyi_rth_bundled_libs.py")
            found = ctypes.util.find_library("portaudio")
            assert (found == str(tmp_path / "libportaudio.so.2")) is bundled, (platform, found)
            ctypes.util.find_library = system
            del hook
    finally:
        ctypes.util.find_library = system


def test_installer_script_paths_match_the_build(monkeypatch):
    iss = ISS.read_text(encoding="utf-8")
    root = (ISS.parent / _define(iss, "Root").replace("\\", "/")).resolve()
    assert root == ROOT
    for key in ("SetupIconFile",):
        path = _setting(iss, key).replace("{#Root}", str(root)).replace("\\", "/")
        assert Path(path).is_file(), (key, path)
    exe = _define(iss, "AppExe")
    programs = {e.kwargs["name"] for e in run_spec(monkeypatch, "win32")["EXE"]}
    assert exe.removesuffix(".exe") in programs
    source = re.search(r'Source: "\{#Root\}\\([^"]+)\\\*"', iss).group(1)
    script = BUILD_PS1.read_text(encoding="utf-8")
    assert "--distpath dist" in script and source == "dist\\assistant"
    output = _setting(iss, "OutputDir").replace("{#Root}\\", "")
    base = _setting(iss, "OutputBaseFilename").replace("{#AppVersion}", "$version")
    assert f"{output}\\{base}.exe" in script, "build.ps1 runs the installer Inno Setup makes"
    assert "{autopf}\\{#AppName}" in _setting(iss, "DefaultDirName")
    assert f"Programs\\\\{_define(iss, 'AppName')}\\\\assistant-cli.exe".replace("\\\\", "\\") \
        in script, "-Install checks the program where a per-user install puts it"


def test_build_script_paths_exist():
    script = BUILD_PS1.read_text(encoding="utf-8")
    for path in re.findall(r"packaging\\[\w\\.-]+", script):
        assert (ROOT / path.replace("\\", "/")).exists(), path


def test_a_portaudio_dll_goes_where_sounddevice_loads_it():
    import sounddevice

    code = Path(sounddevice.__file__).read_text(encoding="utf-8").replace('"', "'")
    assert "'portaudio-binaries', _libname)" in code  # inside the _sounddevice_data package
    assert "_libname = 'libportaudio' + _platform_suffix + '.dll'" in code  # '64bit' on x64
    script = BUILD_PS1.read_text(encoding="utf-8")
    assert "_sounddevice_data\\portaudio-binaries\\libportaudio64bit.dll" in script


def _define(iss: str, name: str) -> str:
    return re.search(rf'#define {name} "([^"]*)"', iss).group(1)


def _setting(iss: str, key: str) -> str:
    return re.search(rf"^{key}=(.*)$", iss, re.MULTILINE).group(1).strip()


def _load(path: Path):
    spec = importlib.util.spec_from_file_location(f"rthook_{id(path)}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
