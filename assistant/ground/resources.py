"""Where the shipped data (clauses, packs, demo call, icons) lives.

From a source checkout or an editable install it is the repository's ``resources/``;
an installed wheel carries the same tree as the ``assistant._resources`` package.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def resources_dir() -> Path:
    package = Path(__file__).resolve().parents[1]  # assistant/ (this is assistant/ground/)
    for candidate in (package / "_resources", package.parent / "resources"):
        if (candidate / "packs").is_dir():
            return candidate
    raise FileNotFoundError(
        f"the assistant's resources are missing (looked in {package / '_resources'} and "
        f"{package.parent / 'resources'}); reinstall the package"
    )
