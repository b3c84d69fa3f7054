"""Hugo's math namespace: add, sub, mul, div, mod and math.* (ints stay ints, as in Go)."""

from __future__ import annotations

import math as pymath
from collections.abc import Callable
from typing import Any

from ..exec import Function, function_table
from ..limits import wrap_int64
from .cast import is_number, to_float, to_int, to_string


def _number(value: Any) -> int | float:
    if is_number(value):
        return value  # type: ignore[no-any-return]
    if isinstance(value, str):
        try:
            return int(value)
        except ValueError:
            return to_float(value)
    if value is None:
        raise ValueError("can't apply the operator to the values")
    return to_float(value)


def _arith(op: str, values: tuple[Any, ...]) -> Any:
    if len(values) < 2:
        raise ValueError("must provide at least two numbers")
    result = values[0]
    for value in values[1:]:
        result = _apply(op, result, value)
    return result


def _apply(op: str, a: Any, b: Any) -> Any:
    if op == "+" and isinstance(a, str) and isinstance(b, str):
        return str.__str__(a) + str.__str__(b)
    if isinstance(a, str) or isinstance(b, str) or a is None or b is None:
        raise ValueError("can't apply the operator to the values")
    x, y = _number(a), _number(b)
    if isinstance(x, int) and isinstance(y, int):
        if op == "+":
            return wrap_int64(x + y)
        if op == "-":
            return wrap_int64(x - y)
        if op == "*":
            return wrap_int64(x * y)
        if y == 0:
            raise ValueError("can't divide the value by 0")
        quotient = abs(x) // abs(y)
        return quotient if (x >= 0) == (y >= 0) else -quotient
    fx, fy = float(x), float(y)
    if op == "+":
        return fx + fy
    if op == "-":
        return fx - fy
    if op == "*":
        return fx * fy
    if fy == 0:
        raise ValueError("can't divide the value by 0")
    return fx / fy


def add(*values: Any) -> Any:
    return _arith("+", values)


def sub(*values: Any) -> Any:
    return _arith("-", values)


def mul(*values: Any) -> Any:
    return _arith("*", values)


def div(*values: Any) -> Any:
    return _arith("/", values)


def mod(a: Any, b: Any) -> int:
    x, y = to_int(a), to_int(b)
    if y == 0:
        raise ValueError("the number can't be divided by zero at modulo operation")
    remainder = abs(x) % abs(y)
    return remainder if x >= 0 else -remainder


def mod_bool(a: Any, b: Any) -> bool:
    return mod(a, b) == 0


def _round(value: Any) -> float:
    number = to_float(value)
    return float(pymath.floor(abs(number) + 0.5)) * (1 if number >= 0 else -1)


def _max(*values: Any) -> float:
    flat = [v for value in values for v in (value if isinstance(value, (list, tuple)) else [value])]
    return max(to_float(v) for v in flat)


def _min(*values: Any) -> float:
    flat = [v for value in values for v in (value if isinstance(value, (list, tuple)) else [value])]
    return min(to_float(v) for v in flat)


def _sum(*values: Any) -> Any:
    flat = [v for value in values for v in (value if isinstance(value, (list, tuple)) else [value])]
    return float(sum(to_float(v) for v in flat))


def _product(*values: Any) -> Any:
    flat = [v for value in values for v in (value if isinstance(value, (list, tuple)) else [value])]
    return float(pymath.prod(to_float(v) for v in flat))


def _log(value: Any) -> float:
    return (
        pymath.log(to_float(value))
        if to_float(value) > 0
        else float("-inf")
        if to_float(value) == 0
        else float("nan")
    )


MEMBERS: dict[str, Callable[..., Any]] = {
    "Add": add,
    "Sub": sub,
    "Mul": mul,
    "Div": div,
    "Mod": mod,
    "ModBool": mod_bool,
    "Abs": lambda v: abs(to_float(v)),
    "Ceil": lambda v: float(pymath.ceil(to_float(v))),
    "Floor": lambda v: float(pymath.floor(to_float(v))),
    "Round": _round,
    "Sqrt": lambda v: pymath.sqrt(to_float(v)),
    "Pow": lambda a, b: pymath.pow(to_float(a), to_float(b)),
    "Log": _log,
    "Max": _max,
    "Min": _min,
    "Sum": _sum,
    "Product": _product,
    "Pi": lambda: pymath.pi,
}
FUNCTIONS = function_table(
    {
        "add": add,
        "sub": sub,
        "mul": mul,
        "div": div,
        "mod": mod,
        "modBool": mod_bool,
        "int": to_int,
        "float": to_float,
        "string": to_string,
    }
)
NAMESPACES = {
    "math": function_table(MEMBERS),
    "cast": {
        "ToInt": Function("ToInt", to_int),
        "ToFloat": Function("ToFloat", to_float),
        "ToString": Function("ToString", to_string),
    },
}
