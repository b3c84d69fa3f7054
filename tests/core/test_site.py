"""Finding a Hugo site's root and reading its merged configuration."""

from __future__ import annotations

from pathlib import Path

import pytest

from postedit.core.index import SiteIndex
from postedit.core.site import (
    DEFAULT_TAXONOMIES,
    Site,
    SiteConfigError,
    SiteNotFoundError,
    find_site_root,
    folder_listings_cached,
)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def make_site(root: Path, config: str = 'title = "Blog"\n') -> Path:
    write(root / "hugo.toml", config)
    write(root / "content" / "blog" / "2024" / "first.md", "---\ntitle: First\n---\n")
    return root


# --- finding the root -------------------------------------------------------------------


def test_root_is_found_from_a_nested_folder_and_from_a_file(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site")
    nested = root / "content" / "blog" / "2024"
    assert Site.open(nested).root == root.resolve()
    assert Site.open(nested / "first.md").root == root.resolve()
    assert Site.open(root).root == root.resolve()


def test_a_path_that_does_not_exist_yet_still_finds_its_site(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site")
    assert Site.open(root / "content" / "blog" / "new-post.md").root == root.resolve()


@pytest.mark.parametrize(
    "marker",
    ["hugo.yaml", "hugo.yml", "hugo.json", "config.toml", "config.yaml", "config.json"],
)
def test_every_config_file_name_marks_a_root(tmp_path: Path, marker: str) -> None:
    write(tmp_path / marker, "{}\n" if marker.endswith("json") else "")
    write(tmp_path / "content" / "a.md", "")
    assert find_site_root(tmp_path / "content" / "a.md") == tmp_path.resolve()


def test_a_config_folder_alone_marks_a_root(tmp_path: Path) -> None:
    write(tmp_path / "config" / "_default" / "hugo.toml", 'title = "Split"\n')
    write(tmp_path / "content" / "posts" / "a.md", "")
    site = Site.open(tmp_path / "content" / "posts")
    assert site.root == tmp_path.resolve()
    assert site.title == "Split"


def test_a_config_json_page_resource_is_not_taken_for_the_site_root(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site")
    bundle = root / "content" / "blog" / "bundle"
    write(bundle / "config.json", '{"chart": true}\n')
    write(bundle / "index.md", "---\ntitle: Bundle\n---\n")
    assert Site.open(bundle / "index.md").root == root.resolve()


def test_no_site_raises_a_clear_error(tmp_path: Path) -> None:
    write(tmp_path / "notes" / "a.md", "# just notes\n")
    with pytest.raises(SiteNotFoundError, match=r"not inside a Hugo site.*hugo\.toml"):
        Site.open(tmp_path / "notes" / "a.md")


def test_a_broken_config_names_the_file(tmp_path: Path) -> None:
    write(tmp_path / "hugo.toml", "title = \n")
    with pytest.raises(SiteConfigError, match=r"hugo\.toml"):
        Site.open(tmp_path)


# --- reading and merging the config -----------------------------------------------------------


def test_root_config_and_config_default_merge_like_hugo(tmp_path: Path) -> None:
    write(
        tmp_path / "hugo.toml",
        'title = "Root"\nbaseURL = "https://root.example/"\n'
        '[params]\nFoo = "root"\nBar = "Root Bar"\n',
    )
    default = tmp_path / "config" / "_default"
    write(default / "hugo.toml", 'title = "Dir"\n[params]\nfoo = "dir-hugo"\n')
    write(default / "params.toml", 'Foo = "Dir Params"\nBaz = "MixedCase Value"\n')
    write(default / "languages.yaml", "nl:\n  languageName: Nederlands\n  weight: 1\n")
    write(default / "menus.nl.toml", '[[main]]\nname = "Blog"\nURL = "/blog/"\n')
    write(
        default / "markup.json",
        '{"goldmark": {"renderer": {"unsafe": true}}, "highlight": {"style": "dracula"},'
        ' "tableOfContents": {"startLevel": 2, "endLevel": 4}}',
    )
    site = Site.open(tmp_path)
    # config/_default overrides the root file; params.toml overrides hugo.toml's [params].
    assert site.title == "Dir"
    assert site.base_url == "https://root.example/"
    assert site.params == {"foo": "Dir Params", "bar": "Root Bar", "baz": "MixedCase Value"}
    assert site.languages["nl"]["languagename"] == "Nederlands"
    assert site.languages["nl"]["menus"] == {"main": [{"name": "Blog", "url": "/blog/"}]}
    assert site.goldmark == {"renderer": {"unsafe": True}}
    assert site.highlight == {"style": "dracula"}
    assert site.table_of_contents == {"startlevel": 2, "endlevel": 4}
    assert [path.name for path in site.config_files] == [
        "hugo.toml",
        "hugo.toml",
        "languages.yaml",
        "markup.json",
        "menus.nl.toml",
        "params.toml",
    ]


def test_hugo_toml_wins_over_config_toml_at_the_root(tmp_path: Path) -> None:
    write(tmp_path / "hugo.toml", 'title = "Hugo"\n')
    write(tmp_path / "config.toml", 'title = "Config"\n')
    assert Site.open(tmp_path).title == "Hugo"


def test_settings_have_hugos_defaults(tmp_path: Path) -> None:
    write(tmp_path / "hugo.yaml", "title: Plain\n")
    site = Site.open(tmp_path)
    root = tmp_path.resolve()
    assert site.content_dir == root / "content"
    assert site.static_dirs == (root / "static",)
    assert site.archetype_dir == root / "archetypes"
    assert site.layouts_dir == root / "layouts"
    assert site.themes == ()
    assert site.taxonomies == DEFAULT_TAXONOMIES
    assert site.params == {} and site.permalinks == {} and site.languages == {}
    assert site.language_code == ""


def test_folder_settings_are_read_case_insensitively(tmp_path: Path) -> None:
    write(
        tmp_path / "hugo.toml",
        'ContentDir = "posts"\nstaticDir = ["static", "assets/img"]\narchetypeDir = "arch"\n'
        'layoutDir = "tpl"\nTheme = ["base", "extra"]\nthemesDir = "vendor/themes"\n'
        'languageCode = "nl-NL"\n[Permalinks]\nBlog = "/:year/:slug/"\n',
    )
    site = Site.open(tmp_path)
    root = tmp_path.resolve()
    assert site.content_dir == root / "posts"
    assert site.static_dirs == (root / "static", root / "assets" / "img")
    assert site.archetype_dir == root / "arch"
    assert site.layouts_dir == root / "tpl"
    assert site.themes == ("base", "extra")
    assert site.theme_dirs == (root / "vendor/themes/base", root / "vendor/themes/extra")
    assert site.archetype_dirs[1] == root / "vendor/themes/base/archetypes"
    assert site.language_code == "nl-NL"
    assert site.permalinks == {"blog": "/:year/:slug/"}


def test_a_single_theme_and_static_dir_may_be_strings(tmp_path: Path) -> None:
    write(tmp_path / "hugo.toml", 'theme = "ananke"\nstaticDir = "public-files"\n')
    site = Site.open(tmp_path)
    assert site.themes == ("ananke",)
    assert site.static_dirs == (tmp_path.resolve() / "public-files",)


def test_locale_is_the_language_code_in_new_hugo(tmp_path: Path) -> None:
    write(tmp_path / "hugo.toml", 'locale = "nl"\n')
    assert Site.open(tmp_path).language_code == "nl"


def test_configured_taxonomies_replace_the_defaults(tmp_path: Path) -> None:
    write(tmp_path / "hugo.toml", '[taxonomies]\ntag = "tags"\nseries = "series"\n')
    assert Site.open(tmp_path).taxonomies == {"tag": "tags", "series": "series"}


def test_an_empty_taxonomies_table_means_none(tmp_path: Path) -> None:
    write(tmp_path / "hugo.toml", "[taxonomies]\n")
    assert Site.open(tmp_path).taxonomies == {}


def test_an_absolute_content_dir_is_used_as_is(tmp_path: Path) -> None:
    elsewhere = tmp_path / "shared" / "posts"
    write(elsewhere / "news" / "a.md", "---\ntitle: A\n---\n")
    write(tmp_path / "site" / "hugo.toml", f'contentDir = "{elsewhere.as_posix()}"\n')
    site = Site.open(tmp_path / "site")
    assert site.content_dir == elsewhere
    assert site.content_files() == [elsewhere / "news" / "a.md"]
    assert site.section_of(elsewhere / "news" / "a.md") == "news"
    assert site.relative(elsewhere / "news" / "a.md") == (elsewhere / "news" / "a.md").as_posix()


# --- content files and sections -------------------------------------------------------------


def test_content_files_are_the_markdown_files_sorted(tmp_path: Path) -> None:
    root = make_site(tmp_path)
    content = root / "content"
    for name in ("b.markdown", "a.MD", "c.mdown", "blog/x/index.md"):
        write(content / name, "")
    for name in (
        "d.mkd",  # not Markdown to Hugo 0.168: it lists no page for these
        "e.mkdn",
        "page.html",
        "notes.txt",
        "blog/x/photo.jpg",
        ".hidden.md",
        "#draft.md#",
        "backup.md~",
        ".git/config.md",
        "blog/.obsidian/y.md",
    ):
        write(content / name, "")
    files = [path.relative_to(content).as_posix() for path in Site.open(root).content_files()]
    assert files == [
        "a.MD",
        "b.markdown",
        "blog/2024/first.md",
        "blog/x/index.md",
        "c.mdown",
    ]


def test_the_other_files_of_a_leaf_bundle_are_resources_not_pages(tmp_path: Path) -> None:
    # As Hugo 0.168 lists them: only the index of a folder with one is a page.
    root = make_site(tmp_path)
    content = root / "content"
    for name in (
        "blog/bundle/index.md",
        "blog/bundle/notes.md",
        "blog/bundle/sub/deeper.md",
        "blog/bundle/sub/index.md",
        "blog/branch/_index.md",
        "blog/branch/page.md",
        "blog/branch/leaf/index.mdown",
        "blog/branch/leaf/resource.md",
        "both/_index.md",  # index.md wins: the folder is a leaf bundle
        "both/index.md",
        "html/index.html",  # any content format's index makes a bundle
        "html/side.md",
        "index.md",  # at the top, Hugo would make every page a resource: not here
    ):
        write(content / name, "")
    site = Site.open(root)
    files = [path.relative_to(content).as_posix() for path in site.content_files()]
    assert files == [
        "blog/2024/first.md",
        "blog/branch/_index.md",
        "blog/branch/leaf/index.mdown",
        "blog/branch/page.md",
        "blog/bundle/index.md",
        "both/index.md",
        "index.md",
    ]
    for name in ("blog/bundle/notes.md", "blog/bundle/sub/index.md", "html/side.md"):
        assert not site.is_content_file(content / name), name
    for name in files:
        assert site.is_content_file(content / name), name


def test_a_leaf_bundle_at_the_top_level_is_in_the_home_section(tmp_path: Path) -> None:
    root = make_site(tmp_path)
    write(root / "content" / "about" / "index.md", "")
    write(root / "content" / "docs" / "guide" / "index.md", "")
    site = Site.open(root)
    sections = {item.relative: item.section for item in site.scan_content()}
    assert sections["content/about/index.md"] == ""
    assert sections["content/docs/guide/index.md"] == "docs"
    assert site.section_of("content/about/index.md") == ""
    assert site.section_of("content/docs/guide/index.md") == "docs"


def test_ignore_files_patterns_are_honoured(tmp_path: Path) -> None:
    root = make_site(tmp_path, "ignoreFiles = ['\\.draft\\.md$']\n")
    write(root / "content" / "blog" / "wip.draft.md", "")
    names = [path.name for path in Site.open(root).content_files()]
    assert names == ["first.md"]


def test_a_symlinked_folder_loop_does_not_hang_the_scan(tmp_path: Path) -> None:
    root = make_site(tmp_path)
    (root / "content" / "blog" / "loop").symlink_to(root / "content", target_is_directory=True)
    assert [path.name for path in Site.open(root).content_files()] == ["first.md"]


def test_is_content_file_agrees_with_the_scan_for_every_folder(tmp_path: Path) -> None:
    root = make_site(tmp_path)
    content = root / "content"
    candidates = [
        write(content / name, "")
        for name in (
            "a.md",
            ".hidden.md",
            "#draft#.md",
            ".hidden/h.md",
            "#scratch/s.md",
            "blog/.drafts/d.md",
            "blog/.drafts/deeper/d.md",
            ".git/objects/o.md",
            "blog/ok~/o.md",  # a folder ending in ~ is no editor leftover to Hugo
            "blog/2024/first.md",
        )
    ]
    site = Site.open(root)
    assert {path for path in candidates if site.is_content_file(path)} == set(site.content_files())
    assert site.is_content_file(content / "blog" / "ok~" / "o.md")
    assert not site.is_content_file(content / ".hidden" / "h.md")


def test_paths_through_a_symlinked_root_are_the_sites_own(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site").resolve()
    link = tmp_path / "link"
    link.symlink_to(root, target_is_directory=True)
    through = link / "content" / "blog" / "2024" / "first.md"
    site = Site.open(through)
    assert site.root == root
    assert site.is_content_file(through)
    assert site.relative(through) == "content/blog/2024/first.md"
    assert site.absolute(through) == root / "content" / "blog" / "2024" / "first.md"
    assert site.section_of(through) == "blog"
    assert site.relative(link / "content" / "blog" / ".." / "about.md") == "content/about.md"
    assert site.relative(link / "layouts") == "layouts"


def test_a_symlinked_content_folder_keeps_the_path_the_scan_gives(tmp_path: Path) -> None:
    elsewhere = tmp_path / "posts"
    write(elsewhere / "blog" / "a.md", "")
    root = tmp_path / "site"
    write(root / "hugo.toml", "")
    (root / "content").symlink_to(elsewhere, target_is_directory=True)
    site = Site.open(root)
    assert [item.relative for item in site.scan_content()] == ["content/blog/a.md"]
    for path in (root / "content" / "blog" / "a.md", elsewhere / "blog" / "a.md"):
        assert site.relative(path) == "content/blog/a.md"
        assert site.is_content_file(path)
        assert site.section_of(path) == "blog"
    assert site.relative(root / "content") == "content"


def test_a_symlinked_post_keeps_its_own_name(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site")
    target = write(tmp_path / "drafts" / "real-name.md", "")
    link = root / "content" / "blog" / "linked.md"
    link.symlink_to(target)
    site = Site.open(root)
    assert "content/blog/linked.md" in {item.relative for item in site.scan_content()}
    assert site.relative(link) == "content/blog/linked.md"
    assert site.is_content_file(link)


def test_scan_gives_relative_paths_sections_and_stat_data(tmp_path: Path) -> None:
    root = make_site(tmp_path)
    write(root / "content" / "about.md", "About\n")
    site = Site.open(root)
    scanned = {item.relative: item for item in site.scan_content()}
    assert set(scanned) == {"content/about.md", "content/blog/2024/first.md"}
    assert scanned["content/about.md"].section == ""
    assert scanned["content/blog/2024/first.md"].section == "blog"
    assert scanned["content/about.md"].size == len("About\n")
    assert scanned["content/about.md"].mtime_ns == (root / "content/about.md").stat().st_mtime_ns


def test_section_of_takes_absolute_or_root_relative_paths(tmp_path: Path) -> None:
    root = make_site(tmp_path)
    site = Site.open(root)
    assert site.section_of(root / "content" / "blog" / "2024" / "first.md") == "blog"
    assert site.section_of("content/blog/post.md") == "blog"
    assert site.section_of("content/blog/_index.md") == "blog"
    assert site.section_of("content/about.md") == ""
    assert site.section_of("layouts/x.md") == ""


def test_language_content_dirs_are_scanned_too(tmp_path: Path) -> None:
    write(
        tmp_path / "hugo.toml",
        '[languages.en]\ncontentDir = "content/en"\n[languages.nl]\ncontentDir = "content/nl"\n',
    )
    write(tmp_path / "content" / "en" / "blog" / "hello.md", "")
    write(tmp_path / "content" / "nl" / "blog" / "hallo.md", "")
    site = Site.open(tmp_path)
    assert [path.name for path in site.content_files()] == ["hello.md", "hallo.md"]
    assert site.section_of("content/nl/blog/hallo.md") == "blog"


def test_summary_lists_posts_sections_drafts_and_languages(tmp_path: Path) -> None:
    write(tmp_path / "hugo.toml", 'title = "Logboek"\n[languages.nl]\n[languages.en]\n')
    content = tmp_path / "content"
    write(content / "blog" / "a.md", "---\ntitle: A\ndraft: true\n---\n")
    write(content / "blog" / "b.md", "---\ntitle: B\n---\n")
    write(content / "news" / "c.md", "---\ntitle: C\ndraft: true\n---\n")
    write(content / "about.md", "---\ntitle: About\n---\n")
    site = Site.open(tmp_path)
    index = SiteIndex(site, cache_dir=tmp_path / "cache")
    index.refresh()
    assert site.summary(index) == [
        "Logboek",
        f"root: {tmp_path.resolve()}",
        "posts: 4 (2 drafts)",
        "sections: blog 2, (top level) 1, news 1",
        "languages: nl, en",
    ]


def test_cached_folder_listings_give_the_same_verdicts_and_end_with_the_block(
    tmp_path: Path,
) -> None:
    root = make_site(tmp_path / "site")
    site = Site.open(root)
    bundle = root / "content" / "blog" / "trip"
    resource = write(bundle / "notes.md", "# Notes\n")
    post = root / "content" / "blog" / "2024" / "first.md"
    outside = {path: site.is_content_file(path) for path in (resource, post)}
    assert outside == {resource: True, post: True}
    write(bundle / "index.md", "---\ntitle: Trip\n---\n")
    with folder_listings_cached():
        inside = {path: site.is_content_file(path) for path in (resource, post)}
        assert site.relative(post) == "content/blog/2024/first.md"
        (bundle / "index.md").unlink()  # the block takes the disk as it was at its start
        assert not site.is_content_file(resource)
    assert inside == {resource: False, post: True}
    assert site.is_content_file(resource)  # after the block the disk is read again
