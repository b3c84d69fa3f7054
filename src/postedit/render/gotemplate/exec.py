"""Runs a parse tree: Go's text/template execution rules over Python values.

Dot and variables hold plain Python values; fields are looked up as map keys or as
attributes named exactly like Go's (`.Get`, `.Page.Title`), and callable attributes
are called with the arguments, as Go calls methods.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from .errors import TemplateError, located
from .gofmt import go_type_name, quote, sort_key, sprint_value
from .gotime import Time
from .limits import Budget, check_length, check_size
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
from .truth import is_true
from .values import MISSING, Missing

if TYPE_CHECKING:
    from .host import TemplateHost
    from .parser import Parsed


class Writer(Protocol):
    """Where output goes: template text as written, values escaped for their place."""

    def text(self, text: str) -> None: ...

    def value(self, value: Any) -> None: ...

    def escaped(self, value: Any, by: str) -> None: ...


class TextWriter:
    """text/template output: values printed with fmt's %v."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0

    def text(self, text: str) -> None:
        self.size = check_length(self.size + len(text))
        self.parts.append(text)

    def value(self, value: Any) -> None:
        self.text(sprint_value(value))

    def escaped(self, value: Any, by: str) -> None:
        self.value(value)

    def result(self) -> str:
        return "".join(self.parts)


class Lookup(Protocol):
    """Finds a named template (from `define`, `block` or the template set)."""

    def __call__(self, name: str) -> Parsed | None: ...


@dataclass
class Runtime:
    """What functions that need more than their arguments get: host, mode, templates."""

    host: TemplateHost
    html: bool
    lookup: Lookup
    root: Any = None
    scratch: dict[Any, Any] = field(default_factory=dict)
    budget: Budget = field(default_factory=Budget)


class Function:
    """A template function; `runtime` ones get the Runtime as their first argument."""

    __slots__ = ("call", "name", "runtime")

    def __init__(self, name: str, call: Callable[..., Any], runtime: bool = False) -> None:
        self.name = name
        self.call = call
        self.runtime = runtime


def function_table(entries: Mapping[str, Callable[..., Any]]) -> dict[str, Function]:
    """Plain functions by template name."""
    return {name: Function(name, call) for name, call in entries.items()}


class _Break(Exception):
    pass


class _Continue(Exception):
    pass


class ReturnValue(Exception):
    """Hugo's `return` in a partial: stops it, with a value."""

    def __init__(self, value: Any) -> None:
        super().__init__("return")
        self.value = value


_NO_FINAL = object()


def arg_value(value: Any) -> Any:
    """A value as a function receives it: a missing key is nil."""
    return None if isinstance(value, Missing) else value


