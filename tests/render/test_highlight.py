"""Code highlighting equals what Hugo 0.168's Chroma emits, setting by setting.

Each case is a fenced block rendered by the real Hugo (one page per block, one site
per `markup.highlight` configuration, built once per module). Where Chroma's and
Pygments' tokens coincide (plain text, unknown or no language) the HTML must be
identical; for real languages the wrapper, lines, line numbers and text must be
(the fidelity harness' normalisation) and well-known tokens carry Chroma's colours.
"""

from __future__ import annotations

import subprocess

import pytest

from postedit.render.highlight import (
    HighlightConfig,
    highlight_block,
    stylesheet,
)
from tests.hugo_reference import find_hugo, hugo_env, render_with_hugo
from tests.render.fidelity import normalise

pytestmark = pytest.mark.skipif(find_hugo() is None, reason="no Hugo binary")

GO = 'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("hi") // c\n}\n'
LINES = "".join(f"line {n} <&> \"q\" 'a'\n" for n in range(1, 12))

# name -> (language, options, code); identical output expected unless in STRUCTURAL.
CASES: dict[str, tuple[str, str, str]] = {
    "text": ("text", "", "plain <x> \"q\" & 'a'\n\tindented\n"),
    "none": ("", "", "a < b\n  x\n"),
    "unknown": ("nosuchlang", "", "a < b\n"),
    "upper": ("TEXT", "", "x\n"),
    "empty": ("text", "", ""),
    "trailing-blank": ("text", "", "\n\na\n  \n\n\n"),
    "table": ("text", '{linenos=table,hl_lines=[2,"4-5"],linenostart=3}', LINES),
    "inline": ("text", "{linenos=inline,hl_lines=[2],anchorlinenos=true,lineanchors=foo}", LINES),
    "anchor-default": ("text", "{linenos=inline,anchorlinenos=true}", "x\ny\n"),
    "table-anchor": ("text", "{linenos=table,anchorlinenos=true,lineanchors=p}", "x\ny\n"),
    "width": ("text", "{linenos=inline,linenostart=8}", "a\nb\nc\n"),
    "hl-only": ("text", '{hl_lines="2-3"}', "a\nb\nc\nd\n"),
    "linenos-true": ("text", "{linenos=true}", "a\n"),
    "linenos-false": ("text", "{linenos=false}", "a\n"),
    "attributes": ("text", "{.myclass #myid}", "x\n"),
    "attributes-kv": (
        "text",
        '{file="la/x.html" copy=true linenos=inline .c #i data-x=1 title="A <b>"}',
        "x\n",
    ),
    "not-options": (
        "text",
        "{Title=T wrapperClass=w codeFences=false lineNumbersInTable=false}",
        "x\n",
    ),
    "plain-attributes": ("zzz", '{file="x" .c}', "x\n"),
    "no-language-attributes": ("", "{.c #d file=f}", "x\n"),
    "hl-inline": ("text", "{hl_inline=true}", "a < b\n"),
    "hl-inline-unknown": ("zzz", "{hl_inline=true}", "a < b\n"),
    "go-inline": ("go", "{hl_inline=true}", "func x\n"),
    "style-option": ("text", "{style=friendly,linenos=table,hl_lines=[1]}", "x\n"),
    "noclasses-option": ("text", "{noClasses=false,linenos=inline}", "x\n"),
    "go": ("go", "", GO),
    "go-table": ("go", "{linenos=table,hl_lines=[3]}", GO),
    "sh": ("sh", "", "echo $HOME # hi\n"),
    "shell": ("shell", "", "ls -la\n"),
    "console": ("console", "", "$ ls -la\nfoo\n"),
    "toml": ("toml", "", "[a]\nb = 1\n"),
    "yaml": ("yaml", "", "a: 1\n"),
    "html": ("html", "", "<p class='x'>hi</p>\n"),
    "go-html-template": ("go-html-template", "", "{{ .Title }}\n"),
    "txt": ("txt", "", "x\n"),
    "shebang": ("", "", "#!/bin/bash\necho hi\n"),
    "xml-unguessed": ("", "", '<?xml version="1.0"?>\n<a/>\n'),
}
STRUCTURAL = {
    "go",
    "go-table",
    "sh",
    "shell",
    "console",
    "toml",
    "yaml",
    "html",
    "go-html-template",
}

CONFIGS: dict[str, str] = {
    "default": "",
    "classes": "noClasses = false\n",
    "line-numbers": "lineNos = true\nlineNumbersInTable = false\nanchorLineNos = true\n",
    "tab-width": "tabWidth = 8\n",
    "guess": "guessSyntax = true\n",
    "style": "style = 'friendly'\n",
    "no-fences": "codeFences = false\n",
}
SETTINGS = {
    "default": {},
    "classes": {"noclasses": False},
    "line-numbers": {"linenos": True, "linenumbersintable": False, "anchorlinenos": True},
    "tab-width": {"tabwidth": 8},
    "guess": {"guesssyntax": True},
    "style": {"style": "friendly"},
    "no-fences": {"codefences": False},
}


