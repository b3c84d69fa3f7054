"""How fast changes made by other programs reach the GUI thread, and what a storm costs.

Usage: `python benchmarks/watch_latency.py [WRITES]` (default 50). Runs a
QApplication (offscreen) with a `WatchBridge` on a private copy of the demo site
and prints:

- p50/p95 milliseconds from an external write to a post until the slot connected
  to `changes_arrived` receives the batch naming it (goal p95 <= 300 ms; the
  watcher waits 150 ms of quiet before it reports, so that is the floor);
- for a storm of 1,000 new posts written at once by another process (as a git
  checkout would): the time from its first write until the last of its files has
  arrived, how many batches it took, and the longest stall of the event loop
  meanwhile, measured by a 10 ms repeating QTimer (goals: <= 1 s, one batch,
  stall <= 100 ms);
- the same seen by the real `MainWindow`: external write to the open post until
  the window has reloaded it (`post_reloaded`), and a storm until the post list
  shows all 1,000 new posts, with the number of times the list was rebuilt and the
  longest stall.

The storm is written by a child process, so its writing does not compete with
the GUI thread for the GIL; its clock is `time.monotonic`, shared by all
processes on Linux.
"""

from __future__ import annotations

import itertools
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings, Qt, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication

from postedit.core.index import SiteIndex
from postedit.core.paths import resources_dir
from postedit.core.recovery import Journal, VersionStore
from postedit.core.site import Site
from postedit.core.watch import ChangeBatch
from postedit.ui.main_window import MainWindow
from postedit.ui.preview import register_url_scheme
from postedit.ui.save import Choice
from postedit.ui.settings import SettingsStore
from postedit.ui.watch_bridge import WatchBridge

POST = Path("content") / "blog" / "calm-team-meetings.md"
STORM_FILES = 1000
TIMEOUT_S = 30.0

