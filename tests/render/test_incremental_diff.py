"""The changed-line finder the incremental renderer starts every update from."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from postedit.render import incremental_diff
from postedit.render.incremental_diff import normalized, source_lines, text_change

texts = st.text(alphabet="ab\n", max_size=40)


@pytest.mark.parametrize("chunk", [1, 2, 4096])
@given(old=texts, new=texts)
def test_the_change_covers_every_differing_line(chunk: int, old: str, new: str) -> None:
    # Small first chunks make the growing-slice search cross many chunk edges.
    original = incremental_diff._FIRST_CHUNK
    incremental_diff._FIRST_CHUNK = chunk
    try:
        found = text_change(old, old.split("\n"), new)
    finally:
        incremental_diff._FIRST_CHUNK = original
    if old == new:
        assert found is None
        return
    assert found is not None
    change, lines = found
    old_lines, new_lines = old.split("\n"), new.split("\n")
    assert lines == new_lines
    assert old_lines[: change.start] == new_lines[: change.start]
    assert old_lines[change.old_end :] == new_lines[change.new_end :]
    assert change.delta == len(new_lines) - len(old_lines)


def test_lines_are_counted_as_markdown_it_counts_them() -> None:
    assert source_lines("a\r\nb\rc\x0cd\u2028e\0") == ["a", "b", "c\x0cd\u2028e\ufffd"]
    assert normalized("a\r\n\0") == "a\n\ufffd"
