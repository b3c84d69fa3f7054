"""The single-instance guard: a second launch hands its files to the first."""

from __future__ import annotations

import getpass
import os
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import QDir

from postedit.ui.single_instance import SingleInstance, server_name


@pytest.fixture
def key() -> str:
    return f"postedit-test-{uuid.uuid4().hex[:8]}"


def hand_over_in_another_process(
    key: str, paths: list[str], cwd: Path | None = None, options: str = ""
) -> subprocess.Popen[str]:
    """A later postedit launch, as a process of its own.

    Not a thread: PySide6 keeps the GIL while a QLocalSocket waits, so a client
    thread would starve the server's slots in this process until it timed out.
    """
    script = (
        "import sys; from pathlib import Path\n"
        "from PySide6.QtCore import QCoreApplication\n"
        "from postedit.ui.single_instance import SingleInstance\n"
        "app = QCoreApplication([])\n"
        "paths = [Path(arg) for arg in sys.argv[2:]]\n"
        f"print(SingleInstance(sys.argv[1]{options}).hand_over(paths))\n"
    )
    return subprocess.Popen(
        [sys.executable, "-c", script, key, *paths],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
    )


def finished(process: subprocess.Popen[str]) -> str:
    out, err = process.communicate(timeout=30)
    assert process.returncode == 0, err
    return out.strip()


def test_the_name_is_per_user_and_safe_as_a_socket_name(monkeypatch) -> None:
    name = server_name("post edit/../x")
    assert name == server_name("post edit/../x")
    assert name != server_name("other")
    assert all(char.isalnum() or char in "_.-" for char in name)
    assert len(name) < 60  # Unix socket paths are limited to about 100 bytes
    monkeypatch.setattr(getpass, "getuser", lambda: "alice")
    alice = server_name("postedit")
    monkeypatch.setattr(getpass, "getuser", lambda: "bob")
    assert server_name("postedit") != alice


def test_nobody_to_hand_over_to(key: str) -> None:
    assert SingleInstance(key, timeout_ms=500).hand_over([Path("post.md")]) is False


def test_a_second_instance_hands_its_files_to_the_first(qtbot, key: str, tmp_path: Path) -> None:
    first = SingleInstance(key)
    assert first.listen()
    second = SingleInstance(key)
    assert second.listen() is False  # the first one owns the name

    post = tmp_path / "post.md"
    with qtbot.waitSignal(first.paths_received, timeout=20000) as blocker:
        process = hand_over_in_another_process(key, [str(post)])
    assert finished(process) == "True"
    assert blocker.args == [[post]]
    first.close()


def test_relative_paths_arrive_absolute(qtbot, key: str, tmp_path: Path) -> None:
    first = SingleInstance(key)
    assert first.listen()
    with qtbot.waitSignal(first.paths_received, timeout=20000) as blocker:
        process = hand_over_in_another_process(key, ["post.md"], cwd=tmp_path)
    assert finished(process) == "True"
    assert blocker.args == [[tmp_path / "post.md"]]
    first.close()


def test_an_empty_hand_over_asks_the_window_to_come_forward(qtbot, key: str) -> None:
    first = SingleInstance(key)
    assert first.listen()
    with qtbot.waitSignal(first.paths_received, timeout=20000) as blocker:
        process = hand_over_in_another_process(key, [])
    assert finished(process) == "True"
    assert blocker.args == [[]]
    first.close()


def test_after_the_first_closes_the_next_one_listens(key: str) -> None:
    first = SingleInstance(key)
    assert first.listen()
    first.close()
    second = SingleInstance(key)
    assert second.listen()
    second.close()


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes leave no file behind")
def test_a_socket_left_by_a_crashed_instance_is_replaced(key: str) -> None:
    name = server_name(key)
    stale = Path(QDir.tempPath()) / name
    leftover = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    leftover.bind(str(stale))
    leftover.close()  # the file stays, nobody listens: what a crash leaves
    try:
        assert stale.exists()
        guard = SingleInstance(key, timeout_ms=500)
        assert guard.listen()
        guard.close()
    finally:
        stale.unlink(missing_ok=True)


@pytest.mark.skipif(sys.platform == "win32", reason="plays the first postedit on a Unix socket")
@pytest.mark.parametrize(("answer_after_s", "accepted"), [(1.0, True), (None, False)])
def test_a_launch_waits_for_a_postedit_still_building_its_window(
    key: str, tmp_path: Path, answer_after_s: float | None, accepted: bool
) -> None:
    # The first postedit listens before it builds its window and answers once its
    # event loop runs: here a plain socket that answers a second late (or never).
    path = Path(QDir.tempPath()) / server_name(key)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(path))
    listener.listen(1)
    received: list[bytes] = []

    def first_postedit() -> None:
        connection, _ = listener.accept()
        with connection:
            received.append(connection.recv(4096))
            if answer_after_s is not None:
                time.sleep(answer_after_s)  # building its window
                connection.sendall(b"ok\n")
            else:
                connection.recv(1)  # hung: waits until the launch gives up

    server = threading.Thread(target=first_postedit, daemon=True)
    server.start()
    try:
        # Connecting may take 0.2 s at most; answering takes as long as a window does
        # (here capped at 3 s so the hung case ends).
        process = hand_over_in_another_process(
            key, [str(tmp_path / "post.md")], options=", timeout_ms=200, answer_timeout_ms=3000"
        )
        assert finished(process) == str(accepted)
        server.join(timeout=10)
        assert received and received[0].endswith(b"\n")
    finally:
        listener.close()
        path.unlink(missing_ok=True)


class _RaceStub(SingleInstance):
    """A guard whose hand-over and listen answer from scripts, as in a race."""

    def __init__(self, key: str, hand_overs: list[bool], listens: list[bool]) -> None:
        super().__init__(key)
        self.hand_overs, self.listens = hand_overs, listens
        self.calls: list[str] = []

    def hand_over(self, paths) -> bool:  # type: ignore[no-untyped-def]
        self.calls.append("hand_over")
        return self.hand_overs.pop(0)

    def listen(self) -> bool:
        self.calls.append("listen")
        return self.listens.pop(0)


@pytest.mark.parametrize(
    ("hand_overs", "listens", "exits", "calls"),
    [
        ([True], [], True, ["hand_over"]),  # a postedit runs: it opens the files
        ([False], [True], False, ["hand_over", "listen"]),  # the first postedit
        # Another launch began listening between our two calls: hand over to it.
        ([False, True], [False], True, ["hand_over", "listen", "hand_over"]),
        # Cannot listen and nobody answers: run without the guard.
        ([False, False], [False, False], False, ["hand_over", "listen"] * 2),
    ],
)
def test_a_launch_that_loses_the_race_to_listen_hands_over_to_the_winner(
    key: str, hand_overs: list[bool], listens: list[bool], exits: bool, calls: list[str]
) -> None:
    guard = _RaceStub(key, hand_overs, listens)
    assert guard.hand_over_or_listen([Path("post.md")]) is exits
    assert guard.calls == calls