STORM_WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    folder, count = Path(sys.argv[1]), int(sys.argv[2])
    folder.mkdir(parents=True, exist_ok=True)
    first = time.monotonic()
    for number in range(count):
        (folder / f"storm-{number:04}.md").write_text(
            f"---\\ntitle: Storm {number}\\n---\\nA post from the storm.\\n", encoding="utf-8"
        )
    print(first, time.monotonic())
    """
)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def report(name: str, value: float, goal: float, unit: str) -> None:
    mark = "ok" if value <= goal else "OVER"
    print(f"  {name:<44} {value:8.0f} {unit:<3} (goal <= {goal:.0f} {unit}) {mark}")


class Arrivals:
    """The slot: notes when each batch reached the GUI thread."""

    def __init__(self) -> None:
        self.batches: list[tuple[float, ChangeBatch]] = []
        self.loop: QEventLoop | None = None

    def __call__(self, batch: ChangeBatch) -> None:
        self.batches.append((time.monotonic(), batch))
        if self.loop is not None:
            self.loop.quit()

    def wait(self, condition, timeout_s: float = TIMEOUT_S) -> bool:
        """Run the event loop until `condition()` holds or the time is up."""
        deadline = time.monotonic() + timeout_s
        while not condition():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            self.loop = QEventLoop()
            QTimer.singleShot(min(int(remaining * 1000) + 1, 100), self.loop.quit)
            self.loop.exec()
            self.loop = None
        return True


class StallMeter:
    """A 10 ms repeating timer; the longest gap between its ticks beyond 10 ms is a stall."""

    INTERVAL_MS = 10

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(self.INTERVAL_MS)
        self.timer.timeout.connect(self._tick)
        self.ticks: list[float] = []

    def _tick(self) -> None:
        self.ticks.append(time.monotonic())

    def start(self) -> None:
        self.ticks = [time.monotonic()]
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        self.ticks.append(time.monotonic())

    def longest_stall_ms(self, start: float, end: float) -> float:
        ticks = [tick for tick in self.ticks if start <= tick <= end]
        gaps = [later - earlier for earlier, later in itertools.pairwise(ticks)]
        return max(0.0, max(gaps, default=0.0) * 1000 - self.INTERVAL_MS)


def write_latencies(arrivals: Arrivals, post: Path, writes: int) -> list[float]:
    latencies = []
    for number in range(writes):
        seen = len(arrivals.batches)
        started = time.monotonic()
        post.write_text(f"---\ntitle: Edited elsewhere\n---\nVersion {number}.\n", "utf-8")

        def arrived(seen: int = seen) -> bool:
            return any(batch.change_for(post) for _, batch in arrivals.batches[seen:])

        if not arrivals.wait(arrived):
            print(f"write {number}: no batch within {TIMEOUT_S:.0f} s", file=sys.stderr)
            continue
        when = next(at for at, batch in arrivals.batches[seen:] if batch.change_for(post))
        latencies.append((when - started) * 1000)
        arrivals.wait(lambda: False, 0.05)  # let the next write start a batch of its own
    return latencies


def start_storm(folder: Path) -> subprocess.Popen[str]:
    """Another process writes STORM_FILES posts into `folder`; it prints its clock."""
    return subprocess.Popen(
        [sys.executable, "-c", STORM_WRITER, str(folder), str(STORM_FILES)],
        stdout=subprocess.PIPE,
        text=True,
    )


def storm(arrivals: Arrivals, site: Path) -> tuple[float, int, float, float]:
    """(ms from first write to last file arrived, batches, stall ms, ms to write it all)."""
    folder = site / "content" / "storm"
    meter = StallMeter()
    meter.start()
    arrivals.wait(lambda: False, 0.3)  # the meter settles
    seen = len(arrivals.batches)
    writer = start_storm(folder)

    def storm_paths() -> set[Path]:
        named: set[Path] = set()
        for _, batch in arrivals.batches[seen:]:
            named.update(path for path in batch.paths() if path.parent == folder)
        return named

    complete = arrivals.wait(lambda: len(storm_paths()) >= STORM_FILES)
    output, _ = writer.communicate(timeout=TIMEOUT_S)
    arrivals.wait(lambda: False, 0.3)  # later batches, if the storm was split
    meter.stop()
    first_write, last_write = (float(value) for value in output.split())
    storm_batches = [
        (at, batch)
        for at, batch in arrivals.batches[seen:]
        if any(path.parent == folder for path in batch.paths())
    ]
    if not complete:
        print(f"only {len(storm_paths())} of {STORM_FILES} storm files arrived", file=sys.stderr)
    last_arrival = storm_batches[-1][0] if storm_batches else time.monotonic()
    return (
        (last_arrival - first_write) * 1000,
        len(storm_batches),
        meter.longest_stall_ms(first_write, last_arrival + 0.3),
        (last_write - first_write) * 1000,
    )


class QuietPrompter:
    """The window's questions during the benchmark: none is expected; each is noted."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def __getattr__(self, name: str):
        def answer(*args: object, **kwargs: object) -> Choice:
            self.asked.append(name)
            return Choice.CANCEL

        return answer


