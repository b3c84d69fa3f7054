"""No unsaved word is lost: the crash journal, offering it back, and a real kill.

Journals "left by a crashed postedit" are written by a short-lived child process,
so they belong to a process that no longer runs, exactly as after a crash. The
last test runs the window in a child, types, kills it with SIGKILL and restores
the text in a second child.
"""

from __future__ import annotations

import json
import select
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import Executor, Future
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from postedit.core.document import Fingerprint
from postedit.core.recovery import Journal
from postedit.ui.external import KEPT_BEFORE_RECOVERED, KEPT_RECOVERED
from postedit.ui.save import Choice
from tests.conftest import PROJECT_ROOT
from tests.ui import test_window_support as support
from tests.ui.test_window_support import SEED_LIKE_POST, open_site

# The shared fixtures, by name, for pytest to find here.
make_window = support.make_window
prompter = support.prompter
settings_file = support.settings_file
recovery_dir = support.recovery_dir

OTHER_POST = Path("content") / "blog" / "calm-team-meetings.md"
CHILD_TIMEOUT = 60


@pytest.fixture
def window(qtbot, make_window, demo_site: Path):
    window = make_window()
    open_site(qtbot, window, demo_site)
    return window


@pytest.fixture
def post(demo_site: Path) -> Path:
    return demo_site / SEED_LIKE_POST


def type_at_end(qtbot, window, text: str) -> None:
    editor = window.editor.editor
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, text)


_RECORD = """
import sys
from pathlib import Path
from postedit.core.document import Fingerprint
from postedit.core.recovery import Journal
folder, post, text, base, site = sys.argv[1:6]
fingerprint = Fingerprint.of_file(Path(base)) if base else None
assert Journal(Path(folder)).record(Path(post), text, fingerprint, Path(site))
"""


def journal_left_by_a_dead_process(
    folder: Path, post: Path, text: str, site: Path, *, base_from: Path | None = None
) -> None:
    """A journal written by a process that has ended, as a crash leaves one."""
    base = str(base_from) if base_from is not None else ""
    command = [sys.executable, "-c", _RECORD, str(folder), str(post), text, base, str(site)]
    subprocess.run(command, check=True, timeout=CHILD_TIMEOUT, cwd=PROJECT_ROOT)


