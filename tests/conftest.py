"""Every test gets its own data folder and an empty site folder: nothing is read from or
written to the user's (sessions, installed models, caches) or the machine's (an
administrator's policy, trusted keys, a central store to send calls to), and no test sees
another's sessions.

Module- and session-scoped fixtures are set up before a test's own folders: for them (and
for the processes they start, such as a cluster's workers) the whole run has private
folders too, so nothing a developer installed in their own data dir (a Whisper model, a
vosk model) is found here that a fresh machine would lack, and nothing is left there.
The reader's language is pinned the same way (English, ``LANG=C.UTF-8``): messages follow
the locale, and a test that wants Chinese says so; a developer's ``zh_CN`` locale or
``LC_ALL`` must not change what the others read.

The real PostgreSQL server and the central store's service (:mod:`tests.fixtures.postgres`,
:mod:`tests.fixtures.floor_service`) are fixtures for every test folder: one server per run
(per worker process when the run is spread over several, see ``pytest_collection_modifyitems``).
"""

from __future__ import annotations

import os

import pytest

pytest_plugins = ("tests.fixtures.postgres", "tests.fixtures.floor_service")

# The Whisper tests' calls were tuned where CTranslate2 picks its AVX2 kernels and oneDNN
# (an AMD CPU). On an Intel CPU it would pick Intel MKL and AVX-512 on its own, whose
# rounding differs: a word near the edge could then be heard otherwise. The same kernels on
# every x86 machine with AVX2 (set before anything loads CTranslate2; a developer may
# override them).
os.environ.setdefault("CT2_USE_MKL", "0")
os.environ.setdefault("CT2_FORCE_CPU_ISA", "AVX2")


@pytest.fixture(autouse=True, scope="session")
def _private_dirs_for_the_run(tmp_path_factory):
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ASSISTANT_DATA_DIR", str(tmp_path_factory.mktemp("run-data")))
        mp.setenv("ASSISTANT_SITE_DIR", str(tmp_path_factory.mktemp("run-site")))
        mp.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("run-cache")))
        for name in ("ASSISTANT_UI_LANG", "LC_ALL", "LC_MESSAGES"):
            mp.delenv(name, raising=False)
        mp.setenv("LANG", "C.UTF-8")
        yield


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path_factory.mktemp("data")))
    monkeypatch.setenv("ASSISTANT_SITE_DIR", str(tmp_path_factory.mktemp("site")))


# --- spreading the run over worker processes (pytest-xdist, ``--dist loadgroup``) ---------
#
# Each file runs whole on one worker, so its module-scoped fixtures (a synthesised call, a
# loaded model) are made once. Files that share a session's work are one group: the calls
# the Whisper model decoded (``whisper_runs``), and the tests that play audio in real time
# into a private PulseAudio server (one at a time: a capture judged in audio time should
# not wait for CPU behind another capture). The longest groups go first, so the workers
# end together.

WHISPER_RUNS = "whisper-runs"
AUDIO_SERVER = "audio-server"
_FIRST = (WHISPER_RUNS, AUDIO_SERVER, "tests/integration/")


def _group(item: pytest.Item) -> str:
    if "whisper_runs" in getattr(item, "fixturenames", ()):
        return WHISPER_RUNS
    module = getattr(item, "module", None)
    if module is not None and hasattr(module, "pulse_server"):
        return AUDIO_SERVER
    return item.nodeid.split("::", 1)[0]


def _rank(group: str) -> int:
    return next((i for i, first in enumerate(_FIRST) if group.startswith(first)), len(_FIRST))


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    groups = {item.nodeid: _group(item) for item in items}
    for item in items:
        item.add_marker(pytest.mark.xdist_group(groups[item.nodeid]))
    if os.environ.get("PYTEST_XDIST_WORKER"):
        items.sort(key=lambda item: _rank(groups[item.nodeid]))  # stable: files keep their order
