"""Where roll-out files live on an agent's machine.

Two places, chosen by who may write them:

- the **site folder** (administrators only): ``policy.toml`` and ``trusted-keys/*.pub``.
  ``/etc/xdg/etiquette-assistant`` on Linux, ``C:\\ProgramData\\etiquette-assistant`` on
  Windows (platformdirs' site config dir); ``ASSISTANT_SITE_DIR`` overrides it for tests and
  kiosk images. Trusted keys and locks are *not* read from the user's own folders: an agent
  who could drop a key or a policy there could sign their own pack or unlock a setting.
- the **user data dir** (``ASSISTANT_DATA_DIR`` overrides it): the cache of the last good
  managed pack, so a restart with a broken or unreachable share keeps the pack in use.
"""

from __future__ import annotations

import os
from pathlib import Path

from assistant.ground.paths import data_dir

APP_DIR_NAME = "etiquette-assistant"


def site_dir() -> Path:
    if override := os.environ.get("ASSISTANT_SITE_DIR"):
        return Path(override)
    import platformdirs

    return Path(platformdirs.site_config_dir(APP_DIR_NAME, multipath=False))


def policy_path() -> Path:
    return site_dir() / "policy.toml"


def trusted_keys_dir() -> Path:
    return site_dir() / "trusted-keys"


def pack_cache_dir() -> Path:
    return data_dir() / "managed-pack"
