"""One editable pack field: caption, editor, bounds hint and the inline error under it.

Numbers are typed into line edits, not clamped spin boxes: a supervisor who types 2 for a
15-second interval should read *why* it is refused ("greater than or equal to 5"), from
the same validation the loader uses, rather than watch the box silently correct it.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from assistant.conduct.clauses import ClauseCatalogue
from assistant.conduct.pack import rule_placeholders
from assistant.conduct.placeholders import insert_text
from assistant.rollout.editing import FieldSpec, PackDraft
from assistant.ui.supervisor_texts import SupervisorTexts

ERROR_COLOR = "#b3261e"
HINT_STYLE = "color: #6b6b6b; font-size: 11px;"
ERROR_STYLE = f"color: {ERROR_COLOR};"
BAD_EDITOR = f"border: 1px solid {ERROR_COLOR}; border-radius: 3px; padding: 2px;"


def show_value(value: object) -> str:
    if isinstance(value, float):
        return f"{value:g}" if abs(value) < 1e15 and float(f"{value:g}") == value else repr(value)
    return "" if value is None else str(value)


class FieldRow:
    """Widgets for ``spec`` placed on row ``row`` (and the error on ``row + 1``) of ``grid``."""

    def __init__(self, spec: FieldSpec, draft: PackDraft, grid: QGridLayout, row: int,
                 parent: QWidget):
        self.spec, self.draft = spec, draft
        self.caption = QLabel(parent)
        self.caption.setToolTip(spec.key)
        self.hint = QLabel(parent)
        self.hint.setStyleSheet(HINT_STYLE)
        self.error = QLabel(parent)
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        self.editor = self._editor(parent)
        self.editor.setObjectName(spec.key)
        grid.addWidget(self.caption, row, 0)
        grid.addWidget(self.editor, row, 1)
        grid.addWidget(self.hint, row, 2)
        grid.addWidget(self.error, row + 1, 1, 1, 2)
        self.picker = self._placeholder_picker(parent)
        if self.picker is not None:
            grid.addWidget(self.picker, row, 3)
        self._show_value()

    def placeholders(self) -> dict[str, str]:
        """The placeholders this wording field may use (name → kind); empty for others."""
        path = self.spec.path
        if len(path) != 3 or path[0] != "rules" or not isinstance(self.editor, QLineEdit):
            return {}
        try:
            return rule_placeholders(path[1]).get(path[2], {})
        except KeyError:
            return {}

    def _placeholder_picker(self, parent: QWidget) -> QComboBox | None:
        """A pick list of the field's placeholders: choosing one types it in at the cursor,
        in the right form (``{waited:.0f}`` for a number), so no one writes format syntax."""
        if not self.placeholders():
            return None
        combo = QComboBox(parent)
        combo.setObjectName(f"{self.spec.key}.placeholders")
        combo.activated.connect(self._insert_placeholder)
        return combo

    def _insert_placeholder(self, index: int) -> None:
        name = self.picker.itemData(index)
        self.picker.setCurrentIndex(0)
        if not name:
            return
        edit: QLineEdit = self.editor
        edit.insert(insert_text(name, self.placeholders()[name]))
        self.draft.set(self.spec.path, edit.text())

    def _editor(self, parent: QWidget) -> QWidget:
        spec = self.spec
        if spec.kind == "bool":
            box = QCheckBox(parent)
            box.toggled.connect(lambda on: self.draft.set(spec.path, on))
            return box
        if spec.kind in ("choice", "clause"):
            combo = QComboBox(parent)
            catalogue = ClauseCatalogue.load()
            for choice in spec.choices:
                label = f"{choice}  {catalogue.label(choice, 'zh')}" if spec.kind == "clause" \
                    else choice
                combo.addItem(label, choice)
            combo.currentIndexChanged.connect(
                lambda _: self.draft.set(spec.path, combo.currentData()))
            return combo
        edit = QLineEdit(parent)
        edit.textEdited.connect(lambda text: self.draft.set(spec.path, text))
        if spec.kind in ("int", "float"):
            edit.setMaximumWidth(120)
        return edit

    def _show_value(self) -> None:
        value = self.draft.get(self.spec.path)
        editor = self.editor
        editor.blockSignals(True)
        if isinstance(editor, QCheckBox):
            editor.setChecked(bool(value))
        elif isinstance(editor, QComboBox):
            index = editor.findData(value)
            if index < 0:
                editor.addItem(str(value), value)
                index = editor.count() - 1
            editor.setCurrentIndex(index)
        elif isinstance(editor, QLineEdit) and not editor.hasFocus():
            if editor.text() != show_value(value):
                editor.setText(show_value(value))
        editor.blockSignals(False)

    def refresh(self) -> None:
        """Show the draft's value (unless being typed) and its error, if any."""
        self._show_value()
        message = self.draft.error(self.spec.path)
        texts = getattr(self, "_texts", None)
        if message and texts is not None:
            message = texts.problem(self.draft.error_kind(self.spec.path), message)
        self.error.setText(message)
        self.error.setVisible(bool(message))
        self.editor.setStyleSheet(BAD_EDITOR if message else "")

    def retranslate(self, texts: SupervisorTexts) -> None:
        self._texts = texts
        self.caption.setText(texts.field(self.spec.path))
        if self.picker is not None:
            self.picker.clear()
            self.picker.addItem(texts("placeholder.insert"), "")
            for name in self.placeholders():
                self.picker.addItem(texts(f"placeholder.{name}"), name)
        if self.spec.kind == "clause" and isinstance(self.editor, QComboBox):
            catalogue = ClauseCatalogue.load()
            for i in range(self.editor.count()):
                clause = self.editor.itemData(i)
                self.editor.setItemText(i, f"{clause}  {catalogue.label(clause, texts.lang)}")
        bounds = self.spec.bounds()
        self.hint.setText(f"{self.spec.name}" + (f"   {bounds}" if bounds else ""))
