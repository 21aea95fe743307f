"""docs/architecture.md is what a newcomer draws the layers from: every package of the
assistant is on it, and every module it names exists."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
PACKAGE = ROOT / "assistant"


def test_every_package_is_drawn():
    packages = sorted(p.name for p in PACKAGE.iterdir()
                      if p.is_dir() and (p / "__init__.py").exists())
    missing = [name for name in packages if f"{name}/" not in DOC and f"`{name}`" not in DOC]
    assert not missing, f"docs/architecture.md does not place: {missing}"


def test_every_module_it_names_exists():
    modules = set(re.findall(r"`([a-z_/]+\.py)`", DOC))
    found = {path.relative_to(PACKAGE).as_posix() for path in PACKAGE.rglob("*.py")}
    missing = [name for name in sorted(modules) if not name.startswith("tests/")
               and not any(path == name or path.endswith("/" + name) for path in found)]
    assert not missing, f"docs/architecture.md names modules that are gone: {missing}"
