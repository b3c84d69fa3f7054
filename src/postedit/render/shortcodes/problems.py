"""What the preview shows in place of a shortcode it cannot render.

Hugo stops the whole build for most of these; the preview instead renders the rest of
the post and marks the spot, naming the shortcode and the reason, so the writer can
fix it where it is.
"""

from __future__ import annotations

import html


class ShortcodeProblem(Exception):
    """A shortcode could not be rendered; the message is for the writer."""


def describe(name: str, reason: str, line: int) -> str:
    """The problem in plain words, as `RenderedPost.problems` lists it."""
    called = f'Shortcode "{name}"' if name else "A shortcode"
    return f"{called} on line {line}: {reason}"


def placeholder(name: str, reason: str, *, block: bool) -> str:
    """The visible marker: a `<div>` where the call stands alone, else a `<span>`."""
    tag = "div" if block else "span"
    label = f"{{{{< {name} >}}}}" if name else "shortcode"
    return (
        f'<{tag} class="postedit-shortcode-problem" data-shortcode="{html.escape(name)}" '
        f'title="{html.escape(reason)}">'
        f"<strong>{html.escape(label)}</strong> {html.escape(reason)}</{tag}>"
    )
