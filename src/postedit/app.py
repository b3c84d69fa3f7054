"""The composition root: `postedit [SITE_OR_FILE]`.

Builds what the program needs from the command line and hands it on. Until the
writer's window lands (its own issue), postedit opens the site or post and prints
what it found: the site summary, or a post's fields and any problem with them.
Nothing is created at import time.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from postedit import __version__
from postedit.core.document import Document, DocumentError
from postedit.core.index import SiteIndex
from postedit.core.paths import ensure_demo_site
from postedit.core.site import Site, SiteConfigError, SiteNotFoundError


def _parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="postedit",
        description="Edit the Markdown posts of a Hugo website and see them as Hugo would.",
    )
    parser.add_argument(
        "path",
        nargs="?",
        type=Path,
        help="a Hugo site folder or one post; without it, your copy of the demo site",
    )
    parser.add_argument("--version", action="version", version=f"postedit {__version__}")
    return parser.parse_args(argv)


def describe_post(document: Document, out: TextIO) -> None:
    """Print a post's front-matter fields, or what is wrong with them."""
    print(f"Post: {document.path}", file=out)
    print(f"Front matter: {document.format or 'none'}", file=out)
    if document.front_matter_error is not None:
        print(f"Problem: {document.front_matter_error}", file=out)
    for name, value in document.front_matter.items():
        print(f"  {name}: {value!r}", file=out)
    words = len(document.body.split())
    print(f"Body: {words} words", file=out)


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run postedit; returns the process exit code."""
    multiprocessing.freeze_support()  # the index's helper processes, when frozen
    out = out or sys.stdout
    args = _parse_args(argv)
    path: Path = args.path if args.path is not None else ensure_demo_site()
    try:
        if not path.exists():
            raise FileNotFoundError(f"“{path}” does not exist.")
        if not path.is_dir():
            describe_post(Document.load(path), out)
            return 0
        site = Site.open(path)
    except (DocumentError, SiteNotFoundError, SiteConfigError, FileNotFoundError) as error:
        print(f"postedit: {error.args[0] if error.args else error}", file=sys.stderr)
        return 2
    index = SiteIndex(site)
    index.refresh()
    print("\n".join(site.summary(index)), file=out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
