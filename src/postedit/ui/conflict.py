"""The bar above the editor that says the open post changed or vanished on disk.

Non-modal on purpose: the writer may finish a sentence before deciding. The bar
only offers the choices; the window decides what each one does (compare, keep
mine, use theirs) and hides the bar again. It looks like the form's banner for
broken front matter, so all of postedit's warnings read alike.
"""

from __future__ import annotations

from typing import Literal

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from postedit.ui.form.base import is_dark

Mode = Literal["hidden", "changed", "deleted"]

CHANGED_TEXT = "This post was changed outside postedit."
DELETED_TEXT = (
    "This post was deleted outside postedit. Its text is still here; Save puts the file back."
)


class ConflictBar(QFrame):
    """A warning bar with Compare, Keep mine and Use theirs; hidden until needed."""

    compare_requested = Signal()
    keep_mine_requested = Signal()
    use_theirs_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictBar")
        background, border = ("#4a3512", "#8a6420") if is_dark(self) else ("#fff4e0", "#e6b45e")
        self.setStyleSheet(
            f"QFrame#conflictBar {{ background: {background}; border: 1px solid {border};"
            " border-radius: 6px; }"
            " QFrame#conflictBar QLabel { background: transparent; border: none; }"
        )
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.compare_button = QPushButton("Compare", self)
        self.keep_button = QPushButton("Keep mine", self)
        self.use_button = QPushButton("Use theirs", self)
        self.compare_button.setToolTip("Show both versions side by side")
        self.keep_button.setToolTip(
            "Keep your text; the version on disk is kept in the recovery folder"
        )
        self.use_button.setToolTip(
            "Load the version on disk; your text is kept in the recovery folder"
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 8, 6)
        layout.setSpacing(6)
        layout.addWidget(self.message, 1)
        for button in (self.compare_button, self.keep_button, self.use_button):
            layout.addWidget(button)
        self._mode: Mode = "hidden"
        self.compare_button.clicked.connect(self.compare_requested)
        self.keep_button.clicked.connect(self.keep_mine_requested)
        self.use_button.clicked.connect(self.use_theirs_requested)
        self.setVisible(False)

    @property
    def mode(self) -> Mode:
        """What the bar says now: nothing, a change on disk, or a deletion."""
        return self._mode

    def show_changed(self) -> None:
        """Say the post changed on disk and offer the three choices."""
        self._show("changed", CHANGED_TEXT, buttons=True)

    def show_deleted(self) -> None:
        """Say the post was deleted on disk; Save recreates it, so no choice is needed."""
        self._show("deleted", DELETED_TEXT, buttons=False)

    def clear(self) -> None:
        """Hide the bar."""
        self._mode = "hidden"
        self.setVisible(False)

    def _show(self, mode: Mode, text: str, *, buttons: bool) -> None:
        self._mode = mode
        self.message.setText(text)
        for button in (self.compare_button, self.keep_button, self.use_button):
            button.setVisible(buttons)
        self.setAccessibleDescription(text)
        self.setVisible(True)
