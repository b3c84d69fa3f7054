"""Qt setup the UI tests share, done before pytest-qt creates the QApplication.

QtWebEngine must be imported and GL contexts shared before the application exists,
and the preview's `postedit:` URL scheme registered; conftest modules are imported
before any test runs.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWebEngineWidgets import QWebEngineView  # noqa: F401

from postedit.ui.preview import register_url_scheme

QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
register_url_scheme()
