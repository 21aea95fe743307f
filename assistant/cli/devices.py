"""`assistant devices`: the audio input devices, and why loopback ones are missing."""

from __future__ import annotations

import argparse
import sys

from assistant.cli.notices import say_notice
from assistant.ground.errors import UserError


def add_devices_parser(sub: argparse._SubParsersAction) -> None:
    sub.add_parser("devices", help="list audio input devices").set_defaults(handler=_devices)


def _devices(args: argparse.Namespace) -> int:
    from assistant.audio import loopback
    from assistant.audio.devices import DeviceError, format_devices, list_devices

    try:
        print(format_devices(list_devices()))
    except DeviceError as exc:
        raise UserError(str(exc)) from None
    if loopback.problem:
        print(f"assistant: {say_notice('no_loopback', why=loopback.problem)}", file=sys.stderr)
    return 0
