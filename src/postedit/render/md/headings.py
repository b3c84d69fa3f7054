"""Heading attributes, ids and the text Hugo's table of contents shows.

Three steps, kept apart so an incremental renderer can rerun the document-wide one:

- `heading_attributes_rule` (core, before inline parsing): a trailing `{#id .class}`
  becomes the heading token's attributes (per heading, local).
- `assign_heading_ids(tokens, ...)` (document-wide): the auto ids in document order,
  deduplicated against every id met before, explicit ones included.
- `heading_plain_text` / `toc_title`: what the id is made from, and the heading's
  inner HTML as `.TableOfContents` shows it.
"""

from __future__ import annotations

import html
import html.entities
import re
from collections.abc import Callable, Sequence

from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from postedit.render.md.attributes import split_trailing_attributes
from postedit.render.md.ids import IdFactory

EXPLICIT = "postedit_explicit_attrs"
LATE_ATTRIBUTES = "postedit_late_attrs"  # block attributes under a heading (see block_attributes)


def heading_attributes_rule(state: StateCore) -> None:
    """Move a trailing `{...}` of each heading into the heading's attributes."""
    tokens = state.tokens
    for index, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        inline = tokens[index + 1]
        content = inline.content
        if "{" not in content:
            continue
        # Goldmark looks at the heading's last line only (setext headings have more).
        head, _, last = content.rpartition("\n")
        split = split_trailing_attributes(last)
        if split is None:
            continue
        text, attrs = split
        inline.content = f"{head}\n{text}" if head else text
        token.attrs = dict(attrs)
        token.meta[EXPLICIT] = True


_TEXT_PARTS = frozenset(("text", "text_special", "softbreak", "hardbreak"))
_NO_TEXT = frozenset(("footnote_ref", "task_checkbox"))
_NAMED_ENTITY = re.compile(r"&[A-Za-z][A-Za-z0-9]*;")
_TAG = re.compile(r"<[^>]*>")


def _nodes(children: Sequence[Token]) -> list[list[Token]]:
    """Group inline tokens into Goldmark's nodes: a text run, a leaf or a container."""
    nodes: list[list[Token]] = []
    depth = 0
    for child in children:
        if depth:
            nodes[-1].append(child)
            depth += child.nesting
        elif child.nesting == 1:
            nodes.append([child])
            depth = 1
        elif child.type in _TEXT_PARTS and nodes and nodes[-1][-1].type in _TEXT_PARTS:
            nodes[-1].append(child)  # Goldmark keeps adjacent text in one node
        else:
            nodes.append([child])
    return nodes


def _plain(node: list[Token], out: list[str]) -> None:
    first = node[0]
    kind = first.type
    if kind in _TEXT_PARTS:
        for part in node:
            if part.type == "text_special":
                out.append(part.markup)  # the source text: `\*`, `&#39;`, `&amp;`
            elif part.type == "text":
                out.append(part.content)
            else:
                out.append("\n")
    elif kind == "typographer" or kind == "code_inline":
        out.append(first.content)
    elif kind == "html_inline":
        out.append(_TAG.sub("", first.content).strip())
    elif kind == "image":
        inner = _nodes(first.children or [])
        if inner:
            _plain(inner[0], out)
    elif first.nesting == 1 and first.info != "auto" and kind not in _NO_TEXT:
        # Hugo's text walk descends into a container's first child only.
        inner = _nodes(node[1:-1])
        if inner:
            _plain(inner[0], out)


def heading_plain_text(children: Sequence[Token] | None, *, last_line: bool = False) -> str:
    """The text Hugo makes a heading's (or term's) id from (its `render.TextPlain`).

    Text as written (escapes and numeric references included), named entities
    resolved, typographic substitutions as characters, raw HTML without tags;
    autolinks and footnote references add nothing, and inside links and emphasis
    only the first piece counts. `last_line` keeps only the last line (setext).
    """
    out: list[str] = []
    for node in _nodes(children or ()):
        _plain(node, out)
    text = _NAMED_ENTITY.sub(_resolve_entity, "".join(out))
    if last_line and "\n" in text:
        text = text.rsplit("\n", 1)[1]
    return text