def window_reaction(work: Path, writes: int) -> None:
    """Print what the real window does with external writes and a storm."""
    site = work / "window-site"
    shutil.copytree(resources_dir() / "demo-site", site)
    prompter = QuietPrompter()
    settings = SettingsStore(QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat))
    waiter = Arrivals()
    with ThreadPoolExecutor(max_workers=2) as executor:
        window = MainWindow(
            settings,
            executor,
            prompter,
            index_factory=lambda site: SiteIndex(site, cache_dir=work / "cache"),
            journal=Journal(work / "recovery" / "journal"),
            versions=VersionStore(work / "recovery" / "versions"),
        )
        window.show()
        window.open_site(site, restore_post=False)
        waiter.wait(lambda: window.index is not None)
        post = site / POST
        window.open_post(post)
        reloads: list[float] = []
        window.post_reloaded.connect(lambda _path: reloads.append(time.monotonic()))
        waiter.wait(lambda: False, 1.0)  # the watcher has fingerprinted the site

        latencies = []
        for number in range(writes):
            seen = len(reloads)
            started = time.monotonic()
            post.write_text(f"---\ntitle: Elsewhere\n---\nVersion {number}.\n", "utf-8")
            if not waiter.wait(lambda seen=seen: len(reloads) > seen):
                print(f"window write {number}: no reload", file=sys.stderr)
                continue
            latencies.append((reloads[seen] - started) * 1000)
            waiter.wait(lambda: False, 0.05)

        model = window.post_list.model
        resets: list[float] = []
        model.modelReset.connect(lambda: resets.append(time.monotonic()))
        before = model.rowCount()
        meter = StallMeter()
        meter.start()
        waiter.wait(lambda: False, 0.3)
        writer = start_storm(site / "content" / "storm")
        listed = waiter.wait(lambda: model.rowCount() >= before + STORM_FILES)
        output, _ = writer.communicate(timeout=TIMEOUT_S)
        waiter.wait(lambda: False, 0.5)  # any later rebuild of the list
        meter.stop()
        first_write = float(output.split()[0])
        listed_at = resets[-1] if resets else time.monotonic()

        print("postedit window reaction (MainWindow, offscreen)")
        if latencies:
            report("external write -> post reloaded, p50", statistics.median(latencies), 300, "ms")
            report("external write -> post reloaded, p95", percentile(latencies, 0.95), 300, "ms")
        if not listed:
            print(f"  the list shows {model.rowCount() - before} of {STORM_FILES} new posts")
        report(
            f"storm of {STORM_FILES} -> all in the post list",
            (listed_at - first_write) * 1000,
            1000,
            "ms",
        )
        print(f"  {'storm: times the list was rebuilt (goal 1)':<44} {len(resets):8d}")
        report(
            "storm: longest event-loop stall",
            meter.longest_stall_ms(first_write, listed_at + 0.5),
            100,
            "ms",
        )
        if prompter.asked:
            print(f"  the window asked: {', '.join(prompter.asked)}", file=sys.stderr)
        QThreadPool.globalInstance().waitForDone(5000)
        window.close()
        window.deleteLater()
        waiter.wait(lambda: False, 0.2)


def main(writes: int) -> int:
    register_url_scheme()  # QtWebEngine wants custom schemes before the application exists
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QApplication.instance() or QApplication([])
    work = Path(tempfile.mkdtemp(prefix="postedit-bench-"))
    bridge = WatchBridge()
    try:
        site = work / "demo-site"
        shutil.copytree(resources_dir() / "demo-site", site)
        arrivals = Arrivals()
        bridge.changes_arrived.connect(arrivals)
        bridge.watch(Site.from_root(site))
        if bridge.error:
            print(f"watcher: {bridge.error}", file=sys.stderr)
        post = site / POST
        # Warm up: the first write arrives once the watcher has fingerprinted the site.
        post.write_text("---\ntitle: Warm-up\n---\n", "utf-8")
        arrivals.wait(lambda: bool(arrivals.batches))
        arrivals.wait(lambda: False, 0.2)

        latencies = write_latencies(arrivals, post, writes)
        storm_ms, batches, stall_ms, writing_ms = storm(arrivals, site)

        print(f"postedit watch latency ({writes} external writes, offscreen)")
        if latencies:
            report("external write -> slot, p50", statistics.median(latencies), 300, "ms")
            report("external write -> slot, p95", percentile(latencies, 0.95), 300, "ms")
        report(f"storm of {STORM_FILES} new posts -> all arrived", storm_ms, 1000, "ms")
        print(f"  {'storm: batches (goal 1)':<44} {batches:8d}")
        report("storm: longest event-loop stall", stall_ms, 100, "ms")
        print(f"  {'storm: time the other process took to write':<44} {writing_ms:8.0f} ms")
        bridge.stop()
        window_reaction(work, writes)
        return 0
    finally:
        bridge.stop()
        app.processEvents()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 50))
