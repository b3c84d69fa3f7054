"""The front-matter form: the right widget per field, nothing written on load, edits spliced."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from postedit.core.document import Document
from postedit.core.schema import Field, FieldKind, SectionSchema, schema_for
from postedit.ui.form import FrontMatterForm
from postedit.ui.form.chips import ChipsEditor
from postedit.ui.form.dates import DateEditor
from postedit.ui.form.image import ImageEditor
from postedit.ui.form.raw import RawEditor
from postedit.ui.form.simple import LineEditor, LongTextEditor, SwitchEditor
from tests.conftest import SEEDS
from tests.ui.test_form_support import (
    DATETIME_POST,
    JSON_POST,
    MEETINGS,
    PHOTOS,
    TOML_POST,
    changed_lines,
    indexed,
    open_form,
)

SEED = SEEDS / "000_ef249d7616e3fe4d.txt"

BLOG_WIDGETS = {
    "title": LineEditor,
    "date": DateEditor,
    "draft": SwitchEditor,
    "author": LineEditor,
    "description": LongTextEditor,
    "categories": ChipsEditor,
    "tags": ChipsEditor,
    "featured_image": ImageEditor,
}
BLOG_POSTS = sorted(
    str(path.relative_to(Path(__file__).parents[2] / "resources" / "demo-site"))
    for path in (Path(__file__).parents[2] / "resources" / "demo-site" / "content").rglob("*.md")
)


@pytest.fixture
def site_and_index(demo_site: Path):
    return indexed(demo_site)


def with_seed(demo_site: Path) -> Path:
    """The seed post placed in the demo site's blog (skips when the seed is absent)."""
    if not SEED.is_file():
        pytest.skip("the shared seed post is not present")
    target = demo_site / "content" / "blog" / "seed-post.md"
    shutil.copyfile(SEED, target)
    return target


def widget_types(form: FrontMatterForm) -> dict[str, type]:
    return {name: type(form.editor(name)) for name in form.field_names()}


@pytest.mark.parametrize("post", BLOG_POSTS)
def test_loading_a_demo_post_writes_nothing(qtbot, demo_site: Path, post: str) -> None:
    site, index = indexed(demo_site)
    original = (demo_site / post).read_bytes()
    form, document = open_form(qtbot, site, index, Path(post))
    assert not document.is_modified
    assert document.to_bytes() == original
    assert not form.is_broken()


@pytest.mark.parametrize("post", [p for p in BLOG_POSTS if "/blog/" in p and "_index" not in p])
def test_each_blog_post_gets_the_right_widget_per_field(qtbot, demo_site: Path, post: str) -> None:
    site, index = indexed(demo_site)
    form, _ = open_form(qtbot, site, index, Path(post))
    assert widget_types(form) == BLOG_WIDGETS
    assert form.problem("title") == ""
    assert form.problem("featured_image") == ""


def test_the_seed_post_gets_the_right_widgets_and_loads_unchanged(qtbot, demo_site: Path) -> None:
    path = with_seed(demo_site)
    site, index = indexed(demo_site)
    form, document = open_form(qtbot, site, index, path)
    assert widget_types(form) == BLOG_WIDGETS
    assert document.to_bytes() == SEED.read_bytes()
    assert form.editor("tags").terms() == [
        "ai-trends", "nederlandse-bedrijven", "toekomst", "digitalisering", "innovatie",
    ]  # fmt: skip
    assert form.editor("featured_image").has_thumbnail()


def test_top_level_pages_show_their_fields(qtbot, site_and_index) -> None:
    site, index = site_and_index
    form, _ = open_form(qtbot, site, index, Path("content/contact.md"))
    assert isinstance(form.editor("title"), LineEditor)
    assert form.editor("title").line.text() == "Contact"
    assert isinstance(form.editor("description"), LongTextEditor)


