"""The plain field widgets: a line, long text, a number, a choice, a switch."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from postedit.core.field_values import (
    DECIMAL_LIMIT,
    DECIMAL_PLACES,
    DESCRIPTION_LIMIT,
    WHOLE_LIMIT,
)
from postedit.ui.form.base import (
    FieldEditor,
    exact_text,
    guard_wheel,
    muted_color,
    warning_color,
)
from postedit.ui.form.switch import Switch


def _bare(layout: QHBoxLayout | QVBoxLayout) -> None:
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(4)


class LineEditor(FieldEditor):
    """One line of text (a title, an author, a slug)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line = QLineEdit(self)
        # A line edit cuts text beyond 32767 characters; a longer title must survive an edit.
        self.line.setMaxLength(2**31 - 1)
        layout = QHBoxLayout(self)
        _bare(layout)
        layout.addWidget(self.line)
        self.setFocusProxy(self.line)
        self.line.textEdited.connect(self.value_edited.emit)

    def set_value(self, value: Any) -> None:
        self.line.setText("" if value is None else str(value))
        self.line.setCursorPosition(0)


class LongTextEditor(FieldEditor):
    """Several lines of text; a description shows its length against what search shows."""

    def __init__(self, limit: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.limit = limit
        self.text = QPlainTextEdit(self)
        self.text.setTabChangesFocus(True)
        lines = 3
        self.text.setFixedHeight(
            self.text.fontMetrics().lineSpacing() * lines
            + 2 * int(self.text.document().documentMargin())
            + 6
        )
        self.counter = QLabel(self)
        self.counter.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.counter.setVisible(limit is not None)
        layout = QVBoxLayout(self)
        _bare(layout)
        layout.addWidget(self.text)
        layout.addWidget(self.counter)
        self.setFocusProxy(self.text)
        self._loading = False
        self.text.textChanged.connect(self._on_text_changed)

    def set_value(self, value: Any) -> None:
        self._loading = True
        try:
            self.text.setPlainText("" if value is None else str(value))
        finally:
            self._loading = False
        self._update_counter()

    def _on_text_changed(self) -> None:
        self._update_counter()
        if not self._loading:
            self.value_edited.emit(exact_text(self.text))

    def _update_counter(self) -> None:
        if self.limit is None:
            return
        length = len(exact_text(self.text))
        over = length > self.limit
        color = warning_color(self) if over else muted_color(self)
        words = f"{length} / {self.limit} characters"
        if over:
            words += " — search engines will cut it short"
        self.counter.setText(words)
        self.counter.setStyleSheet(f"color: {color.name()};")


def description_editor(parent: QWidget | None = None) -> LongTextEditor:
    """The long-text editor with the description's counter."""
    return LongTextEditor(DESCRIPTION_LIMIT, parent)


class _DecimalSpinBox(QDoubleSpinBox):
    """A decimal spin box that shows 2.5 as "2.5", not "2.500000"."""

    def textFromValue(self, value: float) -> str:
        text = f"{value:.{self.decimals()}f}".rstrip("0")
        return text + "0" if text.endswith(".") else text


class NumberEditor(FieldEditor):
    """A whole number or a decimal, as the value already is."""

    def __init__(self, decimal: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.decimal = decimal
        self.spin: QSpinBox | QDoubleSpinBox
        if decimal:
            self.spin = _DecimalSpinBox(self)
            self.spin.setDecimals(DECIMAL_PLACES)
            self.spin.setRange(-DECIMAL_LIMIT, DECIMAL_LIMIT)
        else:
            self.spin = QSpinBox(self)
            self.spin.setRange(-WHOLE_LIMIT, WHOLE_LIMIT)
        self.spin.setMinimumWidth(120)
        guard_wheel(self.spin)
        layout = QHBoxLayout(self)
        _bare(layout)
        layout.addWidget(self.spin)
        layout.addStretch(1)
        self.setFocusProxy(self.spin)
        self._loading = False
        self.spin.valueChanged.connect(self._on_value_changed)

    def set_value(self, value: Any) -> None:
        self._loading = True
        try:
            self.spin.setValue(value if isinstance(value, int | float) else 0)
        finally:
            self._loading = False

    def _on_value_changed(self, value: float) -> None:
        if not self._loading:
            self.value_edited.emit(float(value) if self.decimal else int(value))


class ChoiceEditor(FieldEditor):
    """One of a few values the site's schema lists."""

    def __init__(self, choices: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choices = choices
        self.combo = QComboBox(self)
        guard_wheel(self.combo)
        layout = QHBoxLayout(self)
        _bare(layout)
        layout.addWidget(self.combo)
        layout.addStretch(1)
        self.setFocusProxy(self.combo)
        self._loading = False
        self.combo.currentIndexChanged.connect(self._on_index_changed)

    def set_value(self, value: Any) -> None:
        self._loading = True
        try:
            self.combo.clear()
            self.combo.addItem("—", None)  # not set
            for choice in self.choices:
                self.combo.addItem(choice, choice)
            if isinstance(value, str) and value not in self.choices:
                self.combo.addItem(value, value)
            found = self.combo.findData(value) if value is not None else 0
            self.combo.setCurrentIndex(max(found, 0))
        finally:
            self._loading = False

    def _on_index_changed(self, index: int) -> None:
        if not self._loading:
            data = self.combo.itemData(index)
            self.value_edited.emit("" if data is None else data)


class SwitchEditor(FieldEditor):
    """Yes or no as a switch, with words saying what the current position means."""

    def __init__(self, on_text: str, off_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.on_text, self.off_text = on_text, off_text
        self.switch = Switch(off_text, self)
        layout = QHBoxLayout(self)
        _bare(layout)
        layout.addWidget(self.switch)
        layout.addStretch(1)
        self.setFocusProxy(self.switch)
        self.switch.toggled.connect(self._show_state)
        self.switch.clicked.connect(self._on_switch_clicked)

    def set_value(self, value: Any) -> None:
        self.switch.setChecked(bool(value))
        self._show_state(bool(value))

    def _on_switch_clicked(self) -> None:
        self.value_edited.emit(self.switch.isChecked())

    def _show_state(self, on: bool) -> None:
        self.switch.setText(self.on_text if on else self.off_text)
        self.switch.updateGeometry()
        self.switch.update()
