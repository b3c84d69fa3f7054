"""The save flow: save through core, and ask the writer what to do when it fails.

`Document.save()` does the writing (atomic, byte-preserving); this module only
turns its errors into questions in plain words and acts on the answers. The
questions go through a `Prompter`, so tests answer them without dialogs and the
flow itself runs exactly as in the program. Whatever happens, the text stays in
the window: a failed save changes nothing but the message shown.

A save that finds the file changed by another program never overwrites it: the
window's own conflict flow (compare, keep mine, use theirs) decides, through the
`on_external_change` callback.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import Enum, auto
from pathlib import Path
from typing import Protocol

from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from postedit.core.document import (
    Document,
    EncodingSaveError,
    ExternalChangeError,
    Fingerprint,
    SaveError,
)
from postedit.core.site import Site
from postedit.ui.compare import CompareChoice, CompareDialog
from postedit.ui.new_post import NewPostDialog
from postedit.ui.open import choose_save_path


class Choice(Enum):
    SAVE = auto()
    DISCARD = auto()
    CANCEL = auto()
    RETRY = auto()
    SAVE_AS = auto()
    OVERWRITE = auto()
    USE_UTF8 = auto()
    KEEP_MINE = auto()
    USE_THEIRS = auto()
    RESTORE = auto()
    LATER = auto()


class Prompter(Protocol):
    """The questions and notices of the window; `DialogPrompter` shows real dialogs."""

    def ask_unsaved(self, name: str) -> Choice:
        """SAVE, DISCARD or CANCEL for unsaved changes to the post called `name`."""
        ...

    def ask_save_failed(self, message: str) -> Choice:
        """RETRY, SAVE_AS or CANCEL after a save failed with `message`."""
        ...

    def ask_use_utf8(self, message: str) -> Choice:
        """USE_UTF8 or CANCEL when the file's encoding cannot hold the new text."""
        ...

    def compare(
        self,
        mine: str,
        theirs: str,
        *,
        mine_label: str,
        theirs_label: str,
        keep_label: str,
        use_label: str,
    ) -> Choice:
        """KEEP_MINE, USE_THEIRS or CANCEL after showing both texts side by side."""
        ...

    def ask_restore(self, name: str, when: str, disk_changed: bool) -> Choice:
        """RESTORE, DISCARD or LATER for unsaved text of `name` a crash left behind."""
        ...

    def ask_save_path(self, suggested: Path | None) -> Path | None: ...

    def ask_new_post(
        self, site: Site, known_sections: Iterable[str], section: str | None
    ) -> Path | None:
        """Let the writer name and create a new post; the created file, or None."""
        ...

    def inform(self, title: str, message: str) -> None: ...

    def warn(self, title: str, message: str) -> None: ...


_Button = tuple[str, Choice, QMessageBox.ButtonRole]
_COMPARE_CHOICES = {
    CompareChoice.KEEP_MINE: Choice.KEEP_MINE,
    CompareChoice.USE_THEIRS: Choice.USE_THEIRS,
    CompareChoice.CANCEL: Choice.CANCEL,
}


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
            if choice in (Choice.SAVE, Choice.RETRY, Choice.RESTORE):
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

    def compare(
        self,
        mine: str,
        theirs: str,
        *,
        mine_label: str,
        theirs_label: str,
        keep_label: str,
        use_label: str,
    ) -> Choice:
        dialog = CompareDialog(
            mine,
            theirs,
            self._parent,
            mine_label=mine_label,
            theirs_label=theirs_label,
            keep_label=keep_label,
            use_label=use_label,
        )
        try:
            dialog.exec()
            return _COMPARE_CHOICES.get(dialog.choice, Choice.CANCEL)
        finally:
            dialog.deleteLater()

    def ask_restore(self, name: str, when: str, disk_changed: bool) -> Choice:
        role = QMessageBox.ButtonRole
        detail = f"postedit stopped {when} before these changes were saved."
        if disk_changed:
            detail += (
                " The file has changed since then: you will see both versions before "
                "anything is replaced."
            )
        return self._ask(
            "Unsaved text found",
            f"Bring back your unsaved changes to “{name}”?",
            detail,
            [
                ("Restore", Choice.RESTORE, role.AcceptRole),
                ("Discard", Choice.DISCARD, role.DestructiveRole),
                ("Later", Choice.LATER, role.RejectRole),
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

    def ask_new_post(
        self, site: Site, known_sections: Iterable[str], section: str | None
    ) -> Path | None:
        dialog = NewPostDialog(
            site, known_sections=known_sections, section=section, parent=self._parent
        )
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.created_path
        finally:
            dialog.deleteLater()

    def inform(self, title: str, message: str) -> None:
        QMessageBox.information(self._parent, title, message)

    def warn(self, title: str, message: str) -> None:
        QMessageBox.warning(self._parent, title, message)


def save_document(
    document: Document,
    prompter: Prompter,
    target: Path | None = None,
    *,
    before_write: Callable[[Path, Fingerprint], None] | None = None,
    on_external_change: Callable[[ExternalChangeError], Choice] | None = None,
) -> bool:
    """Save `document` (to `target`, default its own file), asking after each failure.

    `before_write` hears where and what is about to be written (the watcher must
    know our own save before its events arrive). When the file changed on disk,
    `on_external_change` settles it: KEEP_MINE means the document took the disk's
    version as its baseline (try again: a newer change is caught again),
    OVERWRITE writes over whatever is there knowingly (a deleted post put back),
    USE_THEIRS means the document now is the disk's version (nothing left to
    save), anything else stops; without it, the save stops.

    True once saved (or nothing is left to save), False when the writer gave up.
    """
    overwrite = False
    while True:
        try:
            destination = target or document.path
            if before_write is not None and destination is not None:
                before_write(destination, Fingerprint.of(document.to_bytes()))
            document.save(target, overwrite_external=overwrite)
            return True
        except ExternalChangeError as error:
            settled = on_external_change(error) if on_external_change else Choice.CANCEL
            if settled is Choice.KEEP_MINE:
                continue
            if settled is Choice.OVERWRITE:
                overwrite = True
                continue
            return settled is Choice.USE_THEIRS
        except EncodingSaveError as error:
            if prompter.ask_use_utf8(str(error)) is not Choice.USE_UTF8:
                return False
            document.use_utf8()
            continue
        except SaveError as error:
            choice = prompter.ask_save_failed(str(error))
        if choice is Choice.SAVE_AS:
            chosen = prompter.ask_save_path(target or document.path)
            if chosen is None:
                return False
            target, overwrite = chosen, False
        elif choice is not Choice.RETRY:
            return False


def settle_unsaved(
    document: Document | None,
    prompter: Prompter,
    save: Callable[[], bool],
    discarded: Callable[[Document], None] | None = None,
    *,
    deleted: bool = False,
) -> bool:
    """Whether the window may let go of `document`: saved, discarded, or unchanged.

    `save` is the window's own save, so a save chosen here shows its outcome
    ("Not saved") like any other; `discarded` hears of an explicit Don't Save
    (its crash journal goes too). A `deleted` post (its file removed by another
    program) is asked about even without edits: its text is nowhere else now.
    """
    if document is None or not (document.is_modified or deleted):
        return True
    name = document.path.name if document.path is not None else "this post"
    choice = prompter.ask_unsaved(name)
    if choice is Choice.SAVE:
        return save()
    if choice is not Choice.DISCARD:
        return False
    if discarded is not None:
        discarded(document)
    return True
