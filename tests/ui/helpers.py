"""DOM helpers for UI tests: read and drive a QtWebEngine page as the writer sees it.

Scripts run in the application world, where they work with page JavaScript off
and the page's own content cannot interfere.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineScript
from PySide6.QtWebEngineWidgets import QWebEngineView

from postedit.ui.preview import register_url_scheme

# The preview's scheme must be known before the QApplication exists; test modules
# import this during collection, before pytest-qt makes the application.
register_url_scheme()

APPLICATION_WORLD = QWebEngineScript.ScriptWorldId.ApplicationWorld
_PENDING = object()


def run_js(
    qtbot: Any, view: QWebEngineView | QWebEnginePage, code: str, timeout: int = 5000
) -> Any:
    """Run `code` (one expression) in the application world and return its value.

    The value travels as JSON, so arrays and objects arrive as lists and dicts
    (PySide 6.12 hands them to the callback as "") and whole numbers as ints;
    undefined becomes None.
    """
    page = view.page() if isinstance(view, QWebEngineView) else view
    result: list[Any] = [_PENDING]

    def done(value: Any) -> None:
        result[0] = value

    page.runJavaScript(f"JSON.stringify(({code}))", APPLICATION_WORLD, done)
    qtbot.waitUntil(lambda: result[0] is not _PENDING, timeout=timeout)
    return None if result[0] in (None, "") else json.loads(result[0])


def dom_text(qtbot: Any, view: QWebEngineView | QWebEnginePage, selector: str = "body") -> str:
    """The visible text of the first element matching `selector` ("" when none)."""
    code = f"(function (s) {{ var e = document.querySelector(s); return e ? e.innerText : ''; }})({json.dumps(selector)})"
    return str(run_js(qtbot, view, code))


def wait_for_dom(
    qtbot: Any,
    view: QWebEngineView | QWebEnginePage,
    expression: str,
    timeout: int = 5000,
) -> Any:
    """Wait until `expression` is truthy in the page; returns its value."""
    found: list[Any] = [None]

    def check() -> bool:
        found[0] = run_js(qtbot, view, expression, timeout=timeout)
        return bool(found[0])

    qtbot.waitUntil(check, timeout=timeout)
    return found[0]


def delete_now(qtbot: Any, widget: Any, timeout: int = 5000) -> None:
    """Delete a widget holding web views now, not at exit.

    A QtWebEngine profile must not outlive the end of the test run with pages still
    alive ("Release of profile requested but WebEnginePage still not deleted"):
    `qtbot.addWidget` only schedules deletion, which may never be processed.
    """
    gone: list[bool] = []
    widget.destroyed.connect(lambda: gone.append(True))
    widget.close()
    widget.deleteLater()
    qtbot.waitUntil(lambda: bool(gone), timeout=timeout)
