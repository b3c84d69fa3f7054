"""Heading ids across blocks, through `assign_heading_ids` itself.

Ids are deduplicated in document order (Hugo's `-1`, `-2`), so one heading's text
can change the ids of headings far below it. Each id-bearing token (a heading, or a
definition term when terms get ids) keeps an untouched copy of itself as the
per-block rules left it; the document-wide pass runs `assign_heading_ids` over
those copies, exactly as `finish_document` runs it over the whole token stream.
The pass is skipped when the edited blocks' "solo" results (what each token gets
when alone) are unchanged, since then no id anywhere can have changed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from markdown_it.token import Token

from postedit.render.config import MarkupConfig
from postedit.render.md.headings import assign_heading_ids

Attrs = dict[str, Any]


@dataclass
class IdSlot:
    """One token that may get an id, and what it got."""

    token: Token  # the real token, rendered with `assigned` as its attributes
    pristine: Token  # a copy as the per-block rules left it, before any id
    inline: Token  # the token after it (its text)
    solo: tuple[tuple[str, Any], ...]  # its attributes when it is the only one
    assigned: Attrs  # its attributes after the document-wide pass


def _copy(token: Token) -> Token:
    copy = Token(token.type, token.tag, token.nesting)
    copy.attrs = dict(token.attrs)
    copy.meta = dict(token.meta)
    copy.map = token.map
    return copy


def _assign(config: MarkupConfig, tokens: Sequence[Token]) -> None:
    # The arguments finish_document passes.
    assign_heading_ids(
        tokens,
        config.auto_heading_id_type,
        config.auto_heading_id,
        config.auto_definition_term_id,
    )


def id_slots(flow: Sequence[Token], config: MarkupConfig) -> list[IdSlot]:
    """The tokens of a block's flow that may get ids, each with its solo result."""
    kinds = ("heading_open", "dt_open") if config.auto_definition_term_id else ("heading_open",)
    slots: list[IdSlot] = []
    for index, token in enumerate(flow):
        if token.type not in kinds:
            continue
        inline = flow[index + 1]
        alone = _copy(token)
        _assign(config, [alone, inline])
        solo = tuple(alone.attrs.items())
        slots.append(IdSlot(token, _copy(token), inline, solo, dict(alone.attrs)))
    return slots


def assign_ids(slots: Sequence[IdSlot], config: MarkupConfig) -> list[IdSlot]:
    """Run the document-wide pass over `slots` (document order); the slots that changed.

    A changed slot's token gets its new attributes; its block must be rendered again.
    """
    copies: list[Token] = []
    for slot in slots:
        copies += [_copy(slot.pristine), slot.inline]
    _assign(config, copies)
    changed: list[IdSlot] = []
    for slot, copy in zip(slots, copies[0::2], strict=True):
        if copy.attrs != slot.assigned or list(copy.attrs) != list(slot.assigned):
            slot.assigned = dict(copy.attrs)
            changed.append(slot)
        apply(slot)
    return changed


def apply(slot: IdSlot) -> None:
    """Put the slot's assigned attributes on its token (keeping a rendered data-line)."""
    line = slot.token.attrs.get("data-line")
    slot.token.attrs = dict(slot.assigned)
    if line is not None:
        slot.token.attrs["data-line"] = line


def copy_ids(was: Iterable[IdSlot], now: Iterable[IdSlot]) -> None:
    """Slots with the same solo results in the same order end up with the same ids."""
    for old, new in zip(was, now, strict=True):
        new.assigned = dict(old.assigned)
        apply(new)
