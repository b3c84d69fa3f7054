"""The conflict bar, the compare dialog and the kept-versions list, as a writer uses them."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices

from postedit.core.recovery import VersionStore
from postedit.ui.compare import ABSENT, CompareChoice, CompareDialog
from postedit.ui.conflict import CHANGED_TEXT, DELETED_TEXT, ConflictBar
from postedit.ui.kept_versions import KeptVersionsDialog

MINE = """\
---
title: My title
tags: [a, b]
---
One
Two
Three
Four
"""

THEIRS = """\
---
title: Their title
tags: [a, b]
draft: true
---
One
Three
Four
Five
"""


# -- ConflictBar -----------------------------------------------------------------------


def test_the_bar_is_hidden_until_needed(qtbot) -> None:
    bar = ConflictBar()
    qtbot.addWidget(bar)
    assert bar.mode == "hidden"
    assert bar.isHidden()


def test_changed_mode_offers_three_choices_that_emit(qtbot) -> None:
    bar = ConflictBar()
    qtbot.addWidget(bar)
    bar.show_changed()
    assert bar.mode == "changed"
    assert not bar.isHidden()
    assert bar.message.text() == CHANGED_TEXT == "This post was changed outside postedit."
    for button in (bar.compare_button, bar.keep_button, bar.use_button):
        assert not button.isHidden()
    for button, signal in (
        (bar.compare_button, bar.compare_requested),
        (bar.keep_button, bar.keep_mine_requested),
        (bar.use_button, bar.use_theirs_requested),
    ):
        with qtbot.waitSignal(signal, timeout=1000):
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_deleted_mode_says_save_puts_it_back_without_choices(qtbot) -> None:
    bar = ConflictBar()
    qtbot.addWidget(bar)
    bar.show_changed()
    bar.show_deleted()
    assert bar.mode == "deleted"
    assert bar.message.text() == DELETED_TEXT
    assert "Save puts the file back" in bar.message.text()
    for button in (bar.compare_button, bar.keep_button, bar.use_button):
        assert button.isHidden()
    bar.clear()
    assert bar.mode == "hidden"
    assert bar.isHidden()


# -- CompareDialog ---------------------------------------------------------------------


@pytest.fixture
def dialog(qtbot) -> CompareDialog:
    shown = CompareDialog(MINE, THEIRS)
    qtbot.addWidget(shown)
    return shown


def test_the_differing_fields_are_listed(dialog: CompareDialog) -> None:
    assert dialog.field_rows() == [
        ("title", "My title", "Their title"),
        ("draft", ABSENT, "true"),
    ]
    header = [dialog.fields.horizontalHeaderItem(column).text() for column in range(3)]
    assert header == ["Field", "Your version (not saved)", "On disk"]
    assert not dialog.fields.isHidden()


def test_exactly_the_differing_lines_are_marked(dialog: CompareDialog) -> None:
    # mine: 1 title (changed), 2 tags, 3 ---, 4 One, 5 Two (removed), 6 Three, 7 Four
    # theirs: 1 title (changed), 3 draft (added), 6 Three..., 8 Five (added)
    assert dialog.marked_lines("mine") == [1, 5]
    assert dialog.marked_lines("theirs") == [1, 3, 8]
    assert dialog.mine_view.isReadOnly() and dialog.theirs_view.isReadOnly()
    assert dialog.mine_view.toPlainText() == MINE
    assert dialog.summary.text() == "4 differences"


def test_changed_added_and_removed_lines_have_their_own_colours(dialog: CompareDialog) -> None:
    def colours(view):
        return {
            selection.cursor.blockNumber(): selection.format.background().color().name()
            for selection in view.extraSelections()
        }

    mine, theirs = colours(dialog.mine_view), colours(dialog.theirs_view)
    changed, removed, added = mine[1], mine[5], theirs[8]
    assert theirs[1] == changed
    assert theirs[3] == added
    assert len({changed, removed, added}) == 3


def test_identical_texts_mark_nothing(qtbot) -> None:
    same = CompareDialog(MINE, MINE)
    qtbot.addWidget(same)
    assert same.comparison.identical
    assert same.field_rows() == []
    assert same.fields.isHidden()
    assert same.marked_lines("mine") == same.marked_lines("theirs") == []
    assert same.summary.text() == "No differences"


def test_broken_front_matter_is_said_and_lines_still_marked(qtbot) -> None:
    broken = CompareDialog(MINE, MINE.replace("title: My title", "title: [oops"))
    qtbot.addWidget(broken)
    assert broken.field_rows() == []
    assert "cannot be read" in broken.summary.text()
    assert broken.marked_lines("mine") == [1]
    assert broken.marked_lines("theirs") == [1]


def test_labels_are_the_callers(qtbot) -> None:
    shown = CompareDialog(
        MINE,
        THEIRS,
        mine_label="Recovered text",
        theirs_label="The file now",
        keep_label="Use recovered text",
        use_label="Use the file on disk",
    )
    qtbot.addWidget(shown)
    assert shown.keep_button.text() == "Use recovered text"
    assert shown.use_button.text() == "Use the file on disk"
    header = [shown.fields.horizontalHeaderItem(column).text() for column in (1, 2)]
    assert header == ["Recovered text", "The file now"]


@pytest.mark.parametrize(
    ("button", "choice", "result"),
    [
        ("keep_button", CompareChoice.KEEP_MINE, 1),
        ("use_button", CompareChoice.USE_THEIRS, 1),
        ("close_button", CompareChoice.CANCEL, 0),
    ],
)
def test_buttons_set_the_choice(qtbot, dialog: CompareDialog, button, choice, result) -> None:
    assert dialog.choice is CompareChoice.CANCEL
    dialog.show()
    with qtbot.waitSignal(dialog.finished, timeout=1000) as finished:
        qtbot.mouseClick(getattr(dialog, button), Qt.MouseButton.LeftButton)
    assert dialog.choice is choice
    assert finished.args == [result]


def test_escape_cancels(qtbot, dialog: CompareDialog) -> None:
    dialog.show()
    dialog.choice = CompareChoice.KEEP_MINE
    with qtbot.waitSignal(dialog.finished, timeout=1000):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.choice is CompareChoice.CANCEL


def test_the_two_texts_scroll_together(qtbot) -> None:
    mine = "\n".join(f"line {n}" for n in range(300))
    theirs = "\n".join(["inserted"] * 10 + [f"line {n}" for n in range(300)])
    shown = CompareDialog(mine, theirs)
    qtbot.addWidget(shown)
    shown.resize(800, 400)
    shown.show()
    qtbot.waitExposed(shown)
    shown.mine_view.verticalScrollBar().setValue(100)
    assert shown.theirs_view.verticalScrollBar().value() == 110  # the same line, "line 100"
    shown.theirs_view.verticalScrollBar().setValue(50)
    assert shown.mine_view.verticalScrollBar().value() == 40


def test_long_paragraphs_wrap_and_still_scroll_together_by_text_line(qtbot) -> None:
    from postedit.ui.compare import _top_line

    paragraph = "Een lange alinea die over meerdere schermregels loopt. " * 8
    mine = "\n".join(f"{n} {paragraph}" for n in range(120))
    theirs = "\n".join(["nieuw"] * 5 + [f"{n} {paragraph}" for n in range(120)])
    shown = CompareDialog(mine, theirs)
    qtbot.addWidget(shown)
    shown.resize(700, 400)
    shown.show()
    qtbot.waitExposed(shown)
    bar = shown.mine_view.verticalScrollBar()
    assert bar.maximum() > 120  # wrapped: more screen lines than text lines
    block = shown.mine_view.document().findBlockByNumber(60)
    bar.setValue(block.firstLineNumber())
    assert _top_line(shown.mine_view) == 60
    qtbot.waitUntil(lambda: _top_line(shown.theirs_view) == 65)


# -- KeptVersionsDialog ----------------------------------------------------------------


@pytest.fixture
def store(tmp_path: Path) -> VersionStore:
    moments = iter(datetime(2026, 11, day, 10, tzinfo=UTC) for day in (1, 2, 3))
    versions = VersionStore(tmp_path / "versions", now=lambda: next(moments))
    versions.keep(tmp_path / "first.md", b"one", "Your version, replaced by the file on disk")
    versions.keep(tmp_path / "bundle" / "index.md", b"two", "The file on disk, replaced")
    versions.keep(tmp_path / "first.md", b"three", "Recovered text not used")
    return versions


def test_all_versions_are_listed_newest_first(qtbot, store: VersionStore) -> None:
    dialog = KeptVersionsDialog(store)
    qtbot.addWidget(dialog)
    assert [version.file.read_bytes() for version in dialog.versions()] == [
        b"three",
        b"two",
        b"one",
    ]
    rows = [
        [dialog.list.topLevelItem(row).text(column) for column in range(3)]
        for row in range(dialog.list.topLevelItemCount())
    ]
    assert [row[0] for row in rows] == ["first.md", "bundle/index.md", "first.md"]
    assert rows[0][2] == "Recovered text not used"
    assert rows[0][1].startswith("2026-11-0")


def test_only_the_posts_versions_when_given(qtbot, store: VersionStore, tmp_path: Path) -> None:
    dialog = KeptVersionsDialog(store, post=tmp_path / "first.md")
    qtbot.addWidget(dialog)
    assert [version.file.read_bytes() for version in dialog.versions()] == [b"three", b"one"]
    assert "first.md" in dialog.windowTitle()


def test_open_emits_the_selected_version_and_accepts(qtbot, store: VersionStore) -> None:
    dialog = KeptVersionsDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.list.setCurrentItem(dialog.list.topLevelItem(1))
    with qtbot.waitSignal(dialog.version_chosen, timeout=1000) as chosen:
        qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert chosen.args[0] == dialog.versions()[1]
    assert chosen.args[0].file.read_bytes() == b"two"
    assert dialog.result() == 1


def test_double_click_emits_the_version(qtbot, store: VersionStore) -> None:
    dialog = KeptVersionsDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    item = dialog.list.topLevelItem(2)
    rect = dialog.list.visualItemRect(item)
    viewport = dialog.list.viewport()
    # A real double click is press, release, then the double click on the same row.
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(dialog.version_chosen, timeout=1000) as chosen:
        qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    assert chosen.args[0].file.read_bytes() == b"one"
    assert not dialog.isVisible()


def test_open_folder_opens_the_recovery_folder(qtbot, store: VersionStore, monkeypatch) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    dialog = KeptVersionsDialog(store)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.folder_button, Qt.MouseButton.LeftButton)
    assert len(opened) == 1
    assert Path(opened[0].toLocalFile()) == dialog.versions()[0].file.parent


def test_no_versions_yet(qtbot, tmp_path: Path) -> None:
    dialog = KeptVersionsDialog(VersionStore(tmp_path / "empty"))
    qtbot.addWidget(dialog)
    assert dialog.versions() == []
    assert dialog.intro.text() == "No versions have been kept yet."
    assert not dialog.open_button.isEnabled()
    assert not dialog.folder_button.isEnabled()
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
