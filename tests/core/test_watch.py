"""The site watcher: net changes per path, coalesced into batches, our own saves hidden.

Each test builds a small site, starts a real watcher (inotify through watchdog) and
waits for batches on a queue with generous timeouts. That something is *not*
reported is shown with a sentinel: after the action, another file is written, and
the next batch must name that file alone (batches come in order, so a report of
the action would come first or in the same batch).
"""

from __future__ import annotations

import errno
import os
import queue
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from postedit.core import watch as watch_module
from postedit.core.atomic import atomic_write
from postedit.core.document import Fingerprint
from postedit.core.site import Site
from postedit.core.watch import (
    SEED_MARGIN_NS,
    Change,
    ChangeBatch,
    ChangeKind,
    SiteWatcher,
    is_ignored_name,
)

ARRIVAL = 10.0  # seconds: generous, the machine may be busy


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def make_site(root: Path) -> Path:
    write(root / "hugo.toml", 'title = "Blog"\n')
    write(root / "content" / "blog" / "first.md", "---\ntitle: First\n---\nHello.\n")
    write(root / "content" / "blog" / "second.md", "---\ntitle: Second\n---\nMore.\n")
    write(root / "data" / "authors.yaml", "ann: Ann\n")
    write(root / "layouts" / "shortcodes" / "note.html", "<aside>{{ .Inner }}</aside>\n")
    write(root / "static" / "logo.svg", "<svg/>\n")
    write(root / "archetypes" / "default.md", "---\ntitle: ''\n---\n")
    return root.resolve()


def wait_until_older_than_the_seed_margin(root: Path) -> None:
    """Files written a moment before the watch begins are not fingerprinted at start
    (their events may be on the way); tests that need them known wait that moment out."""
    newest = max(path.stat().st_ctime_ns for path in root.rglob("*"))
    while time.time_ns() - newest <= SEED_MARGIN_NS:
        time.sleep(0.005)


class Watching:
    """A started watcher whose batches land in a queue."""

    def __init__(self, root: Path, **options: float) -> None:
        self.root = root
        self.site = Site.from_root(root)
        self.batches: queue.Queue[ChangeBatch] = queue.Queue()
        self.threads: set[int] = set()
        self.watcher = SiteWatcher(self.site, self._deliver, **options)

    def _deliver(self, batch: ChangeBatch) -> None:
        self.threads.add(threading.get_ident())
        self.batches.put(batch)

    def start(self) -> Watching:
        wait_until_older_than_the_seed_margin(self.root)
        self.watcher.start()
        assert self.watcher.wait_until_ready(ARRIVAL)
        return self

    def next_batch(self, timeout: float = ARRIVAL) -> ChangeBatch:
        try:
            return self.batches.get(timeout=timeout)
        except queue.Empty:
            pytest.fail(f"no batch of changes arrived within {timeout} s")

    def only_sentinel_follows(self) -> None:
        """Write a sentinel file; the next batch must name it and nothing else."""
        sentinel = write(self.root / "content" / "sentinel.md", "sentinel\n")
        batch = self.next_batch()
        assert batch.changes == (Change(ChangeKind.CREATED, sentinel),)


@pytest.fixture
def watching(tmp_path: Path) -> Iterator[Callable[..., Watching]]:
    started: list[Watching] = []

    def start(root: Path | None = None, **options: float) -> Watching:
        result = Watching(root or make_site(tmp_path / "site"), **options).start()
        started.append(result)
        return result

    yield start
    for item in started:
        item.watcher.stop()


# --- what is reported ---------------------------------------------------------------


def test_a_new_post_is_created(watching) -> None:
    w = watching()
    post = write(w.root / "content" / "blog" / "new.md", "---\ntitle: New\n---\n")
    batch = w.next_batch()
    assert batch.changes == (Change(ChangeKind.CREATED, post),)
    assert batch.content_changes == batch.changes
    assert not (batch.settings_changed or batch.layouts_changed or batch.static_changed)


def test_a_changed_post_is_modified(watching) -> None:
    w = watching()
    post = write(w.root / "content" / "blog" / "first.md", "---\ntitle: First\n---\nEdited.\n")
    assert w.next_batch().changes == (Change(ChangeKind.MODIFIED, post),)


def test_a_removed_post_is_deleted(watching) -> None:
    w = watching()
    post = w.root / "content" / "blog" / "first.md"
    post.unlink()
    assert w.next_batch().changes == (Change(ChangeKind.DELETED, post),)


