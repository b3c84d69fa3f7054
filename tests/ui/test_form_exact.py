"""An edit in the form never changes what the writer did not touch.

Adversarial cases: characters Qt's text widgets would rewrite, numbers and dates
beyond what the spin boxes and the calendar hold, and any title typed into a
YAML, TOML or JSON post, read back from the saved bytes.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from postedit.core.document import Document
from postedit.core.field_text import text_to_value
from postedit.core.field_values import fits
from postedit.core.schema import Field, FieldKind, SectionSchema
from postedit.core.values import same_value
from postedit.ui.form import FrontMatterForm
from postedit.ui.form.base import exact_text
from postedit.ui.form.dates import DateEditor
from postedit.ui.form.image import ImageEditor
from postedit.ui.form.raw import RawEditor
from postedit.ui.form.simple import LineEditor, LongTextEditor
from tests.ui.test_form_support import changed_lines

TITLE = Field("title", FieldKind.STRING, "Title")
DESCRIPTION = Field("description", FieldKind.TEXT, "Description")
WEIGHT = Field("weight", FieldKind.NUMBER, "Weight")
DATE = Field("date", FieldKind.DATE, "Date")

POSTS = {
    "yaml": '---\ntitle: "Old"\nweight: 1\n---\nBody\n',
    "toml": '+++\ntitle = "Old"\nweight = 1\n+++\nBody\n',
    "json": '{\n  "title": "Old",\n  "weight": 1\n}\nBody\n',
}


def open_post(qtbot, folder: Path, text: str, *fields: Field) -> tuple[FrontMatterForm, Document]:
    path = folder / "post.md"
    path.write_bytes(text.encode())
    document = Document.load(path)
    form = FrontMatterForm()
    qtbot.addWidget(form)
    with qtbot.assertNotEmitted(form.edited):
        form.set_document(document, SectionSchema("blog", fields))
    return form, document


def read_back(folder: Path, document: Document) -> Document:
    saved = folder / "saved.md"
    saved.write_bytes(document.to_bytes())
    return Document.load(saved)


def test_a_no_break_space_in_a_description_survives_an_edit(qtbot, tmp_path: Path) -> None:
    text = '---\ndescription: "Bonjour\\u00a0! Deux\\u00a0mots."\n---\n'
    form, document = open_post(qtbot, tmp_path, text, DESCRIPTION)
    editor = form.editor("description")
    assert isinstance(editor, LongTextEditor)
    with qtbot.waitSignal(form.edited):
        qtbot.keyClicks(editor.text, "X")
    assert document.front_matter["description"] == "XBonjour\u00a0! Deux\u00a0mots."
    assert editor.counter.text().startswith(f"{len(document.front_matter['description'])} / 160")


def test_a_title_longer_than_a_line_edit_holds_survives_an_edit(qtbot, tmp_path: Path) -> None:
    title = "x" * 40_000
    form, document = open_post(qtbot, tmp_path, f"---\ntitle: {title}\n---\n", TITLE)
    editor = form.editor("title")
    assert isinstance(editor, LineEditor)
    editor.line.end(False)
    with qtbot.waitSignal(form.edited):
        qtbot.keyClicks(editor.line, "!")
    assert document.front_matter["title"] == title + "!"


@pytest.mark.parametrize("title", ["\\uFEFFhidden mark", "carriage\\rreturn"])
def test_a_title_a_line_edit_would_change_is_raw_and_kept(qtbot, tmp_path: Path, title) -> None:
    form, document = open_post(qtbot, tmp_path, f'---\ntitle: "{title}"\n---\n', TITLE)
    editor = form.editor("title")
    assert isinstance(editor, RawEditor)
    assert "invisible characters" in form.problem("title")
    assert text_to_value(editor.text.toPlainText()) == document.front_matter["title"]


@pytest.mark.parametrize("weight", ["10000000000", "3.14159265358"])
def test_a_number_beyond_the_spin_box_opens_as_text(qtbot, tmp_path: Path, weight) -> None:
    # A big whole number used to raise OverflowError while the post opened.
    form, _ = open_post(qtbot, tmp_path, f"---\nweight: {weight}\n---\n", WEIGHT)
    editor = form.editor("weight")
    assert isinstance(editor, RawEditor)
    assert editor.text.toPlainText() == weight
    assert "cannot hold this number exactly" in form.problem("weight")


def test_hugos_zero_date_is_not_moved_to_1752(qtbot, tmp_path: Path) -> None:
    form, _ = open_post(qtbot, tmp_path, "---\ndate: 0001-01-01\n---\n", DATE)
    assert isinstance(form.editor("date"), RawEditor)


def test_an_old_date_moves_by_the_day_picked(qtbot, tmp_path: Path) -> None:
    form, document = open_post(qtbot, tmp_path, "---\ndate: 1700-01-01\n---\n", DATE)
    editor = form.editor("date")
    assert isinstance(editor, DateEditor)
    original = document.to_bytes()
    with qtbot.waitSignal(form.edited):
        editor.picker.setDateTime(editor.picker.dateTime().addDays(1))
    assert changed_lines(original, document.to_bytes()) == [
        "-date: 1700-01-01",
        "+date: 1700-01-02",
    ]


# Text a writer can type or paste into a line: no line breaks, and no leading
# U+FEFF or carriage return, which the form sends to the raw editor instead.
TYPED = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r\u2029\x85\u2028"),
    max_size=30,
).filter(lambda text: not text.startswith("\ufeff"))


@pytest.mark.parametrize("fmt", sorted(POSTS))
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=TYPED)
def test_any_typed_title_reads_back_and_changes_only_its_line(
    qtbot, tmp_path_factory, fmt: str, title: str
) -> None:
    folder = tmp_path_factory.mktemp(fmt)
    form, document = open_post(qtbot, folder, POSTS[fmt], TITLE, WEIGHT)
    original = document.to_bytes()
    line = form.editor("title").line
    line.clear()
    for end in range(1, len(title) + 1):  # character by character, as typed
        line.setText(title[:end])
        line.textEdited.emit(title[:end])
    if not title:
        line.textEdited.emit("")
    assert form.problem("title") == ""
    saved = read_back(folder, document)
    assert same_value(saved.front_matter["title"], title)
    assert same_value(saved.front_matter["weight"], 1)
    assert saved.body == "Body\n"
    once = Document.load(folder / "post.md")
    once.front_matter["title"] = title
    assert once.to_bytes() == document.to_bytes()
    removed = [line for line in changed_lines(original, document.to_bytes()) if line[0] == "-"]
    assert len(removed) <= 1 and "Old" in removed[0] if removed else title == "Old"


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(st.characters(blacklist_categories=("Cs",))))
def test_text_a_widget_is_given_comes_back_exactly(qtbot, text: str) -> None:
    # `toPlainText()` turned no-break spaces into spaces; `fits` keeps out the rest.
    long_text, line = LongTextEditor(), LineEditor()
    qtbot.addWidget(long_text)
    qtbot.addWidget(line)
    if fits(FieldKind.TEXT, text):
        long_text.set_value(text)
        assert exact_text(long_text.text) == text
    if fits(FieldKind.STRING, text):
        line.set_value(text)
        assert line.line.text() == text


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("---\ntitle: T\ndate: 2024-01-01\ndraft: true\n---\n", "-date: 2024-01-01"),
        (
            "+++\ntitle = 'T'\ndate = 2024-01-01T10:00:00Z\ndraft = true\n+++\n",
            "-date = 2024-01-01T10:00:00Z",
        ),
        (
            '{\n  "title": "T",\n  "date": "2024-01-01",\n  "draft": true\n}\n',
            '-  "date": "2024-01-01",',
        ),
    ],
    ids=["yaml", "toml", "json"],
)
def test_removing_a_date_removes_only_its_line(qtbot, tmp_path: Path, text: str, line: str) -> None:
    form, document = open_post(qtbot, tmp_path, text, TITLE, DATE)
    editor = form.editor("date")
    assert isinstance(editor, DateEditor)
    with qtbot.waitSignal(form.edited):
        editor.clear_button.click()
    assert changed_lines(text.encode(), document.to_bytes()) == [line]
    assert editor.stack.currentIndex() == 0  # "Set a date" again
    assert "date" not in read_back(tmp_path, document).front_matter
    with qtbot.waitSignal(form.edited):
        editor.set_button.click()
    assert isinstance(read_back(tmp_path, document).front_matter["date"], date | str)
    assert form.problem("date") == ""


def test_a_post_with_an_inline_image_opens_and_keeps_it(qtbot, tmp_path: Path) -> None:
    image = "data:image/png;base64," + "A" * 40_000
    cover = Field("cover", FieldKind.IMAGE, "Cover")
    form, document = open_post(qtbot, tmp_path, f"---\ncover: {image}\n---\n", cover)
    editor = form.editor("cover")
    assert isinstance(editor, ImageEditor)
    assert form.problem("cover") == ""
    editor.path.end(False)
    with qtbot.waitSignal(form.edited):
        qtbot.keyClicks(editor.path, "A")
    assert document.front_matter["cover"] == image + "A"
    editor.path.selectAll()
    with qtbot.waitSignal(form.edited):
        qtbot.keyClicks(editor.path, "%00.jpg")  # a NUL once unquoted: no file, no crash
    assert "There is no image" in form.problem("cover")


def test_an_edit_in_broken_front_matter_keeps_its_no_break_spaces(qtbot, tmp_path: Path) -> None:
    text = '---\ntitle: "Quoi\u00a0? jamais fermé\nauthor: Zoë\u00a0B.\n---\nBody\n'
    form, document = open_post(qtbot, tmp_path, text, TITLE)
    assert form.is_broken()
    raw = form.broken_view.text
    raw.moveCursor(raw.textCursor().MoveOperation.End)
    with qtbot.waitSignal(form.edited):
        qtbot.keyClicks(raw, "x")
    assert document.to_bytes() == text.replace("B.\n", "B.\nx\n").encode()


DESCRIPTION_POSTS = {
    "yaml": "---\ndescription: |\n  Old\n  two\nweight: 1\n---\nBody\n",
    "toml": '+++\ndescription = """\nOld\ntwo"""\nweight = 1\n+++\nBody\n',
    "json": '{\n  "description": "Old",\n  "weight": 1\n}\nBody\n',
}
WRITTEN = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\u2029"), max_size=20
).filter(lambda text: not text.startswith("\ufeff"))


@pytest.mark.parametrize("fmt", sorted(DESCRIPTION_POSTS))
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=WRITTEN)
def test_any_description_typed_reads_back_as_one_edit_would_write_it(
    qtbot, tmp_path_factory, fmt: str, text: str
) -> None:
    folder = tmp_path_factory.mktemp(fmt)
    form, document = open_post(qtbot, folder, DESCRIPTION_POSTS[fmt], DESCRIPTION, WEIGHT)
    box = form.editor("description").text
    box.setPlainText("")
    for end in range(1, len(text) + 1):
        box.setPlainText(text[:end])
    saved = read_back(folder, document)
    assert saved.front_matter["description"] == text
    assert same_value(saved.front_matter["weight"], 1)
    once = Document.load(folder / "post.md")
    once.front_matter["description"] = text
    assert once.to_bytes() == document.to_bytes()