class Executor:
    """One execution of one template; holds the variable stack and the writer."""

    def __init__(
        self,
        parsed: Parsed,
        writer: Writer,
        runtime: Runtime,
        funcs: Mapping[str, Function],
    ) -> None:
        self.parsed = parsed
        self.name = parsed.name
        self.writer = writer
        self.runtime = runtime
        self.funcs = funcs
        self.vars: list[list[Any]] = []
        self.line = 0

    def run(self, data: Any, root: ListNode | None = None) -> None:
        self.vars = [["$", data]]
        try:
            self.walk_list(data, root if root is not None else self.parsed.root)
        except TemplateError:
            raise
        except RecursionError:
            raise self.error("exceeded maximum template depth") from None

    def error(self, message: str) -> TemplateError:
        return TemplateError(message, name=self.name, line=self.line)

    # -- statements -------------------------------------------------------------

    def walk_list(self, dot: Any, body: ListNode) -> None:
        for node in body.nodes:
            self.walk(dot, node)

    def walk(self, dot: Any, node: Node) -> None:
        self.runtime.budget.step()
        if type(node) is TextNode:
            self.writer.text(node.text)
            return
        self.line = node.line
        if type(node) is ActionNode:
            value = self.eval_pipeline(dot, node.pipe)
            if not node.pipe.decl:
                escaped_by = _predefined_escaper(node.pipe) if self.runtime.html else None
                if escaped_by is not None:
                    self.writer.escaped(value, escaped_by)
                else:
                    self.writer.value(value)
        elif type(node) is IfNode:
            mark = len(self.vars)
            if is_true(self.eval_pipeline(dot, node.pipe)):
                self.walk_list(dot, node.body)
            elif node.else_body is not None:
                self.walk_list(dot, node.else_body)
            del self.vars[mark:]
        elif type(node) is WithNode:
            mark = len(self.vars)
            value = self.eval_pipeline(dot, node.pipe)
            if is_true(value):
                self.walk_list(value, node.body)
            elif node.else_body is not None:
                self.walk_list(dot, node.else_body)
            del self.vars[mark:]
        elif type(node) is RangeNode:
            self.walk_range(dot, node)
        elif type(node) is TemplateNode:
            self.walk_template(dot, node)
        elif type(node) is BreakNode:
            raise _Break()
        elif type(node) is ContinueNode:
            raise _Continue()
        elif type(node) is ListNode:
            self.walk_list(dot, node)
        else:  # pragma: no cover - the parser makes no other statements
            raise self.error(f"unknown node: {node!r}")

    def walk_range(self, dot: Any, node: RangeNode) -> None:
        mark = len(self.vars)
        pipe = node.pipe
        value = self.eval_pipeline(dot, pipe, declare=False)
        items: Sequence[tuple[Any, Any]]
        if value is None or isinstance(value, Missing):
            items = ()
        elif isinstance(value, Mapping):
            items = [(k, value[k]) for k in sorted(value, key=sort_key)]
        elif isinstance(value, (list, tuple)):
            items = list(enumerate(value))
        elif isinstance(value, int) and not isinstance(value, bool):
            if len(pipe.decl) > 1:
                raise self.error(f"can't use {value} to iterate over more than one variable")
            items = _IntRange(value)
        elif isinstance(value, str) or not hasattr(value, "__iter__"):
            raise self.error(f"range can't iterate over {sprint_value(value)}")
        else:
            items = list(enumerate(value))
        if not items:
            del self.vars[mark:]
            if node.else_body is not None:
                self.walk_list(dot, node.else_body)
            return
        budget = self.runtime.budget
        for key, element in items:
            budget.step()
            if pipe.decl:
                if len(pipe.decl) == 1:
                    self.set_var(pipe.decl[0], element, pipe.is_assign)
                else:
                    self.set_var(pipe.decl[0], key, pipe.is_assign)
                    self.set_var(pipe.decl[1], element, pipe.is_assign)
            inner = len(self.vars)
            try:
                self.walk_list(element, node.body)
            except _Continue:
                pass
            except _Break:
                break
            finally:
                del self.vars[inner:]
        del self.vars[mark:]

    def walk_template(self, dot: Any, node: TemplateNode) -> None:
        target = self.runtime.lookup(node.name)
        if target is None:
            raise self.error(f'template "{node.name}" not defined')
        value = self.eval_pipeline(dot, node.pipe) if node.pipe is not None else MISSING
        inner = Executor(target, self.writer, self.runtime, self.funcs)
        inner.name = node.name
        body = self.parsed.defines.get(node.name) or target.defines.get(node.name) or target.root
        with self.runtime.budget.nested():
            inner.run(value, body)

    # -- variables --------------------------------------------------------------

    def set_var(self, name: str, value: Any, assign: bool) -> None:
        if assign:
            for entry in reversed(self.vars):
                if entry[0] == name:
                    entry[1] = value
                    return
            raise self.error(f'undefined variable "{name}"')
        self.vars.append([name, value])

    def var(self, name: str) -> Any:
        for entry in reversed(self.vars):
            if entry[0] == name:
                return entry[1]
        raise self.error(f'undefined variable "{name}"')

    # -- pipelines --------------------------------------------------------------

    def eval_pipeline(self, dot: Any, pipe: PipeNode, declare: bool = True) -> Any:
        value: Any = _NO_FINAL
        for cmd in pipe.cmds:
            value = self.eval_command(dot, cmd, value)
        if declare and pipe.decl:
            for name in pipe.decl:
                self.set_var(name, value, pipe.is_assign)
        return value

    def eval_command(self, dot: Any, cmd: CommandNode, final: Any) -> Any:
        first = cmd.args[0]
        kind = type(first)
        if kind is IdentifierNode:
            assert isinstance(first, IdentifierNode)
            return self.call_function(dot, first.name, cmd.args[1:], final)
        if kind is FieldNode:
            assert isinstance(first, FieldNode)
            return self.eval_chain(dot, dot, first.names, cmd.args, final)
        if kind is VariableNode:
            assert isinstance(first, VariableNode)
            value = self.var(first.name)
            if not first.names:
                self.not_a_function(cmd.args, final)
                return value
            return self.eval_chain(dot, value, first.names, cmd.args, final)
        if kind is ChainNode:
            assert isinstance(first, ChainNode)
            base = self.eval_arg(dot, first.node)
            return self.eval_chain(dot, base, first.names, cmd.args, final)
        self.not_a_function(cmd.args, final)
        if kind is NilNode:
            raise self.error("nil is not a command")
        return self.eval_arg(dot, first)

    def not_a_function(self, args: list[Node], final: Any) -> None:
        if len(args) > 1 or final is not _NO_FINAL:
            raise self.error(f"can't give argument to non-function {_text(args[0])}")

    def eval_arg(self, dot: Any, node: Node) -> Any:
        kind = type(node)
        if kind is ConstNode:
            assert isinstance(node, ConstNode)
            return node.value
        if kind is DotNode:
            return dot
        if kind is FieldNode:
            assert isinstance(node, FieldNode)
            return self.eval_chain(dot, dot, node.names, [node], _NO_FINAL)
        if kind is VariableNode:
            assert isinstance(node, VariableNode)
            value = self.var(node.name)
            if node.names:
                return self.eval_chain(dot, value, node.names, [node], _NO_FINAL)
            return value
        if kind is PipeNode:
            assert isinstance(node, PipeNode)
            # Variables a parenthesized pipeline declares stay in scope, as in Go.
            return self.eval_pipeline(dot, node)
        if kind is IdentifierNode:
            assert isinstance(node, IdentifierNode)
            return self.call_function(dot, node.name, [], _NO_FINAL)
        if kind is ChainNode:
            assert isinstance(node, ChainNode)
            base = self.eval_arg(dot, node.node)
            return self.eval_chain(dot, base, node.names, [node], _NO_FINAL)
        if kind is NilNode:
            return None
        raise self.error(f"can't handle {node!r}")  # pragma: no cover

    def eval_args(self, dot: Any, nodes: Sequence[Node], final: Any) -> list[Any]:
        args = [arg_value(self.eval_arg(dot, n)) for n in nodes]
        if final is not _NO_FINAL:
            args.append(arg_value(final))
        return args

    # -- functions and fields ---------------------------------------------------

    def call_function(self, dot: Any, name: str, arg_nodes: Sequence[Node], final: Any) -> Any:
        if name == "and" or name == "or":
            return self.and_or(dot, name, arg_nodes, final)
        function = self.funcs.get(name)
        if function is None:
            raise self.error(f'"{name}" is not a defined function')
        args = self.eval_args(dot, arg_nodes, final)
        try:
            if function.runtime:
                return check_size(function.call(self.runtime, *args))
            return check_size(function.call(*args))
        except TemplateError as error:
            raise located(error, self.name, self.line) from None
        except ReturnValue:
            raise
        except TypeError as error:
            raise self.error(f"error calling {name}: {_type_error(error)}") from None
        except Exception as error:
            raise self.error(f"error calling {name}: {error}") from None

    def and_or(self, dot: Any, name: str, arg_nodes: Sequence[Node], final: Any) -> Any:
        nodes = list(arg_nodes)
        if len(nodes) + (final is not _NO_FINAL) < 2:
            raise self.error(f"wrong number of args for {name}: want at least 1 got 0")
        value: Any = None
        for index in range(len(nodes) + (final is not _NO_FINAL)):
            value = self.eval_arg(dot, nodes[index]) if index < len(nodes) else final
            truth = is_true(value)
            if (name == "and" and not truth) or (name == "or" and truth):
                return value
        return value

    def eval_chain(
        self, dot: Any, receiver: Any, names: Sequence[str], cmd_args: Sequence[Node], final: Any
    ) -> Any:
        value = receiver
        last = len(names) - 1
        for index, name in enumerate(names):
            if index < last:
                value = self.eval_field(dot, value, name, (), _NO_FINAL)
            else:
                value = self.eval_field(dot, value, name, cmd_args[1:], final)
        return value

    def eval_field(
        self, dot: Any, receiver: Any, name: str, arg_nodes: Sequence[Node], final: Any
    ) -> Any:
        if receiver is None or isinstance(receiver, Missing):
            # Hugo gives nothing (no error) for a field of a nil function result.
            return MISSING
        if isinstance(receiver, dt.date) and not isinstance(receiver, Time):
            receiver = Time.wrap(receiver)
        has_args = bool(arg_nodes) or final is not _NO_FINAL
        if isinstance(receiver, Mapping):
            method = _mapping_method(receiver, name)
            if method is not None:
                return self.call_method(dot, method, name, arg_nodes, final)
            if has_args:
                raise self.error(f"{name} is not a method but has arguments")
            try:
                return receiver[name]
            except KeyError:
                return MISSING
        if not name.startswith("_") and not isinstance(receiver, _BUILTIN_TYPES):
            try:
                value = getattr(receiver, name)
            except AttributeError:
                pass
            except TemplateError as error:
                raise located(error, self.name, self.line) from None
            else:
                if callable(value) and not isinstance(value, type):
                    return self.call_method(dot, value, name, arg_nodes, final)
                if has_args:
                    raise self.error(f"{name} has arguments but cannot be invoked as function")
                return value
        raise self.error(
            f"can't evaluate field {name} in type {go_type_name(receiver, nil='interface {}')}"
        )

    def call_method(
        self,
        dot: Any,
        method: Callable[..., Any],
        name: str,
        arg_nodes: Sequence[Node],
        final: Any,
    ) -> Any:
        args = self.eval_args(dot, arg_nodes, final)
        try:
            return check_size(method(*args))
        except (TemplateError, ReturnValue):
            raise
        except TypeError as error:
            raise self.error(f"error calling {name}: {_type_error(error)}") from None
        except Exception as error:
            raise self.error(f"error calling {name}: {error}") from None


