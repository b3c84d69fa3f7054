"""Atomic saves: a process killed mid-save never leaves a truncated or empty post."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from postedit.core.atomic import SaveError, atomic_write

CHILD = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from postedit.core.document import Document

    path = Path(sys.argv[1])
    bodies = [sys.argv[2] * 20000, sys.argv[3] * 30000]
    document = Document.load(path)
    turn = 0
    while True:
        document.body = bodies[turn % 2]
        document.save()
        turn += 1
        print(turn, flush=True)
    """
)


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_killed_saver_never_leaves_a_partial_post(tmp_path: Path) -> None:
    path = tmp_path / "post.md"
    header = '---\ntitle: "Atomic"\n---\n'
    path.write_text(header + "start\n", encoding="utf-8")
    valid = {
        (header + "start\n").encode(),
        (header + "A line of text.\n" * 20000).encode(),
        (header + "Another, longer line.\n" * 30000).encode(),
    }
    rng = random.Random(1234)
    for _ in range(25):
        child = subprocess.Popen(
            [
                sys.executable,
                "-c",
                CHILD,
                str(path),
                "A line of text.\n",
                "Another, longer line.\n",
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None
        for _ in range(rng.randint(1, 4)):
            assert child.stdout.readline(), "the saver died on its own"
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        child.stdout.close()
        assert path.read_bytes() in valid
    leftovers = [p for p in tmp_path.iterdir() if p.name != "post.md"]
    assert all(p.name.startswith(".postedit-") and p.name.endswith(".tmp") for p in leftovers)


def test_failed_write_leaves_old_file_and_no_temp(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "post.md"
    path.write_bytes(b"old")

    def refuse(source: str, target: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(SaveError, match="disk is full"):
        atomic_write(path, b"new")
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["post.md"]


def test_new_file_gets_normal_permissions(tmp_path: Path) -> None:
    path = tmp_path / "new.md"
    atomic_write(path, b"x")
    umask = os.umask(0)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask
