"""The preview page shell and the resolver that decides which files it may show."""

from __future__ import annotations

import datetime as dt
import itertools
import os
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from postedit.core.site import Site
from postedit.render.blocks import (
    BlockSplitter,
    block_starts,
    compare_blocks,
    diff_blocks,
    shift_lines,
    split_blocks,
)
from postedit.render.page import (
    APP_HOST,
    SITE_HOST,
    PageLocation,
    PageParts,
    content_html,
    featured_image,
    header_html,
    image_url,
    locate_page,
    page_html,
    page_parts,
    resolve_local,
)

BUNDLE_POST = "content/blog/better-photos-with-your-phone/index.md"
PLAIN_POST = "content/blog/schrijven-voor-het-web.md"


def _set_base_url(site_root: Path, base_url: str) -> Site:
    config = site_root / "hugo.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace('baseURL = "https://example.org/"', f'baseURL = "{base_url}"'),
        encoding="utf-8",
    )
    return Site.open(site_root)


@pytest.fixture
def site(demo_site: Path) -> Site:
    return Site.open(demo_site)


# Where a post's page lives ---------------------------------------------------------


@pytest.mark.parametrize(
    ("post", "url_path", "is_bundle"),
    [
        (BUNDLE_POST, "/blog/better-photos-with-your-phone/", True),
        (PLAIN_POST, "/blog/schrijven-voor-het-web/", False),
        ("content/blog/_index.md", "/blog/", True),
        ("content/_index.md", "/", True),
        ("content/contact.md", "/contact/", False),
    ],
)
def test_page_address_follows_the_content_path(
    site: Site, post: str, url_path: str, is_bundle: bool
) -> None:
    location = locate_page(site, site.root / post)
    assert location.url_path == url_path
    assert location.url == f"postedit://site{url_path}"
    assert (location.bundle == (site.root / post).parent) is is_bundle


def test_page_address_starts_with_the_base_url_path(demo_site: Path) -> None:
    site = _set_base_url(demo_site, "https://example.org/kantoor/")
    assert (
        locate_page(site, site.root / PLAIN_POST).url_path
        == "/kantoor/blog/schrijven-voor-het-web/"
    )


def test_page_address_is_percent_encoded(site: Site) -> None:
    post = site.content_dir / "blog" / "één post.md"
    assert locate_page(site, post).url_path == "/blog/%C3%A9%C3%A9n%20post/"


def test_a_post_without_a_site_has_its_folder_as_bundle(tmp_path: Path) -> None:
    location = locate_page(None, tmp_path / "loose.md")
    assert (location.url_path, location.bundle) == ("/", tmp_path)


# The featured image ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("front_matter", "expected"),
    [
        ({"image": "a.jpg"}, "a.jpg"),
        ({"images": ["b.jpg", "c.jpg"]}, "b.jpg"),
        ({"featured_image": "d.jpg"}, "d.jpg"),
        ({"featuredImage": "e.jpg"}, "e.jpg"),
        ({"cover": {"image": "f.jpg", "alt": "x"}}, "f.jpg"),
        ({"cover": "g.jpg"}, "g.jpg"),
        ({"thumbnail": "h.jpg"}, "h.jpg"),
        ({"title": "no image", "images": []}, None),
        ({"image": "   "}, None),
        ({"image": 3}, None),
    ],
)
def test_featured_image_from_any_usual_field(front_matter: dict, expected: str | None) -> None:
    assert featured_image(front_matter) == expected


def test_featured_image_prefers_the_bundle_then_the_site_root(site: Site) -> None:
    bundle = locate_page(site, site.root / BUNDLE_POST)
    assert image_url(bundle, "cover.jpg") == "cover.jpg"
    plain = locate_page(site, site.root / PLAIN_POST)
    assert image_url(plain, "images/blog/blog-2.jpg") == "/images/blog/blog-2.jpg"
    assert image_url(plain, "/images/x.jpg") == "/images/x.jpg"
    assert image_url(plain, "https://cdn.example/x.jpg") == "https://cdn.example/x.jpg"


