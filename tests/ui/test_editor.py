"""The editor pane: signals, formatting buttons, find and replace, list continuation."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from postedit.ui.editor import EditorPane


def make_pane(qtbot, text: str = "") -> EditorPane:
    pane = EditorPane()
    qtbot.addWidget(pane)
    pane.resize(700, 500)
    pane.show()
    pane.set_text(text)
    return pane


def select(pane: EditorPane, start: int, end: int) -> None:
    cursor = pane.editor.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    pane.editor.setTextCursor(cursor)


def test_set_text_is_not_an_edit_and_cannot_be_undone(qtbot) -> None:
    pane = make_pane(qtbot)
    with qtbot.assertNotEmitted(pane.text_edited):
        pane.set_text("Hallo wereld")
    assert pane.text() == "Hallo wereld"
    assert not pane.editor.document().isUndoAvailable()


def test_typing_emits_text_edited_and_cursor_position(qtbot) -> None:
    pane = make_pane(qtbot, "ab\ncd")
    pane.editor.moveCursor(QTextCursor.MoveOperation.End)
    with qtbot.waitSignal(pane.text_edited), qtbot.waitSignal(pane.cursor_moved) as moved:
        qtbot.keyClicks(pane.editor, "e")
    assert pane.text() == "ab\ncde"
    assert moved.args == [2, 4]


def test_bold_button_wraps_the_selection_in_one_undo_step(qtbot) -> None:
    pane = make_pane(qtbot, "Een woord hier")
    select(pane, 4, 9)
    pane.actions_by_name["bold"].trigger()
    assert pane.text() == "Een **woord** hier"
    assert pane.editor.textCursor().selectedText() == "woord"
    pane.editor.undo()
    assert pane.text() == "Een woord hier"


def test_shortcuts_reach_the_commands(qtbot) -> None:
    pane = make_pane(qtbot, "titel")
    pane.editor.setFocus()
    qtbot.waitUntil(pane.editor.hasFocus)
    select(pane, 0, 5)
    qtbot.keyClick(pane.editor, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert pane.text() == "_titel_"


def test_list_button_on_several_lines(qtbot) -> None:
    pane = make_pane(qtbot, "intro\none\ntwo\noutro")
    select(pane, 6, 12)  # from "one" into "two"
    pane.actions_by_name["bullets"].trigger()
    assert pane.text() == "intro\n- one\n- two\noutro"


def test_formatting_after_an_emoji_lands_in_the_right_place(qtbot) -> None:
    pane = make_pane(qtbot, "😀 word")
    start = len("😀 ".encode("utf-16-le")) // 2
    select(pane, start, start + 4)
    pane.actions_by_name["italic"].trigger()
    assert pane.text() == "😀 _word_"


def test_enter_continues_a_list_and_ends_it_on_an_empty_item(qtbot) -> None:
    pane = make_pane(qtbot, "- eerste")
    pane.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(pane.editor, Qt.Key.Key_Return)
    assert pane.text() == "- eerste\n- "
    qtbot.keyClick(pane.editor, Qt.Key.Key_Return)
    assert pane.text() == "- eerste\n"


def test_shortcode_menu_inserts_a_snippet(qtbot) -> None:
    pane = make_pane(qtbot, "Let op.")
    pane.set_shortcodes(
        [("callout", "{{< callout >}}\nText\n{{< /callout >}}"), ("toc", "{{< toc >}}")]
    )
    actions = pane._shortcode_menu.actions()
    assert [action.text() for action in actions] == ["callout", "toc"]
    select(pane, 0, 7)
    actions[0].trigger()
    assert pane.text() == "{{< callout >}}\nLet op.\n{{< /callout >}}"


def test_find_and_replace(qtbot) -> None:
    pane = make_pane(qtbot, "kat en Kat en kat")
    pane.actions_by_name["replace"].trigger()
    bar = pane.find_bar
    assert bar.isVisible()
    bar.find_field.setText("kat")
    assert bar.count_label.text() == "3 found"
    bar.match_case.setChecked(True)
    assert bar.match_count() == 2
    bar.replace_field.setText("hond")
    assert bar.replace_all() == 2
    assert pane.text() == "hond en Kat en hond"
    pane.editor.undo()  # replace all is one step
    assert pane.text() == "kat en Kat en kat"


def test_find_next_wraps_around_and_escape_closes(qtbot) -> None:
    pane = make_pane(qtbot, "one two one")
    pane.actions_by_name["find"].trigger()
    bar = pane.find_bar
    bar.find_field.setText("one")
    assert pane.editor.textCursor().selectionStart() == 0
    bar.find_next()
    assert pane.editor.textCursor().selectionStart() == 8
    bar.find_next()
    assert pane.editor.textCursor().selectionStart() == 0
    qtbot.keyClick(bar.find_field, Qt.Key.Key_Escape)
    assert not bar.isVisible()


def test_scroll_to_line_and_top_line_signal(qtbot) -> None:
    pane = make_pane(qtbot, "\n".join(f"line {n}" for n in range(500)))
    with qtbot.waitSignal(pane.top_line_changed) as top:
        pane.scroll_to_line(200)
    assert top.args == [200]
    assert pane.editor.first_visible_line() == 200


def test_highlighter_colours_fenced_code_across_lines(qtbot) -> None:
    pane = make_pane(qtbot, "```\n**not bold**\n```\n**bold**")
    document = pane.editor.document()
    inside = document.findBlockByNumber(1).layout().formats()
    after = document.findBlockByNumber(3).layout().formats()
    assert inside and all(not f.format.font().bold() for f in inside)
    assert any(f.format.fontWeight() >= 700 for f in after)


def test_typing_in_a_large_post_only_rehighlights_the_line(qtbot) -> None:
    """A 1 MB post: a keystroke must not rehighlight the whole document."""
    body = ("Een zin met **vet** en een [link](https://example.org).\n" * 20000)[: 1 << 20]
    pane = make_pane(qtbot, body)
    calls = 0
    original = pane.editor._highlighter.highlightBlock

    def counting(text: str) -> None:
        nonlocal calls
        calls += 1
        original(text)

    pane.editor._highlighter.highlightBlock = counting
    pane.editor.moveCursor(QTextCursor.MoveOperation.Start)
    started = time.perf_counter()
    qtbot.keyClicks(pane.editor, "x")
    assert calls <= 3, calls
    assert pane.text().startswith("xEen zin")
    assert time.perf_counter() - started >= 0  # measured by benchmarks, not asserted
