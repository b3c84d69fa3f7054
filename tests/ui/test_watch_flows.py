"""The window follows the disk: other programs' changes, conflicts, deletes and moves.

Each test runs the real window with its real watcher on a copy of the demo site,
changes files the way another program would, and checks what the writer sees
and what ends up on disk. Waits poll for the outcome; the only fixed waits are
the ones that check nothing else happens (an event that must not come).
"""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from postedit.core.document import Fingerprint
from postedit.core.watch import Change, ChangeBatch, ChangeKind
from postedit.ui.compare import CompareDialog
from postedit.ui.external import KEPT_BEFORE_KEPT, KEPT_MINE, KEPT_THEIRS
from postedit.ui.kept_versions import KeptVersionsDialog
from postedit.ui.save import Choice, DialogPrompter
from tests.ui import test_window_support as support
from tests.ui.test_window_support import SEED_LIKE_POST, open_site

# The shared fixtures, by name, for pytest to find here.
make_window = support.make_window
prompter = support.prompter
settings_file = support.settings_file
recovery_dir = support.recovery_dir

NOTHING_MORE_MS = 1200  # longer than the watcher's quiet period plus its longest delay


def watcher_ready(window) -> None:
    """Wait until the watcher knows the site's files (events from then on are exact)."""
    watcher = window.bridge._watcher  # the bridge has no public wait; the watcher does
    assert watcher is not None and watcher.wait_until_ready(10)


@pytest.fixture
def window(qtbot, make_window, demo_site: Path):
    window = make_window(watch=True)
    open_site(qtbot, window, demo_site)
    watcher_ready(window)
    return window


@pytest.fixture
def post(demo_site: Path) -> Path:
    return demo_site / SEED_LIKE_POST


def type_at_end(qtbot, window, text: str) -> None:
    editor = window.editor.editor
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, text)


def open_post(window, post: Path) -> None:
    assert window.open_post(post)
    assert window.document.path == post


def kept(window, post: Path) -> dict[str, bytes]:
    """The kept versions of `post` by reason, with their exact bytes."""
    return {version.reason: version.file.read_bytes() for version in window.versions.versions(post)}


def batches_of(window) -> list:
    arrived: list = []
    window.bridge.changes_arrived.connect(arrived.append)
    return arrived


def test_a_clean_post_changed_elsewhere_reloads_keeping_cursor_and_scroll(
    qtbot, window, post: Path
) -> None:
    open_post(window, post)
    reloads: list[Path] = []
    window.post_reloaded.connect(reloads.append)
    editor = window.editor.editor
    window.resize(900, 500)
    cursor = editor.textCursor()
    cursor.setPosition(120)
    editor.setTextCursor(cursor)
    bar = editor.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 5)
    bar.setValue(5)
    theirs = post.read_bytes() + b"\nEen alinea van elders.\n"
    post.write_bytes(theirs)
    qtbot.waitUntil(lambda: window.editor.text().endswith("Een alinea van elders.\n"), timeout=5000)
    assert editor.textCursor().position() == 120
    assert bar.value() == 5
    assert not window.document.is_modified
    assert window.conflict_bar.mode == "hidden"
    assert window.status.currentMessage() == "Reloaded: changed outside postedit"
    assert window.document.fingerprint == Fingerprint.of(theirs)
    assert reloads == [post]


@pytest.mark.parametrize("field", ["title", "description"])
def test_a_reload_keeps_the_cursor_in_the_form_field_the_writer_is_in(
    qtbot, window, post: Path, field: str
) -> None:
    open_post(window, post)
    editor = window.form.editor(field)
    line = editor.line if field == "title" else editor.text
    line.setFocus()
    if field == "title":
        line.setCursorPosition(4)
    with qtbot.waitSignal(window.post_reloaded, timeout=5000):
        post.write_bytes(post.read_bytes().replace(b"Mensen lezen", b"Lezers lezen"))
    # The form was filled again; the writer's next keystrokes must not go nowhere.
    focused = window.focusWidget()
    assert focused is not None
    assert window.form.editor(field).isAncestorOf(focused) or window.form.editor(field) is focused
    qtbot.keyClicks(focused, "X")
    assert window.document.is_modified
    if field == "title":
        assert window.document.front_matter["title"].startswith("SchrXijven")


def test_a_reload_keeps_the_whole_file_view_open(qtbot, window, post: Path) -> None:
    open_post(window, post)
    window.source_toggle.setChecked(True)
    post.write_bytes(post.read_bytes() + b"\nVan elders.\n")
    qtbot.waitUntil(lambda: window.source_editor.text().endswith("Van elders.\n"), timeout=5000)
    assert window.source_toggle.isChecked()
    assert window.pages.currentWidget() is window.source_editor


