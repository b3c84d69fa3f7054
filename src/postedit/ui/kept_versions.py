"""The list of versions kept in the recovery folder, to reopen one of them.

When the writer resolves a conflict, the version not chosen is kept (see
`core.recovery.VersionStore`). This dialog lists those versions, newest first,
and hands the chosen one back to the window, which opens it; it can also show
the folder in the file manager for anyone who prefers to look there.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from postedit.core.recovery import KeptVersion, VersionStore

_VERSION_ROLE = Qt.ItemDataRole.UserRole


def post_name(post: Path) -> str:
    """How a post is named in the list: a bundle by its folder."""
    if post.stem in {"index", "_index"} and post.parent.name:
        return f"{post.parent.name}/{post.name}"
    return post.name


def when_text(version: KeptVersion) -> str:
    """When it was kept, in the writer's local time."""
    return version.kept_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")


class KeptVersionsDialog(QDialog):
    """Kept versions of one post (or of all posts); `version_chosen` carries the pick."""

    version_chosen = Signal(object)  # KeptVersion

    def __init__(
        self, store: VersionStore, parent: QWidget | None = None, *, post: Path | None = None
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.post = post
        title = f"Kept versions of {post_name(post)}" if post else "Kept versions"
        self.setWindowTitle(title)

        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.list = QTreeWidget(self)
        self.list.setHeaderLabels(["Post", "Kept", "Why"])
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.list.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.list.header().setStretchLastSection(True)

        buttons = QDialogButtonBox(self)
        self.open_button = QPushButton("Open", self)
        self.folder_button = QPushButton("Open folder", self)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.folder_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = buttons.addButton(QDialogButtonBox.StandardButton.Close)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(720, 420)

        self._fill()
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.open_button.clicked.connect(self._on_open_clicked)
        self.folder_button.clicked.connect(self._on_folder_clicked)
        self.close_button.clicked.connect(self.reject)
        self.list.itemDoubleClicked.connect(self._on_list_double_clicked)
        self.list.itemSelectionChanged.connect(self._on_list_selection_changed)

    def versions(self) -> list[KeptVersion]:
        """The versions listed, in the order shown (newest first)."""
        return [
            self.list.topLevelItem(row).data(0, _VERSION_ROLE)
            for row in range(self.list.topLevelItemCount())
        ]

    def selected_version(self) -> KeptVersion | None:
        items = self.list.selectedItems()
        return items[0].data(0, _VERSION_ROLE) if items else None

    def _fill(self) -> None:
        versions = self.store.versions(self.post)
        for version in versions:
            item = QTreeWidgetItem([post_name(version.post), when_text(version), version.reason])
            item.setData(0, _VERSION_ROLE, version)
            item.setToolTip(0, str(version.post))
            item.setToolTip(2, version.reason)
            self.list.addTopLevelItem(item)
        if versions:
            self.intro.setText(
                "When you chose one version of a post over another, postedit kept the "
                "other one here. Open one to see it; nothing is changed until you save."
            )
            self.list.setCurrentItem(self.list.topLevelItem(0))
        else:
            self.intro.setText("No versions have been kept yet.")
        self.list.setVisible(bool(versions))
        self._on_list_selection_changed()

    def _folder(self) -> Path:
        version = self.selected_version()
        return version.file.parent if version is not None else self.store.folder

    def _on_list_selection_changed(self) -> None:
        self.open_button.setEnabled(self.selected_version() is not None)
        self.folder_button.setEnabled(self._folder().is_dir())

    def _on_open_clicked(self) -> None:
        self._choose(self.selected_version())

    def _on_list_double_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        self._choose(item.data(0, _VERSION_ROLE))

    def _choose(self, version: KeptVersion | None) -> None:
        if version is None:
            return
        self.version_chosen.emit(version)
        self.accept()

    def _on_folder_clicked(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._folder())))
