"""Which post a URL leads to, against Hugo itself: every page `hugo list all` reports.

For each page Hugo lists, its permalink's path must lead back to the page's file
(`post_for_url`), and `page_url` must be that path. The sites cover what decides
a URL: file and bundle names, `_index.md`, `slug` and `url`, sections' slugs,
`[permalinks]` and its tokens, `uglyURLs`, `disablePathToLower`,
`removePathAccents`, languages and a baseURL with a path.
"""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from postedit.core.index import SiteIndex
from postedit.core.index_cache import entry_from_record, entry_to_record
from postedit.core.links import page_url, post_for_url
from postedit.core.site import Site
from tests.conftest import CORPUS
from tests.core import test_index_vs_hugo as index_vs_hugo
from tests.core.test_index_vs_hugo import HugoRunner, page, stub_shortcodes, write_site

hugo = index_vs_hugo.hugo  # the fixture running the real Hugo (skips without it)

BASE = 'baseURL = "https://example.org/"\n'


def indexed(root: Path) -> SiteIndex:
    index = SiteIndex(Site.open(root), use_cache=False)
    index.refresh()
    return index


def compare_with_hugo(hugo: HugoRunner, root: Path) -> dict[str, dict[str, str]]:
    """Assert that every page Hugo lists is found at its permalink; Hugo's rows."""
    rows = hugo.list(root)
    index = indexed(root)
    differences = []
    for path, row in sorted(rows.items()):
        link = urlsplit(row["permalink"]).path
        found = post_for_url(index, link)
        if found != index.site.absolute(path):
            differences.append(f"{path}: Hugo publishes it at {link}, postedit finds {found}")
        if page_url(index, path) != unquote(link):
            differences.append(
                f"{path}: Hugo {unquote(link)!r}, page_url {page_url(index, path)!r}"
            )
    assert not differences, "\n".join(differences)
    assert rows
    return rows


def build(root: Path, config: str, pages: Mapping[str, str]) -> Path:
    return write_site(root, {"hugo.toml": BASE + config, **pages})


# --- the demo site and the corpus -----------------------------------------------------------


@pytest.mark.slow
def test_every_demo_page_is_found_at_its_permalink(hugo: HugoRunner, demo_site: Path) -> None:
    rows = compare_with_hugo(hugo, demo_site)
    assert len(rows) >= 10
    index = indexed(demo_site)
    contact = demo_site / "content" / "contact.md"
    assert post_for_url(index, "/contact/") == contact
    assert post_for_url(index, "/contact") == contact


@pytest.mark.slow
def test_every_corpus_page_is_found_at_its_permalink(hugo: HugoRunner, tmp_path: Path) -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"{CORPUS} is not present")
    root = build(tmp_path / "site", "", {})
    for folder in sorted(folder for folder in CORPUS.iterdir() if folder.is_dir()):
        for source in folder.rglob("*.md"):
            target = root / "content" / folder.name / source.relative_to(folder)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    stub_shortcodes(root)
    assert len(compare_with_hugo(hugo, root)) > 400


# --- synthetic sites ---------------------------------------------------------------------------