def test_unsaved_edits_and_a_change_elsewhere_show_the_bar_not_a_reload(
    qtbot, window, post: Path
) -> None:
    open_post(window, post)
    type_at_end(qtbot, window, "Mijn zin.")
    theirs = post.read_bytes() + b"\nHun zin.\n"
    post.write_bytes(theirs)
    qtbot.waitUntil(lambda: window.conflict_bar.mode == "changed", timeout=5000)
    assert window.editor.text().endswith("Mijn zin.")
    assert window.document.is_modified
    assert post.read_bytes() == theirs


@pytest.mark.parametrize("via_compare", [True, False], ids=["compare", "bar"])
def test_keep_mine_keeps_theirs_aside_and_save_then_overwrites_knowingly(
    qtbot, window, post: Path, prompter, via_compare: bool
) -> None:
    open_post(window, post)
    type_at_end(qtbot, window, "Mijn zin.")
    theirs = post.read_bytes() + b"\nHun zin.\n"
    post.write_bytes(theirs)
    qtbot.waitUntil(lambda: window.conflict_bar.mode == "changed", timeout=5000)
    if via_compare:
        prompter.answers.append(Choice.KEEP_MINE)
        window.conflict_bar.compare_requested.emit()
        assert prompter.compared[0]["theirs"] == theirs.decode("utf-8")
        assert prompter.compared[0]["mine"].endswith("Mijn zin.")
    else:
        window.conflict_bar.keep_mine_requested.emit()
    assert window.conflict_bar.mode == "hidden"
    assert kept(window, post) == {KEPT_THEIRS: theirs}
    assert post.read_bytes() == theirs  # nothing written until Save
    assert window.save()
    assert post.read_bytes().endswith(b"Mijn zin.")
    assert b"Hun zin." not in post.read_bytes()
    assert [kind for kind, _ in prompter.asked] == (["compare"] if via_compare else [])


@pytest.mark.parametrize("choice", [Choice.KEEP_MINE, Choice.USE_THEIRS])
def test_a_change_while_comparing_is_compared_too(
    qtbot, window, post: Path, prompter, monkeypatch, choice: Choice
) -> None:
    open_post(window, post)
    type_at_end(qtbot, window, "Mijn zin.")
    first = post.read_bytes() + b"\nHun eerste zin.\n"
    post.write_bytes(first)
    qtbot.waitUntil(lambda: window.conflict_bar.mode == "changed", timeout=5000)
    second = first + b"Hun tweede zin.\n"
    compare = prompter.compare

    def compare_while_they_write(*args, **kwargs) -> Choice:
        if not prompter.compared:
            post.write_bytes(second)  # while the writer reads the comparison
        return compare(*args, **kwargs)

    monkeypatch.setattr(prompter, "compare", compare_while_they_write)
    prompter.answers += [choice, choice]
    window.conflict_bar.compare_requested.emit()
    assert [entry["theirs"] for entry in prompter.compared] == [
        first.decode("utf-8"),
        second.decode("utf-8"),
    ]
    if choice is Choice.KEEP_MINE:
        assert kept(window, post) == {KEPT_THEIRS: second}
        assert window.save()
        assert prompter.asked == [("compare", "Keep mine / Use theirs")] * 2
    else:
        assert window.document.to_bytes() == second
    assert post.read_bytes().endswith(b"Mijn zin." if choice is Choice.KEEP_MINE else second)


def test_use_theirs_keeps_mine_aside_and_shows_the_disk_version(
    qtbot, window, post: Path, prompter, recovery_dir: Path
) -> None:
    open_post(window, post)
    type_at_end(qtbot, window, "Mijn zin.")
    mine = window.document.to_bytes()
    qtbot.waitUntil(lambda: window.journal.path_for(post).exists(), timeout=3000)
    theirs = post.read_bytes() + b"\nHun zin.\n"
    post.write_bytes(theirs)
    qtbot.waitUntil(lambda: window.conflict_bar.mode == "changed", timeout=5000)
    prompter.answers.append(Choice.USE_THEIRS)
    window.conflict_bar.compare_requested.emit()
    assert window.editor.text().endswith("Hun zin.\n")
    assert not window.document.is_modified
    assert window.conflict_bar.mode == "hidden"
    assert kept(window, post) == {KEPT_MINE: mine}
    assert not window.journal.path_for(post).exists()
    assert post.read_bytes() == theirs


