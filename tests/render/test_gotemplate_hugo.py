"""The Go template interpreter against real Hugo: shortcode templates rendered by both.

Each case is a shortcode template exercising the language, html/template's escaping
contexts or Hugo's functions. Hugo renders all of them in one throwaway site (once per
module); postedit runs the same templates with small stand-ins for Hugo's shortcode
context (`.Get`, `.Inner`, `.Params`, `.Page.Title`, `.Site.Title`). Outputs must be
equal, byte for byte.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest

from postedit.render.gotemplate import DefaultHost, Params, SafeHTML, TemplateSet, parse
from postedit.render.gotemplate.gofmt import quote
from tests.hugo_reference import HugoPage, find_hugo, render_with_hugo

pytestmark = pytest.mark.skipif(find_hugo() is None, reason="no Hugo binary")

SITE_CONFIG = '[params]\ncolor = "blue"\n'

# Each case: (template, positional params, named params, inner or None). Params that
# are str are written quoted in the shortcode call, numbers and bools bare (Hugo
# types those).
Case = tuple[str, list[Any], dict[str, Any], str | None]

CASES: dict[str, Case] = {
    # -- the language ---------------------------------------------------------
    "text": ("plain <b>text</b> & more", [], {}, None),
    "get-positional": ("[{{ .Get 0 }}|{{ .Get 1 }}|{{ .Get 5 }}]", ["a<b", 42], {}, None),
    "get-named": ('[{{ .Get "x" }}|{{ .Get "missing" }}]', [], {"x": "y & z"}, None),
    "trim": ("a  {{- .Get 0 -}}  b {{- /* c */ -}} c", ["x"], {}, None),
    "if-else": (
        '{{ if eq (.Get 0) "a" }}A{{ else if eq (.Get 0) "b" }}B{{ else }}other{{ end }}',
        ["b"],
        {},
        None,
    ),
    "with-else": (
        '{{ with .Get "x" }}has {{ . }}{{ else }}none{{ end }}|{{ with .Get "y" }}{{ . }}{{ else with .Get "x" }}x={{ . }}{{ end }}',
        [],
        {"x": "1"},
        None,
    ),
    "range-list": (
        '{{ range $i, $e := slice "a" "b" "c" }}{{ $i }}={{ $e }};{{ end }}',
        [],
        {},
        None,
    ),
    "range-map": (
        '{{ range $k, $v := dict "b" 2 "a" 1 "c" 3 }}{{ $k }}:{{ $v }} {{ end }}',
        [],
        {},
        None,
    ),
    "range-int": ("{{ range 3 }}[{{ . }}]{{ end }}", [], {}, None),
    "range-else": ("{{ range slice }}x{{ else }}empty{{ end }}", [], {}, None),
    "range-break": (
        "{{ range seq 10 }}{{ if eq . 4 }}{{ break }}{{ end }}{{ if eq . 2 }}{{ continue }}{{ end }}{{ . }}{{ end }}",
        [],
        {},
        None,
    ),
    "variables": (
        "{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ $y := 3 }}{{ end }}{{ $x }}|{{ $.Page.Title }}",
        [],
        {},
        None,
    ),
    "pipes": (
        '{{ "hello" | upper | printf "%s!" }}|{{ .Get 0 | default "dflt" }}|{{ (slice 1 2 3) | len }}',
        [],
        {},
        None,
    ),
    "paren-chain": (
        '{{ (dict "a" (dict "b" "deep")).a.b }}|{{ index (dict "k" "v") "k" }}',
        [],
        {},
        None,
    ),
    "and-or": (
        '{{ and 1 "x" }}|{{ and 1 0 "x" }}|{{ or 0 "" "y" }}|{{ or 0 "" }}|{{ not "" }}',
        [],
        {},
        None,
    ),
    "compare": (
        '{{ eq 1 1 }}{{ eq 1 2 1 }}{{ ne 1 2 }}{{ lt 1 2 }}{{ le 2 2 }}{{ gt 1.5 1 }}{{ ge 1 2 }}{{ eq 1 1.0 }}{{ lt "a" "b" }}',
        [],
        {},
        None,
    ),
    "missing-key": ('[{{ (dict "a" 1).b }}]|[{{ index (dict "a" 1) "b" }}]', [], {}, None),
    "page-site": (
        "{{ .Page.Title }}|{{ .Site.Title }}|{{ .Page.Site.Title }}|{{ .Name }}",
        [],
        {},
        None,
    ),
    "define-template": (
        '{{ define "item" }}<i>{{ . }}</i>{{ end }}{{ template "item" "x&y" }}{{ template "item" 3 }}',
        [],
        {},
        None,
    ),
    "block": ('{{ block "b" . }}[{{ .Page.Title }}]{{ end }}', [], {}, None),
    "inner": ("<div>{{ .Inner }}</div>", [], {}, "some *inner* <b>text</b>"),
    "params": (
        "{{ range $k, $v := .Params }}{{ $k }}={{ $v }} {{ end }}|{{ .IsNamedParams }}",
        [],
        {"b": "2", "a": "1"},
        None,
    ),
    "typed-params": (
        '{{ .Get 0 }} {{ add (.Get 0) 1 }} {{ .Get 1 }} {{ printf "%T" (.Get 1) }}',
        [41, True],
        {},
        None,
    ),
    # -- printing ---------------------------------------------------------------
    "print-values": (
        '{{ 1.5 }} {{ 1e6 }} {{ 100000.0 }} {{ 3 }} {{ true }} {{ slice 1 "a" }} {{ dict "a" 1 }} {{ print 1 2 "a" "b" 3 }}|{{ println 1 2 }}|',
        [],
        {},
        None,
    ),
    "printf": (
        '{{ printf "%s|%d|%v|%q|%t|%f|%.2f|%x|%5s|%-5s|%%|%05d|%X|%+d" "s" 42 1.25 "q\\"" true 3.14159 2.5 255 "ab" "cd" 7 255 3 }}',
        [],
        {},
        None,
    ),
    "printf-bad": ('{{ printf "%d %s" "x" }}', [], {}, None),
    # -- escaping contexts ------------------------------------------------------
    "esc-text": ("{{ .Get 0 }}", ["<a href=\"x\">'&'+</a>"], {}, None),
    "esc-attr": (
        "<span title=\"{{ .Get 0 }}\" data-x='{{ .Get 0 }}' class={{ .Get 0 }}>x</span>",
        ["a \"b\" 'c' <d> & e+f=g"],
        {},
        None,
    ),
    "esc-url": (
        '<a href="{{ .Get 0 }}">1</a><a href="{{ .Get 1 }}">2</a><a href="/search?q={{ .Get 2 }}&x=1">3</a><img src="{{ .Get 3 }}">',
        ["javascript:alert(1)", "https://ex.org/a b/ü?x=1&y=<2>#f", "a&b c/d?é", "/img/a b.png"],
        {},
        None,
    ),
    "esc-url-safe": (
        '<a href="{{ .Get 0 | safeURL }}">x</a><a href="{{ "mailto:a@b.c" }}">m</a><a href="{{ "HTTP://X.ORG" }}">h</a><a href="{{ "tel:123" }}">t</a>',
        ["javascript:void(0)"],
        {},
        None,
    ),
    "esc-css": (
        '<p style="color: {{ .Get 0 }}; background: {{ .Get 1 }}">x</p><p style="{{ .Get 2 | safeCSS }}">y</p><style>p { color: {{ .Get 0 }} }</style>',
        ["red", "url(x)", "color: blue"],
        {},
        None,
    ),
    "esc-js": (
        '<script>var a = {{ .Get 0 }}; var b = {{ .Get 1 }}; var c = "{{ .Get 0 }}"; var d = {{ dict "k" (slice 1 2) }};</script><button onclick="f({{ .Get 0 }})">b</button>',
        ['it\'s "<x>" & y', 5],
        {},
        None,
    ),
    "esc-comments": (
        "<!-- a comment -->keep<script>// line comment\nvar x = 1; /* block */</script><style>/* css */ p {}</style>",
        [],
        {},
        None,
    ),
    "esc-safe-types": (
        '{{ "<b>bold</b>" | safeHTML }}|<a {{ "href=\\"/x\\"" | safeHTMLAttr }}>l</a>|<a title="{{ "<b>t</b>" | safeHTML }}">t</a>',
        [],
        {},
        None,
    ),
    "esc-lt-text": ("a < b > c {{ 1 }} <3", [], {}, None),
    "esc-unquoted-url": ("<a href={{ .Get 0 }}>x</a>", ["/a b?c=d"], {}, None),
    "esc-title-rcdata": ("<textarea>{{ .Get 0 }}</textarea>", ["<b>x</b>"], {}, None),
    "esc-nil": (
        '[{{ .Get 3 }}]<a title="{{ .Get 3 }}">x</a><script>var x = {{ .Get 3 }};</script>',
        [],
        {},
        None,
    ),
    # -- Hugo functions -----------------------------------------------------------
    "strings-1": (
        '{{ strings.TrimSpace "  x  " }}|{{ strings.TrimPrefix "ab" "abc" }}|{{ strings.TrimSuffix "bc" "abc" }}|{{ strings.Trim "xxaxx" "x" }}|{{ strings.TrimLeft "x" "xxa" }}|{{ strings.TrimRight "x" "axx" }}|{{ trim "  y " " " }}',
        [],
        {},
        None,
    ),
    "strings-2": (
        '{{ strings.Contains "abc" "b" }}|{{ strings.ContainsAny "abc" "xyzc" }}|{{ strings.HasPrefix "abc" "a" }}|{{ strings.HasSuffix "abc" "c" }}|{{ strings.Count "a" "banana" }}|{{ strings.Repeat 3 "ab" }}|{{ strings.RuneCount "héllo" }}|{{ len "héllo" }}',
        [],
        {},
        None,
    ),
    "strings-3": (
        '{{ replace "a-b-c" "-" "+" }}|{{ strings.Replace "aaa" "a" "b" 2 }}|{{ replaceRE "(\\\\w+)@(\\\\w+)" "$2 at $1" "me@host" }}|{{ findRE "[0-9]+" "a1b22c333" }}|{{ split "a,b,c" "," }}|{{ delimit (slice "a" "b" "c") ", " " and " }}',
        [],
        {},
        None,
    ),
    "strings-4": (
        '{{ lower "ÀBC" }}|{{ upper "àbc" }}|{{ strings.FirstUpper "élan" }}|{{ substr "abcdef" 1 3 }}|{{ substr "abcdef" -2 }}|{{ strings.SliceString "abcdef" 1 3 }}|{{ truncate 10 "Hello world, how are you?" }}|{{ truncate 5 "..." "abcdefghij" }}',
        [],
        {},
        None,
    ),
    "title": (
        '{{ title "the lord of the rings" }}|{{ title "a tale of two cities" }}|{{ title "THIS is it" }}|{{ strings.Title "gone with the wind" }}|{{ title "is this the end" }}',
        [],
        {},
        None,
    ),
    "humanize": (
        '{{ humanize "my-first-post" }}|{{ humanize "someCamelCase" }}|{{ humanize 52 }}|{{ humanize "103" }}|{{ humanize 11 }}',
        [],
        {},
        None,
    ),
    "urlize-anchorize": (
        '{{ urlize "My Title: Ünï Cödé & more!" }}|{{ anchorize "My Title: Ünï Cödé & more!" }}|{{ anchorize "Hello, World" }}',
        [],
        {},
        None,
    ),
    "html-funcs": (
        '{{ htmlEscape "<a & \'b\'>" }}|{{ htmlUnescape "&lt;b&gt; &amp;" }}|{{ plainify "<p>Hello <b>world</b></p>" }}|{{ "<i>x</i>" | safeHTML | plainify }}',
        [],
        {},
        None,
    ),
    "jsonify": (
        '{{ jsonify (dict "b" 1 "a" (slice "x<y" 2.5 true)) }}|<script>var d = {{ dict "a" 1 }};</script>',
        [],
        {},
        None,
    ),
    "collections-1": (
        "{{ first 2 (slice 1 2 3) }}|{{ last 2 (slice 1 2 3) }}|{{ after 1 (slice 1 2 3) }}|{{ uniq (slice 1 2 1 3 2) }}|{{ seq 3 }}|{{ seq 2 5 }}|{{ seq 1 2 7 }}|{{ seq -3 }}",
        [],
        {},
        None,
    ),
    "collections-2": (
        '{{ in (slice 1 2 3) 2 }}|{{ in "abc" "b" }}|{{ in (slice "a") "b" }}|{{ isset (dict "a" 1) "a" }}|{{ isset (dict "a" 1) "b" }}|{{ isset (slice 1 2) 1 }}|{{ append 3 (slice 1 2) }}|{{ append (slice 3 4) (slice 1 2) }}',
        [],
        {},
        None,
    ),
    "where": (
        '{{ $s := slice (dict "n" 1 "t" "a") (dict "n" 2 "t" "b") (dict "n" 3 "t" "a") }}{{ range where $s "t" "a" }}{{ .n }}{{ end }}|{{ range where $s "n" ">=" 2 }}{{ .n }}{{ end }}|{{ range where $s "n" "in" (slice 1 3) }}{{ .n }}{{ end }}|{{ range where $s "t" "!=" "a" }}{{ .n }}{{ end }}',
        [],
        {},
        None,
    ),
    "sort": (
        '{{ sort (slice 3 1 2) }}|{{ sort (slice "b" "c" "a") "value" "desc" }}|{{ range sort (slice (dict "n" 2) (dict "n" 1)) "n" }}{{ .n }}{{ end }}|{{ sort (dict "a" 3 "b" 1) }}',
        [],
        {},
        None,
    ),
    "dict-index": (
        '{{ $d := dict "a" (dict "b" (slice 10 20)) }}{{ index $d "a" "b" 1 }}|{{ index (slice 5 6) 0 }}|{{ $d.a.b }}',
        [],
        {},
        None,
    ),
    "math": (
        '{{ add 1 2 }}|{{ add 1 2.5 }}|{{ sub 5 7 }}|{{ mul 3 4 }}|{{ div 7 2 }}|{{ div 7.0 2 }}|{{ mod 7 3 }}|{{ mod -7 3 }}|{{ add "a" "b" }}|{{ math.Round 2.5 }}|{{ math.Ceil 1.2 }}|{{ math.Floor 1.8 }}|{{ math.Max 1 5 3 }}|{{ math.Pow 2 10 }}|{{ math.Sqrt 16 }}|{{ math.Abs -3 }}',
        [],
        {},
        None,
    ),
    "cast": (
        '{{ int "42" }}|{{ int 3.9 }}|{{ float "1.5" }}|{{ string 42 }}|{{ string 1.5 }}|{{ add (int "3") 1 }}|{{ printf "%T %T" (int "1") (float 2) }}',
        [],
        {},
        None,
    ),
    "default-cond": (
        '{{ default "d" "" }}|{{ default "d" "x" }}|{{ default "d" 0 }}|{{ default "d" false }}|{{ default 5 (.Get 9) }}|{{ cond true "yes" "no" }}|{{ cond false "yes" "no" }}',
        [],
        {},
        None,
    ),
    "dates": (
        '{{ dateFormat "2006-01-02" "2024-03-05T10:04:05Z" }}|{{ dateFormat "Jan 2, 2006" "2024-03-05" }}|{{ dateFormat ":date_long" "2024-03-05" }}|{{ dateFormat ":date_medium" "2024-03-05" }}|{{ dateFormat ":date_short" "2024-03-05" }}|{{ dateFormat ":date_full" "2024-03-05" }}|{{ (time "2024-03-05T15:04:05Z").Format "Monday 3:04 PM" }}|{{ time.Format "02/01/06 15h04" "2024-12-25T08:30:00Z" }}|{{ (time "2024-03-05").Year }}',
        [],
        {},
        None,
    ),
    "namespaces": (
        '{{ collections.Where (slice (dict "a" 1)) "a" 1 }}|{{ safe.HTML "<b>x</b>" }}|{{ urls.Anchorize "A b" }}|{{ compare.Default "d" "" }}|{{ math.Add 1 2 }}|{{ fmt.Printf "%d" 3 }}|{{ strings.ToUpper "x" }}|{{ collections.Seq 2 }}',
        [],
        {},
        None,
    ),
    "urls": (
        '{{ relURL "a/b" }}|{{ relURL "/a/b" }}|{{ absURL "a/b" }}|{{ absURL "/a" }}|{{ "x y" | urlquery }}|{{ html "<a>" }}',
        [],
        {},
        None,
    ),
    "site-params": (
        "{{ .Site.Params.color }}|{{ .Page.Params.missing }}|{{ with .Site.Params.color }}{{ . | upper }}{{ end }}",
        [],
        {},
        None,
    ),
    # -- more contexts and values -------------------------------------------------
    "esc-srcset": ('<img srcset="{{ .Get 0 }}" src="x.png">', ["a.png 1x, b c.png 2x"], {}, None),
    "esc-attr-name": (
        '<a {{ .Get 0 }}="x">l</a><a data-{{ .Get 1 }}="y">m</a>',
        ["title", "foo"],
        {},
        None,
    ),
    "esc-css-url": (
        '<p style="background: url(\'{{ .Get 0 }}\')">x</p><p style="font-family: \'{{ .Get 1 }}\'">y</p><div style="width: {{ .Get 2 }}px">z</div>',
        ["/a b.png?x=1", "Times New <Roman>", 42],
        {},
        None,
    ),
    "esc-js-regexp": (
        "<script>var r = /{{ .Get 0 }}/; var s = 'x{{ .Get 0 }}';</script>",
        ["a.b*c"],
        {},
        None,
    ),
    "esc-js-types": (
        '<script>var a = {{ 1.5 }}, b = {{ true }}, c = {{ slice 1 "x" }}, d = {{ "</script>" }}, e = {{ 1e21 }}, f = {{ 0.000001 }};</script>',
        [],
        {},
        None,
    ),
    "esc-json-ld": (
        '<script type="application/ld+json">{"name": {{ .Page.Title }}, "n": {{ 3 }}}</script>',
        [],
        {},
        None,
    ),
    "esc-script-nonjs": (
        '<script type="text/template"><b>{{ .Get 0 }}</b></script>',
        ["<i>"],
        {},
        None,
    ),
    "esc-query": (
        '<a href="https://x.org/?a={{ .Get 0 }}&b={{ .Get 1 }}#{{ .Get 0 }}">q</a><a href="{{ .Get 2 }}{{ .Get 0 }}">r</a>',
        ["a b&c=d/é", 5, "/base/"],
        {},
        None,
    ),
    "esc-url-percent": (
        '<a href="{{ .Get 0 }}">p</a><a href="{{ .Get 1 }}">q</a>',
        ["/a%20b%zz", "//cdn.example.org/x y"],
        {},
        None,
    ),
    "esc-safe-in-wrong-context": (
        '<a href="{{ "javascript:x()" | safeHTML }}">a</a><p style="{{ "color:red" | safeHTML }}">b</p><script>var x = {{ "<b>" | safeHTML }};</script><script>var y = {{ "f()" | safeJS }};</script>',
        [],
        {},
        None,
    ),
    "esc-onclick-entities": (
        '<button onclick="alert(&quot;{{ .Get 0 }}&quot;)">x</button>',
        ["a'b"],
        {},
        None,
    ),
    "esc-title-element": ("<title>{{ .Get 0 }}</title>", ["<b>a</b> & c"], {}, None),
    "esc-template-call": (
        '{{ define "u" }}{{ . }}{{ end }}<a href="{{ template "u" "javascript:x" }}">l</a>{{ template "u" "<b>" }}',
        [],
        {},
        None,
    ),
    "floats": (
        "{{ 0.1 }} {{ 1.0 }} {{ 2.50 }} {{ 123456.789 }} {{ 1234567.0 }} {{ 0.00001 }} {{ 1e-7 }} {{ -3.5 }} {{ div 1.0 3 }} {{ mul 1.1 3 }}",
        [],
        {},
        None,
    ),
    "printf-more": (
        '{{ printf "%v|%v|%v|%6.2f|%e|%g|%08.3f|%x|%c|%U|%3d|%-3d|" 1.0 (slice 1 2) (dict "a" "b") 3.14159 1234.5678 0.00001234 -3.14159 "hi" 65 9731 7 7 }}',
        [],
        {},
        None,
    ),
    "printf-types": (
        '{{ printf "%s %d %t" 5 "x" 1 }}|{{ printf "%v %v" nil true }}|{{ printf "%q" 65 }}|{{ printf "%d" 1.5 }}',
        [],
        {},
        None,
    ),
    "eq-mixed": (
        '{{ eq 1 1.0 }}{{ eq 1 "1" }}{{ eq "a" "a" "b" }}{{ eq (slice 1) (slice 1) }}{{ ne "a" "b" "a" }}{{ lt 1 1.5 }}{{ lt "10" "9" }}{{ lt "a" 1 }}{{ gt (slice 1 2) 1 }}',
        [],
        {},
        None,
    ),
    "len-index": (
        '{{ len (dict "a" 1 "b" 2) }}|{{ len "" }}|{{ index (slice "a" "b") 1 }}|{{ index "abc" 1 }}|{{ len (slice) }}',
        [],
        {},
        None,
    ),
    "slice-builtin-collection": ('{{ slice "a" 1 true }}|{{ printf "%T" (slice) }}', [], {}, None),
    "range-string-keys": (
        '{{ range $k, $v := dict "10" "x" "9" "y" "a" "z" }}{{ $k }}{{ $v }} {{ end }}',
        [],
        {},
        None,
    ),
    "with-dot": (
        '{{ with dict "a" (dict "b" "c") }}{{ with .a }}{{ .b }}{{ end }}{{ $.Page.Title }}{{ end }}',
        [],
        {},
        None,
    ),
    "nested-range-vars": (
        '{{ $out := "" }}{{ range $i, $r := slice (slice 1 2) (slice 3) }}{{ range $r }}{{ $out = printf "%s%d,%d;" $out $i . }}{{ end }}{{ end }}{{ $out }}',
        [],
        {},
        None,
    ),
    "whitespace-control": (
        "<ul>\n  {{- range slice 1 2 }}\n  <li>{{ . }}</li>\n  {{- end }}\n</ul>",
        [],
        {},
        None,
    ),
    "bools-nil": (
        '{{ if (index (dict) "x") }}a{{ else }}b{{ end }}{{ if 0.0 }}c{{ else }}d{{ end }}{{ if slice }}e{{ else }}f{{ end }}{{ if dict }}g{{ else }}h{{ end }}{{ if " " }}i{{ end }}',
        [],
        {},
        None,
    ),
    "strings-5": (
        '{{ countwords "one two  three" }}|{{ countrunes "a b c" }}|{{ chomp "x\\n" }}|{{ strings.Count "" "ab" }}|{{ "AbC" | strings.ToLower }}|{{ strings.Split "a b" " " }}|{{ findRE "a." "abacad" 2 }}|{{ replaceRE "a+" "X" "caaab aa" 1 }}',
        [],
        {},
        None,
    ),
    "truncate-html": (
        '{{ truncate 12 ("<p>Hello <b>brave</b> new world</p>" | safeHTML) }}|{{ truncate 3 "abcdef" }}|{{ truncate 20 "short" }}|{{ truncate 8 "a<b & c> d e f" }}',
        [],
        {},
        None,
    ),
    "delimit-map": (
        '{{ delimit (dict "b" 2 "a" 1) "-" }}|{{ delimit (slice 1 2) ", " }}|{{ delimit (slice "<a>") "&" }}',
        [],
        {},
        None,
    ),
    "title-more": (
        '{{ title "the quick brown fox jumps over the lazy dog" }}|{{ title "war and peace: a novel" }}|{{ title "über-cool hyphen-ated words" }}|{{ title "in the beginning" }}',
        [],
        {},
        None,
    ),
    "dict-nested-keys": (
        '{{ $d := dict (slice "a" "b") 1 }}{{ $d.a.b }}|{{ (merge (dict "a" 1 "b" 2) (dict "b" 3)).b }}|{{ querify "a" 1 "b" "x y" }}',
        [],
        {},
        None,
    ),
    "math-more": (
        "{{ add 1 2 3 }}|{{ mul 2 2.5 }}|{{ sub 1.5 0.5 }}|{{ div 9 3 }}|{{ modBool 10 5 }}|{{ math.Round -2.5 }}|{{ math.Min 3 1.5 }}|{{ math.Sum (slice 1 2 3) }}|{{ math.Log 1 }}",
        [],
        {},
        None,
    ),
    "dates-more": (
        '{{ $t := time "2024-01-07T09:05:03+02:00" }}{{ $t.Format "Mon Jan _2 15:04:05 MST 2006" }}|{{ $t.Format "2006-01-02T15:04:05Z07:00" }}|{{ $t.Format "3:04PM -0700" }}|{{ $t.Month }}|{{ $t.Weekday }}|{{ $t.YearDay }}|{{ $t.Unix }}|{{ $t.Day }}|{{ $t.Format ".000 .999" }}',
        [],
        {},
        None,
    ),
    "params-case": (
        '{{ .Site.Params.COLOR }}|{{ .Site.Params.Color }}|{{ isset .Site.Params "Color" }}|{{ index .Site.Params "Color" }}|{{ with .Site.Params }}{{ .color }}{{ end }}',
        [],
        {},
        None,
    ),
    "esc-js-template-literal": (
        "<script>var s = `a {{ .Get 0 }}`; var t = 1;</script>",
        ["x`${y}{z}'<&"],
        {},
        None,
    ),
    "paths-and-more": (
        '{{ path.Base "a/b.md" }}|{{ path.Ext "a/b.md" }}|{{ path.Dir "a/b/c" }}|{{ path.Join "a" "../b" "c" }}|{{ path.BaseName "x/y.tar.gz" }}|{{ (path.Split "a/b/c.md").File }}|{{ path.Clean "a//b/./c/.." }}|{{ path.Base "" }}|{{ path.Dir "file" }}',
        [],
        {},
        None,
    ),
    "unmarshal-urls": (
        '{{ (unmarshal "a: 1").a }}|{{ (transform.Unmarshal `{"b": [1, "x"]}`).b }}|{{ (unmarshal "x = 2").x }}|{{ with urls.Parse "https://u@x.org:8/p%20q?q=1&r=2#f" }}{{ .Scheme }} {{ .Host }} {{ .Hostname }} {{ .Port }} {{ .Path }} {{ .RawQuery }} {{ .Fragment }} {{ .IsAbs }}{{ end }}',
        [],
        {},
        None,
    ),
    "misc-functions": (
        '{{ pluralize "box" }} {{ pluralize "city" }} {{ singularize "cities" }} {{ pluralize "person" }}|{{ lang.FormatNumber 2 1234.5 }}|{{ site.Title }}|{{ apply (slice "a" "b") "upper" "." }}|{{ reflect.IsMap (dict) }}{{ reflect.IsSlice (slice) }}|{{ templates.Exists "partials/nope.html" }}|{{ with resources.Get "nope.css" }}y{{ else }}none{{ end }}|{{ hash.FNV32a "hello" }}',
        [],
        {},
        None,
    ),
    "hugo-version": ('{{ hugo.Version }}|{{ printf "%T" hugo.IsProduction }}', [], {}, None),
    "title-small-words": (
        '{{ title "go as if up so yet via vs per from with into nor but v en is it x" }}|{{ title "a b: the c" }}|{{ title "it\'s o\'neil mcdonald iPhone" }}|{{ title "hello   world" }}',
        [],
        {},
        None,
    ),
    "compare-strings": (
        '{{ lt "10" "9" }}{{ lt "2" "10" }}{{ lt 2 "10" }}{{ lt "b" "a" }}{{ ge "1.5" 1.5 }}{{ eq "1" 1 }}{{ lt nil 1 }}{{ gt "" "a" }}',
        [],
        {},
        None,
    ),
}

# -- stand-ins for Hugo's shortcode context ------------------------------------------


class Site:
    Title = "Reference"
    BaseURL = "https://example.org/"

    def __init__(self, params: Mapping[str, Any] | None = None) -> None:
        self.Params = Params(params)


class Page:
    def __init__(
        self, title: str, params: Mapping[str, Any] | None = None, site: Site | None = None
    ) -> None:
        self.Title = title
        self.Params = Params(params)
        self.Site = site or Site()
        self.RelPermalink = f"/p/{title}/"
        self.Permalink = f"https://example.org/p/{title}/"


class Shortcode:
    def __init__(
        self,
        page: Page,
        positional: Sequence[Any] = (),
        named: Mapping[str, Any] | None = None,
        inner: str | None = None,
        name: str = "",
    ) -> None:
        self.Page = page
        self.Site = page.Site
        self.Name = name
        self._positional = list(positional)
        self._named = dict(named or {})
        self.Inner = SafeHTML(inner or "")
        self.IsNamedParams = bool(self._named)
        self.Params: Any = self._named if self._named else self._positional
        self.Ordinal = 0

    def Get(self, key: Any) -> Any:
        if isinstance(key, int):
            return self._positional[key] if 0 <= key < len(self._positional) else None
        return self._named.get(key)


def _literal(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    return '"' + str(value).replace('"', '\\"') + '"'


def _call(name: str, positional: Sequence[Any], named: Mapping[str, Any], inner: str | None) -> str:
    args = " ".join(
        [_literal(v) for v in positional] + [f"{k}={_literal(v)}" for k, v in named.items()]
    )
    if inner is None:
        return f"{{{{< {name} {args} >}}}}\n"
    return f"{{{{< {name} {args} >}}}}{inner}{{{{< /{name} >}}}}\n"


# -- every escaping context against awkward values ---------------------------------------

ESCAPE_VALUES = [
    "", " ", "plain", "a b", "<>&'\"", "&amp;", "x=1&y=2", "a+b", "javascript:alert(1)",
    "JAVASCRIPT:x", " javascript:x", "http://x.org/ä ö?q=ü#frag", "mailto:me@x.org",
    "data:text/html,x", "/path/to/x y.png", "?q=a b", "#frag ment", "%41%zz%", "\x00\x01\t\n\x7f",
    "\u2028\u2029", "é😀", "</script>", "<!--", "-->", "]]>", "expression(1)", "url(x)", "red",
    "12px", "-moz-binding", "a--b", "\\", "/*", "`${x}`", "1.5", "a,b 2x", "a.png 1x, b.png 2x",
]  # fmt: skip
ESCAPE_CONTEXTS = {
    "text": "{{ . }}",
    "dq-attr": '<p title="{{ . }}">',
    "sq-attr": "<p title='{{ . }}'>",
    "unq-attr": "<p title={{ . }}>",
    "href": '<a href="{{ . }}">',
    "href-mid": '<a href="/x/{{ . }}">',
    "href-query": '<a href="/x?a={{ . }}">',
    "href-unq": "<a href={{ . }}>",
    "srcset": '<img srcset="{{ . }}">',
    "style-val": '<p style="color: {{ . }}">',
    "style-str": "<p style=\"font-family: '{{ . }}'\">",
    "style-url": '<p style="background: url({{ . }})">',
    "css-elem": "<style>p { color: {{ . }} }</style>",
    "js-val": "<script>x = {{ . }};</script>",
    "js-dq": '<script>x = "{{ . }}";</script>',
    "js-sq": "<script>x = '{{ . }}';</script>",
    "js-re": "<script>x = /{{ . }}/;</script>",
    "onclick": '<a onclick="f({{ . }})">',
    "onclick-str": "<a onclick=\"f('{{ . }}')\">",
    "rcdata": "<textarea>{{ . }}</textarea>",
    "title": "<title>{{ . }}</title>",
    "data-url": '<a data-url="{{ . }}">',
    "json-ld": '<script type="application/ld+json">{"a": {{ . }}}</script>',
}
SEPARATOR = "@@@"


def _escape_template(body: str) -> str:
    values = " ".join(quote(v) for v in ESCAPE_VALUES)
    return f"{{{{ range slice {values} }}}}{body}{SEPARATOR}{{{{ end }}}}"


@pytest.fixture(scope="module")
def hugo_output(tmp_path_factory: pytest.TempPathFactory) -> dict[str, HugoPage]:
    pages = {name: _call(name, *case[1:]) for name, case in CASES.items()}
    shortcodes = {name: case[0] for name, case in CASES.items()}
    for context, body in ESCAPE_CONTEXTS.items():
        shortcodes[f"escape-{context}"] = _escape_template(body)
        pages[f"escape-{context}"] = f"{{{{< escape-{context} >}}}}\n"
    return render_with_hugo(
        pages,
        tmp_path_factory.mktemp("gotemplate") / "site",
        shortcodes=shortcodes,
        config=SITE_CONFIG,
    )


@pytest.mark.parametrize("context", list(ESCAPE_CONTEXTS))
def test_escaping_context_matches_hugo(context: str, hugo_output: dict[str, HugoPage]) -> None:
    ours = parse(_escape_template(ESCAPE_CONTEXTS[context]), context).execute(None)
    theirs = hugo_output[f"escape-{context}"].content.strip()
    pairs = zip(ESCAPE_VALUES, ours.split(SEPARATOR), theirs.split(SEPARATOR), strict=False)
    assert [(value, mine) for value, mine, hugo in pairs if mine != hugo] == []
    assert len(ours.split(SEPARATOR)) == len(theirs.split(SEPARATOR))


@pytest.mark.parametrize("name", list(CASES))
def test_shortcode_template_renders_as_hugo_does(
    name: str, hugo_output: dict[str, HugoPage]
) -> None:
    template, positional, named, inner = CASES[name]
    context = Shortcode(
        Page(name, site=Site({"color": "blue"})), positional, named, inner, name=name
    )
    ours = parse(template, name).execute(context)
    assert ours.strip() == hugo_output[name].content.strip()


# -- partials and named templates through a TemplateSet --------------------------------

PARTIALS = {
    "card.html": '<div class="card">{{ .title }}{{ with .href }} <a href="{{ . }}">more</a>{{ end }}</div>',
    "sum.html": "{{ $total := 0 }}{{ range . }}{{ $total = add $total . }}{{ end }}{{ return $total }}",
    "nested/outer.html": '{{ define "inner" }}<i>{{ . }}</i>{{ end }}[{{ template "inner" .x }}|{{ partial "card.html" (dict "title" .x) }}]',
}
PARTIAL_SHORTCODE = (
    '{{ partial "card.html" (dict "title" "A & B" "href" "javascript:x") }}'
    '|{{ partial "sum.html" (slice 1 2 3) }}|{{ add (partial "sum.html" (slice 1)) 1 }}'
    '|{{ partial "nested/outer.html" (dict "x" "<y>") }}|{{ partialCached "card.html" (dict "title" "c") }}'
)


@pytest.fixture(scope="module")
def hugo_partials(tmp_path_factory: pytest.TempPathFactory) -> dict[str, HugoPage]:
    files = {f"layouts/partials/{name}": text for name, text in PARTIALS.items()}
    return render_with_hugo(
        {"partials": "{{< uses-partials >}}\n"},
        tmp_path_factory.mktemp("gotemplate-partials") / "site",
        shortcodes={"uses-partials": PARTIAL_SHORTCODE},
        files=files,
    )


def test_partials_render_as_hugo_does(hugo_partials: dict[str, HugoPage]) -> None:
    templates = TemplateSet(PARTIALS.get)
    context = Shortcode(Page("partials"))
    ours = parse(PARTIAL_SHORTCODE, "uses-partials").execute(
        context, DefaultHost(templates=templates)
    )
    assert ours.strip() == hugo_partials["partials"].content.strip()


def test_template_set_loads_each_template_once(tmp_path: Path) -> None:
    calls: list[str] = []

    def loader(name: str) -> str | None:
        calls.append(name)
        return PARTIALS.get(name)

    templates = TemplateSet(loader)
    host = DefaultHost(templates=templates)
    page = parse('{{ partial "card" (dict "title" 1) }}{{ partial "card.html" (dict "title" 2) }}')
    assert page.execute({}, host) == '<div class="card">1</div><div class="card">2</div>'
    assert calls.count("card.html") == 1
