"""A small YAML editor for one field the form has no widget for.

Nested maps (`params`, `menu`), mixed lists and values of an unexpected type are
shown as YAML (`core.field_text`). While the text does not read, an inline note
says where and why, and nothing is reported: the post keeps its last good value.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from postedit.core.field_text import FieldTextError, text_to_value, value_to_text
from postedit.ui.form.base import FieldEditor, exact_text, warning_color

_MIN_LINES, _MAX_LINES = 2, 10


class RawEditor(FieldEditor):
    """YAML text for one value, checked as it is typed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QPlainTextEdit(self)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setTabChangesFocus(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setPlaceholderText("Write the value as YAML")
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {warning_color(self).name()};")
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.text)
        layout.addWidget(self.error)
        self.setFocusProxy(self.text)
        self._loading = False
        self.text.textChanged.connect(self._on_text_changed)

    def set_value(self, value: Any) -> None:
        self._loading = True
        try:
            self.text.setPlainText(value_to_text(value))
        finally:
            self._loading = False
        self._show_error(None)
        self._fit_height()

    def error_text(self) -> str:
        """The inline error shown now ("" when the text reads)."""
        return self.error.text() if not self.error.isHidden() else ""

    def _on_text_changed(self) -> None:
        self._fit_height()
        if self._loading:
            return
        try:
            value = text_to_value(exact_text(self.text))
        except FieldTextError as error:
            self._show_error(f"{error} The post keeps the last value that read correctly.")
            return
        self._show_error(None)
        self.value_edited.emit(value)

    def _show_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))

    def _fit_height(self) -> None:
        lines = min(max(self.text.blockCount(), _MIN_LINES), _MAX_LINES)
        margin = int(self.text.document().documentMargin()) * 2 + 6
        self.text.setFixedHeight(self.text.fontMetrics().lineSpacing() * lines + margin)
