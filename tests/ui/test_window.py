"""The window end to end: opening, editing, unsaved work, saving, settings, drops."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QThreadPool, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMainWindow

from postedit.core.atomic import SaveError
from postedit.ui.save import Choice
from tests.conftest import PROJECT_ROOT
from tests.ui import test_window_support as support
from tests.ui.test_window_support import SEED_LIKE_POST, open_site

# The shared fixtures, by name, for pytest to find here.
make_window = support.make_window
prompter = support.prompter
settings_file = support.settings_file

OTHER_POST = Path("content") / "blog" / "kwartaalplanning-in-de-praktijk.md"


@pytest.fixture
def window(qtbot, make_window, demo_site: Path):
    window = make_window()
    open_site(qtbot, window, demo_site)
    return window


def type_in_editor(qtbot, window, text: str) -> None:
    editor = window.editor.editor
    editor.setFocus()
    cursor = editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    editor.setTextCursor(cursor)
    qtbot.keyClicks(editor, text)


def test_opening_a_site_lists_its_posts_and_names_the_window(window, demo_site: Path) -> None:
    assert len(window.post_list.visible_titles()) == 10
    assert window.windowTitle() == "Het Logboek van Bureau Kompasroos — postedit"
    assert window.pages.currentWidget() is window.empty_state
    assert not window.save_action.isEnabled()


def test_opening_a_post_fills_form_editor_and_status(qtbot, window, demo_site: Path) -> None:
    post = demo_site / SEED_LIKE_POST
    assert window.open_post(post)
    assert window.editor.text() == window.document.body
    assert window.editor.text().startswith("\n{{< toc >}}")
    assert window.form.field_names()[:2] == ["title", "date"]
    assert window.post_heading.text() == "Schrijven voor het web: kort, helder en vindbaar"
    assert window.post_path.text() == "content/blog/schrijven-voor-het-web.md"
    assert window.windowTitle().startswith("schrijven-voor-het-web.md[*] — ")
    assert not window.isWindowModified()
    assert window.status.save_state.text() == "Saved"
    qtbot.waitUntil(lambda: window.status.words.text().endswith(" words"))  # counted off-thread
    assert window.status.reading_time.text() == "3 min read"
    assert window.post_list.view.currentIndex().data() == window.post_heading.text()


def test_a_long_title_does_not_squeeze_the_preview(qtbot, window, demo_site) -> None:
    # The seed post's title is 80 characters; the heading above the form showed it on
    # one line and pushed the middle column wide, leaving the preview a narrow strip.
    post = demo_site / "content" / "blog" / "lang.md"
    title = "De Toekomst van AI in Nederlandse Bedrijven: Trends en Verwachtingen " * 3
    post.write_text(f'---\ntitle: "{title.strip()}"\n---\n\nTekst.\n', "utf-8")
    window.resize(1440, 900)
    window.open_post(demo_site / SEED_LIKE_POST)
    qtbot.wait(50)
    preview_width = window.preview.width()
    assert preview_width > 400
    window.open_post(post)
    qtbot.wait(50)
    assert window.post_heading.text() == title.strip()
    assert window.preview.width() == preview_width
    shown = window.post_heading.shown_text()
    assert shown.endswith("…") and title.startswith(shown[:-1])  # shortened, and says so
    assert window.post_heading.toolTip() == title.strip()


def test_typing_marks_unsaved_and_undo_makes_it_clean_again(qtbot, window, demo_site) -> None:
    window.open_post(demo_site / SEED_LIKE_POST)
    type_in_editor(qtbot, window, "Nieuw")
    assert window.document.body.endswith("Nieuw")
    assert window.isWindowModified()
    assert window.status.save_state.text() == "Unsaved changes"
    for _ in "Nieuw":
        window.editor.editor.undo()
    assert not window.document.is_modified  # derived from the Document, not a flag
    assert not window.isWindowModified()
    assert window.status.save_state.text() == "Saved"


def test_word_count_follows_typing(qtbot, window, demo_site) -> None:
    window.open_post(demo_site / SEED_LIKE_POST)
    qtbot.waitUntil(lambda: window.status.words.text() != "")
    before = int(window.status.words.text().split()[0].replace(",", ""))
    type_in_editor(qtbot, window, " twee extra")
    qtbot.waitUntil(lambda: window.status.words.text() == f"{before + 2:,} words")


def test_cursor_position_in_status_bar(qtbot, window, demo_site) -> None:
    window.open_post(demo_site / SEED_LIKE_POST)
    editor = window.editor.editor
    cursor = editor.textCursor()
    cursor.setPosition(editor.document().findBlockByNumber(1).position() + 4)
    editor.setTextCursor(cursor)
    qtbot.waitUntil(lambda: window.status.position.text() == "Ln 2, Col 5")


def test_ctrl_s_saves_only_the_change(qtbot, window, demo_site) -> None:
    post = demo_site / SEED_LIKE_POST
    original = post.read_bytes()
    window.open_post(post)
    type_in_editor(qtbot, window, "Slot.")
    with qtbot.waitSignal(window.post_saved):
        qtbot.keyClick(window.editor.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert post.read_bytes() == original + b"Slot."
    assert not window.isWindowModified()
    assert window.status.save_state.text() == "Saved"


@pytest.mark.parametrize(
    ("answer", "opened", "saved"),
    [
        (Choice.CANCEL, SEED_LIKE_POST, False),
        (Choice.DISCARD, OTHER_POST, False),
        (Choice.SAVE, OTHER_POST, True),
    ],
)
def test_switching_away_from_unsaved_work_asks(
    qtbot, window, demo_site, prompter, answer, opened, saved
) -> None:
    post = demo_site / SEED_LIKE_POST
    original = post.read_bytes()
    window.open_post(post)
    type_in_editor(qtbot, window, "Onaf")
    prompter.answers.append(answer)
    other_row = window.post_list.visible_titles().index("Kwartaalplanning in de praktijk")
    view = window.post_list.view
    rect = view.visualRect(window.post_list.filter.index(other_row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert prompter.asked == [("unsaved", "schrijven-voor-het-web.md")]
    assert (
        window.document.path == demo_site.resolve() / opened
        or window.document.path == demo_site / opened
    )
    assert post.read_bytes() == (original + b"Onaf" if saved else original)
    shown = view.currentIndex().data()
    assert shown == window.post_heading.text()  # the list marks the post actually open
    if answer is Choice.CANCEL:
        assert window.document.body.endswith("Onaf")  # the work is still there


def test_quitting_with_unsaved_work_asks(qtbot, window, demo_site, prompter) -> None:
    window.open_post(demo_site / SEED_LIKE_POST)
    type_in_editor(qtbot, window, "x")
    prompter.answers.append(Choice.CANCEL)
    assert not window.close()
    assert window.isVisible()
    prompter.answers.append(Choice.DISCARD)
    assert window.close()
    assert [kind for kind, _ in prompter.asked] == ["unsaved", "unsaved"]


def test_a_failed_save_offers_retry_and_keeps_the_text(
    qtbot, window, demo_site, prompter, monkeypatch
) -> None:
    """A full disk cannot be made on demand: the first write fails as one would."""
    import postedit.core.document as document_module

    real_write = document_module.atomic_write
    calls: list[Path] = []

    def flaky_write(path: Path, data: bytes) -> None:
        calls.append(path)
        if len(calls) == 1:
            raise SaveError(f"The disk is full: “{path.name}” could not be saved.")
        real_write(path, data)

    monkeypatch.setattr(document_module, "atomic_write", flaky_write)
    post = demo_site / SEED_LIKE_POST
    window.open_post(post)
    type_in_editor(qtbot, window, "Bewaard")
    prompter.answers.append(Choice.RETRY)
    assert window.save()
    assert prompter.asked == [
        ("save_failed", "The disk is full: “schrijven-voor-het-web.md” could not be saved.")
    ]
    assert post.read_bytes().endswith(b"Bewaard")
    assert len(calls) == 2


def test_a_failed_save_can_go_elsewhere(
    qtbot, window, demo_site, prompter, monkeypatch, tmp_path
) -> None:
    import postedit.core.document as document_module

    real_write = document_module.atomic_write
    post = demo_site / SEED_LIKE_POST

    def refuse_the_post(path: Path, data: bytes) -> None:
        if path == post:
            raise SaveError(
                "postedit may not write “schrijven-voor-het-web.md”: the file or its folder is read-only."
            )
        real_write(path, data)

    monkeypatch.setattr(document_module, "atomic_write", refuse_the_post)
    original = post.read_bytes()
    window.open_post(post)
    type_in_editor(qtbot, window, "Elders")
    prompter.answers += [Choice.RETRY, Choice.CANCEL]
    assert not window.save()
    assert window.status.save_state.text() == "Not saved"
    assert window.isWindowModified() and window.editor.text().endswith("Elders")
    copy = tmp_path / "kopie.md"
    prompter.answers.append(Choice.SAVE_AS)
    prompter.save_paths.append(copy)
    assert window.save()
    assert copy.read_bytes() == original + b"Elders"
    assert post.read_bytes() == original
    assert window.document.path == copy
    assert window.windowTitle().startswith("kopie.md[*]")


def test_a_file_changed_on_disk_asks_before_overwriting(qtbot, window, demo_site, prompter) -> None:
    post = demo_site / SEED_LIKE_POST
    window.open_post(post)
    type_in_editor(qtbot, window, "Mijn versie")
    theirs = post.read_bytes() + b"\nTheir version.\n"
    post.write_bytes(theirs)
    prompter.answers.append(Choice.CANCEL)
    assert not window.save()
    assert post.read_bytes() == theirs
    assert prompter.asked[0][0] == "compare"
    assert prompter.compared[0]["theirs"] == theirs.decode("utf-8")
    prompter.answers.append(Choice.KEEP_MINE)
    assert window.save()
    assert post.read_bytes().endswith(b"Mijn versie")


def test_unreadable_posts_say_so_and_keep_the_open_one(qtbot, window, demo_site, prompter) -> None:
    window.open_post(demo_site / SEED_LIKE_POST)
    binary = demo_site / "content" / "blog" / "plaatje.md"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00binary")
    assert not window.open_post(binary)
    assert not window.open_post(demo_site / "content" / "blog" / "weg.md")
    assert [(kind, title) for kind, title, _ in prompter.notices] == [
        ("warn", "Cannot open this post"),
        ("warn", "Cannot open this post"),
    ]
    assert "plaatje.md" in prompter.notices[0][2]
    assert "does not exist" in prompter.notices[1][2]
    assert window.document.path.name == "schrijven-voor-het-web.md"


def test_a_folder_that_is_no_site_says_so(window, tmp_path, prompter) -> None:
    assert not window.open_site(tmp_path)
    assert prompter.notices[0][:2] == ("warn", "Cannot open this site")
    assert "not inside a Hugo site" in prompter.notices[0][2]


def test_new_post_is_created_from_the_archetype_listed_and_opened(
    qtbot, window, demo_site, prompter
) -> None:
    window.open_post(demo_site / SEED_LIKE_POST)
    title = 'Nieuw: "eerste" stappen'
    prompter.new_posts.append(("blog", title, False))
    before = len(window.post_list.visible_titles())
    qtbot.mouseClick(window.post_list.new_post_button, Qt.MouseButton.LeftButton)
    kind, asked = prompter.asked[0]
    assert kind == "new_post" and asked.startswith("blog ")  # the open post's section first
    assert window.document.path.parent == demo_site / "content" / "blog"
    assert window.document.front_matter["title"] == title
    assert window.document.front_matter["draft"] is True
    assert not window.isWindowModified()
    qtbot.waitUntil(lambda: title in window.post_list.visible_titles(), timeout=5000)
    assert len(window.post_list.visible_titles()) == before + 1


def test_new_post_cancelled_changes_nothing(qtbot, window, demo_site, prompter) -> None:
    files = sorted((demo_site / "content").rglob("*"))
    prompter.new_posts.append(None)
    qtbot.mouseClick(window.post_list.new_post_button, Qt.MouseButton.LeftButton)
    assert sorted((demo_site / "content").rglob("*")) == files
    assert window.document is None


@pytest.mark.parametrize("answer", [Choice.CANCEL, Choice.SAVE])
def test_new_post_over_unsaved_work_asks_before_creating_anything(
    qtbot, window, demo_site, prompter, answer: Choice
) -> None:
    post = demo_site / SEED_LIKE_POST
    window.open_post(post)
    type_in_editor(qtbot, window, "Mijn zin.")
    files = sorted((demo_site / "content").rglob("*"))
    prompter.answers.append(answer)
    prompter.new_posts.append(("blog", "Nieuw stuk", False))
    qtbot.mouseClick(window.post_list.new_post_button, Qt.MouseButton.LeftButton)
    created = demo_site / "content" / "blog" / "nieuw-stuk.md"
    if answer is Choice.CANCEL:
        # Cancel keeps the post and its text, and leaves no new file in the site.
        assert [kind for kind, _ in prompter.asked] == ["unsaved"]
        assert sorted((demo_site / "content").rglob("*")) == files
        assert window.document.path == post and window.editor.text().endswith("Mijn zin.")
    else:
        assert [kind for kind, _ in prompter.asked] == ["unsaved", "new_post"]
        assert post.read_text("utf-8").endswith("Mijn zin.")
        assert window.document.path == created


def test_new_post_without_a_site_says_to_open_one(qtbot, make_window, prompter) -> None:
    window = make_window()
    qtbot.mouseClick(window.post_list.new_post_button, Qt.MouseButton.LeftButton)
    assert prompter.notices[0][:2] == ("inform", "New post")


def test_source_toggle_edits_the_whole_file(qtbot, window, demo_site) -> None:
    post = demo_site / SEED_LIKE_POST
    original = post.read_bytes()
    window.open_post(post)
    window.source_toggle.click()
    assert window.pages.currentWidget() is window.source_editor
    assert window.source_action.isChecked()
    source = window.source_editor.editor
    assert source.toPlainText() == original.decode("utf-8")
    text = source.toPlainText().replace("kort, helder en vindbaar", "kort en helder", 1)
    cursor = source.textCursor()
    cursor.select(cursor.SelectionType.Document)
    source.setTextCursor(cursor)
    source.insertPlainText(text)
    assert window.document.front_matter["title"] == "Schrijven voor het web: kort en helder"
    assert window.isWindowModified()
    window.source_toggle.click()
    assert window.pages.currentWidget() is window.form_editor
    assert window.form.editor("title").line.text() == "Schrijven voor het web: kort en helder"
    assert window.save()
    assert post.read_bytes() == original.replace(b"kort, helder en vindbaar", b"kort en helder", 1)


def test_settings_persist_into_a_new_window(qtbot, make_window, demo_site, settings_file) -> None:
    first = make_window()
    open_site(qtbot, first, demo_site)
    first.open_post(demo_site / OTHER_POST)
    first.columns.setSizes([250, 700, 490])
    first.form_editor.setSizes([200, 600])
    first.resize(first.width(), 520)  # the offscreen screen (800x600) clamps widths
    columns, form_editor, size = first.columns.sizes(), first.form_editor.sizes(), first.size()
    assert size.height() == 520
    assert first.close()
    assert settings_file.is_file()

    second = make_window()
    assert second.settings.settings.last_site == demo_site.resolve()
    assert second.height() == size.height()
    assert second.settings.settings.layout.columns == tuple(columns)
    # The offscreen screen is 800 px wide, so Qt rescales what does not fit; the post
    # list keeps its width.
    assert second.columns.sizes()[0] == columns[0]
    open_site(qtbot, second, second.settings.settings.last_site)
    assert second.document is not None
    assert second.document.path.name == OTHER_POST.name
    assert second.form_editor.sizes() == form_editor
    assert [action.text() for action in second.recent_menu.actions()] == ["demo-site"]


def test_recent_sites_open_and_vanished_ones_are_forgotten(
    qtbot, make_window, demo_site, tmp_path, prompter
) -> None:
    other = tmp_path / "other-site"
    shutil.copytree(demo_site, other)
    window = make_window()
    open_site(qtbot, window, demo_site)
    open_site(qtbot, window, other)
    names = [action.text() for action in window.recent_menu.actions()]
    assert names == ["other-site", "demo-site"]
    window.recent_menu.actions()[1].trigger()
    qtbot.waitUntil(lambda: window.index is not None and window.site.root == demo_site.resolve())
    shutil.rmtree(other)
    window.recent_menu.actions()[1].trigger()
    assert prompter.notices[-1][1] == "Cannot open this site"
    assert [action.text() for action in window.recent_menu.actions()] == ["demo-site"]


def _drop(target, path: Path) -> QDropEvent:
    """Drag `path` over `target` and drop it, as Qt delivers a drag from a file manager."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    action, button, keys = (
        Qt.DropAction.CopyAction,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    where = QPoint(20, 20)
    enter = QDragEnterEvent(where, action, mime, button, keys)
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted()
    # WORKAROUND: sending a QDropEvent without a drag in progress crashes Qt 6 (no drag
    # manager state), so the drop goes to the handler Qt would call.
    drop = QDropEvent(where.toPointF(), action, mime, button, keys)
    if isinstance(target, QMainWindow):
        target.dropEvent(drop)
    else:
        target.parentWidget().window().eventFilter(target, drop)
    assert drop.isAccepted()
    return drop


