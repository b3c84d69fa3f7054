"""The Go template language, html/template escaping and Hugo's functions, case by case.

Expected outputs follow Go's text/template and html/template and Hugo 0.168; the
cases that real Hugo can check are also in test_gotemplate_hugo.py.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from postedit.render.gotemplate import (
    DefaultHost,
    SafeCSS,
    SafeHTML,
    SafeHTMLAttr,
    SafeJS,
    SafeURL,
    TemplateError,
    TemplateHost,
    TemplateSet,
    parse,
)


def text(template: str, data: Any = None, **kwargs: Any) -> str:
    return parse(template, "t").execute(data, html=False, **kwargs)


def html(template: str, data: Any = None, host: TemplateHost | None = None) -> str:
    return parse(template, "t").execute(data, host)


class Thing:
    """A Go struct with fields and methods, as Hugo's Page or Shortcode."""

    Title = "T"
    Count = 3

    def __init__(self) -> None:
        self.Params = {"color": "red", "tags": ["a", "b"]}
        self.Callback = lambda x: f"cb:{x}"

    def Get(self, key: Any) -> Any:
        return {0: "zero", "name": "named"}.get(key)

    def Greet(self, who: str, punctuation: str = "!") -> str:
        return f"hi {who}{punctuation}"

    def Fail(self) -> str:
        raise RuntimeError("boom")


LANGUAGE = [
    # text, comments, trimming
    ("plain", None, "plain"),
    ("a {{/* comment */}} b", None, "a  b"),
    ("a {{- /* comment */ -}} b", None, "ab"),
    ("a  {{- 1 -}}  b", None, "a1b"),
    ("a\n\t{{- 1 }}\n", None, "a1\n"),
    ("{{ -3 }}", None, "-3"),
    ("{{3 -}} x", None, "3x"),
    # literals
    (
        "{{ \"a\\tb\" }}|{{ `raw\\n` }}|{{ 'a' }}|{{ 0x1F }}|{{ 1_000 }}|{{ 1e3 }}|{{ 017 }}",
        None,
        "a\tb|raw\\n|97|31|1000|1000|15",
    ),
    ("{{ true }} {{ false }} {{ print nil }}", None, "true false <nil>"),
    # fields, maps, methods
    ("{{ .Title }} {{ .Count }} {{ .Params.color }} {{ .Params.tags }}", Thing(), "T 3 red [a b]"),
    (
        '{{ .Get 0 }} {{ .Get "name" }} {{ .Greet "you" }} {{ .Greet "x" "?" }}',
        Thing(),
        "zero named hi you! hi x?",
    ),
    ('{{ .Callback "v" }}|{{ "p" | .Greet }}', Thing(), "cb:v|hi p!"),
    ("{{ .a.b.c }}", {"a": {"b": {"c": 1}}}, "1"),
    ("{{ .missing }}|{{ .a.missing.deeper }}", {"a": {}}, "<no value>|<no value>"),
    ("{{ $x := .Params }}{{ $x.color }}{{ $.Title }}", Thing(), "redT"),
    ('{{ (index .Params "tags") }}', Thing(), "[a b]"),
    ("{{ . }}", {"b": 1, "a": [1, 2.5]}, "map[a:[1 2.5] b:1]"),
    # control flow
    ("{{ if .x }}yes{{ end }}{{ if .y }}no{{ else }}else{{ end }}", {"x": 1, "y": 0}, "yeselse"),
    ("{{ if .a }}a{{ else if .b }}b{{ else if .c }}c{{ else }}d{{ end }}", {"c": "x"}, "c"),
    ("{{ with .x }}{{ . }}{{ else }}none{{ end }}", {"x": ""}, "none"),
    ("{{ with .x }}{{ . }}{{ else with .y }}y={{ . }}{{ end }}", {"y": 2}, "y=2"),
    ("{{ range . }}[{{ . }}]{{ end }}", ["a", "b"], "[a][b]"),
    ("{{ range $i, $v := . }}{{ $i }}{{ $v }}{{ end }}", ["a", "b"], "0a1b"),
    ("{{ range $k, $v := . }}{{ $k }}={{ $v }};{{ end }}", {"b": 2, "a": 1}, "a=1;b=2;"),
    ("{{ range $v := . }}{{ $v }}{{ end }}", {"b": 2, "a": 1}, "12"),
    ("{{ range 3 }}{{ . }}{{ end }}", None, "012"),
    ("{{ range . }}x{{ else }}empty{{ end }}", [], "empty"),
    ("{{ range .none }}x{{ else }}nil is empty{{ end }}", {}, "nil is empty"),
    (
        "{{ range . }}{{ if eq . 3 }}{{ break }}{{ end }}{{ if eq . 1 }}{{ continue }}{{ end }}{{ . }}{{ end }}",
        [0, 1, 2, 3, 4],
        "02",
    ),
    # variables and scope
    ("{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ end }}{{ $x }}", None, "2"),
    ("{{ $x := 1 }}{{ if true }}{{ $x := 2 }}{{ $x }}{{ end }}{{ $x }}", None, "21"),
    ("{{ range $i, $e := . }}{{ end }}{{ $x := 5 }}{{ $x }}", [1], "5"),
    ("{{ $ }}", 7, "7"),
    # pipelines and parentheses
    ('{{ "a" | printf "%s-%s" "b" }}', None, "b-a"),
    ('{{ (len .) | printf "%03d" }}', [1, 2], "002"),
    ('{{ (dict "k" (dict "n" "v")).k.n }}', None, "v"),
    ("{{ ($x := 3) }}{{ $x }}", None, "33"),
    # and / or / not short-circuit and return the operand
    ('{{ and 1 0 }} {{ and 1 2 }} {{ or 0 "" }} {{ or 0 "x" }} {{ not 0 }}', None, "0 2  x true"),
    ("{{ or 1 .Fail }} {{ and 0 .Fail }}", Thing(), "1 0"),
    # define / template / block
    (
        '{{ define "x" }}<{{ . }}>{{ end }}{{ template "x" 1 }}{{ template "x" }}',
        None,
        "<1><<no value>>",
    ),
    ('{{ block "b" . }}[{{ . }}]{{ end }}', "d", "[d]"),
    # printing
    (
        "{{ 1.5 }} {{ 1e6 }} {{ 123456.0 }} {{ 0.0001 }} {{ 0.00001 }} {{ -0.5 }}",
        None,
        "1.5 1e+06 123456 0.0001 1e-05 -0.5",
    ),
    ('{{ print 1 2 "a" "b" 3 }}|{{ println 1 "a" }}', None, "1 2ab3|1 a\n"),
    ("{{ . }}", dt.datetime(2024, 3, 5, 10, 4, 5, tzinfo=dt.UTC), "2024-03-05 10:04:05 +0000 UTC"),
]


