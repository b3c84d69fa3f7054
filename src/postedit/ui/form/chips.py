"""Tags and categories as chips, with completion from every term the site uses.

Typing completes from the site's terms (anywhere in the word, ignoring case);
Enter or a comma adds the text as a chip, new terms included; × on a chip or
Backspace in the empty line removes one. A term the site already spells
differently ("Website" for "website") takes the site's spelling, since Hugo
would merge the two into one term page anyway.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QCompleter,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QWidget,
)

from postedit.ui.form.base import FieldEditor
from postedit.ui.form.flow import FlowLayout


class Chip(QFrame):
    """One term, with a button that removes it."""

    remove_clicked = Signal(str)

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = text
        self.setObjectName("chip")
        self.setStyleSheet(
            "QFrame#chip { background: palette(alternate-base); border: 1px solid palette(mid);"
            " border-radius: 9px; }"
            " QToolButton { border: none; padding: 0 2px; }"
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(9, 1, 3, 1)
        layout.setSpacing(2)
        self.label = QLabel(text, self)
        self.remove_button = QToolButton(self)
        self.remove_button.setText("×")
        self.remove_button.setToolTip(f"Remove “{text}”")
        self.remove_button.setAccessibleName(f"Remove {text}")
        self.remove_button.setCursor(Qt.CursorShape.PointingHandCursor)
        layout.addWidget(self.label)
        layout.addWidget(self.remove_button)
        self.remove_button.clicked.connect(lambda: self.remove_clicked.emit(self.text))


class _TermLine(QLineEdit):
    """The line where terms are typed; Backspace at its start asks to remove the last chip."""

    backspace_at_start = Signal()
    focus_changed = Signal(bool)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.focus_changed.emit(True)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.focus_changed.emit(False)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Backspace and not self.text():
            self.backspace_at_start.emit()
            return
        super().keyPressEvent(event)


class ChipsEditor(FieldEditor):
    """A list of terms shown as chips, edited with a completing line."""

    def __init__(self, noun: str = "tag", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._terms: list[str] = []
        self._known: list[str] = []
        self._flow = FlowLayout(self, spacing=6)
        self.line = _TermLine(self)
        self.line.setPlaceholderText(f"Add a {noun}…")
        self.line.setFrame(False)
        self.line.setMinimumWidth(140)
        self._flow.addWidget(self.line)
        self._model = QStringListModel(self)
        self.completer = QCompleter(self._model, self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer.setMaxVisibleItems(8)
        self.line.setCompleter(self.completer)
        self.setObjectName("chips")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setStyleSheet(
            "QWidget#chips { background: palette(base); border: 1px solid palette(mid);"
            " border-radius: 6px; }"
            ' QWidget#chips[focused="true"] { border-color: palette(highlight); }'
        )
        self._flow.setContentsMargins(6, 4, 6, 4)
        self.setFocusProxy(self.line)
        self.line.returnPressed.connect(self._on_return_pressed)
        self.line.textEdited.connect(self._on_text_edited)
        self.line.backspace_at_start.connect(self._remove_last)
        self.line.focus_changed.connect(self._on_line_focus_changed)
        self.completer.activated.connect(self._on_completion_activated)

    # -- the form's side ------------------------------------------------------------

    def set_completions(self, terms: Sequence[str]) -> None:
        """The terms the site uses, most used first."""
        self._known = list(terms)
        self._refresh_model()

    def set_value(self, value: Any) -> None:
        for chip in self.findChildren(Chip):
            self._flow.removeWidget(chip)
            chip.deleteLater()
        self._terms = []
        for term in value if isinstance(value, list) else []:
            self._insert_chip(str(term))
        self._refresh_model()

    def terms(self) -> list[str]:
        """The terms shown, in order."""
        return list(self._terms)

    # -- editing ---------------------------------------------------------------------

    def commit_pending(self) -> None:
        """Add the half-typed term, as Enter would, so a save does not leave it behind."""
        if self.add_term(self.line.text()):
            self.line.clear()

    def add_term(self, text: str) -> bool:
        """Add a term as the writer would; False when empty or already there."""
        term = " ".join(text.split())
        if not term:
            return False
        folded = term.casefold()
        if any(existing.casefold() == folded for existing in self._terms):
            return False
        term = next((known for known in self._known if known.casefold() == folded), term)
        self._insert_chip(term)
        self._refresh_model()
        self.value_edited.emit(self.terms())
        return True

    def remove_term(self, term: str) -> None:
        """Remove a chip by its text."""
        if term not in self._terms:
            return
        index = self._terms.index(term)
        del self._terms[index]
        chip = self._chips()[index]
        self._flow.removeWidget(chip)
        chip.deleteLater()
        self._refresh_model()
        self.line.setFocus()
        self.value_edited.emit(self.terms())

    def _insert_chip(self, term: str) -> None:
        chip = Chip(term, self)
        chip.remove_clicked.connect(self.remove_term)
        self._flow.insertWidget(len(self._terms), chip)
        chip.show()
        self._terms.append(term)
        self.updateGeometry()

    def _chips(self) -> list[Chip]:
        widgets = (self._flow.itemAt(i).widget() for i in range(self._flow.count()))
        return [widget for widget in widgets if isinstance(widget, Chip)]

    def _refresh_model(self) -> None:
        used = {term.casefold() for term in self._terms}
        self._model.setStringList([term for term in self._known if term.casefold() not in used])

    def _remove_last(self) -> None:
        if self._terms:
            self.remove_term(self._terms[-1])

    def _on_line_focus_changed(self, focused: bool) -> None:
        # The whole box shows focus, as a line edit's frame would.
        self.setProperty("focused", focused)
        self.style().unpolish(self)
        self.style().polish(self)

    def _on_return_pressed(self) -> None:
        popup = self.completer.popup()
        if popup.isVisible() and popup.currentIndex().isValid():
            return  # Enter chose a completion: `activated` follows with the whole term
        if self.add_term(self.line.text()):
            self.line.clear()

    def _on_text_edited(self, text: str) -> None:
        if "," not in text:
            return
        *done, rest = text.split(",")
        for part in done:
            self.add_term(part)
        self.line.setText(rest.lstrip())

    def _on_completion_activated(self, text: str) -> None:
        self.add_term(text)
        # The completer writes its text into the line after this signal; clear after it.
        QTimer.singleShot(0, self.line.clear)
