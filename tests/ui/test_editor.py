"""The editor pane: signals, formatting buttons, find and replace, list continuation."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QApplication, QPlainTextDocumentLayout

from postedit.render.syntax import NORMAL, line_spans
from postedit.ui.editor import EditorPane
from postedit.ui.editor.highlighter import SYNC_LINES, MarkdownHighlighter
from postedit.ui.editor.pending import PendingRuns, Run


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
    assert pane.text() == "- eerste\n\n"


def test_what_is_typed_after_ending_a_list_is_a_paragraph_of_its_own(qtbot) -> None:
    # Enter, Enter, then a sentence: the writer means a new paragraph. Without a blank
    # line Markdown makes the sentence part of the last item (a lazy continuation).
    pane = make_pane(qtbot, "**Vet**\n- een")
    pane.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(pane.editor, Qt.Key.Key_Return)
    qtbot.keyClicks(pane.editor, "twee")
    qtbot.keyClick(pane.editor, Qt.Key.Key_Return)
    qtbot.keyClick(pane.editor, Qt.Key.Key_Return)
    qtbot.keyClicks(pane.editor, "Alinea.")
    assert pane.text() == "**Vet**\n- een\n- twee\n\nAlinea."


@pytest.mark.parametrize(
    ("line", "expected"), [("- een", "- \n- een"), ("3. drie", "3. \n4. drie")]
)
def test_enter_between_the_marker_and_the_text_keeps_the_item(
    qtbot, line: str, expected: str
) -> None:
    # The cursor right after "- " of an item with text: not an empty item, so
    # Enter must not strip the item's marker.
    pane = make_pane(qtbot, line)
    cursor = pane.editor.textCursor()
    cursor.setPosition(line.index(" ") + 1)
    pane.editor.setTextCursor(cursor)
    qtbot.keyClick(pane.editor, Qt.Key.Key_Return)
    assert pane.text() == expected


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
    highlighter = pane.editor._highlighter
    wait_coloured(qtbot, highlighter)
    calls = 0
    original = highlighter._highlight_block

    def counting(block, state):
        nonlocal calls
        calls += 1
        return original(block, state)

    highlighter._highlight_block = counting
    pane.editor.moveCursor(QTextCursor.MoveOperation.Start)
    qtbot.keyClicks(pane.editor, "x")
    assert calls <= 3, calls
    assert pane.text().startswith("xEen zin")
    assert not highlighter.busy()


# --- highlighting a big post without blocking -----------------------------------------------

_SECTION = (
    "## Kop {n}\n"
    "Tekst met **vet** en een [link](https://example.org/{n}).\n"
    "- punt met `code`\n"
    "\n"
    "<!-- notitie\n"
    "over twee regels -->\n"
    "```\n"
    "**geen vet** in code\n"
    "```\n"
    "Gewone regel.\n"
)
_SECTION_LINES = 10


def big_text(sections: int = 6000) -> str:
    """About 1 MB at 6000 sections. Most tests use fewer: what they check needs more
    lines than a slice colours, not a megabyte."""
    return "".join(_SECTION.format(n=n) for n in range(sections))


def wait_coloured(qtbot, highlighter) -> None:
    """Run the event loop until the background pass is done; the generous timeout
    only tells a hang from a busy machine, it measures nothing."""
    qtbot.waitUntil(lambda: not highlighter.busy(), timeout=60_000)


def is_bold(block) -> bool:
    return any(f.format.fontWeight() >= 700 for f in block.layout().formats())


def is_code(block) -> bool:
    formats = block.layout().formats()
    return bool(formats) and all(
        f.format.fontFixedPitch() and f.format.fontWeight() < 700 for f in formats
    )


def expected_end_states(text: str) -> list[int]:
    """Each line's end state, as colouring the whole text in one go gives it."""
    states, state = [], NORMAL
    for line in text.split("\n"):
        _, state = line_spans(line, state)
        states.append(state)
    return states


def end_states(pane: EditorPane) -> list[int]:
    states = []
    block = pane.editor.document().firstBlock()
    while block.isValid():
        states.append(block.userState() & 0xFFFF)
        block = block.next()
    return states


def type_lines(qtbot, editor, lines: list[str]) -> None:
    """Type each line and press Enter, as a writer does."""
    for line in lines:
        qtbot.keyClicks(editor, line)
        qtbot.keyClick(editor, Qt.Key.Key_Return)


def bold_line(pane: EditorPane, section: int):
    return pane.editor.document().findBlockByNumber(section * _SECTION_LINES + 1)


