"""The watch bridge: batches from the watcher's thread arrive as a signal on the GUI thread."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication

from postedit.core.document import Fingerprint
from postedit.core.site import Site
from postedit.core.watch import ChangeBatch, ChangeKind
from postedit.ui.watch_bridge import WatchBridge

ARRIVAL_MS = 10_000


def make_site(root: Path) -> Site:
    (root / "content").mkdir(parents=True)
    (root / "hugo.toml").write_text('title = "Blog"\n', encoding="utf-8")
    (root / "content" / "post.md").write_text("# Post\n", encoding="utf-8")
    return Site.from_root(root)


class Receiver:
    def __init__(self) -> None:
        self.batches: list[ChangeBatch] = []
        self.on_gui_thread: list[bool] = []

    def __call__(self, batch: ChangeBatch) -> None:
        app = QApplication.instance()
        assert app is not None
        self.on_gui_thread.append(QThread.currentThread() is app.thread())
        self.batches.append(batch)


def test_an_external_write_arrives_on_the_gui_thread(qtbot, tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    bridge = WatchBridge()
    receiver = Receiver()
    bridge.changes_arrived.connect(receiver)
    bridge.watch(site)
    try:
        assert bridge.error is None
        post = site.root / "content" / "post.md"
        with qtbot.waitSignal(bridge.changes_arrived, timeout=ARRIVAL_MS):
            post.write_text("# Post, edited elsewhere\n", encoding="utf-8")
        assert receiver.on_gui_thread and all(receiver.on_gui_thread)
        change = receiver.batches[0].change_for(post)
        assert change is not None and change.kind is ChangeKind.MODIFIED
    finally:
        bridge.stop()
        bridge.stop()


def test_remember_hides_our_own_write(qtbot, tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    bridge = WatchBridge()
    receiver = Receiver()
    bridge.changes_arrived.connect(receiver)
    bridge.watch(site)
    try:
        post = site.root / "content" / "post.md"
        ours = b"# Ours\n"
        bridge.remember(post, Fingerprint.of(ours))
        post.write_bytes(ours)
        other = site.root / "content" / "other.md"
        with qtbot.waitSignal(bridge.changes_arrived, timeout=ARRIVAL_MS):
            other.write_text("# Other\n", encoding="utf-8")
        qtbot.waitUntil(
            lambda: any(other in b.paths() for b in receiver.batches), timeout=ARRIVAL_MS
        )
        assert all(batch.change_for(post) is None for batch in receiver.batches)
    finally:
        bridge.stop()


def test_watching_another_site_stops_reports_from_the_first(qtbot, tmp_path: Path) -> None:
    first = make_site(tmp_path / "first")
    second = make_site(tmp_path / "second")
    bridge = WatchBridge()
    receiver = Receiver()
    bridge.changes_arrived.connect(receiver)
    bridge.watch(first)
    bridge.watch(second)
    try:
        (first.root / "content" / "post.md").write_text("# Changed in the first\n", "utf-8")
        target = second.root / "content" / "post.md"
        with qtbot.waitSignal(bridge.changes_arrived, timeout=ARRIVAL_MS):
            target.write_text("# Changed in the second\n", encoding="utf-8")
        (first.root / "content" / "new.md").write_text("# New in the first\n", "utf-8")
        with qtbot.waitSignal(bridge.changes_arrived, timeout=ARRIVAL_MS):
            (second.root / "content" / "new.md").write_text("# New in the second\n", "utf-8")
        named = set().union(*(batch.paths() for batch in receiver.batches))
        assert named and all(path.is_relative_to(second.root) for path in named)
        bridge.watch(None)
        assert bridge.error is None
    finally:
        bridge.stop()