@pytest.mark.parametrize("post", [PHOTOS, TOML_POST, JSON_POST])
def test_changing_the_title_changes_only_the_title_line(qtbot, site_and_index, post) -> None:
    site, index = site_and_index
    form, document = open_form(qtbot, site, index, post)
    original = document.to_bytes()
    line = form.editor("title").line
    line.setFocus()
    line.end(False)
    with qtbot.waitSignal(form.edited):
        qtbot.keyClicks(line, "!")
    title = document.front_matter.original("title")
    old = next(line for line in original.decode().splitlines() if title in line)
    new = old.replace(title, title + "!")
    assert changed_lines(original, document.to_bytes()) == [f"-{old}", f"+{new}"]


def test_title_edit_exact_bytes(qtbot, site_and_index) -> None:
    site, index = site_and_index
    form, document = open_form(qtbot, site, index, PHOTOS)
    original = document.to_bytes()
    line = form.editor("title").line
    line.selectAll()
    qtbot.keyClicks(line, "Phone photos that look calm")
    expected = original.replace(
        b'title: "Better website photos with the phone in your pocket"',
        b'title: "Phone photos that look calm"',
    )
    assert document.to_bytes() == expected


@pytest.mark.parametrize(
    ("post", "before", "after"),
    [
        (PHOTOS, "date: 2024-06-18", "date: 2024-06-19"),
        (TOML_POST, "date = 2024-01-15", "date = 2024-01-16"),
        (JSON_POST, '    "date": "2024-08-27",', '    "date": "2024-08-28",'),
        (DATETIME_POST, "date: 2024-05-02T09:30:00+02:00", "date: 2024-05-03T09:30:00+02:00"),
    ],
    ids=["yaml-date", "toml-date", "json-string-date", "yaml-datetime-offset"],
)
def test_a_date_edit_keeps_the_files_date_style(qtbot, site_and_index, post, before, after) -> None:
    site, index = site_and_index
    form, document = open_form(qtbot, site, index, post)
    editor = form.editor("date")
    assert isinstance(editor, DateEditor)
    assert editor.with_time is (post == DATETIME_POST)
    original = document.to_bytes()
    editor.picker.setFocus()
    editor.picker.setCurrentSection(editor.picker.Section.DaySection)
    with qtbot.waitSignal(form.edited):
        qtbot.keyClick(editor.picker, Qt.Key.Key_Up)
    assert changed_lines(original, document.to_bytes()) == [f"-{before}", f"+{after}"]


def test_the_datetime_picker_shows_the_wall_clock_and_offset(qtbot, site_and_index) -> None:
    site, index = site_and_index
    form, _ = open_form(qtbot, site, index, DATETIME_POST)
    editor = form.editor("date")
    assert editor.picker.time().toString("HH:mm") == "09:30"
    assert editor.zone.text() == "UTC+02:00"


def test_a_missing_date_can_be_set(qtbot, demo_site: Path) -> None:
    post = demo_site / "content" / "blog" / "undated.md"
    post.write_text('---\ntitle: "Undated"\n---\nText.\n', encoding="utf-8")
    site, index = indexed(demo_site)
    form, document = open_form(qtbot, site, index, post)
    editor = form.editor("date")
    assert editor.stack.currentIndex() == 0  # "Set a date"
    with qtbot.waitSignal(form.edited):
        qtbot.mouseClick(editor.set_button, Qt.MouseButton.LeftButton)
    assert "date" in document.front_matter
    assert document.to_bytes().decode().startswith('---\ntitle: "Undated"\ndate: ')


def test_the_draft_switch_flips_draft(qtbot, site_and_index) -> None:
    site, index = site_and_index
    form, document = open_form(qtbot, site, index, MEETINGS)
    switch = form.editor("draft").switch
    assert switch.isChecked()
    assert switch.text() == "Draft — not published yet"
    original = document.to_bytes()
    with qtbot.waitSignal(form.edited):
        qtbot.mouseClick(switch, Qt.MouseButton.LeftButton)
    assert document.front_matter["draft"] is False
    assert changed_lines(original, document.to_bytes()) == ["-draft: true", "+draft: false"]
    assert switch.text() == "Published when the site is built"