def test_a_renamed_post_is_moved(watching) -> None:
    w = watching()
    old = w.root / "content" / "blog" / "first.md"
    new = w.root / "content" / "blog" / "renamed.md"
    os.rename(old, new)
    batch = w.next_batch()
    assert batch.changes == (Change(ChangeKind.MOVED, new, old),)
    assert batch.paths() == {old, new}
    assert batch.change_for(old) == batch.change_for(new) == batch.changes[0]


def test_a_post_moved_to_a_new_folder_and_a_renamed_folder_are_moves(watching) -> None:
    w = watching(quiet=0.5)
    blog = w.root / "content" / "blog"
    os.rename(blog, w.root / "content" / "journal")
    journal = w.root / "content" / "journal"
    assert set(w.next_batch().changes) == {
        Change(ChangeKind.MOVED, journal / "first.md", blog / "first.md"),
        Change(ChangeKind.MOVED, journal / "second.md", blog / "second.md"),
    }
    (w.root / "content" / "2024").mkdir()
    os.rename(journal / "first.md", w.root / "content" / "2024" / "first.md")
    assert w.next_batch().changes == (
        Change(ChangeKind.MOVED, w.root / "content" / "2024" / "first.md", journal / "first.md"),
    )


def test_a_deleted_and_recreated_content_folder_is_watched_again(watching) -> None:
    w = watching(quiet=0.5)
    content = w.root / "content"
    shutil.rmtree(content)
    assert set(w.next_batch().changes) == {
        Change(ChangeKind.DELETED, content / "blog" / "first.md"),
        Change(ChangeKind.DELETED, content / "blog" / "second.md"),
    }
    assert w.watcher.error is not None and "content folder" in w.watcher.error
    post = write(content / "blog" / "first.md", "# Back\n")
    assert w.next_batch().changes == (Change(ChangeKind.CREATED, post),)
    assert w.watcher.error is None
    write(post, "# Back, edited\n")
    assert w.next_batch().changes == (Change(ChangeKind.MODIFIED, post),)


@pytest.mark.parametrize("temp_name", ["first.md.tmp", ".first.md.swp", "tmpk3j9x0a", "first.md~"])
def test_another_editors_atomic_save_is_one_modification(watching, temp_name: str) -> None:
    w = watching(quiet=0.5)
    post = w.root / "content" / "blog" / "first.md"
    temp = write(post.parent / temp_name, "---\ntitle: First\n---\nSaved elsewhere.\n")
    os.replace(temp, post)
    assert w.next_batch().changes == (Change(ChangeKind.MODIFIED, post),)
    w.only_sentinel_follows()


def test_vims_probe_and_backup_dance_is_one_modification(watching) -> None:
    w = watching(quiet=0.5)
    post = w.root / "content" / "blog" / "first.md"
    probe = write(post.parent / "4913", "")
    probe.unlink()
    backup = post.parent / "first.md~"
    os.rename(post, backup)
    write(post, "---\ntitle: First\n---\nWritten by vim.\n")
    backup.unlink()
    assert w.next_batch().changes == (Change(ChangeKind.MODIFIED, post),)
    w.only_sentinel_follows()


def test_a_config_change_is_a_settings_change(watching) -> None:
    w = watching()
    config = write(w.root / "hugo.toml", 'title = "Renamed"\n')
    batch = w.next_batch()
    assert batch.changes == (Change(ChangeKind.MODIFIED, config),)
    assert batch.settings_changed
    assert batch.content_changes == ()


def test_config_folder_archetypes_and_schema_files_are_settings(watching) -> None:
    w = watching(quiet=0.5)
    write(w.root / "config" / "_default" / "params.toml", "x = 1\n")
    batch = w.next_batch()
    assert batch.settings_changed
    write(w.root / "archetypes" / "default.md", "---\ntitle: 'new'\n---\n")
    assert w.next_batch().settings_changed
    write(w.root / "frontmatter.json", "{}\n")
    assert w.next_batch().settings_changed
    write(w.root / ".postedit.yaml", "fields: []\n")
    assert w.next_batch().settings_changed


