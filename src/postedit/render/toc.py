"""Hugo's `.TableOfContents` from a document's headings.

Hugo first builds a tree (each level-1 heading starts a new row; deeper headings
nest under the last heading one level up, with empty placeholders where levels
are skipped), then writes the levels between `startLevel` and `endLevel` as
nested lists indented two spaces per step.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from postedit.render.config import TocConfig
from postedit.render.markdown import Heading


@dataclass
class _Node:
    id: str = ""
    title: str = ""
    children: list[_Node] = field(default_factory=list)

    def is_zero(self) -> bool:
        return not self.id and not self.title


def _tree(headings: Iterable[Heading]) -> list[_Node]:
    rows: list[_Node] = []
    row = -1
    for heading in headings:
        if heading.level == 1 or row == -1:
            row += 1
        node = _Node(heading.id, heading.html)
        while len(rows) <= row:
            rows.append(_Node())
        level = heading.level - 1
        if level == 0:
            rows[row] = node
            continue
        parent = rows[row]
        for _ in range(1, level):
            if not parent.children:
                parent.children.append(_Node())
            parent = parent.children[-1]
        parent.children.append(node)
    return rows


class _Writer:
    def __init__(self, config: TocConfig) -> None:
        self.config = config
        self.parts: list[str] = []

    def headings(self, level: int, indent: int, nodes: list[_Node]) -> None:
        config = self.config
        if level < config.start_level:
            for node in nodes:
                self.headings(level + 1, indent, node.children)
            return
        if config.end_level != -1 and level > config.end_level:
            return
        tag = "ol" if config.ordered else "ul"
        if nodes:
            self.parts.append("\n" + "  " * (indent + 1) + f"<{tag}>\n")
        for node in nodes:
            self.heading(level + 1, indent + 2, node)
        if nodes:
            self.parts.append("  " * (indent + 1) + f"</{tag}>\n" + "  " * indent)

    def heading(self, level: int, indent: int, node: _Node) -> None:
        self.parts.append("  " * indent + "<li>")
        if not node.is_zero():
            self.parts.append(f'<a href="#{node.id}">{node.title}</a>')
        self.headings(level, indent, node.children)
        self.parts.append("</li>\n")


def table_of_contents(headings: Iterable[Heading], config: TocConfig | None = None) -> str:
    """`.TableOfContents` for `headings` (in document order) under `config`."""
    writer = _Writer(config or TocConfig())
    writer.parts.append('<nav id="TableOfContents">')
    writer.headings(1, 0, _tree(headings))
    writer.parts.append("</nav>")
    return "".join(writer.parts)