@pytest.mark.parametrize(("template", "data", "expected"), LANGUAGE)
def test_language(template: str, data: Any, expected: str) -> None:
    assert text(template, data) == expected


PRINTF = [
    ("%s|%d|%v|%t", ("s", 42, 1.25, True), "s|42|1.25|true"),
    ("%q|%q", ('a"b', 65), '"a\\"b"|\'A\''),
    (
        "%f|%.2f|%.0f|%6.2f|%-8.3f|%08.3f",
        (3.14159,) * 6,
        "3.141590|3.14|3|  3.14|3.142   |0003.142",
    ),
    ("%x|%X|%#x|%o|%b|%c|%U", (255, 255, 255, 8, 5, 9731, 9731), "ff|FF|0xff|10|101|☃|U+2603"),
    ("%x", ("hi",), "6869"),
    (
        "%5s|%-5s|%.2s|%5d|%-5d|%05d|%+d",
        ("ab", "ab", "abc", 42, 42, 42, 42),
        "   ab|ab   |ab|   42|42   |00042|+42",
    ),
    ("%e|%g|%g|%G", (1234.5678, 0.00001234, 100000.0, 1e21), "1.234568e+03|1.234e-05|100000|1E+21"),
    ("%v|%v|%v", ([1, "a"], {"k": "v"}, None), "[1 a]|map[k:v]|<nil>"),
    ("%d %s", ("x",), "%!d(string=x) %!s(MISSING)"),
    ("%s", (5,), "%!s(int=5)"),
    ("%d", (1.5,), "%!d(float64=1.5)"),
    ("a", ("extra",), "a%!(EXTRA string=extra)"),
    ("100%%", (), "100%"),
    ("%T %T %T %T", (1, 1.0, "s", [1]), "int float64 string []interface {}"),
]


