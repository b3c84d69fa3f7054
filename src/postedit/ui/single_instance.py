"""One postedit window per user: a second launch hands its files to the first.

On Windows (and Linux) opening a post with postedit while postedit runs starts a
second process. That process calls `hand_over_or_listen(paths)`: when a running
postedit accepts the paths it opens them and the new process exits. Otherwise the
new process listens and becomes the one that later launches hand over to.

Launches come close together: Explorer starts one process per file when several
are opened at once, and a writer double-clicks a second post while the first
postedit is still building its window. So a launch that finds a postedit listening
waits for its answer as long as a window takes to start (`answer_timeout_ms`), and
a launch that loses the race to listen hands over to the winner instead of
opening a window of its own.

The channel is a QLocalServer (a named pipe on Windows, a Unix socket elsewhere)
whose name is derived from the user, so two people on one machine each get their
own postedit, and only its owner may connect. A socket left behind by a postedit
that crashed is removed when nothing answers on it.

Protocol: the client sends one line, a JSON list of absolute paths; the server
emits `paths_received` and answers `ok`. An empty list means "just come to the
front".
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
import re
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

_ACK = b"ok\n"
_MAX_MESSAGE = 1 << 20  # a megabyte of paths is plenty; anything longer is not ours


def server_name(key: str) -> str:
    """A socket name for `key` that is per user and safe on every platform."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no login name (some containers): the uid will do
        user = str(os.getuid()) if hasattr(os, "getuid") else "user"
    digest = hashlib.sha256(f"{key}\0{user}".encode()).hexdigest()[:16]
    readable = re.sub(r"[^A-Za-z0-9_.-]", "_", key)[:32] or "app"
    return f"{readable}-{digest}"


class SingleInstance(QObject):
    """The guard: `hand_over()` in a new process, `listen()` in the one that stays."""

    paths_received = Signal(list)  # list[Path]

    def __init__(
        self,
        key: str,
        parent: QObject | None = None,
        *,
        timeout_ms: int = 3000,
        answer_timeout_ms: int = 30_000,
    ) -> None:
        super().__init__(parent)
        self.name = server_name(key)
        self._timeout_ms = timeout_ms
        # A postedit that accepted the connection answers once its event loop runs,
        # which is after its window is built: seconds on a cold start.
        self._answer_timeout_ms = answer_timeout_ms
        self._server: QLocalServer | None = None

    def hand_over_or_listen(self, paths: Sequence[Path]) -> bool:
        """True when a running postedit took `paths` (this process should exit).

        Otherwise this process listens from now on and returns False (also when it
        cannot listen at all: then it simply runs without the guard).
        """
        for _attempt in range(2):
            if self.hand_over(paths):
                return True
            if self.listen():
                return False
            # Another launch started listening between the two calls: hand over to it.
        return False

    # --- the process that starts later -------------------------------------------

    def hand_over(self, paths: Sequence[Path]) -> bool:
        """Give `paths` to a running postedit; True when it accepted them."""
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(self._timeout_ms):
            return False
        message = json.dumps([str(Path(path).absolute()) for path in paths]).encode() + b"\n"
        socket.write(message)
        if not socket.waitForBytesWritten(self._timeout_ms):
            socket.abort()
            return False
        reply = b""
        while not reply.endswith(b"\n") and len(reply) < len(_ACK):
            waiting = not socket.bytesAvailable()
            if waiting and not socket.waitForReadyRead(self._answer_timeout_ms):
                break
            reply += bytes(socket.readAll().data())
        socket.abort()
        return reply == _ACK

    # --- the process that stays ----------------------------------------------------

    def listen(self) -> bool:
        """Start taking hand-overs; False when another postedit already listens."""
        if self._server is not None:
            return True
        # Ask first: with access options set, Qt's Unix listen() renames its socket
        # over an existing one, so a failed listen() cannot be what tells us.
        if self._someone_answers():
            return False
        # Nobody answers: nothing there, or a socket file left by a postedit that crashed.
        QLocalServer.removeServer(self.name)
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            return False
        server.newConnection.connect(self._on_server_new_connection)
        self._server = server
        return True

    def close(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server.deleteLater()
            self._server = None

    def _someone_answers(self) -> bool:
        probe = QLocalSocket()
        probe.connectToServer(self.name)
        answered = probe.waitForConnected(self._timeout_ms)
        probe.abort()
        return answered

    def _on_server_new_connection(self) -> None:
        assert self._server is not None
        while (socket := self._server.nextPendingConnection()) is not None:
            # Qt buffers what arrives; the slots find the socket through sender(),
            # so no Python reference outlives it.
            socket.readyRead.connect(self._on_socket_ready_read)
            socket.disconnected.connect(socket.deleteLater)
            if socket.state() == QLocalSocket.LocalSocketState.UnconnectedState:
                socket.deleteLater()  # gone already: a probe from another listen()
            elif socket.canReadLine():
                self._answer(socket)

    def _on_socket_ready_read(self) -> None:
        socket = self.sender()
        if isinstance(socket, QLocalSocket):
            self._answer(socket)

    def _answer(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            if socket.bytesAvailable() > _MAX_MESSAGE:
                socket.abort()
            return
        try:
            names = json.loads(bytes(socket.readLine(_MAX_MESSAGE).data()))
        except ValueError:
            names = None
        if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
            socket.abort()
            return
        # Answer first: opening the files may take longer than the client waits.
        socket.write(_ACK)
        socket.flush()
        socket.disconnectFromServer()
        self.paths_received.emit([Path(name) for name in names])
