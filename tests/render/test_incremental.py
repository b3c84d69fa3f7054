"""IncrementalMarkdown always equals a fresh render_markdown, edit after edit.

The cases below name the constructs that reach across blocks; the property tests
throw random edit sequences (Markdown-significant characters included) at real
posts and at generated Markdown dense with those constructs, and compare the
incremental result with a full render after every step, in both preview modes.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from postedit.render.config import DEFAULT_MARKUP, MarkupConfig
from postedit.render.incremental import IncrementalMarkdown
from postedit.render.markdown import render_markdown
from tests.conftest import CORPUS, DEMO_SITE, SEEDS

_FRONT_MATTER = re.compile(r"\A(---|\+\+\+)\n.*?\n\1\n", re.S)


def _body(path: Path) -> str:
    return _FRONT_MATTER.sub("", path.read_text(encoding="utf-8", errors="replace"))


DEMO_POSTS = sorted((DEMO_SITE / "content").rglob("*.md"))
SEED_POSTS = sorted(SEEDS.iterdir()) if SEEDS.is_dir() else []
# Every 25th corpus page: Hugo's docs, Let's Encrypt and CoreDNS posts, a spread of
# tables, fences, footnotes, reference links and HTML.
CORPUS_POSTS = sorted(CORPUS.rglob("*.md"))[::25] if CORPUS.is_dir() else []


def check_sequence(texts: list[str], config: MarkupConfig = DEFAULT_MARKUP) -> None:
    """Render `texts` in order with one IncrementalMarkdown per preview mode; compare each."""
    offset = lambda line: line + 7  # noqa: E731 - a line_of that is not the identity
    for preview, line_of in ((False, None), (True, None), (True, offset)):
        incremental = IncrementalMarkdown(config, preview=preview, line_of=line_of)
        for step, text in enumerate(texts):
            expected = render_markdown(text, config, preview=preview, line_of=line_of)
            got = incremental.render(text)
            assert got.html == expected.html, f"step {step}, preview={preview}: {text!r}"
            assert got.headings == expected.headings, f"step {step}: {text!r}"


# -- the constructs that reach across blocks, one edit each ---------------------------

CASES = {
    "a fence opened swallows what follows": ["a\n\n# h\n\nb\n", "a\n```\n\n# h\n\nb\n"],
    "a fence closed releases it": ["```\na\n\n# h\n", "```\na\n```\n# h\n"],
    "an HTML block runs to a blank line": ["<div>\n\nb\n\n# h\n", "<div>\nb\n\n# h\n"],
    "an HTML comment swallows blank lines": ["a\n\nb\n\nc\n", "<!--\na\n\nb\n\nc\n"],
    "a line joins the paragraph above lazily": ["> quote\n\nlazy\n", "> quote\nlazy\n"],
    "a list item continues lazily": ["- item\n\nmore\n", "- item\nmore\n"],
    "a blank line loosens a list": ["- a\n- b\n- c\n", "- a\n\n- b\n- c\n"],
    "an item far below loosens the list": ["- a\n- b\n\n\nx\n", "- a\n- b\n\n- c\n"],
    "a setext underline makes a heading": ["para\n\nnext\n", "para\n---\nnext\n"],
    "setext underline removed": ["Title\n===\n\ntext\n", "Title\n\ntext\n"],
    "a reference defined below a use": ["[x][a]\n\ntext\n", "[x][a]\n\ntext\n\n[a]: /u\n"],
    "a reference defined twice: the first counts": [
        "[a]\n\n[a]: /one\n\n[a]: /two\n",
        "[a]\n\n[a]: /zero\n\n[a]: /one\n\n[a]: /two\n",
    ],
    "a reference title on the next line": ["[a]\n\n[a]: /u\n\nx\n", "[a]\n\n[a]: /u\n'title'\nx\n"],
    "a footnote defined below": ["a[^1]\n\nb\n", "a[^1]\n\nb\n\n[^1]: note\n"],
    "footnote numbers follow first use": [
        "a[^x] b[^y]\n\n[^x]: X\n[^y]: Y\n",
        "[^y] first\n\na[^x] b[^y]\n\n[^x]: X\n[^y]: Y\n",
    ],
    "a footnote used twice": ["a[^x]\n\nb\n\n[^x]: X\n", "a[^x]\n\nb[^x]\n\n[^x]: X\n"],
    "a heading in a footnote": ["a[^x]\n\n[^x]: X\n", "a[^x]\n\n[^x]: # X\n"],
    "heading ids deduplicate down the page": [
        "# A\n\n# B\n\n# A\n\n# A\n",
        "# A\n\n# A\n\n# B\n\n# A\n\n# A\n",
    ],
    "an explicit id takes an auto id's place": ["# x\n\n# x\n", "# y {#x}\n\n# x\n\n# x\n"],
    "lines inserted above shift line numbers": [
        "# a\n\ntext\n\n- b\n",
        "new\n\n# a\n\ntext\n\n- b\n",
    ],
    "lines deleted above shift line numbers": ["one\n\ntwo\n\n# a\n\ntext\n", "# a\n\ntext\n"],
    "a table gains a body": ["| a | b |\n| - | - |\n\nx\n", "| a | b |\n| - | - |\n| 1 | 2 |\nx\n"],
    "a paragraph becomes a table header": ["a | b\n\n- | -\n", "a | b\n- | -\n"],
    "a definition list": ["Term\n\n: def\n", "Term\n: def\n"],
    "a definition list of several items": [
        "Term\n: definition\n\nPlain text.\nTerm\n: definition\n",
        ": definition\n\nPlain text.\nTerm\n: definition\n",
    ],
    "indented code across blank lines": ["    a\n\nb\n\n    c\n", "    a\n\n    b\n\n    c\n"],
    "<!--more-->, an HTML comment to Markdown": [
        "a\n\nb\n",
        "a\n<!--more-->\nb\n",
        "a <!--more--> c\nb\n\n# h\n",
    ],
    "text everywhere changes": ["a\n", "", "\n\n\n", "# a\n", "x"],
    "CRLF line ends": ["a\r\n\r\n# b\r\n", "a\r\n# b\r\n\r\nc\r\n"],
}


@pytest.mark.parametrize("texts", CASES.values(), ids=CASES.keys())
def test_cross_block_edit(texts: list[str]) -> None:
    check_sequence(texts)
    check_sequence(texts[::-1])


def test_a_keystroke_reparses_only_the_blocks_around_it() -> None:
    text = "".join(f"## Part {n}\n\nParagraph {n} with a [link][r].\n\n" for n in range(400))
    text += "[r]: /target\n"
    incremental = IncrementalMarkdown()
    incremental.render(text)
    middle = text.index("Paragraph 200") + 5
    for _ in range(20):
        text = text[:middle] + "x" + text[middle:]
        assert incremental.render(text) == render_markdown(text)
    assert incremental.full_parses == 1


def test_unchanged_text_is_not_rendered_again() -> None:
    incremental = IncrementalMarkdown(preview=True)
    first = incremental.render("# a\n\nb\n")
    assert incremental.render("# a\n\nb\n") is first


def test_it_stands_in_for_render_markdown_in_render_post() -> None:
    # render_post passes its own line_of (body lines around shortcodes) on each call.
    from postedit.render.content import render_post

    incremental = IncrementalMarkdown(preview=True)
    bodies = [
        "{{< toc >}}\n\n## One\n\ntext {{< param x >}}\n\n## Two\n",
        "{{< toc >}}\n\n## One\n\n{{< figure src=a.jpg >}}\n\ntext\n\n## Two\n",
        "## Zero\n\n{{< toc >}}\n\n## One\n\ntext\n\n## Two\n",
    ]
    for body in bodies:
        assert render_post(body, preview=True, markdown=incremental.render) == render_post(
            body, preview=True
        )


def test_a_new_line_map_renumbers_without_reparsing() -> None:
    incremental = IncrementalMarkdown(preview=True)
    text = "# a\n\nb\n\n- c\n"
    incremental.render(text, line_of=lambda line: line + 1)
    moved = incremental.render(text, line_of=lambda line: line * 2)
    assert moved == render_markdown(text, preview=True, line_of=lambda line: line * 2)
    assert incremental.render(text, preview=False) == render_markdown(text)
    assert incremental.full_parses == 1


def test_other_settings_are_honoured() -> None:
    config = MarkupConfig(auto_heading_id_type="blackfriday", footnote=False, unsafe=True)
    check_sequence(["# A b\n\n<div>x</div>\n\n# A b\n", "# A b\n\n# A b\n\n<div>x</div>\n"], config)


def test_block_attributes_go_to_the_block_above() -> None:
    config = MarkupConfig(attribute_block=True, auto_definition_term_id=True)
    texts = ["para\n\n# h\n", "para\n{.a}\n# h\n", "para\n\n{.a}\n# h\n{#x}\n\nTerm\n: def\n"]
    check_sequence(texts, config)
    check_sequence(texts[::-1], config)


# -- random edits -----------------------------------------------------------------------

SIGNIFICANT = [
    *"`*-#[]:>|~\n ^{}!=_.()<",
    "```",
    "\n\n",
    "[^1]",
    "[^1]: note\n",
    "[a]",
    "[a]: /x\n",
    "- ",
    "1. ",
    "# ",
    "    ",
    "<div>",
    "---\n",
    "{#id}",
    "\n{.c}\n",
    "<!--more-->",
    "| a |",
]
FRAGMENTS = [
    "Plain paragraph text.",
    "Two lines\nof one paragraph.",
    "# Same heading",
    "## Same heading",
    "Setext\n---",
    "Setext\n===",
    "- tight\n- list",
    "- loose\n\n- list",
    "1. one\n2. two\n   lazy",
    "- [ ] task\n- [x] done",
    "> quote\nlazy line",
    "```go\ncode\n\nmore code",
    "```\nclosed\n```",
    "~~~\ntilde\n~~~",
    "    indented code",
    "<div>\nhtml block",
    "<!-- comment\n\nstill comment -->",
    "[link][a] and [b] and ![img][a]",
    "[a]: /first 'title'",
    "[a]: /second",
    '[b]:\n/next-line\n"title"',
    "Text with a note[^1] and [^2] and [^1] again.",
    "[^1]: The note.",
    "[^2]: Second\n\n    continued",
    "| a | b |\n| - | - |\n| 1 | 2 |",
    "Term\n: definition",
    "# Heading {#custom .class}",
    "Para with attributes\n{.note #p}",
    "- list\n{.tight}",
    "# Same heading\n{#late .x}",
    "***",
    "a <!--more--> b",
    "\"Quotes\" -- dashes... 'single'",
    "https://example.org/auto",
]


@st.composite
def generated_markdown(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=14))
    seps = draw(
        st.lists(
            st.sampled_from(["\n", "\n\n", "\n\n\n"]), min_size=len(parts), max_size=len(parts)
        )
    )
    return "".join(part + sep for part, sep in zip(parts, seps, strict=True))


@st.composite
def edit_sequence(draw: st.DrawFn, text: str, steps: int) -> list[str]:
    """`text` and the texts after each of up to `steps` random edits."""
    texts = [text]
    for _ in range(draw(st.integers(1, steps))):
        position = draw(st.integers(0, len(text)))
        kind = draw(st.sampled_from(["insert", "delete", "replace", "line", "drop line"]))
        if kind == "insert":
            text = text[:position] + draw(st.sampled_from(SIGNIFICANT)) + text[position:]
        elif kind == "delete":
            text = text[:position] + text[position + draw(st.integers(1, 12)) :]
        elif kind == "replace":
            text = text[:position] + draw(st.sampled_from(SIGNIFICANT)) + text[position + 1 :]
        else:
            start = text.rfind("\n", 0, position) + 1
            if kind == "line":
                text = text[:start] + draw(st.sampled_from(FRAGMENTS)) + "\n" + text[start:]
            else:
                end = text.find("\n", position)
                text = text[:start] + ("" if end < 0 else text[end + 1 :])
        texts.append(text)
    return texts


CONFIGS = [
    DEFAULT_MARKUP,
    MarkupConfig(attribute_block=True, auto_definition_term_id=True),
    MarkupConfig(auto_heading_id_type="github-ascii", footnote=False, unsafe=True),
]


@given(st.data())
@settings(suppress_health_check=[HealthCheck.too_slow])
def test_random_edits_to_generated_markdown(data: st.DataObject) -> None:
    config = data.draw(st.sampled_from(CONFIGS))
    text = data.draw(generated_markdown())
    check_sequence(data.draw(edit_sequence(text, 6)), config)


@pytest.mark.slow
@pytest.mark.skipif(not DEMO_POSTS, reason="no demo site")
@given(st.data())
@settings(suppress_health_check=[HealthCheck.too_slow])
def test_random_edits_to_demo_posts(data: st.DataObject) -> None:
    text = _body(data.draw(st.sampled_from(DEMO_POSTS + SEED_POSTS)))
    check_sequence(data.draw(edit_sequence(text, 8)))


@pytest.mark.slow
@pytest.mark.skipif(not CORPUS_POSTS, reason="the shared corpus is absent")
@given(st.data())
@settings(suppress_health_check=[HealthCheck.too_slow])
def test_random_edits_to_corpus_posts(data: st.DataObject) -> None:
    text = _body(data.draw(st.sampled_from(CORPUS_POSTS)))
    check_sequence(data.draw(edit_sequence(text, 8)))
