"""The content pipeline: Hugo's order, source lines, problems in place, site templates."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from postedit.core.site import Site
from postedit.render import RenderedPost, render_content, render_post
from postedit.render.config import MarkupConfig
from postedit.render.markdown import RenderedMarkdown, render_markdown
from postedit.render.shortcodes import ShortcodeInfo, available_shortcodes
from tests.conftest import DEMO_SITE
from tests.hugo_reference import CONTENT_START, TOC_START, find_hugo, render_with_hugo


def make_site(root: Path, files: dict[str, str], config: str = "") -> Site:
    (root / "hugo.toml").write_text('baseURL = "https://example.org/"\ntitle = "S"\n' + config)
    for relative, text in files.items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return Site.from_root(root)


def test_without_shortcodes_it_is_the_markdown() -> None:
    text = "# Title\n\nSome *text* and `code`.\n"
    assert render_content(text) == render_markdown(text).html


def test_render_content_is_render_post_html(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"layouts/shortcodes/s.html": "<i>{{ .Get 0 }}</i>"})
    text = "A {{< s x >}} b\n"
    assert (
        render_content(text, site) == render_post(text, site=site).html == "<p>A <i>x</i> b</p>\n"
    )


# --- source lines -----------------------------------------------------------------


def data_lines(html: str) -> list[tuple[str, int]]:
    return [(tag, int(line)) for tag, line in re.findall(r'<(\w+)[^>]* data-line="(\d+)"', html)]


def test_preview_lines_refer_to_the_body_around_multiline_markdown_calls(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"layouts/shortcodes/many.html": "one\n\ntwo\n\nthree\n\nfour"})
    body = "first\n\n{{% many %}}\n\n## After\n\nlast\n"
    rendered = render_post(body, site=site, preview=True)
    lines = data_lines(rendered.html)
    assert ("h2", 4) in lines and ("p", 6) in lines
    # Every paragraph the call produced points at the call's line.
    assert [line for tag, line in lines if tag == "p"] == [0, 2, 2, 2, 2, 6]
    assert [heading.line for heading in rendered.headings] == [4]


def test_preview_lines_after_a_long_paired_call() -> None:
    body = "{{< details >}}\na\n\nb\n\nc\n{{< /details >}}\n\n# H\n\nend\n"
    rendered = render_post(body, preview=True)
    assert ("h1", 8) in data_lines(rendered.html)
    assert ("p", 10) in data_lines(rendered.html)
    assert rendered.headings[0].line == 8


def test_preview_unwraps_a_call_alone_in_its_paragraph() -> None:
    html = render_post('text\n\n{{< figure src="a.png" >}}\n', preview=True).html
    # The paragraph goes, as in Hugo; its source line moves to the block that replaced it.
    assert '<figure data-line="2">' in html
    assert '<p data-line="2">' not in html


def test_non_preview_has_no_data_lines() -> None:
    assert "data-line" not in render_post("{{< details >}}\nx\n{{< /details >}}\n\n# H\n").html


def test_the_markdown_argument_renders_the_page() -> None:
    calls: list[tuple[str, bool]] = []

    def markdown(text: str, *, preview: bool = False, line_of=None) -> RenderedMarkdown:
        calls.append((text, preview))
        return render_markdown(text, MarkupConfig(), preview=preview, line_of=line_of)

    rendered = render_post(
        "a {{< param title >}}\n", front_matter={"title": "T"}, markdown=markdown, preview=True
    )
    assert rendered.html == '<p data-line="0">a T</p>\n'
    assert calls == [("a HAHAHUGOSHORTCODE0s0HBHB\n", True)]


# --- problems ----------------------------------------------------------------------


def test_unknown_shortcode_inline_and_block() -> None:
    rendered = render_post("Text {{< nope a=1 >}} more.\n\n{{< nothere >}}\n\nStill here.\n")
    assert '<span class="postedit-shortcode-problem"' in rendered.html
    assert re.search(
        r'\n<div class="postedit-shortcode-problem" data-shortcode="nothere"', rendered.html
    )
    assert "<p>Still here.</p>" in rendered.html
    assert rendered.problems == (
        'Shortcode "nope" on line 1: unknown shortcode',
        'Shortcode "nothere" on line 3: unknown shortcode',
    )


def test_problem_in_a_markdown_call_is_still_shown() -> None:
    # Raw HTML in `{{% %}}` output is omitted by Goldmark; the marker must survive it.
    rendered = render_post("{{% nope %}}\n")
    assert 'class="postedit-shortcode-problem"' in rendered.html


def test_template_error_names_the_template(tmp_path: Path) -> None:
    site = make_site(
        tmp_path,
        {
            "layouts/shortcodes/bad.html": "{{ .Get 0 | nosuchfunction }}",
            "layouts/shortcodes/ok.html": "<b>ok</b>",
        },
    )
    rendered = render_post("{{< bad 1 >}}\n\n{{< ok >}}\n", site=site)
    assert "<b>ok</b>" in rendered.html
    assert len(rendered.problems) == 1
    assert 'Shortcode "bad" on line 1' in rendered.problems[0]
    assert "nosuchfunction" in rendered.problems[0]


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("{{< details >}}\nnever closed\n", "must be closed"),
        ("{{< figure src=a >}}x{{< /figure >}}", "does not evaluate .Inner"),
        ("{{< details >}}x{{< /figure >}}{{< /details >}}", "does not match"),
        ('{{< figure src="unterminated >}}', "unterminated quoted string"),
        ("{{< param >}}", "missing param key"),
        ("{{< param nothing >}}", 'param "nothing" not found'),
        ('{{< ref "no-such-page" >}}', "not found"),
    ],
)
def test_problems_are_reported_in_place(body: str, words: str) -> None:
    rendered = render_post(body)
    assert "postedit-shortcode-problem" in rendered.html
    assert any(words in problem for problem in rendered.problems), rendered.problems


def test_problem_inside_a_link_destination_keeps_the_link_whole() -> None:
    # Hugo (with refLinksErrorLevel WARNING) writes an empty href for a missing page.
    rendered = render_post('See [the docs]({{< relref "/no/such.md" >}}).\n')
    assert rendered.html == '<p>See <a href="">the docs</a>.</p>\n'
    assert rendered.problems[0].startswith('Shortcode "relref" on line 1: page "/no/such.md" not')


def test_nested_problem_keeps_the_outer_call() -> None:
    rendered = render_post(
        '{{< details summary="S" >}}\nbefore {{< nope >}} after\n{{< /details >}}\n'
    )
    assert "<summary>S</summary>" in rendered.html
    assert 'data-shortcode="nope"' in rendered.html
    assert len(rendered.problems) == 1


SHORTCODE_ALPHABET = st.sampled_from(
    [
        "{{<",
        "{{%",
        ">}}",
        "%}}",
        "/",
        "*/",
        "/*",
        '"',
        "`",
        "=",
        " ",
        "\n",
        "x",
        "figure",
        "details",
        "callout",
        "toc",
        "src",
        "1",
        "\\",
        "#",
        "-",
        "<!--more-->",
        "```",
        "**",
    ]
)


# render_post turns an internal failure into this problem rather than raise; the
# property tests below hold it to rendering without ever needing that last resort.
CRASHED = "could not render this post"


@given(st.lists(SHORTCODE_ALPHABET, max_size=40).map("".join))
def test_render_content_never_raises(text: str) -> None:
    assert CRASHED not in render_content(text)


@given(st.lists(SHORTCODE_ALPHABET, max_size=40).map("".join))
def test_render_content_never_raises_with_the_demo_site(text: str) -> None:
    assert CRASHED not in render_content(text, DEMO_SITE_OBJECT)


@given(st.text(max_size=200))
def test_render_post_never_raises_on_any_text(text: str) -> None:
    rendered = render_post(text, preview=True)
    assert isinstance(rendered, RenderedPost)
    assert not any(CRASHED in problem for problem in rendered.problems)


def test_an_internal_failure_becomes_a_problem_not_an_exception() -> None:
    def broken_markdown(text: str, *, preview: bool = False, line_of=None) -> RenderedMarkdown:
        raise ValueError("boom")

    rendered = render_post("text", markdown=broken_markdown)
    assert rendered.problems == ("postedit could not render this post (ValueError: boom)",)
    assert 'class="postedit-shortcode-problem"' in rendered.html


DEMO_SITE_OBJECT = Site.from_root(DEMO_SITE)


# --- site templates, partials, files ------------------------------------------------


def test_site_before_theme_before_hugo(tmp_path: Path) -> None:
    site = make_site(
        tmp_path,
        {
            "layouts/_shortcodes/a.html": "site-a",
            "themes/t/layouts/shortcodes/a.html": "theme-a",
            "themes/t/layouts/shortcodes/b.html": "theme-b {{ .Inner }}",
            "layouts/shortcodes/figure.html": "my-figure",
            "layouts/shortcodes/a.en.html": "variant",
        },
        config='theme = "t"\n',
    )
    assert render_content("{{< a >}} {{< b >}}x{{< /b >}} {{< figure >}}", site) == (
        "<p>site-a theme-b x my-figure</p>\n"
    )
    listed = {info.name: info for info in available_shortcodes(site)}
    assert listed["a"] == ShortcodeInfo("a", False, "site")
    assert listed["b"] == ShortcodeInfo("b", True, "theme")
    assert listed["figure"] == ShortcodeInfo("figure", False, "site")
    assert listed["details"] == ShortcodeInfo("details", True, "hugo", ("summary",))
    assert "gist" not in listed and "a.en" not in listed


def test_available_shortcodes_of_the_demo_site() -> None:
    listed = {info.name: info for info in available_shortcodes(DEMO_SITE_OBJECT)}
    assert listed["callout"] == ShortcodeInfo("callout", True, "site", ("type",))
    assert listed["toc"] == ShortcodeInfo("toc", False, "site")
    assert listed["callout"].snippet == '{{< callout type="" >}}\n\n{{< /callout >}}'
    assert listed["toc"].snippet == "{{< toc >}}"
    assert listed["figure"].snippet == '{{< figure src="" alt="" caption="" >}}'
    assert {"figure", "youtube", "highlight", "details", "qr"} <= set(listed)
    assert [info.name for info in available_shortcodes(None)] == sorted(
        info.name for info in available_shortcodes(None)
    )


def test_partials_site_before_theme(tmp_path: Path) -> None:
    site = make_site(
        tmp_path,
        {
            "layouts/shortcodes/p.html": '{{ partial "one.html" . }}|{{ partial "two" . }}',
            "layouts/_partials/one.html": "site-one {{ .Name }}",
            "themes/t/layouts/partials/one.html": "theme-one",
            "themes/t/layouts/partials/two.html": "theme-two {{ .Get 0 }}",
        },
        config='theme = "t"\n',
    )
    assert render_content("{{< p arg >}}", site) == "site-one p|theme-two arg\n"


def test_read_file_stays_inside_the_site(tmp_path: Path) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("SECRET")
    root = tmp_path / "site"
    root.mkdir()
    site = make_site(
        root,
        {
            "data/inside.txt": "fine",
            "layouts/shortcodes/read.html": "[{{ readFile (.Get 0) }}]",
        },
    )
    os.symlink(outside, root / "data" / "link.txt")
    assert render_content('{{< read "data/inside.txt" >}}', site) == "[fine]\n"
    for path in ("../secret.txt", str(outside), "data/link.txt", "data/../../secret.txt"):
        rendered = render_post(f'{{{{< read "{path}" >}}}}', site=site)
        # Hugo reads such a path as a missing file of the project: "".
        assert rendered.html == "[]\n", path


def test_page_and_site_context(tmp_path: Path) -> None:
    site = make_site(
        tmp_path,
        {
            "layouts/shortcodes/info.html": (
                "{{ .Page.Title }}|{{ .Page.Params.Color }}|{{ .Page.RelPermalink }}|"
                "{{ .Page.Permalink }}|{{ .Page.Section }}|{{ .Page.Kind }}|{{ .Site.Title }}|"
                "{{ .Site.Params.tagline }}|{{ .Site.BaseURL }}|{{ .Page.Draft }}|"
                "{{ .Page.Date.Year }}"
            ),
            "layouts/shortcodes/img.html": (
                '{{ with .Page.Resources.GetMatch "*.JPG" }}{{ .RelPermalink }}{{ end }}|'
                '{{ range .Page.Resources.ByType "image" }}{{ .Name }} {{ end }}'
            ),
        },
        config='[params]\ntagline = "Hi"\n',
    )
    bundle = tmp_path / "content" / "blog" / "trip"
    bundle.mkdir(parents=True)
    (bundle / "cover.jpg").write_bytes(b"x")
    (bundle / "map.png").write_bytes(b"x")
    front_matter = {"title": "Trip", "color": "blue", "date": "2024-05-01", "draft": True}
    rendered = render_post(
        "{{< info >}}\n\n{{< img >}}\n",
        site=site,
        front_matter=front_matter,
        path=bundle / "index.md",
    )
    assert rendered.html == (
        "Trip|blue|/blog/trip/|https://example.org/blog/trip/|blog|page|S|Hi|"
        "https://example.org/|true|2024\n"
        "/blog/trip/cover.jpg|cover.jpg map.png \n"
    )


def test_site_data_and_scratch(tmp_path: Path) -> None:
    site = make_site(
        tmp_path,
        {
            "data/team.yaml": "lead: Ann\n",
            "data/shop/Prices.toml": "coffee = 3\n",
            "themes/t/data/team.yaml": "lead: Theme\nsize: 4\n",
            "layouts/shortcodes/d.html": (
                "{{ .Site.Data.team.lead }} {{ .Site.Data.team.size }} "
                '{{ .Site.Data.shop.Prices.coffee }}{{ .Scratch.Set "x" 2 }}{{ .Scratch.Get "x" }}'
            ),
        },
        config='theme = "t"\n',
    )
    assert render_content("{{< d >}}", site) == "Ann 4 32\n"


def test_translations_and_links_to_other_pages(tmp_path: Path) -> None:
    site = make_site(
        tmp_path,
        {
            "i18n/nl.toml": 'readMore = "Lees verder"\n[post]\none = "1 bericht"\nother = "{{ .Count }} berichten"\n',
            "content/blog/other.md": "---\ntitle: Other\nslug: anders\n---\n",
            "content/blog/mine.md": "---\ntitle: Mine\n---\n",
            "layouts/shortcodes/t.html": (
                '{{ i18n "readMore" }}|{{ T "missing" }}|{{ relref . "other" }}|{{ ref . "/blog/other.md#x" }}'
            ),
        },
        config='defaultContentLanguage = "nl"\n',
    )
    path = tmp_path / "content" / "blog" / "mine.md"
    assert render_post("{{< t >}}", site=site, path=path).html == (
        "Lees verder||/blog/anders/|https://example.org/blog/anders/#x\n"
    )
    assert render_post('{{< relref "other.md" >}}', site=site, path=path).html == "/blog/anders/\n"


def test_allow_remote_is_off_by_default() -> None:
    assert "<iframe" not in render_post("{{< youtube abc >}}").html
    assert "<iframe" in render_post("{{< youtube abc >}}", allow_remote=True).html


# --- against Hugo: themes, partials and the demo site -------------------------------


@pytest.mark.slow
@pytest.mark.skipif(find_hugo() is None, reason="no Hugo binary")
def test_theme_lookup_matches_hugo(tmp_path: Path) -> None:
    files: dict[str, bytes | str] = {
        "layouts/_shortcodes/a.html": "site-a",
        "themes/t/layouts/_shortcodes/a.html": "theme-a",
        "themes/t/layouts/shortcodes/b.html": '<b>{{ .Inner }}</b>{{ partial "p.html" . }}',
        "layouts/_partials/p.html": "site-partial {{ .Name }}",
        "themes/t/layouts/partials/p.html": "theme-partial",
    }
    body = "{{< a >}}\n\n{{< b >}}*x*{{< /b >}}\n"
    hugo = render_with_hugo({"t": body}, tmp_path / "site", config='theme = "t"\n', files=files)
    site = Site.from_root(tmp_path / "site")
    assert render_content(body, site) == hugo["t"].content


@pytest.mark.slow
@pytest.mark.skipif(find_hugo() is None, reason="no Hugo binary")
def test_languages_match_hugo(tmp_path: Path) -> None:
    template = (
        "{{ .Page.Language.Lang }}|{{ .Page.RelPermalink }}|{{ .Site.Language.Lang }}|"
        "{{ .Page.Lang }}|{{ .Site.Language.LanguageCode }}|{{ .Site.Title }}|{{ .Page.Permalink }}"
        "|{{ .Site.Params.greeting }}"
    )
    files: dict[str, bytes | str] = {
        "content/q/multi.nl.md": "---\ntitle: M\n---\n{{< l >}}\n",
        "content/q/plain.md": "---\ntitle: P\n---\n{{< l >}}\n",
    }
    config = (
        'defaultContentLanguage = "en"\n[params]\ngreeting = "hi"\n'
        '[languages.en]\nweight = 1\nlocale = "en-GB"\n'
        '[languages.nl]\nweight = 2\ntitle = "NL titel"\nlocale = "nl-NL"\n'
        '[languages.nl.params]\ngreeting = "hoi"\n'
    )
    root = tmp_path / "site"
    render_with_hugo({"a": "x"}, root, shortcodes={"l": template}, files=files, config=config)
    site = Site.from_root(root)
    for page, output in (("q/multi.nl.md", "nl/q/multi"), ("q/plain.md", "q/plain")):
        published = (root / "public" / output / "index.html").read_text()
        expected = published.split(CONTENT_START, 1)[1].split(TOC_START, 1)[0]
        rendered = render_post("{{< l >}}\n", site=site, path=root / "content" / page)
        assert rendered.html == expected, page


@pytest.mark.slow
@pytest.mark.skipif(find_hugo() is None, reason="no Hugo binary")
def test_get_page_matches_hugo(tmp_path: Path) -> None:
    files: dict[str, bytes | str] = {
        "content/docs/guide/index.md": "---\ntitle: Guide\n---\n",
        "content/docs/b.md": "---\ntitle: Bee\nurl: /custom/path/\ncolor: blue\n---\n",
    }
    template = (
        '{{ with .Site.GetPage "/docs/b" }}{{ .Title }}|{{ .RelPermalink }}|{{ .Params.color }}'
        '{{ end }}|{{ with .Page.GetPage "/docs/guide" }}{{ .Title }}|{{ .Permalink }}{{ end }}|'
        '{{ with .Site.GetPage "/nope" }}X{{ else }}none{{ end }}'
    )
    root = tmp_path / "site"
    hugo = render_with_hugo({"a": "{{< gp >}}\n"}, root, files=files, shortcodes={"gp": template})
    site = Site.from_root(root)
    rendered = render_post("{{< gp >}}\n", site=site, path=root / "content" / "p" / "a.md")
    assert rendered.html == hugo["a"].content


def test_code_fences_off_leaves_the_highlight_shortcode_on(tmp_path: Path) -> None:
    """Hugo's `codeFences = false` plain-renders fences only; the shortcode still colours."""
    site = make_site(tmp_path, {}, "[markup.highlight]\ncodeFences = false\n")
    body = '{{< highlight go "linenos=inline,anchorlinenos=true" >}}\nfunc a() {}\n{{< /highlight >}}\n\n```go\nx := 1\n```\n'
    html = render_content(body, site)
    assert html.count('<div class="highlight">') == 1
    assert 'href="#1"' in html  # the shortcode's anchors carry no block ordinal
    assert '<pre><code class="language-go">x := 1\n</code></pre>' in html


def test_preview_lines_after_the_summary_divider() -> None:
    body = "a\n\n<!--more-->\n\nb <!--more--> c\n\nd\n"
    html = render_post(body, preview=True).html
    assert data_lines(html) == [("p", 0), ("p", 4), ("p", 6)]
