"""Raw YAML fields, and broken front matter shown as a banner over its editable text."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from postedit.core.document import Document
from postedit.ui.form.raw import RawEditor
from tests.ui.test_form_support import changed_lines, indexed, open_form

WITH_PARAMS = (
    '---\ntitle: "Params"\nparams:\n  color: blue  # the accent\n  sizes: [1, 2]\n'
    "menu:\n  main:\n    weight: 3\n---\nBody.\n"
)
BROKEN = '---\ntitle: "Broken\ndate: 2024-01-02\n---\nThe body.\n'


def write_post(root: Path, name: str, text: str) -> Path:
    path = root / "content" / "blog" / name
    path.write_bytes(text.encode("utf-8"))
    return path


def replace_text(qtbot, editor, text: str) -> None:
    """Select all and type, as a writer would."""
    editor.setFocus()
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    qtbot.keyClicks(editor, text)


@pytest.fixture
def params_post(qtbot, demo_site: Path):
    path = write_post(demo_site, "params.md", WITH_PARAMS)
    site, index = indexed(demo_site)
    return open_form(qtbot, site, index, path)


def test_nested_fields_are_raw_yaml_editors(params_post) -> None:
    form, document = params_post
    params = form.editor("params")
    assert isinstance(params, RawEditor)
    assert params.text.toPlainText() == "color: blue\nsizes:\n  - 1\n  - 2"
    assert isinstance(form.editor("menu"), RawEditor)
    assert not document.is_modified


def test_a_raw_field_round_trips_into_the_file(qtbot, params_post) -> None:
    form, document = params_post
    original = document.to_bytes()
    params = form.editor("params")
    cursor = params.text.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Start)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfLine)
    cursor.movePosition(QTextCursor.MoveOperation.Left, n=4)
    params.text.setTextCursor(cursor)
    params.text.setFocus()
    with qtbot.waitSignal(form.edited):
        for _ in range(4):
            qtbot.keyClick(params.text, Qt.Key.Key_Delete)
        qtbot.keyClicks(params.text, "green")
    assert document.front_matter["params"] == {"color": "green", "sizes": [1, 2]}
    assert changed_lines(original, document.to_bytes()) == [
        "-  color: blue  # the accent",
        "+  color: green  # the accent",
    ]


def test_bad_yaml_shows_an_error_and_keeps_the_last_good_value(qtbot, params_post) -> None:
    form, document = params_post
    params = form.editor("params")
    replace_text(qtbot, params.text, "color: red")
    assert document.front_matter["params"] == {"color": "red"}
    qtbot.keyClick(params.text, Qt.Key.Key_Return)
    qtbot.keyClicks(params.text, "sizes: [1, 2")
    error = params.error_text()
    assert error.startswith("Line 2, column 8: A list in [ ] is not closed with “]”")
    assert error.endswith("The post keeps the last value that read correctly.")
    last_good = {"color": "red", "sizes": None}  # "sizes:" read, "sizes: [" did not
    assert document.front_matter["params"] == last_good
    assert saved_values(document)["params"] == last_good
    with qtbot.waitSignal(form.edited):
        qtbot.keyClicks(params.text, "]")
    assert params.error_text() == ""
    assert document.front_matter["params"] == {"color": "red", "sizes": [1, 2]}


def saved_values(document: Document) -> dict:
    """The front matter a save would write, read back."""
    return dict(Document(document.to_bytes()).front_matter)


def paste(editor, text: str) -> None:
    """Replace all text in one edit, as pasting does."""
    editor.setFocus()
    editor.selectAll()
    editor.insertPlainText(text)


def test_an_edit_the_file_cannot_hold_is_taken_back(qtbot, demo_site: Path) -> None:
    path = write_post(demo_site, "toml.md", '+++\ntitle = "T"\n[params]\ncolor = "blue"\n+++\n')
    site, index = indexed(demo_site)
    form, document = open_form(qtbot, site, index, path)
    params = form.editor("params")
    with qtbot.assertNotEmitted(form.edited):
        paste(params.text, "color: ~")  # TOML has no null
    assert document.front_matter["params"] == {"color": "blue"}
    assert "The post keeps its previous value." in form.problem("params")
    assert document.to_bytes() == path.read_bytes()


def test_broken_yaml_shows_a_banner_with_line_and_column(qtbot, demo_site: Path) -> None:
    path = write_post(demo_site, "broken.md", BROKEN)
    site, index = indexed(demo_site)
    form, document = open_form(qtbot, site, index, path)
    assert form.is_broken()
    banner = form.broken_view.banner.text()
    error = document.front_matter_error
    assert banner.startswith(
        f"The front matter has a problem on line {error.line}, column {error.column}: "
    )
    assert error.line == 2
    assert error.message in banner
    assert form.broken_view.text.toPlainText() == 'title: "Broken\ndate: 2024-01-02\n'
    assert document.to_bytes() == BROKEN.encode()


def test_repairing_broken_yaml_brings_the_form_back(qtbot, demo_site: Path) -> None:
    path = write_post(demo_site, "broken.md", BROKEN)
    site, index = indexed(demo_site)
    form, document = open_form(qtbot, site, index, path)
    raw = form.broken_view.text
    cursor = raw.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Start)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfLine)
    raw.setTextCursor(cursor)
    raw.setFocus()
    with qtbot.waitSignal(form.edited):
        qtbot.keyClick(raw, Qt.Key.Key_QuoteDbl)
    assert not form.is_broken()
    assert form.editor("title").line.text() == "Broken"
    assert document.to_bytes() == BROKEN.replace('"Broken', '"Broken"').encode()


def test_save_writes_exactly_the_broken_text_shown(qtbot, demo_site: Path) -> None:
    path = write_post(demo_site, "broken.md", BROKEN)
    site, index = indexed(demo_site)
    form, document = open_form(qtbot, site, index, path)
    raw = form.broken_view.text
    raw.moveCursor(QTextCursor.MoveOperation.End)
    with qtbot.waitSignal(form.edited):
        qtbot.keyClicks(raw, "tags: [a, b")
    assert form.is_broken()
    shown = raw.toPlainText()
    assert document.to_bytes() == f"---\n{shown}\n---\nThe body.\n".encode()
    assert "on line 2, column 8: A quoted value is never closed" in form.broken_view.banner.text()
    document.save()
    assert path.read_bytes() == f"---\n{shown}\n---\nThe body.\n".encode()


def test_unclosed_front_matter_points_to_the_body(qtbot, demo_site: Path) -> None:
    path = write_post(demo_site, "unclosed.md", '---\ntitle: "Open"\n\nNo end.\n')
    site, index = indexed(demo_site)
    form, document = open_form(qtbot, site, index, path)
    assert form.is_broken()
    assert form.broken_view.text.isHidden()
    assert "shown in the text editor below" in form.broken_view.banner.text()
    assert document.to_bytes() == path.read_bytes()


def test_crlf_broken_front_matter_keeps_its_line_ends(qtbot, demo_site: Path) -> None:
    text = BROKEN.replace("\n", "\r\n")
    path = write_post(demo_site, "crlf.md", text)
    site, index = indexed(demo_site)
    form, document = open_form(qtbot, site, index, path)
    raw = form.broken_view.text
    raw.moveCursor(QTextCursor.MoveOperation.Start)
    raw.moveCursor(QTextCursor.MoveOperation.EndOfLine)
    raw.setFocus()
    qtbot.keyClick(raw, Qt.Key.Key_QuoteDbl)
    assert not form.is_broken()
    assert document.to_bytes() == text.replace('"Broken', '"Broken"').encode()


def test_the_problem_line_is_marked_in_the_shown_text(qtbot, demo_site: Path) -> None:
    path = write_post(demo_site, "lead.md", "\n" + BROKEN)  # a blank line before `---`
    site, index = indexed(demo_site)
    form, document = open_form(qtbot, site, index, path)
    assert document.front_matter_error.line == 3
    assert form.broken_view.highlighted_line() == 1  # the title line, first in the text
    cursor = form.broken_view.text.textCursor()
    assert (cursor.blockNumber(), cursor.positionInBlock()) == (0, 7)  # at the quote
