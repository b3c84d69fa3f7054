"""How closely postedit's rendering matches Hugo's over the shared corpus and the demo site.

Usage: `python benchmarks/fidelity.py [--show N] [--file PATH] [--cache DIR]`.
Prints the match rate (matches / compared, and the pages Hugo could not render),
the differences counted by kind, and postedit's render time. `--show N` adds a
short unified diff of the normalised HTML for the first N differing pages;
`--file PATH` (a corpus file, or a page key such as `content/blog/x.md`) shows one
page's diff. Hugo runs once per Hugo version and input; its output is cached in
the temporary folder. See tests/render/fidelity.py for what is compared and how.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from tests.render.fidelity import (  # noqa: E402 - after the path setup above
    CORPUS,
    Outcome,
    build_reference,
    compare_all,
    corpus_dir,
    find_renderer,
    short_diff,
)


def _key_for(argument: str) -> str:
    """The page key of a corpus file path, or the argument when it is a key already."""
    path = Path(argument).resolve()
    try:
        return "content/corpus/" + path.relative_to(CORPUS.resolve()).as_posix()
    except ValueError:
        pass
    try:
        return "content/" + path.relative_to(ROOT / "resources/demo-site/content").as_posix()
    except ValueError:
        return argument


def _show(outcome: Outcome) -> None:
    if outcome.matches:
        print(f"{outcome.key}: matches")
        return
    print(f"{outcome.key}: {outcome.kind}")
    print(short_diff(outcome.expected, outcome.actual, outcome.key))
    print()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show", type=int, default=0, help="diffs of the first N differing pages")
    parser.add_argument("--file", help="show one page's diff (corpus path or page key)")
    default_cache = Path(tempfile.gettempdir()) / "postedit-fidelity"
    parser.add_argument("--cache", type=Path, default=default_cache, help="cache folder")
    args = parser.parse_args()
    if corpus_dir() is None:
        print(f"no corpus at {CORPUS}")
        return 1
    renderer, name = find_renderer(allow_markdown_only=True)
    if renderer is None:
        print(f"nothing to compare: {name}")
        return 1
    reference = build_reference(args.cache)
    report = compare_all(reference, renderer, name)
    print(f"hugo: {reference.hugo_version}")
    print(report.summary())
    for key, reason in sorted(report.excluded.items()):
        print(f"  excluded {key}: {reason}")
    times = sorted(outcome.seconds * 1000 for outcome in report.outcomes)
    if times:
        print(
            f"postedit render ms per page: median {statistics.median(times):.2f}, "
            f"max {times[-1]:.1f}, total {sum(times):.0f}"
        )
    if args.file:
        key = _key_for(args.file)
        found = [outcome for outcome in report.outcomes if outcome.key == key]
        if not found:
            print(f"{key}: not compared ({report.excluded.get(key, 'no such page')})")
            return 1
        print()
        _show(found[0])
    differing = [outcome for outcome in report.outcomes if not outcome.matches]
    if args.show:
        print()
    for outcome in differing[: args.show]:
        _show(outcome)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
