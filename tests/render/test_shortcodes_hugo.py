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
