"""Read just the front matter of a post, fast, for indexing thousands of posts.

The editor reads a post with `Document` (round trip, every byte kept); the index
needs only a few fields of every post of a site, as fast as possible. So this
reads the bytes with one system call, decodes only the head when that gives the
same result as decoding everything, and parses with libyaml, tomllib and json.
Errors become `FrontMatterError` with the file line, never a crash.
"""

from __future__ import annotations

import codecs
import json
import re
import tomllib
from collections.abc import Callable, Mapping
from typing import Any, ClassVar

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from postedit.core.split import FrontMatterFormat, SplitPost, split_post
from postedit.core.textio import decode
from postedit.core.yaml_messages import yaml_problem_message

_TOML_LINE = re.compile(r"\(at line (\d+), column \d+\)")


_YAML_STR = "tag:yaml.org,2002:str"
_YAML_SEQ = "tag:yaml.org,2002:seq"
_YAML_MAP = "tag:yaml.org,2002:map"


_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Resolvers = tuple[tuple[str, re.Pattern[str]], ...]

# Plain scalars as Hugo's YAML library (goccy/go-yaml) types them, measured with Hugo
# 0.168: only true/false are booleans (`yes`, `on`, `no`, `off` stay strings), dates
# and times stay strings (Hugo parses those itself), `1:30` is a string rather than
# a YAML 1.1 base-60 number; `0755`, `0b101`, `0x1F` and `1_000` are still numbers.
_YAML_BOOL = "tag:yaml.org,2002:bool"
_YAML_INT = "tag:yaml.org,2002:int"
_YAML_FLOAT = "tag:yaml.org,2002:float"
_YAML_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_HUGO_SCALARS = {
    _YAML_BOOL: re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    _YAML_INT: re.compile(
        r"^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+)$"
    ),
    _YAML_FLOAT: re.compile(
        r"^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
}


def _hugo_resolvers(
    implicit: Mapping[str | None, list[tuple[str, re.Pattern[str]]]],
) -> dict[str | None, _Resolvers]:
    """SafeLoader's implicit resolvers, per first character, changed to type like Hugo."""
    return {
        first: tuple(
            (tag, _HUGO_SCALARS.get(tag, pattern))
            for tag, pattern in resolvers
            if tag != _YAML_TIMESTAMP
        )
        for first, resolvers in implicit.items()
    }


_IMPLICIT = _hugo_resolvers(_BaseLoader.yaml_implicit_resolvers)
_ANY_FIRST_CHAR: _Resolvers = _IMPLICIT.get(None, ())


class _FrontMatterLoader(_BaseLoader):  # type: ignore[misc]
    """SafeLoader (libyaml's when available) with a quicker tag resolver that types like Hugo.

    The composer asks the resolver for the tag of every node, in Python. PyYAML's
    resolver concatenates two lists of candidate patterns per scalar; this one
    merges them per first character once, and answers quoted scalars and
    collections without any lookup. It resolves as SafeLoader does except where
    Hugo's YAML library differs (see `_HUGO_SCALARS`): a post's draft, date and
    title must be what Hugo makes of them.
    """

    _any_first_char: ClassVar[_Resolvers] = _ANY_FIRST_CHAR
    _by_first_char: ClassVar[Mapping[str, _Resolvers]] = {
        first: (*resolvers, *_ANY_FIRST_CHAR)
        for first, resolvers in _IMPLICIT.items()
        if first is not None
    }

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if self.yaml_path_resolvers:  # none for SafeLoader; stay exact if one is added
            return str(super().resolve(kind, value, implicit))
        if kind is ScalarNode:
            if implicit[0]:
                for tag, pattern in self._by_first_char.get(value[:1], self._any_first_char):
                    if pattern.match(value):
                        return str(tag)
            return _YAML_STR
        return _YAML_SEQ if kind is SequenceNode else _YAML_MAP


def _construct(loader: Any, node: Node) -> Any:
    """Build the value of a composed YAML node exactly as SafeLoader would.

    libyaml parses in C, but PyYAML's constructor then walks every node in Python
    through generators and bookkeeping; for the plain strings, lists and maps that
    make up nearly all front matter we build the values directly (a third faster
    overall) and hand everything else (numbers, dates, merge keys, complex keys)
    to the loader's own constructor.
    """
    kind = type(node)
    if kind is ScalarNode:
        if node.tag == _YAML_STR:
            return node.value
    elif kind is SequenceNode:
        if node.tag == _YAML_SEQ:
            return [_construct(loader, item) for item in node.value]
    elif kind is MappingNode and node.tag == _YAML_MAP:
        result = {}
        for key_node, value_node in node.value:
            if type(key_node) is not ScalarNode or key_node.tag not in _PLAIN_KEY_TAGS:
                return loader.construct_object(node, deep=True)
            result[_construct(loader, key_node)] = _construct(loader, value_node)
        return result
    return loader.construct_object(node, deep=True)


# Key tags whose values are hashable scalars and need no merge (`<<`) or value (`=`)
# handling; any other key sends the whole mapping through PyYAML's constructor.
_PLAIN_KEY_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")
)