@pytest.mark.parametrize(("fmt", "args", "expected"), PRINTF)
def test_printf(fmt: str, args: tuple[Any, ...], expected: str) -> None:
    assert (
        text(
            "{{ printf .fmt " + " ".join(f"(index .args {i})" for i in range(len(args))) + " }}",
            {"fmt": fmt, "args": list(args)},
        )
        == expected
    )


ERRORS = [
    ("{{ foo }}", 't:1: function "foo" not defined'),
    ("a\nb\n{{ nope 1 }}", 't:3: function "nope" not defined'),
    ("{{ $x }}", 't:1: undefined variable "$x"'),
    ("{{ if true }}x", "t:1: unexpected EOF"),
    ("{{ end }}", "unexpected {{end}}"),
    ("{{ break }}", "{{break}} outside {{range}}"),
    ("{{ .x", "unclosed action"),
    ("{{ (1 }}", "unclosed left paren"),
    ("{{/* x }}", "unclosed comment"),
    ('{{ template "nope" }}', 'template "nope" not defined'),
    ("{{ .Title.Foo }}", "can't evaluate field Foo in type string"),
    ("{{ .Nope }}", "can't evaluate field Nope in type Thing"),
    ("{{ .Fail }}", "error calling Fail: boom"),
    ('{{ "x" 1 }}', 'can\'t give argument to non-function "x"'),
    ("{{ nil }}", "nil is not a command"),
    ("{{ .Params.color 1 }}", "color is not a method but has arguments"),
    ('{{ errorf "bad %s" "thing" }}', "t:1: error calling errorf: bad thing"),
    ("{{ index (slice 1) 5 }}", "error calling index: index out of range: 5"),
    ('{{ add "a" 1 }}', "error calling add: can't apply the operator to the values"),
    ("{{ div 1 0 }}", "can't divide the value by 0"),
    ('{{ strings.Nope "x" }}', "can't evaluate field Nope in type *strings.Namespace"),
    ("{{ range 3.5 }}{{ end }}", "range can't iterate over 3.5"),
    ("{{ dict 1 }}", "invalid dictionary call"),
    ("{{ return 1 }}", "return is only allowed in partials"),
]


@pytest.mark.parametrize(("template", "message"), ERRORS)
def test_errors_name_the_template_and_line(template: str, message: str) -> None:
    with pytest.raises(TemplateError) as raised:
        text(template, Thing())
    assert message in str(raised.value)
    assert str(raised.value).startswith("template: ")


def test_unknown_function_fails_at_parse_time() -> None:
    with pytest.raises(TemplateError, match=r'^template: card:2: function "nope" not defined$'):
        parse("{{ if false }}\n{{ nope }}{{ end }}", "card")


def test_parse_is_cached_by_text() -> None:
    assert parse("{{ .x }}", "a") is parse("{{ .x }}", "a")
    assert parse("{{ .x }}", "a") is not parse("{{ .y }}", "a")


def test_missing_key_prints_no_value_in_text_and_nothing_in_html() -> None:
    assert text("[{{ .x }}]", {}) == "[<no value>]"
    assert html("[{{ .x }}]", {}) == "[]"
    assert html("[{{ .x }}]", {"x": None}) == "[]"


