"""An on/off switch: what writers know from their phones, instead of a check box."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QAbstractButton, QSizePolicy, QWidget

_TRACK_WIDTH = 36
_TRACK_HEIGHT = 20
_GAP = 10


class Switch(QAbstractButton):
    """A checkable button drawn as a sliding switch, with its text beside it."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCheckable(True)
        self.setText(text)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        text_width = metrics.horizontalAdvance(self.text()) if self.text() else 0
        width = _TRACK_WIDTH + (_GAP + text_width if text_width else 0) + 4
        return QSize(width, max(_TRACK_HEIGHT, metrics.height()) + 6)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        top = (self.height() - _TRACK_HEIGHT) / 2
        track = QRectF(1, top, _TRACK_WIDTH, _TRACK_HEIGHT)
        on = self.isChecked()
        track_color = palette.color(QPalette.ColorRole.Highlight if on else QPalette.ColorRole.Mid)
        if not self.isEnabled():
            track_color.setAlpha(90)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(track_color)
        painter.drawRoundedRect(track, _TRACK_HEIGHT / 2, _TRACK_HEIGHT / 2)
        knob = _TRACK_HEIGHT - 4
        left = track.right() - knob - 2 if on else track.left() + 2
        painter.setBrush(palette.color(QPalette.ColorRole.Base))
        painter.drawEllipse(QRectF(left, top + 2, knob, knob))
        if self.hasFocus():
            focus = palette.color(QPalette.ColorRole.Highlight)
            painter.setPen(focus)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(track.adjusted(-1, -1, 1, 1), 11, 11)
        if self.text():
            painter.setPen(palette.color(QPalette.ColorRole.WindowText))
            text_rect = self.rect().adjusted(_TRACK_WIDTH + _GAP, 0, 0, 0)
            flags = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
            painter.drawText(text_rect, int(flags), self.text())
        painter.end()

    def hitButton(self, pos: QPoint) -> bool:
        # The text beside the switch is clickable too.
        return self.rect().contains(pos)
