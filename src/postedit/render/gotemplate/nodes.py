"""The parse tree of a template: Go's text/template/parse nodes, as small dataclasses."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


class Node:
    """Any node; `line` is where it starts, for error messages."""

    line: int


@dataclass(slots=True)
class TextNode(Node):
    text: str
    line: int


@dataclass(slots=True)
class DotNode(Node):
    line: int


@dataclass(slots=True)
class NilNode(Node):
    line: int


@dataclass(slots=True)
class ConstNode(Node):
    """A literal: string, number, character (an int) or bool."""

    value: Any
    text: str
    line: int


@dataclass(slots=True)
class FieldNode(Node):
    """`.A.B`: fields of dot."""

    names: tuple[str, ...]
    line: int


@dataclass(slots=True)
class VariableNode(Node):
    """`$x.A.B`: a variable and the fields after it."""

    name: str
    names: tuple[str, ...]
    line: int


@dataclass(slots=True)
class IdentifierNode(Node):
    """A function name."""

    name: str
    line: int


@dataclass(slots=True)
class ChainNode(Node):
    """`(pipeline).A.B` or `strings.TrimSpace`: fields of any other operand."""

    node: Node
    names: tuple[str, ...]
    line: int


@dataclass(slots=True)
class CommandNode(Node):
    args: list[Node]
    line: int


@dataclass(slots=True)
class PipeNode(Node):
    decl: list[str]
    is_assign: bool
    cmds: list[CommandNode]
    line: int


@dataclass(slots=True)
class ActionNode(Node):
    pipe: PipeNode
    line: int


@dataclass(slots=True)
class ListNode(Node):
    nodes: list[Node] = field(default_factory=list)
    line: int = 0


@dataclass(slots=True)
class IfNode(Node):
    pipe: PipeNode
    body: ListNode
    else_body: ListNode | None
    line: int


@dataclass(slots=True)
class WithNode(Node):
    pipe: PipeNode
    body: ListNode
    else_body: ListNode | None
    line: int


@dataclass(slots=True)
class RangeNode(Node):
    pipe: PipeNode
    body: ListNode
    else_body: ListNode | None
    line: int


@dataclass(slots=True)
class BreakNode(Node):
    line: int


@dataclass(slots=True)
class ContinueNode(Node):
    line: int


@dataclass(slots=True)
class TemplateNode(Node):
    """`{{ template "name" pipeline }}` (also what `block` leaves in place)."""

    name: str
    pipe: PipeNode | None
    line: int
