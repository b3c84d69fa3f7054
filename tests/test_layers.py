"""The layers stay visible: core/ and render/ never import Qt."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "postedit"
QT_MODULES = ("PySide6", "PyQt5", "PyQt6", "shiboken6", "qtpy")


def _imports(path: Path) -> list[str]:
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


QT_FREE_FILES = sorted((SRC / "core").rglob("*.py")) + sorted((SRC / "render").rglob("*.py"))


@pytest.mark.parametrize("path", QT_FREE_FILES, ids=lambda p: str(p.relative_to(SRC)))
def test_core_and_render_import_no_qt(path: Path) -> None:
    qt = [name for name in _imports(path) if name.split(".")[0] in QT_MODULES]
    assert qt == [], f"{path.relative_to(SRC)} imports {qt}"
    ui = [name for name in _imports(path) if name.startswith("postedit.ui")]
    assert ui == [], f"{path.relative_to(SRC)} imports the UI layer: {ui}"


def test_the_check_sees_a_qt_import(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("from PySide6.QtCore import QObject\n", encoding="utf-8")
    assert _imports(sample) == ["PySide6.QtCore"]
