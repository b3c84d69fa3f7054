"""A translated page bundle's index (`index.nl.md`) as Hugo sees it.

In Hugo a file name may carry a language before its extension. `index.nl.md` is a
leaf bundle's index for `nl` when `nl` is one of the site's languages (those of
`[languages]`, else only `defaultContentLanguage`, "en" unless set): it is a page,
with or without an `index.md` beside it, and the other files of its folder are the
bundle's resources. A suffix that is no language of the site is part of the name:
`index.fr.md` is then a page called "index.fr", and its folder no bundle. Letter
case does not matter, in the index name or the language.

What Hugo 0.168 does, from `hugo list all` on the sites below:
- `trip/` (`index.md`, `index.nl.md`, `notes.md`): both index files are listed,
  `notes.md` is not (a resource).
- `solo/` (`index.nl.md`, `extra.md`): `index.nl.md` is listed, `extra.md` not.
- `foreign/` (`index.fr.md`, `other.md`, fr not configured): both are listed, as
  pages of the section (`/blog/foreign/index.fr/`, `/blog/foreign/other/`).
- A site without `[languages]`: `index.en.md` is a bundle index, `index.nl.md` a
  plain page; `defaultContentLanguage = "nl"` turns that round.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from postedit.core.images import bundle_folder
from postedit.core.index import SiteIndex
from postedit.core.site import Site, folder_listings_cached, is_bundle_index
from postedit.render.archetype import sections
from postedit.render.page import locate_page
from tests.core import test_index_vs_hugo as index_vs_hugo
from tests.core import test_links as links_vs_hugo
from tests.core.test_index_vs_hugo import HugoRunner, page, write_site

hugo = index_vs_hugo.hugo  # the fixture running the real Hugo (skips without it)

BASE = 'baseURL = "https://example.org/"\n'
MULTILINGUAL = BASE + (
    'defaultContentLanguage = "en"\n[languages.en]\nweight = 1\n[languages.nl]\nweight = 2\n'
)

# Every Markdown file of the site, and whether it is a page (True) or a resource.
MULTILINGUAL_FILES: dict[str, bool] = {
    "content/blog/_index.md": True,
    # a bundle in both languages, with a resource
    "content/blog/trip/index.md": True,
    "content/blog/trip/index.nl.md": True,
    "content/blog/trip/notes.md": False,
    "content/blog/trip/sub/deeper.md": False,
    # a bundle in Dutch only, with a resource
    "content/blog/solo/index.nl.md": True,
    "content/blog/solo/extra.md": False,
    # fr is no language of the site: "index.fr" is a page's name, no bundle here
    "content/blog/foreign/index.fr.md": True,
    "content/blog/foreign/other.md": True,
    # letter case does not matter
    "content/blog/loud/INDEX.NL.md": True,
    "content/blog/loud/resource.md": False,
    # a top-level bundle in Dutch only: a page of the home section
    "content/over/index.nl.md": True,
    "content/over/team.md": False,
}

# The same kind of folders in a site without `[languages]`: only "en" is a language.
MONOLINGUAL_FILES: dict[str, bool] = {
    "content/blog/trip/index.md": True,
    "content/blog/trip/index.nl.md": False,  # a resource of the `index.md` bundle
    "content/blog/trip/notes.md": False,
    "content/blog/english/index.en.md": True,
    "content/blog/english/notes.md": False,
    "content/blog/dutch/index.nl.md": True,  # a page named "index.nl"
    "content/blog/dutch/notes.md": True,
}

SITES = {
    "multilingual": (MULTILINGUAL, MULTILINGUAL_FILES),
    "monolingual": (BASE, MONOLINGUAL_FILES),
}


def build(root: Path, name: str) -> Path:
    config, files = SITES[name]
    pages = {path: page(f"title: {Path(path).parent.name} {Path(path).name}\n") for path in files}
    return write_site(root, {"hugo.toml": config, **pages})


def indexed(root: Path) -> SiteIndex:
    index = SiteIndex(Site.open(root), use_cache=False)
    index.refresh()
    return index


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(SITES))
def test_translated_bundles_are_indexed_as_hugo_lists_them(
    hugo: HugoRunner, tmp_path: Path, name: str
) -> None:
    root = build(tmp_path / "site", name)
    rows = index_vs_hugo.compare_with_hugo(hugo, root)  # titles, sections, drafts too
    # Pinned, so that a Hugo that decides otherwise shows up here.
    files = SITES[name][1]
    assert set(rows) == {path for path, listed in files.items() if listed}
    assert {entry.path for entry in indexed(root).entries} == set(rows)
    links_vs_hugo.compare_with_hugo(hugo, root)  # and each is found at its permalink


@pytest.mark.parametrize("name", sorted(SITES))
def test_is_content_file_gives_each_file_its_verdict(tmp_path: Path, name: str) -> None:
    root = build(tmp_path / "site", name)
    site = Site.open(root)
    files = SITES[name][1]
    verdicts = {path: site.is_content_file(root / path) for path in files}
    assert verdicts == files
    with folder_listings_cached():
        assert {path: site.is_content_file(root / path) for path in files} == files
    assert {item.relative for item in site.scan_content()} == {
        path for path, listed in files.items() if listed
    }


def test_sections_of_translated_bundles(tmp_path: Path) -> None:
    site = Site.open(build(tmp_path / "site", "multilingual"))
    assert site.section_of("content/over/index.nl.md") == ""  # a top-level bundle
    assert site.section_of("content/over/team.md") == "over"  # its resource, were it a page
    assert site.section_of("content/blog/solo/index.nl.md") == "blog"
    assert {item.relative: item.section for item in site.scan_content()}[
        "content/over/index.nl.md"
    ] == ""
    assert sections(site) == ["blog"]  # `over` is a bundle, no section


def test_bundle_index_names_follow_the_sites_languages(tmp_path: Path) -> None:
    multilingual = Site.open(build(tmp_path / "multi", "multilingual"))
    monolingual = Site.open(build(tmp_path / "mono", "monolingual"))
    assert multilingual.content_languages == {"en", "nl"}
    assert monolingual.content_languages == {"en"}
    for name in ("index.md", "INDEX.HTML", "index.nl.md", "index.NL.markdown", "index.en.md"):
        assert multilingual.is_bundle_index(name), name
    for name in ("index.fr.md", "index.nl.txt", "_index.nl.md", "index.nl.en.md", "xindex.nl.md"):
        assert not multilingual.is_bundle_index(name), name
    assert monolingual.is_bundle_index("index.en.md")
    assert not monolingual.is_bundle_index("index.nl.md")
    # Without a site, as before: only `index.<ext>`.
    assert is_bundle_index("index.md") and is_bundle_index("Index.HTM")
    assert not is_bundle_index("index.nl.md") and not is_bundle_index("index.en.md")


def test_the_default_content_language_is_the_language_of_a_site_without_languages(
    tmp_path: Path,
) -> None:
    root = write_site(tmp_path / "site", {"hugo.toml": BASE + 'defaultContentLanguage = "NL"\n'})
    site = Site.open(root)
    assert site.content_languages == {"nl"}
    assert site.is_bundle_index("index.nl.md") and not site.is_bundle_index("index.en.md")


def test_cached_folder_listings_are_kept_apart_per_language_set(tmp_path: Path) -> None:
    root = build(tmp_path / "site", "multilingual")
    multilingual = Site.open(root)
    (root / "hugo.toml").write_text(BASE, encoding="utf-8")
    monolingual = Site.open(root)  # the same folders, only "en" a language
    extra = root / "content" / "blog" / "solo" / "extra.md"
    with folder_listings_cached():
        assert not multilingual.is_content_file(extra)  # solo/ is a bundle for nl
        assert monolingual.is_content_file(extra)  # and no bundle without nl
        assert not multilingual.is_content_file(extra)


def test_a_translated_index_coming_and_going_updates_its_folder(tmp_path: Path) -> None:
    root = build(tmp_path / "site", "multilingual")
    index = indexed(root)
    folder = root / "content" / "blog" / "foreign"
    other = "content/blog/foreign/other.md"
    assert index.get(other) is not None
    dutch = folder / "index.nl.md"
    dutch.write_text(page("title: Vreemd\n"), encoding="utf-8")
    entry = index.update_path(dutch)
    assert entry is not None and entry.title == "Vreemd"
    assert index.get(other) is None  # a resource of the Dutch bundle now
    assert index.get("content/blog/foreign/index.fr.md") is None  # and so is this
    dutch.unlink()
    assert index.update_path(dutch) is None
    assert index.get(other) is not None
    assert index.get("content/blog/foreign/index.fr.md") is not None


def test_a_translated_index_is_previewed_and_finds_images_as_a_bundle(tmp_path: Path) -> None:
    root = build(tmp_path / "site", "multilingual")
    site = Site.open(root)
    solo = root / "content" / "blog" / "solo" / "index.nl.md"
    location = locate_page(site, solo)
    assert location.bundle == solo.parent
    assert location.url_path == "/blog/solo/"
    assert bundle_folder(solo, site) == solo.parent
    assert bundle_folder(solo) is None  # no site: only `index.<ext>`
    foreign = root / "content" / "blog" / "foreign" / "index.fr.md"
    assert bundle_folder(foreign, site) is None
    assert locate_page(site, foreign).url_path == "/blog/foreign/index.fr/"
