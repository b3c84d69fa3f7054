"""The editor's line-by-line Markdown colouring: spans and the state across lines."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from postedit.render.syntax import FENCE_BASE, IN_COMMENT, NORMAL, SpanKind, line_spans


def kinds(line: str, state: int = NORMAL) -> list[tuple[str, SpanKind]]:
    spans, _ = line_spans(line, state)
    return [(line[s.start : s.start + s.length], s.kind) for s in spans]


def test_heading_line_is_one_span() -> None:
    assert (("## Planning & uitvoering", SpanKind.HEADING)) in kinds("## Planning & uitvoering")


def test_hash_without_space_is_not_a_heading() -> None:
    assert all(kind is not SpanKind.HEADING for _, kind in kinds("#hashtag"))


def test_inline_marks() -> None:
    found = kinds("Some **bold**, *soft*, `code` and ~~gone~~ [a link](https://example.org).")
    assert ("**bold**", SpanKind.STRONG) in found
    assert ("*soft*", SpanKind.EMPHASIS) in found
    assert ("`code`", SpanKind.CODE) in found
    assert ("~~gone~~", SpanKind.STRIKE) in found
    assert ("[a link]", SpanKind.LINK_TEXT) in found
    assert ("(https://example.org)", SpanKind.URL) in found


def test_shortcodes_and_html() -> None:
    found = kinds('{{< figure src="x.jpg" >}} and <span class="x">, {{% callout %}}')
    assert ('{{< figure src="x.jpg" >}}', SpanKind.SHORTCODE) in found
    assert ("{{% callout %}}", SpanKind.SHORTCODE) in found
    assert ('<span class="x">', SpanKind.HTML) in found


def test_list_markers_and_quotes() -> None:
    assert ("-", SpanKind.LIST_MARKER) in kinds("- item")
    assert ("12.", SpanKind.LIST_MARKER) in kinds("12. item")
    assert ("- [x]", SpanKind.LIST_MARKER) in kinds("- [x] done")
    assert ("> ", SpanKind.QUOTE) in kinds("> quoted")
    assert all(kind is not SpanKind.LIST_MARKER for _, kind in kinds("-not a list"))


def test_rule() -> None:
    assert kinds("---") == [("---", SpanKind.RULE)]
    assert kinds("* * *") == [("* * *", SpanKind.RULE)]


def test_fenced_code_carries_state_until_matching_fence() -> None:
    _, state = line_spans("````python")
    assert state >= FENCE_BASE
    assert kinds("**not bold** in code", state) == [("**not bold** in code", SpanKind.CODE)]
    _, still = line_spans("```", state)  # shorter fence does not close
    assert still == state
    _, closed = line_spans("`````", state)
    assert closed == NORMAL
    _, tilde = line_spans("~~~")
    assert line_spans("```", tilde)[1] == tilde


def test_backtick_fence_with_backtick_in_info_is_inline_code() -> None:
    _, state = line_spans("``` a ` b")
    assert state == NORMAL


def test_html_comment_across_lines() -> None:
    spans, state = line_spans("text <!-- a comment")
    assert state == IN_COMMENT
    assert spans[-1].kind is SpanKind.COMMENT
    spans, state = line_spans("still comment --> after *soft*", IN_COMMENT)
    assert state == NORMAL
    assert ("*soft*", SpanKind.EMPHASIS) in kinds("still comment --> after *soft*", IN_COMMENT)


@given(st.text(max_size=200), st.sampled_from([NORMAL, IN_COMMENT, FENCE_BASE + 6, FENCE_BASE + 7]))
def test_spans_stay_inside_the_line(line: str, state: int) -> None:
    line = line.replace("\n", " ")
    spans, end_state = line_spans(line, state)
    assert end_state >= 0
    for span in spans:
        assert span.start >= 0 and span.length >= 0 and span.start + span.length <= len(line)
