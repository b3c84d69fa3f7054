"""postedit's Markdown against the real Hugo, case by case, under Hugo's defaults.

The inputs live in fixtures/markdown/hugo_cases.md; Hugo renders them all in one
build per module, so each case is a cheap comparison of `.Content` and
`.TableOfContents` with `render_markdown` and `table_of_contents`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from postedit.render.markdown import render_markdown
from postedit.render.toc import table_of_contents
from tests.hugo_reference import HugoPage, find_hugo, render_with_hugo

FIXTURES = Path(__file__).parent / "fixtures" / "markdown"
SEPARATOR = "\n~~~~~~~~ case ~~~~~~~~\n"
CASES = (FIXTURES / "hugo_cases.md").read_text(encoding="utf-8").split(SEPARATOR)

pytestmark = pytest.mark.skipif(find_hugo() is None, reason="no Hugo binary")


@pytest.fixture(scope="module")
def hugo(tmp_path_factory: pytest.TempPathFactory) -> dict[str, HugoPage]:
    pages = {f"case-{index}": text for index, text in enumerate(CASES)}
    return render_with_hugo(pages, tmp_path_factory.mktemp("hugo") / "site")


@pytest.mark.parametrize("index", range(len(CASES)), ids=lambda i: f"case-{i}")
def test_content_and_toc_equal_hugo(hugo: dict[str, HugoPage], index: int) -> None:
    text = CASES[index]
    expected = hugo[f"case-{index}"]
    rendered = render_markdown(text)
    assert rendered.html == expected.content, text
    assert table_of_contents(rendered.headings) == expected.toc, text