PATHS_AND_SLUGS = {
    "content/_index.md": page("title: Home\n"),
    "content/contact.md": page("title: Contact\n"),
    "content/about/index.md": page("title: About\n"),  # a top-level leaf bundle
    "content/blog/_index.md": page("title: Blog\nslug: weblog\n"),  # renames the section
    "content/blog/plain.md": page("title: Plain\n"),
    "content/blog/slugged.md": page("title: S\nslug: '--My Slug @ Here!!  now--'\n"),
    "content/blog/slash-slug.md": page("title: S\nslug: UP/Per Case\n"),
    "content/blog/bundle/index.md": page("title: Bundle\nslug: bundled\n"),
    "content/blog/bundle-plain/index.md": page("title: Bundle plain\n"),
    "content/blog/2024/03/nested.md": page("title: Nested, no sections between\n"),
    "content/blog/With Spaces.md": page("title: Spaces\n"),
    "content/blog/a  b - c.md": page("title: Hyphens\n"),
    "content/blog/what(now)!.md": page("title: Dropped characters\n"),
    "content/blog/Ärger café.md": page("title: Not ASCII\n"),
    "content/blog/x.y.md": page("title: A dot\n"),
    "content/blog/sub/_index.md": page("title: Sub\nslug: subby\n"),
    "content/blog/sub/deeper/_index.md": page("title: Deeper\n"),
    "content/blog/sub/deeper/leaf.md": page("title: Leaf\n"),
    "content/Docs/Guide/Page.md": page("title: Upper case folders\n"),
    "content/docs/_index.md": page("title: Docs\n"),
    "content/url/absolute.md": page("title: U\nurl: /Custom/Path/\n"),
    "content/url/relative.md": page("title: U\nurl: relative/path\n"),
    "content/url/file.md": page("title: U\nurl: /feed.xml\n"),
    "content/url/dotted.md": page("title: U\nurl: /v1.2/page\n"),
    "content/url/up.md": page("title: U\nurl: ../up/x/\n"),
    "content/url/escaped.md": page("title: U\nurl: '/A B/C%20D/é/'\n"),
    "content/url/pattern.md": page("title: Pattern\nurl: /u/:year/:slug/\ndate: 2021-05-06\n"),
    "content/url/section/_index.md": page("title: S\nurl: /Section-URL/\n"),
    "content/tags/_index.md": page("title: Tags\n"),
    "content/tags/go/_index.md": page("title: Go\n"),
    "content/numbers.md": page("title: N\nslug: 42\n"),
}


PERMALINKS = """
timeZone = "Europe/Amsterdam"
[permalinks]
blog = "/:year/:month/:day/:title/"
news = "/:section/:slug/:filename/"
"/" = "/top/:slugorfilename/"
docs = "/d/:sections/:contentbasename/:slugorcontentbasename-:monthname-:weekday-:weekdayname-:yearday"
notes = "/:2006-:Jan-:02/:sectionslug/:sectionslugs/:sections[1:]/:sections[last]/x\\\\:y/"
[permalinks.section]
blog = "/weblogs/"
news = "/n/:slug/"
[permalinks.term]
tags = "/topic/:slug/"
"""

PERMALINK_PAGES = {
    "content/blog/_index.md": page("title: Blog\n"),
    "content/blog/offset.md": page(
        "title: 'Hello @ World!!  Two'\ndate: 2024-03-09T23:30:00-05:00\n"
    ),
    "content/blog/naive.md": page("title: Naive\ndate: 2024-03-09T23:30:00\n"),
    "content/blog/undated.md": page("title: Undated\n"),
    "content/blog/bundle/index.md": page("title: Bundle\ndate: 2020-01-02T00:30:00Z\n"),
    "content/news/_index.md": page("title: News\nslug: nsec\n"),
    "content/news/slugged.md": page("title: X\nslug: sx\n"),
    "content/news/plain.md": page("title: Y\n"),
    "content/news/bundle/index.md": page("title: ZZ\n"),
    "content/top.md": page("title: T\n"),
    "content/top-slug.md": page("title: T2\nslug: t2s\n"),
    "content/about/index.md": page("title: About\n"),
    "content/docs/_index.md": page("title: Docs\n"),
    "content/docs/sub/_index.md": page("title: Sub\n"),
    "content/docs/sub/p.md": page("title: P\ndate: 2023-07-04\n"),
    "content/docs/sub/deep/q.md": page("title: Q\nslug: qs\n"),
    "content/docs/sub/bb/index.md": page("title: BB\n"),
    "content/notes/_index.md": page("title: The Notes\n"),
    "content/notes/n.md": page("title: N\ndate: 2022-12-31\n"),
    "content/notes/sub/_index.md": page("title: Sub Notes\nslug: subby\n"),
    "content/notes/sub/m.md": page("title: M\ndate: 2022-01-05\n"),
    "content/tags/_index.md": page("title: Tags\n"),
    "content/tags/go/_index.md": page("title: Golang\n"),
    "content/tags/py/_index.md": page("title: Py\nslug: python\n"),
}

TARGETS = """
[[permalinks]]
pattern = "/p/:slug/"
[permalinks.target]
kind = "page"
path = "/blog/**"
[[permalinks]]
pattern = "/posts/:contentbasename/"
[permalinks.target]
kind = "page"
"""

