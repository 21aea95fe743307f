"""Every key of the UI's own words, by Qt translation context, marked for pyside6-lupdate:
one module per context, gathered here into ``KEYS``.

The words are in ``resources/i18n/assistant_<locale>.ts`` (edit them in Qt Linguist) and
compiled into the ``.qm`` files next to them; ``packaging/i18n/catalogue.py update`` runs
lupdate on these modules and lrelease on the .ts files. Code looks words up by key, e.g.
``Texts(lang, "overlay")("hold.waited", s=12)``, and builds some keys from values
(``f"rule.{rule_id}"``), which lupdate cannot see: so every key is listed here, once.
Placeholders in {braces} are filled by the code; a translation keeps them as they are.
This package is written by ``packaging/i18n/catalogue.py``.
"""

from assistant.ui.strings import app, floor, overlay, recording, replay, supervisor

KEYS: dict[str, tuple[str, ...]] = {
    "app": app.KEYS,
    "floor": floor.KEYS,
    "overlay": overlay.KEYS,
    "recording": recording.KEYS,
    "replay": replay.KEYS,
    "supervisor": supervisor.KEYS,
}