def _fence(lang: str, options: str, code: str) -> str:
    info = f"{lang} {options}".strip()
    return f"```{info}\n{code}```\n"


@pytest.fixture(scope="module")
def hugo(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, str]]:
    """Hugo's `.Content` for every case under every configuration."""
    pages = {name: _fence(*case) for name, case in CASES.items()}
    pages["shortcode"] = (
        '{{< highlight text "linenos=table,hl_lines=2 4-5" >}}\n' + LINES + "{{< /highlight >}}\n"
    )
    pages["shortcode-anchors"] = (
        '{{< highlight text "anchorlinenos=true,linenos=inline" >}}\nq\n{{< /highlight >}}\n'
    )
    pages["third-fence"] = "```zzz\nx\n```\n\n```\ny\n```\n\n" + _fence(
        "text", "{anchorlinenos=true,linenos=inline}", "z\n"
    )
    results: dict[str, dict[str, str]] = {}
    for config, toml in CONFIGS.items():
        rendered = render_with_hugo(
            pages,
            tmp_path_factory.mktemp("hugo") / config,
            config="[markup.highlight]\n" + toml,
        )
        results[config] = {name: page.content for name, page in rendered.items()}
    return results


def _ours(config: str, name: str) -> str:
    lang, options, code = CASES[name]
    return highlight_block(code, lang, HighlightConfig.from_mapping(SETTINGS[config]), options)


@pytest.mark.parametrize("config", CONFIGS)
@pytest.mark.parametrize("name", [name for name in CASES if name not in STRUCTURAL])
def test_same_html_as_hugo(hugo: dict[str, dict[str, str]], config: str, name: str) -> None:
    assert _ours(config, name) == hugo[config][name]


@pytest.mark.parametrize("config", CONFIGS)
@pytest.mark.parametrize("name", sorted(STRUCTURAL))
def test_same_structure_and_text_as_hugo(
    hugo: dict[str, dict[str, str]], config: str, name: str
) -> None:
    assert normalise(_ours(config, name)) == normalise(hugo[config][name])


def test_highlight_shortcode_options(hugo: dict[str, dict[str, str]]) -> None:
    ours = highlight_block(
        LINES.rstrip("\n"), "text", HighlightConfig(), "linenos=table,hl_lines=2 4-5", fence=False
    )
    assert ours == hugo["default"]["shortcode"].strip("\n")


def test_shortcode_line_anchors_are_bare_numbers(hugo: dict[str, dict[str, str]]) -> None:
    options = "anchorlinenos=true,linenos=inline"
    ours = highlight_block("q", "text", HighlightConfig(), options, fence=False)
    assert ours == hugo["default"]["shortcode-anchors"].strip("\n")
    assert 'id="1"' in ours


def test_fence_line_anchors_are_named_by_the_fences_ordinal(
    hugo: dict[str, dict[str, str]],
) -> None:
    third = highlight_block(
        "z\n", "text", HighlightConfig(), "{anchorlinenos=true,linenos=inline}", ordinal=2
    )
    assert hugo["default"]["third-fence"].endswith(third)
    assert 'id="hl-2-1"' in third


def test_shortcode_highlights_even_without_code_fences(hugo: dict[str, dict[str, str]]) -> None:
    config = HighlightConfig.from_mapping(SETTINGS["no-fences"])
    ours = highlight_block(
        LINES.rstrip("\n"), "text", config, "linenos=table,hl_lines=2 4-5", fence=False
    )
    assert ours == hugo["no-fences"]["shortcode"].strip("\n")


@pytest.mark.parametrize(
    ("config", "token"),
    [
        ("default", '<span style="color:#66d9ef">func</span>'),
        ("default", '<span style="color:#f92672">package</span>'),
        ("default", '<span style="color:#e6db74">&#34;hi&#34;</span>'),
        ("default", '<span style="color:#75715e">// c</span>'),
        ("classes", '<span class="kd">func</span>'),
        ("classes", '<span class="kn">package</span>'),
        ("classes", '<span class="c1">// c</span>'),
        ("style", '<span style="color:#007020;font-weight:bold">func</span>'),
        ("style", '<span style="color:#60a0b0;font-style:italic">// c</span>'),
    ],
)
def test_tokens_carry_chromas_colours(
    hugo: dict[str, dict[str, str]], config: str, token: str
) -> None:
    assert token in hugo[config]["go"]
    assert token in _ours(config, "go")


@pytest.mark.parametrize("style", ["monokai", "igor"])
def test_stylesheet_matches_hugo_gen_chromastyles(style: str) -> None:
    binary = find_hugo()
    assert binary is not None
    result = subprocess.run(
        [binary, "gen", "chromastyles", f"--style={style}"],
        capture_output=True,
        text=True,
        env=hugo_env(),
        check=True,
    )
    assert stylesheet(style) == result.stdout


def test_stylesheet_of_another_style_has_chromas_rules() -> None:
    css = stylesheet("friendly")
    assert "/* LineHighlight */ .chroma .hl { background-color:#d8d8d8 }" in css
    assert "/* Keyword */ .chroma .k { color:#007020;font-weight:bold }" in css