ESCAPING = [
    # text
    (
        "{{ . }}",
        "<a href=\"x\">'&'+</a>\0",
        "&lt;a href=&#34;x&#34;&gt;&#39;&amp;&#39;&#43;&lt;/a&gt;\ufffd",
    ),
    ("{{ . }}", SafeHTML("<b>ok</b>"), "<b>ok</b>"),
    ("a < b {{ 1 }} <!-- gone --> <!DOCTYPE html>", None, "a &lt; b 1  <!DOCTYPE html>"),
    ("<textarea>{{ . }}</textarea>", SafeHTML("<b>"), "<textarea>&lt;b&gt;</textarea>"),
    # attributes
    (
        "<p title=\"{{ . }}\" data-x='{{ . }}'>",
        "a\"b'c",
        "<p title=\"a&#34;b&#39;c\" data-x='a&#34;b&#39;c'>",
    ),
    ("<p class={{ . }}>", "a b=c", "<p class=a&#32;b&#61;c>"),
    ('<p title="{{ . }}">', SafeHTML("<b>x</b> & y"), '<p title="x & y">'),
    ("<p {{ . }}>", SafeHTMLAttr('title="t"'), '<p title="t">'),
    ("<p {{ . }}>", "onclick", "<p ZgotmplZ>"),
    # URLs
    ('<a href="{{ . }}">', "javascript:alert(1)", '<a href="#ZgotmplZ">'),
    ('<a href="{{ . }}">', SafeURL("javascript:alert(1)"), '<a href="javascript:alert%281%29">'),
    (
        '<a href="{{ . }}">',
        "https://x.org/a b/é?q=1&r=<2>",
        '<a href="https://x.org/a%20b/%c3%a9?q=1&amp;r=%3c2%3e">',
    ),
    ('<a href="/s?q={{ . }}">', "a b&c/d", '<a href="/s?q=a%20b%26c%2fd">'),
    ('<a href="{{ . }}">', "/a%20b%zz", '<a href="/a%20b%25zz">'),
    ('<img src="{{ . }}" srcset="{{ . }} 2x">', "/i.png", '<img src="/i.png" srcset="/i.png 2x">'),
    ('<a data-url="{{ . }}">', "javascript:x", '<a data-url="#ZgotmplZ">'),
    # CSS
    ('<p style="color: {{ . }}">', "red", '<p style="color: red">'),
    ('<p style="color: {{ . }}">', "expression(alert(1))", '<p style="color: ZgotmplZ">'),
    ('<p style="{{ . }}">', SafeCSS("color: red; x: y"), '<p style="color: red; x: y">'),
    (
        "<style>p { font-family: '{{ . }}' }</style>",
        "a<b>",
        "<style>p { font-family: 'a\\3c b\\3e ' }</style>",
    ),
    ("<style>/* c */p{}</style>", None, "<style> p{}</style>"),
    # JS
    (
        "<script>var x = {{ . }};</script>",
        'a"</script>',
        '<script>var x = "a\\"\\u003c/script\\u003e";</script>',
    ),
    ("<script>var x = {{ . }};</script>", 5, "<script>var x =  5 ;</script>"),
    (
        "<script>var x = {{ . }};</script>",
        {"b": [1, None], "a": True},
        '<script>var x = {"a":true,"b":[1,null]};</script>',
    ),
    ("<script>var x = {{ . }};</script>", SafeJS("f()"), "<script>var x = f();</script>"),
    (
        "<script>var x = '{{ . }}';</script>",
        "it's </b>\n",
        "<script>var x = 'it\\u0027s \\u003c\\/b\\u003e\\n';</script>",
    ),
    ('<a onclick="f({{ . }})">', "x", '<a onclick="f(&#34;x&#34;)">'),
    ("<script>// gone\nvar a = 1; /* gone */</script>", None, "<script>\nvar a = 1;  </script>"),
]


@pytest.mark.parametrize(("template", "data", "expected"), ESCAPING)
def test_html_escaping_by_context(template: str, data: Any, expected: str) -> None:
    assert html(template, data) == expected


def test_a_template_must_end_in_text_context() -> None:
    with pytest.raises(TemplateError, match="ends in a non-text context"):
        html('<a href="{{ . }}>x', "y")
    assert text('<a href="{{ . }}>x', "y") == '<a href="y>x'


def test_html_and_urlquery_at_the_end_of_a_pipeline_are_not_doubled() -> None:
    assert (
        html('{{ html "<a>" }}|{{ "<a>" | html }}|{{ "x y" | urlquery }}')
        == "&lt;a&gt;|&lt;a&gt;|x&#43;y"
    )
    assert html('<a href="/?q={{ "a b&c" | urlquery }}">') == '<a href="/?q=a&#43;b%26c">'