UGLY_PAGES = {
    "content/_index.md": page("title: Home\n"),
    "content/top.md": page("title: Top\n"),
    "content/blog/_index.md": page("title: Blog\n"),
    "content/blog/a.md": page("title: A\n"),
    "content/blog/bundle/index.md": page("title: Bundle\n"),
    "content/blog/sub/_index.md": page("title: Sub\n"),
    "content/blog/sub/c.md": page("title: C\n"),
    "content/blog/url.md": page("title: U\nurl: /x/y/\n"),
    "content/docs/d.md": page("title: D\n"),
}

CASE_PAGES = {
    "content/Blog/_index.md": page("title: Blog\n"),
    "content/Blog/My Post.md": page("title: A\n"),
    "content/Blog/a  b - c.md": page("title: A\n"),
    "content/Blog/slugged.md": page("title: x\nslug: Big Slug\n"),
    "content/Blog/Sub/_index.md": page("title: Sub\nslug: SubSlug\n"),
    "content/Blog/Sub/P.md": page("title: P\n"),
    "content/Blog/Crème brûlée.md": page("title: Accents\n"),
}

LANGUAGES = """
defaultContentLanguage = "en"
[languages.en]
weight = 1
[languages.nl]
weight = 2
[languages.de]
weight = 3
contentDir = "content_de"
"""

LANGUAGE_PAGES = {
    "content/_index.md": page("title: Home\n"),
    "content/_index.nl.md": page("title: Thuis\n"),
    "content/blog/_index.md": page("title: Blog\n"),
    "content/blog/_index.nl.md": page("title: Blog nl\nslug: weblog\n"),  # nl only
    "content/blog/a.md": page("title: A\n"),
    "content/blog/a.nl.md": page("title: A nl\n"),
    "content/blog/b.en.md": page("title: B en\n"),
    "content/blog/c.fr.md": page("title: fr is no language here\n"),
    "content/blog/upper.NL.md": page("title: Upper-case language\n"),
    "content/blog/absolute.nl.md": page("title: D\nurl: /abs/\n"),
    "content/blog/relative.nl.md": page("title: E\nurl: rel/\n"),
    "content/blog/bundle/index.md": page("title: Bundle\n"),
    "content/blog/sub/_index.md": page("title: Sub\nslug: subby\n"),  # en only
    "content/blog/sub/x.md": page("title: X\n"),
    "content/blog/sub/x.nl.md": page("title: X nl\n"),
    "content_de/blog/a.md": page("title: De\n"),
    "content_de/blog/z.md": page("title: De z\n"),
}

