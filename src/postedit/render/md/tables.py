"""Tables as Hugo 0.168 writes them: its built-in table render hook's layout.

Hugo renders tables through an embedded template, so the markup has that
template's tab indentation, `style="text-align: left"` alignment and an empty
`<tbody>` when the table has no body rows.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.token import Token


def _fixed(text: str) -> Any:
    def render(_self: Any, _tokens: Sequence[Token], _idx: int, _o: Any, _e: Any) -> str:
        return text

    return render


def _cell_open(tag: str) -> Any:
    def render(_self: Any, tokens: Sequence[Token], idx: int, _o: Any, _e: Any) -> str:
        style = tokens[idx].attrs.get("style")
        align = ""
        if isinstance(style, str) and style.startswith("text-align:"):
            align = f' style="text-align: {style.removeprefix("text-align:").strip()}"'
        return f"\t\t\t\t\t<{tag}{align}>"

    return render


def _thead_close(_self: Any, tokens: Sequence[Token], idx: int, _o: Any, _e: Any) -> str:
    following = tokens[idx + 1].type if idx + 1 < len(tokens) else ""
    empty_body = "" if following == "tbody_open" else "\t<tbody>\n\t</tbody>\n"
    return "\t</thead>\n" + empty_body


def _table_open(self: Any, tokens: Sequence[Token], idx: int, _o: Any, _e: Any) -> str:
    return f"<table{self.renderAttrs(tokens[idx])}>\n"


def install(md: MarkdownIt) -> None:
    """Replace the table render rules."""
    md.add_render_rule("table_open", _table_open)
    md.add_render_rule("table_close", _fixed("</table>\n"))
    md.add_render_rule("thead_open", _fixed("\t<thead>\n"))
    md.add_render_rule("thead_close", _thead_close)
    md.add_render_rule("tbody_open", _fixed("\t<tbody>\n"))
    md.add_render_rule("tbody_close", _fixed("\t</tbody>\n"))
    md.add_render_rule("tr_open", _fixed("\t\t\t<tr>\n"))
    md.add_render_rule("tr_close", _fixed("\t\t\t</tr>\n"))
    md.add_render_rule("th_open", _cell_open("th"))
    md.add_render_rule("th_close", _fixed("</th>\n"))
    md.add_render_rule("td_open", _cell_open("td"))
    md.add_render_rule("td_close", _fixed("</td>\n"))


_DELIMITER_ROW = re.compile(r"[\s|:-]+$")
_DELIMITER_CELL = re.compile(r"^\s*:?-+:?\s*$")
# Lines that open some other block (HTML, quote, heading, reference or footnote,
# list item, fence), which Goldmark would never read as a table header.
_THEMATIC_BREAK = re.compile(r"\s*([-*_])(?:\s*\1){2,}\s*$")
_NOT_PARAGRAPH = re.compile(r"\s*(?:[<>#\[`~]|[-*+](?:\s|$)|\d{1,9}[.)](?:\s|$))")


def _cells(line: str) -> list[str]:
    """A table row's cells split at unescaped pipes, outer pipes dropped."""
    line = line.strip()
    cells: list[str] = []
    current: list[str] = []
    index = 0
    while index < len(line):
        char = line[index]
        if char == "\\" and index + 1 < len(line):
            current.append(line[index : index + 2])
            index += 2
            continue
        if char == "|":
            cells.append("".join(current))
            current = []
        else:
            current.append(char)
        index += 1
    cells.append("".join(current))
    if line.startswith("|"):
        cells = cells[1:]
    if line.endswith("|") and not line.endswith("\\|") and cells:
        cells = cells[:-1]
    return cells


def _padded_header(header: str, delimiter: str) -> str | None:
    """The header row padded to the delimiter row's width, when Goldmark would pad it.

    Goldmark accepts a header with fewer cells than the delimiter row and fills
    it with empty cells; markdown-it refuses such a table.
    """
    if "|" not in delimiter and "|" not in header:
        return None
    if _NOT_PARAGRAPH.match(header) or _THEMATIC_BREAK.match(header):
        return None  # the line starts another kind of block: no table header
    wanted = _cells(delimiter)
    if not wanted or not all(_DELIMITER_CELL.match(cell) for cell in wanted):
        return None
    missing = len(wanted) - len(_cells(header))
    if missing <= 0 or not header.strip():
        return None
    row = header.rstrip()
    if not row.endswith("|") or row.endswith("\\|"):
        row += " |"  # the space keeps a trailing backslash from escaping the pipe
    return row + " |" * missing


def _unalign_padding(state: StateBlock, tokens: list[Token], rows: dict[int, str]) -> None:
    """Drop the alignment of cells a row did not have (Goldmark pads them unaligned).

    `rows` overrides the source text of some lines (the header before padding).
    """
    width = 0
    column = 0
    for token in tokens:
        if token.type == "tr_open" and token.map is not None:
            line = token.map[0]
            text = rows.get(line)
            if text is None:
                text = state.getLines(line, line + 1, state.blkIndent, False)
            width = len(_cells(text))
            column = 0
        elif token.type in ("th_open", "td_open"):
            if column >= width:
                token.attrs.pop("style", None)
            column += 1


def install_padding(md: MarkdownIt) -> None:
    """Wrap markdown-it's table rule so narrower headers are padded, as Goldmark does."""
    original = md.block.ruler.__rules__[md.block.ruler.__find__("table")].fn

    def table(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        first = len(state.tokens)
        if original(state, start, end, silent):
            if not silent:
                _unalign_padding(state, state.tokens[first:], {})
            return True
        if start + 1 >= end or state.sCount[start] - state.blkIndent >= 4:
            return False
        delimiter = state.src[
            state.bMarks[start + 1] + state.tShift[start + 1] : state.eMarks[start + 1]
        ]
        if "-" not in delimiter or not _DELIMITER_ROW.match(delimiter):
            return False
        if "|" not in delimiter and "|" not in state.src[state.bMarks[start] : state.eMarks[start]]:
            return False  # not a table, nor a narrower header to pad (see `_padded_header`)
        # The table runs to the next blank line at most.
        stop = start + 2
        while stop < end and not state.isEmpty(stop):
            stop += 1
        lines = state.getLines(start, stop, state.blkIndent, False).split("\n")
        header = _padded_header(lines[0], lines[1])
        if header is None:
            return False
        if silent:
            return True
        tokens: list[Token] = []
        md.block.parse("\n".join([header, *lines[1:]]), md, state.env, tokens)
        if not tokens or tokens[0].type != "table_open" or tokens[0].map is None:
            return False
        # The table is the first block of the sub-parse: up to its closing token.
        depth = 0
        table_tokens: list[Token] = []
        for token in tokens:
            depth += token.nesting
            if token.map is not None:
                token.map = [token.map[0] + start, token.map[1] + start]
            token.level += state.level
            table_tokens.append(token)
            if depth == 0:
                break
        _unalign_padding(state, table_tokens, {start: lines[0]})
        state.tokens.extend(table_tokens)
        table_map = table_tokens[0].map
        state.line = table_map[1] if table_map else start + 1
        return True

    md.block.ruler.at("table", table, {"alt": ["paragraph", "reference"]})
