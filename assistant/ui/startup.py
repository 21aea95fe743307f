"""What the tray app starts with: the pack (the settings', a managed folder's, or the
default and why), the live audio source and the live recognisers. Each is a plain function
the ``App`` takes as a default and a test replaces."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from assistant.conduct.pack import Pack, PackError, default_pack_path, load_pack
from assistant.ground.events import Channel
from assistant.ground.notices import PackRefusal, PackRefusalKind
from assistant.overlay.live_call import BlockSource
from assistant.ui.preferences import AppSettings

StateCallback = Callable[[str, str], None]


def live_source(settings: AppSettings, on_state: StateCallback) -> BlockSource:
    from assistant.audio.live import LiveSource

    return LiveSource(settings.agent_device or None, settings.caller_device or None,
                      on_state=on_state)


def build_recognisers(pack: Pack, mode: str, has_caller: bool
                      ) -> tuple[dict[Channel, object], list[str]]:
    from assistant.engine.calls import hear

    hearing = hear(pack, mode=mode, has_caller=has_caller, live=True)  # type: ignore[arg-type]
    return hearing.recognisers, hearing.notes


class PackChoice(NamedTuple):
    pack: Pack
    notices: tuple[PackRefusal, ...] = ()
    """Why a pack is not in use, for the overlay to word."""
    log: str | None = None
    """The same for the log and the administrator (English, full paths)."""


def load_pack_or_default(settings: AppSettings) -> PackChoice:
    """The pack in the settings, or the default pack and why the chosen one is not used.

    Under an administrator's policy with a managed folder, the newest good signed pack
    there (or the last good one) instead, and why any file was refused."""
    from assistant.rollout.agent import managed_pack

    if (managed := managed_pack(settings.lang)) is not None:
        return PackChoice(managed.pack, managed.notices, managed.problem)
    if settings.pack is not None:
        try:
            return PackChoice(load_pack(settings.pack))
        except PackError as exc:
            problem = f"the prompt pack has problems; using the default pack:\n{exc}"
            return PackChoice(load_pack(default_pack_path(settings.lang)), (PackRefusal(
                PackRefusalKind.BROKEN, str(settings.pack), message=str(exc)),), problem)
    return PackChoice(load_pack(default_pack_path(settings.lang)))
