"""postedit's application object: its icon, and files the system asks it to open."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path
from types import SimpleNamespace

from PySide6.QtCore import QEvent, QUrl
from PySide6.QtGui import QFileOpenEvent

from postedit.ui.application import FileOpenQueue, PosteditApplication, app_icon


def test_the_app_icon_loads_from_the_resources(qapp) -> None:
    icon = app_icon()
    assert not icon.isNull()
    assert not icon.pixmap(16, 16).toImage().isNull()


def test_files_opened_before_the_window_wait_until_taken(qtbot) -> None:
    queue = FileOpenQueue()
    announced: list[Path] = []
    queue.file_open_requested.connect(announced.append)

    assert queue.handle_event(QFileOpenEvent("/posts/first.md"))
    assert queue.handle_event(QFileOpenEvent(QUrl.fromLocalFile("/posts/second.md")))

    assert announced == []
    assert queue.take_pending() == [Path("/posts/first.md"), Path("/posts/second.md")]
    assert queue.take_pending() == []


def test_files_opened_once_the_window_is_ready_come_as_a_signal(qtbot) -> None:
    queue = FileOpenQueue()
    queue.take_pending()
    with qtbot.waitSignal(queue.file_open_requested) as blocker:
        assert queue.handle_event(QFileOpenEvent("/posts/later.md"))
    assert blocker.args == [Path("/posts/later.md")]
    assert queue.take_pending() == []


def test_other_events_and_remote_urls_are_left_alone(qtbot) -> None:
    queue = FileOpenQueue()
    assert not queue.handle_event(QEvent(QEvent.Type.Show))
    # A URL that is no local file is taken (nobody else wants it) but opens nothing.
    assert queue.handle_event(QFileOpenEvent(QUrl("https://example.org/post.md")))
    assert queue.take_pending() == []


def test_the_application_routes_file_open_events_to_its_queue(qtbot) -> None:
    # The one QApplication belongs to pytest-qt, so call the override on a stand-in.
    queue = FileOpenQueue()
    stand_in = SimpleNamespace(file_open_queue=queue)
    assert PosteditApplication.event(stand_in, QFileOpenEvent("/posts/routed.md"))  # type: ignore[arg-type]
    assert queue.take_pending() == [Path("/posts/routed.md")]


def test_a_real_postedit_application_takes_an_open_event(tmp_path: Path) -> None:
    # A process of its own: the real subclass, a real event through the event loop.
    post = tmp_path / "post.md"
    script = textwrap.dedent(
        f"""
        from pathlib import Path
        from PySide6.QtCore import QTimer
        from PySide6.QtGui import QFileOpenEvent
        from postedit.ui.application import PosteditApplication

        app = PosteditApplication(["postedit"])
        assert not app.windowIcon().isNull()
        app.postEvent(app, QFileOpenEvent({str(post)!r}))
        app.processEvents()
        assert app.take_pending() == [Path({str(post)!r})], "queued before the window"
        seen = []
        app.file_open_requested.connect(seen.append)
        app.postEvent(app, QFileOpenEvent({str(post)!r}))
        QTimer.singleShot(0, app.quit)
        app.exec()
        assert seen == [Path({str(post)!r})], seen
        print("file-open ok")
        """
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "file-open ok"
