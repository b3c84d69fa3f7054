"""Crash journals and kept versions: what a killed postedit leaves is found again."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from postedit.core.document import Fingerprint
from postedit.core.recovery import Journal, JournalEntry, KeptVersion, VersionStore

RECORD_AND_EXIT = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from postedit.core.document import Fingerprint
    from postedit.core.recovery import Journal

    folder, post, text = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
    base = Fingerprint.of_file(post)
    assert Journal(folder).record(post, text, base, site=post.parent)
    if len(sys.argv) > 4:  # stay alive, like a postedit still editing
        print("recorded", flush=True)
        sys.stdin.read()
    """
)


def _record_in_child(folder: Path, post: Path, text: str) -> None:
    """Record from another process that then exits: as if it had crashed."""
    subprocess.run(
        [sys.executable, "-c", RECORD_AND_EXIT, str(folder), str(post), text],
        check=True,
        timeout=60,
    )


def _fixed_clock(*moments: datetime):
    remaining = list(moments)
    return lambda: remaining.pop(0)


@pytest.fixture
def post(tmp_path: Path) -> Path:
    path = tmp_path / "site" / "content" / "posts" / "hello.md"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"---\ntitle: Hello\n---\nBody\n")
    return path


def test_a_journal_left_by_a_dead_process_is_offered(tmp_path: Path, post: Path) -> None:
    folder = tmp_path / "journal"
    _record_in_child(folder, post, "---\ntitle: Hello\n---\nBody, edited\n")

    entries = Journal(folder).entries()

    assert len(entries) == 1
    entry = entries[0]
    assert entry.post == post
    assert entry.site == post.parent
    assert entry.text == "---\ntitle: Hello\n---\nBody, edited\n"
    assert entry.base == Fingerprint.of_file(post)
    assert entry.saved_at.tzinfo is not None
    assert abs(datetime.now(UTC) - entry.saved_at) < timedelta(minutes=5)
    assert not entry.disk_changed()


def test_the_journal_lives_in_its_folder_never_beside_the_post(tmp_path: Path, post: Path) -> None:
    folder = tmp_path / "journal"
    before = sorted(post.parent.parent.parent.rglob("*"))
    assert Journal(folder).record(post, "text", Fingerprint.of_file(post))
    assert sorted(post.parent.parent.parent.rglob("*")) == before
    assert len(list(folder.iterdir())) == 1


def test_the_default_folder_is_in_the_user_data_folder(post: Path) -> None:
    journal = Journal()
    assert journal.warning is None
    assert journal.folder.parts[-2:] == ("recovery", "journal")
    assert str(journal.folder).startswith(os.environ["XDG_DATA_HOME"])
    assert VersionStore().folder.parts[-2:] == ("recovery", "versions")


def test_this_process_own_journals_are_live_edits_not_leftovers(tmp_path: Path, post: Path) -> None:
    journal = Journal(tmp_path / "journal")
    assert journal.record(post, "unsaved", None)
    assert journal.entries() == []
    assert Journal(tmp_path / "journal").entries() == []


def test_a_journal_of_another_running_postedit_is_left_alone(tmp_path: Path, post: Path) -> None:
    folder = tmp_path / "journal"
    with subprocess.Popen(
        [sys.executable, "-c", RECORD_AND_EXIT, str(folder), str(post), "theirs", "stay"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as child:
        try:
            assert child.stdout is not None
            assert child.stdout.readline().strip() == "recorded"
            assert Journal(folder).entries() == []
        finally:
            child.kill()
            child.wait(timeout=30)
    assert [entry.text for entry in Journal(folder).entries()] == ["theirs"]


def test_a_reused_pid_does_not_hide_a_journal(tmp_path: Path, post: Path) -> None:
    folder = tmp_path / "journal"
    journal = Journal(folder)
    assert journal.record(post, "mine", None)
    file = journal.path_for(post)
    data = json.loads(file.read_text("utf-8"))
    linux = data["boot"] is not None  # boot ids and start times are known
    # Another process that had our pid before us (a different token and start time).
    data.update(token="an earlier process", started=(data["started"] or 10) - 5)
    file.write_text(json.dumps(data), "utf-8")
    assert [entry.text for entry in journal.entries()] == ["mine"]

    # A running process whose start time is not the writer's: the pid was reused.
    parent = os.getppid()
    data.update(pid=parent, token="x", started=-1)
    file.write_text(json.dumps(data), "utf-8")
    if linux:
        assert [entry.text for entry in journal.entries()] == ["mine"]

    # Written before the machine restarted.
    data.update(pid=parent, started=None, boot="another boot")
    file.write_text(json.dumps(data), "utf-8")
    if linux:
        assert [entry.text for entry in journal.entries()] == ["mine"]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ("none", False),
        ("rewrite", True),
        ("delete", True),
        ("same bytes again", False),
    ],
)
def test_disk_changed(post: Path, change: str, expected: bool) -> None:
    entry = JournalEntry(post, None, "text", Fingerprint.of_file(post), datetime.now(UTC))
    if change == "rewrite":
        post.write_bytes(b"---\ntitle: Changed\n---\nBody\n")
    elif change == "delete":
        post.unlink()
    elif change == "same bytes again":
        post.write_bytes(post.read_bytes())
    assert entry.disk_changed() is expected


