"""The editor's line-by-line Markdown colouring: spans and the state across lines."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from postedit.render import syntax
from postedit.render.syntax import (
    FENCE_BASE,
    IN_COMMENT,
    NORMAL,
    Span,
    SpanKind,
    line_spans,
    painted,
)


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


# The inline patterns as they were before each got a trigger and a literal start:
# the faster ones must find exactly the same stretches.
_PLAIN_PATTERNS = (
    (r"(?<![*\w])\*(?![\s*])(?:[^*\n]*?[^\s*])?\*(?!\*)", SpanKind.EMPHASIS),
    (r"(?<![_\w])_(?![\s_])(?:[^_\n]*?[^\s_])?_(?![_\w])", SpanKind.EMPHASIS),
    (r"\*\*(?!\s)[^\n]*?(?<!\s)\*\*|__(?!\s)[^\n]*?(?<!\s)__", SpanKind.STRONG),
    (r"~~(?!\s)[^\n]*?(?<!\s)~~", SpanKind.STRIKE),
    (r"!?\[[^\]\n]*\](?=[(\[])", SpanKind.LINK_TEXT),
    (r"(?<=\])\([^)\s]*(?:\s+\"[^\"]*\")?\)|(?<=\])\[[^\]\n]*\]", SpanKind.URL),
    (r"<(?:https?|mailto|ftp):[^>\s]*>|\bhttps?://[^\s<>()]+", SpanKind.URL),
    (r"\[\^[^\]\s]+\]", SpanKind.FOOTNOTE),
    (r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>", SpanKind.HTML),
    (r"(`+)(?!`).*?(?<!`)\1(?!`)", SpanKind.CODE),
    (r"\{\{[<%].*?[%>]\}\}", SpanKind.SHORTCODE),
)
_MARKDOWNISH = st.text(alphabet="ab _*~[]()!<>/`{}%:^h tps.-", max_size=60)


def _plain_inline(line: str) -> list[tuple[int, int, SpanKind]]:
    found = []
    for pattern, kind in _PLAIN_PATTERNS:
        found += [(m.start(), m.end() - m.start(), kind) for m in re.finditer(pattern, line)]
    return sorted(found)


@given(_MARKDOWNISH)
def test_fast_inline_patterns_find_what_the_plain_ones_did(line: str) -> None:
    spans: list[Span] = []
    syntax._inline_spans(line, 0, spans)
    assert sorted((s.start, s.length, s.kind) for s in spans) == _plain_inline(line)


def test_url_patterns_on_links() -> None:
    line = "See [a](https://x.org) and [b][ref], <mailto:me@x.org> or http://y.org/z."
    spans: list[Span] = []
    syntax._inline_spans(line, 0, spans)
    assert sorted((s.start, s.length, s.kind) for s in spans) == _plain_inline(line)


def test_a_plain_line_has_no_spans_and_keeps_the_state() -> None:
    assert line_spans("Gewone tekst, zonder opmaak: zoals de meeste regels.") == ([], NORMAL)
    assert line_spans("", IN_COMMENT) == ([], IN_COMMENT)
    assert line_spans("   ", NORMAL) == ([], NORMAL)


def test_a_very_long_fence_still_closes() -> None:
    _, state = line_spans("`" * 500)
    assert state >= FENCE_BASE
    assert line_spans("`" * 100, state)[1] == state
    assert line_spans("`" * 500, state)[1] == NORMAL


def test_painted_spans_do_not_overlap_and_the_later_wins() -> None:
    spans = [
        Span(0, 10, SpanKind.HEADING),
        Span(3, 4, SpanKind.CODE),
    ]
    assert painted(spans) == [
        Span(0, 3, SpanKind.HEADING),
        Span(3, 4, SpanKind.CODE),
        Span(7, 3, SpanKind.HEADING),
    ]
    apart = [Span(5, 2, SpanKind.CODE), Span(0, 2, SpanKind.EMPHASIS)]
    assert painted(apart) == sorted(apart)
    assert painted([]) == []


@given(_MARKDOWNISH, st.sampled_from([NORMAL, IN_COMMENT]))
def test_painted_gives_each_character_its_last_span(line: str, state: int) -> None:
    spans, _ = line_spans(line, state)
    expected: list[SpanKind | None] = [None] * len(line)
    for span in spans:
        expected[span.start : span.start + span.length] = [span.kind] * span.length
    got: list[SpanKind | None] = [None] * len(line)
    previous_end = 0
    for span in painted(spans):
        assert span.start >= previous_end and span.length > 0
        previous_end = span.start + span.length
        got[span.start : previous_end] = [span.kind] * span.length
    assert got == expected


def test_an_address_after_a_lone_bracket_is_still_coloured() -> None:
    """Found by hypothesis: `]()` has no trigger but `]`, which the quick check missed."""
    assert kinds("]()") == [("()", SpanKind.URL)]