def test_dropping_a_post_or_a_site_opens_it(qtbot, make_window, demo_site, tmp_path) -> None:
    window = make_window()
    _drop(window, demo_site / OTHER_POST)
    assert window.document is not None and window.document.path.name == OTHER_POST.name
    qtbot.waitUntil(lambda: window.index is not None)
    other = tmp_path / "other-site"
    shutil.copytree(demo_site, other)
    _drop(window, other)
    assert window.site.root == other.resolve()
    assert window.document is None


@pytest.mark.parametrize("folder", [".", "content/blog"])
def test_the_open_site_handed_over_again_keeps_the_post_and_asks_nothing(
    qtbot, window, demo_site, prompter, folder: str
) -> None:
    # `postedit SITE` while postedit has SITE open (or the folder dropped on it): the
    # running window gets the folder; the writer's unsaved post stays as it is.
    window.open_post(demo_site / SEED_LIKE_POST)
    type_in_editor(qtbot, window, " Nog niet bewaard.")
    assert window.open_path(demo_site / folder)
    assert prompter.asked == []
    assert window.document is not None and window.document.path == demo_site / SEED_LIKE_POST
    assert window.editor.text().endswith(" Nog niet bewaard.")
    assert window.document.is_modified
    assert window.editor.editor.document().isUndoAvailable()