def load_yaml(text: str) -> Any:
    """yaml.safe_load(text) with Hugo's scalar types, faster: libyaml plus a lean constructor."""
    loader = _FrontMatterLoader(text)
    try:
        node = loader.get_single_node()
        return None if node is None else _construct(loader, node)
    finally:
        loader.dispose()


class FrontMatterError(ValueError):
    """Front matter that Hugo would refuse; `line` is the 1-based line in the file."""

    def __init__(self, message: str, line: int = 0) -> None:
        super().__init__(message)
        self.line = line


def _file_line(split: SplitPost, line_in_front_matter: int) -> int:
    """File line of a 1-based line inside the front matter."""
    return split.front_matter_first_line + line_in_front_matter - 1


def _load_yaml_front_matter(split: SplitPost) -> Any:
    try:
        return load_yaml(split.front_matter)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = _file_line(split, mark.line + 1) if mark else split.front_matter_first_line
        message = f"Line {line}: {yaml_problem_message(error.context, error.problem)}"
        raise FrontMatterError(message, line) from error
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as error:
        line = split.front_matter_first_line
        raise FrontMatterError(f"YAML front matter error: {error}", line) from error


def _load_toml_front_matter(split: SplitPost) -> Any:
    try:
        return tomllib.loads(split.front_matter)
    except tomllib.TOMLDecodeError as error:
        found = _TOML_LINE.search(str(error))
        line = _file_line(split, int(found.group(1))) if found else 0
        problem = _TOML_LINE.sub("", str(error)).strip()
        where = f" on line {line}" if line else ""
        raise FrontMatterError(f"TOML front matter error{where}: {problem}", line) from error


def _load_json_front_matter(split: SplitPost) -> Any:
    try:
        return json.loads(split.front_matter)
    except json.JSONDecodeError as error:
        line = _file_line(split, error.lineno)
        message = f"JSON front matter error on line {line}: {error.msg}"
        raise FrontMatterError(message, line) from error
    except RecursionError as error:
        line = split.front_matter_first_line
        raise FrontMatterError("The JSON front matter is nested too deeply.", line) from error


_LOADERS: dict[FrontMatterFormat, Callable[[SplitPost], Any]] = {
    FrontMatterFormat.YAML: _load_yaml_front_matter,
    FrontMatterFormat.TOML: _load_toml_front_matter,
    FrontMatterFormat.JSON: _load_json_front_matter,
}


def parse_front_matter(split: SplitPost) -> dict[str, Any]:
    """The front matter of a split post as a dict ({} when there is none).

    Raises FrontMatterError, with the file line where known, for unclosed front
    matter, syntax errors, and front matter that is not a table of fields.
    """
    if split.error:
        raise FrontMatterError(split.error, split.error_line)
    if split.format is None:
        return {}
    data = _LOADERS[split.format](split)
    if data is None:
        return {}
    if not isinstance(data, dict):
        line = split.front_matter_first_line
        raise FrontMatterError(
            f"The front matter on line {line} is a {type(data).__name__}, "
            "not a list of fields (`name: value`).",
            line,
        )
    return data


def _head_end(data: bytes) -> int:
    """Where the line closing a `---`/`+++` front matter ends in the bytes; 0 if unsure.

    Only the plain case (the delimiter first, after an optional UTF-8 BOM) is
    recognised; anything else is left to the full decode and split.
    """
    start = 3 if data.startswith(codecs.BOM_UTF8) else 0
    delimiter = data[start : start + 3]
    if delimiter not in (b"---", b"+++"):
        return 0
    closing = data.find(b"\n" + delimiter, start + 3)
    if closing < 0:
        return 0
    line_end = data.find(b"\n", closing + 1)
    return len(data) if line_end < 0 else line_end + 1


def split_head(data: bytes) -> SplitPost:
    """Split a post's bytes as `split_post(decode(data)[0])` would, but cheaper.

    The index needs the front matter only, and decoding, sniffing and splitting a
    whole post costs more than parsing its front matter. When the closing delimiter
    can be found in the bytes, only the head up to it is decoded, provided that
    gives what decoding the whole file would: the file has no NUL bytes (so it is
    not UTF-16 and not binary), the head decodes as UTF-8 and so does the rest (cut
    at a newline, which never falls inside a UTF-8 sequence). Otherwise, or when
    the head does not split cleanly, the whole file is decoded. The returned body
    may be cut short; the front matter is exact.
    """
    end = _head_end(data)
    if 0 < end < len(data) and b"\x00" not in data:
        text, encoding = decode(data[:end])
        rest_is_utf8 = data.isascii() or _is_utf8(memoryview(data)[end:])
        if encoding.codec == "utf-8" and rest_is_utf8:
            split = split_post(text)
            if split.format is not None and not split.error:
                return split
    return split_post(decode(data)[0])


def _is_utf8(data: memoryview) -> bool:
    try:
        codecs.utf_8_decode(data, "strict", True)
    except UnicodeDecodeError:
        return False
    return True
