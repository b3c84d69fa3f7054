"""The save flow: save through core, and ask the writer what to do when it fails.

`Document.save()` does the writing (atomic, byte-preserving); this module only
turns its errors into questions in plain words and acts on the answers. The
questions go through a `Prompter`, so tests answer them without dialogs and the
flow itself runs exactly as in the program. Whatever happens, the text stays in
the window: a failed save changes nothing but the message shown.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum, auto
from pathlib import Path
from typing import Protocol

from PySide6.QtWidgets import QMessageBox, QWidget

from postedit.core.document import Document, EncodingSaveError, ExternalChangeError, SaveError
from postedit.ui.open import choose_save_path


class Choice(Enum):
    SAVE = auto()
    DISCARD = auto()
    CANCEL = auto()
    RETRY = auto()
    SAVE_AS = auto()
    OVERWRITE = auto()
    USE_UTF8 = auto()


class Prompter(Protocol):
    """The questions and notices of the window; `DialogPrompter` shows real dialogs."""

    def ask_unsaved(self, name: str) -> Choice:
        """SAVE, DISCARD or CANCEL for unsaved changes to the post called `name`."""
        ...

    def ask_save_failed(self, message: str) -> Choice:
        """RETRY, SAVE_AS or CANCEL after a save failed with `message`."""
        ...

    def ask_external_change(self, message: str) -> Choice:
        """OVERWRITE, SAVE_AS or CANCEL when the file changed on disk."""
        ...

    def ask_use_utf8(self, message: str) -> Choice:
        """USE_UTF8 or CANCEL when the file's encoding cannot hold the new text."""
        ...

    def ask_save_path(self, suggested: Path | None) -> Path | None: ...

    def inform(self, title: str, message: str) -> None: ...

    def warn(self, title: str, message: str) -> None: ...


_Button = tuple[str, Choice, QMessageBox.ButtonRole]


class DialogPrompter:
    """Real message boxes, parented to the window."""

    def __init__(self, parent: QWidget) -> None:
        self._parent = parent

    def _ask(
        self,
        title: str,
        text: str,
        detail: str,
        buttons: list[tuple[str, Choice, QMessageBox.ButtonRole]],
    ) -> Choice:
        box = QMessageBox(self._parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(title)
        box.setText(text)
        box.setInformativeText(detail)
        choices = {}
        for label, choice, role in buttons:
            button = box.addButton(label, role)
            choices[button] = choice
            if choice in (Choice.SAVE, Choice.RETRY, Choice.OVERWRITE):
                box.setDefaultButton(button)
        box.exec()
        return choices.get(box.clickedButton(), Choice.CANCEL)

    def ask_unsaved(self, name: str) -> Choice:
        role = QMessageBox.ButtonRole
        return self._ask(
            "Unsaved changes",
            f"Save your changes to “{name}”?",
            "If you don't save, your changes since the last save are lost.",
            [
                ("Save", Choice.SAVE, role.AcceptRole),
                ("Don't Save", Choice.DISCARD, role.DestructiveRole),
                ("Cancel", Choice.CANCEL, role.RejectRole),
            ],
        )

    def ask_save_failed(self, message: str) -> Choice:
        role = QMessageBox.ButtonRole
        return self._ask(
            "Not saved",
            "Your post could not be saved.",
            f"{message}\n\nYour text is still here. Try again, or save it somewhere else.",
            [
                ("Try Again", Choice.RETRY, role.AcceptRole),
                ("Save As…", Choice.SAVE_AS, role.ActionRole),
                ("Cancel", Choice.CANCEL, role.RejectRole),
            ],
        )

    def ask_external_change(self, message: str) -> Choice:
        role = QMessageBox.ButtonRole
        return self._ask(
            "Changed elsewhere",
            "This post was changed by another program.",
            message,
            [
                ("Overwrite", Choice.OVERWRITE, role.DestructiveRole),
                ("Save As…", Choice.SAVE_AS, role.ActionRole),
                ("Cancel", Choice.CANCEL, role.RejectRole),
            ],
        )

    def ask_use_utf8(self, message: str) -> Choice:
        role = QMessageBox.ButtonRole
        return self._ask(
            "Not saved yet",
            "Some characters do not fit this post's old encoding.",
            f"{message}\n\nUTF-8 holds every character, and Hugo reads it.",
            [
                ("Save as UTF-8", Choice.USE_UTF8, role.AcceptRole),
                ("Cancel", Choice.CANCEL, role.RejectRole),
            ],
        )

    def ask_save_path(self, suggested: Path | None) -> Path | None:
        return choose_save_path(self._parent, suggested)

    def inform(self, title: str, message: str) -> None:
        QMessageBox.information(self._parent, title, message)

    def warn(self, title: str, message: str) -> None:
        QMessageBox.warning(self._parent, title, message)


def save_document(document: Document, prompter: Prompter, target: Path | None = None) -> bool:
    """Save `document` (to `target`, default its own file), asking after each failure.

    True once saved, False when the writer gave up.
    """
    overwrite = False
    while True:
        try:
            document.save(target, overwrite_external=overwrite)
            return True
        except ExternalChangeError as error:
            choice = prompter.ask_external_change(str(error))
        except EncodingSaveError as error:
            if prompter.ask_use_utf8(str(error)) is not Choice.USE_UTF8:
                return False
            document.use_utf8()
            continue
        except SaveError as error:
            choice = prompter.ask_save_failed(str(error))
        if choice is Choice.OVERWRITE:
            overwrite = True
        elif choice is Choice.SAVE_AS:
            chosen = prompter.ask_save_path(target or document.path)
            if chosen is None:
                return False
            target, overwrite = chosen, False
        elif choice is not Choice.RETRY:
            return False


def settle_unsaved(document: Document | None, prompter: Prompter, save: Callable[[], bool]) -> bool:
    """Whether the window may let go of `document`: saved, discarded, or unchanged.

    `save` is the window's own save, so a save chosen here shows its outcome
    ("Not saved") like any other.
    """
    if document is None or not document.is_modified:
        return True
    name = document.path.name if document.path is not None else "this post"
    choice = prompter.ask_unsaved(name)
    if choice is Choice.SAVE:
        return save()
    return choice is Choice.DISCARD