def test_files_dropped_on_the_editor_open_instead_of_landing_as_text(
    qtbot, window, demo_site
) -> None:
    window.open_post(demo_site / SEED_LIKE_POST)
    _drop(window.editor.editor.viewport(), demo_site / OTHER_POST)
    assert window.document.path.name == OTHER_POST.name
    assert str(demo_site) not in window.editor.text()
    assert not window.document.is_modified


_READ_ONLY_FLOW = """
import json, sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication
import tests.ui.helpers  # registers the preview's scheme before the application exists
from postedit.ui.main_window import MainWindow
from postedit.ui.save import Choice
from tests.conftest import PROJECT_ROOT
from tests.ui.test_window_support import ImmediateExecutor, ScriptedPrompter, settings_store

QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
app = QApplication([])
post, copy, settings = map(Path, sys.argv[1:4])
prompter = ScriptedPrompter()
prompter.answers += [Choice.RETRY, Choice.SAVE_AS]
prompter.save_paths.append(copy)
window = MainWindow(settings_store(settings), ImmediateExecutor(), prompter)
window.open_post(post)
read_only_state = window.status.save_state.text()
window.editor.editor.moveCursor(window.editor.editor.textCursor().MoveOperation.End)
window.editor.editor.insertPlainText("Toegevoegd.")
saved = window.save()
print(json.dumps({
    "state_at_open": read_only_state,
    "asked": prompter.asked,
    "saved": saved,
    "path": str(window.document.path),
    "text_kept": window.editor.text().endswith("Toegevoegd."),
}))
window.deleteLater()
"""


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX permission bits")
def test_a_read_only_post_offers_retry_and_save_as(demo_site: Path, tmp_path: Path) -> None:
    """Real permissions, even as root: the flow runs in a child without root's overrides."""
    post = demo_site / SEED_LIKE_POST
    original = post.read_bytes()
    post.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    copy = tmp_path / "kopie.md"
    command = [sys.executable, "-c", _READ_ONLY_FLOW, str(post), str(copy), str(tmp_path / "s.ini")]
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
    read_only = "“schrijven-voor-het-web.md” is read-only. Use Save As to keep your changes."
    assert outcome == {
        "state_at_open": "Read-only",
        "asked": [["save_failed", read_only], ["save_failed", read_only], ["save_path", str(post)]],
        "saved": True,
        "path": str(copy),
        "text_kept": True,
    }
    assert post.read_bytes() == original
    assert copy.read_bytes() == original + b"Toegevoegd."


