"""The shortcode parser reads calls as Hugo's page lexer does (facts checked against Hugo 0.168)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from postedit.render.shortcodes.parser import Broken, Shortcode, Text, parse, typed_value

KNOWN = {"b": False, "w": True, "figure": False}


def takes_inner(name: str) -> bool | None:
    return KNOWN.get(name)


def only_shortcode(text: str) -> Shortcode:
    nodes = [node for node in parse(text, takes_inner) if not isinstance(node, Text)]
    assert len(nodes) == 1
    assert isinstance(nodes[0], Shortcode)
    return nodes[0]


@pytest.mark.parametrize(
    ("raw", "quoted", "value"),
    [
        ("true", False, True),
        ("false", False, False),
        ("42", False, 42),
        ("-7", False, -7),
        ("+3", False, 3),
        ("4.5", False, 4.5),
        (".5", False, 0.5),
        ("4.", False, "4."),
        ("1e3", False, "1e3"),
        ("42", True, "42"),
        ("true", True, "true"),
        ("abc", False, "abc"),
    ],
)
def test_values_are_typed_as_hugo_types_them(raw: str, quoted: bool, value: object) -> None:
    result = typed_value(raw, quoted)
    assert result == value
    assert type(result) is type(value)


def test_positional_params_of_every_kind() -> None:
    call = only_shortcode('{{< b 1 true 42 "42" 4.5 `raw\\n` "q\\"x" bare-id >}}')
    assert call.params == [1, True, 42, "42", 4.5, "raw\\n", 'q"x', "bare-id"]
    assert call.name == "b"
    assert not call.markdown


def test_named_params_quoted_raw_and_bare() -> None:
    call = only_shortcode('{{% b a=1 b=true c="x y" d=`r"aw` e=/img/a.jpg %}}')
    assert call.params == {"a": 1, "b": True, "c": "x y", "d": 'r"aw', "e": "/img/a.jpg"}
    assert call.markdown


def test_escaped_quote_drops_every_backslash_like_hugo() -> None:
    # Hugo's lexer removes all backslashes of a value once it saw an escaped quote.
    assert only_shortcode('{{< b "a\\\\b \\"c\\"" >}}').params == ['ab "c"']
    assert only_shortcode('{{< b "a\\\\b" >}}').params == ["a\\\\b"]


def test_whitespace_and_newlines_inside_the_tag() -> None:
    call = only_shortcode("{{<\n  b\n  x=1\n>}}")
    assert call.params == {"x": 1}


def test_paired_call_collects_inner_and_nested_calls() -> None:
    call = only_shortcode("{{< w >}}a {{< b >}} {{% w %}}c{{% /w %}}{{< /w >}}")
    assert call.closed
    kinds = [type(node).__name__ for node in call.inner]
    assert kinds == ["Text", "Shortcode", "Text", "Shortcode"]
    nested = [node for node in call.inner if isinstance(node, Shortcode)]
    assert [node.ordinal for node in nested] == [0, 1]
    assert nested[1].markdown and nested[1].inner == [Text("c", 30, 31)]


def test_ordinals_count_top_level_calls() -> None:
    nodes = parse("{{< b >}}{{< w >}}{{< b >}}{{< /w >}}{{< b >}}", takes_inner)
    assert [node.ordinal for node in nodes if isinstance(node, Shortcode)] == [0, 1, 2]


def test_self_closing() -> None:
    call = only_shortcode("{{< w />}}")
    assert call.closed and call.inner == []


def test_escaped_shortcodes_become_their_text() -> None:
    nodes = parse("{{</* b x=1 */>}} and {{%/* w */%}}", takes_inner)
    assert "".join(node.text for node in nodes if isinstance(node, Text)) == (
        "{{< b x=1 >}} and {{% w %}}"
    )


def test_indentation_is_whitespace_before_the_call_on_its_line() -> None:
    assert only_shortcode("x\n   {{< b >}}").indentation == "   "
    assert only_shortcode("x  {{< b >}}").indentation == ""
    assert only_shortcode("> {{< b >}}").indentation == ""


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("{{< b", "unclosed shortcode action"),
        ("{{< >}}", "shortcode has no name"),
        ("{{< b a=1 2 >}}", "Cannot mix named and positional"),
        ("{{< b 2 a=1 >}}", "Cannot mix named and positional"),
        ('{{< b "open >}}', "unterminated quoted string"),
        ("{{< b `open >}}", "unterminated raw string"),
        ("{{< b :x >}}", "unrecognized character"),
        ("{{< w >}}never closed", "must be closed"),
        ("{{< /w >}}", "without an opening tag"),
        ("{{< b />}}", "does not evaluate .Inner"),
        ("{{< unknown >}}", "unknown shortcode"),
        ("{{</* b >}}", "comment must be closed"),
        ("{{< w >}}x{{< /b >}}{{< /w >}}", "does not match start tag"),
    ],
)
def test_broken_calls_are_nodes_with_a_reason(text: str, reason: str) -> None:
    broken = [node for node in parse(text, takes_inner) if isinstance(node, Broken)]
    if not broken:  # a mismatch inside a paired call lands in its inner nodes
        broken = [
            inner
            for node in parse(text, takes_inner)
            if isinstance(node, Shortcode)
            for inner in node.inner
            if isinstance(inner, Broken)
        ]
    assert broken, text
    assert reason in broken[0].reason


def test_unknown_paired_call_is_one_problem_with_its_inner() -> None:
    nodes = parse("a {{< nope >}}inner{{< /nope >}} b", takes_inner)
    assert [type(node).__name__ for node in nodes] == ["Text", "Broken", "Text"]
    assert nodes[1].end == len("a {{< nope >}}inner{{< /nope >}}")


def test_text_after_a_broken_tag_still_parses() -> None:
    nodes = parse("{{< b :x >}} then {{< b >}}", takes_inner)
    assert isinstance(nodes[0], Broken)
    assert isinstance(nodes[-1], Shortcode)


@given(st.text(alphabet=st.sampled_from(list('{}<>%/*"`=ab w\n\\ 1.')), max_size=80))
def test_parse_never_raises_and_covers_the_text_in_order(text: str) -> None:
    nodes = parse(text, takes_inner)
    position = 0
    for node in nodes:
        assert node.start == position
        assert node.end > node.start
        position = node.end
    assert position == len(text)
