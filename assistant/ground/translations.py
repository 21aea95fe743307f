"""The UI's translation catalogue read without Qt, for the parts of the core that show the
same words as the windows (e.g. a report naming rules as the overlay does).

The catalogue is ``resources/i18n/assistant_<locale>.ts`` (Qt Linguist files; the windows
read the compiled ``.qm`` through ``QTranslator``, see ``assistant.ui.i18n``). Here the
``.ts`` XML is parsed directly; only finished translations count.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path

from assistant.ground.resources import resources_dir

LOCALES = {"zh": "zh_CN", "en": "en"}
"""The app's language codes and the Qt locale names of their catalogue files."""


def source_path(lang: str) -> Path:
    return resources_dir() / "i18n" / f"assistant_{LOCALES.get(lang, lang)}.ts"


@cache
def words(lang: str, context: str) -> dict[str, str]:
    """Key → text of one context (``"overlay"``, ``"app"``…); empty for an unknown one."""
    try:
        root = ET.parse(source_path(lang)).getroot()
    except (OSError, ET.ParseError):
        return {}
    out: dict[str, str] = {}
    for ctx in root.iter("context"):
        if ctx.findtext("name") != context:
            continue
        for message in ctx.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") in ("unfinished", "obsolete",
                                                                  "vanished"):
                continue
            if translation.text:
                out[message.findtext("source") or ""] = translation.text
    return out
