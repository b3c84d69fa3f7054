"""Crash journals and kept versions: no unsaved word is lost, no version thrown away.

`Journal` keeps the whole text of each post with unsaved edits in the writer's
data folder (never beside the post, so the site's git status stays clean): one
JSON file per post, named from a hash of the post's path, replaced atomically on
every record. A journal is removed only after a successful save or an explicit
discard, so after a crash or a kill the next start finds it. Journals still owned
by another running postedit are left alone: each names the process that wrote it
(pid, the process's start time and the boot it ran in), so a pid reused by some
later process does not hide a journal forever. A leftover that was not restored
yet (the writer said "later") is never overwritten by new edits of the same post:
the first record of this process sets it aside under another name, where the next
start still finds it.

`VersionStore` keeps the bytes of a version the writer did not choose in a
conflict (theirs or mine), exactly as they were, with a small JSON sidecar
saying which post it belongs to, when and why it was kept.

Both hold the writer's unpublished text, so their folders are made private (0700).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import sys
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

from postedit.core.atomic import atomic_write
from postedit.core.document import Fingerprint
from postedit.core.paths import user_data_dir

__all__ = ["Journal", "JournalEntry", "KeptVersion", "VersionStore"]

JOURNAL_FORMAT = 1
_JOURNAL_SUFFIX = ".json"
_SIDECAR_SUFFIX = ".version.json"
_MAX_NAME_STEM = 80


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _post_key(post: Path) -> str:
    """A stable file-name-safe key for a post's path (not resolved: it may not exist)."""
    absolute = os.path.abspath(os.fspath(post)).encode("utf-8", "surrogatepass")
    return hashlib.sha256(absolute).hexdigest()[:32]


def _reason(error: OSError) -> str:
    """The operating system's words for `error`, as the end of a sentence."""
    cause = error.__cause__ if isinstance(error.__cause__, OSError) else error
    words = cause.strerror or str(cause) or type(cause).__name__
    return words[:1].lower() + words[1:]


