"""Builds the parse tree from tokens, with Go's parse-time checks.

As in Go, an unknown function or an undefined variable is an error before anything
runs, and `define`/`block` bodies are collected by name for `template` to find.
"""

from __future__ import annotations

from collections.abc import Container

from .errors import TemplateError
from .lexer import Kind, Token, tokenize
from .nodes import (
    ActionNode,
    BreakNode,
    ChainNode,
    CommandNode,
    ConstNode,
    ContinueNode,
    DotNode,
    FieldNode,
    IdentifierNode,
    IfNode,
    ListNode,
    NilNode,
    Node,
    PipeNode,
    RangeNode,
    TemplateNode,
    TextNode,
    VariableNode,
    WithNode,
)


class Parsed:
    """A parsed template: its root list and the templates it defines."""

    def __init__(self, name: str, root: ListNode, defines: dict[str, ListNode]) -> None:
        self.name = name
        self.root = root
        self.defines = defines


def parse_tree(text: str, name: str, funcs: Container[str]) -> Parsed:
    """Parse `text`; `funcs` holds the names of the functions a template may call."""
    return _Parser(tokenize(text, name), name, funcs).parse()


def _number(text: str) -> int | float:
    """A Go number literal's value: float when written with a point or exponent."""
    clean = text.replace("_", "")
    lowered = clean.lower()
    if lowered.lstrip("+-").startswith(("0x", "0b", "0o")):
        return int(clean, 0)
    if any(c in lowered for c in ".e"):
        return float(clean)
    digits = clean.lstrip("+-")
    if len(digits) > 1 and digits.startswith("0"):
        return int(clean[: len(clean) - len(digits)] + digits, 8)
    return int(clean)