def test_typing_is_journaled_within_two_seconds_and_save_removes_it(
    qtbot, window, post: Path
) -> None:
    assert window.open_post(post)
    journal_file = window.journal.path_for(post)
    type_at_end(qtbot, window, "Niet verliezen.")
    typed_at = time.monotonic()
    qtbot.waitUntil(journal_file.exists, timeout=3000)
    assert time.monotonic() - typed_at < 2.0
    data = json.loads(journal_file.read_text("utf-8"))
    assert data["text"] == window.document.text
    assert data["text"].endswith("Niet verliezen.")
    qtbot.keyClick(window.editor.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert post.read_bytes().endswith(b"Niet verliezen.")
    assert not journal_file.exists()


class HeldExecutor(Executor):
    """Keeps each task until the test runs it: a write can be caught half-way."""

    def __init__(self) -> None:
        self.held: list[tuple[Future[Any], Callable[..., Any], tuple[Any, ...]]] = []

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        self.held.append((future, lambda: fn(*args, **kwargs), (fn, *args)))
        return future

    def holds(self, fn: Callable[..., Any]) -> bool:
        return any(call[0] == fn for _, _, call in self.held)

    def run_held(self) -> None:
        while self.held:
            future, task, _ = self.held.pop(0)
            future.set_result(task())


def typed_with_journal_write_held(qtbot, make_window, demo_site: Path, post: Path, text: str):
    """A window on `post` with `text` typed, its journal write started but held."""
    executor = HeldExecutor()
    window = make_window(executor=executor)
    assert window.open_site(demo_site)
    executor.run_held()
    qtbot.waitUntil(lambda: window.index is not None)
    assert window.open_post(post)
    type_at_end(qtbot, window, text)
    qtbot.waitUntil(lambda: executor.holds(window.journal.record), timeout=3000)
    return window, executor


def test_a_journal_write_still_running_at_save_time_does_not_outlive_the_save(
    qtbot, make_window, demo_site: Path, post: Path
) -> None:
    window, executor = typed_with_journal_write_held(
        qtbot, make_window, demo_site, post, "Bijna bewaard."
    )
    qtbot.keyClick(window.editor.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert post.read_bytes().endswith(b"Bijna bewaard.")
    executor.run_held()  # the write that was under way lands after the save...
    qtbot.waitUntil(lambda: not window.journal_keeper.pending, timeout=3000)
    assert not window.journal.path_for(post).exists()  # ...and is undone


def test_a_journal_write_running_at_save_and_quit_is_undone_by_the_worker(
    qtbot, make_window, demo_site: Path, post: Path
) -> None:
    window, executor = typed_with_journal_write_held(
        qtbot, make_window, demo_site, post, "Bewaard en weg."
    )
    assert window.save()
    assert window.close()
    # The write lands after the window quit: its queued result never reaches the
    # window, so a journal of saved text would be offered back at the next start.
    executor.run_held()
    assert not window.journal.path_for(post).exists()


@pytest.mark.parametrize("then", ["open another post", "quit"])
def test_edits_undone_leave_no_journal_behind(
    qtbot, window, post: Path, demo_site: Path, then: str
) -> None:
    assert window.open_post(post)
    type_at_end(qtbot, window, "x")
    qtbot.waitUntil(window.journal.path_for(post).exists, timeout=3000)
    window.journal_keeper._timer.setInterval(60_000)  # the writer is quicker than the timer
    window.editor.editor.undo()
    assert not window.document.is_modified
    if then == "quit":
        assert window.close()
    else:
        assert window.open_post(demo_site / OTHER_POST)  # nothing to ask: nothing unsaved
    # Else the next start offers back text the writer took away again.
    assert not window.journal.path_for(post).exists()


def test_an_edit_during_a_journal_write_is_written_right_after_it(
    qtbot, make_window, demo_site: Path, post: Path
) -> None:
    window, executor = typed_with_journal_write_held(qtbot, make_window, demo_site, post, "Eerst.")
    type_at_end(qtbot, window, " Daarna.")
    qtbot.waitUntil(lambda: not window.journal_keeper._timer.isActive(), timeout=3000)
    executor.run_held()
    qtbot.waitUntil(lambda: executor.holds(window.journal.record), timeout=3000)
    executor.run_held()
    qtbot.waitUntil(lambda: not window.journal_keeper.pending, timeout=3000)
    data = json.loads(window.journal.path_for(post).read_text("utf-8"))
    assert data["text"].endswith("Eerst. Daarna.")


def test_dont_save_removes_the_journal_and_cancel_keeps_it(
    qtbot, window, post: Path, demo_site: Path, prompter
) -> None:
    assert window.open_post(post)
    journal_file = window.journal.path_for(post)
    type_at_end(qtbot, window, "Misschien.")
    qtbot.waitUntil(journal_file.exists, timeout=3000)
    prompter.answers.append(Choice.CANCEL)
    assert not window.open_post(demo_site / OTHER_POST)
    assert journal_file.exists()
    prompter.answers.append(Choice.DISCARD)
    assert window.open_post(demo_site / OTHER_POST)
    assert not journal_file.exists()


def test_the_journal_is_not_offered_while_its_window_runs(qtbot, window, post: Path) -> None:
    assert window.open_post(post)
    type_at_end(qtbot, window, "Nog bezig.")
    qtbot.waitUntil(window.journal.path_for(post).exists, timeout=3000)
    assert window.journal.entries() == []


def test_restore_with_the_disk_unchanged_brings_the_text_back_unsaved(
    qtbot, window, post: Path, demo_site: Path, recovery_dir: Path, prompter
) -> None:
    recovered = post.read_text("utf-8") + "Teruggevonden tekst."
    journal_left_by_a_dead_process(
        recovery_dir / "journal", post, recovered, demo_site, base_from=post
    )
    prompter.answers.append(Choice.RESTORE)
    window.offer_recovery()
    assert prompter.asked == [("restore", post.name)]
    assert window.document.path == post
    assert window.document.text == recovered
    assert window.editor.text().endswith("Teruggevonden tekst.")
    assert window.isWindowModified()
    assert window.journal.entries() == []  # ours now: not offered again while we run
    assert window.journal.path_for(post).exists()


def test_restore_over_a_changed_file_compares_first_and_never_applies_silently(
    qtbot, window, post: Path, demo_site: Path, recovery_dir: Path, prompter
) -> None:
    original = post.read_bytes()
    recovered = original.decode("utf-8") + "Teruggevonden."
    journal_left_by_a_dead_process(
        recovery_dir / "journal", post, recovered, demo_site, base_from=post
    )
    theirs = original + b"\nIntussen elders.\n"
    post.write_bytes(theirs)

    prompter.answers += [Choice.RESTORE, Choice.CANCEL]
    window.offer_recovery()
    assert [kind for kind, _ in prompter.asked] == ["restore", "compare"]
    assert prompter.asked[0][1] == f"{post.name} (changed on disk)"
    comparison = prompter.compared[0]
    assert (comparison["mine"], comparison["theirs"]) == (recovered, theirs.decode("utf-8"))
    assert comparison["keep_label"] == "Use recovered text"
    assert comparison["use_label"] == "Use the file on disk"
    assert not window.document.is_modified  # nothing applied
    assert window.document.to_bytes() == theirs

    prompter.answers += [Choice.RESTORE, Choice.KEEP_MINE]
    window.offer_recovery()
    assert window.document.text == recovered
    assert window.isWindowModified()
    assert post.read_bytes() == theirs
    [version] = window.versions.versions(post)
    assert (version.reason, version.file.read_bytes()) == (KEPT_BEFORE_RECOVERED, theirs)


def test_choosing_the_file_on_disk_keeps_the_recovered_text_aside(
    qtbot, window, post: Path, demo_site: Path, recovery_dir: Path, prompter
) -> None:
    recovered = post.read_text("utf-8") + "Teruggevonden."
    journal_left_by_a_dead_process(recovery_dir / "journal", post, recovered, demo_site)
    prompter.answers += [Choice.RESTORE, Choice.USE_THEIRS]
    window.offer_recovery()  # base None: the file "appeared" since
    assert not window.document.is_modified
    [version] = window.versions.versions(post)
    assert (version.reason, version.file.read_bytes()) == (KEPT_RECOVERED, recovered.encode())
    assert window.journal.entries() == []
    assert not window.journal.path_for(post).exists()


def test_a_recovered_post_whose_file_is_gone_opens_as_deleted_and_save_recreates_it(
    qtbot, window, post: Path, demo_site: Path, recovery_dir: Path, prompter
) -> None:
    gone = post.with_name("weg.md")
    recovered = "---\ntitle: Weg\n---\nDeze tekst bestond alleen in postedit.\n"
    journal_left_by_a_dead_process(recovery_dir / "journal", gone, recovered, demo_site)
    prompter.answers.append(Choice.RESTORE)
    window.offer_recovery()
    assert window.document.path == gone
    assert window.conflict_bar.mode == "deleted"
    assert window.editor.text() == "Deze tekst bestond alleen in postedit.\n"
    assert window.isWindowModified()
    assert window.save()
    assert gone.read_text("utf-8") == recovered
    assert window.conflict_bar.mode == "hidden"


def test_discard_forgets_a_journal_and_later_leaves_it(
    qtbot, window, post: Path, demo_site: Path, recovery_dir: Path, prompter
) -> None:
    other = demo_site / OTHER_POST
    folder = recovery_dir / "journal"
    journal_left_by_a_dead_process(folder, post, "een", demo_site, base_from=post)
    journal_left_by_a_dead_process(folder, other, "twee", demo_site, base_from=other)
    prompter.answers += [Choice.LATER, Choice.DISCARD]
    window.offer_recovery()
    assert len(prompter.asked) == 2
    assert window.document is None
    [left] = Journal(folder).entries()
    assert left.text in {"een", "twee"}
    assert [entry.text for entry in window.journal.entries()] == [left.text]


def test_an_unwritable_journal_folder_says_crash_protection_is_off(
    qtbot, make_window, demo_site: Path, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be", "utf-8")
    window = make_window(journal=Journal(blocker / "journal"))
    assert window.protection_warning.isVisible()
    assert window.protection_warning.text().startswith("Crash protection is off")
    open_site(qtbot, window, demo_site)
    assert window.open_post(demo_site / SEED_LIKE_POST)
    type_at_end(qtbot, window, "Zonder vangnet.")
    assert window.journal_keeper.pending
    qtbot.waitUntil(lambda: not window.journal_keeper.pending, timeout=3000)  # tried, failed
    assert window.protection_warning.text().startswith("Crash protection is off")
    assert window.protection_warning.isVisible()


# -- a real kill -----------------------------------------------------------------------

_CHILD = """
import json, os, sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWebEngineWidgets import QWebEngineView  # noqa: F401
from postedit.ui.preview import register_url_scheme
QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
register_url_scheme()
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
app = QApplication([])
from postedit.core.recovery import Journal, VersionStore
from postedit.ui.main_window import MainWindow
from postedit.ui.save import Choice
from tests.ui.test_window_support import ImmediateExecutor, ScriptedPrompter, settings_store

mode, site, post, recovery, settings = sys.argv[1:6]
post = Path(post)
prompter = ScriptedPrompter()
window = MainWindow(
    settings_store(Path(settings)), ImmediateExecutor(), prompter,
    journal=Journal(Path(recovery) / "journal"), versions=VersionStore(Path(recovery) / "versions"),
)
window.show()
if mode == "type":
    assert window.open_site(Path(site), restore_post=False)
    assert window.open_post(post)
    editor = window.editor.editor
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    QTest.keyClicks(editor, "Getypt vlak voor de crash.")
    journal = window.journal.path_for(post)
    while not journal.exists():
        QTest.qWait(20)
    print("typed", flush=True)
    app.exec()  # until killed
else:
    prompter.answers.append(Choice.RESTORE)
    window.offer_recovery()
    document = window.document
    print(json.dumps({
        "asked": prompter.asked,
        "path": str(document.path) if document else None,
        "text": window.editor.text(),
        "modified": bool(document and document.is_modified),
    }), flush=True)
    os._exit(0)
"""


def _child(mode: str, demo_site: Path, post: Path, tmp_path: Path) -> subprocess.Popen[str]:
    command = [
        sys.executable,
        "-c",
        _CHILD,
        mode,
        str(demo_site),
        str(post),
        str(tmp_path / "recovery"),
        str(tmp_path / "child-settings.ini"),
    ]
    return subprocess.Popen(
        command, cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _read_line(child: subprocess.Popen[str], timeout: float) -> str:
    """The child's next line of output; fails after `timeout` seconds or at its end."""
    assert child.stdout is not None
    ready, _, _ = select.select([child.stdout], [], [], timeout)
    assert ready, "the child said nothing in time"
    line = child.stdout.readline()
    assert line, f"the child ended: {child.stderr.read()[-2000:] if child.stderr else ''}"
    return line.strip()


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX signals")
def test_text_typed_before_a_sigkill_is_restored_at_the_next_start(
    demo_site: Path, tmp_path: Path
) -> None:
    post = demo_site / SEED_LIKE_POST
    original = post.read_bytes()
    typing = _child("type", demo_site, post, tmp_path)
    try:
        assert _read_line(typing, CHILD_TIMEOUT) == "typed"
    finally:
        typing.send_signal(signal.SIGKILL)
        typing.wait(CHILD_TIMEOUT)  # reaped: its pid no longer looks alive
        for stream in (typing.stdout, typing.stderr):
            if stream is not None:
                stream.close()
    assert typing.returncode == -signal.SIGKILL
    assert post.read_bytes() == original

    restoring = _child("restore", demo_site, post, tmp_path)
    try:
        out, err = restoring.communicate(timeout=CHILD_TIMEOUT)
    finally:
        restoring.kill()
    assert restoring.returncode == 0, err[-2000:]
    outcome = json.loads(out.strip().splitlines()[-1])
    assert outcome["asked"] == [["restore", post.name]]
    assert outcome["path"] == str(post)
    assert outcome["text"].endswith("Getypt vlak voor de crash.")
    assert outcome["modified"] is True
    assert post.read_bytes() == original
    assert Fingerprint.of_file(post) == Fingerprint.of(original)


def test_a_journal_put_off_till_later_survives_editing_the_same_post(
    qtbot, window, post: Path, demo_site: Path, recovery_dir: Path, prompter
) -> None:
    folder = recovery_dir / "journal"
    recovered = post.read_text("utf-8") + "Alleen in het journaal."
    journal_left_by_a_dead_process(folder, post, recovered, demo_site, base_from=post)
    prompter.answers.append(Choice.LATER)
    window.offer_recovery()
    window.open_post(post)
    type_at_end(qtbot, window, "Iets anders.")
    qtbot.waitUntil(lambda: not window.journal_keeper.pending, timeout=3000)
    assert window.journal_keeper.pending is False
    # The unrecovered text is still offered at the next start, beside the new one.
    window.journal_keeper.discard(post)  # as a save would
    assert [entry.text for entry in Journal(folder).entries()] == [recovered]


def test_a_comparison_put_off_keeps_the_journal_while_the_post_is_edited(
    qtbot, window, post: Path, demo_site: Path, recovery_dir: Path, prompter
) -> None:
    folder = recovery_dir / "journal"
    original = post.read_bytes()
    recovered = original.decode("utf-8") + "Teruggevonden."
    journal_left_by_a_dead_process(folder, post, recovered, demo_site, base_from=post)
    post.write_bytes(original + b"\nIntussen elders.\n")
    prompter.answers += [Choice.RESTORE, Choice.CANCEL]
    window.offer_recovery()  # the post is open now, the recovered text not applied
    type_at_end(qtbot, window, "Verder.")
    qtbot.waitUntil(lambda: not window.journal_keeper.pending, timeout=3000)
    assert window.save()
    assert [entry.text for entry in Journal(folder).entries()] == [recovered]


@pytest.mark.parametrize("how", ["undo", "save", "dont save"])
def test_a_journal_put_off_till_later_survives_a_save_or_undo_of_the_same_post(
    qtbot, window, post: Path, demo_site: Path, recovery_dir: Path, prompter, how: str
) -> None:
    folder = recovery_dir / "journal"
    recovered = post.read_text("utf-8") + "Alleen in het journaal."
    journal_left_by_a_dead_process(folder, post, recovered, demo_site, base_from=post)
    prompter.answers.append(Choice.LATER)
    window.offer_recovery()
    window.open_post(post)
    type_at_end(qtbot, window, "x")
    if how == "undo":
        window.editor.editor.undo()
        assert not window.document.is_modified
        qtbot.waitUntil(lambda: not window.journal_keeper.pending, timeout=3000)
    elif how == "save":
        assert window.save()  # before the journal was written
    else:
        prompter.answers.append(Choice.DISCARD)
        assert window.open_post(demo_site / OTHER_POST)
    assert [entry.text for entry in Journal(folder).entries()] == [recovered]