def test_header_shows_title_date_draft_and_image(site: Site) -> None:
    location = locate_page(site, site.root / PLAIN_POST)
    header = header_html(
        location,
        {"title": "Kort & helder", "date": dt.date(2024, 5, 2), "draft": True, "image": "x.jpg"},
    )
    assert '<h1 class="page-title">Kort &amp; helder</h1>' in header
    assert '<time datetime="2024-05-02">2 May 2024</time>' in header
    assert '<span class="draft-badge">Draft</span>' in header
    assert '<img src="/x.jpg" alt="">' in header


def test_header_without_draft_or_date(site: Site) -> None:
    header = header_html(locate_page(site, None), {"title": "<b>", "draft": False})
    assert header == '<h1 class="page-title">&lt;b&gt;</h1>'


def test_header_reads_dates_written_as_text() -> None:
    header = header_html(locate_page(None, None), {"date": "2024-05-02T09:30:00+02:00"})
    assert "2 May 2024" in header


# The page shell -------------------------------------------------------------------


def test_page_has_base_theme_stylesheet_and_regions(site: Site) -> None:
    location = locate_page(site, site.root / PLAIN_POST)
    page = page_html(location, PageParts("<h1>T</h1>", "<p>body</p>"), dark=True)
    assert '<html class="dark" lang="nl">' in page
    assert '<base href="postedit://site/blog/schrijven-voor-het-web/">' in page
    assert '<link rel="stylesheet" href="postedit://app/preview.css">' in page
    assert "script-src 'none'" in page
    assert '<header id="page-header"><h1>T</h1></header>' in page
    assert '<article id="content"><p>body</p></article>' in page
    assert '<html class="light"' in page_html(location, PageParts("", ""))


def test_links_to_the_published_site_point_at_the_preview(site: Site) -> None:
    location = locate_page(site, site.root / PLAIN_POST)
    rendered = (
        '<img src="https://example.org/images/a.jpg"> <a href="//example.org/blog/">x</a> '
        '<a href="https://other.example/">y</a> https://example.org/ in text'
    )
    assert content_html(location, rendered) == (
        '<img src="/images/a.jpg"> <a href="/blog/">x</a> '
        '<a href="https://other.example/">y</a> https://example.org/ in text'
    )
    assert page_parts(location, {}, rendered).content == content_html(location, rendered)


# Resolving URLs to files ----------------------------------------------------------


def test_resolves_static_bundle_and_content_files(site: Site) -> None:
    bundle = locate_page(site, site.root / BUNDLE_POST)
    static = site.root / "static" / "images" / "blog" / "blog-1.jpg"
    cover = site.root / "content" / "blog" / "better-photos-with-your-phone" / "cover.jpg"
    assert resolve_local(SITE_HOST, "/images/blog/blog-1.jpg", bundle) == static
    assert (
        resolve_local(SITE_HOST, "/blog/better-photos-with-your-phone/cover.jpg", bundle) == cover
    )
    plain = locate_page(site, site.root / PLAIN_POST)
    assert resolve_local(SITE_HOST, "/blog/better-photos-with-your-phone/cover.jpg", plain) == cover
    assert resolve_local(SITE_HOST, "/images/blog/missing.jpg", bundle) is None
    assert resolve_local(SITE_HOST, "/images/blog", bundle) is None  # a folder


