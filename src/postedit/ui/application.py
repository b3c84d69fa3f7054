"""postedit's QApplication: its icon, and the files the system asks it to open.

macOS does not put "Open with" or double-clicked files on the command line: it
sends the running application a `QFileOpenEvent` (at launch too, once the event
loop runs). `FileOpenQueue` turns those events into one signal; files that arrive
before the window is ready wait in the queue until `take_pending()` collects them.
The handling lives in a small QObject rather than in the application subclass so
tests can drive it on pytest-qt's one shared QApplication.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QFileOpenEvent, QIcon
from PySide6.QtWidgets import QApplication

from postedit.core.paths import resources_dir


def app_icon() -> QIcon:
    """postedit's own icon (resources/icons/postedit.svg), drawn sharp at any size."""
    path = resources_dir() / "icons" / "postedit.svg"
    return QIcon(str(path)) if path.is_file() else QIcon()


class FileOpenQueue(QObject):
    """Files the system asked postedit to open, held until the window takes them.

    Until `take_pending()` is first called the files are only queued; from then on
    each one is announced at once through `file_open_requested`.
    """

    file_open_requested = Signal(Path)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pending: list[Path] = []
        self._window_ready = False

    def handle_event(self, event: QEvent) -> bool:
        """Take a QFileOpenEvent (True: handled); leave every other event alone."""
        if event.type() != QEvent.Type.FileOpen or not isinstance(event, QFileOpenEvent):
            return False
        path = _local_path(event)
        if path is not None:
            self.request(path)
        return True

    def request(self, path: Path) -> None:
        if self._window_ready:
            self.file_open_requested.emit(path)
        else:
            self._pending.append(path)

    def take_pending(self) -> list[Path]:
        """The files that arrived so far; later ones come through the signal."""
        self._window_ready = True
        pending, self._pending = self._pending, []
        return pending


def _local_path(event: QFileOpenEvent) -> Path | None:
    """The local file an open event names, or None for a URL that is no file."""
    name = event.file() or event.url().toLocalFile()
    return Path(name) if name else None


class PosteditApplication(QApplication):
    """The application object: postedit's icon and `QEvent.FileOpen` as a signal.

    Connect `file_open_requested` once the window exists, then open what
    `take_pending()` returns (files the system sent while the window was built).
    """

    file_open_requested = Signal(Path)
    file_open_queue: FileOpenQueue | None = None  # set once the base class is built

    def __init__(self, argv: Sequence[str]) -> None:
        super().__init__(list(argv))
        self.setWindowIcon(app_icon())
        self.file_open_queue = FileOpenQueue(self)
        self.file_open_queue.file_open_requested.connect(self.file_open_requested)

    def event(self, event: QEvent) -> bool:
        # Only events sent to the application object come here (an event filter on
        # the application would see every event of every widget).
        # QApplication's constructor already sends events, before the queue exists.
        queue = self.file_open_queue
        if queue is not None and queue.handle_event(event):
            return True
        return super().event(event)

    def take_pending(self) -> list[Path]:
        assert self.file_open_queue is not None
        return self.file_open_queue.take_pending()