SITES = {
    "paths-and-slugs": ("", PATHS_AND_SLUGS),
    "permalinks": (PERMALINKS, PERMALINK_PAGES),
    "permalink-targets": (TARGETS, {**PERMALINK_PAGES, "content/blog/x/deep.md": page("")}),
    "ugly-urls": ("uglyURLs = true\n", UGLY_PAGES),
    "ugly-urls-per-section": ("[uglyURLs]\nblog = true\ndocs = false\n", UGLY_PAGES),
    "case-kept": ("disablePathToLower = true\n", CASE_PAGES),
    "accents-removed": ("removePathAccents = true\n", CASE_PAGES),
    "languages": (LANGUAGES, LANGUAGE_PAGES),
    "languages-in-subfolders": (
        LANGUAGES + "defaultContentLanguageInSubdir = true\n",
        LANGUAGE_PAGES,
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", list(SITES))
def test_every_page_is_found_at_its_permalink(hugo: HugoRunner, tmp_path: Path, name: str) -> None:
    config, pages = SITES[name]
    rows = compare_with_hugo(hugo, build(tmp_path / "site", config, pages))
    assert set(rows) >= {path for path in pages if not path.startswith("content/tags/")}


@pytest.mark.slow
def test_a_site_under_a_base_path(hugo: HugoRunner, tmp_path: Path) -> None:
    root = build(tmp_path / "site", "", UGLY_PAGES)
    (root / "hugo.toml").write_text('baseURL = "https://example.org/docs/"\n', encoding="utf-8")
    rows = compare_with_hugo(hugo, root)
    assert rows["content/blog/a.md"]["permalink"] == "https://example.org/docs/blog/a/"
    # Written without the base path: wrong on the published site, still meant.
    assert post_for_url(indexed(root), "/blog/a/") == root / "content/blog/a.md"


@pytest.mark.slow
def test_what_hugo_does_is_pinned(hugo: HugoRunner, tmp_path: Path) -> None:
    """The rules above that surprise, pinned so a new Hugo shows up here."""
    root = build(tmp_path / "site", "", PATHS_AND_SLUGS)
    links = {path: urlsplit(row["permalink"]).path for path, row in hugo.list(root).items()}
    assert links["content/blog/plain.md"] == "/weblog/plain/"  # the section's slug
    assert links["content/blog/sub/deeper/leaf.md"] == "/weblog/subby/deeper/leaf/"
    assert links["content/url/absolute.md"] == "/Custom/Path/"  # url keeps its case
    assert links["content/url/section/_index.md"] == "/Section-URL/"  # a section's too
    assert links["content/blog/a  b - c.md"] == "/weblog/a--b---c/"
    assert links["content/blog/slugged.md"] == "/weblog/my-slug-@-here-now/"


# --- post_for_url without Hugo ------------------------------------------------------------------


@pytest.fixture
def small_site(tmp_path: Path) -> Path:
    return build(
        tmp_path / "site",
        "",
        {
            "content/contact.md": page("title: Contact\n"),
            "content/blog/_index.md": page("title: Blog\n"),
            "content/blog/my-post.md": page("title: My post\n"),
            "content/blog/other/index.md": page("title: Other\nslug: the-other\n"),
            "content/blog/café.md": page("title: Café\n"),
            "static/images/x.png": "not really",
        },
    )


def test_links_as_writers_write_them(small_site: Path) -> None:
    index = indexed(small_site)
    contact = small_site / "content/contact.md"
    post = small_site / "content/blog/my-post.md"
    for url in (
        "/contact/",
        "/contact",
        "/contact/#form",
        "/contact?x=1",
        "/contact/index.html",
        "postedit://site/contact/",
        "https://example.org/contact/",
        "//example.org/contact/",
        "  /contact/  ",
    ):
        assert post_for_url(index, url) == contact, url
    assert post_for_url(index, "/blog/") == small_site / "content/blog/_index.md"
    assert post_for_url(index, "/blog/the-other/") == small_site / "content/blog/other/index.md"
    assert post_for_url(index, "/blog/caf%C3%A9/") == small_site / "content/blog/café.md"
    assert post_for_url(index, "/blog/café/") == small_site / "content/blog/café.md"
    assert post_for_url(index, "../my-post/", base="/blog/the-other/") == post
    assert post_for_url(index, "my-post/", base="/blog/") == post
    assert post_for_url(index, "contact") == contact  # relative to the site root
    assert post_for_url(index, "#top", base="/blog/my-post/") == post


def test_urls_no_post_is_published_at(small_site: Path) -> None:
    index = indexed(small_site)
    for url in (
        "/blog/other/",  # the bundle's folder, renamed by its slug
        "/Contact/",  # Hugo's URLs are lower case; a web server tells them apart
        "/images/x.png",
        "/nothing/",
        "https://example.com/contact/",
        "mailto:someone@example.org",
        "postedit://app/preview.css",
    ):
        assert post_for_url(index, url) is None, url


def test_the_table_follows_the_index(small_site: Path) -> None:
    index = indexed(small_site)
    assert post_for_url(index, "/blog/new/") is None
    new = write_site(small_site, {"content/blog/new.md": page("title: New\nslug: fresh\n")})
    index.update_path(new / "content/blog/new.md")
    assert post_for_url(index, "/blog/fresh/") == small_site / "content/blog/new.md"
    assert page_url(index, "content/blog/new.md") == "/blog/fresh/"
    assert page_url(index, small_site / "content/contact.md") == "/contact/"
    assert page_url(index, "content/missing.md") is None


def test_entries_keep_slug_and_url_as_hugo_reads_them(tmp_path: Path) -> None:
    root = build(
        tmp_path / "site",
        "",
        {
            "content/a.md": page("Slug: '-Trimmed-'\nURL: /somewhere/\n"),
            "content/b.md": page("slug: 2024\nurl: [not, text]\n"),
            "content/c.md": page("title: none\n"),
        },
    )
    entries = {entry.path: entry for entry in indexed(root).entries}
    assert (entries["content/a.md"].slug, entries["content/a.md"].url) == ("Trimmed", "/somewhere/")
    assert (entries["content/b.md"].slug, entries["content/b.md"].url) == ("2024", "")
    assert (entries["content/c.md"].slug, entries["content/c.md"].url) == ("", "")
    entry = entries["content/a.md"]
    assert entry_from_record(entry_to_record(entry)) == entry
