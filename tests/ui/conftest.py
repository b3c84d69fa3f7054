"""Qt setup the UI tests share: QtWebEngine needs its attribute before the app exists."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt

# QtWebEngine must be imported, and GL contexts shared, before pytest-qt creates
# the QApplication; conftest modules are imported before any test runs.
from PySide6.QtWebEngineWidgets import QWebEngineView  # noqa: F401

QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
