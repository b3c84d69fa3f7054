"""Hugo's built-in shortcodes render as Hugo 0.168 renders them; embeds stay offline.

The real Hugo builds one site with every call below; postedit renders the same bodies
against the same folder. QR codes differ by design (a data: URI instead of a file),
so their attributes are compared instead.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from postedit.core.site import Site
from postedit.render import RenderedPost, render_post
from tests.hugo_reference import (
    CONTENT_START,
    TOC_START,
    HugoPage,
    find_hugo,
    render_with_hugo,
)

CASES = {
    "figure-full": '{{< figure src="/img/a.jpg" alt="A cat" title="T" caption="Cap *md*" link="/x" target="_blank" rel="noopener" class="c" width="100" height="50" attr="By me" attrlink="https://a.b" loading="lazy" >}}\n',
    "figure-plain": '{{< figure src="b.png" >}}\n\nText {{< figure src="c.png" caption="c & <d>" >}} inline.\n',
    "figure-attr": '{{< figure src="https://example.com/x y.png" attr="**Me**" title="<T>" >}}\n',
    "figure-resource": '{{< figure src="cover.jpg" alt="Cover" >}}\n',
    "highlight": "{{< highlight go >}}\npackage main\n{{< /highlight >}}\n\n{{< highlight text >}}x<y{{< /highlight >}}\n",
    "highlight-options": '{{< highlight python "linenos=table,hl_lines=2" >}}\na = 1\nb = 2\n{{< /highlight >}}\n',
    "details": '{{< details summary="See *more*" >}}\nHidden **text**.\n{{< /details >}}\n\n{{< details summary="S" open=true class="c" name="n" title="t" >}}\nx\n{{< /details >}}\n\n{{< details >}}\ny\n{{< /details >}}\n',
    "param": '{{< param foo >}} and {{< param "nested.key" >}} and {{< param title >}} and {{< param site_only >}}\n',
    "ref": '[a]({{< ref "figure-plain" >}}) [b]({{< relref "figure-plain" >}}) [c]({{< ref "figure-plain#x" >}}) [d]({{< relref "/p/highlight.md" >}}) [e]({{< relref "#top" >}}) [f]({{< ref "#top" >}}) [g]({{< relref "ref" >}})\n',
    "comment": "a {{< comment >}}hidden{{< /comment >}} b\n",
    # html/template writes `+` as `&#43;` in text, attributes and URLs alike.
    "figure-plus": '{{< figure src="/a b+c.png" title="a+b <x>" alt="x+y" link="http://e.org/?q=a+b" >}}\n',
}
FRONT_MATTER = {"param": "foo: bar\nnested:\n  key: deep\n"}
CONFIG = '[params]\nsite_only = "S"\nfoo = "sitefoo"\n'
BUNDLE = "content/b/figure-resource"  # a leaf bundle beside the helper's single pages


@pytest.fixture(scope="module")
def hugo_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, HugoPage]]:
    if find_hugo() is None:
        pytest.skip("no Hugo binary")
    workdir = tmp_path_factory.mktemp("builtins") / "site"
    pages = {name: body for name, body in CASES.items() if name != "figure-resource"}
    files: dict[str, bytes | str] = {
        f"{BUNDLE}/index.md": "---\ntitle: figure-resource\n---\n" + CASES["figure-resource"],
        f"{BUNDLE}/cover.jpg": b"\xff\xd8\xff",
    }
    result = render_with_hugo(pages, workdir, front_matter=FRONT_MATTER, config=CONFIG, files=files)
    html = (workdir / "public" / "b" / "figure-resource" / "index.html").read_text()
    content = html.split(CONTENT_START, 1)[1].split(TOC_START, 1)[0]
    result["figure-resource"] = HugoPage(content, "")
    return workdir, result


def ours(workdir: Path, name: str) -> RenderedPost:
    site = Site.from_root(workdir)
    front_matter: dict[str, object] = {"title": name}
    if name == "param":
        front_matter.update({"foo": "bar", "nested": {"key": "deep"}})
    path = workdir / "content" / "p" / f"{name}.md"
    if name == "figure-resource":
        path = workdir / BUNDLE / "index.md"
    return render_post(CASES[name], site=site, front_matter=front_matter, path=path)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(CASES))
def test_builtin_equals_hugo(hugo_site: tuple[Path, dict[str, HugoPage]], name: str) -> None:
    workdir, pages = hugo_site
    expected = pages[name].content
    rendered = ours(workdir, name)
    assert rendered.problems == ()
    assert rendered.html == expected


QR_CASES = {
    "qr-url": '{{< qr text="https://example.org" />}}\n',
    "qr-options": '{{< qr text="hi" level="high" scale=2 alt="QR" class="q" id="i" title="t" loading="lazy" targetDir="codes" />}}\n',
    "qr-inner": "{{< qr >}}\ninner text\n{{< /qr >}}\n",
}


@pytest.fixture(scope="module")
def hugo_qr(tmp_path_factory: pytest.TempPathFactory) -> dict[str, HugoPage]:
    if find_hugo() is None:
        pytest.skip("no Hugo binary")
    return render_with_hugo(QR_CASES, tmp_path_factory.mktemp("qr") / "site")


def _without_src(html: str) -> str:
    return re.sub(r'src="[^"]*"', 'src=""', html)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(QR_CASES))
def test_qr_has_hugos_size_and_attributes_as_a_data_uri(
    hugo_qr: dict[str, HugoPage], name: str
) -> None:
    rendered = render_post(QR_CASES[name])
    assert 'src="data:image/png;base64,' in rendered.html
    assert _without_src(rendered.html) == _without_src(hugo_qr[name].content)


def test_qr_image_decodes_as_png_of_the_stated_size() -> None:
    import base64
    import struct

    html = render_post('{{< qr text="https://example.org" scale=3 />}}').html
    data = base64.b64decode(re.search(r"base64,([^\"]+)", html).group(1))  # type: ignore[union-attr]
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert f'width="{width}" height="{height}"' in html


@pytest.mark.parametrize(
    ("body", "kind", "url"),
    [
        ("{{< youtube 0RKpf3rK57I >}}", "youtube", "https://www.youtube.com/watch?v=0RKpf3rK57I"),
        (
            '{{< youtube id="w7Ft2ymGmfc" title="A title" >}}',
            "youtube",
            "https://www.youtube.com/watch?v=w7Ft2ymGmfc",
        ),
        ("{{< vimeo 55073825 >}}", "vimeo", "https://vimeo.com/55073825"),
        (
            '{{< x user="SanDiegoZoo" id="1453110110599868418" >}}',
            "x",
            "https://x.com/SanDiegoZoo/status/1453110110599868418",
        ),
        ("{{< instagram CxOWiQNP2MO >}}", "instagram", "https://www.instagram.com/p/CxOWiQNP2MO"),
        ("{{< gist spf13 7896402 >}}", "gist", "https://gist.github.com/spf13/7896402"),
    ],
)
def test_embeds_are_offline_cards(body: str, kind: str, url: str) -> None:
    html = render_post(body).html
    assert f'data-embed="{kind}"' in html
    assert f'href="{url}"' in html
    assert "<iframe" not in html and "<script" not in html


def test_card_shows_the_video_title() -> None:
    assert "A title" in render_post('{{< youtube id="w7Ft2ymGmfc" title="A title" >}}').html


def test_removed_builtins_render_but_say_hugo_refuses_them() -> None:
    rendered = render_post("{{< gist spf13 7896402 >}}")
    assert 'data-embed="gist"' in rendered.html
    assert any("removed from Hugo" in problem for problem in rendered.problems)


REMOTE_CASES = {
    "youtube": '{{< youtube 0RKpf3rK57I >}}\n\n{{< youtube id="w7Ft2ymGmfc" title="A title" autoplay="true" start=30 loop=true >}}\n\n{{< youtube id="x" class="v" allowFullScreen=false >}}\n',
    "vimeo": '{{< vimeo 55073825 >}}\n\n{{< vimeo id="146022717" class="my-vimeo" title="My vimeo" >}}\n',
}


@pytest.fixture(scope="module")
def hugo_remote(tmp_path_factory: pytest.TempPathFactory) -> dict[str, HugoPage]:
    if find_hugo() is None:
        pytest.skip("no Hugo binary")
    return render_with_hugo(REMOTE_CASES, tmp_path_factory.mktemp("remote") / "site")


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(REMOTE_CASES))
def test_allow_remote_renders_hugos_embed(hugo_remote: dict[str, HugoPage], name: str) -> None:
    assert render_post(REMOTE_CASES[name], allow_remote=True).html == hugo_remote[name].content


def test_allow_remote_x_and_instagram_link_to_the_post() -> None:
    html = render_post('{{< x user="a" id="1" >}}\n\n{{< instagram CxO >}}', allow_remote=True).html
    assert 'href="https://x.com/a/status/1"' in html
    assert 'data-instgrm-permalink="https://www.instagram.com/p/CxO"' in html


@pytest.mark.slow
def test_privacy_settings_shape_the_real_embeds(tmp_path: Path) -> None:
    if find_hugo() is None:
        pytest.skip("no Hugo binary")
    config = "[privacy.vimeo]\nenableDNT = true\n[privacy.youtube]\nprivacyEnhanced = true\n"
    body = '{{< vimeo 55073825 >}}\n\n{{< youtube abc >}}\n\n{{< vimeo id="1" title="T" >}}\n'
    hugo = render_with_hugo({"a": body}, tmp_path / "site", config=config)
    site = Site.from_root(tmp_path / "site")
    assert render_post(body, site=site, allow_remote=True).html == hugo["a"].content


def test_disabled_services_render_nothing(tmp_path: Path) -> None:
    (tmp_path / "hugo.toml").write_text("[privacy.youtube]\ndisable = true\n")
    site = Site.from_root(tmp_path)
    assert render_post("a {{< youtube abc >}} b", site=site).html == "<p>a  b</p>\n"