def test_a_kept_version_can_be_taken_back_as_an_unsaved_edit(
    qtbot, window, post: Path, prompter
) -> None:
    open_post(window, post)
    type_at_end(qtbot, window, "Mijn zin.")
    mine = window.document.to_bytes()
    theirs = post.read_bytes() + b"\nHun zin.\n"
    post.write_bytes(theirs)
    qtbot.waitUntil(lambda: window.conflict_bar.mode == "changed", timeout=5000)
    window.conflict_bar.use_theirs_requested.emit()
    assert window.kept_versions_action.isEnabled()
    [version] = window.versions.versions(post)
    prompter.answers.append(Choice.USE_THEIRS)
    assert window.use_kept_version(version)
    assert prompter.compared[-1]["use_label"] == "Use this version"
    assert window.document.to_bytes() == mine
    assert window.editor.text().endswith("Mijn zin.")
    assert window.document.is_modified
    assert kept(window, post)[KEPT_BEFORE_KEPT] == theirs
    assert post.read_bytes() == theirs


def test_kept_versions_open_from_the_file_menu(qtbot, window, post: Path, prompter) -> None:
    open_post(window, post)
    type_at_end(qtbot, window, "Mijn zin.")
    post.write_bytes(post.read_bytes() + b"\nHun zin.\n")
    qtbot.waitUntil(lambda: window.conflict_bar.mode == "changed", timeout=5000)
    window.conflict_bar.keep_mine_requested.emit()
    window.kept_versions_action.trigger()
    dialog = window.findChild(KeptVersionsDialog)
    assert dialog is not None and dialog.isVisible()
    [version] = dialog.versions()
    prompter.answers.append(Choice.CANCEL)
    dialog.version_chosen.emit(version)
    dialog.accept()
    qtbot.waitUntil(lambda: bool(prompter.compared), timeout=5000)
    assert prompter.compared[0]["theirs"].endswith("Hun zin.\n")
    assert window.editor.text().endswith("Mijn zin.")


def test_the_real_dialogs_answer_compare_and_restore(qtbot, window) -> None:
    dialogs = DialogPrompter(window)
    seen: list[object] = []

    def press(button_of) -> None:
        dialog = QApplication.activeModalWidget()
        seen.append(dialog)
        button_of(dialog).click()

    QTimer.singleShot(0, lambda: press(lambda dialog: dialog.use_button))
    labels = {"mine_label": "Mijn", "theirs_label": "Schijf", "keep_label": "Houden"}
    choice = dialogs.compare("a\n", "b\n", **labels, use_label="Gebruik")
    assert choice is Choice.USE_THEIRS
    assert isinstance(seen[0], CompareDialog)
    assert seen[0].use_button.text() == "Gebruik"
    QTimer.singleShot(0, lambda: press(lambda dialog: dialog.buttons()[0]))
    assert dialogs.ask_restore("post.md", "vandaag", True) is Choice.RESTORE
    assert isinstance(seen[1], QMessageBox)
    assert "changed since" in seen[1].informativeText()


def test_a_deleted_post_keeps_its_text_and_save_puts_the_file_back(
    qtbot, window, post: Path, prompter
) -> None:
    open_post(window, post)
    type_at_end(qtbot, window, "Bewaar mij.")
    post.unlink()
    qtbot.waitUntil(lambda: window.conflict_bar.mode == "deleted", timeout=5000)
    assert "(deleted)" in window.windowTitle()
    assert window.status.save_state.text() == "Deleted outside postedit"
    assert window.editor.text().endswith("Bewaar mij.")
    assert window.save()
    assert post.read_bytes().endswith(b"Bewaar mij.")
    assert window.conflict_bar.mode == "hidden"
    assert "(deleted)" not in window.windowTitle()
    assert prompter.asked == []


def test_a_post_deleted_elsewhere_is_not_let_go_without_asking(
    qtbot, window, post: Path, demo_site: Path, prompter
) -> None:
    open_post(window, post)
    text = window.document.text
    post.unlink()  # no edits of ours: the text is now only in postedit
    qtbot.waitUntil(lambda: window.conflict_bar.mode == "deleted", timeout=5000)
    prompter.answers.append(Choice.CANCEL)
    assert not window.open_post(demo_site / "content" / "blog" / "calm-team-meetings.md")
    assert prompter.asked == [("unsaved", post.name)]
    assert window.document.text == text
    prompter.answers.append(Choice.SAVE)
    assert window.open_post(demo_site / "content" / "blog" / "calm-team-meetings.md")
    assert post.read_text("utf-8") == text


