"""Keeps the UI's translation catalogue: Qt .ts files (edited in Qt Linguist) and their .qm.

    python3 packaging/i18n/catalogue.py update
        after adding a key to assistant/ui/strings/<context>.py: pyside6-lupdate brings the new key
        into both .ts files (marked unfinished until translated), pyside6-lrelease compiles
        the .qm files the app loads. Commit all four files.
    python3 packaging/i18n/catalogue.py set CONTEXT KEY --zh TEXT --en TEXT
        the words of one key without Qt Linguist (the key is added to strings/ if new).
    python3 packaging/i18n/catalogue.py convert path/to/strings.toml [--context NAME] [--keep]
        moves a TOML string table ([zh] and [en] sections, "key" = "text") into the catalogue
        as one translation context: its keys into assistant/ui/strings/, its words into the
        .ts files, then update. The context defaults to the file's stem, or its folder's name
        for a file called strings.toml (assistant/ui/supervisor/strings.toml -> "supervisor"):
        the name ``assistant.ui.i18n.Texts(lang, that_path)`` looks up, so code that still
        passes the TOML's path keeps working once the file is gone. The TOML is deleted
        unless --keep.

Both need PySide6 (its lupdate and lrelease tools) and run from any folder.
"""

from __future__ import annotations

import argparse
import ast
import re
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import PySide6

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # the checkout's assistant package, installed or not

from assistant.ground.translations import LOCALES
from assistant.ui.i18n import context_for

STRINGS = ROOT / "assistant" / "ui" / "strings"
"""The key table: one module per translation context, and ``__init__.py`` gathering them."""
I18N = ROOT / "resources" / "i18n"
HEADER = '''"""Every key of the UI's own words, by Qt translation context, marked for pyside6-lupdate:
one module per context, gathered here into ``KEYS``.

The words are in ``resources/i18n/assistant_<locale>.ts`` (edit them in Qt Linguist) and
compiled into the ``.qm`` files next to them; ``packaging/i18n/catalogue.py update`` runs
lupdate on these modules and lrelease on the .ts files. Code looks words up by key, e.g.
``Texts(lang, "overlay")("hold.waited", s=12)``, and builds some keys from values
(``f"rule.{rule_id}"``), which lupdate cannot see: so every key is listed here, once.
Placeholders in {braces} are filled by the code; a translation keeps them as they are.
This package is written by ``packaging/i18n/catalogue.py``.
"""

'''
CONTEXT_HEADER = '''"""The keys of the ``{context}`` translation context (see :mod:`assistant.ui.strings`)."""

from PySide6.QtCore import QT_TRANSLATE_NOOP

KEYS: tuple[str, ...] = (
'''


def context_module(context: str) -> str:
    return re.sub(r"\W", "_", context)


def ts_path(lang: str) -> Path:
    return I18N / f"assistant_{LOCALES[lang]}.ts"


def qm_path(lang: str) -> Path:
    return I18N / f"assistant_{LOCALES[lang]}.qm"


def qt_tool(name: str) -> list[str]:
    """PySide6's copy of a Qt tool (lupdate, lrelease)."""
    folder = Path(PySide6.__file__).resolve().parent
    for candidate in (folder / name, folder / f"{name}.exe"):
        if candidate.is_file():
            return [str(candidate)]
    return [f"pyside6-{name}"]


def context_files() -> list[Path]:
    return sorted(path for path in STRINGS.glob("*.py") if path.name != "__init__.py")


def read_keys() -> dict[str, tuple[str, ...]]:
    keys: dict[str, tuple[str, ...]] = {}
    for path in context_files():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        table = next(node.value for node in tree.body
                     if isinstance(node, ast.AnnAssign) and getattr(node.target, "id", "") == "KEYS")
        calls = table.elts
        context = ast.literal_eval(calls[0].args[0]) if calls else path.stem
        keys[context] = tuple(ast.literal_eval(call.args[1]) for call in calls)
    return keys