def test_layouts_static_and_data_changes_are_told_apart(watching) -> None:
    w = watching()
    write(w.root / "layouts" / "shortcodes" / "note.html", "<aside class=n>{{ .Inner }}</aside>\n")
    batch = w.next_batch()
    assert batch.layouts_changed and not batch.static_changed and not batch.settings_changed
    write(w.root / "data" / "authors.yaml", "ann: Ann B.\n")
    batch = w.next_batch()
    assert batch.static_changed and not batch.layouts_changed
    write(w.root / "static" / "logo.svg", "<svg width='2'/>\n")
    assert w.next_batch().static_changed


def test_other_files_at_the_site_root_are_not_reported(watching) -> None:
    w = watching(quiet=1.0)
    write(w.root / "README.md", "notes\n")
    write(w.root / "public" / "index.html", "<html>\n")
    write(w.root / "resources" / "_gen" / "x.css", "a{}\n")
    w.only_sentinel_follows()


def test_writes_right_after_start_are_reported(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site")
    batches: queue.Queue[ChangeBatch] = queue.Queue()
    watcher = SiteWatcher(Site.from_root(root), batches.put, quiet=0.5)
    watcher.start()
    try:
        post = write(root / "content" / "blog" / "first.md", "---\ntitle: First\n---\nNow.\n")
        new = write(root / "content" / "blog" / "new.md", "# New\n")
        batch = batches.get(timeout=ARRIVAL)
        assert set(batch.changes) == {
            Change(ChangeKind.MODIFIED, post),
            Change(ChangeKind.CREATED, new),
        }
    finally:
        watcher.stop()


def test_a_post_deleted_before_the_seeding_knows_it_is_still_reported(tmp_path: Path) -> None:
    # Made a moment before the watch began: the seeding leaves it unknown, and under
    # load its deletion could arrive before the seeding ends. It existed all the same.
    root = make_site(tmp_path / "site")
    young = write(root / "content" / "blog" / "young.md", "---\ntitle: Young\n---\n")
    batches: queue.Queue[ChangeBatch] = queue.Queue()
    watcher = SiteWatcher(Site.from_root(root), batches.put, quiet=0.3)
    watcher.start()
    try:
        assert watcher.wait_until_ready(ARRIVAL)
        young.unlink()
        batch = batches.get(timeout=ARRIVAL)
        assert Change(ChangeKind.DELETED, young) in batch.changes
    finally:
        watcher.stop()


# --- what is not reported -------------------------------------------------------------


def test_our_own_save_is_not_reported(watching) -> None:
    w = watching(quiet=1.0)
    post = w.root / "content" / "blog" / "first.md"
    data = b"---\ntitle: First\n---\nSaved by postedit.\n"
    w.watcher.remember(post, Fingerprint.of(data))
    atomic_write(post, data)
    new = w.root / "content" / "blog" / "saved-as.md"
    w.watcher.remember(new, Fingerprint.of(data))
    atomic_write(new, data)
    w.only_sentinel_follows()


def test_our_own_delete_is_not_reported(watching) -> None:
    w = watching()
    post = w.root / "content" / "blog" / "first.md"
    w.watcher.remember(post, None)
    post.unlink()
    w.only_sentinel_follows()


def test_a_change_after_our_save_is_reported(watching) -> None:
    w = watching()
    post = w.root / "content" / "blog" / "first.md"
    data = b"ours\n"
    w.watcher.remember(post, Fingerprint.of(data))
    atomic_write(post, data)
    w.only_sentinel_follows()
    write(post, "theirs\n")
    assert w.next_batch().changes == (Change(ChangeKind.MODIFIED, post),)


def test_a_touch_with_identical_content_is_not_a_change(watching) -> None:
    w = watching(quiet=1.0)
    post = w.root / "content" / "blog" / "first.md"
    os.utime(post, ns=(1, 1))
    post.write_bytes(post.read_bytes())
    w.only_sentinel_follows()


def test_temp_swap_and_git_files_are_ignored(watching) -> None:
    w = watching(quiet=1.0)
    blog = w.root / "content" / "blog"
    for name in (
        ".first.md.swp",
        ".first.md.swx",
        "first.md~",
        ".#first.md",
        "4913",
        "upload.tmp",
        ".goutputstream-ABC123",
        ".DS_Store",
        "video.mp4.part",
        ".postedit-abc123.tmp",
    ):
        write(blog / name, "scratch\n")
    write(w.root / "content" / ".git" / "index", "git\n")
    write(w.root / "static" / "node_modules" / "x.js", "x\n")
    w.only_sentinel_follows()


def test_a_file_created_and_deleted_within_the_batch_is_nothing(watching) -> None:
    w = watching(quiet=1.0)
    flash = write(w.root / "content" / "blog" / "flash.md", "here and gone\n")
    flash.unlink()
    w.only_sentinel_follows()


@pytest.mark.parametrize(
    ("name", "ignored"),
    [
        ("post.md", False),
        ("4913", True),
        ("49130", False),
        ("logo.swf", False),
        (".post.md.swp", True),
        ("#post.md#", True),
        (".postedit-x1y2.tmp", True),
        ("movie.part", True),
        (".goutputstream-Q1W2", True),
    ],
)
def test_ignored_names(name: str, ignored: bool) -> None:
    assert is_ignored_name(name) is ignored


# --- storms and timing ------------------------------------------------------------------


def test_a_thousand_files_written_at_once_are_one_batch(watching) -> None:
    # A long quiet period: one batch even if the writing thread is held up on a busy
    # machine; that a storm still flushes in time is the max_delay test below.
    w = watching(quiet=1.0, max_delay=60.0)
    blog = w.root / "content" / "blog"
    written = {write(blog / f"post-{number:04}.md", f"# Post {number}\n") for number in range(1000)}
    batch = w.next_batch(timeout=60.0)
    assert {change.path for change in batch.changes} == written
    assert {change.kind for change in batch.changes} == {ChangeKind.CREATED}
    assert w.threads and threading.get_ident() not in w.threads
    w.only_sentinel_follows()


def test_a_long_storm_still_flushes_after_max_delay(watching) -> None:
    w = watching(quiet=5.0, max_delay=0.3)
    blog = w.root / "content" / "blog"
    stop = threading.Event()

    def keep_writing() -> None:
        number = 0
        while not stop.is_set() and number < 2000:
            write(blog / f"storm-{number}.md", "x\n")
            number += 1
            stop.wait(0.01)

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        batch = w.next_batch()
        assert not stop.is_set() and writer.is_alive()  # arrived during the storm
        assert batch.changes
    finally:
        stop.set()
        writer.join()


# --- start and stop -------------------------------------------------------------------


def test_stop_is_idempotent(tmp_path: Path) -> None:
    watcher = SiteWatcher(Site.from_root(make_site(tmp_path / "site")), lambda batch: None)
    watcher.stop()
    watcher.start()
    watcher.stop()
    watcher.stop()


def test_a_missing_content_folder_is_an_error_in_words_not_an_exception(
    watching, tmp_path: Path
) -> None:
    root = tmp_path / "bare"
    write(root / "hugo.toml", 'title = "Bare"\n')
    w = watching(root.resolve())
    assert w.watcher.error is not None
    assert "content folder" in w.watcher.error
    config = write(w.root / "hugo.toml", 'title = "Still watched"\n')
    assert w.next_batch().changes == (Change(ChangeKind.MODIFIED, config),)
    post = write(w.root / "content" / "first.md", "# First\n")
    assert w.next_batch().changes == (Change(ChangeKind.CREATED, post),)
    assert w.watcher.error is None
    edited = write(post, "# First, edited\n")
    assert w.next_batch().changes == (Change(ChangeKind.MODIFIED, edited),)


def test_an_inotify_limit_is_an_error_in_words_not_an_exception(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "inotify watch limit reached")

    monkeypatch.setattr(watch_module.Observer, "schedule", refuse)
    watcher = SiteWatcher(Site.from_root(make_site(tmp_path / "site")), lambda batch: None)
    watcher.start()
    try:
        assert watcher.error is not None
        assert "limit" in watcher.error and "max_user_watches" in watcher.error
    finally:
        watcher.stop()


# --- batches built by hand ------------------------------------------------------------


def test_a_batch_without_a_site_sorts_changes_by_folder_names(tmp_path: Path) -> None:
    post = tmp_path / "content" / "post.md"
    batch = ChangeBatch(
        (
            Change(ChangeKind.MODIFIED, post),
            Change(ChangeKind.CREATED, tmp_path / "layouts" / "partials" / "x.html"),
        )
    )
    assert batch.content_changes == (Change(ChangeKind.MODIFIED, post),)
    assert batch.layouts_changed and not batch.settings_changed and not batch.static_changed
    assert batch.change_for(tmp_path / "elsewhere.md") is None