def test_a_draft_switch_on_a_post_without_draft_adds_and_removes_it(qtbot, site_and_index) -> None:
    site, index = site_and_index
    form, document = open_form(qtbot, site, index, PHOTOS)
    original = document.to_bytes()
    switch = form.editor("draft").switch
    assert not switch.isChecked()
    qtbot.mouseClick(switch, Qt.MouseButton.LeftButton)
    assert document.front_matter["draft"] is True
    assert changed_lines(original, document.to_bytes()) == ["+draft: true"]
    qtbot.mouseClick(switch, Qt.MouseButton.LeftButton)
    assert "draft" not in document.front_matter
    assert document.to_bytes() == original


def test_clearing_a_field_the_post_did_not_have_leaves_the_file_alone(
    qtbot, site_and_index
) -> None:
    site, index = site_and_index
    form, document = open_form(qtbot, site, index, Path("content/contact.md"))
    original = document.to_bytes()
    line = form.editor("author").line
    qtbot.keyClicks(line, "Sanne")
    assert document.front_matter["author"] == "Sanne"
    line.selectAll()
    qtbot.keyClick(line, Qt.Key.Key_Delete)
    assert document.to_bytes() == original


def test_the_description_counts_against_160_characters(qtbot, site_and_index) -> None:
    site, index = site_and_index
    form, document = open_form(qtbot, site, index, PHOTOS)
    editor = form.editor("description")
    assert editor.counter.text() == "124 / 160 characters"
    editor.text.moveCursor(editor.text.textCursor().MoveOperation.End)
    with qtbot.waitSignal(form.edited):
        qtbot.keyClicks(editor.text, " And more words to push it over the limit.")
    assert editor.counter.text().startswith("166 / 160 characters — search engines")
    assert document.front_matter["description"].endswith("over the limit.")


def test_the_bundle_image_shows_a_thumbnail(qtbot, site_and_index) -> None:
    site, index = site_and_index
    form, _ = open_form(qtbot, site, index, PHOTOS)
    editor = form.editor("featured_image")
    assert editor.has_thumbnail()
    assert editor.thumbnail.pixmap().size().width() == 120
    assert editor.image_file().name == "cover.jpg"


def test_a_missing_image_says_so_and_choose_writes_the_path(
    qtbot, site_and_index, monkeypatch
) -> None:
    site, index = site_and_index
    form, document = open_form(qtbot, site, index, MEETINGS)
    editor = form.editor("featured_image")
    assert editor.has_thumbnail()
    editor.path.selectAll()
    qtbot.keyClicks(editor.path, "images/blog/nope.jpg")
    assert not editor.has_thumbnail()
    assert "There is no image “images/blog/nope.jpg”" in form.problem("featured_image")
    chosen = site.root / "static" / "images" / "blog" / "blog-2.jpg"
    monkeypatch.setattr(editor, "_ask_for_file", lambda: chosen)
    with qtbot.waitSignal(form.edited):
        qtbot.mouseClick(editor.choose, Qt.MouseButton.LeftButton)
    assert document.front_matter["featured_image"] == "images/blog/blog-2.jpg"
    assert editor.has_thumbnail()
    assert form.problem("featured_image") == ""


def test_required_fields_are_marked_and_say_when_empty(qtbot, site_and_index) -> None:
    site, index = site_and_index
    document = Document.load(site.absolute(MEETINGS))
    schema = SectionSchema("blog", (Field("title", FieldKind.STRING, "Titel", required=True),))
    form = FrontMatterForm()
    qtbot.addWidget(form)
    form.set_site(site, index)
    form.set_document(document, schema)
    line = form.editor("title").line
    line.selectAll()
    qtbot.keyClick(line, Qt.Key.Key_Delete)
    assert form.problem("title") == "Required: please fill this in."
    assert document.front_matter["title"] == ""
    label = form._row("title").label.text()
    assert label.startswith("Titel") and "(required)" in label


