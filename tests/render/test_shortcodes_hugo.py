"""Shortcodes in every placement render as Hugo 0.168 renders them (the real binary decides).

Hugo builds one throwaway site per module with stub shortcode templates; postedit
renders the same bodies against the same site folder, and the `.Content` must match.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from postedit.core.site import Site
from postedit.render import render_post
from tests.hugo_reference import HugoPage, find_hugo, render_with_hugo

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(find_hugo() is None, reason="no Hugo binary"),
]

SHORTCODES = {
    "b": "<b>B</b>",
    "h": "<div>H</div>",
    "m": "line1\nline2",
    "u": "/some/url",
    "p": '{{ range $k, $v := .Params }}[{{ $k }}={{ printf "%T:%v" $v $v }}]{{ end }}',
    "w": "<w>{{ .Inner }}</w>",
    "o": "[{{ .Ordinal }}{{ with .Parent }} p={{ .Name }}{{ .Ordinal }}{{ end }}]",
    "pos": "{{ .Position }}",
    "dd": "<pre>{{ .InnerDeindent }}</pre><pre>{{ .Inner }}</pre>",
    "g": '[{{ .Get 0 }}|{{ .Get 5 }}|{{ .Get "a" }}|{{ .Get "zz" }}|{{ .IsNamedParams }}|{{ len .Params }}]',
    "t": "<nav>{{ .Page.TableOfContents }}</nav>",
    "h2": "## Two from a shortcode",
    "pg": "{{ .Page.Title }}|{{ .Page.Params.color }}|{{ .Site.Title }}|{{ .Name }}",
    "md": "<div>{{ .Inner | markdownify }}</div>|{{ .Get 0 | markdownify }}",
    "gk": '[{{ .Get "Foo" }}|{{ .Get "foo" }}|{{ range $k, $v := .Params }}{{ $k }}={{ $v }};{{ end }}]',
    "sc": '{{ .Scratch.Set "a" 1 }}{{ .Scratch.Add "a" 2 }}{{ .Page.Store.Set "k" "v" }}{{ .Scratch.Get "a" }}{{ .Page.Store.Get "k" }}',
    "rs": '{{ .Inner | .Page.RenderString }}|{{ .Inner | .Page.RenderString (dict "display" "block") }}',
}

CASES = {
    "inline": "Para {{< b >}} inline.\n",
    "block": "{{< b >}}\n",
    "block-markdown": "{{% b %}}\n",
    "html-from-markdown-call": "{{% h %}}\n\nx {{% h %}} y\n",
    "positional-params": '{{< p 1 true 42 "42" 4.5 `raw\\n` "q\\"x" >}}\n',
    "named-params": '{{< p a=1 b=true c="x" d=-3 e=.5 >}}\n',
    "code": "```\n{{< b >}}\n```\n\n    {{< b >}}\n\n`{{< b >}}` and `{{% b %}}`\n",
    "escaped": "{{</* b */>}}\n\n{{%/* b */%}}\n\nText {{</* w */>}}x{{</* /w */>}}\n",
    "lists": "- item {{< b >}}\n- {{< m >}}\n\n1. x\n\n   {{< m >}}\n",
    "paired": "{{< w >}}*inner*{{< /w >}}\n\n{{% w %}}*inner*{{% /w %}}\n\n{{< w >}}\n# h\n{{< /w >}}\n\n{{% w %}}\n## H2\n\ntext\n{{% /w %}}\n",
    "self-closing": "{{< w />}} and {{% w /%}}\n",
    "nested": "{{< w >}}a {{< o >}} b {{% o %}}{{< /w >}}\n\n{{< w >}}{{% w %}}*x*{{% /w %}}{{< /w >}}\n\n{{< w >}}{{% w %}}*x*\n{{% /w %}}{{< /w >}}\n",
    "indentation": "Para\n\n  {{< m >}}\n\n- a\n\n  {{< m >}}\n\n> {{< m >}}\n\nx  {{< m >}}\n",
    "deindent": "- item\n\n  {{< dd >}}\n    indented\n      more\n  {{< /dd >}}\n",
    "toc": "{{< t >}}\n\n## One\n\n{{% h2 %}}\n\n### Three\n\nend {{< t >}}\n",
    "spacing": "{{<b>}} {{% b%}} {{<\n b\n >}}\n",
    "summary-divider": "Intro para\n<!--more-->\nRest\n",
    "get": "{{< g 1 2 >}}\n\n{{< g a=1 >}}\n\n{{< g >}}\n",
    "ordinal": "{{< o >}}{{< o >}}\n\n{{< w >}}{{< o >}}{{< o >}}{{< /w >}}\n",
    # A `{{< >}}` call in a heading puts Hugo's placeholder, which holds an internal
    # page number, into the heading's id: only the `{{% %}}` form is comparable.
    "heading": "## Title {{% b %}}\n\n# {{% b %}} md\n",
    "table": "| a | b |\n|---|---|\n| {{< b >}} | {{% b %}} |\n",
    "link": "[link]({{< u >}}) and ![img]({{% u %}})\n",
    "emphasis": "*{{< b >}}* and **{{% b %}}**\n",
    "blockquote": "> quote {{< b >}}\n>\n> {{< w >}}x{{< /w >}}\n",
    "page-and-site": "{{< pg >}}\n",
    "summary-divider-in-code": "Intro\n\n```\n<!--more-->\n```\n\nafter\n",
    "summary-divider-inline": "Intro text <!--more--> and more\n\nNext\n",
    "markdownify": '{{< md "*one*" >}}**two**{{< /md >}}\n\n{{< md "a\\n\\nb" >}}x\n\ny{{< /md >}}\n',
    "render-string": "{{< rs >}}*x*{{< /rs >}}\n",
    "html-block": "<div>\n{{< b >}}\n</div>\n\n<span>{{% b %}}</span>\n",
    "inline-shortcode-disabled": "a {{< x.inline >}}{{ 1 }}{{< /x.inline >}} b\n\n{{< y.inline />}}\n",
    "scratch": "{{< sc >}}\n",
    "position": "Text\n\nat {{< pos >}} and\n  {{< pos >}}\n",
    "param-name-case": '{{< gk Foo=1 bar-baz="x" >}}\n\n{{< gk Foo="ünï" >}}\n',
    "footnote-and-definition": "Text[^1]\n\n[^1]: Note {{< b >}} and {{% b %}}\n\nTerm\n: Def {{< b >}}\n",
    "task-and-blank-inner": "- [ ] task {{< b >}}\n\n{{< w >}}\n\n{{< /w >}}\n\n{{< w >}}   {{< /w >}}\n",
    "nested-blocks-in-inner": "{{< w >}}a\n\n{{< b >}}\n\nb{{< /w >}}\n\n{{% w %}}a\n\n{{< b >}}\n\nb{{% /w %}}\n",
    "crlf": "Line one\r\n\r\n{{< m >}}\r\n\r\n{{% w %}}\r\n*x*\r\n{{% /w %}}\r\n",
}

FRONT_MATTER = {"page-and-site": "color: Blue\n"}


@pytest.fixture(scope="module")
def hugo_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, HugoPage]]:
    workdir = tmp_path_factory.mktemp("shortcodes") / "site"
    pages = render_with_hugo(CASES, workdir, shortcodes=SHORTCODES, front_matter=FRONT_MATTER)
    return workdir, pages


def postedit_page(workdir: Path, name: str):
    site = Site.from_root(workdir)
    front_matter: dict[str, object] = {"title": name}
    for line in FRONT_MATTER.get(name, "").splitlines():
        key, _, value = line.partition(": ")
        front_matter[key] = value
    return render_post(
        CASES[name],
        site=site,
        front_matter=front_matter,
        path=workdir / "content" / "p" / f"{name}.md",
    )


@pytest.mark.parametrize("name", sorted(CASES))
def test_content_equals_hugo(hugo_site: tuple[Path, dict[str, HugoPage]], name: str) -> None:
    workdir, pages = hugo_site
    ours = postedit_page(workdir, name)
    assert ours.problems == ()
    assert ours.html == pages[name].content


@pytest.mark.parametrize("name", ["toc", "heading", "paired"])
def test_table_of_contents_equals_hugo(
    hugo_site: tuple[Path, dict[str, HugoPage]], name: str
) -> None:
    workdir, pages = hugo_site
    assert postedit_page(workdir, name).toc == pages[name].toc


INLINE_BODY = (
    'a {{< x.inline >}}{{ "<b>" }}{{ .Get 0 }}{{< /x.inline >}} b\n\n{{< x.inline "q" />}}\n\n'
    "{{< y.inline >}}{{ .Page.Title }}|{{ .Name }}{{< /y.inline >}}\n"
)


def test_inline_shortcodes_when_the_site_enables_them(tmp_path: Path) -> None:
    config = "[security]\nenableInlineShortcodes = true\n"
    hugo = render_with_hugo({"inline": INLINE_BODY}, tmp_path / "site", config=config)
    site = Site.from_root(tmp_path / "site")
    path = tmp_path / "site" / "content" / "p" / "inline.md"
    rendered = render_post(INLINE_BODY, site=site, front_matter={"title": "inline"}, path=path)
    assert rendered.html == hugo["inline"].content


UNSAFE_CASES = ("html-from-markdown-call", "paired", "nested", "block-markdown", "escaped")


@pytest.fixture(scope="module")
def unsafe_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, HugoPage]]:
    workdir = tmp_path_factory.mktemp("unsafe") / "site"
    config = "[markup.goldmark.renderer]\nunsafe = true\n"
    pages = render_with_hugo(
        {name: CASES[name] for name in UNSAFE_CASES}, workdir, shortcodes=SHORTCODES, config=config
    )
    return workdir, pages


@pytest.mark.parametrize("name", UNSAFE_CASES)
def test_markdown_call_html_passes_with_unsafe(
    unsafe_site: tuple[Path, dict[str, HugoPage]], name: str
) -> None:
    workdir, pages = unsafe_site
    assert postedit_page(workdir, name).html == pages[name].content


# --- shortcodes in the style of popular themes ------------------------------------

THEME_SHORTCODES = {
    "notice": (
        '{{- $type := .Get 0 | default "info" -}}\n'
        "{{- $title := .Get 1 | default (i18n $type) | default (title $type) -}}\n"
        '<div class="notice notice-{{ $type }}">\n  <p class="notice-title">{{ $title }}</p>\n'
        "  {{ .Inner | markdownify }}\n</div>"
    ),
    "alert": (
        '{{ $icon := .Get "icon" | default "!" }}<div class="alert alert-{{ with .Get "type" }}'
        '{{ . }}{{ else }}note{{ end }}" data-n="{{ .Ordinal }}">{{ $icon }} '
        "{{ .Inner | .Page.RenderString }}</div>"
    ),
    "tabs": (
        '{{- .Page.Scratch.Add "tabset" 1 -}}\n'
        '{{- $id := printf "tabset-%d" (.Page.Scratch.Get "tabset") -}}\n'
        '{{- .Inner -}}\n<div class="tabs" id="{{ $id }}">\n'
        '{{- range $i, $t := .Scratch.Get "tabs" }}\n'
        '  <button{{ if eq $i 0 }} class="active"{{ end }} data-tab="{{ $id }}-{{ $i }}">'
        "{{ $t.name }}</button>\n  <div>{{ $t.content }}</div>\n{{- end }}\n</div>"
    ),
    "tab": (
        '{{- $name := .Get "name" | default (printf "Tab %d" (add .Ordinal 1)) -}}\n'
        '{{- .Parent.Scratch.Add "tabs" (slice (dict "name" $name "content" '
        "(.Inner | markdownify))) -}}"
    ),
    "site": (
        '<span title="{{ $.Page.Site.Params.Author.Name }}">{{ .Site.Title }}|'
        '{{ site.Params.color }}|{{ isset .Site.Params "Color" }}|{{ isset .Site.Params "color" }}|'
        '{{ .Page.Params.Subtitle }}|{{ isset .Page.Params "Subtitle" }}|'
        '{{ isset .Page.Params "subtitle" }}|{{ .Page.Param "color" }}</span>'
    ),
    "list": (
        '{{- $items := slice (dict "n" "b" "w" 2) (dict "n" "a" "w" 3) (dict "n" "c" "w" 1) -}}\n'
        '<ul>{{ range sort $items "w" "desc" }}<li>{{ .n }}</li>{{ end }}</ul>\n'
        '<ul>{{ range where $items "w" "ge" 2 }}<li>{{ .n }}</li>{{ end }}</ul>\n'
        '{{ delimit (sort (slice "z" "a" "m")) ", " " and " }}|'
        '{{ printf "%s-%q-%v-%05.2f" "a" "b" (slice 1 2) 3.14159 }}|{{ "<b>x</b>" | safeHTML }}'
    ),
    "card": '{{ partial "card.html" (dict "title" (.Get "title") "body" .Inner "page" .Page) }}',
    "date": (
        '{{ .Page.Date.Format "January 2, 2006" }}|{{ .Page.Date.Year }}|{{ .Page.Date.Month }}|'
        '{{ .Page.Date | time.Format "2006-01-02" }}|{{ .Page.Date }}|'
        '{{ dateFormat "Jan 2" .Page.Date }}|{{ .Page.Lastmod.IsZero }}|{{ .Page.Date.Weekday }}'
    ),
    "btn": (
        '<a class="btn" href="{{ .Get "href" | default "#" }}"{{ with .Get "target" }} '
        'target="{{ . }}"{{ end }}>{{ .Inner | markdownify | plainify | upper }}</a>'
    ),
    "sty": (
        '<div style="color: {{ .Get "c" }}; background: url({{ .Get "u" }})" '
        'onclick="go({{ .Get "c" }})" data-x=\'{{ .Get "q" }}\'>{{ .Get "c" | urlize }}</div>'
    ),
    "math": (
        '{{ div 7 2 }}|{{ div 7.0 2 }}|{{ math.Round 2.5 }}|{{ len "héllo" }}|'
        '{{ truncate 10 "hello world and more" }}|{{ replaceRE "(l+)" "[$1]" "hello" }}|'
        '{{ findRE "l." "hello lo" 1 }}|{{ index (split "a,b,c" ",") 1 }}|{{ humanize "fooBar" }}'
    ),
}
THEME_FILES = {
    "layouts/partials/card.html": (
        '<div class="card"><h3>{{ .title | default "Untitled" }}</h3>{{ with .body }}<div>'
        "{{ . | markdownify }}</div>{{ end }}<small>{{ .page.Title }} {{ site.Title }}</small></div>"
    ),
}
THEME_CONFIG = '[params]\ncolor = "green"\n[params.author]\nname = "Ann"\n'
THEME_FRONT_MATTER = 'date: "2024-03-05T10:20:30+01:00"\nsubtitle: Sub\ncolor: blue\n'
THEME_BODY = """\
{{< notice warning "Watch out" >}}
This is **bold** and a [link](https://example.com).
{{< /notice >}}

{{< notice >}}Default notice.{{< /notice >}}

{{< alert type="danger" >}}Plain _alert_{{< /alert >}}

{{< tabs >}}
{{< tab name="First" >}}One **1**{{< /tab >}}
{{< tab >}}Two `2`{{< /tab >}}
{{< /tabs >}}

{{< site >}}

{{< list >}}

{{< card title="Card <1>" >}}Card *body*{{< /card >}}

{{< card >}}{{< /card >}}

{{< date >}}

{{< btn href="https://x.org/a?b=1&c=2" target="_blank" >}}Click *me*{{< /btn >}}

{{< sty q="it's" c="red" u="http://a.b/c d" >}}

{{< math >}}
"""


def test_theme_style_shortcodes_equal_hugo(tmp_path: Path) -> None:
    workdir = tmp_path / "site"
    hugo = render_with_hugo(
        {"theme": THEME_BODY},
        workdir,
        config=THEME_CONFIG,
        shortcodes=THEME_SHORTCODES,
        files=THEME_FILES,
        front_matter={"theme": THEME_FRONT_MATTER},
    )
    front_matter = {
        "title": "theme",
        "date": "2024-03-05T10:20:30+01:00",
        "subtitle": "Sub",
        "color": "blue",
    }
    ours = render_post(
        THEME_BODY,
        site=Site.from_root(workdir),
        front_matter=front_matter,
        path=workdir / "content" / "p" / "theme.md",
    )
    assert ours.problems == ()
    assert ours.html == hugo["theme"].content