def test_disk_changed_when_a_new_post_appeared(tmp_path: Path) -> None:
    missing = tmp_path / "new.md"
    entry = JournalEntry(missing, None, "text", None, datetime.now(UTC))
    assert not entry.disk_changed()
    missing.write_text("now it exists", "utf-8")
    assert entry.disk_changed()


def test_discard_removes_the_journal(tmp_path: Path, post: Path) -> None:
    folder = tmp_path / "journal"
    _record_in_child(folder, post, "edited")
    journal = Journal(folder)
    [entry] = journal.entries()
    journal.discard(post)  # our own edits' journal: a leftover is not ours to drop
    assert len(journal.entries()) == 1
    journal.discard_entry(entry)
    assert journal.entries() == []
    assert journal.record(post, "mine", None)
    journal.discard(post)
    assert not journal.path_for(post).exists()


def test_a_leftover_is_set_aside_not_overwritten(tmp_path: Path, post: Path) -> None:
    folder = tmp_path / "journal"
    _record_in_child(folder, post, "left by a crash")
    journal = Journal(folder)
    assert journal.record(post, "new edits", None)
    assert journal.record(post, "newer edits", None)
    assert sorted(entry.text for entry in Journal(folder).entries()) == ["left by a crash"]
    assert len(list(folder.glob("*.json"))) == 2
    [entry] = journal.entries()
    journal.adopt(entry)  # restored: the next record replaces it
    assert journal.record(post, "restored", None)
    assert journal.entries() == []
    assert [file.name for file in folder.glob("*.json")] == [journal.path_for(post).name]
    journal.discard(post)
    assert list(folder.iterdir()) == []
    journal.discard(post)  # already gone: fine
    journal.discard(tmp_path / "never-recorded.md")


def test_recording_again_replaces_the_journal(tmp_path: Path, post: Path) -> None:
    journal = Journal(tmp_path / "journal")
    for text in ("one", "two", "three"):
        assert journal.record(post, text, None)
    files = list((tmp_path / "journal").iterdir())
    assert len(files) == 1
    assert json.loads(files[0].read_text("utf-8"))["text"] == "three"


def test_a_one_megabyte_text_is_recorded(tmp_path: Path, post: Path) -> None:
    journal = Journal(tmp_path / "journal")
    text = ("Ünïcode line with “quotes” and an emoji 🎉\r\n" * 25_000)[:1_000_000]
    assert journal.record(post, text, Fingerprint.of_file(post))
    data = json.loads(journal.path_for(post).read_bytes())
    assert data["text"] == text


