"""Highlight options and settings as Hugo reads them (no Hugo needed)."""

from __future__ import annotations

import time

from postedit.render.highlight import HighlightConfig, highlight_block, parse_options


def test_fence_options_with_lists_quotes_and_attributes() -> None:
    options, attrs = parse_options('{linenos=table,hl_lines=[2,"4-5"],linenostart=3 .x #y}')
    assert options == {"linenos": "table", "hl_lines": '[2,"4-5"]', "linenostart": "3"}
    assert attrs == [("class", "x"), ("id", "y")]


def test_shortcode_options_with_space_separated_ranges() -> None:
    options, attrs = parse_options("linenos=table,hl_lines=8 15-17, linenostart=199")
    assert options == {"linenos": "table", "hl_lines": "8 15-17", "linenostart": "199"}
    assert attrs == []


def test_from_mapping_reads_lower_cased_keys_and_defaults() -> None:
    assert HighlightConfig.from_mapping({}) == HighlightConfig()
    config = HighlightConfig.from_mapping(
        {
            "noclasses": False,
            "style": "dracula",
            "linenos": "inline",
            "tabwidth": 2,
            "hl_lines": [1, "3-4"],
            "codefences": "false",
            "lineanchors": "a",
        }
    )
    assert config.no_classes is False
    assert config.style == "dracula"
    assert config.line_nos is True and config.line_numbers_in_table is False
    assert config.tab_width == 2
    assert config.hl_lines == "1 3-4"
    assert config.code_fences is False
    assert config.line_anchors == "a"


def test_code_fences_off_gives_goldmarks_plain_block() -> None:
    config = HighlightConfig(code_fences=False)
    assert highlight_block('x "y"\n', "go", config) == (
        '<pre><code class="language-go">x &quot;y&quot;\n</code></pre>\n'
    )


def test_unknown_style_falls_back_to_monokai() -> None:
    config = HighlightConfig(style="no-such-style")
    assert "background-color:#272822" in highlight_block("x\n", "text", config)


def test_a_typical_posts_code_highlights_quickly() -> None:
    code = "".join(f'func f{n}(a int) string {{ return "x" }} // {n}\n' for n in range(40))
    highlight_block(code, "go", HighlightConfig())  # lexer and style are cached after this
    start = time.perf_counter()
    for _ in range(10):
        highlight_block(code, "go", HighlightConfig())
    per_block = (time.perf_counter() - start) / 10
    assert per_block < 0.05, f"{per_block * 1000:.1f} ms for a 40-line block"
