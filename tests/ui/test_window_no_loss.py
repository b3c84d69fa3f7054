"""The window keeps the promise "nothing is lost", tried through its widgets.

Each test opens a post the way a writer would, does something (or nothing) and
compares the file's bytes with what they must be.
"""

from __future__ import annotations

import codecs
import json
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import Executor, Future
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QThreadPool

from postedit.ui.main_window import MainWindow
from postedit.ui.save import Choice
from tests.conftest import PROJECT_ROOT
from tests.ui import test_window_support as support
from tests.ui.helpers import delete_now
from tests.ui.test_window_support import SEED_LIKE_POST, open_site

# The shared fixtures, by name, for pytest to find here.
make_window = support.make_window
prompter = support.prompter
settings_file = support.settings_file

OTHER_POST = Path("content") / "blog" / "kwartaalplanning-in-de-praktijk.md"

UNCHANGED_POSTS = {
    "crlf.md": b'---\r\ntitle: "CRLF"\r\ntags: [a, b]\r\n---\r\n\r\nTekst.\r\n',
    "bom.md": codecs.BOM_UTF8 + b"---\ntitle: BOM\n---\n\nTekst met \xc2\xa0nbsp.\n",
    "utf16.md": codecs.BOM_UTF16_LE
    + "---\r\ntitle: Zestien\r\n---\r\nTekst.\r\n".encode("utf-16-le"),
    "toml.md": b"+++\ntitle = 'TOML'  # comment\ndate = 2024-05-02\n+++\nTekst.\n",
    "json.md": b'{\n  "title": "JSON",\n  "draft": false\n}\n\nTekst.\n',
    "plain.md": b"Geen front matter.\n\nTweede alinea.",
    "unclosed.md": b"---\ntitle: Nooit dicht\n\nTekst zonder einde.\n",
    "odd.md": b"---\ntitle: Vreemd\n---\nA\xc2\xa0b\xe2\x80\xa8c\n",
}


@pytest.fixture
def window(qtbot, make_window, demo_site: Path):
    window = make_window()
    open_site(qtbot, window, demo_site)
    return window


def write_post(site: Path, name: str, data: bytes) -> Path:
    post = site / "content" / "blog" / name
    post.write_bytes(data)
    return post


def type_at_end(qtbot, editor, text: str) -> None:
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, text)


def erase(qtbot, editor, count: int) -> None:
    for _ in range(count):
        qtbot.keyClick(editor, Qt.Key.Key_Backspace)


@pytest.mark.parametrize("name", sorted(UNCHANGED_POSTS))
def test_an_unchanged_post_keeps_its_bytes_through_everything(
    qtbot, window, demo_site: Path, prompter, name: str
) -> None:
    data = UNCHANGED_POSTS[name]
    post = write_post(demo_site, name, data)
    assert window.open_post(post)
    assert not window.document.is_modified
    window.source_toggle.click()
    window.source_toggle.click()
    assert window.save()
    assert window.open_post(demo_site / OTHER_POST)
    assert window.open_post(post)
    assert window.close()
    assert prompter.asked == []
    assert post.read_bytes() == data


@pytest.mark.parametrize("name", sorted(UNCHANGED_POSTS))
def test_typing_and_erasing_in_either_editor_leaves_the_bytes(
    qtbot, window, demo_site: Path, name: str
) -> None:
    """Text Qt shows differently (no-break spaces, U+2028, CRLF) must not be rewritten."""
    data = UNCHANGED_POSTS[name]
    post = write_post(demo_site, name, data)
    window.open_post(post)
    type_at_end(qtbot, window.editor.editor, "xy")
    erase(qtbot, window.editor.editor, 2)
    window.source_toggle.click()
    type_at_end(qtbot, window.source_editor.editor, "z")
    erase(qtbot, window.source_editor.editor, 1)
    window.source_toggle.click()
    assert not window.document.is_modified
    assert window.save()
    assert post.read_bytes() == data


def test_one_edit_in_a_body_with_no_break_spaces_changes_only_that(
    qtbot, window, demo_site: Path
) -> None:
    data = UNCHANGED_POSTS["odd.md"]
    post = write_post(demo_site, "odd.md", data)
    window.open_post(post)
    type_at_end(qtbot, window.editor.editor, "!")
    assert window.save()
    assert post.read_bytes() == data + b"!"


