"""The spec's slimming rules, run on made-up file lists (fast; the slow bundle test builds).

The spec is a script PyInstaller runs with its own globals, so its helper functions
are taken out of it and run here with a stand-in for PyInstaller's
`get_imports`: what each binary links against.
"""

from __future__ import annotations

import ast
import contextlib
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import PROJECT_ROOT

SPEC = PROJECT_ROOT / "packaging" / "postedit.spec"


def spec_functions(imports: dict[str, list[str]]) -> dict[str, Any]:
    """The spec's module-level constants and functions, `get_imports` faked from `imports`."""

    def get_imports(source: str) -> list[tuple[str, None]]:
        return [(name, None) for name in imports.get(source, [])]

    namespace: dict[str, Any] = {"re": re, "Path": Path, "get_imports": get_imports}
    for node in ast.parse(SPEC.read_text(encoding="utf-8")).body:
        constant = isinstance(node, ast.Assign) and all(
            isinstance(target, ast.Name) and target.id.isupper() for target in node.targets
        )
        if not (constant or isinstance(node, ast.FunctionDef)):
            continue  # the build itself: Analysis, EXE, COLLECT, BUNDLE
        # A constant built from PyInstaller's globals (ROOT, VERSION) is not needed here.
        with contextlib.suppress(NameError):
            exec(compile(ast.Module(body=[node], type_ignores=[]), str(SPEC), "exec"), namespace)
    return namespace


def binary(dest: str) -> tuple[str, str, str]:
    return (dest, dest, "BINARY")  # the source path doubles as get_imports' key


WINDOWS = [
    "PySide6/Qt6Core.dll",
    "PySide6/Qt6Gui.dll",
    "PySide6/Qt6Pdf.dll",  # only the dropped PDF plugin used it
    "PySide6/QtGui.pyd",
    "PySide6/plugins/imageformats/qtga.dll",
    "PySide6/plugins/imageformats/qtiff.dll",
    "PySide6/plugins/imageformats/qjpeg.dll",
]
WINDOWS_IMPORTS = {
    "PySide6/QtGui.pyd": ["Qt6Gui.dll", "Qt6Core.dll"],
    "PySide6/Qt6Gui.dll": ["Qt6Core.dll"],
    "PySide6/plugins/imageformats/qtga.dll": ["Qt6Gui.dll", "Qt6Core.dll"],
    "PySide6/plugins/imageformats/qtiff.dll": ["Qt6Gui.dll", "Qt6Core.dll"],
}


def test_unlinked_qt_libraries_go_and_plugins_named_like_them_stay() -> None:
    unlinked: Callable[[list[tuple[str, str, str]]], set[str]] = spec_functions(WINDOWS_IMPORTS)[
        "_unlinked_qt_libraries"
    ]
    assert unlinked([binary(dest) for dest in WINDOWS]) == {"qt6pdf.dll"}


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/qml/QtQuick/libqtquick2plugin.so", False),
        ("PySide6/Qt/resources/qtwebengine_devtools_resources.pak", False),
        ("PySide6/Qt/translations/qtwebengine_locales/nl.pak", True),
        ("PySide6/Qt/translations/qtwebengine_locales/de.pak", False),
        ("PySide6/Qt/translations/qtbase_nl.qm", True),
        ("PySide6/Qt/translations/qtbase_de.qm", False),
        ("PySide6/Qt/plugins/imageformats/libqtga.so", True),
        ("PySide6/Qt/plugins/imageformats/libqpdf.so", False),
        ("PySide6/plugins/imageformats/qtiff.dll", True),
        ("PySide6/plugins/platforms/qwindows.dll", True),
        ("PySide6/plugins/platforms/qdirect2d.dll", False),
        ("PySide6/Qt/plugins/qmltooling/libqmldbg_debugger.so", False),
    ],
)
def test_the_slimming_rules(dest: str, kept: bool) -> None:
    assert spec_functions({})["_kept"](dest) is kept
