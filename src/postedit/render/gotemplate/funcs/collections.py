"""Hugo's collections namespace: dict, slice, index, where, sort, first, seq and friends."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ..exec import function_table
from ..gofmt import sort_key
from . import compare
from .cast import field_path, is_number, to_int, to_list, to_string


def dictionary(*pairs: Any) -> dict[str, Any]:
    if len(pairs) % 2:
        raise ValueError("invalid dictionary call")
    result: dict[str, Any] = {}
    for key, value in zip(pairs[::2], pairs[1::2], strict=True):
        if isinstance(key, (list, tuple)):
            target = result
            for part in key[:-1]:
                target = target.setdefault(to_string(part), {})
            target[to_string(key[-1])] = value
        elif isinstance(key, str):
            result[str.__str__(key)] = value
        else:
            raise ValueError(f"dictionary keys must be strings, got {type(key).__name__}")
    return result


def make_slice(*items: Any) -> list[Any]:
    return list(items)


def index(collection: Any, *keys: Any) -> Any:
    """`index C K1 K2`: nested lookup; a missing map key is nil, an index out of range errors."""
    value = collection
    for key in keys:
        if isinstance(key, (list, tuple)) and len(keys) == 1:
            return index(collection, *key)
        if value is None:
            return None
        if isinstance(value, Mapping):
            value = value.get(key)
        elif isinstance(value, (list, tuple, str)):
            sequence: Any = value.encode("utf-8") if isinstance(value, str) else value
            position = to_int(key)
            if position < 0 or position >= len(sequence):
                raise ValueError(f"index out of range: {position}")
            value = sequence[position]
        else:
            raise ValueError(f"can't index item of type {type(value).__name__}")
    return value


def isset(collection: Any, key: Any) -> bool:
    if isinstance(collection, Mapping):
        return key in collection
    if isinstance(collection, (list, tuple)):
        return 0 <= to_int(key) < len(collection)
    return False


def _loose_equal(a: Any, b: Any) -> bool:
    if is_number(a) and is_number(b):
        return float(a) == float(b)
    return bool(compare.eq(a, b))


def in_(collection: Any, item: Any) -> bool:
    if collection is None:
        return False
    if isinstance(collection, str):
        return to_string(item) in collection
    if isinstance(collection, Mapping):
        return any(_loose_equal(v, item) for v in collection.values())
    return any(_loose_equal(v, item) for v in collection)


def append(*args: Any) -> list[Any]:
    if not args:
        raise ValueError("expected at least 1 argument to append")
    target, items = args[-1], args[:-1]
    result = [] if target is None else list(to_list(target, "append"))
    if len(items) == 1 and isinstance(items[0], (list, tuple)):
        result.extend(items[0])
    else:
        result.extend(items)
    return result


def first(limit: Any, collection: Any) -> Any:
    count = to_int(limit)
    if count < 0:
        raise ValueError("sequence length must be non-negative")
    if isinstance(collection, str):
        return collection[:count]
    return to_list(collection, "first")[:count]


def last(limit: Any, collection: Any) -> Any:
    count = to_int(limit)
    if count < 0:
        raise ValueError("sequence length must be non-negative")
    items = to_list(collection, "last")
    return items[len(items) - count :] if count else []


def after(limit: Any, collection: Any) -> Any:
    count = to_int(limit)
    if count < 0:
        raise ValueError("sequence bounds out of range")
    items = to_list(collection, "after")
    return items[count:]


def uniq(collection: Any) -> list[Any]:
    result: list[Any] = []
    for item in to_list(collection, "uniq"):
        if not any(compare.eq(item, seen) for seen in result):
            result.append(item)
    return result


def seq(*args: Any) -> list[int]:
    numbers = [to_int(a) for a in args]
    if len(numbers) == 1:
        last_value = numbers[0]
        start, step = (1, 1) if last_value > 0 else (-1, -1)
        if last_value == 0:
            return []
    elif len(numbers) == 2:
        start, last_value = numbers
        step = 1 if last_value >= start else -1
    elif len(numbers) == 3:
        start, step, last_value = numbers
        if step == 0 or (last_value - start) * step < 0:
            raise ValueError("invalid argument(s) to seq")
    else:
        raise ValueError("invalid number of arguments to seq")
    if abs(last_value - start) / abs(step) > 2000:
        raise ValueError("size of result exceeds limit")
    return list(range(start, last_value + (1 if step > 0 else -1), step))


def delimit(collection: Any, delimiter: Any, *last_delimiter: Any) -> str:
    if isinstance(collection, Mapping):
        values = [collection[k] for k in sorted(collection, key=sort_key)]
    else:
        values = to_list(collection, "delimit")
    parts = [to_string(v) for v in values]
    sep = to_string(delimiter)
    if last_delimiter and len(parts) > 1:
        return sep.join(parts[:-1]) + to_string(last_delimiter[0]) + parts[-1]
    return sep.join(parts)


_OPERATORS = {
    "": "eq",
    "=": "eq",
    "==": "eq",
    "eq": "eq",
    "!=": "ne",
    "<>": "ne",
    "ne": "ne",
    ">=": "ge",
    "ge": "ge",
    ">": "gt",
    "gt": "gt",
    "<": "lt",
    "lt": "lt",
    "<=": "le",
    "le": "le",
    "in": "in",
    "not in": "not in",
    "intersect": "intersect",
    "like": "like",
}


def _matches(value: Any, op: str, match: Any) -> bool:
    import re

    if op == "eq":
        return _loose_equal(value, match)
    if op == "ne":
        return not _loose_equal(value, match)
    if op in ("lt", "le", "gt", "ge"):
        if value is None or match is None:
            return False
        return bool(getattr(compare, op)(value, match))
    if op == "in":
        return in_(match, value)
    if op == "not in":
        return not in_(match, value)
    if op == "intersect":
        values = value if isinstance(value, (list, tuple)) else [value]
        return any(in_(match, v) for v in values)
    if op == "like":
        return value is not None and re.search(to_string(match), to_string(value)) is not None
    raise ValueError(f"{op} is not a valid operator")


def where(collection: Any, key: Any, *args: Any) -> Any:
    if not args:
        raise ValueError("missing argument")
    if len(args) == 1:
        op, match = "", args[0]
    else:
        op, match = to_string(args[0]).strip().lower(), args[1]
    if op not in _OPERATORS:
        raise ValueError(f"{op} is not a valid operator")
    operator = _OPERATORS[op]
    path = to_string(key)
    if isinstance(collection, Mapping):
        return {
            k: v for k, v in collection.items() if _matches(field_path(v, path), operator, match)
        }
    return [
        item
        for item in to_list(collection, "where")
        if _matches(field_path(item, path), operator, match)
    ]


def _order_key(value: Any) -> tuple[int, Any]:
    if value is None:
        return (0, 0)
    if is_number(value) or isinstance(value, bool):
        return (1, float(value))
    return (2, to_string(value) if isinstance(value, str) else str(value))


def sort(collection: Any, *args: Any) -> list[Any]:
    key = to_string(args[0]) if args else ""
    order = to_string(args[1]).lower() if len(args) > 1 else "asc"
    if isinstance(collection, Mapping):
        keys = sorted(collection, key=sort_key, reverse=not key and order == "desc")
        items = [collection[k] for k in keys]
        if not key:
            return items
    else:
        items = to_list(collection, "sort")
        key = key or "value"

    def sort_value(item: Any) -> tuple[int, Any]:
        if key == "value":
            return _order_key(item)
        return _order_key(field_path(item, key))

    return sorted(items, key=sort_value, reverse=order == "desc")


def reverse(collection: Any) -> list[Any]:
    return list(reversed(to_list(collection, "reverse")))


def intersect(left: Any, right: Any) -> list[Any]:
    right_items = to_list(right, "intersect")
    result: list[Any] = []
    for item in to_list(left, "intersect"):
        if any(_loose_equal(item, r) for r in right_items) and not any(
            _loose_equal(item, seen) for seen in result
        ):
            result.append(item)
    return result


def union(left: Any, right: Any) -> list[Any]:
    return uniq(to_list(left, "union") + to_list(right, "union"))


def complement(*args: Any) -> list[Any]:
    if len(args) < 2:
        raise ValueError("complement needs at least two arguments")
    *others, universe = args
    excluded = [item for other in others for item in to_list(other, "complement")]
    return [
        item
        for item in to_list(universe, "complement")
        if not any(_loose_equal(item, e) for e in excluded)
    ]


def symdiff(left: Any, right: Any) -> list[Any]:
    a, b = to_list(left, "symdiff"), to_list(right, "symdiff")
    return [x for x in a if not in_(b, x)] + [x for x in b if not in_(a, x)]


def merge(*maps: Any) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for mapping in reversed(maps):
        for k, v in (mapping or {}).items():
            result.setdefault(k, v)
    return result


def querify(*args: Any) -> str:
    import urllib.parse

    if len(args) == 1 and isinstance(args[0], Mapping):
        pairs = sorted((to_string(k), to_string(v)) for k, v in args[0].items())
    else:
        if len(args) == 1 and isinstance(args[0], (list, tuple)):
            args = tuple(args[0])
        if len(args) % 2:
            raise ValueError("querify requires an even number of arguments")
        pairs = sorted(
            (to_string(k), to_string(v)) for k, v in zip(args[::2], args[1::2], strict=True)
        )
    return urllib.parse.urlencode(pairs)


class Scratch:
    """`newScratch`: a small key-value store with Hugo's Scratch methods."""

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}

    def Set(self, key: str, value: Any) -> str:
        self.values[key] = value
        return ""

    def Get(self, key: str) -> Any:
        return self.values.get(key)

    def Add(self, key: str, value: Any) -> str:
        from .math import add

        current = self.values.get(key)
        if current is None:
            self.values[key] = value
        elif isinstance(current, list):
            self.values[key] = current + (
                list(value) if isinstance(value, (list, tuple)) else [value]
            )
        else:
            self.values[key] = add(current, value)
        return ""

    def SetInMap(self, key: str, map_key: str, value: Any) -> str:
        self.values.setdefault(key, {})[map_key] = value
        return ""

    def GetSortedMapValues(self, key: str) -> Any:
        mapping = self.values.get(key)
        if not isinstance(mapping, Mapping):
            return None
        return [mapping[k] for k in sorted(mapping)]

    def Delete(self, key: str) -> str:
        self.values.pop(key, None)
        return ""

    def Values(self) -> dict[str, Any]:
        return self.values