_BUILTIN_TYPES = (str, int, float, bool, list, tuple)


class _IntRange(Sequence[tuple[int, int]]):
    """`range N` as (index, element) pairs made one at a time, not a list of N up front."""

    def __init__(self, count: int) -> None:
        self._range = range(max(count, 0))

    def __len__(self) -> int:
        return len(self._range)

    def __getitem__(self, index: Any) -> Any:
        value = self._range[index]
        return (value, value)

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return ((i, i) for i in self._range)


def _predefined_escaper(pipe: PipeNode) -> str | None:
    """`html` or `urlquery` when a pipeline ends with it (html/template merges those)."""
    if not pipe.cmds:
        return None
    first = pipe.cmds[-1].args[0]
    if isinstance(first, IdentifierNode) and first.name in ("html", "urlquery"):
        return first.name
    return None


def _mapping_method(receiver: Mapping[str, Any], name: str) -> Callable[..., Any] | None:
    """A Go-named method a Mapping class defines (`Get`), which Go tries before keys."""
    if not name[:1].isupper() or type(receiver) is dict:
        return None
    if not callable(getattr(type(receiver), name, None)):
        return None
    bound = getattr(receiver, name)
    return bound if callable(bound) else None


def _type_error(error: TypeError) -> str:
    text = str(error)
    if "positional argument" in text or "required" in text:
        return "wrong number of args"
    return text


def _text(node: Node) -> str:
    if isinstance(node, ConstNode):
        return quote(node.value) if isinstance(node.value, str) else node.text
    if isinstance(node, FieldNode):
        return "." + ".".join(node.names)
    if isinstance(node, DotNode):
        return "."
    if isinstance(node, NilNode):
        return "nil"
    return type(node).__name__
