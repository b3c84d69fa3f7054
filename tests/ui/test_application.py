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


def test_run_window_opens_files_macos_sent_before_and_after_the_window(tmp_path: Path) -> None:
    # app.run_window with a stand-in window and guard, in a process of its own (it
    # builds the one QApplication): a file that arrives while the window is built
    # (QtWebEngine spins the event loop then) and one that arrives later both open.
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: x\n---\n", encoding="utf-8")
    early, late = tmp_path / "early.md", tmp_path / "late.md"
    script = textwrap.dedent(
        f"""
        from pathlib import Path
        from PySide6.QtCore import QCoreApplication, QTimer
        from PySide6.QtGui import QFileOpenEvent
        import postedit.ui.main_window as main_window
        import postedit.ui.single_instance as single_instance
        from postedit.app import Launch, run_window

        opened = []

        class Signal:
            def connect(self, slot):
                pass

        class Guard:
            paths_received = Signal()
            def __init__(self, key, parent=None):
                pass
            def hand_over_or_listen(self, paths):
                return False
            def close(self):
                pass

        class Window:
            def __init__(self, store, executor):
                app = QCoreApplication.instance()
                QTimer.singleShot(10000, app.quit)  # a hang fails below, not by timeout
                app.postEvent(app, QFileOpenEvent({str(early)!r}))
                app.processEvents()  # what QtWebEngine's start-up does
            def show(self):
                pass
            def open_post(self, path):
                opened.append(("post", path.name))
            def open_path(self, path):
                opened.append(("path", path.name))
                if path.name == "late.md":
                    QCoreApplication.instance().quit()
            def raise_(self):
                pass
            def activateWindow(self):
                pass
            def offer_recovery(self):
                app = QCoreApplication.instance()
                app.postEvent(app, QFileOpenEvent({str(late)!r}))

        single_instance.SingleInstance = Guard
        main_window.MainWindow = Window
        assert run_window(Launch(post=Path({str(post)!r}))) == 0
        assert opened == [("post", "post.md"), ("path", "early.md"), ("path", "late.md")], opened
        print("run-window ok")
        """
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    for variable in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
        env[variable] = str(tmp_path / variable.lower())
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "run-window ok"