def test_one_edit_in_the_source_of_a_crlf_file_keeps_crlf(qtbot, window, demo_site: Path) -> None:
    data = UNCHANGED_POSTS["crlf.md"]
    post = write_post(demo_site, "crlf.md", data)
    window.open_post(post)
    window.source_toggle.click()
    type_at_end(qtbot, window.source_editor.editor, "!")
    assert window.save()
    assert post.read_bytes() == data + b"!"


def test_body_form_source_body_edits_all_reach_the_file(qtbot, window, demo_site: Path) -> None:
    post = demo_site / SEED_LIKE_POST
    original = post.read_bytes()
    window.open_post(post)
    type_at_end(qtbot, window.editor.editor, "Een.")
    line = window.form.editor("author").line
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, "Iemand")
    window.source_toggle.click()
    source = window.source_editor.editor
    assert source.toPlainText().endswith("Een.")
    assert "author: Iemand" in source.toPlainText() or 'author: "Iemand"' in source.toPlainText()
    type_at_end(qtbot, source, "Twee.")
    window.source_toggle.click()
    assert window.editor.text().endswith("Een.Twee.")
    assert window.form.editor("author").line.text() == "Iemand"
    type_at_end(qtbot, window.editor.editor, "Drie.")
    qtbot.keyClick(window.editor.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved = post.read_bytes()
    assert saved.endswith(b"Een.Twee.Drie.")
    assert saved == window.document.to_bytes()
    assert b"Iemand" in saved
    assert saved.replace(b"Een.Twee.Drie.", b"") != original  # the author line changed
    window.source_toggle.click()
    assert window.source_editor.text().encode() == saved


def test_undo_after_a_round_trip_through_source_keeps_editor_and_document_equal(
    qtbot, window, demo_site: Path
) -> None:
    post = demo_site / SEED_LIKE_POST
    original = post.read_bytes()
    window.open_post(post)
    editor = window.editor.editor
    type_at_end(qtbot, editor, "abc")
    window.source_toggle.click()
    window.source_toggle.click()
    for _ in range(5):
        editor.undo()
        assert window.document.body == window.editor.text()
    for _ in range(5):
        editor.redo()
        assert window.document.body == window.editor.text()
    assert window.save()
    assert post.read_bytes() in (original, original + b"abc")
    assert post.read_bytes() == window.document.to_bytes()


def test_ctrl_s_straight_after_typing_saves_every_character(qtbot, window, demo_site: Path) -> None:
    post = demo_site / SEED_LIKE_POST
    original = post.read_bytes()
    window.open_post(post)
    editor = window.editor.editor
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    typed = "Snel getypt, meteen bewaard."
    qtbot.keyClicks(editor, typed)
    qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert window._stats_timer.isActive()  # nothing waited for the timers
    assert post.read_bytes() == original + typed.encode()


def test_ctrl_s_straight_after_typing_a_title_saves_it(qtbot, window, demo_site: Path) -> None:
    post = demo_site / SEED_LIKE_POST
    window.open_post(post)
    line = window.form.editor("title").line
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, "Nieuw")
    qtbot.keyClick(line, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert b'title: "Nieuw"\n' in post.read_bytes()
    assert not window.isWindowModified()


def test_ctrl_s_takes_a_tag_typed_but_not_confirmed(qtbot, window, demo_site: Path) -> None:
    post = demo_site / SEED_LIKE_POST
    window.open_post(post)
    line = window.form.editor("tags").line
    line.setFocus()
    qtbot.keyClicks(line, "nieuwtag")
    qtbot.keyClick(line, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert b"nieuwtag" in post.read_bytes()
    assert line.text() == ""
    assert not window.isWindowModified()


@pytest.mark.parametrize("action", ["switch", "site", "drop", "close"])
def test_cancel_keeps_the_post_and_its_text(
    qtbot, window, demo_site: Path, prompter, tmp_path: Path, action: str
) -> None:
    post = demo_site / SEED_LIKE_POST
    original = post.read_bytes()
    window.open_post(post)
    type_at_end(qtbot, window.editor.editor, "Bewaar mij")
    prompter.answers.append(Choice.CANCEL)
    if action == "switch":
        assert not window.open_post(demo_site / OTHER_POST)
    elif action == "site":
        assert not window.open_site(demo_site)
    elif action == "drop":
        from tests.ui.test_window import _drop

        _drop(window, demo_site / OTHER_POST)
    else:
        assert not window.close()
    assert [kind for kind, _ in prompter.asked] == ["unsaved"]
    assert window.document.path.name == post.name
    assert window.editor.text().endswith("Bewaar mij")
    assert window.document.body.endswith("Bewaar mij")
    assert window.isWindowModified()
    assert window.pages.currentWidget() is window.form_editor
    assert post.read_bytes() == original
    assert window.save()
    assert post.read_bytes() == original + b"Bewaar mij"


def test_a_failed_save_while_switching_keeps_the_post_open(
    qtbot, window, demo_site: Path, prompter, monkeypatch
) -> None:
    import postedit.core.document as document_module
    from postedit.core.atomic import SaveError

    def refuse(path: Path, data: bytes) -> None:
        raise SaveError(f"“{path.name}” is read-only. Use Save As to keep your changes.")

    monkeypatch.setattr(document_module, "atomic_write", refuse)
    post = demo_site / SEED_LIKE_POST
    original = post.read_bytes()
    window.open_post(post)
    type_at_end(qtbot, window.editor.editor, "Blijf")
    prompter.answers += [Choice.SAVE, Choice.CANCEL]
    assert not window.open_post(demo_site / OTHER_POST)
    assert [kind for kind, _ in prompter.asked] == ["unsaved", "save_failed"]
    assert window.document.path.name == post.name
    assert window.editor.text().endswith("Blijf")
    assert window.isWindowModified()
    assert window.status.save_state.text() == "Not saved"
    assert post.read_bytes() == original


def test_clicking_the_open_post_again_asks_nothing_and_keeps_the_text(
    qtbot, window, demo_site: Path, prompter
) -> None:
    """The list names posts by resolved path; the window may have opened another spelling."""
    post = demo_site / "content" / "blog" / ".." / "blog" / SEED_LIKE_POST.name
    window.open_post(post)
    type_at_end(qtbot, window.editor.editor, "Hier")
    assert window.open_post((demo_site / SEED_LIKE_POST).resolve())
    assert prompter.asked == []
    assert window.editor.text().endswith("Hier")


@pytest.mark.parametrize("kind", ["binary", "missing", "huge", "folder"])
def test_a_post_that_cannot_open_leaves_the_unsaved_one_alone(
    qtbot, window, demo_site: Path, prompter, kind: str
) -> None:
    post = demo_site / SEED_LIKE_POST
    original = post.read_bytes()
    window.open_post(post)
    type_at_end(qtbot, window.editor.editor, "Onbewaard")
    bad = demo_site / "content" / "blog" / "slecht.md"
    if kind == "binary":
        bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00binary")
    elif kind == "huge":
        with bad.open("wb") as file:
            file.truncate(21 * 1024 * 1024)
    elif kind == "folder":
        bad.mkdir()
    assert not window.open_post(bad)
    assert prompter.asked == []  # nothing to decide: the other post cannot be opened
    assert [(k, title) for k, title, _ in prompter.notices] == [("warn", "Cannot open this post")]
    assert "slecht.md" in prompter.notices[0][2]
    assert window.document.path.name == post.name
    assert window.editor.text().endswith("Onbewaard")
    assert window.isWindowModified()
    assert post.read_bytes() == original


def test_a_dropped_binary_post_leaves_the_unsaved_one_alone(
    qtbot, window, demo_site: Path, prompter
) -> None:
    from tests.ui.test_window import _drop

    post = demo_site / SEED_LIKE_POST
    window.open_post(post)
    type_at_end(qtbot, window.editor.editor, "Onbewaard")
    bad = demo_site / "content" / "blog" / "slecht.md"
    bad.write_bytes(b"\x00\x01\x02" * 100)
    _drop(window.editor.editor.viewport(), bad)
    assert prompter.asked == []
    assert prompter.notices[0][:2] == ("warn", "Cannot open this post")
    assert window.document.path.name == post.name
    assert window.editor.text().endswith("Onbewaard")


def test_a_file_changed_on_disk_is_never_overwritten_when_switching(
    qtbot, window, demo_site: Path, prompter
) -> None:
    post = demo_site / SEED_LIKE_POST
    window.open_post(post)
    type_at_end(qtbot, window.editor.editor, "Mijn versie")
    theirs = b"---\ntitle: Hun versie\n---\nAnders.\n"
    post.write_bytes(theirs)
    prompter.answers += [Choice.SAVE, Choice.CANCEL]
    assert not window.open_post(demo_site / OTHER_POST)
    assert [kind for kind, _ in prompter.asked] == ["unsaved", "compare"]
    assert post.read_bytes() == theirs
    assert window.document.body.endswith("Mijn versie")
    assert window.isWindowModified()


def test_a_folder_that_is_no_site_leaves_the_unsaved_post_alone(
    qtbot, window, demo_site: Path, prompter, tmp_path: Path
) -> None:
    from tests.ui.test_window import _drop

    window.open_post(demo_site / SEED_LIKE_POST)
    type_at_end(qtbot, window.editor.editor, "Onbewaard")
    nowhere = tmp_path / "geen-site"
    nowhere.mkdir()
    _drop(window, nowhere)
    assert prompter.asked == []
    assert prompter.notices[0][:2] == ("warn", "Cannot open this site")
    assert window.document.body.endswith("Onbewaard")
    assert window.pages.currentWidget() is window.form_editor


def test_cancel_while_editing_the_source_keeps_the_source_view(
    qtbot, window, demo_site: Path, prompter
) -> None:
    post = demo_site / SEED_LIKE_POST
    window.open_post(post)
    window.source_toggle.click()
    type_at_end(qtbot, window.source_editor.editor, "Bron")
    prompter.answers.append(Choice.CANCEL)
    assert not window.open_post(demo_site / OTHER_POST)
    assert window.pages.currentWidget() is window.source_editor
    assert window.source_toggle.isChecked()
    assert window.source_editor.text().endswith("Bron")
    assert window.document.body.endswith("Bron")
    prompter.answers.append(Choice.SAVE)
    assert window.open_post(demo_site / OTHER_POST)
    assert post.read_bytes().endswith(b"Bron")
    assert window.pages.currentWidget() is window.form_editor


_READ_ONLY_CLOSE = """
import json, sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication
import tests.ui.helpers  # registers the preview's scheme before the application exists
from postedit.ui.main_window import MainWindow
from postedit.ui.save import Choice
from tests.ui.test_window_support import ImmediateExecutor, ScriptedPrompter, settings_store

QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
app = QApplication([])
post, settings = map(Path, sys.argv[1:3])
prompter = ScriptedPrompter()
prompter.answers += [Choice.SAVE, Choice.RETRY, Choice.CANCEL]
window = MainWindow(settings_store(settings), ImmediateExecutor(), prompter)
window.show()
window.open_post(post)
window.editor.editor.moveCursor(window.editor.editor.textCursor().MoveOperation.End)
window.editor.editor.insertPlainText("Niet weg.")
closed = window.close()
print(json.dumps({
    "closed": closed,
    "visible": window.isVisible(),
    "asked": [kind for kind, _ in prompter.asked],
    "modified": window.isWindowModified(),
    "state": window.status.save_state.text(),
    "text_kept": window.editor.text().endswith("Niet weg."),
}))
prompter.answers.append(Choice.DISCARD)
window.close()
window.deleteLater()
"""


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX permission bits")
def test_closing_over_a_read_only_post_that_cannot_be_saved_stays_open(
    demo_site: Path, tmp_path: Path
) -> None:
    """Real permissions, even as root: the flow runs in a child without root's overrides."""
    post = demo_site / SEED_LIKE_POST
    original = post.read_bytes()
    post.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    command = [sys.executable, "-c", _READ_ONLY_CLOSE, str(post), str(tmp_path / "s.ini")]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: permissions cannot be denied")
        command = [setpriv, "--bounding-set=-dac_override,-dac_read_search,-fowner", *command]
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=120, check=False, cwd=PROJECT_ROOT
    )
    assert result.returncode == 0, result.stderr[-2000:]
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome == {
        "closed": False,
        "visible": True,
        "asked": ["unsaved", "save_failed", "save_failed"],
        "modified": True,
        "state": "Not saved",
        "text_kept": True,
    }
    assert post.read_bytes() == original


def test_a_look_at_the_source_keeps_the_body_undo_history(qtbot, window, demo_site: Path) -> None:
    post = demo_site / SEED_LIKE_POST
    original = post.read_bytes()
    window.open_post(post)
    editor = window.editor.editor
    type_at_end(qtbot, editor, "abc")
    window.source_toggle.click()
    window.source_toggle.click()
    editor.undo()
    assert not window.editor.text().endswith("abc")
    assert window.document.body == window.editor.text()
    assert not window.document.is_modified
    editor.redo()
    assert window.document.body.endswith("abc")
    assert window.save()
    assert post.read_bytes() == original + b"abc"


def test_a_body_changed_in_the_source_replaces_the_editor_text(
    qtbot, window, demo_site: Path
) -> None:
    window.open_post(demo_site / SEED_LIKE_POST)
    type_at_end(qtbot, window.editor.editor, "abc")
    window.source_toggle.click()
    type_at_end(qtbot, window.source_editor.editor, "def")
    window.source_toggle.click()
    assert window.editor.text().endswith("abcdef")
    window.editor.editor.undo()  # the text from the source is where undo starts
    assert window.editor.text().endswith("abcdef")
    assert window.document.body == window.editor.text()


class _LaterExecutor(Executor):
    """Keeps tasks until `run_all`: an index that arrives while the writer types."""

    def __init__(self) -> None:
        self.tasks: list[tuple[Future[Any], Callable[[], Any]]] = []

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        self.tasks.append((future, lambda: fn(*args, **kwargs)))
        return future

    def run_all(self) -> None:
        while self.tasks:
            future, task = self.tasks.pop(0)
            try:
                future.set_result(task())
            except Exception as error:
                future.set_exception(error)


def test_typing_in_a_field_goes_on_when_the_index_arrives(
    qtbot, demo_site: Path, settings_file: Path, prompter
) -> None:
    executor = _LaterExecutor()
    window = MainWindow(support.settings_store(settings_file), executor, prompter)
    window.show()
    qtbot.waitExposed(window)
    try:
        post = demo_site / SEED_LIKE_POST
        assert window.open_post(post)
        assert window.index is None
        line = window.form.editor("author").line
        line.setFocus()
        line.selectAll()
        qtbot.keyClicks(line, "Ie")
        assert window.focusWidget() is line
        executor.run_all()
        qtbot.waitUntil(lambda: window.index is not None)
        assert window.form.editor("author").line is not line  # the form was rebuilt
        qtbot.keyClicks(window.focusWidget(), "mand")
        assert window.document.front_matter["author"] == "Iemand"
        assert window.form.editor("author").line.text() == "Iemand"
    finally:
        QThreadPool.globalInstance().waitForDone(5000)
        if window.document is not None and window.document.is_modified:
            prompter.answers.append(Choice.DISCARD)
        delete_now(qtbot, window)


@pytest.mark.parametrize(("answer", "saved"), [(Choice.USE_UTF8, True), (Choice.CANCEL, False)])
def test_a_character_the_old_encoding_cannot_hold_is_saved_as_utf8_when_asked(
    qtbot, window, prompter, demo_site: Path, answer: Choice, saved: bool
) -> None:
    original = "---\ntitle: Café\n---\n\nÉén tekst.\n".encode("cp1252")
    post = write_post(demo_site, "cp1252.md", original)
    assert window.open_post(post)
    editor = window.editor.editor
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    editor.insertPlainText("Łódź")  # QTest types ASCII only
    prompter.answers = [answer]
    qtbot.keyClick(window.editor.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert prompter.asked[-1][0] == "use_utf8"
    if saved:
        assert post.read_bytes() == "---\ntitle: Café\n---\n\nÉén tekst.\nŁódź".encode()
        assert not window.document.is_modified
    else:
        assert post.read_bytes() == original
        assert window.document.is_modified
        assert window.editor.text().endswith("Łódź")
