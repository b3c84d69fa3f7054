"""How the editor answers on a big post: opening it, the background colouring, typing.

Usage: `python benchmarks/editor_typing.py [EDITS]` (default 200). Runs the editor
pane offscreen and prints:

- how long `set_text` blocks the GUI thread for the seed-like demo post and for a
  1 MB post of headings, lists, emphasis, links, quotes and code fences, beside
  what a bare QPlainTextEdit takes to take the same text (Qt's own floor);
- the longest GUI stall while the highlighter colours the rest of the 1 MB post in
  the background, measured as the largest gap between ticks of a 1 ms heartbeat
  timer;
- p50/p95 milliseconds from a one-character edit at a random place in the 1 MB post
  until the event loop is idle again and the highlighter has nothing left to do.

The issue's goal is that typing is never slowed by highlighting: a stall under
~50 ms while the post opens and keystrokes well under a frame.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QElapsedTimer, Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPlainTextEdit

from postedit.ui.editor import EditorPane

DEMO_POST = (
    Path(__file__).resolve().parents[1]
    / "resources"
    / "demo-site"
    / "content"
    / "blog"
    / "schrijven-voor-het-web.md"
)
BIG_SIZE = 1024 * 1024

_SECTION = """## Hoofdstuk {n}

Een korte alinea met **vet**, _schuin_ en een [link](https://example.org/{n}).
Gewone tekst zonder enige opmaak, zoals de meeste regels van een stuk.

- eerste punt
- tweede punt met `code`
- derde
- vier
- vijf

1. een
2. twee

```python
def verdubbel(x):
    return x * 2  # **geen vet** in code
```

> Een citaat over schrijven.

<!-- een notitie
over twee regels -->
{{{{< figure src="foto-{n}.jpg" >}}}}

"""


def big_body() -> str:
    """About 1 MB of Markdown with every construct the highlighter colours."""
    parts: list[str] = []
    size = 0
    n = 0
    while size < BIG_SIZE:
        section = _SECTION.format(n=n)
        parts.append(section)
        size += len(section.encode("utf-8"))
        n += 1
    return "".join(parts)


def demo_body() -> str:
    text = DEMO_POST.read_text(encoding="utf-8")
    return text.split("\n---\n", 1)[1]


def qt_floor_ms(app: QApplication, text: str) -> float:
    """What a bare QPlainTextEdit takes to show the text: set_text cannot beat it."""
    bare = QPlainTextEdit()
    bare.resize(800, 900)
    bare.show()
    app.processEvents()
    started = time.perf_counter()
    bare.setPlainText(text)
    elapsed = (time.perf_counter() - started) * 1000
    bare.close()
    return elapsed


def highlighter_idle(pane: EditorPane) -> bool:
    """Whether the highlighter has no background work left (always, for a synchronous one)."""
    highlighter = pane.editor._highlighter
    return not getattr(highlighter, "busy", lambda: False)()


def run_until_idle(app: QApplication, pane: EditorPane) -> None:
    app.processEvents()
    while not highlighter_idle(pane):
        app.processEvents()


def timed_set_text(app: QApplication, pane: EditorPane, text: str) -> float:
    started = time.perf_counter()
    pane.set_text(text)
    return (time.perf_counter() - started) * 1000


def background_stall(app: QApplication, pane: EditorPane, text: str) -> tuple[float, float, float]:
    """set_text, then run the event loop with a heartbeat until the highlighter is done.

    Returns (set_text ms, longest heartbeat gap ms, background pass ms)."""
    clock = QElapsedTimer()
    gaps: list[float] = []
    last = [0.0]

    def beat() -> None:
        now = clock.nsecsElapsed() / 1e6
        gaps.append(now - last[0])
        last[0] = now

    heartbeat = QTimer()
    heartbeat.setTimerType(Qt.TimerType.PreciseTimer)
    heartbeat.setInterval(1)
    heartbeat.timeout.connect(beat)
    set_text_ms = timed_set_text(app, pane, text)
    clock.start()
    heartbeat.start()
    while not highlighter_idle(pane) or len(gaps) < 3:
        app.processEvents()
    heartbeat.stop()
    total = clock.nsecsElapsed() / 1e6
    return set_text_ms, max(gaps), total


def keystrokes(app: QApplication, pane: EditorPane, count: int) -> list[float]:
    """Milliseconds from a one-character edit at a random place until all is idle."""
    rng = random.Random(4)
    editor = pane.editor
    times: list[float] = []
    for _ in range(count):
        cursor = editor.textCursor()
        cursor.setPosition(rng.randrange(editor.document().characterCount() - 1))
        editor.setTextCursor(cursor)
        run_until_idle(app, pane)
        char = rng.choice("abcdefghij klmnop*_#")
        started = time.perf_counter()
        QTest.keyClicks(editor, char)
        run_until_idle(app, pane)
        times.append((time.perf_counter() - started) * 1000)
    return times


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main(argv: list[str]) -> int:
    edits = int(argv[1]) if len(argv) > 1 else 200
    app = QApplication.instance() or QApplication([])
    pane = EditorPane()
    pane.resize(800, 900)
    pane.show()
    run_until_idle(app, pane)

    demo = demo_body()
    demo_ms = timed_set_text(app, pane, demo)
    run_until_idle(app, pane)
    big = big_body()
    print(f"demo post: {len(demo.encode()) / 1024:.1f} KB, {demo.count(chr(10)) + 1} lines")
    print(f"big post:  {len(big.encode()) / 1024:.0f} KB, {big.count(chr(10)) + 1} lines")
    print(f"  set_text, demo post                  {demo_ms:8.1f} ms")
    big_ms, stall_ms, pass_ms = background_stall(app, pane, big)
    print(f"  set_text, 1 MB post                  {big_ms:8.1f} ms")
    floor = qt_floor_ms(app, big)
    print(f"    (a bare QPlainTextEdit.setPlainText {floor:7.1f} ms)")
    print(f"  longest stall in the background pass {stall_ms:8.1f} ms")
    print(f"  background pass until done           {pass_ms:8.1f} ms")
    pane.editor.moveCursor(QTextCursor.MoveOperation.Start)
    times = keystrokes(app, pane, edits)
    print(
        f"  keystroke to idle, 1 MB post         p50 {percentile(times, 0.5):6.2f} ms"
        f"   p95 {percentile(times, 0.95):6.2f} ms   max {max(times):6.2f} ms"
        f"   (mean {statistics.mean(times):.2f}, {edits} edits)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
