"""The status bar: words, reading time, save state and the cursor's line:column."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from postedit.core.text_stats import TextStats, describe


class StatusBar(QStatusBar):
    """Four quiet labels on the right; transient messages on the left."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeGripEnabled(False)
        self.words = QLabel("", self)
        self.reading_time = QLabel("", self)
        self.save_state = QLabel("", self)
        self.position = QLabel("", self)
        for label in (self.words, self.reading_time, self.save_state, self.position):
            self.addPermanentWidget(label)

    def show_stats(self, stats: TextStats | None) -> None:
        words, minutes = describe(stats) if stats is not None else ("", "")
        self.words.setText(words)
        self.reading_time.setText(minutes)

    def show_save_state(self, text: str) -> None:
        self.save_state.setText(text)

    def show_position(self, line: int, column: int) -> None:
        """Show a 1-based line and column; (0, 0) clears it."""
        self.position.setText(f"Ln {line}, Col {column}" if line > 0 else "")
