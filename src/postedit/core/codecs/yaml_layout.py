"""Where every key and value of a YAML document sits, to the character.

ruamel.yaml's event stream carries start and end marks; walking it gives a tree
of nodes with exact spans. Two details make the spans exact: block collections
have no end mark of their own (their end event sits at the next token, after any
comments), so a block collection ends where its last child ends; and a value's
properties (`&anchor`, `!tag`) are skipped, so that replacing a value keeps them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

from ruamel.yaml import YAML
from ruamel.yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceStartEvent,
)

NodeKind = Literal["scalar", "empty", "alias", "flow_seq", "block_seq", "flow_map", "block_map"]

_PROPERTIES = re.compile(r"(?:[&!][^\s]*[ \t]+)*")


@dataclass
class Node:
    """One value: its kind, its exact span, and its children."""

    kind: NodeKind
    start: int
    end: int
    style: str | None = None  # scalar style: None (plain), "'", '"', "|", ">"
    token: str = ""  # a scalar's source text
    items: list[Node] = field(default_factory=list)
    entries: dict[str, Entry] = field(default_factory=dict)
    spliceable: bool = True  # a mapping whose keys are all distinct plain scalars

    @property
    def item_style(self) -> str | None:
        """The scalar style a list's items are written in (its first scalar item's)."""
        return next((item.style for item in self.items if item.kind == "scalar"), None)


@dataclass
class Entry:
    """One `key: value` pair of a mapping."""

    key: str
    key_start: int
    colon_end: int
    value: Node

    @property
    def end(self) -> int:
        """Where the pair's text ends (its value's end, or the colon for an empty value)."""
        return max(self.value.end, self.colon_end)


def line_start(text: str, index: int) -> int:
    """Index of the first character of the line holding `index`."""
    return text.rfind("\n", 0, index) + 1


def line_end(text: str, index: int) -> int:
    """Index just past the line end at or after `index` (or the text's end)."""
    newline = text.find("\n", index)
    return len(text) if newline < 0 else newline + 1


def _after_properties(text: str, start: int, end: int) -> int:
    match = _PROPERTIES.match(text, start, end)
    return match.end() if match else start


def _colon_end(text: str, key_end: int) -> int:
    pos = key_end
    while pos < len(text) and text[pos] in " \t":
        pos += 1
    return pos + 1 if pos < len(text) and text[pos] == ":" else key_end


class _Walker:
    """Builds the node tree from the parse events, one node per call."""

    def __init__(self, text: str, events: list[Any]) -> None:
        self.text = text
        self.events = events
        self.position = 0

    def _next(self) -> Any:
        event = self.events[self.position]
        self.position += 1
        return event

    def _at_end(self) -> bool:
        return isinstance(self.events[self.position], CollectionEndEvent)

    def node(self) -> Node:
        event = self._next()
        text = self.text
        if isinstance(event, ScalarEvent):
            start = _after_properties(text, event.start_mark.index, event.end_mark.index)
            end = event.end_mark.index
            if event.style in ("|", ">"):
                while end > start and text[end - 1] in "\r\n ":
                    end -= 1  # a block scalar's end mark includes the line breaks after it
            if event.value == "" and not event.style:
                return Node("empty", start, start)
            return Node("scalar", start, end, event.style, text[start:end])
        if isinstance(event, AliasEvent):
            start, end = event.start_mark.index, event.end_mark.index
            return Node("alias", start, end, token=text[start:end])
        flow = bool(getattr(event, "flow_style", False))
        start = event.start_mark.index
        if flow:
            start = _after_properties(text, start, event.end_mark.index)
        if isinstance(event, SequenceStartEvent):
            items: list[Node] = []
            while not self._at_end():
                items.append(self.node())
            closing = self._next()
            end = closing.end_mark.index if flow else max((i.end for i in items), default=start)
            return Node("flow_seq" if flow else "block_seq", start, end, items=items)
        assert isinstance(event, MappingStartEvent)
        mapping = Node("flow_map" if flow else "block_map", start, start)
        last_end = start
        while not self._at_end():
            key_event = self.events[self.position]
            if not isinstance(key_event, ScalarEvent):
                mapping.spliceable = False  # a complex key (`? [a, b]`)
                last_end = max(last_end, self.node().end, self.node().end)
                continue
            self.position += 1
            colon_end = _colon_end(text, key_event.end_mark.index)
            value = self.node()
            if value.kind == "empty":
                value.start = value.end = colon_end
            entry = Entry(str(key_event.value), key_event.start_mark.index, colon_end, value)
            if entry.key in mapping.entries:
                mapping.spliceable = False
            else:
                mapping.entries[entry.key] = entry
            last_end = max(last_end, entry.end)
        closing = self._next()
        mapping.end = closing.end_mark.index if flow else last_end
        return mapping


def layout(text: str) -> Node | None:
    """The node tree of a single YAML document, or None when it is empty."""
    yaml = YAML(typ="rt")
    events = list(yaml.parse(text))
    walker = _Walker(text, events)
    while walker.position < len(events):
        event = events[walker.position]
        if isinstance(event, ScalarEvent | AliasEvent | SequenceStartEvent | MappingStartEvent):
            return walker.node()
        walker.position += 1
    return None