def _resolve_entity(match: re.Match[str]) -> str:
    return html.entities.html5.get(match.group()[1:], match.group())


PLAIN_TEXT = "postedit_plain_text"


def heading_text_rule(state: StateCore) -> None:
    """Record each heading's (and term's) id text before `text_join` merges entities away."""
    tokens = state.tokens
    for index, token in enumerate(tokens):
        if token.type in ("heading_open", "dt_open"):
            setext = token.markup in ("=", "-")
            children = tokens[index + 1].children
            token.meta[PLAIN_TEXT] = heading_plain_text(children, last_line=setext)


def assign_heading_ids(
    tokens: Sequence[Token], id_type: str, auto: bool, term_ids: bool = False
) -> None:
    """Give every heading its final id (`attrs["id"]`), in document order.

    Explicit ids are reserved as they are met; auto ids take the next free
    `-N` suffix. Headings with no text get no auto id (Hugo writes `<h2></h2>`).
    With `term_ids` (`autoDefinitionTermID`) definition terms get ids from the same pool.
    """
    ids = IdFactory(id_type)
    for index, token in enumerate(tokens):
        if token.type != "heading_open" and not (term_ids and token.type == "dt_open"):
            continue
        explicit = token.attrs.get("id")
        if explicit is not None:
            ids.put(str(explicit))
        elif auto or token.type == "dt_open":
            text = token.meta.get(PLAIN_TEXT)
            if text is None:
                text = heading_plain_text(tokens[index + 1].children)
            text = text.strip(" \t\n").replace("\t", "")
            if text:  # Hugo gives an empty heading (or empty last line) no id
                token.attrs["id"] = ids.generate(text)
        for name, value in token.meta.get(LATE_ATTRIBUTES, ()):
            token.attrs.setdefault(name, value)


_TOC_ALLOWED = frozenset(
    [
        "abbr",
        "b",
        "bdi",
        "bdo",
        "br",
        "cite",
        "code",
        "data",
        "del",
        "dfn",
        "em",
        "i",
        "img",
        "ins",
        "kbd",
        "mark",
        "q",
        "rp",
        "rt",
        "ruby",
        "s",
        "samp",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "time",
        "u",
        "var",
        "wbr",
    ]
)
_TAG_OR_COMMENT = re.compile(r"<!--.*?-->|<(/?)([A-Za-z][A-Za-z0-9-]*)\b[^>]*>", re.S)
_WHITESPACE = re.compile(r"\s+")
_GO_ESCAPES = str.maketrans(
    {"&": "&amp;", "'": "&#39;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "\r": "&#13;"}
)


def sanitize_toc_title(title: str) -> str:
    """Hugo's TOC title cleanup: no links, comments or unknown tags; spaces collapsed."""
    if "<" not in title:
        return title

    def keep(match: re.Match[str]) -> str:
        name = match.group(2)
        if name is None or name.lower() not in _TOC_ALLOWED:
            return ""
        return match.group(0)

    def text(segment: str) -> str:
        # bluemonday re-serialises text the way Go's html package escapes it.
        plain = html.unescape(segment)
        return plain.translate(_GO_ESCAPES)

    parts: list[str] = []
    last = 0
    for match in _TAG_OR_COMMENT.finditer(title):
        parts.append(text(title[last : match.start()]))
        parts.append(keep(match))
        last = match.end()
    parts.append(text(title[last:]))
    return _WHITESPACE.sub(" ", "".join(parts).strip())


def toc_title(children: Sequence[Token], render_inline: Callable[[list[Token]], str]) -> str:
    """The heading's inner HTML as `.TableOfContents` shows it.

    Hugo renders the heading's inline elements (footnote references excepted) and
    sanitises the result when it holds any tag: links and raw HTML disappear,
    their text stays.
    """
    kept = [child for child in children if child.type != "footnote_ref"]
    html = render_inline(kept)
    if any(child.type == "html_inline" for child in kept):
        # Hugo's TOC writes even HTML comments as markup, so the sanitiser runs.
        return sanitize_toc_title("<!---->" + html)
    return sanitize_toc_title(html)