def test_resolves_assets_and_theme_static(demo_site: Path) -> None:
    (demo_site / "assets" / "css").mkdir(parents=True)
    (demo_site / "assets" / "css" / "site.css").write_text("a{}", encoding="utf-8")
    theme_file = demo_site / "themes" / "calm" / "static" / "logo.svg"
    theme_file.parent.mkdir(parents=True)
    theme_file.write_text("<svg/>", encoding="utf-8")
    (demo_site / "hugo.toml").write_text(
        'theme = "calm"\n' + (demo_site / "hugo.toml").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    site = Site.open(demo_site)
    location = locate_page(site, site.root / PLAIN_POST)
    assert resolve_local(SITE_HOST, "/css/site.css", location) == demo_site / "assets/css/site.css"
    assert resolve_local(SITE_HOST, "/logo.svg", location) == theme_file


def test_static_wins_over_content(site: Site) -> None:
    (site.root / "static" / "blog").mkdir()
    (site.root / "static" / "blog" / "_index.md").write_text("static", encoding="utf-8")
    location = locate_page(site, site.root / PLAIN_POST)
    assert (
        resolve_local(SITE_HOST, "/blog/_index.md", location) == site.root / "static/blog/_index.md"
    )


def test_base_url_path_is_honoured(demo_site: Path) -> None:
    site = _set_base_url(demo_site, "https://example.org/kantoor/")
    location = locate_page(site, site.root / BUNDLE_POST)
    static = demo_site / "static" / "images" / "blog" / "blog-1.jpg"
    assert resolve_local(SITE_HOST, "/kantoor/images/blog/blog-1.jpg", location) == static
    assert resolve_local(SITE_HOST, "/images/blog/blog-1.jpg", location) == static
    cover = location.url_path + "cover.jpg"
    assert resolve_local(SITE_HOST, cover, location) == location.bundle / "cover.jpg"


def test_percent_encoded_names_are_decoded(site: Site) -> None:
    target = site.root / "static" / "images" / "één foto.png"
    target.write_bytes(b"png")
    location = locate_page(site, None)
    assert resolve_local(SITE_HOST, "/images/%C3%A9%C3%A9n%20foto.png", location) == target


@pytest.mark.parametrize(
    "raw_path",
    [
        "/../secret.txt",
        "/images/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/secret.txt",
        "/images/%2e%2e/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/images/..%2f..%2fsecret.txt",
        "/..%5csecret.txt",
        "/images\\..\\..\\secret.txt",
        "/%00/secret.txt",
        "/C:/secret.txt",
        "/%ff%fe",
    ],
)
def test_traversal_is_refused(site: Site, raw_path: str) -> None:
    (site.root.parent / "secret.txt").write_text("secret", encoding="utf-8")
    location = locate_page(site, site.root / BUNDLE_POST)
    assert resolve_local(SITE_HOST, raw_path, location) is None


def test_absolute_paths_stay_inside_the_site(site: Site) -> None:
    location = locate_page(site, site.root / PLAIN_POST)
    outside = site.root.parent / "secret.txt"
    outside.write_text("secret", encoding="utf-8")
    assert resolve_local(SITE_HOST, str(outside), location) is None
    assert resolve_local(SITE_HOST, "//" + str(outside), location) is None


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_symlinks_leaving_the_site_are_refused(site: Site, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("secret", encoding="utf-8")
    (site.root / "static" / "leak").symlink_to(outside, target_is_directory=True)
    (site.root / "static" / "leak.txt").symlink_to(outside / "secret.txt")
    inside = site.root / "static" / "images" / "blog" / "blog-1.jpg"
    (site.root / "static" / "alias.jpg").symlink_to(inside)
    location = locate_page(site, site.root / PLAIN_POST)
    assert resolve_local(SITE_HOST, "/leak/secret.txt", location) is None
    assert resolve_local(SITE_HOST, "/leak.txt", location) is None
    assert resolve_local(SITE_HOST, "/alias.jpg", location) == site.root / "static" / "alias.jpg"


def test_bundle_symlink_out_of_the_bundle_is_refused(site: Site, tmp_path: Path) -> None:
    (tmp_path / "secret.jpg").write_bytes(b"jpg")
    location = locate_page(site, site.root / BUNDLE_POST)
    assert location.bundle is not None
    (location.bundle / "leak.jpg").symlink_to(tmp_path / "secret.jpg")
    assert resolve_local(SITE_HOST, location.url_path + "leak.jpg", location) is None


def test_app_host_reaches_only_the_preview_resources(tmp_path: Path, site: Site) -> None:
    resources = tmp_path / "preview"
    resources.mkdir()
    (resources / "preview.css").write_text("html{}", encoding="utf-8")
    (tmp_path / "other.txt").write_text("no", encoding="utf-8")
    location = locate_page(site, site.root / PLAIN_POST)
    assert resolve_local(APP_HOST, "/preview.css", location, resources) == resources / "preview.css"
    assert resolve_local(APP_HOST, "/../other.txt", location, resources) is None
    assert resolve_local(APP_HOST, "/%2e%2e/other.txt", location, resources) is None
    assert resolve_local(APP_HOST, "/images/blog/blog-1.jpg", location, resources) is None


def test_the_real_stylesheet_is_served() -> None:
    found = resolve_local(APP_HOST, "/preview.css", None)
    assert found is not None and found.read_text(encoding="utf-8").startswith("/*")


def test_unknown_hosts_and_missing_locations_resolve_nothing(site: Site) -> None:
    location = locate_page(site, site.root / PLAIN_POST)
    assert resolve_local("elsewhere", "/images/blog/blog-1.jpg", location) is None
    assert resolve_local(SITE_HOST, "/images/blog/blog-1.jpg", None) is None
    loose = PageLocation(None, None, None, "/")
    assert resolve_local(SITE_HOST, "/images/blog/blog-1.jpg", loose) is None


# Patching block by block ------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "blocks"),
    [
        ("", []),
        ("plain text", ["plain text"]),
        ("<p>a</p>\n<p>b</p>\n", ["<p>a</p>\n", "<p>b</p>\n"]),
        (
            "<ul>\n<li>a</li>\n<li><p>b</p></li>\n</ul>\n<hr>\n<p>c<br>d</p>",
            ["<ul>\n<li>a</li>\n<li><p>b</p></li>\n</ul>\n", "<hr>\n", "<p>c<br>d</p>"],
        ),
        (
            '<!-- raw HTML omitted -->\n<p title="a > b">x</p>',
            ["<!-- raw HTML omitted -->\n", '<p title="a > b">x</p>'],
        ),
        (
            "<script>if (a < b) { '</p>' }</script>\n<p>x</p>",
            ["<script>if (a < b) { '</p>' }</script>\n", "<p>x</p>"],
        ),
        ("<svg><path d='M0'/></svg>\n<p>x</p>", ["<svg><path d='M0'/></svg>\n", "<p>x</p>"]),
        ("text <b>bold</b> more<p>x</p>", ["text <b>bold</b> ", "more<p>x</p>"]),
    ],
)
def test_block_starts_split_at_top_level(content: str, blocks: list[str]) -> None:
    starts = block_starts(content)
    assert starts is not None
    assert [content[a:b] for a, b in itertools.pairwise([*starts, len(content)])] == blocks


@pytest.mark.parametrize(
    "content", ["<div>\n<p>open</p>\n", "<p>x</p></div>", "<script>never closed"]
)
def test_unbalanced_html_cannot_be_split(content: str) -> None:
    assert block_starts(content) is None


_BLOCK = st.sampled_from(
    [
        '<p data-line="3">a</p>\n',
        '<ul data-line="4">\n<li data-line="4">x</li>\n</ul>\n',
        "<p>a</p>\n",
        "<p>b</p>\n",
        '<h2 id="x">X</h2>\n',
        "<ul>\n<li>a</li>\n</ul>\n",
        "<hr>\n",
        "<!-- c -->\n",
        "<div>\n",
        "</div>\n",
        "text ",
    ]
)


def _patched(old: tuple[str, ...], head: int, tail: int, middle: tuple[str, ...], shift: int):
    """What the page's blocks become after a patch."""
    kept = [shift_lines(block, shift) for block in old[len(old) - tail :]]
    return [*old[:head], *middle, *kept]


@given(old=st.lists(_BLOCK, max_size=12), new=st.lists(_BLOCK, max_size=12))
def test_a_patch_turns_the_old_blocks_into_the_new(old: list[str], new: list[str]) -> None:
    before, after = "".join(old), "".join(new)
    assume(block_starts(before) is not None)
    old_blocks = split_blocks(before)
    found = diff_blocks(old_blocks, after)
    if found is None:  # the page is rebuilt whole: only when the new HTML cannot be split
        assert block_starts(after) is None
        return
    patch, blocks = found
    patched = _patched(old_blocks, patch.head, patch.tail, patch.blocks, patch.shift)
    assert patched == list(blocks)
    assert "".join(blocks) == after
    # Each block stands alone: parsing it apart from the others builds the same nodes.
    assert all(block_starts(block) is not None for block in blocks)


@given(old=st.lists(_BLOCK, max_size=12), new=st.lists(_BLOCK, max_size=12))
def test_comparing_blocks_patches_one_split_into_another(old: list[str], new: list[str]) -> None:
    before, after = tuple(old), tuple(new)
    patch = compare_blocks(before, after)
    assert patch.shift == 0
    assert _patched(before, patch.head, patch.tail, patch.blocks, 0) == new


def _paragraphs(lines: list[int]) -> str:
    return "".join(f'<p data-line="{line}">Paragraph {n}</p>\n' for n, line in enumerate(lines))


def test_a_keystroke_in_a_long_post_sends_one_block() -> None:
    before = _paragraphs(list(range(5000)))
    after = before.replace("Paragraph 2500<", "Paragraph 2500!<")
    old = split_blocks(before)
    found = diff_blocks(old, after)
    assert found is not None
    patch, blocks = found
    assert (patch.head, patch.tail, patch.blocks) == (
        2500,
        2499,
        ('<p data-line="2500">Paragraph 2500!</p>\n',),
    )
    # The kept blocks are the old strings themselves: the GUI thread compares them cheaply.
    assert all(a is b for a, b in zip(old[:2500], blocks[:2500], strict=True))
    assert all(a is b for a, b in zip(old[2501:], blocks[2501:], strict=True))


def test_a_new_line_keeps_the_blocks_below_with_their_lines_moved() -> None:
    before = _paragraphs([2 * n for n in range(1000)])
    # Enter pressed at the end of paragraph 10's line: a blank line, everything below moves.
    after = _paragraphs([2 * n if n <= 10 else 2 * n + 1 for n in range(1000)])
    found = diff_blocks(split_blocks(before), after)
    assert found is not None
    patch, blocks = found
    assert (patch.head, patch.tail, patch.blocks, patch.shift) == (11, 989, (), 1)
    assert blocks == split_blocks(after)


def test_the_splitter_patches_from_its_last_split() -> None:
    splitter = BlockSplitter()
    first = splitter.split(_paragraphs([0, 2, 4]))
    assert (first.previous, first.patch) == (None, None)
    assert first.blocks == split_blocks(_paragraphs([0, 2, 4]))
    second = splitter.split(_paragraphs([0, 2, 4, 6]))
    assert second.previous is first.blocks
    assert second.patch is not None
    assert (second.patch.head, second.patch.tail) == (3, 0)
    assert second.patch.blocks == ('<p data-line="6">Paragraph 3</p>\n',)


def test_the_splitter_starts_afresh_after_unbalanced_html() -> None:
    splitter = BlockSplitter()
    splitter.split("<p>a</p>\n")
    broken = splitter.split("<p>a</p>\n<div>\n<p>open</p>\n")
    assert (broken.blocks, broken.patch) == (("<p>a</p>\n<div>\n<p>open</p>\n",), None)
    mended = splitter.split("<p>a</p>\n<div>\n<p>open</p>\n</div>\n")
    assert mended.blocks == ("<p>a</p>\n", "<div>\n<p>open</p>\n</div>\n")
