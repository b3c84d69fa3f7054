"""Code blocks as Hugo's Chroma highlights them (placeholder: plain, escaped code).

The real Pygments-based version replaces this body; the interface stays.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class HighlightConfig:
    """The site's `markup.highlight` settings, with Hugo's defaults."""

    code_fences: bool = True
    no_classes: bool = True
    style: str = "monokai"
    line_nos: bool = False
    line_numbers_in_table: bool = True
    line_no_start: int = 1
    anchor_line_nos: bool = False
    line_anchors: str = ""
    hl_lines: str = ""
    guess_syntax: bool = False
    tab_width: int = 4
    wrapper_class: str = "highlight"

    @classmethod
    def from_mapping(cls, settings: Mapping[str, Any]) -> HighlightConfig:
        """Build from a `markup.highlight` table (keys lowercased, as Site keeps them)."""
        return cls()


def highlight_block(code: str, lang: str, config: HighlightConfig, options: str = "") -> str:
    """The HTML Hugo emits for a fenced code block (or the highlight shortcode).

    `lang` is the fence's language ("" for none); `options` the rest of the fence
    info string or the shortcode's options, e.g. `{linenos=table,hl_lines=[2]}`.
    """
    escaped = html.escape(code, quote=False)
    if not lang:
        return f'<pre tabindex="0"><code>{escaped}</code></pre>\n'
    return (
        f'<pre tabindex="0"><code class="language-{html.escape(lang)}" '
        f'data-lang="{html.escape(lang)}">{escaped}</code></pre>\n'
    )