FUNCTIONS = [
    # compare
    (
        '{{ eq 1 1.0 }} {{ eq "a" "b" "a" }} {{ ne 1 2 }} {{ lt "10" "9" }} {{ lt 2 "10" }} {{ ge 2 2 }}',
        "true true true true true true",
    ),
    (
        '{{ default "d" "" }} {{ default "d" 0 }} {{ default "d" false }} {{ default "d" .none }} {{ "v" | default "d" }}',
        "d d false d v",
    ),
    ('{{ cond true 1 2 }} {{ cond "" 1 2 }}', "1 2"),
    # collections
    (
        '{{ dict "a" 1 "b" (slice 1 2) }} {{ slice }} {{ len (dict "a" 1) }} {{ len "héllo" }}',
        "map[a:1 b:[1 2]] [] 1 6",
    ),
    (
        '{{ index (dict "a" (slice 1 2)) "a" 1 }} {{ index (dict) "x" }} {{ index "abc" 0 }}',
        "2 <nil> 97",
    ),
    (
        '{{ isset (dict "a" nil) "a" }} {{ isset (slice 1) 1 }} {{ in (slice 1 2) 2.0 }} {{ in "team" "ea" }}',
        "true false true true",
    ),
    (
        "{{ first 2 (slice 1 2 3) }} {{ last 1 (slice 1 2 3) }} {{ after 2 (slice 1 2 3) }} {{ uniq (slice 1 1 2) }}",
        "[1 2] [3] [3] [1 2]",
    ),
    (
        "{{ seq 3 }} {{ seq -2 }} {{ seq 2 4 }} {{ seq 0 5 10 }} {{ seq 3 1 }}",
        "[1 2 3] [-1 -2] [2 3 4] [0 5 10] [3 2 1]",
    ),
    (
        "{{ append 3 (slice 1 2) }} {{ append (slice 3) (slice 1 2) }} {{ append 3 4 (slice) }}",
        "[1 2 3] [1 2 3] [3 4]",
    ),
    ('{{ delimit (slice 1 2 3) ", " " & " }} {{ delimit (dict "b" 2 "a" 1) "" }}', "1, 2 & 3 12"),
    (
        '{{ range where .items "n" "gt" 1 }}{{ .n }}{{ end }} {{ range where .items "Params.c" "red" }}{{ .n }}{{ end }} {{ len (where .items "n" "not in" (slice 1 2)) }}',
        "23 1 1",
    ),
    (
        '{{ range sort .items "n" "desc" }}{{ .n }}{{ end }} {{ sort (slice "b" "a") }} {{ sort (dict "b" 1 "a" 2) }} {{ sort (dict "b" 1 "a" 2) "value" }}',
        "321 [a b] [2 1] [1 2]",
    ),
    (
        "{{ intersect (slice 1 2 3) (slice 2 3 4) }} {{ union (slice 1 2) (slice 2 3) }} {{ complement (slice 1) (slice 1 2) }} {{ symdiff (slice 1 2) (slice 2 3) }}",
        "[2 3] [1 2 3] [2] [1 3]",
    ),
    (
        '{{ (merge (dict "a" 1) (dict "a" 2 "b" 3)) }} {{ querify "b" 2 "a" "x y" }} {{ collections.Reverse (slice 1 2) }}',
        "map[a:2 b:3] a=x+y&b=2 [2 1]",
    ),
    ('{{ $s := newScratch }}{{ $s.Set "a" 1 }}{{ $s.Add "a" 2 }}{{ $s.Get "a" }}', "3"),
    # math and casts
    (
        "{{ add 1 2 }} {{ add 1 .5 }} {{ sub 1 3 }} {{ mul 2 3 }} {{ div 7 2 }} {{ div -7 2 }} {{ div 1.0 4 }} {{ mod -7 3 }} {{ modBool 4 2 }}",
        "3 1.5 -2 6 3 -3 0.25 -1 true",
    ),
    (
        '{{ add "a" "b" }} {{ math.Round 2.5 }} {{ math.Round -0.5 }} {{ math.Ceil 1.1 }} {{ math.Floor -1.1 }} {{ math.Max 1 2 }} {{ math.Pow 2 3 }}',
        "ab 3 -1 2 -2 2 8",
    ),
    (
        '{{ int "42" }} {{ int 3.9 }} {{ int "010" }} {{ float "2" }} {{ string 1.5 }} {{ string 100000000.0 }} {{ string true }}',
        "42 3 10 2 1.5 100000000 true",
    ),
    # strings
    (
        '{{ strings.TrimSpace " x " }}|{{ strings.TrimPrefix "a" "abc" }}|{{ strings.TrimSuffix "c" "abc" }}|{{ trim "--x--" "-" }}|{{ strings.TrimLeft "-" "--x" }}|{{ strings.TrimRight "-" "x--" }}',
        "x|bc|ab|x|x|x",
    ),
    (
        '{{ strings.Contains "abc" "b" }} {{ strings.ContainsAny "abc" "zc" }} {{ strings.HasPrefix "abc" "ab" }} {{ strings.HasSuffix "abc" "bc" }} {{ strings.Count "a" "banana" }}',
        "true true true true 3",
    ),
    (
        '{{ strings.Repeat 2 "ab" }} {{ strings.RuneCount "héllo" }} {{ strings.FirstUpper "élan" }} {{ lower "ÀB" }} {{ upper "àb" }} {{ strings.ToUpper "x" }}',
        "abab 5 Élan àb ÀB X",
    ),
    (
        '{{ replace "aaa" "a" "b" }} {{ replace "aaa" "a" "b" 1 }} {{ replaceRE "(a+)(b)" "$2${1}" "aab" }} {{ replaceRE "a" "x" "aaa" 2 }}',
        "bbb baa baa xxa",
    ),
    (
        '{{ findRE "[0-9]+" "a1b22" }} {{ findRE "[0-9]" "123" 2 }} {{ split "a,b" "," }} {{ strings.Split "ab" "" }}',
        "[1 22] [1 2] [a b] [a b]",
    ),
    (
        '{{ substr "abcdef" 1 3 }} {{ substr "abcdef" -3 }} {{ substr "abcdef" 1 -1 }} {{ strings.SliceString "abcdef" 2 }} {{ slicestr "abcdef" 1 2 }}',
        "bcd def bcde cdef b",
    ),
    (
        '{{ title "the lord of the rings" }}|{{ title "war and peace: a novel" }}|{{ strings.Title "a b" }}',
        "The Lord of the Rings|War and Peace: A Novel|A B",
    ),
    (
        '{{ truncate 10 "Hello world, how are you" }}|{{ truncate 5 "" "abcdefgh" }}|{{ truncate 12 ("<p>Hello <b>brave</b> new</p>" | safeHTML) }}',
        "Hello …|abcde|<p>Hello <b>brave …</b></p>",
    ),
    (
        '{{ countwords "a b  c" }} {{ countrunes "a b" }} {{ chomp "x\\n" }} {{ strings.ContainsNonSpace " " }}',
        "3 2 x false",
    ),
    # transform, urls, encoding
    (
        '{{ htmlEscape "<a&\'>" }} {{ htmlUnescape "&lt;&amp;&#39;" }} {{ plainify "<p>a <b>b</b></p>" }}',
        "&lt;a&amp;&#39;&gt; <&' a b\n",
    ),
    (
        '{{ urlize "My Title: Ünï!" }} {{ anchorize "My Title: Ünï & more!" }} {{ humanize "my-first_post" }} {{ humanize 22 }} {{ humanize 13 }}',
        "my-title-%C3%BCn%C3%AF my-title-ünï--more My first post 22nd 13th",
    ),
    (
        '{{ jsonify (dict "b" "<x>" "a" 1.5) }} {{ md5 "a" }} {{ base64Encode "hi" }} {{ base64Decode "aGk=" }}',
        '{"a":1.5,"b":"\\u003cx\\u003e"} 0cc175b9c0f1b6a831c399e269772661 aGk= hi',
    ),
    (
        '{{ safeHTML "<b>" }} {{ safe.JS "x" }} {{ emojify ":smile:" }} {{ printf "%T" (safeURL "x") }}',
        "<b> x :smile: template.URL",
    ),
    # time
    (
        '{{ dateFormat "2006-01-02 15:04:05 Mon Jan" "2024-03-05T07:08:09Z" }}',
        "2024-03-05 07:08:09 Tue Mar",
    ),
    (
        '{{ dateFormat ":date_long" "2024-03-05" }}|{{ dateFormat ":date_short" "2024-03-05" }}|{{ time.Format "3:04 PM, _2 January 06" "2024-03-05T15:04:00Z" }}',
        "March 5, 2024|3/5/24|3:04 PM,  5 March 24",
    ),
    (
        '{{ $t := time "2024-01-07T09:05:03.250+02:00" }}{{ $t.Year }} {{ $t.Month }} {{ $t.Day }} {{ $t.Weekday }} {{ $t.Format "Z07:00 -0700 MST .000 .999" }} {{ $t.Unix }}',
        "2024 January 7 Sunday +02:00 +0200 +0200 .250 .25 1704611103",
    ),
    ('{{ .Date.Format "Jan 2006" }} {{ .Date.Year }}', "Mar 2024 2024"),
    (
        '{{ (time "2024-01-31").AddDate 0 1 0 | dateFormat "2006-01-02" }} {{ (time "2020-01-01").Before (time "2021-01-01") }}',
        "2024-03-02 true",
    ),
    # Go builtins
    (
        '{{ html "<a>" }} {{ js "it\'s <b>" }} {{ urlquery "a b&c" }} {{ call .fn 2 }}',
        "&lt;a&gt; it\\'s \\u003Cb\\u003E a+b%26c 4",
    ),
    ("{{ hugo.Version }}", "0.168.0"),
]


