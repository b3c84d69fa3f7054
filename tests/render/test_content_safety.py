"""A site's templates cannot hang the preview, exhaust memory or read outside the site.

Each case is a template a careless or hostile theme could ship; the post must still
render, with the shortcode shown as a problem, well within the time budget.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from postedit.render import render_post
from postedit.render.gotemplate import limits
from tests.render import test_content


def make_site(root: Path, files: dict[str, str]) -> test_content.Site:
    root.mkdir(exist_ok=True)
    return test_content.make_site(root, files)


@pytest.fixture
def short_budget(monkeypatch: pytest.MonkeyPatch) -> float:
    monkeypatch.setattr(limits, "SECONDS", 0.3)
    return 0.3


def render_x(
    tmp_path: Path, template: str, partial: str = ""
) -> tuple[str, tuple[str, ...], float]:
    files = {"layouts/shortcodes/x.html": template, "layouts/partials/p.html": partial}
    site = make_site(tmp_path / "site", files)
    start = time.perf_counter()
    rendered = render_post("before\n\n{{< x >}}\n\nafter\n", site=site)
    elapsed = time.perf_counter() - start
    assert "<p>before</p>" in rendered.html and "<p>after</p>" in rendered.html
    return rendered.html, rendered.problems, elapsed


@pytest.mark.parametrize(
    "template",
    [
        "{{ range 100000000 }}x{{ end }}",
        "{{ range 100000000 }}{{ end }}",
        "{{ range seq 2000 }}{{ range seq 2000 }}{{ range seq 2000 }}{{ end }}{{ end }}{{ end }}",
    ],
)
def test_endless_loops_stop_at_the_budget(
    tmp_path: Path, short_budget: float, template: str
) -> None:
    _html, problems, elapsed = render_x(tmp_path, template)
    assert elapsed < short_budget + 1.0
    assert len(problems) == 1 and "took longer than" in problems[0]


def test_partials_calling_partials_share_one_budget(tmp_path: Path, short_budget: float) -> None:
    fanout = '{{ if lt . 30 }}{{ partial "p" (add . 1) }}{{ partial "p" (add . 1) }}{{ end }}'
    _html, problems, elapsed = render_x(tmp_path, '{{ partial "p" 0 }}', partial=fanout)
    assert elapsed < short_budget + 1.0
    assert "took longer than" in problems[0]


def test_a_partial_that_calls_itself_stops(tmp_path: Path) -> None:
    _html, problems, _ = render_x(tmp_path, '{{ partial "p" . }}', partial='{{ partial "p" . }}')
    assert "more than 40 levels deep" in problems[0]


@pytest.mark.parametrize(
    ("template", "reason"),
    [
        ('{{ strings.Repeat 1000000000 "x" }}', "too large to preview"),
        ('{{ $s := "ab" }}{{ range seq 60 }}{{ $s = print $s $s }}{{ end }}', "too large"),
        ("{{ $s := slice 1 }}{{ range seq 40 }}{{ $s = $s | append $s }}{{ end }}", "too large"),
        (
            '{{ $s := strings.Repeat 1000 "a" }}{{ range seq 2000 }}{{ range seq 2000 }}{{ $s }}{{ end }}{{ end }}',
            "too large",
        ),
        ('{{ replaceRE "(a+)+$" "b" "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!" }}', "regexp"),
        ('{{ findRE "(x|x)*y" "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" }}', "regexp"),
        ('{{ replaceRE "(\\\\w+)\\\\1" "" "aa" }}', "backreference"),
        ("{{ if 1 }}" * 3000 + "{{ end }}" * 3000, "nests its actions too deeply"),
    ],
)
def test_values_that_would_exhaust_the_machine_are_refused(
    tmp_path: Path, template: str, reason: str
) -> None:
    _html, problems, elapsed = render_x(tmp_path, template)
    assert elapsed < 1.5
    assert len(problems) == 1 and reason in problems[0]


def test_ints_wrap_at_64_bits_as_in_go(tmp_path: Path) -> None:
    # Go: 2^32 * 2^32 overflows int64 to 0; Python's ints would grow without end.
    html, problems, _ = render_x(
        tmp_path,
        "{{ $s := 2 }}{{ range seq 40 }}{{ $s = mul $s $s }}{{ end }}{{ $s }}|"
        "{{ add 9223372036854775807 1 }}",
    )
    assert problems == () and "0|-9223372036854775808" in html


def test_printf_with_an_absurd_width_is_go_s_noverb(tmp_path: Path) -> None:
    html, _problems, elapsed = render_x(tmp_path, '{{ printf "%0999999999d" 1 }}')
    assert elapsed < 1.0 and "%!(NOVERB)%!(EXTRA int=1)" in html


def test_harmless_repetitions_still_run(tmp_path: Path) -> None:
    html, problems, _ = render_x(
        tmp_path,
        '{{ replaceRE "(?:[a-z]+-)+" "W-" "ab-cd-ef" }}|{{ findRE "(\\\\s|&nbsp;)+" "a  b" }}',
    )
    assert problems == () and "W-ef|[  ]" in html


@pytest.mark.skipif(os.name == "nt", reason="symlinks need privileges on Windows")
def test_bundle_and_data_links_out_of_the_site_are_not_read(tmp_path: Path) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("SECRET")
    site = make_site(
        tmp_path / "site",
        {
            "content/post/index.md": "x",
            "layouts/shortcodes/x.html": (
                "{{ range .Page.Resources }}[{{ .Name }}:{{ .Content }}]{{ end }}"
                "{{ .Site.Data.leak }}"
            ),
        },
    )
    (tmp_path / "site/content/post/leak.txt").symlink_to(outside)
    (tmp_path / "site/data").mkdir()
    (tmp_path / "secret.yaml").write_text("k: SECRET")
    (tmp_path / "site/data/leak.yaml").symlink_to(tmp_path / "secret.yaml")
    rendered = render_post("{{< x >}}", site=site, path=tmp_path / "site/content/post/index.md")
    assert "SECRET" not in rendered.html and "leak.txt" not in rendered.html


@pytest.mark.parametrize(
    "template",
    [
        '{{ readFile "../secret.txt" }}',
        '{{ os.ReadFile "/etc/hostname" }}',
        '{{ readFile "link.txt" }}',
        '{{ partial "../../../secret.txt" . }}',
        '{{ with resources.Get "../../secret.txt" }}{{ .Content }}{{ end }}',
        '{{ fileExists "../secret.txt" }}',
    ],
)
def test_files_outside_the_site_stay_unread(tmp_path: Path, template: str) -> None:
    (tmp_path / "secret.txt").write_text("SECRET")
    site = make_site(tmp_path / "site", {"layouts/shortcodes/x.html": template})
    if os.name != "nt":
        (tmp_path / "site/link.txt").symlink_to(tmp_path / "secret.txt")
    rendered = render_post("{{< x >}}", site=site)
    assert "SECRET" not in rendered.html
    assert "true" not in rendered.html


def test_a_huge_bundle_file_is_not_read_into_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from postedit.render.shortcodes import resources

    monkeypatch.setattr(resources, "MAX_STRING", 10)
    site = make_site(
        tmp_path / "site",
        {
            "content/post/index.md": "x",
            "content/post/big.txt": "x" * 100,
            "layouts/shortcodes/x.html": "{{ range .Page.Resources }}{{ .Content }}{{ end }}",
        },
    )
    rendered = render_post("{{< x >}}", site=site, path=tmp_path / "site/content/post/index.md")
    assert "xxxxxxxxxxx" not in rendered.html
    assert "too large" in rendered.problems[0]


# Pieces of templates a theme might hold, well-formed or not; any mix must render.
FRAGMENTS = [
    "{{ .Get 0 }}",
    '{{ .Get "a" }}',
    "{{ .Inner }}",
    "{{ range . }}",
    "{{ end }}",
    "{{ if . }}",
    "{{ else }}",
    "{{ with .Page }}",
    "{{ $x := 1 }}",
    "{{ $x }}",
    '{{ partial "p" . }}',
    '{{ template "t" . }}',
    '{{ define "t" }}',
    "{{ seq 5 }}",
    '{{ printf "%v%s%d" . 1 }}',
    "{{ .Page.Params }}",
    "{{ site.Params }}",
    "{{ len . }}",
    "{{ index . 99 }}",
    "{{ .Nope.Deeper }}",
    '{{ replaceRE "(" "" "x" }}',
    '<a href="',
    "{{ . | markdownify }}",
    "{{ .Page.Date.Format }}",
    "{{ add 1 }}",
    "{{ div 1 0 }}",
    "<script>var x = {{ . }}</script>",
    "{{/* c */}}",
    "{{- ",
    " -}}",
    "}}",
    "{{",
    '{{ dict "a" }}',
    "{{ .Scratch.Add 1 2 }}",
    '{{ where . "a" "in" 1 }}',
    "<style>",
    "{{ range $i, $v := seq 3 }}{{ $v }}{{ end }}",
    "{{ break }}",
    "{{ return 1 }}",
]


@given(
    template=st.lists(st.sampled_from(FRAGMENTS), max_size=12).map("".join),
    partial=st.lists(st.sampled_from(FRAGMENTS), max_size=6).map("".join),
)
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_any_template_renders_without_raising(tmp_path: Path, template: str, partial: str) -> None:
    site = make_site(
        tmp_path / "fuzz",
        {"layouts/shortcodes/x.html": template, "layouts/partials/p.html": partial},
    )
    rendered = render_post('a {{< x 1 a="b" >}}*in*{{< /x >}} b\n\n{{% x %}}\n', site=site)
    assert isinstance(rendered.html, str)
    for problem in rendered.problems:
        # A template's mistake reads like Hugo's error; a Python exception name is our bug.
        assert "postedit could not render" not in problem
        assert re.search(r"(^|: )[A-Z]\w*(Error|Exception): ", problem) is None, problem


@pytest.mark.parametrize("name", ["..\\\\..\\\\secret", "C:secret", "a/../../secret", "/../secret"])
def test_partial_names_cannot_climb_out_of_the_layouts(tmp_path: Path, name: str) -> None:
    (tmp_path / "site/layouts").mkdir(parents=True)
    (tmp_path / "site/secret.html").write_text("SECRET")
    (tmp_path / "site/layouts/secret.html").write_text("SECRET")
    site = make_site(
        tmp_path / "site", {"layouts/shortcodes/x.html": f'{{{{ partial "{name}" . }}}}'}
    )
    rendered = render_post("{{< x >}}", site=site)
    assert "SECRET" not in rendered.html and "not found" in rendered.problems[0]


def test_output_naming_its_own_placeholder_twice_does_not_explode(tmp_path: Path) -> None:
    token = "HAHAHUGOSHORTCODE0s0HBHB"
    site = make_site(tmp_path / "site", {"layouts/shortcodes/x.html": f"{token} {token}"})
    start = time.perf_counter()
    rendered = render_post("a {{< x >}}\n", site=site)
    assert time.perf_counter() - start < 2.0
    assert len(rendered.html) < 5_000_000


def test_a_long_post_of_nested_calls_expands_every_one(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", {"layouts/shortcodes/w.html": "<w>{{ .Inner }}</w>"})
    inner = "".join(f"{{{{< w >}}}}{i}{{{{< /w >}}}}" for i in range(3000))
    body = "{{< w >}}" + "x" * 1_200_000 + inner + "{{< /w >}}\n"
    html = render_post(body, site=site).html
    assert "HAHAHUGOSHORTCODE" not in html and "<w>2999</w>" in html


@pytest.mark.parametrize("call", ['replace $s "" $s', 'replaceRE "" $s $s'])
def test_replacements_that_would_multiply_a_large_text_are_refused(
    tmp_path: Path, call: str
) -> None:
    template = '{{ $s := strings.Repeat 3000000 "a" }}{{ ' + call + " | len }}"
    _html, problems, elapsed = render_x(tmp_path, template)
    assert elapsed < 1.5 and "too large" in problems[0]


def test_data_that_nests_by_aliases_cannot_hang_printing(
    tmp_path: Path, short_budget: float
) -> None:
    laughs = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
        for prev, name in zip("abcdefgh", "bcdefghi", strict=True)
    )
    for call in ("jsonify site.Data.lol.i", 'printf "%v" site.Data.lol.i'):
        site = make_site(
            tmp_path / call.split()[0],
            {"data/lol.yaml": laughs, "layouts/shortcodes/x.html": "{{ " + call + " | len }}"},
        )
        start = time.perf_counter()
        rendered = render_post("{{< x >}}", site=site)
        assert time.perf_counter() - start < short_budget + 1.5, call
        assert "took longer than" in rendered.problems[0] or "too large" in rendered.problems[0]
