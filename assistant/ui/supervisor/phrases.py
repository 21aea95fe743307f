"""The phrase lists page: one list per kind, one phrase per line, each phrase checked
against the installed model's vocabulary with the word it cannot hear named under the list.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QGridLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from assistant.engine.assembly import AGENT_KINDS, CALLER_KINDS
from assistant.rollout.editing import PackDraft, Section
from assistant.speech.phrase_check import ModelVocabulary, phrase_problem
from assistant.ui.supervisor.fields import BAD_EDITOR, ERROR_STYLE, HINT_STYLE
from assistant.ui.supervisor_texts import SupervisorTexts

OK_STYLE = "color: #2e7d62; font-size: 11px;"


class PhraseList:
    def __init__(self, kind: str, draft: PackDraft, grid: QGridLayout, row: int,
                 parent: QWidget):
        self.kind, self.draft = kind, draft
        self.path = ("phrases", kind)
        self.caption = QLabel(parent)
        self.side = QLabel(parent)
        self.side.setStyleSheet(HINT_STYLE)
        self.edit = QPlainTextEdit(parent)
        self.edit.setObjectName(f"phrases.{kind}")
        self.edit.setTabChangesFocus(True)
        self.edit.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.edit.setPlainText("\n".join(draft.get(self.path)))
        self._fit()
        self.edit.textChanged.connect(self._edited)
        self.flags = QLabel(parent)
        self.flags.setWordWrap(True)
        column = QVBoxLayout()
        column.setSpacing(1)
        column.addWidget(self.caption)
        column.addWidget(self.side)
        column.addStretch(1)
        grid.addLayout(column, row, 0)
        grid.addWidget(self.edit, row, 1)
        grid.addWidget(self.flags, row + 1, 1)
        self.problems: dict[str, str] = {}

    def phrases(self) -> list[str]:
        return [line.strip() for line in self.edit.toPlainText().splitlines() if line.strip()]

    def _edited(self) -> None:
        self._fit()
        self.draft.set(self.path, self.phrases())

    def _fit(self) -> None:
        """As tall as its lines (no scroll bar hiding phrases), between 1 and 12 lines."""
        lines = min(max(self.edit.document().blockCount(), 1), 12)
        spacing = QFontMetrics(self.edit.font()).lineSpacing()
        self.edit.setFixedHeight(lines * spacing + 14)

    def check(self, vocabulary: ModelVocabulary | None) -> None:
        self.problems = {}
        if vocabulary is not None and vocabulary.usable:
            for phrase in self.phrases():
                if why := phrase_problem(phrase, vocabulary):
                    self.problems[phrase] = why
        self._vocabulary = vocabulary

    def show(self, texts: SupervisorTexts) -> None:
        error = self.draft.error(self.path)
        if error:
            error = texts.problem(self.draft.error_kind(self.path), error)
        vocabulary = getattr(self, "_vocabulary", None)
        if error:
            self.flags.setText(error)
            self.flags.setStyleSheet(ERROR_STYLE)
        elif self.problems:
            self.flags.setText("\n".join(texts("phrases.flag", phrase=p, why=w)
                                         for p, w in self.problems.items()))
            self.flags.setStyleSheet(ERROR_STYLE)
        elif vocabulary is not None and vocabulary.usable:
            self.flags.setText(texts("phrases.all_ok", n=len(self.phrases())))
            self.flags.setStyleSheet(OK_STYLE)
        else:
            self.flags.setText(texts("phrases.unchecked", n=len(self.phrases())))
            self.flags.setStyleSheet(HINT_STYLE)
        self.edit.setStyleSheet(BAD_EDITOR if error or self.problems else "")

    def retranslate(self, texts: SupervisorTexts) -> None:
        self.caption.setText(texts(f"kind.{self.kind}"))
        sides = [texts("phrases.agent")] if self.kind in AGENT_KINDS else []
        sides += [texts("phrases.caller")] if self.kind in CALLER_KINDS else []
        self.side.setText(f"{self.kind} · " + " / ".join(sides))


class PhrasesPage(QWidget):
    def __init__(self, section: Section, draft: PackDraft, parent: QWidget | None = None):
        super().__init__(parent)
        self.section, self.draft = section, draft
        layout = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 17px; font-weight: 600;")
        self.model_note = QLabel()
        self.model_note.setWordWrap(True)
        self.hint = QLabel()
        self.hint.setStyleSheet(HINT_STYLE)
        for widget in (self.title, self.model_note, self.hint):
            layout.addWidget(widget)
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        grid.setVerticalSpacing(2)
        self.lists = [PhraseList(spec.name, draft, grid, 2 * i, self)
                      for i, spec in enumerate(section.fields)]
        layout.addLayout(grid)
        layout.addStretch(1)
        self.vocabulary: ModelVocabulary | None = None
        self.checking = False
        self._texts: SupervisorTexts | None = None
        draft.subscribe(self._changed)

    def set_vocabulary(self, vocabulary: ModelVocabulary | None, checking: bool = False) -> None:
        self.vocabulary, self.checking = vocabulary, checking
        for item in self.lists:
            item.check(vocabulary)
        self.refresh()

    def _changed(self, path: tuple[str, ...]) -> None:
        for item in self.lists:
            if item.path == path:
                item.check(self.vocabulary)

    def flagged(self) -> dict[str, dict[str, str]]:
        """Kind → phrase → why the model cannot hear it."""
        return {item.kind: dict(item.problems) for item in self.lists if item.problems}

    def refresh(self) -> None:
        texts = self._texts
        if texts is None:
            return
        v = self.vocabulary
        if self.checking:
            note, style = texts("phrases.model_checking"), HINT_STYLE
        elif v is not None and v.usable:
            note, style = texts("phrases.model_ok", model=str(v.model)), ""
        else:
            note = texts("phrases.no_model", note=v.note if v else "—")
            style = ERROR_STYLE
        self.model_note.setText(note)
        self.model_note.setStyleSheet(style)
        for item in self.lists:
            item.show(texts)

    def retranslate(self, texts: SupervisorTexts) -> None:
        self._texts = texts
        self.title.setText(texts("nav.phrases"))
        self.hint.setText(texts("phrases.hint"))
        for item in self.lists:
            item.retranslate(texts)
        self.refresh()

    def has_errors(self) -> bool:
        return any(k.startswith("phrases.") for k in self.draft.errors) or bool(self.flagged())
