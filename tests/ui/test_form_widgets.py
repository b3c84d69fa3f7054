"""The smaller field widgets: numbers, choices, other switches, copying an image in."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QScrollArea

from postedit.core.document import Document
from postedit.core.schema import Field, FieldKind, SectionSchema
from postedit.ui.form import FrontMatterForm
from postedit.ui.form.simple import ChoiceEditor, NumberEditor, SwitchEditor
from tests.ui.test_form_support import PHOTOS, changed_lines, indexed

POST = (
    '---\ntitle: "Widgets"\nweight: 4\nrating: 2.5\nstatus: review\ntoc: false\n'
    'featured_image: ""\n---\nBody.\n'
)
SCHEMA = SectionSchema(
    "blog",
    (
        Field("title", FieldKind.STRING, "Title"),
        Field("status", FieldKind.STRING, "Status", choices=("concept", "review", "klaar")),
        Field("featured_image", FieldKind.IMAGE, "Featured image"),
    ),
)


@pytest.fixture
def widgets(qtbot, demo_site: Path):
    site, index = indexed(demo_site)
    path = demo_site / "content" / "blog" / "widgets.md"
    path.write_text(POST, encoding="utf-8")
    document = Document.load(path)
    form = FrontMatterForm()
    qtbot.addWidget(form)
    form.set_site(site, index)
    form.set_document(document, SCHEMA)
    form.show()
    qtbot.waitExposed(form)
    return form, document, site


def test_numbers_are_spin_boxes_that_keep_their_type(qtbot, widgets) -> None:
    form, document, _ = widgets
    weight, rating = form.editor("weight"), form.editor("rating")
    assert isinstance(weight, NumberEditor) and not weight.decimal
    assert isinstance(rating, NumberEditor) and rating.decimal
    assert rating.spin.text() == "2.5"
    original = document.to_bytes()
    weight.spin.setFocus()
    with qtbot.waitSignal(form.edited):
        qtbot.keyClick(weight.spin, Qt.Key.Key_Up)
    assert document.front_matter["weight"] == 5
    assert changed_lines(original, document.to_bytes()) == ["-weight: 4", "+weight: 5"]


def test_the_wheel_over_an_unfocused_spin_box_scrolls_the_form(qtbot, widgets) -> None:
    form, document, _ = widgets
    form.resize(500, 120)  # too small for all fields: the form scrolls
    bar = form.findChild(QScrollArea).verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    spin = form.editor("weight").spin
    form.editor("title").line.setFocus()
    qtbot.waitUntil(lambda: not spin.hasFocus())
    event = QWheelEvent(
        QPointF(5, 5), QPointF(spin.mapToGlobal(QPoint(5, 5))), QPoint(), QPoint(0, -120),
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase,
        False,
    )  # fmt: skip
    QApplication.sendEvent(spin, event)
    assert spin.value() == 4
    assert bar.value() > 0
    assert not document.is_modified


def test_choices_are_a_list_to_pick_from(qtbot, widgets) -> None:
    form, document, _ = widgets
    status = form.editor("status")
    assert isinstance(status, ChoiceEditor)
    assert status.combo.currentText() == "review"
    with qtbot.waitSignal(form.edited):
        status.combo.setCurrentIndex(status.combo.findText("klaar"))
    assert document.front_matter["status"] == "klaar"


def test_other_yes_no_fields_are_switches_too(qtbot, widgets) -> None:
    form, document, _ = widgets
    toc = form.editor("toc")
    assert isinstance(toc, SwitchEditor)
    assert toc.switch.text() == "No"
    qtbot.mouseClick(toc.switch, Qt.MouseButton.LeftButton)
    assert document.front_matter["toc"] is True
    assert toc.switch.text() == "Yes"


def test_fields_not_in_the_schema_come_after_a_heading(widgets) -> None:
    form, _, _ = widgets
    assert form.field_names() == ["title", "status", "featured_image", "weight", "rating", "toc"]


def test_choosing_an_image_from_outside_copies_it_in(
    qtbot, widgets, tmp_path: Path, monkeypatch
) -> None:
    form, document, site = widgets
    photo = tmp_path / "holiday.jpg"
    (site.root / "static" / "images" / "blog" / "blog-1.jpg").replace(photo)
    editor = form.editor("featured_image")
    assert not editor.has_thumbnail()
    monkeypatch.setattr(editor, "_ask_for_file", lambda: photo)
    monkeypatch.setattr(
        QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.Yes
    )
    with qtbot.waitSignal(form.edited):
        qtbot.mouseClick(editor.choose, Qt.MouseButton.LeftButton)
    assert document.front_matter["featured_image"] == "images/holiday.jpg"
    assert (site.root / "static" / "images" / "holiday.jpg").is_file()
    assert editor.has_thumbnail()


def test_declining_the_copy_changes_nothing(qtbot, widgets, tmp_path: Path, monkeypatch) -> None:
    form, document, site = widgets
    photo = tmp_path / "holiday.jpg"
    photo.write_bytes((site.root / "static" / "images" / "blog" / "blog-1.jpg").read_bytes())
    editor = form.editor("featured_image")
    monkeypatch.setattr(editor, "_ask_for_file", lambda: photo)
    monkeypatch.setattr(
        QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.No
    )
    with qtbot.assertNotEmitted(form.edited):
        qtbot.mouseClick(editor.choose, Qt.MouseButton.LeftButton)
    assert not document.is_modified


def test_a_bundle_post_names_its_own_images_plainly(qtbot, demo_site: Path, monkeypatch) -> None:
    from tests.ui.test_form_support import open_form

    site, index = indexed(demo_site)
    form, document = open_form(qtbot, site, index, PHOTOS)
    editor = form.editor("featured_image")
    other = site.absolute(PHOTOS).parent / "second.jpg"
    other.write_bytes((site.absolute(PHOTOS).parent / "cover.jpg").read_bytes())
    monkeypatch.setattr(editor, "_ask_for_file", lambda: other)
    qtbot.mouseClick(editor.choose, Qt.MouseButton.LeftButton)
    assert document.front_matter["featured_image"] == "second.jpg"
