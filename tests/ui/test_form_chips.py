"""Tags and categories as chips: completion from the site, adding and removing terms."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from postedit.ui.form.chips import Chip, ChipsEditor
from tests.ui.test_form_support import PHOTOS, TOML_POST, changed_lines, indexed, open_form

# The offscreen platform cannot raise a completion popup or grab the keyboard for it.
pytestmark = pytest.mark.qt_log_ignore(
    r"This plugin does not support raise\(\)",
    "This plugin does not support grabbing the keyboard",
)


@pytest.fixture
def photos(qtbot, demo_site: Path):
    site, index = indexed(demo_site)
    form, document = open_form(qtbot, site, index, PHOTOS)
    return form, document, form.editor("tags")


def completions(editor: ChipsEditor, prefix: str) -> list[str]:
    editor.completer.setCompletionPrefix(prefix)
    model = editor.completer.completionModel()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_completion_offers_tags_used_elsewhere_on_the_site(photos) -> None:
    _, _, tags = photos
    assert tags.terms() == ["photography", "images", "website"]
    assert completions(tags, "rout") == ["routines"]
    assert completions(tags, "TEAM") == ["teamwerk", "teamwork"]  # anywhere, any case
    assert "website" not in completions(tags, "web")  # already on the post
    assert "webteksten" in completions(tags, "web")


def test_typing_shows_the_completion_popup(qtbot, photos) -> None:
    _, _, tags = photos
    tags.line.setFocus()
    qtbot.keyClicks(tags.line, "rout")
    qtbot.waitUntil(lambda: tags.completer.popup().isVisible())
    assert tags.completer.currentCompletion() == "routines"


def test_choosing_a_completion_adds_it(qtbot, photos) -> None:
    form, document, tags = photos
    tags.line.setFocus()
    qtbot.keyClicks(tags.line, "rout")
    qtbot.waitUntil(lambda: tags.completer.popup().isVisible())
    popup = tags.completer.popup()
    popup.setCurrentIndex(tags.completer.completionModel().index(0, 0))
    with qtbot.waitSignal(form.edited):
        qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert document.front_matter["tags"] == ["photography", "images", "website", "routines"]
    qtbot.waitUntil(lambda: tags.line.text() == "")


def test_enter_adds_a_new_tag_in_the_files_list_style(qtbot, photos) -> None:
    form, document, tags = photos
    original = document.to_bytes()
    with qtbot.waitSignal(form.edited):
        qtbot.keyClicks(tags.line, "telefoon")
        qtbot.keyClick(tags.line, Qt.Key.Key_Return)
    assert tags.line.text() == ""
    assert changed_lines(original, document.to_bytes()) == [
        '-tags: ["photography", "images", "website"]',
        '+tags: ["photography", "images", "website", "telefoon"]',
    ]


def test_a_comma_adds_and_known_spellings_win(qtbot, photos) -> None:
    _, document, tags = photos
    qtbot.keyClicks(tags.line, "Routines, nieuw,")
    assert tags.terms() == ["photography", "images", "website", "routines", "nieuw"]
    assert tags.line.text() == ""
    qtbot.keyClicks(tags.line, "IMAGES,")  # already there, in any case
    assert document.front_matter["tags"][-1] == "nieuw"
    assert len(tags.findChildren(Chip)) == 5


def test_backspace_and_the_cross_remove_tags(qtbot, photos) -> None:
    form, document, tags = photos
    original = document.to_bytes()
    tags.line.setFocus()
    with qtbot.waitSignal(form.edited):
        qtbot.keyClick(tags.line, Qt.Key.Key_Backspace)
    assert document.front_matter["tags"] == ["photography", "images"]
    chip = next(chip for chip in tags.findChildren(Chip) if chip.text == "photography")
    with qtbot.waitSignal(form.edited):
        qtbot.mouseClick(chip.remove_button, Qt.MouseButton.LeftButton)
    assert document.front_matter["tags"] == ["images"]
    assert changed_lines(original, document.to_bytes()) == [
        '-tags: ["photography", "images", "website"]',
        '+tags: ["images"]',
    ]


def test_backspace_in_typed_text_deletes_a_letter_not_a_tag(qtbot, photos) -> None:
    _, document, tags = photos
    qtbot.keyClicks(tags.line, "ab")
    qtbot.keyClick(tags.line, Qt.Key.Key_Backspace)
    assert tags.line.text() == "a"
    assert not document.is_modified


def test_categories_complete_from_categories(qtbot, photos) -> None:
    form, _, _ = photos
    categories = form.editor("categories")
    assert categories.line.placeholderText() == "Add a category…"
    assert completions(categories, "") == [
        "Planning",
        "Schrijven",
        "Teamwerk",
        "Teamwork",
        "Writing",
    ]


def test_toml_block_of_tags_takes_a_new_tag(qtbot, demo_site: Path) -> None:
    site, index = indexed(demo_site)
    form, document = open_form(qtbot, site, index, TOML_POST)
    original = document.to_bytes()
    tags = form.editor("tags")
    qtbot.keyClicks(tags.line, "team,")
    assert changed_lines(original, document.to_bytes()) == [
        '-tags = ["planning", "doelen", "kwartaal"]',
        '+tags = ["planning", "doelen", "kwartaal", "team"]',
    ]


def test_an_index_that_arrives_later_brings_completion(qtbot, demo_site: Path) -> None:
    """The window opens a post before the index is built, then hands the index over."""
    from postedit.core.document import Document
    from postedit.core.schema import schema_for
    from postedit.ui.form import FrontMatterForm

    site, index = indexed(demo_site)
    form = FrontMatterForm()
    qtbot.addWidget(form)
    form.set_site(site, None)
    form.set_document(Document.load(site.absolute(PHOTOS)), schema_for(site, "blog", None))
    tags = form.editor("tags")
    assert completions(tags, "rout") == []
    with qtbot.assertNotEmitted(form.edited):
        form.set_site(site, index)
    assert completions(tags, "rout") == ["routines"]


def test_chips_wrap_onto_new_lines_and_the_field_grows(qtbot, photos) -> None:
    form, _, tags = photos
    form.resize(420, 600)
    qtbot.waitUntil(lambda: tags.width() < 300)
    before = tags.height()
    qtbot.keyClicks(tags.line, "een-lange-tag, nog-een-lange-tag, en-nog-een,")
    qtbot.waitUntil(lambda: tags.height() > before)
    chips = tags.findChildren(Chip)
    assert len({chip.y() for chip in chips}) > 1  # more than one row
    assert all(chip.geometry().right() <= tags.width() for chip in chips)
