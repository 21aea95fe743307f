"""The editor's pages: one per table of the pack (info, recording, acoustics, one per rule).

A rule page starts with what the rule enforces: its clause id and label and the clause
text in Chinese and English from the catalogue, following the clause field as it changes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from assistant.conduct.clauses import ClauseCatalogue
from assistant.rollout.editing import PackDraft, Section
from assistant.ui.supervisor.fields import ERROR_STYLE, FieldRow
from assistant.ui.supervisor_texts import SupervisorTexts

CLAUSE_STYLE = ("QFrame#clause { background: #f3f1ea; border: 1px solid #ddd6c4; "
                "border-radius: 6px; }")


class SectionPage(QWidget):
    def __init__(self, section: Section, draft: PackDraft, parent: QWidget | None = None):
        super().__init__(parent)
        self.section, self.draft = section, draft
        self.layout_ = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 17px; font-weight: 600;")
        self.layout_.addWidget(self.title)
        self._header()
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(ERROR_STYLE)
        self.problem.hide()
        self.layout_.addWidget(self.problem)
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(2)
        self.rows = [FieldRow(spec, draft, grid, 2 * i, self)
                     for i, spec in enumerate(section.fields)]
        self.layout_.addLayout(grid)
        self.layout_.addStretch(1)

    def _header(self) -> None:
        """Room for a subclass's header between the title and the fields."""

    def title_text(self, texts: SupervisorTexts) -> str:
        return texts(f"nav.{self.section.key}")

    def refresh(self) -> None:
        for row in self.rows:
            row.refresh()
        message = self.draft.errors.get(self.section.key, "")
        texts = getattr(self, "_texts", None)
        if message and texts is not None:
            message = texts.problem(self.draft.error_kind(self.section.key), message)
        if self.section.rule_id and message:
            message = self._texts("rule.problems", error=message)
        self.problem.setText(message)
        self.problem.setVisible(bool(message))

    def retranslate(self, texts: SupervisorTexts) -> None:
        self._texts = texts
        self.title.setText(self.title_text(texts))
        for row in self.rows:
            row.retranslate(texts)
        self.refresh()

    def has_errors(self) -> bool:
        prefix = self.section.key
        return any(k == prefix or k.startswith(prefix + ".") for k in self.draft.errors)


class RulePage(SectionPage):
    def _header(self) -> None:
        self.clause_box = QFrame()
        self.clause_box.setObjectName("clause")
        self.clause_box.setStyleSheet(CLAUSE_STYLE)
        box = QVBoxLayout(self.clause_box)
        self.clause_title = QLabel()
        self.clause_title.setStyleSheet("font-weight: 600;")
        self.clause_zh, self.clause_en = QLabel(), QLabel()
        self.clause_en.setStyleSheet("color: #4a4a4a;")
        box.addWidget(self.clause_title)
        for label in (self.clause_zh, self.clause_en):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            box.addWidget(label)
        self.layout_.addWidget(self.clause_box)

    def title_text(self, texts: SupervisorTexts) -> str:
        rule = self.section.rule_id or ""
        return f"{texts(f'rule.{rule}')}   ·   {rule}"

    def refresh(self) -> None:
        super().refresh()
        catalogue = ClauseCatalogue.load()
        clause = str(self.draft.get(self.section.path + ("clause",)))
        texts = getattr(self, "_texts", None)
        if texts is not None:
            self.clause_title.setText(texts("rule.clause", id=clause,
                                            label=catalogue.label(clause, texts.lang)))
        self.clause_zh.setText(catalogue.text(clause, "zh") or "—")
        self.clause_en.setText(catalogue.text(clause, "en") or "—")


def page_for(section: Section, draft: PackDraft) -> SectionPage:
    return RulePage(section, draft) if section.rule_id else SectionPage(section, draft)
