"""Every page of the demo site renders to exactly Hugo's `.Content` and `.TableOfContents`.

The demo site is built once with the real Hugo, its single-page layout swapped for
one that prints each page's path, `.Content` and `.TableOfContents` between markers.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from postedit.core.document import Document
from postedit.core.site import Site
from postedit.render import render_post
from tests.conftest import DEMO_SITE
from tests.hugo_reference import find_hugo, hugo_env
from tests.render.fidelity import normalise

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(find_hugo() is None, reason="no Hugo binary"),
]

PATH, CONTENT, TOC, END = "@@path@@", "@@content@@", "@@toc@@", "@@end@@"
LAYOUT = (
    f"{PATH}{{{{ .File.Path }}}}{CONTENT}{{{{ .Content }}}}{TOC}{{{{ .TableOfContents }}}}{END}"
)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, tuple[str, str]]]:
    site = tmp_path_factory.mktemp("demo") / "site"
    shutil.copytree(DEMO_SITE, site)
    layouts = site / "layouts" / "_default"
    (layouts / "single.html").write_text(LAYOUT, encoding="utf-8")
    (layouts / "baseof.html").unlink()
    subprocess.run(
        [
            str(find_hugo()),
            "--source",
            str(site),
            "--destination",
            str(site / "public"),
            "--quiet",
            "--buildDrafts",
        ],
        check=True,
        capture_output=True,
        env=hugo_env(),
        timeout=300,
    )
    pages: dict[str, tuple[str, str]] = {}
    for output in (site / "public").rglob("index.html"):
        text = output.read_text(encoding="utf-8")
        if PATH in text:
            path = text.split(PATH, 1)[1].split(CONTENT, 1)[0]
            content = text.split(CONTENT, 1)[1].split(TOC, 1)[0]
            toc = text.split(TOC, 1)[1].split(END, 1)[0]
            pages[path] = (content, toc)
    return site, pages


def demo_pages() -> list[str]:
    return sorted(
        path.relative_to(DEMO_SITE / "content").as_posix()
        for path in Site.from_root(DEMO_SITE).content_files()
        if not path.name.startswith("_index")
    )


def test_hugo_built_the_posts_that_use_shortcodes(
    built: tuple[Path, dict[str, tuple[str, str]]],
) -> None:
    _, pages = built
    bodies = "".join(Document.load(DEMO_SITE / "content" / path).body for path in pages)
    assert "{{< toc >}}" in bodies and "{{< callout" in bodies


@pytest.mark.parametrize("page", demo_pages())
def test_demo_page_equals_hugo(built: tuple[Path, dict[str, tuple[str, str]]], page: str) -> None:
    site_root, pages = built
    document = Document.load(site_root / "content" / page)
    rendered = render_post(
        document.body,
        site=Site.from_root(site_root),
        front_matter=document.front_matter,
        path=site_root / "content" / page,
    )
    content, toc = pages[page]
    assert rendered.problems == ()
    # Byte for byte outside code blocks; inside them Pygments and Chroma may split
    # tokens differently, so highlighted blocks compare by structure and text.
    assert without_code_blocks(rendered.html) == without_code_blocks(content)
    assert normalise(rendered.html) == normalise(content)
    assert rendered.toc == toc


HIGHLIGHTED = re.compile(r'<div class="highlight">.*?</code></pre></div>', re.S)


def without_code_blocks(html: str) -> str:
    return HIGHLIGHTED.sub("<code block>", html)


def test_code_blocks_are_compared_apart_from_the_rest() -> None:
    block = '<div class="highlight"><pre><code><span>x</span></code></pre></div>'
    assert without_code_blocks(f"<p>a</p>{block}<p>b</p>") == "<p>a</p><code block><p>b</p>"
    assert without_code_blocks("<p>a</p>") != without_code_blocks("<p>b</p>")
