"""Generated inputs (fixtures/markdown/fuzz_cases.json) against real Hugo, all in one build.

The inline set mixes quotes, dashes, dots, emphasis, code, brackets, URLs and
e-mail addresses, where Goldmark's typographer and linkify have many rules; the
block set mixes lists, quotes, fences, tables, definitions, footnotes, HTML and
headings. Each case must equal Hugo's `.Content`; the cases in
known_differences.json are Goldmark quirks postedit does not reproduce, listed
with the reason, and must keep differing (strict xfail) until someone fixes one.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from postedit.render.markdown import render_markdown
from postedit.render.toc import table_of_contents
from tests.hugo_reference import HugoPage, find_hugo, render_with_hugo

FIXTURES = Path(__file__).parent / "fixtures" / "markdown"
FUZZ = json.loads((FIXTURES / "fuzz_cases.json").read_text(encoding="utf-8"))
KNOWN = json.loads((FIXTURES / "known_differences.json").read_text(encoding="utf-8"))
CASES = [*FUZZ["inline"], *FUZZ["blocks"]]
HEADINGS = FUZZ["headings"]  # inline mixes in headings: ids and TOC titles too

pytestmark = [
    pytest.mark.skipif(find_hugo() is None, reason="no Hugo binary"),
    pytest.mark.slow,
]


@pytest.fixture(scope="module")
def hugo(tmp_path_factory: pytest.TempPathFactory) -> dict[str, HugoPage]:
    pages = {f"case-{index}": text for index, text in enumerate(CASES)}
    pages |= {f"known-{index}": entry["text"] for index, entry in enumerate(KNOWN)}
    pages |= {f"heading-{index}": text for index, text in enumerate(HEADINGS)}
    return render_with_hugo(pages, tmp_path_factory.mktemp("hugo") / "site")


def test_every_generated_case_equals_hugo(hugo: dict[str, HugoPage]) -> None:
    differing = [
        text
        for index, text in enumerate(CASES)
        if render_markdown(text).html != hugo[f"case-{index}"].content
    ]
    assert differing == []


def test_generated_headings_have_hugos_ids_and_toc(hugo: dict[str, HugoPage]) -> None:
    differing = []
    for index, text in enumerate(HEADINGS):
        rendered = render_markdown(text)
        expected = hugo[f"heading-{index}"]
        if (rendered.html, table_of_contents(rendered.headings)) != (
            expected.content,
            expected.toc,
        ):
            differing.append(text)
    assert differing == []


@pytest.mark.parametrize("index", range(len(KNOWN)), ids=lambda i: f"known-{i}")
def test_known_differences_still_differ(hugo: dict[str, HugoPage], index: int) -> None:
    entry = KNOWN[index]
    if render_markdown(entry["text"]).html == hugo[f"known-{index}"].content:
        pytest.fail(f"now equals Hugo, remove it from known_differences.json: {entry['why']}")
