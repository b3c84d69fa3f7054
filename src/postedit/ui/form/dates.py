"""Date and date-time pickers with a calendar popup.

The picker reports the day (or wall-clock date and time) the writer picked; the
form turns it into the value to store (`core.field_values.date_to_write`), in the
file's own spelling and with the original UTC offset. The clock shown is the
value's own, never converted to the computer's zone, and the offset is shown
beside it; Qt's clock runs in UTC here so that no daylight-saving gap can move a
time the writer did not touch.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QTimeZone
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QWidget,
)

from postedit.core.field_values import PICKER_FIRST_YEAR, shown_date
from postedit.ui.form.base import FieldEditor, guard_wheel, muted_color

_UTC = QTimeZone(QTimeZone.Initialization.UTC)


class DateEditor(FieldEditor):
    """A date (or date and time) with a calendar; "Set a date" while the post has none.

    Emits the date picked, or None when the writer removes the date.
    """

    def __init__(self, with_time: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.with_time = with_time
        self.picker = QDateTimeEdit(self)
        if hasattr(self.picker, "setTimeZone"):
            self.picker.setTimeZone(_UTC)
        else:  # WORKAROUND: Qt before 6.7 (pyproject allows 6.6) has only the time spec
            self.picker.setTimeSpec(Qt.TimeSpec.UTC)
        self.picker.setCalendarPopup(True)
        # Qt starts at 1752-09-14 unless told; an older date would be shown (and saved) as that.
        self.picker.setMinimumDate(QDate(PICKER_FIRST_YEAR, 1, 1))
        self.picker.setMaximumDate(QDate(9999, 12, 31))
        self.picker.setDisplayFormat("d MMMM yyyy   HH:mm" if with_time else "d MMMM yyyy")
        self.picker.setMinimumWidth(190 if with_time else 150)
        guard_wheel(self.picker)
        self.zone = QLabel(self)
        self.zone.setStyleSheet(f"color: {muted_color(self).name()};")
        picker_row = QWidget(self)
        row = QHBoxLayout(picker_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.picker)
        row.addWidget(self.zone)
        self.clear_button = QToolButton(picker_row)
        self.clear_button.setText("×")
        self.clear_button.setToolTip("Remove the date from the post")
        self.clear_button.setAccessibleName("Remove the date")
        self.clear_button.setAutoRaise(True)
        row.addWidget(self.clear_button)
        row.addStretch(1)
        button_row = QWidget(self)
        self.set_button = QPushButton("Set a date", button_row)
        self.set_button.setToolTip("The post has no date yet; this sets it to today.")
        buttons = QHBoxLayout(button_row)
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.set_button)
        buttons.addStretch(1)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(button_row)
        self.stack.addWidget(picker_row)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        layout.addStretch(1)
        self._loading = False
        self.picker.dateTimeChanged.connect(self._on_picker_changed)
        self.set_button.clicked.connect(self._on_set_clicked)
        self.clear_button.clicked.connect(self._on_clear_clicked)

    def set_value(self, value: Any) -> None:
        shown = shown_date(value) if value is not None else None
        self._loading = True
        try:
            if shown is None:
                self._show_page(0)
                self.zone.clear()
                return
            self._show_page(1)
            self._show(shown)
        finally:
            self._loading = False

    def picked(self) -> date:
        """What the picker shows: a date, or a naive datetime for a date-time field."""
        shown = self.picker.dateTime()
        day, clock = shown.date(), shown.time()
        if not self.with_time:
            return date(day.year(), day.month(), day.day())
        return datetime(
            day.year(), day.month(), day.day(), clock.hour(), clock.minute(), clock.second()
        )

    def _show_page(self, page: int) -> None:
        """0: the "Set a date" button, 1: the picker; focus goes to what is shown."""
        self.stack.setCurrentIndex(page)
        self.setFocusProxy(self.picker if page else self.set_button)

    def _show(self, value: date) -> None:
        qdate = QDate(value.year, value.month, value.day)
        if isinstance(value, datetime):
            qtime = QTime(value.hour, value.minute, value.second)
            offset = value.utcoffset()
            self.zone.setText(_offset_words(offset.total_seconds()) if offset is not None else "")
        else:
            qtime = QTime(0, 0)
            self.zone.clear()
        self.picker.setDateTime(QDateTime(qdate, qtime, _UTC))

    def _on_set_clicked(self) -> None:
        today = datetime.now().replace(second=0, microsecond=0)
        value: date = today if self.with_time else today.date()
        self._loading = True
        try:
            self._show_page(1)
            self._show(value)
        finally:
            self._loading = False
        self.value_edited.emit(value)

    def _on_clear_clicked(self) -> None:
        """No date: the form removes the field, and "Set a date" offers it again."""
        self._show_page(0)
        self.zone.clear()
        self.value_edited.emit(None)

    def _on_picker_changed(self) -> None:
        if not self._loading:
            self.value_edited.emit(self.picked())


def _offset_words(seconds: float) -> str:
    """ "UTC+02:00" for an offset in seconds."""
    minutes = int(seconds) // 60
    sign = "-" if minutes < 0 else "+"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{rest:02d}"