def test_a_renamed_post_is_followed_to_its_new_path(
    qtbot, window, post: Path, demo_site: Path
) -> None:
    open_post(window, post)
    type_at_end(qtbot, window, "Nog niet bewaard.")
    moved = post.with_name("nieuwe-naam.md")
    os.rename(post, moved)
    qtbot.waitUntil(lambda: window.document.path == moved, timeout=5000)
    assert window.windowTitle().startswith("nieuwe-naam.md")
    assert window.conflict_bar.mode == "hidden"
    assert window.settings.settings.last_post == moved
    qtbot.waitUntil(lambda: window.post_list.model.row_of(moved) >= 0, timeout=5000)
    selected = window.post_list.view.selectionModel().currentIndex()
    assert window.post_list.filter.mapToSource(selected).row() == window.post_list.model.row_of(
        moved
    )
    assert window.save()
    assert moved.read_bytes().endswith(b"Nog niet bewaard.")
    assert not post.exists()


def test_kept_versions_go_with_a_renamed_post(qtbot, window, post: Path, prompter) -> None:
    open_post(window, post)
    type_at_end(qtbot, window, "Mijn zin.")
    theirs = post.read_bytes() + b"\nHun zin.\n"
    post.write_bytes(theirs)
    qtbot.waitUntil(lambda: window.conflict_bar.mode == "changed", timeout=5000)
    window.conflict_bar.keep_mine_requested.emit()
    moved = post.with_name("nieuwe-naam.md")
    os.rename(post, moved)
    qtbot.waitUntil(lambda: window.document.path == moved, timeout=5000)
    # File → Kept Versions… lists the open post's versions: theirs is still there.
    assert kept(window, moved) == {KEPT_THEIRS: theirs}
    window.kept_versions_action.trigger()
    dialog = window.findChild(KeptVersionsDialog)
    assert dialog is not None and dialog.list.topLevelItemCount() == 1
    dialog.reject()


def test_another_editors_atomic_save_reloads_once(qtbot, window, post: Path) -> None:
    open_post(window, post)
    reloads: list[Path] = []
    window.post_reloaded.connect(reloads.append)
    theirs = post.read_bytes().replace(b"Mensen lezen", b"Lezers lezen")
    temporary = post.with_name(".schrijven.md.tmp")
    temporary.write_bytes(theirs)
    os.replace(temporary, post)
    qtbot.waitUntil(lambda: window.document.fingerprint == Fingerprint.of(theirs), timeout=5000)
    qtbot.wait(NOTHING_MORE_MS)
    assert reloads == [post]
    assert window.conflict_bar.mode == "hidden"
    assert "Lezers lezen" in window.editor.text()


