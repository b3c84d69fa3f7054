"""How fast the writer's window answers: keystroke to preview, start-up, memory.

Usage: `python benchmarks/preview_latency.py [KEYSTROKES]` (default 40). Runs the
real window offscreen on a private copy of the demo site and prints:

- the time from starting this script until the window is shown, and until the
  first preview of the seed-like post is in the DOM;
- p50/p95 milliseconds from a keystroke in the editor until the preview's DOM
  (read back through QtWebEngine) contains what was typed, for the seed-like
  demo post and for a 1 MB post;
- the peak memory of the app with all its processes (QtWebEngine's helpers
  included), as the sum of their proportional set sizes (PSS: shared pages
  counted once across the processes), with the plain RSS sum beside it.

Each measured keystroke ends a new word typed on a line of its own at the end
of the post; the DOM is polled with back-to-back runJavaScript calls, so the
figure includes everything the writer waits for: the debounce, the render on
the worker and the patch in the page.
"""

from __future__ import annotations

import time

_STARTED = time.perf_counter()

import os  # noqa: E402 (the clock starts before anything else is imported)
import shutil  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import threading  # noqa: E402
from concurrent.futures import ThreadPoolExecutor  # noqa: E402
from pathlib import Path  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if hasattr(os, "geteuid") and os.geteuid() == 0:
    os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")

from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWebEngineCore import QWebEngineScript  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from postedit.core.paths import resources_dir  # noqa: E402
from postedit.ui.main_window import MainWindow  # noqa: E402
from postedit.ui.preview import register_url_scheme  # noqa: E402
from postedit.ui.save import Choice  # noqa: E402
from postedit.ui.settings import SettingsStore  # noqa: E402
from postedit.ui.theme import apply_theme  # noqa: E402

SEED_LIKE = Path("content") / "blog" / "schrijven-voor-het-web.md"
BIG_SIZE = 1024 * 1024
APPLICATION_WORLD = QWebEngineScript.ScriptWorldId.ApplicationWorld
# The last source block of the post's content (footnotes come after it): where a word
# typed at the end appears. Walking back from the end keeps each poll cheap at 1 MB.
_LAST_BLOCK_HAS = (
    "(function (word) {{ var c = document.getElementById('content') || document.body;"
    " var e = c.lastElementChild;"
    " while (e && !e.hasAttribute('data-line')) e = e.previousElementSibling;"
    " return !!e && e.textContent.indexOf(word) >= 0; }})({!r})"
)


# --- memory from /proc ----------------------------------------------------------------


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(p) for p in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def _tree(pid: int) -> list[int]:
    pids, queue = [], [pid]
    while queue:
        current = queue.pop()
        pids.append(current)
        queue += _children(current)
    return pids


def _memory_kb(pid: int, field: str) -> int:
    """A field of /proc/PID/smaps_rollup ("Pss:" or "Rss:") in kB; 0 if gone."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith(field):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


class MemoryWatch:
    """Samples the memory of this process and all its descendants every 100 ms.

    On its own thread: reading smaps_rollup of a big process takes milliseconds,
    which must not be charged to the window's event loop.
    """

    def __init__(self) -> None:
        self.peak_pss_kb = 0
        self.peak_rss_kb = 0
        self.processes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="memory-watch", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(0.1):
            self.sample()

    def sample(self) -> None:
        pids = _tree(os.getpid())
        self.processes = max(self.processes, len(pids))
        self.peak_pss_kb = max(self.peak_pss_kb, sum(_memory_kb(p, "Pss:") for p in pids))
        self.peak_rss_kb = max(self.peak_rss_kb, sum(_memory_kb(p, "Rss:") for p in pids))

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()

    @staticmethod
    def breakdown() -> list[tuple[str, int]]:
        """(process kind, PSS in MB) now: the app itself and each QtWebEngine helper.

        Helpers forked from the zygote keep its command line, so a renderer shows as one.
        """
        result = []
        for pid in _tree(os.getpid()):
            try:
                arguments = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            kinds = [a[7:].decode() for a in arguments if a.startswith(b"--type=")]
            result.append((kinds[0] if kinds else "app", _memory_kb(pid, "Pss:") // 1024))
        return result


# --- waiting without guessing ------------------------------------------------------------


def wait_until(condition: object, timeout_s: float = 30.0) -> None:
    deadline = time.perf_counter() + timeout_s
    while not condition():  # type: ignore[operator]
        if time.perf_counter() > deadline:
            raise TimeoutError("the window did not get there in time")
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)


def wait_for_render(window: MainWindow, action: object) -> float:
    """Run `action` and return when the preview says it rendered; returns that moment."""
    done: list[float] = []
    window.preview.rendered.connect(lambda _ms: done.append(time.perf_counter()))
    action()  # type: ignore[operator]
    wait_until(lambda: bool(done))
    return done[0]


def time_until_dom_has(window: MainWindow, word: str) -> float:
    """Seconds from now until the preview's last block contains `word`."""
    start = time.perf_counter()
    found: list[float] = []
    page = window.preview.view.page()
    script = _LAST_BLOCK_HAS.format(word)

    def ask() -> None:
        page.runJavaScript(script, APPLICATION_WORLD, answered)

    def answered(result: object) -> None:
        if result:
            found.append(time.perf_counter())
        else:
            ask()

    ask()
    wait_until(lambda: bool(found))
    return found[0] - start