def write_keys(keys: dict[str, tuple[str, ...]]) -> None:
    STRINGS.mkdir(exist_ok=True)
    for path in context_files():
        path.unlink()
    modules = {context: context_module(context) for context in sorted(keys)}
    for context, module in modules.items():
        lines = [CONTEXT_HEADER.format(context=context)]
        lines += [f'    QT_TRANSLATE_NOOP("{context}", "{key}"),\n' for key in keys[context]]
        lines.append(")\n")
        (STRINGS / f"{module}.py").write_text("".join(lines), encoding="utf-8")
    init = [HEADER, f"from assistant.ui.strings import {', '.join(modules.values())}\n\n",
            "KEYS: dict[str, tuple[str, ...]] = {\n"]
    init += [f'    "{context}": {module}.KEYS,\n' for context, module in modules.items()]
    init.append("}\n")
    (STRINGS / "__init__.py").write_text("".join(init), encoding="utf-8")


def lupdate() -> None:
    subprocess.run([*qt_tool("lupdate"), "-silent", "-locations", "none", "-no-obsolete",
                    *(str(path) for path in context_files()),
                    "-ts", *(str(ts_path(lang)) for lang in LOCALES)], check=True)


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([*qt_tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


def fill(ts: Path, context: str, words: dict[str, str]) -> None:
    """Write the table's words into one context of a .ts file as finished translations."""
    tree = ET.parse(ts)
    for ctx in tree.getroot().iter("context"):
        if ctx.findtext("name") != context:
            continue
        for message in ctx.iter("message"):
            text = words.get(message.findtext("source") or "")
            translation = message.find("translation")
            if text is not None and translation is not None:
                translation.text = text
                translation.attrib.pop("type", None)
    tree.write(ts, encoding="utf-8", xml_declaration=True)


def unfinished(ts: Path) -> list[str]:
    return [f"{ctx.findtext('name')}/{m.findtext('source')}"
            for ctx in ET.parse(ts).getroot().iter("context") for m in ctx.iter("message")
            if (t := m.find("translation")) is None or t.get("type") == "unfinished"
            or not (t.text or "").strip()]


def update() -> int:
    lupdate()
    for lang in LOCALES:
        lrelease(ts_path(lang), qm_path(lang))
    gaps = {lang: unfinished(ts_path(lang)) for lang in LOCALES}
    for lang, keys in gaps.items():
        if keys:
            print(f"{ts_path(lang).name}: {len(keys)} untranslated: {', '.join(keys[:8])}"
                  + (" …" if len(keys) > 8 else ""))
    print(f"catalogue: {sum(len(v) for v in read_keys().values())} keys; .qm files written")
    return 1 if any(gaps.values()) else 0


def convert(table: Path, context: str | None, keep: bool) -> int:
    context = context or context_for(table)
    words = tomllib.loads(table.read_text(encoding="utf-8"))
    missing = [lang for lang in LOCALES if lang not in words]
    if missing:
        print(f"{table}: no [{'], ['.join(missing)}] table", file=sys.stderr)
        return 2
    order = list(dict.fromkeys([*words["zh"], *words["en"]]))
    keys = read_keys()
    keys[context] = tuple(order)
    write_keys(keys)
    lupdate()
    for lang in LOCALES:
        fill(ts_path(lang), context, {k: str(v) for k, v in words[lang].items()})
    code = update()
    if not keep:
        table.unlink()
    print(f"{table}: {len(order)} keys now in context '{context}'"
          + ("" if keep else "; the TOML file is removed"))
    return code


def set_words(context: str, key: str, texts: dict[str, str]) -> int:
    keys = read_keys()
    if key not in keys.get(context, ()):
        keys[context] = (*keys.get(context, ()), key)
        write_keys(keys)
    lupdate()
    for lang, text in texts.items():
        fill(ts_path(lang), context, {key: text})
    return update()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("update", help="lupdate strings/ into the .ts files, lrelease to .qm")
    conv = sub.add_parser("convert", help="move a TOML string table into the catalogue")
    conv.add_argument("table", type=Path)
    conv.add_argument("--context", default=None)
    conv.add_argument("--keep", action="store_true", help="keep the TOML file")
    one = sub.add_parser("set", help="the words of one key (added if new)")
    one.add_argument("context")
    one.add_argument("key")
    for lang in LOCALES:
        one.add_argument(f"--{lang}", required=True, metavar="TEXT")
    args = parser.parse_args(argv)
    if args.command == "update":
        return update()
    if args.command == "set":
        return set_words(args.context, args.key, {lang: getattr(args, lang) for lang in LOCALES})
    return convert(args.table.resolve(), args.context, args.keep)


if __name__ == "__main__":
    sys.exit(main())