def new_scratch() -> Scratch:
    return Scratch()


def key_vals(key: Any, *values: Any) -> dict[str, Any]:
    return {"Key": key, "Values": list(values)}


_DIRECT: dict[str, Callable[..., Any]] = {
    "dict": dictionary,
    "slice": make_slice,
    "index": index,
    "isset": isset,
    "in": in_,
    "append": append,
    "first": first,
    "last": last,
    "after": after,
    "uniq": uniq,
    "seq": seq,
    "delimit": delimit,
    "where": where,
    "sort": sort,
    "intersect": intersect,
    "union": union,
    "complement": complement,
    "symdiff": symdiff,
    "merge": merge,
    "querify": querify,
    "newScratch": new_scratch,
    "keyVals": key_vals,
}
MEMBERS: dict[str, Callable[..., Any]] = {
    "Dictionary": dictionary,
    "Slice": make_slice,
    "Index": index,
    "IsSet": isset,
    "In": in_,
    "Append": append,
    "First": first,
    "Last": last,
    "After": after,
    "Uniq": uniq,
    "Seq": seq,
    "Delimit": delimit,
    "Where": where,
    "Sort": sort,
    "Reverse": reverse,
    "Intersect": intersect,
    "Union": union,
    "Complement": complement,
    "SymDiff": symdiff,
    "Merge": merge,
    "Querify": querify,
    "NewScratch": new_scratch,
    "KeyVals": key_vals,
}
FUNCTIONS = function_table(_DIRECT)
NAMESPACES = {"collections": function_table(MEMBERS)}