def _parse_time(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


# -- which process wrote a journal, and is it still running? --------------------------


def _read_first_line(path: str) -> str | None:
    try:
        with open(path, encoding="ascii", errors="replace") as handle:
            return handle.readline().strip() or None
    except OSError:
        return None


def _boot_id() -> str | None:
    """This boot of the machine (Linux); journals from an earlier boot have no live owner."""
    return _read_first_line("/proc/sys/kernel/random/boot_id")


def _start_time(pid: int) -> int | None:
    """When process `pid` started, in clock ticks after boot (Linux), or None."""
    line = _read_first_line(f"/proc/{pid}/stat")
    if line is None or ")" not in line:
        return None
    # The command name (field 2) may hold spaces and parentheses: split after the last ")".
    fields = line.rsplit(")", 1)[1].split()
    try:
        return int(fields[19])  # field 22, starttime; `fields` begins at field 3
    except (IndexError, ValueError):
        return None


def _pid_running(pid: int) -> bool:
    if pid <= 0:
        return False
    if sys.platform == "win32":
        import ctypes

        still_active = 259
        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # QUERY_LIMITED_INFO
        if not handle:
            return False
        try:
            code = ctypes.c_ulong()
            ctypes.windll.kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
            return code.value == still_active
        finally:
            ctypes.windll.kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process, but running
    except OSError:
        return False
    return True


@dataclass(frozen=True)
class _Owner:
    """The process that writes journals: enough to tell later whether it still runs."""

    pid: int
    token: str
    started: int | None
    boot: str | None

    def as_json(self) -> dict[str, Any]:
        return {"pid": self.pid, "token": self.token, "started": self.started, "boot": self.boot}


@cache
def _this_process() -> _Owner:
    """This process's identity, made once (on first use, not at import)."""
    pid = os.getpid()
    return _Owner(pid, uuid.uuid4().hex, _start_time(pid), _boot_id())


def _owner_running(data: dict[str, Any]) -> bool:
    """Whether the process that wrote journal `data` is still running."""
    pid, token = data.get("pid"), data.get("token")
    if not isinstance(pid, int) or isinstance(pid, bool):
        return False
    me = _this_process()
    if pid == me.pid:
        # Our own journals are live edits, not leftovers; same pid, other token: an
        # earlier process that had our pid (its start time differs too).
        return token == me.token
    boot = data.get("boot")
    if isinstance(boot, str) and me.boot is not None and boot != me.boot:
        return False  # written before the machine restarted
    if not _pid_running(pid):
        return False
    started = data.get("started")
    if isinstance(started, int):
        now_started = _start_time(pid)
        if now_started is not None and now_started != started:
            return False  # the pid now belongs to a later process
    return True


# -- the journal -----------------------------------------------------------------------

_MISSING = object()


def _read_journal(file: Path) -> Any:
    """The JSON in a journal file; `_MISSING` when there is none, None when unreadable."""
    try:
        return json.loads(file.read_bytes().decode("utf-8", "surrogatepass"))
    except FileNotFoundError:
        return _MISSING
    except (OSError, ValueError):
        return None


def _written_by_us(data: dict[str, Any]) -> bool:
    return data.get("token") == _this_process().token


@dataclass(frozen=True)
class JournalEntry:
    """Unsaved edits of one post, as a crashed or killed postedit left them."""

    post: Path
    site: Path | None
    text: str
    base: Fingerprint | None
    saved_at: datetime
    file: Path | None = None  # the journal file it was read from

    def disk_changed(self) -> bool:
        """Whether the post on disk is no longer `base` (changed, gone or appeared)."""
        return Fingerprint.of_file(self.post) != self.base


def _entry_from_json(data: Any, file: Path | None = None) -> JournalEntry | None:
    """The entry a journal file holds, or None if it is not one we can trust."""
    if not isinstance(data, dict) or data.get("format") != JOURNAL_FORMAT:
        return None
    post, site, text = data.get("post"), data.get("site"), data.get("text")
    saved_at = _parse_time(data.get("saved_at"))
    if not isinstance(post, str) or not isinstance(text, str) or saved_at is None:
        return None
    if site is not None and not isinstance(site, str):
        return None
    base_data = data.get("base")
    base: Fingerprint | None = None
    if base_data is not None:
        if not isinstance(base_data, dict):
            return None
        size, sha256 = base_data.get("size"), base_data.get("sha256")
        if not isinstance(size, int) or not isinstance(sha256, str):
            return None
        base = Fingerprint(size, sha256)
    return JournalEntry(Path(post), Path(site) if site else None, text, base, saved_at, file)


class Journal:
    """The crash journal: one file per post with unsaved edits."""

    def __init__(
        self, folder: Path | None = None, *, now: Callable[[], datetime] = _utc_now
    ) -> None:
        self.folder = folder if folder is not None else user_data_dir() / "recovery" / "journal"
        self._now = now
        self._warning: str | None = None
        # Journal files this process may overwrite: written by it, or restored by the
        # writer. Any other file at a post's journal path is a leftover set aside first.
        self._own: set[Path] = set()
        self._replaces: dict[Path, Path] = {}  # our journal -> a set-aside one it restored
        try:
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            if not os.access(self.folder, os.W_OK):
                raise PermissionError(13, "Permission denied")
        except OSError as error:
            self._set_warning(error)

    @property
    def warning(self) -> str | None:
        """Plain words when the folder cannot be written: crash protection is off."""
        return self._warning

    def _set_warning(self, error: OSError) -> None:
        self._warning = (
            f"Crash protection is off: postedit cannot write to {self.folder} ({_reason(error)})."
        )

    def path_for(self, post: Path) -> Path:
        """The journal file of `post` (whether or not it exists)."""
        return self.folder / f"{_post_key(post)}{_JOURNAL_SUFFIX}"

    def record(
        self, post: Path, text: str, base: Fingerprint | None, site: Path | None = None
    ) -> bool:
        """Journal `text` as the unsaved state of `post`; False (and `warning`) on failure."""
        data = {
            "format": JOURNAL_FORMAT,
            "post": os.path.abspath(os.fspath(post)),
            "site": os.path.abspath(os.fspath(site)) if site is not None else None,
            "base": {"size": base.size, "sha256": base.sha256} if base is not None else None,
            "saved_at": self._now().astimezone(UTC).isoformat(),
            **_this_process().as_json(),
            "text": text,
        }
        file = self.path_for(post)
        try:
            payload = json.dumps(data, ensure_ascii=False).encode("utf-8", "surrogatepass")
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            if file not in self._own:
                self._set_aside_leftover(file)
            atomic_write(file, payload)
        except OSError as error:
            self._set_warning(error)
            return False
        self._own.add(file)
        restored = self._replaces.pop(file, None)
        if restored is not None:
            with contextlib.suppress(OSError):
                restored.unlink()  # its text is in our journal now
        self._warning = None
        return True

    def _set_aside_leftover(self, file: Path) -> None:
        """Move a crashed postedit's journal at `file` to a name of its own (its text
        was not restored yet); raise OSError if it is there and cannot be moved."""
        data = _read_journal(file)
        if data is _MISSING:
            return
        if isinstance(data, dict) and (_written_by_us(data) or _owner_running(data)):
            return  # ours from before a discard, or another running postedit's live edits
        os.replace(file, file.with_name(f"{file.stem}-{uuid.uuid4().hex[:12]}{file.suffix}"))

    def discard(self, post: Path) -> None:
        """Forget this process's journal of `post` (after a successful save or an
        explicit discard); a leftover of another postedit there stays to be offered."""
        file = self.path_for(post)
        restored = self._replaces.pop(file, None)
        if restored is not None:  # restored, and now saved, discarded or as on disk
            with contextlib.suppress(OSError):
                restored.unlink()
        if file in self._own:
            self._own.discard(file)
        else:
            data = _read_journal(file)
            if not (isinstance(data, dict) and _written_by_us(data)):
                return
        with contextlib.suppress(OSError):
            file.unlink()

    def discard_entry(self, entry: JournalEntry) -> None:
        """Forget a leftover journal the writer discarded (or chose not to use)."""
        file = entry.file if entry.file is not None else self.path_for(entry.post)
        with contextlib.suppress(OSError):
            file.unlink()

    def adopt(self, entry: JournalEntry) -> None:
        """The writer restored `entry`: this process's journal of its post replaces it."""
        file = self.path_for(entry.post)
        if entry.file is None or entry.file == file:
            self._own.add(file)
        else:
            self._replaces[file] = entry.file

    def entries(self) -> list[JournalEntry]:
        """Journals left by postedit processes that no longer run, newest first.

        Journals of a running postedit (this one included) are its live edits and
        are not listed. Files that cannot be read or are not journals are skipped
        and left where they are.
        """
        found: list[JournalEntry] = []
        try:
            candidates = sorted(self.folder.glob(f"*{_JOURNAL_SUFFIX}"))
        except OSError:
            return []
        for path in candidates:
            try:
                data = json.loads(path.read_bytes().decode("utf-8", "surrogatepass"))
            except (OSError, ValueError):
                continue
            entry = _entry_from_json(data, path)
            if entry is None or _owner_running(data):
                continue
            found.append(entry)
        found.sort(key=lambda entry: entry.saved_at, reverse=True)
        return found


# -- kept versions ---------------------------------------------------------------------


@dataclass(frozen=True)
class KeptVersion:
    """A version of a post kept in the recovery folder: its bytes are `file`."""

    post: Path
    file: Path
    kept_at: datetime
    reason: str


def _name_stem(post: Path) -> str:
    """A readable part of a kept version's file name: the post's name."""
    stem = post.stem
    if stem in {"index", "_index"} and post.parent.name:
        stem = f"{post.parent.name}-{stem}"  # a page bundle: the folder names the post
    stem = re.sub(r"[^\w.-]+", "-", stem).strip("-.") or "post"
    return stem[:_MAX_NAME_STEM]


def _same_second_number(version: KeptVersion) -> int:
    """1, or N for the Nth version of a post kept within the same second."""
    stamp = version.file.name.split("--", 1)[0]
    number = stamp.rsplit("Z-", 1)[1] if "Z-" in stamp else "1"
    return int(number) if number.isdigit() else 1


class VersionStore:
    """Versions of posts the writer did not choose, kept as exact bytes."""

    def __init__(
        self, folder: Path | None = None, *, now: Callable[[], datetime] = _utc_now
    ) -> None:
        self.folder = folder if folder is not None else user_data_dir() / "recovery" / "versions"
        self._now = now

    def keep(self, post: Path, data: bytes, reason: str) -> KeptVersion:
        """Keep `data` as a version of `post`; raise OSError if it cannot be written."""
        post = Path(os.path.abspath(os.fspath(post)))
        kept_at = self._now().astimezone(UTC)
        folder = self.folder / _post_key(post)
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        stamp = kept_at.strftime("%Y-%m-%dT%H-%M-%SZ")
        stem, suffix = _name_stem(post), post.suffix
        file = folder / f"{stamp}--{stem}{suffix}"
        number = 2
        while file.exists() or file.with_name(file.name + _SIDECAR_SUFFIX).exists():
            file = folder / f"{stamp}-{number}--{stem}{suffix}"  # kept within one second
            number += 1
        atomic_write(file, data)
        sidecar = {"post": str(post), "reason": reason, "kept_at": kept_at.isoformat()}
        atomic_write(
            file.with_name(file.name + _SIDECAR_SUFFIX),
            json.dumps(sidecar, ensure_ascii=False, indent=2).encode("utf-8", "surrogatepass"),
        )
        return KeptVersion(post, file, kept_at, reason)

    def move(self, old: Path, new: Path) -> None:
        """The post `old` is now `new` (renamed or moved): its kept versions go with it.

        Each version is written under `new` before it is removed under `old`, so an
        error (OSError, raised) leaves every version listed under one name or the other.
        """
        new = Path(os.path.abspath(os.fspath(new)))
        for version in self.versions(old):
            folder = self.folder / _post_key(new)
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            stamp = version.file.name.split("--", 1)[0]
            name = f"--{_name_stem(new)}{new.suffix}"
            file, number = folder / f"{stamp}{name}", 2
            while file.exists() or file.with_name(file.name + _SIDECAR_SUFFIX).exists():
                file = folder / f"{stamp}-{number}{name}"
                number += 1
            atomic_write(file, version.file.read_bytes())
            sidecar = {
                "post": str(new),
                "reason": version.reason,
                "kept_at": version.kept_at.isoformat(),
            }
            atomic_write(
                file.with_name(file.name + _SIDECAR_SUFFIX),
                json.dumps(sidecar, ensure_ascii=False, indent=2).encode("utf-8", "surrogatepass"),
            )
            version.file.with_name(version.file.name + _SIDECAR_SUFFIX).unlink(missing_ok=True)
            version.file.unlink(missing_ok=True)

    def versions(self, post: Path | None = None) -> list[KeptVersion]:
        """The kept versions of `post` (of every post when None), newest first."""
        if post is not None:
            post = Path(os.path.abspath(os.fspath(post)))
            folders = [self.folder / _post_key(post)]
        else:
            try:
                folders = [child for child in self.folder.iterdir() if child.is_dir()]
            except OSError:
                return []
        found: list[KeptVersion] = []
        for folder in folders:
            try:
                sidecars = list(folder.glob(f"*{_SIDECAR_SUFFIX}"))
            except OSError:
                continue
            for sidecar in sidecars:
                version = self._read_sidecar(sidecar)
                if version is not None and (post is None or version.post == post):
                    found.append(version)
        found.sort(
            key=lambda version: (version.kept_at, _same_second_number(version)), reverse=True
        )
        return found

    @staticmethod
    def _read_sidecar(sidecar: Path) -> KeptVersion | None:
        try:
            data = json.loads(sidecar.read_bytes().decode("utf-8", "surrogatepass"))
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict):
            return None
        post, reason = data.get("post"), data.get("reason")
        kept_at = _parse_time(data.get("kept_at"))
        file = sidecar.with_name(sidecar.name.removesuffix(_SIDECAR_SUFFIX))
        if not isinstance(post, str) or not isinstance(reason, str) or kept_at is None:
            return None
        if not file.is_file():
            return None
        return KeptVersion(Path(post), file, kept_at, reason)