# --- the measurements --------------------------------------------------------------------


def keystroke_latencies(window: MainWindow, keystrokes: int, tag: str) -> list[float]:
    """Milliseconds from the last key of a new word to the DOM showing it."""
    editor = window.editor.editor
    editor.setFocus()
    latencies = []
    for number in range(keystrokes):
        cursor = editor.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        editor.setTextCursor(cursor)
        QTest.keyClick(editor, Qt.Key.Key_Return)
        QTest.keyClick(editor, Qt.Key.Key_Return)
        word = f"{tag}woord{number}x"
        QTest.keyClicks(editor, word[:-1])
        QTest.keyClick(editor, word[-1])  # the measured keystroke
        latencies.append(time_until_dom_has(window, word) * 1000)
    return latencies


class DropEdits:
    """Answers the window's only question here: the benchmark's typing is not kept."""

    def ask_unsaved(self, name: str) -> Choice:
        return Choice.DISCARD

    def __getattr__(self, name: str) -> object:
        raise AssertionError(f"the window asked {name} during the benchmark")


def big_post(site: Path) -> Path:
    """A post of about 1 MB: the seed-like post's body repeated, its front matter once."""
    text = (site / SEED_LIKE).read_text(encoding="utf-8")
    head, body = text.split("\n---\n", 1)
    parts = [head, "\n---\n", body]
    size = len(text.encode("utf-8"))
    while size < BIG_SIZE:
        parts.append(body.replace("{{< toc >}}", ""))
        size += len(body.encode("utf-8"))
    path = site / "content" / "blog" / "een-heel-lang-stuk.md"
    path.write_text("".join(parts), encoding="utf-8")
    return path


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def report(name: str, value: float, goal: float, unit: str) -> None:
    mark = "ok" if value <= goal else "OVER"
    print(f"  {name:<44} {value:8.0f} {unit:<3} (goal <= {goal:.0f} {unit}) {mark}")


def main(keystrokes: int) -> int:
    work = Path(tempfile.mkdtemp(prefix="postedit-bench-"))
    try:
        site = work / "demo-site"
        shutil.copytree(resources_dir() / "demo-site", site)
        big = big_post(site)
        register_url_scheme()
        QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
        app = QApplication([sys.argv[0]])
        apply_theme(app)
        memory = MemoryWatch()
        settings = SettingsStore(QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat))
        with ThreadPoolExecutor(max_workers=2) as executor:
            window = MainWindow(settings, executor, DropEdits())  # type: ignore[arg-type]
            window.show()
            handle = window.windowHandle()
            wait_until(lambda: handle is not None and handle.isExposed())
            shown_s = time.perf_counter() - _STARTED
            window.open_site(site)
            first_preview = wait_for_render(window, lambda: window.open_post(site / SEED_LIKE))
            preview_s = first_preview - _STARTED
            print("typing in the demo post…", file=sys.stderr)
            demo = keystroke_latencies(window, keystrokes, "demo")
            memory.sample()
            demo_peak_kb = memory.peak_pss_kb
            opened = time.perf_counter()
            big_ready = wait_for_render(window, lambda: window.open_post(big))
            big_open_s = big_ready - opened
            print("typing in the 1 MB post…", file=sys.stderr)
            large = keystroke_latencies(window, keystrokes, "groot")
            memory.stop()
            at_end = memory.breakdown()
            window.close()
        print(f"postedit preview latency ({keystrokes} keystrokes per post, offscreen)")
        report("window shown after start", shown_s * 1000, 1000, "ms")
        report("first preview ready after start", preview_s * 1000, 2000, "ms")
        for label, values, goal in (
            ("demo post", demo, 200.0),
            (f"{big.stat().st_size / 1e6:.1f} MB post", large, 300.0),
        ):
            report(f"keystroke -> DOM, {label}, p50", statistics.median(values), goal, "ms")
            report(f"keystroke -> DOM, {label}, p95", percentile(values, 0.95), goal, "ms")
        print(f"  {'1 MB post opened and rendered in':<44} {big_open_s * 1000:8.0f} ms")
        report(
            f"peak memory up to the demo post, {memory.processes} processes",
            demo_peak_kb / 1024,
            350,
            "MB",
        )
        report("peak memory with the 1 MB post too (PSS)", memory.peak_pss_kb / 1024, 350, "MB")
        parts = ", ".join(f"{kind} {mb}" for kind, mb in at_end)
        print(f"  {'memory at the end by process (PSS, MB)':<44} {parts}")
        print(
            f"  {'peak memory, RSS summed (counts shared twice)':<44} "
            f"{memory.peak_rss_kb / 1024:8.0f} MB"
        )
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 40))
