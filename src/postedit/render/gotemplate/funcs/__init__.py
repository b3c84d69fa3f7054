"""Every function a template may call, by name: Go's builtins and Hugo's functions.

Hugo's namespaces (`strings.TrimSpace`) work as in Hugo: `strings` is a function that
returns an object whose methods are the namespace's members.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any

from ..exec import Function, Runtime
from ..gofmt import sprint, sprintf, sprintln
from . import builtins, collections, compare, extra, math, site, strings, timefmt, transform


class Namespace:
    """A Hugo template namespace: members looked up as Go methods."""

    def __init__(self, name: str, members: Mapping[str, Callable[..., Any]]) -> None:
        self._name = name
        self._members = members
        self.__go_type__ = f"*{name}.Namespace"

    def __getattr__(self, member: str) -> Callable[..., Any]:
        try:
            return self._members[member]
        except KeyError:
            raise AttributeError(member) from None


def _build() -> dict[str, Function]:
    funcs: dict[str, Function] = {}
    members: dict[str, dict[str, Function]] = {}
    for module in (builtins, compare, collections, math, strings, transform, timefmt, extra):
        funcs.update(module.FUNCTIONS)
        for space, entries in getattr(module, "NAMESPACES", {}).items():
            members.setdefault(space, {}).update(entries)
    for name, fn in site.RUNTIME_FUNCTIONS.items():
        funcs[name] = Function(name, fn, runtime=True)
    runtime_members: dict[str, dict[str, Callable[..., Any]]] = {
        space: dict(entries) for space, entries in site.RUNTIME_NAMESPACES.items()
    }
    members.setdefault("fmt", {}).update(
        {
            "Print": Function("Print", sprint),
            "Printf": Function("Printf", sprintf),
            "Println": Function("Println", sprintln),
        }
    )
    for space in set(members) | set(runtime_members):
        funcs[space] = Function(
            space, _namespace(space, members.get(space, {}), runtime_members.get(space, {})), True
        )
    funcs["time"] = Function("time", _time_function(funcs["time"].call), runtime=True)
    return funcs


def _namespace(
    space: str,
    plain: Mapping[str, Function],
    with_runtime: Mapping[str, Callable[..., Any]],
) -> Callable[..., Namespace]:
    def get(runtime: Runtime) -> Namespace:
        entries: dict[str, Callable[..., Any]] = {k: f.call for k, f in plain.items()}
        for name, fn in with_runtime.items():
            entries[name] = functools.partial(fn, runtime)
        return Namespace(space, entries)

    return get


def _time_function(namespace: Callable[..., Any]) -> Callable[..., Any]:
    """`time "2024-01-02"` converts; bare `time` is the namespace (`time.Format`)."""

    def time(runtime: Runtime, *args: Any) -> Any:
        if args:
            return timefmt.as_time(*args)
        return namespace(runtime)

    return time


FUNCS: dict[str, Function] = _build()
