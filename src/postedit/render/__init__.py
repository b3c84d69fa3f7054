"""Qt-free rendering: Markdown to HTML as Hugo renders it, shortcodes, page assembly.

`render_content(text, site)` is Hugo's `.Content` for a post body; `render_post(...)`
adds the table of contents, headings and the problems found. They are loaded on
first use, so importing one submodule (`postedit.render.config`) stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from postedit.render.content import RenderedPost, render_content, render_post

__all__ = ["RenderedPost", "render_content", "render_post"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from postedit.render import content

        return getattr(content, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