def test_a_big_post_is_coloured_on_screen_at_once_and_the_rest_in_the_background(
    qtbot,
) -> None:
    text = big_text()
    pane = make_pane(qtbot)
    highlighter = pane.editor._highlighter
    with qtbot.assertNotEmitted(pane.text_edited):
        pane.set_text(text)
        last_visible = pane.editor.cursorForPosition(pane.editor.viewport().rect().bottomLeft())
        assert last_visible.blockNumber() > _SECTION_LINES
        shown = range(0, (last_visible.blockNumber() - 1) // _SECTION_LINES + 1)
        assert all(is_bold(bold_line(pane, n)) for n in shown)
        assert highlighter.busy()
        assert not is_bold(bold_line(pane, 5999))
        qtbot.waitSignal(highlighter.caught_up, timeout=60_000).wait()
    assert not highlighter.busy()
    assert is_bold(bold_line(pane, 5999))
    code_line = pane.editor.document().findBlockByNumber(5999 * _SECTION_LINES + 7)
    assert code_line.text() == "**geen vet** in code" and is_code(code_line)
    assert end_states(pane) == expected_end_states(text)
    assert not pane.editor.document().isUndoAvailable()
    assert not pane.editor.document().isModified()


def test_no_background_slice_colours_more_than_its_share(qtbot) -> None:
    pane = make_pane(qtbot)
    highlighter = pane.editor._highlighter
    sizes: list[int] = []
    highlighter.slice_highlighted.connect(sizes.append)
    pane.set_text(big_text(3000))
    wait_coloured(qtbot, highlighter)
    assert len(sizes) > 1
    assert max(sizes) <= highlighter.slice_lines
    assert sum(sizes) >= 3000 * _SECTION_LINES - SYNC_LINES


def test_opening_a_fence_recolours_what_follows_and_closing_it_restores(qtbot) -> None:
    text = big_text(600)
    pane = make_pane(qtbot, text)
    highlighter = pane.editor._highlighter
    wait_coloured(qtbot, highlighter)
    assert is_bold(bold_line(pane, 500))
    cursor = QTextCursor(pane.editor.document())
    cursor.insertText("```\n")  # an unclosed fence above everything
    wait_coloured(qtbot, highlighter)
    assert all(is_code(pane.editor.document().findBlockByNumber(n)) for n in (2, 3, 2000, 5000))
    assert end_states(pane) == expected_end_states(pane.text())
    pane.editor.undo()
    wait_coloured(qtbot, highlighter)
    assert pane.text() == text
    assert is_bold(bold_line(pane, 0)) and is_bold(bold_line(pane, 500))
    assert end_states(pane) == expected_end_states(text)


def test_typing_while_the_background_pass_runs(qtbot) -> None:
    pane = make_pane(qtbot)
    highlighter = pane.editor._highlighter
    pane.set_text(big_text(3000))
    assert highlighter.busy()
    editor = pane.editor
    with qtbot.waitSignal(pane.text_edited):
        type_lines(qtbot, editor, ["# Titel"])
    # Far below where the pass has got to: open a fence, then type inside it.
    cursor = QTextCursor(editor.document().findBlockByNumber(20000))
    editor.setTextCursor(cursor)
    type_lines(qtbot, editor, ["~~~", "**in code**"])
    assert highlighter.busy()
    wait_coloured(qtbot, highlighter)
    document = editor.document()
    assert document.firstBlock().text() == "# Titel"
    assert document.findBlockByNumber(20000).text() == "~~~"
    assert is_code(document.findBlockByNumber(20001))
    assert is_code(document.findBlockByNumber(25000))
    assert end_states(pane) == expected_end_states(pane.text())


def test_a_fence_opened_above_the_pass_while_it_runs(qtbot) -> None:
    pane = make_pane(qtbot)
    highlighter = pane.editor._highlighter
    text = big_text(3000)
    pane.set_text(text)
    pane.editor.moveCursor(QTextCursor.MoveOperation.Start)
    type_lines(qtbot, pane.editor, ["```"])
    wait_coloured(qtbot, highlighter)
    assert end_states(pane) == expected_end_states(pane.text())
    while pane.editor.document().isUndoAvailable():
        pane.editor.undo()
    assert pane.text() == text
    wait_coloured(qtbot, highlighter)
    assert end_states(pane) == expected_end_states(text)
    assert is_bold(bold_line(pane, 2999))


def test_replacing_all_lines_recolours_them(qtbot) -> None:
    pane = make_pane(qtbot, big_text(300))
    highlighter = pane.editor._highlighter
    wait_coloured(qtbot, highlighter)
    pane.actions_by_name["replace"].trigger()
    pane.find_bar.find_field.setText("**vet**")
    pane.find_bar.replace_field.setText("vet")
    assert pane.find_bar.replace_all() == 300
    wait_coloured(qtbot, highlighter)
    assert not any(is_bold(bold_line(pane, n)) for n in (0, 150, 299))
    assert end_states(pane) == expected_end_states(pane.text())


def test_dark_palette_recolours_everything(qtbot) -> None:
    pane = make_pane(qtbot, big_text(300))
    highlighter = pane.editor._highlighter
    wait_coloured(qtbot, highlighter)
    heading = pane.editor.document().findBlockByNumber(2990)

    def colour() -> str:
        formats = heading.layout().formats()
        return formats[0].format.foreground().color().name()

    light = colour()
    highlighter.set_dark(True)
    wait_coloured(qtbot, highlighter)
    assert colour() != light


# --- the bookkeeping of what is left to colour ------------------------------------------------


def test_pending_runs_merge_and_move_with_edits() -> None:
    runs = PendingRuns()
    runs.add(10, 20)
    runs.add(21, 25)  # touching: one run
    runs.add(100, 100)
    assert runs.runs() == [Run(10, 25), Run(100, 100)]
    runs.edited(5, 5, 8)  # three lines inserted above both
    assert runs.runs() == [Run(13, 28), Run(103, 103)]
    runs.edited(50, 110, 50)  # a stretch deleted that held the second run
    assert runs.runs() == [Run(13, 28), Run(50, 50)]
    assert runs.covers(20) and not runs.covers(40)
    assert runs.take_at(20) == 28
    assert runs.runs() == [Run(50, 50)]
    assert runs.pop_first() == Run(50, 50)
    assert not runs


def test_lines_scrolled_into_view_are_coloured_before_the_pass_gets_there(qtbot) -> None:
    pane = make_pane(qtbot)
    highlighter = pane.editor._highlighter
    pane.set_text(big_text(3000))
    pane.scroll_to_line(25000)
    assert highlighter.busy()
    assert is_bold(bold_line(pane, 2500)) and is_bold(bold_line(pane, 2501))
    assert not is_bold(bold_line(pane, 1500))  # neither seen nor reached yet
    wait_coloured(qtbot, highlighter)
    assert is_bold(bold_line(pane, 1500))
    assert end_states(pane) == expected_end_states(pane.text())


def test_a_new_text_while_scrolled_down_in_the_old_one(qtbot) -> None:
    pane = make_pane(qtbot, big_text(3000))
    pane.scroll_to_line(20000)
    pane.set_text(big_text(2000).replace("Kop", "Titel"))
    highlighter = pane.editor._highlighter
    wait_coloured(qtbot, highlighter)
    assert end_states(pane) == expected_end_states(pane.text())
    assert is_bold(bold_line(pane, 1999))


def test_colours_after_an_emoji_land_on_the_right_characters(qtbot) -> None:
    pane = make_pane(qtbot, "😀 **vet**")
    formats = pane.editor.document().firstBlock().layout().formats()
    bold = [f for f in formats if f.format.fontWeight() >= 700]
    assert [(f.start, f.length) for f in bold] == [(3, 7)]  # the emoji is two UTF-16 units


def plain_document(text: str) -> QTextDocument:
    """A document laid out as QPlainTextEdit lays out its own: Qt reports edits
    (`contentsChange`) only for a document that has a layout."""
    document = QTextDocument()
    document.setDocumentLayout(QPlainTextDocumentLayout(document))
    document.setPlainText(text)
    return document


def formats_of(document: QTextDocument) -> list[list[tuple[int, int, int, bool, str]]]:
    result = []
    block = document.firstBlock()
    while block.isValid():
        formats = block.layout().formats()
        result.append(
            [
                (
                    f.start,
                    f.length,
                    f.format.fontWeight(),
                    f.format.fontFixedPitch(),
                    f.format.foreground().color().name(),
                )
                for f in formats
            ]
        )
        block = block.next()
    return result


@pytest.mark.parametrize("seed", range(4))
def test_random_edits_during_the_pass_end_as_a_fresh_colouring_would(qtbot, seed: int) -> None:
    """Small budgets make every edit outrun the pass and leave work behind; whatever
    the order, the colours must end up as colouring the final text afresh gives."""
    rng = random.Random(seed)
    document = plain_document(big_text(40))
    highlighter = MarkdownHighlighter(document, sync_lines=5, slice_lines=7, clock=lambda: 0.0)
    pieces = ["```", "~~~", "<!-- x", "-->", "**b**", "# kop", "tekst", "", "````"]
    for _ in range(60):
        block = document.findBlockByNumber(rng.randrange(document.blockCount()))
        cursor = QTextCursor(block)
        action = rng.random()
        if action < 0.6:
            cursor.insertText(rng.choice(pieces) + "\n")
        elif action < 0.8:
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
            cursor.movePosition(QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.KeepAnchor)
            cursor.removeSelectedText()  # joins the line with the next
        else:
            document.undo()
        for _ in range(rng.randrange(3)):
            QApplication.processEvents()
    wait_coloured(qtbot, highlighter)
    fresh = plain_document(document.toPlainText())
    MarkdownHighlighter(fresh, sync_lines=10_000)
    assert formats_of(document) == formats_of(fresh)


def test_text_keeps_no_break_spaces(qtbot) -> None:
    pane = make_pane(qtbot, "10\u00a0km en 5\u00a0%")
    assert pane.text() == "10\u00a0km en 5\u00a0%"


def test_shift_enter_is_a_plain_line_break(qtbot) -> None:
    pane = make_pane(qtbot, "ab")
    pane.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(pane.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(pane.editor, "c")
    assert pane.text() == "ab\nc"
