"""What templates read from the site: resources, image sizes, and files kept until changed."""

from __future__ import annotations

import base64
import os
from pathlib import Path

from postedit.render import render_post
from postedit.render.shortcodes.imagesize import image_size
from tests.render.test_content import make_site

# A 4x2 PNG, as written by an image editor.
PNG_4X2 = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAQAAAACCAIAAAASFvFNAAAAEUlEQVR4nGP4z8AARAwMDAwAHfAD/Xw7E7sAAAAASUVORK5CYII="
)


def bundle_post(tmp_path: Path, template: str, files: dict[str, str] | None = None) -> Path:
    make_site(
        tmp_path,
        {"layouts/shortcodes/x.html": template, "content/post/index.md": "x", **(files or {})},
    )
    (tmp_path / "content/post/pic.png").write_bytes(PNG_4X2)
    return tmp_path / "content/post/index.md"


def render_in(post: Path, body: str = "{{< x >}}\n") -> tuple[str, tuple[str, ...]]:
    from postedit.core.site import Site

    site = Site.from_root(post.parents[2])
    rendered = render_post(body, site=site, path=post)
    return rendered.html, rendered.problems


def test_image_resources_know_their_size(tmp_path: Path) -> None:
    post = bundle_post(
        tmp_path, '{{ with .Page.Resources.GetMatch "*.png" }}{{ .Width }}x{{ .Height }}{{ end }}'
    )
    assert render_in(post) == ("4x2\n", ())


def test_image_processing_is_a_problem_that_says_what_hugo_would_do(tmp_path: Path) -> None:
    post = bundle_post(
        tmp_path,
        '{{ with .Page.Resources.Get "pic.png" }}{{ (.Resize "300x").RelPermalink }}{{ end }}',
    )
    html, problems = render_in(post)
    assert "postedit-shortcode-problem" in html
    assert "does not process images" in problems[0] and "pic.png" in problems[0]
    assert "Resize 300x" in problems[0]


def test_images_functions_are_named_in_the_problem(tmp_path: Path) -> None:
    post = bundle_post(tmp_path, "{{ images.Grayscale }}")
    _, problems = render_in(post)
    assert "images.Grayscale" in problems[0]


def test_resources_get_finds_assets(tmp_path: Path) -> None:
    post = bundle_post(
        tmp_path,
        '{{ with resources.Get "css/x.css" }}{{ .RelPermalink }}|{{ .Content }}{{ end }}|'
        '{{ with resources.Get "nope.css" }}yes{{ else }}no{{ end }}',
        {"assets/css/x.css": "body{}"},
    )
    assert render_in(post) == ("/css/x.css|body{}|no\n", ())


def test_figure_finds_its_image_in_assets(tmp_path: Path) -> None:
    post = bundle_post(tmp_path, "", {"assets/img/a.png": "png"})
    html, _ = render_in(post, '{{< figure src="img/a.png" >}}\n')
    assert '<img src="/img/a.png">' in html


def test_site_works_inside_a_partial_given_a_dict(tmp_path: Path) -> None:
    post = bundle_post(
        tmp_path,
        '{{ partial "p" (dict "n" 1) }}',
        {"layouts/partials/p.html": "{{ site.Title }}|{{ .n }}"},
    )
    assert render_in(post) == ("S|1\n", ())


def test_isset_on_params_is_case_sensitive_like_hugo(tmp_path: Path) -> None:
    make_site(
        tmp_path,
        {
            "layouts/shortcodes/x.html": '{{ isset .Page.Params "Color" }}|{{ isset .Page.Params "color" }}|{{ .Page.Params.Color }}'
        },
    )
    from postedit.core.site import Site

    rendered = render_post(
        "{{< x >}}", site=Site.from_root(tmp_path), front_matter={"Color": "red"}
    )
    assert rendered.html == "false|true|red\n"


def touch_later(path: Path, text: str) -> None:
    """Rewrite `path` with a later modification time (file systems may round mtimes)."""
    before = path.stat().st_mtime_ns
    path.write_text(text)
    os.utime(path, ns=(before + 2_000_000_000, before + 2_000_000_000))


def test_an_edited_template_shows_on_the_next_render(tmp_path: Path) -> None:
    post = bundle_post(
        tmp_path,
        "one",
        {"layouts/partials/p.html": "A", "data/d.yaml": "k: v1", "i18n/en.toml": 'hi = "Hi"'},
    )
    body = "{{< x >}} {{< y >}}\n"
    (tmp_path / "layouts/shortcodes/y.html").write_text(
        '{{ partial "p" . }}{{ site.Data.d.k }}{{ T "hi" }}'
    )
    assert render_in(post, body)[0] == "<p>one Av1Hi</p>\n"
    assert render_in(post, body)[0] == "<p>one Av1Hi</p>\n"  # from the cache
    touch_later(tmp_path / "layouts/shortcodes/x.html", "two")
    touch_later(tmp_path / "layouts/partials/p.html", "B")
    touch_later(tmp_path / "data/d.yaml", "k: v2")
    touch_later(tmp_path / "i18n/en.toml", 'hi = "Hoi"')
    assert render_in(post, body)[0] == "<p>two Bv2Hoi</p>\n"


def test_merged_data_does_not_change_the_cached_files(tmp_path: Path) -> None:
    post = bundle_post(
        tmp_path,
        "{{ site.Data.a.x }}|{{ site.Data.a.b.y }}",
        {"data/a.yaml": "x: 1", "data/a/b.yaml": "y: 2"},
    )
    first = render_in(post)
    assert first == render_in(post) == ("1|2\n", ())


def test_image_size_reads_common_formats(tmp_path: Path) -> None:
    samples = {
        "a.png": PNG_4X2,
        "a.gif": b"GIF89a\x05\x00\x03\x00" + b"\0" * 10,
        "a.jpg": b"\xff\xd8\xff\xe0\x00\x04ab\xff\xc0\x00\x11\x08\x00\x07\x00\x09" + b"\0" * 16,
        "a.webp": b"RIFF\0\0\0\0WEBPVP8X\x0a\0\0\0\0\0\0\0"
        + (10).to_bytes(3, "little")
        + (5).to_bytes(3, "little"),
        "a.txt": b"hello",
    }
    for name, data in samples.items():
        (tmp_path / name).write_bytes(data)
    assert image_size(tmp_path / "a.png") == (4, 2)
    assert image_size(tmp_path / "a.gif") == (5, 3)
    assert image_size(tmp_path / "a.jpg") == (9, 7)
    assert image_size(tmp_path / "a.webp") == (11, 6)
    assert image_size(tmp_path / "a.txt") is None
    assert image_size(tmp_path / "missing.png") is None


def test_read_file_reads_as_hugo_does(tmp_path: Path) -> None:
    # Hugo 0.168: paths are the project's ("/notes.txt" too); missing files read as "".
    post = bundle_post(
        tmp_path,
        '[{{ readFile "/notes.txt" }}|{{ readFile "sub/../notes.txt" }}|{{ readFile "nope" }}|'
        '{{ fileExists "notes.txt" }}|{{ fileExists "nope" }}]',
        {"notes.txt": "NOTES"},
    )
    assert render_in(post) == ("[NOTES|NOTES||true|false]\n", ())


def test_site_wide_lists_say_why_the_preview_lacks_them(tmp_path: Path) -> None:
    post = bundle_post(tmp_path, '{{ range where .Site.RegularPages "Section" "blog" }}{{ end }}')
    _, problems = render_in(post)
    assert "x.html:1: .Site.RegularPages needs the whole site built" in problems[0]
