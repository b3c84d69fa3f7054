"""Fixtures and fakes the window tests share (no tests of its own).

`ImmediateExecutor` runs background work at once, so an index "built off the GUI
thread" is ready when `open_site` returns, through the same queued signal the
program uses. `ScriptedPrompter` answers the window's questions from a script
and records them, so flows that ask run unattended and tests can check what
was asked. Windows get a crash journal and kept versions in the test's own
folder, never the writer's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QSettings, QThreadPool

from postedit.core.recovery import Journal, VersionStore
from postedit.ui.main_window import MainWindow
from postedit.ui.save import Choice
from postedit.ui.settings import SettingsStore
from tests.ui.helpers import delete_now  # also registers the preview's URL scheme in time

SEED_LIKE_POST = Path("content") / "blog" / "schrijven-voor-het-web.md"


class ImmediateExecutor(Executor):
    """Runs each task on the calling thread; the future is done on return."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except Exception as error:
            future.set_exception(error)
        return future


class ScriptedPrompter:
    """Answers questions in order from `answers`; records every question and notice."""

    def __init__(self) -> None:
        self.answers: list[Choice] = []
        self.save_paths: list[Path | None] = []
        self.new_posts: list[tuple[str, str, bool] | None] = []  # (section, title, bundle)
        self.asked: list[tuple[str, str]] = []
        self.notices: list[tuple[str, str, str]] = []
        self.compared: list[dict[str, str]] = []  # texts and labels of each comparison

    def _answer(self, kind: str, text: str) -> Choice:
        self.asked.append((kind, text))
        assert self.answers, f"the window asked {kind!r} ({text}) and the test gave no answer"
        return self.answers.pop(0)

    def ask_unsaved(self, name: str) -> Choice:
        return self._answer("unsaved", name)

    def ask_save_failed(self, message: str) -> Choice:
        return self._answer("save_failed", message)

    def compare(
        self,
        mine: str,
        theirs: str,
        *,
        mine_label: str,
        theirs_label: str,
        keep_label: str,
        use_label: str,
    ) -> Choice:
        self.compared.append(
            {
                "mine": mine,
                "theirs": theirs,
                "mine_label": mine_label,
                "theirs_label": theirs_label,
                "keep_label": keep_label,
                "use_label": use_label,
            }
        )
        return self._answer("compare", f"{keep_label} / {use_label}")

    def ask_restore(self, name: str, when: str, disk_changed: bool) -> Choice:
        changed = " (changed on disk)" if disk_changed else ""
        return self._answer("restore", f"{name}{changed}")

    def ask_use_utf8(self, message: str) -> Choice:
        return self._answer("use_utf8", message)

    def ask_save_path(self, suggested: Path | None) -> Path | None:
        self.asked.append(("save_path", str(suggested)))
        assert self.save_paths, "the window asked where to save and the test gave no path"
        return self.save_paths.pop(0)

    def ask_new_post(self, site: Any, known_sections: Any, section: str | None) -> Path | None:
        """Creates the post the test scripted as (section, title, bundle), like the dialog."""
        from postedit.render.archetype import create_post

        self.asked.append(("new_post", f"{section} {sorted(known_sections)}"))
        assert self.new_posts, "the window asked for a new post and the test gave none"
        wanted = self.new_posts.pop(0)
        return None if wanted is None else create_post(site, *wanted)

    def inform(self, title: str, message: str) -> None:
        self.notices.append(("inform", title, message))

    def warn(self, title: str, message: str) -> None:
        self.notices.append(("warn", title, message))


def settings_store(path: Path) -> SettingsStore:
    """Settings in an INI file of the test's own: never the real user's."""
    return SettingsStore(QSettings(str(path), QSettings.Format.IniFormat))


@pytest.fixture
def settings_file(tmp_path: Path) -> Path:
    return tmp_path / "settings" / "postedit.ini"


@pytest.fixture
def prompter() -> ScriptedPrompter:
    return ScriptedPrompter()


def recovery_folder(tmp_path: Path) -> Path:
    """The test's own recovery folder: `journal/` and `versions/` below it."""
    return tmp_path / "recovery"


@pytest.fixture
def recovery_dir(tmp_path: Path) -> Path:
    return recovery_folder(tmp_path)


@pytest.fixture
def make_window(
    qtbot: Any, settings_file: Path, prompter: ScriptedPrompter, tmp_path: Path
) -> Iterator[Callable[..., MainWindow]]:
    """Builds windows on the test's settings file; closes them (discarding) at the end.

    Keywords go to MainWindow (`executor`, `watch`, ...); the journal and kept
    versions live in `recovery_dir`. The watcher is off unless a test asks for it:
    the window's older tests write files as part of their set-up.
    """
    windows: list[MainWindow] = []
    recovery_dir = recovery_folder(tmp_path)

    def make(**options: Any) -> MainWindow:
        options.setdefault("executor", ImmediateExecutor())
        options.setdefault("journal", Journal(recovery_dir / "journal"))
        options.setdefault("versions", VersionStore(recovery_dir / "versions"))
        options.setdefault("watch", False)
        executor = options.pop("executor")
        window = MainWindow(settings_store(settings_file), executor, prompter, **options)
        window.show()
        qtbot.waitExposed(window)
        windows.append(window)
        return window

    yield make
    # WORKAROUND: a render still running on the pool would emit into a deleted pane
    # (reported to the preview's owner); let it finish first.
    QThreadPool.globalInstance().waitForDone(5000)
    for window in windows:
        if not shiboken6.isValid(window):
            continue
        if window.document is not None and (window.document.is_modified or window.external.deleted):
            prompter.answers.insert(0, Choice.DISCARD)
        delete_now(qtbot, window)


def open_site(qtbot: Any, window: MainWindow, site: Path) -> None:
    """Open `site` and wait until its posts are listed."""
    assert window.open_site(site)
    qtbot.waitUntil(lambda: window.index is not None, timeout=5000)