@pytest.mark.parametrize(("template", "expected"), FUNCTIONS)
def test_functions(template: str, expected: str) -> None:
    data = {
        "items": [{"n": 1, "Params": {"c": "red"}}, {"n": 2}, {"n": 3}],
        "Date": dt.datetime(2024, 3, 5, tzinfo=dt.UTC),
        "fn": lambda x: x * 2,
    }
    assert text(template, data) == expected


class FakeHost(DefaultHost):
    def markdownify(self, text: str) -> str:
        return f"<em>{text}</em>"

    def i18n(self, key: str, count: Any = None) -> str:
        return f"{key}:{count}"

    def partial(self, name: str, context: Any) -> Any:
        return f"<p>{name}:{context}</p>"


def test_host_functions() -> None:
    host = FakeHost("https://example.org/docs/")
    out = html(
        '{{ markdownify "*x*" }}|{{ i18n "hello" }}|{{ T "n" 2 }}|{{ partial "p" 1 }}|{{ relURL "a" }}|'
        '{{ relURL "/a" }}|{{ absURL "a" }}|{{ absURL "/docs/a" }}|{{ urls.RelURL "b" }}|{{ relref . "blog/x.md#h" }}',
        None,
        host,
    )
    assert (
        out
        == "<em>*x*</em>|hello:None|n:2|<p>p:1</p>|/docs/a|/docs/a|https://example.org/docs/a|https://example.org/docs/a|/docs/b|/docs/blog/x/#h"
    )