def test_fields_beyond_the_schema_are_shown_too(qtbot, site_and_index) -> None:
    site, index = site_and_index
    document = Document.load(site.absolute(MEETINGS))
    form = FrontMatterForm()
    qtbot.addWidget(form)
    form.set_site(site, index)
    schema = SectionSchema("blog", (Field("title", FieldKind.STRING, "Title"),))
    form.set_document(document, schema)
    assert form.field_names() == [
        "title", "date", "draft", "author", "description", "categories", "tags", "featured_image",
    ]  # fmt: skip
    assert isinstance(form.editor("draft"), SwitchEditor)
    assert isinstance(form.editor("tags"), ChipsEditor)


def test_a_value_that_does_not_fit_its_widget_is_raw_with_a_reason(qtbot, demo_site: Path) -> None:
    post = demo_site / "content" / "blog" / "odd.md"
    post.write_text('---\ntitle: "Odd"\ndate: soon\ndraft: "yes"\n---\n', encoding="utf-8")
    site, index = indexed(demo_site)
    form, document = open_form(qtbot, site, index, post)
    assert isinstance(form.editor("date"), RawEditor)
    assert "Hugo cannot read “soon” as a date" in form.problem("date")
    assert isinstance(form.editor("draft"), RawEditor)
    assert (
        form.problem("draft")
        == "Expected yes or no (true or false); shown as text so you can fix it."
    )
    assert not document.is_modified


def test_the_schema_spelling_of_a_key_edits_the_posts_spelling(qtbot, demo_site: Path) -> None:
    post = demo_site / "content" / "blog" / "caps.md"
    post.write_text('---\nTitle: "Caps"\n---\n', encoding="utf-8")
    site, index = indexed(demo_site)
    form, document = open_form(qtbot, site, index, post)
    line = form.editor("title").line
    line.end(False)
    qtbot.keyClicks(line, "!")
    assert document.to_bytes().decode() == '---\nTitle: "Caps!"\n---\n'


def test_schema_for_the_blog_is_what_these_tests_expect(site_and_index) -> None:
    site, index = site_and_index
    assert schema_for(site, "blog", index).names == tuple(BLOG_WIDGETS)


def test_a_post_without_front_matter_gets_some_when_a_field_is_filled(
    qtbot, demo_site: Path
) -> None:
    post = demo_site / "content" / "blog" / "bare.md"
    post.write_text("Just text.\n", encoding="utf-8")
    site, index = indexed(demo_site)
    form, document = open_form(qtbot, site, index, post)
    assert not form.is_broken()
    assert form.field_names() == list(BLOG_WIDGETS)
    qtbot.keyClicks(form.editor("title").line, "Bare")
    assert document.to_bytes() == b'---\ntitle: "Bare"\n---\nJust text.\n'


def test_fields_the_site_hides_stay_hidden_and_untouched(qtbot, demo_site: Path) -> None:
    (demo_site / ".postedit.yaml").write_text(
        "sections:\n  blog:\n    hidden: [author]\n", encoding="utf-8"
    )
    site, index = indexed(demo_site)
    form, document = open_form(qtbot, site, index, PHOTOS)
    assert "author" not in form.field_names()
    assert form.editor("author") is None
    assert document.front_matter["author"] == "Joost Hendriks"
    assert not document.is_modified


def test_opening_another_post_replaces_the_fields(qtbot, site_and_index) -> None:
    from postedit.ui.form.base import FieldEditor

    site, index = site_and_index
    form, _ = open_form(qtbot, site, index, PHOTOS)
    for post in (Path("content/contact.md"), MEETINGS, JSON_POST):
        document = Document.load(site.absolute(post))
        with qtbot.assertNotEmitted(form.edited):
            form.set_document(document, schema_for(site, site.section_of(post), index))
    assert form.editor("title").line.text() == "A short checklist before you hit publish"
    editors = [editor for editor in form.findChildren(FieldEditor) if editor.parent() is not None]
    assert len(editors) == len(BLOG_WIDGETS)