class _Parser:
    def __init__(self, tokens: list[Token], name: str, funcs: Container[str]) -> None:
        self.tokens = tokens
        self.pos = 0
        self.name = name
        self.funcs = funcs
        self.vars: list[str] = ["$"]
        self.range_depth = 0
        self.defines: dict[str, ListNode] = {}

    # -- token cursor ---------------------------------------------------------

    def error(self, message: str, line: int | None = None) -> TemplateError:
        return TemplateError(
            message, name=self.name, line=line if line is not None else self.peek().line
        )

    def peek(self) -> Token:
        return self.tokens[self.pos]

    def next(self) -> Token:
        token = self.tokens[self.pos]
        if token.kind is not Kind.EOF:
            self.pos += 1
        return token

    def skip_space(self) -> None:
        while self.tokens[self.pos].kind is Kind.SPACE:
            self.pos += 1

    def next_non_space(self) -> Token:
        self.skip_space()
        return self.next()

    def peek_non_space(self) -> Token:
        self.skip_space()
        return self.peek()

    def expect(self, kind: Kind, context: str) -> Token:
        token = self.next_non_space()
        if token.kind is not kind:
            raise self.error(f"unexpected {_describe(token)} in {context}", token.line)
        return token

    # -- structure ------------------------------------------------------------

    def parse(self) -> Parsed:
        root = ListNode(line=1)
        while self.peek().kind is not Kind.EOF:
            token = self.peek()
            if token.kind is Kind.LEFT:
                save = self.pos
                self.next()
                keyword = self.peek_non_space()
                if keyword.kind is Kind.KEYWORD and keyword.value == "define":
                    self.next()
                    self.parse_definition(keyword.line)
                    continue
                self.pos = save
            node, stop = self.text_or_action()
            if stop is not None:
                raise self.error(f"unexpected {{{{{stop}}}}}", node.line)
            root.nodes.append(node)
        return Parsed(self.name, root, self.defines)

    def parse_definition(self, line: int) -> None:
        token = self.next_non_space()
        if token.kind is not Kind.STRING:
            raise self.error(f"unexpected {_describe(token)} in define clause", token.line)
        self.expect(Kind.RIGHT, "define clause")
        saved_vars = self.vars
        self.vars = ["$"]
        body, stop = self.item_list(line)
        self.vars = saved_vars
        if stop != "end":
            raise self.error("unexpected {{else}}", line)
        self.defines[token.value] = body

    def item_list(self, line: int) -> tuple[ListNode, str | None]:
        """Nodes up to `{{end}}` or `{{else}}`; returns which one stopped it."""
        body = ListNode(line=line)
        while True:
            if self.peek().kind is Kind.EOF:
                raise self.error("unexpected EOF")
            node, stop = self.text_or_action()
            if stop is not None:
                return body, stop
            body.nodes.append(node)

    def text_or_action(self) -> tuple[Node, str | None]:
        token = self.next()
        if token.kind is Kind.TEXT:
            return TextNode(token.value, token.line), None
        if token.kind is Kind.LEFT:
            return self.action()
        raise self.error(f"unexpected {_describe(token)} in input", token.line)

    def action(self) -> tuple[Node, str | None]:
        token = self.peek_non_space()
        line = token.line
        if token.kind is Kind.KEYWORD:
            self.next()
            word = token.value
            if word == "end":
                self.expect(Kind.RIGHT, "end")
                return DotNode(line), "end"
            if word == "else":
                return DotNode(line), "else"
            if word == "if":
                return self.control(IfNode, "if", line), None
            if word == "with":
                return self.control(WithNode, "with", line), None
            if word == "range":
                return self.control(RangeNode, "range", line), None
            if word == "template":
                return self.template_call(line), None
            if word == "block":
                return self.block(line), None
            if word in ("break", "continue"):
                if not self.range_depth:
                    raise self.error(f"{{{{{word}}}}} outside {{{{range}}}}", line)
                self.expect(Kind.RIGHT, word)
                return (BreakNode(line) if word == "break" else ContinueNode(line)), None
            raise self.error(f"unexpected {word}", line)
        return ActionNode(self.pipeline("command", Kind.RIGHT), line), None

    def control(
        self, cls: type[IfNode] | type[WithNode] | type[RangeNode], word: str, line: int
    ) -> Node:
        depth = len(self.vars)
        pipe = self.pipeline(word, Kind.RIGHT)
        if not pipe.cmds:
            raise self.error(f"missing value for {word}", line)
        if cls is RangeNode:
            self.range_depth += 1
        body, stop = self.item_list(line)
        if cls is RangeNode:
            self.range_depth -= 1
        else_body = None
        if stop == "else":
            following = self.peek_non_space()
            if (
                following.kind is Kind.KEYWORD
                and following.value == word
                and word in ("if", "with")
            ):
                # `else if` / `else with`: an inner control that consumes our {{end}}.
                self.next()
                else_line = following.line
                inner = self.control(cls, word, else_line)
                else_body = ListNode([inner], else_line)
            else:
                self.expect(Kind.RIGHT, "else")
                else_body, stop = self.item_list(line)
                if stop != "end":
                    raise self.error("expected end; found {{else}}", line)
        del self.vars[depth:]
        return cls(pipe, body, else_body, line)

    def template_call(self, line: int) -> TemplateNode:
        token = self.next_non_space()
        if token.kind is not Kind.STRING:
            raise self.error(f"unexpected {_describe(token)} in template clause", token.line)
        pipe = None
        if self.peek_non_space().kind is not Kind.RIGHT:
            pipe = self.pipeline("template clause", Kind.RIGHT)
        else:
            self.next()
        return TemplateNode(token.value, pipe, line)

    def block(self, line: int) -> TemplateNode:
        token = self.next_non_space()
        if token.kind is not Kind.STRING:
            raise self.error(f"unexpected {_describe(token)} in block clause", token.line)
        pipe = self.pipeline("block clause", Kind.RIGHT)
        saved_vars = self.vars
        saved_range = self.range_depth
        self.vars, self.range_depth = ["$"], 0
        body, stop = self.item_list(line)
        self.vars, self.range_depth = saved_vars, saved_range
        if stop != "end":
            raise self.error("unexpected {{else}}", line)
        self.defines[token.value] = body
        return TemplateNode(token.value, pipe, line)

    # -- pipelines --------------------------------------------------------------

    def pipeline(self, context: str, end: Kind) -> PipeNode:
        line = self.peek_non_space().line
        decl: list[str] = []
        is_assign = False
        save = self.pos
        token = self.peek_non_space()
        if token.kind is Kind.VARIABLE:
            self.next()
            after = self.peek_non_space()
            if after.kind in (Kind.DECLARE, Kind.ASSIGN):
                self.next()
                is_assign = after.kind is Kind.ASSIGN
                if is_assign:
                    self.check_variable(token.value, token.line)
                else:
                    self.vars.append(token.value)
                decl.append(token.value)
            elif after.kind is Kind.COMMA and context == "range":
                self.next()
                second = self.next_non_space()
                op = self.next_non_space()
                if second.kind is not Kind.VARIABLE or op.kind not in (Kind.DECLARE, Kind.ASSIGN):
                    raise self.error("range can only initialize variables", token.line)
                is_assign = op.kind is Kind.ASSIGN
                for variable in (token, second):
                    if is_assign:
                        self.check_variable(variable.value, variable.line)
                    else:
                        self.vars.append(variable.value)
                decl += [token.value, second.value]
            else:
                self.pos = save
        cmds: list[CommandNode] = []
        while True:
            token = self.peek_non_space()
            if token.kind is end:
                self.next()
                if decl and not cmds:
                    raise self.error(f"missing value for {context}", token.line)
                return PipeNode(decl, is_assign, cmds, line)
            if token.kind is Kind.EOF or token.kind is Kind.RIGHT:
                raise self.error("unclosed action", token.line)
            cmds.append(self.command(end))
            token = self.peek_non_space()
            if token.kind is Kind.PIPE:
                self.next()
                if self.peek_non_space().kind is end:
                    raise self.error("missing command", token.line)

    def command(self, end: Kind) -> CommandNode:
        line = self.peek_non_space().line
        args: list[Node] = []
        while True:
            self.skip_space()
            token = self.peek()
            if token.kind in (end, Kind.PIPE):
                break
            if token.kind in (Kind.EOF, Kind.RIGHT, Kind.RPAREN):
                raise self.error(f"unexpected {_describe(token)} in operand", token.line)
            args.append(self.operand())
            following = self.peek()
            if following.kind not in (Kind.SPACE, end, Kind.PIPE, Kind.RPAREN, Kind.RIGHT):
                raise self.error(f"unexpected {_describe(following)} in operand", following.line)
        if not args:
            raise self.error("empty command", line)
        return CommandNode(args, line)

    def operand(self) -> Node:
        node = self.term()
        names: list[str] = []
        while self.peek().kind is Kind.FIELD:
            names.append(self.next().value[1:])
        if not names:
            return node
        if isinstance(node, FieldNode):
            return FieldNode(node.names + tuple(names), node.line)
        if isinstance(node, VariableNode):
            return VariableNode(node.name, node.names + tuple(names), node.line)
        if isinstance(node, (ConstNode, NilNode, DotNode)):
            raise self.error(f"unexpected . after term {_node_text(node)!r}", node.line)
        return ChainNode(node, tuple(names), node.line)

    def term(self) -> Node:
        token = self.next()
        kind = token.kind
        if kind is Kind.IDENT:
            if token.value not in self.funcs:
                raise self.error(f'function "{token.value}" not defined', token.line)
            return IdentifierNode(token.value, token.line)
        if kind is Kind.DOT:
            return DotNode(token.line)
        if kind is Kind.NIL:
            return NilNode(token.line)
        if kind is Kind.VARIABLE:
            self.check_variable(token.value, token.line)
            return VariableNode(token.value, (), token.line)
        if kind is Kind.FIELD:
            return FieldNode((token.value[1:],), token.line)
        if kind is Kind.BOOL:
            return ConstNode(token.value == "true", token.value, token.line)
        if kind is Kind.STRING:
            return ConstNode(token.value, token.value, token.line)
        if kind is Kind.CHAR:
            return ConstNode(ord(token.value), token.value, token.line)
        if kind is Kind.NUMBER:
            try:
                return ConstNode(_number(token.value), token.value, token.line)
            except ValueError:
                raise self.error(f"illegal number syntax: {token.value!r}", token.line) from None
        if kind is Kind.LPAREN:
            pipe = self.pipeline("parenthesized pipeline", Kind.RPAREN)
            return pipe
        raise self.error(f"unexpected {_describe(token)} in operand", token.line)

    def check_variable(self, name: str, line: int) -> None:
        if name not in self.vars:
            raise self.error(f'undefined variable "{name}"', line)


def _describe(token: Token) -> str:
    if token.kind is Kind.EOF:
        return "EOF"
    if token.kind is Kind.RIGHT:
        return '"}}"'
    if token.kind is Kind.TEXT:
        return "text"
    return f'"{token.value}"'


def _node_text(node: Node) -> str:
    if isinstance(node, ConstNode):
        return node.text
    if isinstance(node, NilNode):
        return "nil"
    return "."
