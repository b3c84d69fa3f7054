"""The interface every front-matter codec implements, and what they share."""

from __future__ import annotations

import difflib
from typing import Any, Protocol

from postedit.core.textio import dominant_newline, split_lines, to_lf
from postedit.core.values import FrontMatter


class FrontMatterSyntaxError(ValueError):
    """Front matter that cannot be read; line and column are 1-based within it."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


class FrontMatterWriteError(ValueError):
    """A value this format cannot hold (TOML has no null); the message says so."""


class FrontMatterCodec(Protocol):
    """Load, edit and create the front matter of one format."""

    def load(self, text: str, first_line: int = 1) -> dict[str, Any]:
        """Plain values of `text`; raise FrontMatterSyntaxError when unreadable.

        `first_line` is the file line `text` starts on, so that error positions
        (and line numbers inside messages) point into the writer's file.
        """
        ...

    def edit(self, text: str, front_matter: FrontMatter) -> str:
        """`text` with the edits of `front_matter` applied and nothing else changed."""
        ...

    def create(self, values: dict[str, Any], newline: str) -> str:
        """Front-matter text (without delimiters) for a post that had none."""
        ...

    def rewrite(self, text: str, front_matter: FrontMatter) -> str:
        """The whole front matter written anew with the edits: the fallback when
        `edit` could not splice. Raise FrontMatterWriteError where that would lose
        something the writer wrote (such as TOML comments)."""
        ...


def keep_unchanged_lines(original: str, edited_lf: str) -> str:
    """Merge an LF-only edit of `original` back into `original`'s own lines.

    Libraries that edit for us (tomlkit) see LF text and write LF. Lines the edit
    left equal are copied from `original` with their own line ends (so CRLF and
    even mixed endings survive); new or changed lines get the dominant newline.
    """
    old_lines = split_lines(original)
    new_lines = split_lines(edited_lf)
    newline = dominant_newline(original)
    matcher = difflib.SequenceMatcher(
        None, [to_lf(line) for line in old_lines], new_lines, autojunk=False
    )
    merged: list[str] = []
    for tag, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if tag == "equal":
            merged.extend(old_lines[old_start:old_end])
        else:
            for line in new_lines[new_start:new_end]:
                merged.append(line[:-1] + newline if line.endswith("\n") else line)
    return "".join(merged)
