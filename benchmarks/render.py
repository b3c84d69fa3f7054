"""Measure the preview renderer: full renders, and keystrokes in a 1 MB post.

Usage: `python benchmarks/render.py [--edits N] [--profile]`.

Prints, as a small table:
- full render ms of the seed-like demo post (the longest demo post with `{{< toc >}}`,
  through `render_content` with the demo site) and of the seed post when
  `../shared/seeds/` is there, and of a 1 MB post made by concatenating the demo
  posts' and the corpus' bodies (through `render_markdown`, the Markdown layer);
- Python-Markdown's full render of the same texts (extensions extra, toc, smarty:
  tables, fences, footnotes, definition lists, attributes, heading ids,
  typography) and our time as a ratio of it (goal: <= 0.5 for a typical post);
- p50/p95 ms of `IncrementalMarkdown.render` after each of N one-character edits
  (insert, delete or replace; seeded) at random places in the 1 MB post, in preview
  mode as the editor uses it (goal: p95 <= 16 ms), and whether the last result
  equals a full render.

`--profile` adds cProfile's top functions for `render_content` of the demo post.
Speed is printed, never asserted; the script exits 0.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import random
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import markdown as python_markdown

from postedit.core.site import Site
from postedit.render import render_content
from postedit.render.incremental import IncrementalMarkdown
from postedit.render.markdown import render_markdown

ROOT = Path(__file__).resolve().parents[1]
DEMO_SITE = ROOT / "resources" / "demo-site"
SHARED = ROOT.parent / "shared"
_FRONT_MATTER = re.compile(r"\A(---|\+\+\+)\r?\n.*?\r?\n\1\r?\n", re.S)
_EDIT_CHARS = "abcdefghij klmnop\n\n#*-_`[]:>|~.,!'\"()1"


def body(path: Path) -> str:
    """A post's Markdown, without its front matter."""
    return _FRONT_MATTER.sub("", path.read_text(encoding="utf-8", errors="replace"), count=1)


def demo_post() -> Path:
    """The demo post most like the seed: the longest one with a `{{< toc >}}`."""
    posts = [p for p in (DEMO_SITE / "content").rglob("*.md") if "{{< toc" in p.read_text()]
    return max(posts, key=lambda p: len(p.read_bytes()))


def megabyte_post() -> str:
    """Demo and corpus bodies, concatenated until the text is at least 1 MB."""
    paths = sorted((DEMO_SITE / "content").rglob("*.md"))
    paths += sorted(p for p in (SHARED / "corpus").rglob("*.md") if p.name != "README.md")
    bodies = [body(path) for path in paths]
    parts: list[str] = []
    size = 0
    while size < 1_000_000:
        part = bodies[len(parts) % len(bodies)].rstrip("\n") + "\n\n"
        parts.append(part)
        size += len(part.encode())
    return "".join(parts)


def median_ms(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def python_markdown_ms(text: str, runs: int) -> float:
    converter = python_markdown.Markdown(extensions=["extra", "toc", "smarty"])

    def convert() -> None:
        converter.reset()
        converter.convert(text)

    return median_ms(convert, runs)


def edit(text: str, rng: random.Random) -> str:
    """One random one-character edit: insert, delete or replace."""
    position = rng.randrange(len(text))
    kind = rng.choice(("insert", "delete", "replace"))
    if kind == "delete":
        return text[:position] + text[position + 1 :]
    char = rng.choice(_EDIT_CHARS)
    return text[:position] + char + text[position + (kind == "replace") :]


def incremental_ms(text: str, edits: int) -> tuple[float, float, float, bool, int]:
    """p50, p95 and max ms per edit; whether the last result was right; full parses."""
    renderer = IncrementalMarkdown(preview=True)
    renderer.render(text)
    rng = random.Random(20261128)
    times = []
    for _ in range(edits):
        text = edit(text, rng)
        start = time.perf_counter()
        result = renderer.render(text)
        times.append((time.perf_counter() - start) * 1000)
    right = result == render_markdown(text, preview=True)
    quantiles = statistics.quantiles(times, n=100, method="inclusive")
    return quantiles[49], quantiles[94], max(times), right, renderer.full_parses


def profile(action: Callable[[], object]) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(20):
        action()
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(15)
    return out.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=200)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()

    site = Site.open(DEMO_SITE)
    rows: list[tuple[str, str, float, float]] = []
    post = demo_post()
    text = body(post)
    rows.append(
        (
            f"demo post {post.name} ({len(text.encode()) / 1000:.1f} kB)",
            "render_content",
            median_ms(lambda: render_content(text, site), 30),
            python_markdown_ms(text, 30),
        )
    )
    rows.append(
        (
            "  same, Markdown only",
            "render_markdown",
            median_ms(lambda: render_markdown(text), 30),
            python_markdown_ms(text, 30),
        )
    )
    seeds = sorted((SHARED / "seeds").glob("*")) if (SHARED / "seeds").is_dir() else []
    for seed in seeds[:1]:
        seed_text = body(seed)
        rows.append(
            (
                f"seed post ({len(seed_text.encode()) / 1000:.1f} kB)",
                "render_content",
                median_ms(lambda text=seed_text: render_content(text, site), 30),
                python_markdown_ms(seed_text, 30),
            )
        )
    big = megabyte_post()
    rows.append(
        (
            f"1 MB post ({len(big.encode()) / 1e6:.2f} MB)",
            "render_markdown",
            median_ms(lambda: render_markdown(big), 3),
            python_markdown_ms(big, 3),
        )
    )

    print(f"{'full render':<40} {'through':<16} {'ms':>9} {'Py-Markdown ms':>15} {'ratio':>6}")
    for name, through, ours, theirs in rows:
        print(f"{name:<40} {through:<16} {ours:>9.2f} {theirs:>15.2f} {ours / theirs:>6.2f}")
    p50, p95, worst, right, full = incremental_ms(big, args.edits)
    print()
    print(f"incremental, {args.edits} one-character edits in the 1 MB post (preview mode):")
    print(f"  p50 {p50:.2f} ms   p95 {p95:.2f} ms   max {worst:.2f} ms   (goal: p95 <= 16 ms)")
    print(f"  last result equals a full render: {right}; whole-text parses: {full}")
    if args.profile:
        print()
        print(profile(lambda: render_content(text, site)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
