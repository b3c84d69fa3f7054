"""Write a file so that it is either entirely old or entirely new, never half.

A crash, a full disk or a killed process during a save must not leave a writer
with a truncated post. We write a temporary file beside the target (same folder,
so the final rename stays on one file system), flush and fsync it, copy the old
file's permission bits, then atomically replace the target. Symlinks are followed
so the link stays a link and its target gets the new text.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
import time
from pathlib import Path

_WINDOWS_REPLACE_TRIES = 10
_WINDOWS_REPLACE_PAUSE_S = 0.05


class SaveError(OSError):
    """A save that did not happen; the message is meant for the writer."""


def _describe(error: OSError, path: Path) -> str:
    if isinstance(error, PermissionError):
        return f"postedit may not write “{path.name}”: the file or its folder is read-only."
    if error.errno == 28:  # ENOSPC
        return f"The disk is full: “{path.name}” could not be saved."
    if isinstance(error, FileNotFoundError):
        return f"The folder for “{path.name}” does not exist."
    return f"“{path.name}” could not be saved: {error.strerror or error}."


def _replace(source: str, target: Path) -> None:
    """os.replace, retried briefly on Windows where virus scanners and indexers
    hold files open for a moment and make the rename fail with access denied."""
    for attempt in range(_WINDOWS_REPLACE_TRIES):
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if sys.platform != "win32" or attempt == _WINDOWS_REPLACE_TRIES - 1:
                raise
            time.sleep(_WINDOWS_REPLACE_PAUSE_S)


def _fsync_folder(folder: Path) -> None:
    if sys.platform == "win32":
        return
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _written_beside(target: Path, data: bytes, mode: int | None) -> str:
    """A temporary file beside `target` holding `data`, fsynced, with `mode` (None: a
    new file's usual mode); the caller gives it its name or removes it."""
    # A short name: the post's own name may already use most of the 255 bytes
    # a file name can have.
    descriptor, temp_name = tempfile.mkstemp(prefix=".postedit-", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_name, mode if mode is not None else 0o666 & ~_umask())
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    return temp_name


def atomic_write(path: Path, data: bytes) -> None:
    """Replace the contents of `path` with `data` atomically; raise SaveError."""
    target = Path(os.path.realpath(path))
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = None
    except OSError as error:
        raise SaveError(_describe(error, target)) from error
    if mode is not None and not os.access(target, os.W_OK):
        raise SaveError(f"“{target.name}” is read-only. Use Save As to keep your changes.")
    temp_name = None
    try:
        temp_name = _written_beside(target, data, mode)
        _replace(temp_name, target)
        temp_name = None
        _fsync_folder(target.parent)
    except OSError as error:
        raise SaveError(_describe(error, target)) from error
    finally:
        if temp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp_name)


def atomic_create(path: Path, data: bytes) -> None:
    """Write a new file at `path`, entirely or not at all; never replace one.

    Like `atomic_write`, the data goes to a temporary file beside the target first
    and is fsynced; it then takes the target's name only if that name is free
    (a hard link, which refuses an existing name; where the file system has no
    hard links, a rename that refuses one on Windows, or a reservation made with
    O_EXCL elsewhere). Raises FileExistsError when `path` exists, SaveError else.
    """
    path = Path(path)
    temp_name = None
    try:
        temp_name = _written_beside(path, data, None)
        try:
            os.link(temp_name, path)
        except FileExistsError:
            raise
        except OSError:  # no hard links here (FAT, some network shares)
            _claim_without_link(temp_name, path)
            temp_name = None
        _fsync_folder(path.parent)
    except FileExistsError:
        raise
    except OSError as error:
        raise SaveError(_describe(error, path)) from error
    finally:
        if temp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp_name)


def _claim_without_link(temp_name: str, path: Path) -> None:
    """Move the finished temporary file to a free `path` without hard links."""
    if sys.platform == "win32":
        os.rename(temp_name, path)  # refuses an existing target on Windows
        return
    # WORKAROUND: POSIX rename replaces silently; reserve the name first, so a
    # file made meanwhile by someone else is refused, then fill it atomically.
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    _replace(temp_name, path)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
