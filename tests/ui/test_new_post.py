"""The "New post" dialog on a copy of the demo site: preview, taken names, Create."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from postedit.core.document import Document
from postedit.core.site import Site
from postedit.ui.new_post import TOP_LEVEL_LABEL, NewPostDialog


@pytest.fixture
def dialog(qtbot, demo_site: Path) -> NewPostDialog:
    widget = NewPostDialog(Site.open(demo_site))
    qtbot.addWidget(widget)
    return widget


def test_sections_and_default(dialog: NewPostDialog, qtbot, demo_site: Path) -> None:
    combo = dialog.section_combo
    assert [combo.itemText(i) for i in range(combo.count())] == ["blog", TOP_LEVEL_LABEL]
    assert dialog.section == "blog"
    other = NewPostDialog(Site.open(demo_site), known_sections=["nieuws"], section="nieuws")
    qtbot.addWidget(other)
    assert other.section == "nieuws"


def test_typing_a_title_updates_the_path(dialog: NewPostDialog, qtbot) -> None:
    assert dialog.path_label.text() == ""
    assert not dialog.create_button.isEnabled()
    qtbot.keyClicks(dialog.title_edit, "E")
    assert dialog.path_label.text() == "content/blog/e.md"
    # QTest types ASCII only; an accent arrives as a text input would give it.
    dialog.title_edit.insert("én boodschap")
    assert dialog.path_label.text() == "content/blog/eén-boodschap.md"
    assert dialog.create_button.isEnabled()
    dialog.bundle_check.setChecked(True)
    assert dialog.path_label.text() == "content/blog/eén-boodschap/index.md"
    dialog.section_combo.setCurrentIndex(dialog.section_combo.findData(""))
    assert dialog.path_label.text() == "content/eén-boodschap/index.md"


def test_title_without_letters_disables_create(dialog: NewPostDialog, qtbot) -> None:
    qtbot.keyClicks(dialog.title_edit, "?!")
    assert not dialog.create_button.isEnabled()
    assert "letter or digit" in dialog.problem_label.text()


def test_existing_post_disables_create(dialog: NewPostDialog, qtbot, demo_site: Path) -> None:
    qtbot.keyClicks(dialog.title_edit, "Calm team meetings")
    assert dialog.path_label.text() == "content/blog/calm-team-meetings.md"
    assert not dialog.create_button.isEnabled()
    assert "already a post" in dialog.problem_label.text()
    dialog.bundle_check.setChecked(True)  # the bundle would have the same address
    assert not dialog.create_button.isEnabled()
    qtbot.keyClicks(dialog.title_edit, " 2")
    assert dialog.create_button.isEnabled()
    assert dialog.problem_label.text() == ""


def test_create_writes_the_post(dialog: NewPostDialog, qtbot, demo_site: Path) -> None:
    title = 'Vergaderen: "kort" en krachtig'
    qtbot.keyClicks(dialog.title_edit, title)
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    path = demo_site / "content" / "blog" / "vergaderen-kort-en-krachtig.md"
    assert dialog.created_path == path
    document = Document.load(path)
    assert document.front_matter["title"] == title
    assert document.front_matter["draft"] is True
    assert "{{< toc >}}" in document.body


def test_spaces_around_the_title_are_dropped(dialog: NewPostDialog, qtbot) -> None:
    qtbot.keyClicks(dialog.title_edit, "  Spaced out  ")
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        dialog.create_button.click()
    assert dialog.created_path is not None
    assert dialog.created_path.name == "spaced-out.md"
    assert Document.load(dialog.created_path).front_matter["title"] == "Spaced out"


def test_create_bundle(dialog: NewPostDialog, qtbot, demo_site: Path) -> None:
    qtbot.keyClicks(dialog.title_edit, "Met foto's")
    dialog.bundle_check.setChecked(True)
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        dialog.create_button.click()
    assert dialog.created_path == demo_site / "content" / "blog" / "met-fotos" / "index.md"
    assert Document.load(dialog.created_path).front_matter["title"] == "Met foto's"


def test_file_made_meanwhile_is_not_replaced(dialog: NewPostDialog, qtbot, demo_site: Path) -> None:
    qtbot.keyClicks(dialog.title_edit, "Race")
    assert dialog.create_button.isEnabled()
    target = demo_site / "content" / "blog" / "race.md"
    target.write_text("someone else's\n", encoding="utf-8")
    dialog.create_button.click()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.created_path is None
    assert "already a post" in dialog.problem_label.text()
    assert not dialog.create_button.isEnabled()
    assert target.read_text(encoding="utf-8") == "someone else's\n"


def test_cancel_creates_nothing(dialog: NewPostDialog, qtbot, demo_site: Path) -> None:
    before = sorted(demo_site.rglob("*"))
    qtbot.keyClicks(dialog.title_edit, "Never mind")
    with qtbot.waitSignal(dialog.rejected, timeout=2000):
        dialog.reject()
    assert dialog.created_path is None
    assert sorted(demo_site.rglob("*")) == before