def test_our_own_save_is_not_reported(qtbot, window, post: Path) -> None:
    open_post(window, post)
    arrived = batches_of(window)
    reloads: list[Path] = []
    window.post_reloaded.connect(reloads.append)
    type_at_end(qtbot, window, "Zelf bewaard.")
    qtbot.keyClick(window.editor.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert post.read_bytes().endswith(b"Zelf bewaard.")
    qtbot.wait(NOTHING_MORE_MS)
    assert [batch for batch in arrived if batch.change_for(post)] == []
    assert reloads == []
    assert window.conflict_bar.mode == "hidden"


def test_the_post_list_follows_our_own_save(qtbot, window, post: Path) -> None:
    open_post(window, post)
    title = window.form.editor("title")
    title.line.setFocus()
    title.line.selectAll()
    qtbot.keyClicks(title.line, "Een nieuwe titel")
    assert window.save()
    qtbot.waitUntil(lambda: "Een nieuwe titel" in window.post_list.visible_titles(), timeout=5000)


def test_a_touch_with_the_same_content_is_ignored(qtbot, window, post: Path) -> None:
    open_post(window, post)
    arrived = batches_of(window)
    reloads: list[Path] = []
    window.post_reloaded.connect(reloads.append)
    post.write_bytes(post.read_bytes())
    os.utime(post)
    qtbot.wait(NOTHING_MORE_MS)
    assert [batch for batch in arrived if batch.change_for(post)] == []
    assert reloads == []


def test_a_save_time_conflict_is_caught_with_the_watcher_stopped(
    qtbot, window, post: Path, prompter
) -> None:
    open_post(window, post)
    window.bridge.stop()
    type_at_end(qtbot, window, "Mijn versie")
    theirs = post.read_bytes() + b"\nHun versie.\n"
    post.write_bytes(theirs)
    prompter.answers.append(Choice.CANCEL)
    qtbot.keyClick(window.editor.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert [kind for kind, _ in prompter.asked] == ["compare"]
    assert post.read_bytes() == theirs
    assert window.conflict_bar.mode == "changed"
    assert window.isWindowModified()
    prompter.answers.append(Choice.KEEP_MINE)
    assert window.save()
    assert post.read_bytes().endswith(b"Mijn versie")
    assert kept(window, post) == {KEPT_THEIRS: theirs}


def test_switching_posts_over_a_changed_file_never_overwrites_it(
    qtbot, window, post: Path, demo_site: Path, prompter
) -> None:
    window.bridge.stop()
    open_post(window, post)
    type_at_end(qtbot, window, "Mijn versie")
    theirs = b"---\ntitle: Hun versie\n---\nAnders.\n"
    post.write_bytes(theirs)
    prompter.answers += [Choice.SAVE, Choice.CANCEL]
    assert not window.open_post(demo_site / "content" / "blog" / "calm-team-meetings.md")
    assert [kind for kind, _ in prompter.asked] == ["unsaved", "compare"]
    assert post.read_bytes() == theirs
    assert window.document.body.endswith("Mijn versie")


def test_window_activation_rechecks_the_open_post(qtbot, window, post: Path) -> None:
    open_post(window, post)
    window.bridge.stop()  # a lost event
    theirs = post.read_bytes() + b"\nGemist.\n"
    post.write_bytes(theirs)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    QApplication.sendEvent(window, QEvent(QEvent.Type.ActivationChange))
    assert window.editor.text().endswith("Gemist.\n")
    assert window.document.fingerprint == Fingerprint.of(theirs)


def test_a_file_that_cannot_be_reloaded_warns_once_not_at_every_activation(
    qtbot, window, post: Path, prompter
) -> None:
    open_post(window, post)
    text = window.document.text
    post.write_bytes(b"\x00\x01binary now\x00" * 100)
    qtbot.waitUntil(lambda: bool(prompter.notices), timeout=5000)
    for _ in range(3):  # closing the warning activates the window again, and so on
        window.external.check_open_post()
    assert [title for _, title, _ in prompter.notices] == ["Cannot reload this post"]
    assert window.conflict_bar.mode == "changed"  # it says so without a dialog
    assert window.document.text == text


def test_new_and_deleted_posts_follow_in_the_list(qtbot, window, demo_site: Path) -> None:
    blog = demo_site / "content" / "blog"
    before = len(window.index)
    (blog / "nieuw.md").write_text("---\ntitle: Vers van de pers\n---\nTekst.\n", "utf-8")
    qtbot.waitUntil(lambda: "Vers van de pers" in window.post_list.visible_titles(), timeout=5000)
    (blog / "weekstart-routine.md").unlink()
    qtbot.waitUntil(lambda: len(window.post_list.visible_titles()) == before, timeout=5000)


def test_a_changed_site_config_is_read_again(qtbot, window, demo_site: Path) -> None:
    config = demo_site / "hugo.toml"
    config.write_bytes(config.read_bytes().replace(b"Het Logboek", b"Het Nieuwe Logboek"))
    qtbot.waitUntil(lambda: "Het Nieuwe Logboek" in window.windowTitle(), timeout=5000)
    qtbot.waitUntil(lambda: window.index is not None, timeout=5000)


def test_a_change_pending_when_the_site_is_read_again_is_not_lost(
    qtbot, window, post: Path, demo_site: Path
) -> None:
    open_post(window, post)
    theirs = post.read_bytes() + b"\nIntussen elders.\n"
    post.write_bytes(theirs)  # its event still waits out the quiet period...
    config = demo_site / "hugo.toml"
    # ...when a batch with the site's settings (an earlier part of the same checkout)
    # makes the window watch the site afresh: the old watcher's waiting events go.
    window.external.on_batch(ChangeBatch((Change(ChangeKind.MODIFIED, config),)))
    qtbot.waitUntil(lambda: window.editor.text().endswith("Intussen elders.\n"), timeout=5000)
    assert window.document.fingerprint == Fingerprint.of(theirs)


def test_a_changed_shortcode_template_renders_the_preview_again(
    qtbot, window, post: Path, demo_site: Path
) -> None:
    with qtbot.waitSignal(window.preview.rendered, timeout=10000):
        open_post(window, post)
    shortcodes = demo_site / "layouts" / "shortcodes"
    shortcodes.mkdir(parents=True, exist_ok=True)
    with qtbot.waitSignal(window.preview.rendered, timeout=10000):
        (shortcodes / "nieuw.html").write_text("<b>nieuw</b>", "utf-8")
    assert not window.document.is_modified


STORM_WRITER = """
import sys
from pathlib import Path
storm = Path(sys.argv[1]) / "content" / "blog" / "storm"
storm.mkdir()
for number in range(1000):
    text = f"---\\ntitle: Storm {number}\\ndate: 2023-01-01\\ntags: [storm]\\n---\\nTekst.\\n"
    (storm / f"post-{number:04}.md").write_text(text, "utf-8")
"""


def test_a_storm_of_1000_posts_updates_the_list_once_without_stalling(
    qtbot, make_window, demo_site: Path
) -> None:
    with ThreadPoolExecutor(2) as executor:
        window = make_window(watch=True, executor=executor)
        open_site(qtbot, window, demo_site)
        watcher_ready(window)
        before = len(window.index)
        resets: list[bool] = []
        window.post_list.model.modelReset.connect(lambda: resets.append(True))
        ticks: list[float] = []
        timer = QTimer()
        timer.setInterval(10)
        timer.timeout.connect(lambda: ticks.append(time.monotonic()))
        ticks.append(time.monotonic())
        timer.start()
        # Another process writes them, as git does: no thread of this one is busy.
        checkout = subprocess.Popen([sys.executable, "-c", STORM_WRITER, str(demo_site)])
        qtbot.waitUntil(lambda: checkout.poll() is not None, timeout=15000)
        assert checkout.returncode == 0
        qtbot.waitUntil(lambda: len(window.post_list.model.entries) == before + 1000, timeout=15000)
        qtbot.wait(NOTHING_MORE_MS)
        timer.stop()
        gaps = [later - earlier for earlier, later in itertools.pairwise(ticks)]
        assert max(gaps) < 0.100, f"the event loop stalled {max(gaps) * 1000:.0f} ms"
        assert resets == [True]
        assert window.post_list.counts.text().startswith(f"{before + 1000} posts")
        window.close()


def test_yaml_typed_in_a_field_but_not_readable_yet_is_not_reloaded_away(
    qtbot, window, post: Path
) -> None:
    nested = post.with_name("met-params.md")
    nested.write_text("---\ntitle: Params\nparams:\n  kleur: blauw\n---\nTekst.\n", "utf-8")
    qtbot.waitUntil(lambda: window.index.get(nested) is not None, timeout=5000)
    open_post(window, nested)
    raw = window.form.editor("params")
    raw.text.setFocus()
    raw.text.setPlainText("kleur: [rood, groen")  # half typed: not YAML yet
    assert raw.error_text()
    assert not window.document.is_modified  # the post keeps the last good value
    theirs = nested.read_bytes() + b"\nVan elders.\n"
    nested.write_bytes(theirs)
    qtbot.waitUntil(lambda: window.conflict_bar.mode == "changed", timeout=5000)
    assert window.form.editor("params").text.toPlainText() == "kleur: [rood, groen"
    assert nested.read_bytes() == theirs


def test_a_schema_change_from_the_disk_keeps_what_is_typed_in_the_form(
    qtbot, window, post: Path
) -> None:
    nested = post.with_name("met-params.md")
    nested.write_text(
        "---\ntitle: Params\ntags: [web]\nparams:\n  kleur: blauw\n---\nTekst.\n", "utf-8"
    )
    qtbot.waitUntil(lambda: window.index.get(nested) is not None, timeout=5000)
    open_post(window, nested)
    window.form.editor("tags").line.setText("schrij")  # a tag before Enter
    raw = window.form.editor("params")
    raw.text.setFocus()
    raw.text.setPlainText("kleur: [rood, groen")  # half typed: not YAML yet
    assert window.form.editor("stemming") is None
    # Another program adds a post with a new field: the section's form grows.
    post.with_name("nieuw.md").write_text("---\ntitle: Nieuw\nstemming: blij\n---\n", "utf-8")
    qtbot.waitUntil(lambda: window.index.get(post.with_name("nieuw.md")) is not None, timeout=5000)
    qtbot.wait(100)
    assert window.form.editor("stemming") is not None  # the form was rebuilt
    assert window.form.editor("params").text.toPlainText() == "kleur: [rood, groen"
    assert window.form.editor("tags").line.text() == "schrij"