def test_save_as_writes_a_copy_and_keeps_it_open(
    qtbot, window, demo_site, prompter, tmp_path
) -> None:
    post = demo_site / SEED_LIKE_POST
    original = post.read_bytes()
    window.open_post(post)
    type_in_editor(qtbot, window, "Kopie")
    copy = tmp_path / "elders" / "kopie.md"
    copy.parent.mkdir()
    prompter.save_paths.append(copy)
    with qtbot.waitSignal(window.post_saved):
        window.save_as_action.trigger()
    assert copy.read_bytes() == original + b"Kopie"
    assert post.read_bytes() == original
    assert window.document.path == copy and not window.isWindowModified()
    assert window.settings.settings.last_post == copy


def test_the_index_is_built_on_a_worker_and_handed_back(
    qtbot, demo_site, settings_file, prompter
) -> None:
    import threading
    from concurrent.futures import ThreadPoolExecutor

    from postedit.core.index import SiteIndex
    from postedit.ui.main_window import MainWindow
    from tests.ui.helpers import delete_now
    from tests.ui.test_window_support import settings_store

    built_on: list[str] = []

    def index_factory(site):
        index = SiteIndex(site)
        refresh = index.refresh

        def refresh_and_note():
            built_on.append(threading.current_thread().name)
            return refresh()

        index.refresh = refresh_and_note
        return index

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="worker") as executor:
        window = MainWindow(settings_store(settings_file), executor, prompter, index_factory)
        window.show()
        assert window.open_site(demo_site)
        qtbot.waitUntil(lambda: len(window.post_list.visible_titles()) == 10, timeout=10000)
        assert built_on and built_on[0].startswith("worker")
        assert window.index is not None
        QThreadPool.globalInstance().waitForDone(5000)  # see make_window's teardown
        delete_now(qtbot, window)


