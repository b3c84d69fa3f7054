"""What every field widget of the form shares: show a value, report the writer's edits.

The form tells a widget what to show with `set_value` (which never reports back,
so loading a post writes nothing) and listens to `value_edited`, emitted only when
the writer changes something. Widgets know nothing of documents or files.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QPlainTextEdit, QWidget


class FieldEditor(QWidget):
    """Base of the form's field widgets."""

    value_edited = Signal(object)

    def set_value(self, value: Any) -> None:
        """Show `value` (None: the field is not in the post) without emitting anything."""
        raise NotImplementedError


class WheelGuard(QObject):
    """Lets a spin box, combo box or date field take the mouse wheel only when focused.

    Otherwise scrolling the form past one of them would change its value; the
    wheel scrolls the form instead.
    """

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Wheel or not isinstance(watched, QWidget):
            return False
        if watched.hasFocus():
            return False
        area = watched.parentWidget()
        while area is not None and not isinstance(area, QAbstractScrollArea):
            area = area.parentWidget()
        if area is not None:
            QApplication.sendEvent(area.verticalScrollBar(), event)
        return True


def guard_wheel(widget: QWidget) -> None:
    """Install a WheelGuard on `widget` (kept alive as its child)."""
    from PySide6.QtCore import Qt

    widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    widget.installEventFilter(WheelGuard(widget))


def exact_text(edit: QPlainTextEdit) -> str:
    """The text of `edit` exactly as typed or set, lines joined by "\\n".

    `toPlainText()` turns no-break spaces into plain spaces (and line separators
    into newlines), so one keystroke in a description would silently rewrite
    every no-break space a French or Dutch writer put there. The raw text keeps
    them; only the separators between paragraphs become newlines.
    """
    return edit.document().toRawText().replace("\u2029", "\n")


def is_dark(widget: QWidget) -> bool:
    """Whether the widget is drawn light on dark (a dark theme)."""
    return widget.palette().color(QPalette.ColorRole.Window).lightness() < 128


def warning_color(widget: QWidget) -> QColor:
    """A calm amber that reads on light and dark backgrounds."""
    return QColor("#f0b35a") if is_dark(widget) else QColor("#a75c00")


def muted_color(widget: QWidget) -> QColor:
    """Secondary text: labels' hints, counters."""
    return widget.palette().color(QPalette.ColorGroup.Active, QPalette.ColorRole.PlaceholderText)
