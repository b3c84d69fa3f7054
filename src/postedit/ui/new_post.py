"""The "New post" dialog: a title, a section, bundle or not; the file it will make.

The work is `postedit.render.archetype.create_post`, which makes the post as
`hugo new content` would; this dialog only asks and shows where the file goes.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from postedit.core.site import Site
from postedit.render.archetype import (
    NewPostError,
    create_post,
    existing_post,
    new_post_path,
    sections,
    slugify,
)

TOP_LEVEL_LABEL = "Top level (no section)"
_PREFERRED_SECTIONS = ("posts", "post", "blog")


class NewPostDialog(QDialog):
    """Asks for a new post's title and section and creates it on Create.

    After `exec()` returns Accepted, `created_path` is the post's file (a bundle's
    `index.md`) for the window to open; it stays None when nothing was made.
    """

    def __init__(
        self,
        site: Site,
        *,
        known_sections: Iterable[str] = (),
        section: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("New post")
        self.site = site
        self.created_path: Path | None = None

        self.title_edit = QLineEdit(self)
        self.title_edit.setPlaceholderText("What the post is called")
        self.section_combo = QComboBox(self)
        for name in sections(site, known_sections):
            self.section_combo.addItem(name, name)
        self.section_combo.addItem(TOP_LEVEL_LABEL, "")
        self.section_combo.setCurrentIndex(self._default_section_index(section))
        self.bundle_check = QCheckBox("Keep images with the post (page bundle)", self)
        self.bundle_check.setToolTip(
            "Makes a folder for the post, so its pictures can sit beside it."
        )
        self.path_label = QLabel(self)
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.path_label.setWordWrap(True)
        self.problem_label = QLabel(self)
        self.problem_label.setWordWrap(True)
        self.problem_label.setObjectName("newPostProblem")

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.create_button: QPushButton = self.buttons.addButton(
            "Create", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.create_button.setDefault(True)

        form = QFormLayout()
        form.addRow("Title", self.title_edit)
        form.addRow("Section", self.section_combo)
        form.addRow("", self.bundle_check)
        form.addRow("File", self.path_label)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)

        self._connect_signals()
        self._update_preview()
        self.title_edit.setFocus()

    def _connect_signals(self) -> None:
        self.title_edit.textChanged.connect(self._on_title_edit_text_changed)
        self.section_combo.currentIndexChanged.connect(self._on_section_combo_changed)
        self.bundle_check.toggled.connect(self._on_bundle_check_toggled)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)

    def _default_section_index(self, section: str | None) -> int:
        wanted = [section] if section is not None else []
        wanted.extend(_PREFERRED_SECTIONS)
        for name in wanted:
            found = self.section_combo.findData(name)
            if found >= 0:
                return found
        return 0

    @property
    def section(self) -> str:
        return str(self.section_combo.currentData() or "")

    def title_text(self) -> str:
        """The title as the post will have it: as typed, without spaces around it."""
        return self.title_edit.text().strip()

    def planned_path(self) -> Path | None:
        """The file Create would make, or None while the title gives no file name."""
        slug = slugify(self.title_edit.text())
        if not slug:
            return None
        return new_post_path(self.site, self.section, slug, bundle=self.bundle_check.isChecked())

    def _update_preview(self) -> None:
        path = self.planned_path()
        problem = ""
        if path is not None:
            taken = existing_post(self.site, self.section, slugify(self.title_edit.text()))
            if taken is not None:
                problem = (
                    f"There is already a post called “{self.site.relative(taken)}”. "
                    "Choose another title."
                )
        elif self.title_text():
            problem = "The title needs at least one letter or digit: the file is named after it."
        self.path_label.setText(self.site.relative(path) if path is not None else "")
        self.problem_label.setText(problem)
        self.create_button.setEnabled(path is not None and not problem)

    def _on_title_edit_text_changed(self, _text: str) -> None:
        self._update_preview()

    def _on_section_combo_changed(self, _index: int) -> None:
        self._update_preview()

    def _on_bundle_check_toggled(self, _checked: bool) -> None:
        self._update_preview()

    def _on_buttons_accepted(self) -> None:
        self._update_preview()  # the disk may have changed since the last keystroke
        if not self.create_button.isEnabled():
            return
        try:
            self.created_path = create_post(
                self.site, self.section, self.title_text(), self.bundle_check.isChecked()
            )
        except NewPostError as error:
            self.problem_label.setText(str(error))
            self.create_button.setEnabled(False)
            return
        self.accept()
