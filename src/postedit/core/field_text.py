"""One front-matter value as the small YAML text of a raw field editor, and back.

Fields the form cannot model with a widget (a `params` map, a list of menu
entries, a value of an unexpected type) are edited as YAML text for just that
field, whatever the post's own format: YAML is the shortest way to write nested
values by hand. The text is read as YAML 1.2 (as the post codecs and Hugo read
it) into the same plain values `Document.front_matter` holds, so the codec can
splice it into TOML or JSON as well. A mistake is told in plain words with a
line and column inside the field's text, so the editor can point at it while
the document keeps its last good value.
"""

from __future__ import annotations

import io
import re
import textwrap
from typing import Any

from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.reader import ReaderError

from postedit.core.codecs.yaml_render import quoted_where_needed, round_trip_yaml
from postedit.core.values import plain
from postedit.core.yaml_messages import yaml_problem_message

__all__ = ["FieldTextError", "text_to_value", "value_to_text"]

_DOCUMENT_END = re.compile(r"\n\.\.\.\n?\Z")


class FieldTextError(ValueError):
    """Why a field's text is not a value; `line` and `column` are 1-based in that text."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column

    def __str__(self) -> str:
        return f"Line {self.line}, column {self.column}: {self.message}"


def value_to_text(value: Any) -> str:
    """The YAML text a raw field editor shows for `value` (no trailing newline).

    Block style, two-space indents, strings quoted where a YAML 1.1 reader would
    misread them (`no`, `10:00`), so that what the writer sees is what any tool
    reads. An absent value (None) is the empty text.
    """
    if value is None:
        return ""
    yaml = round_trip_yaml()
    yaml.indent(mapping=2, sequence=4, offset=2)
    stream = io.StringIO()
    yaml.dump(quoted_where_needed(value), stream)
    # A top-level list comes out indented by the list offset; the editor shows it flush.
    return textwrap.dedent(_DOCUMENT_END.sub("\n", stream.getvalue())).rstrip("\n")


def text_to_value(text: str) -> Any:
    """The value a raw field editor's text stands for; raise FieldTextError if none.

    Empty text is None (YAML's null), as an empty value in a post is.
    """
    try:
        loaded = round_trip_yaml().load(text)
    except MarkedYAMLError as error:
        raise _positioned(error) from error
    except ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        column = error.position - (text.rfind("\n", 0, error.position) + 1) + 1
        message = f"A control character (code {error.character:#x}) is not allowed; delete it."
        raise FieldTextError(message, line, column) from error
    except YAMLError as error:
        raise FieldTextError(f"This is not YAML: {error}", 1, 1) from error
    return plain(loaded)


def _positioned(error: MarkedYAMLError) -> FieldTextError:
    """The error at the place the writer can fix: where an unclosed construct opened."""
    found = re.search(r'found duplicate key "(.*?)"', str(error.problem or ""))
    if found:
        message = f"“{found.group(1)}” appears twice here; remove one of them."
    else:
        message = yaml_problem_message(error.context, error.problem)
    mark = error.problem_mark
    at_end = any(word in str(error.problem) for word in ("stream end", "end of stream"))
    if mark is None or (error.context_mark is not None and at_end):
        mark = error.context_mark or mark
    if mark is None:
        return FieldTextError(message, 1, 1)
    return FieldTextError(message, mark.line + 1, mark.column + 1)
