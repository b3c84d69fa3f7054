"""What can be opened, and how the writer chooses it: dialogs and dropped files.

The window asks this module for a path and never looks at file names itself:
a folder is a site (or a folder inside one), a Markdown file is a post.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData
from PySide6.QtWidgets import QFileDialog, QWidget

POST_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".mkdn")


def is_post_file(path: Path) -> bool:
    return path.suffix.lower() in POST_SUFFIXES


def openable_path(mime: QMimeData) -> Path | None:
    """The first local folder or Markdown file among dropped URLs, if any."""
    if not mime.hasUrls():
        return None
    for url in mime.urls():
        if not url.isLocalFile():
            continue
        path = Path(url.toLocalFile())
        if path.is_dir() or is_post_file(path):
            return path
    return None


def choose_site(parent: QWidget, start: Path | None) -> Path | None:
    """Ask for a site folder; None when the writer cancels."""
    folder = QFileDialog.getExistingDirectory(parent, "Open Site", str(start or Path.home()))
    return Path(folder) if folder else None


def choose_post(parent: QWidget, start: Path | None) -> Path | None:
    """Ask for one post; None when the writer cancels."""
    patterns = " ".join(f"*{suffix}" for suffix in POST_SUFFIXES)
    name, _ = QFileDialog.getOpenFileName(
        parent, "Open Post", str(start or Path.home()), f"Posts ({patterns});;All files (*)"
    )
    return Path(name) if name else None


def choose_save_path(parent: QWidget, suggested: Path | None) -> Path | None:
    """Ask where to save a copy of the post; None when the writer cancels."""
    patterns = " ".join(f"*{suffix}" for suffix in POST_SUFFIXES)
    name, _ = QFileDialog.getSaveFileName(
        parent, "Save As", str(suggested or Path.home()), f"Posts ({patterns})"
    )
    return Path(name) if name else None
