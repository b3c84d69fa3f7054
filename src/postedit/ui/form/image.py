"""An image field: a thumbnail of the file it names, its path, and "Choose…".

Where the file is (bundle, static folders) and how to name a chosen one is
core's rule (`core.images`); this widget shows the result. A file chosen from
outside the site is copied in after the writer agrees, since the site can only
publish what it holds.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QImageReader, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from postedit.core.images import (
    bundle_folder,
    copy_into_site,
    front_matter_path,
    image_folders,
    resolve_image,
)
from postedit.core.site import Site
from postedit.ui.form.base import FieldEditor, muted_color

THUMBNAIL = QSize(120, 76)
_FILTER = "Images (*.jpg *.jpeg *.png *.webp *.gif *.svg *.avif)"


class ImageEditor(FieldEditor):
    """Thumbnail, path and file picker for one image field."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.site: Site | None = None
        self.post: Path | None = None
        self.thumbnail = QLabel(self)
        self.thumbnail.setFixedSize(THUMBNAIL)
        self.thumbnail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thumbnail.setObjectName("thumbnail")
        self.thumbnail.setStyleSheet(
            "QLabel#thumbnail { background: palette(alternate-base);"
            " border: 1px solid palette(mid); border-radius: 6px;"
            f" color: {muted_color(self).name()}; }}"
        )
        self.path = QLineEdit(self)
        self.path.setMaxLength(2**31 - 1)  # a `data:` image is often longer than Qt's 32767
        self.path.setPlaceholderText("No image")
        self.choose = QPushButton("Choose…", self)
        self.choose.setToolTip("Pick an image file for this field")
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setStyleSheet(f"color: {muted_color(self).name()};")
        self.note.hide()
        path_row = QHBoxLayout()
        path_row.setContentsMargins(0, 0, 0, 0)
        path_row.addWidget(self.path, 1)
        path_row.addWidget(self.choose)
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.addLayout(path_row)
        right.addWidget(self.note)
        right.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.thumbnail, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(right, 1)
        self.setFocusProxy(self.path)
        self.path.textEdited.connect(self._on_path_edited)
        self.choose.clicked.connect(self._on_choose_clicked)

    def set_context(self, site: Site | None, post: Path | None) -> None:
        """The site and post the path is resolved against."""
        self.site, self.post = site, post
        self._show_thumbnail()

    def set_value(self, value: Any) -> None:
        self.path.setText("" if value is None else str(value))
        self._show_thumbnail()

    def image_file(self) -> Path | None:
        """The file the path names now, if there is one."""
        return resolve_image(self.site, self.post, self.path.text()).path

    def has_thumbnail(self) -> bool:
        """Whether a picture (not a placeholder text) is shown."""
        pixmap = self.thumbnail.pixmap()
        return pixmap is not None and not pixmap.isNull()

    def _on_path_edited(self, text: str) -> None:
        self._show_thumbnail()
        self.value_edited.emit(text)

    def _show_thumbnail(self) -> None:
        found = resolve_image(self.site, self.post, self.path.text())
        self.thumbnail.setPixmap(QPixmap())
        if found.remote:
            self.thumbnail.setText("Online image")
        elif found.path is None:
            self.thumbnail.setText("No preview" if self.path.text().strip() else "No image")
        else:
            image = _read_scaled(found.path, THUMBNAIL)
            if image.isNull():
                self.thumbnail.setText("Cannot show\nthis image")
            else:
                self.thumbnail.setText("")
                self.thumbnail.setPixmap(image)

    def _on_choose_clicked(self) -> None:
        chosen = self._ask_for_file()
        if chosen is None:
            return
        text = front_matter_path(self.site, self.post, chosen, like=self.path.text())
        if text is None:
            copied = self._copy_in(chosen)
            if copied is None:
                return
            text = front_matter_path(self.site, self.post, copied, like=self.path.text())
            if text is None:
                return
        self.path.setText(text)
        self._show_thumbnail()
        self.value_edited.emit(text)

    def _start_folder(self) -> str:
        current = self.image_file()
        if current is not None:
            return str(current.parent)
        folders = [folder for folder in image_folders(self.site, self.post) if folder.is_dir()]
        return str(folders[0]) if folders else str(Path.home())

    def _ask_for_file(self) -> Path | None:
        """The file the writer picks (a seam for tests: the dialog is modal)."""
        start = self._start_folder()
        name, _ = QFileDialog.getOpenFileName(self, "Choose an image", start, _FILTER)
        return Path(name) if name else None

    def _copy_in(self, chosen: Path) -> Path | None:
        """Copy a file from outside the site in, once the writer agrees."""
        bundle = bundle_folder(self.post, self.site)
        where = "next to this post" if bundle else "into the site's images folder"
        answer = QMessageBox.question(
            self,
            "Copy the image into the site?",
            f"“{chosen.name}” is outside the website, so it would not be published. "
            f"Copy it {where}?",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        try:
            return copy_into_site(self.site, self.post, chosen)
        except OSError as error:
            self.note.setText(f"The image could not be copied: {error}")
            self.note.show()
            return None


def _read_scaled(path: Path, box: QSize) -> QPixmap:
    """The image at `path` filling `box`, centre-cropped, decoded at that size (cheap
    even for a 20 MB photo)."""
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid():
        scaled = size.scaled(box, Qt.AspectRatioMode.KeepAspectRatioByExpanding)
        reader.setScaledSize(scaled)
        left = (scaled.width() - box.width()) // 2
        top = (scaled.height() - box.height()) // 2
        reader.setScaledClipRect(QRect(left, top, box.width(), box.height()))
    image = reader.read()
    return QPixmap.fromImage(image) if not image.isNull() else QPixmap()