def test_preview_problems_show_in_the_status_bar(window) -> None:
    window.preview.problems_changed.emit(["“callout” needs a closing tag."])
    assert (
        window.status.currentMessage()
        == "Preview: 1 shortcode problem. “callout” needs a closing tag."
    )
    window.preview.problems_changed.emit([])
    assert window.status.currentMessage() == ""


def test_embedded_content_choice_is_remembered(window) -> None:
    assert not window.remote_action.isChecked()
    window.remote_action.trigger()
    assert window.settings.settings.allow_remote_content
    window.remote_action.trigger()
    assert not window.settings.settings.allow_remote_content


def test_a_link_to_another_post_in_the_preview_opens_it(qtbot, window, demo_site, prompter) -> None:
    window.open_post(demo_site / SEED_LIKE_POST)
    type_in_editor(qtbot, window, "Onbewaard")
    prompter.answers.append(Choice.CANCEL)
    window.preview.site_link_clicked.emit("/contact/")
    assert [kind for kind, _ in prompter.asked] == ["unsaved"]
    assert window.document.path == demo_site / SEED_LIKE_POST  # cancelled: it stays
    prompter.answers.append(Choice.DISCARD)
    window.preview.site_link_clicked.emit("/contact/")
    assert window.document.path.name == "contact.md"


def test_a_link_to_no_post_says_so_in_the_status_bar(qtbot, window, demo_site) -> None:
    window.open_post(demo_site / SEED_LIKE_POST)
    window.preview.site_link_clicked.emit("/bestaat-niet/")
    assert "No post in this site is published at /bestaat-niet/" in window.status.currentMessage()
    assert window.document.path == demo_site / SEED_LIKE_POST