def test_an_unwritable_folder_turns_crash_protection_off(tmp_path: Path, post: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", "utf-8")
    folder = blocker / "journal"  # mkdir fails even for root

    journal = Journal(folder)
    assert journal.warning is not None
    assert journal.warning.startswith("Crash protection is off: postedit cannot write to ")
    assert str(folder) in journal.warning

    assert journal.record(post, "text", None) is False
    assert journal.warning is not None and "not a directory" in journal.warning
    assert journal.entries() == []
    journal.discard(post)


def test_the_warning_goes_when_the_folder_becomes_writable(tmp_path: Path, post: Path) -> None:
    blocker = tmp_path / "later"
    blocker.write_text("in the way", "utf-8")
    journal = Journal(blocker / "journal")
    assert journal.record(post, "text", None) is False
    blocker.unlink()
    assert journal.record(post, "text", None) is True
    assert journal.warning is None


def test_unreadable_journal_files_are_skipped_and_kept(tmp_path: Path, post: Path) -> None:
    folder = tmp_path / "journal"
    _record_in_child(folder, post, "good")
    (folder / "corrupt.json").write_text("{not json", "utf-8")
    (folder / "binary.json").write_bytes(b"\xff\xfe\x00garbage")
    (folder / "list.json").write_text("[1, 2]", "utf-8")
    (folder / "missing-fields.json").write_text('{"format": 1, "post": "/x.md"}', "utf-8")
    (folder / "future.json").write_text(
        json.dumps({"format": 99, "post": "/x.md", "text": "", "saved_at": "2026-01-01T00:00Z"}),
        "utf-8",
    )

    assert [entry.text for entry in Journal(folder).entries()] == ["good"]
    assert len(list(folder.iterdir())) == 6


def test_entries_are_newest_first(tmp_path: Path) -> None:
    folder = tmp_path / "journal"
    first, second = tmp_path / "first.md", tmp_path / "second.md"
    _record_in_child(folder, first, "first")
    _record_in_child(folder, second, "second")
    # Make the order of saving explicit rather than trusting the clock's resolution.
    for path, day in ((Journal(folder).path_for(first), 2), (Journal(folder).path_for(second), 1)):
        data = json.loads(path.read_text("utf-8"))
        data["saved_at"] = f"2026-11-0{day}T10:00:00+00:00"
        path.write_text(json.dumps(data), "utf-8")
    assert [entry.text for entry in Journal(folder).entries()] == ["first", "second"]


# -- kept versions -------------------------------------------------------------------------


def test_kept_versions_keep_the_exact_bytes_newest_first(tmp_path: Path, post: Path) -> None:
    base = datetime(2026, 11, 28, 4, 31, 2, tzinfo=UTC)
    store = VersionStore(
        tmp_path / "versions",
        now=_fixed_clock(base, base, base + timedelta(minutes=1)),
    )
    crlf = b"\xef\xbb\xbf---\r\ntitle: BOM and CRLF\r\n---\r\nBody\r\n"
    first = store.keep(post, crlf, "Your version, replaced by the file on disk")
    same_second = store.keep(post, b"second", "The version on disk, replaced by yours")
    latest = store.keep(post, b"third", "third")

    assert first.file.read_bytes() == crlf
    assert first.file.name == "2026-11-28T04-31-02Z--hello.md"
    assert same_second.file != first.file
    assert same_second.file.suffix == ".md"
    assert not str(first.file).startswith(str(post.parent))
    assert isinstance(first, KeptVersion)
    assert first.post == post
    assert first.kept_at == base
    assert first.reason == "Your version, replaced by the file on disk"

    assert store.versions(post) == [latest, same_second, first]
    # Read back from disk by a new store, as after a restart.
    again = VersionStore(tmp_path / "versions").versions(post)
    assert again == [latest, same_second, first]
    assert again[-1].file.read_bytes() == crlf


def test_versions_of_one_post_or_of_all(tmp_path: Path) -> None:
    times = [datetime(2026, 1, day, tzinfo=UTC) for day in (1, 2, 3)]
    store = VersionStore(tmp_path / "versions", now=_fixed_clock(*times))
    one, two = tmp_path / "one.md", tmp_path / "bundle" / "index.md"
    a = store.keep(one, b"a", "first")
    b = store.keep(two, b"b", "second")
    c = store.keep(one, b"c", "third")
    assert store.versions(one) == [c, a]
    assert store.versions(two) == [b]
    assert b.file.name.endswith("--bundle-index.md")
    assert store.versions() == [c, b, a]
    assert store.versions(tmp_path / "never.md") == []
    assert VersionStore(tmp_path / "nothing-yet").versions() == []


def test_kept_versions_follow_a_renamed_post(tmp_path: Path) -> None:
    times = [datetime(2026, 1, day, tzinfo=UTC) for day in (1, 2, 3)]
    store = VersionStore(tmp_path / "versions", now=_fixed_clock(*times))
    old, new = tmp_path / "oud.md", tmp_path / "sectie" / "nieuw.md"
    first = store.keep(old, b"\xef\xbb\xbfeerste\r\n", "first")
    second = store.keep(old, b"tweede", "second")
    already = store.keep(new, b"al daar", "third")
    store.move(old, new)
    assert store.versions(old) == []
    moved = store.versions(new)
    assert [(v.reason, v.kept_at, v.file.read_bytes()) for v in moved] == [
        ("third", already.kept_at, b"al daar"),
        ("second", second.kept_at, b"tweede"),
        ("first", first.kept_at, b"\xef\xbb\xbfeerste\r\n"),
    ]
    assert all(v.post == new for v in moved)
    assert moved[1].file.name.endswith("--nieuw.md")
    assert VersionStore(tmp_path / "versions").versions(new) == moved  # after a restart
    assert len(store.versions()) == 3  # nothing left behind under the old name


def test_a_version_whose_bytes_are_gone_is_not_listed(tmp_path: Path, post: Path) -> None:
    store = VersionStore(tmp_path / "versions")
    kept = store.keep(post, b"bytes", "reason")
    kept.file.unlink()
    assert store.versions(post) == []


def test_keep_raises_when_it_cannot_write(tmp_path: Path, post: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", "utf-8")
    with pytest.raises(OSError):
        VersionStore(blocker / "versions").keep(post, b"data", "reason")