def test_read_file_stays_inside_the_site(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "data").mkdir(parents=True)
    (site / "data" / "x.txt").write_text("<hello>", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    host = DefaultHost(site_root=site)
    assert (
        html('{{ readFile "data/x.txt" }}|{{ os.ReadFile "/data/x.txt" | safeHTML }}', None, host)
        == "&lt;hello&gt;|<hello>"
    )
    # Hugo reads nothing (and says nothing) for a file outside the project or missing.
    assert html('{{ readFile "../secret.txt" }}|{{ readFile "nope" }}', None, host) == "|"
    assert html('{{ fileExists "../secret.txt" }}', None, host) == "false"
    assert html('{{ fileExists "/data/x.txt" }}', None, host) == "true"


def test_template_set_shares_defines_and_reports_missing_templates() -> None:
    sources = {
        "base.html": '{{ define "greet" }}hi {{ . }}{{ end }}',
        "page.html": '{{ template "base.html" }}{{ template "greet" .name }}',
    }
    templates = TemplateSet(sources.get)
    templates.get("base.html")
    assert templates.execute("page.html", {"name": "<you>"}) == "hi &lt;you&gt;"
    with pytest.raises(TemplateError, match='no such template "nope"'):
        templates.get("nope")
    with pytest.raises(TemplateError, match='partial "missing" not found'):
        templates.partial("missing", None)


def test_partial_return_gives_a_value_and_output_stays_trusted_html() -> None:
    sources = {"calc.html": "{{ return (mul . 2) }}", "frag.html": "<b>{{ . }}</b>"}
    templates = TemplateSet(sources.get)
    host = DefaultHost(templates=templates)
    assert (
        html('{{ add (partial "calc" 4) 1 }}|{{ partial "frag" "<x>" }}', None, host)
        == "9|<b>&lt;x&gt;</b>"
    )


def test_recursion_is_bounded() -> None:
    with pytest.raises(TemplateError, match="more than 40 levels deep"):
        text('{{ define "r" }}{{ template "r" . }}{{ end }}{{ template "r" . }}', 1)


def test_execution_is_fast_for_a_typical_shortcode() -> None:
    template = parse(
        '{{ $src := .Get "src" }}{{ $alt := .Get "alt" | default "" }}'
        '<figure{{ with .Get "class" }} class="{{ . }}"{{ end }}>'
        '<img src="{{ $src | relURL }}" alt="{{ $alt }}">'
        '{{ with .Get "caption" }}<figcaption>{{ . | markdownify }}</figcaption>{{ end }}</figure>',
        "figure",
    )

    class Shortcode:
        def Get(self, key: str) -> Any:
            return {
                "src": "/img/a b.png",
                "alt": 'An "image"',
                "caption": "A *caption*",
                "class": "wide",
            }.get(key)

    shortcode, host = Shortcode(), DefaultHost()
    expected = '<figure class="wide"><img src="/img/a%20b.png" alt="An &#34;image&#34;"><figcaption>A *caption*</figcaption></figure>'
    assert template.execute(shortcode, host) == expected
    runs = []
    for _ in range(200):
        start = time.perf_counter()
        template.execute(shortcode, host)
        runs.append(time.perf_counter() - start)
    runs.sort()
    assert runs[len(runs) // 2] < 0.001, f"median {runs[len(runs) // 2] * 1e3:.3f} ms"


FRAGMENTS = [
    "{{", "}}", "{{- ", " -}}", "if", "else", "end", "range", "with", "define", "template",
    "block", "break", "continue", ".", ".a", "$x", "$", ":=", "=", "|", "(", ")", ",", '"s"',
    "`r`", "'c'", "1", "-2", "3.5", "nil", "true", "eq", "printf", "len", "index", "slice",
    "dict", "and", "or", "not", "default", "safeHTML", " ", "\n", "/*", "*/", "<a href=\"",
    "\">", "<script>", "</script>", "<style>", "<!--", "-->", "x", "&", "<", "onclick='",
]  # fmt: skip


@settings(max_examples=300)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=30), st.booleans())
def test_any_template_text_fails_only_with_template_error(parts: list[str], as_html: bool) -> None:
    with contextlib.suppress(TemplateError):
        parse("".join(parts), "fuzz").execute({"a": [1, "<b>"]}, html=as_html)


VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)


@settings(max_examples=200)
@given(VALUES)
def test_any_value_escapes_in_every_context(value: Any) -> None:
    template = parse(
        '{{ . }}<p title="{{ . }}" class={{ . }}><a href="{{ . }}?q={{ . }}" onclick="f({{ . }})" '
        "style=\"color: {{ . }}\">x</a><script>var v = {{ . }}, s = '{{ . }}';</script>"
        "<style>p { color: {{ . }} }</style><textarea>{{ . }}</textarea>",
        "values",
    )
    out = template.execute(value)
    # Whatever the value, it never opens or closes markup of its own.
    assert out.count("<") == template.execute(None).count("<")
