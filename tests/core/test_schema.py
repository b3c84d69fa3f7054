"""Section schemas: inference from archetypes and posts, and the two override files."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import pytest

from postedit.core import schema as schema_module
from postedit.core.index import SiteIndex
from postedit.core.quickread import parse_front_matter
from postedit.core.schema import (
    Field,
    FieldKind,
    SectionSchema,
    find_archetype,
    kind_for,
    label_for,
    neutralize_template,
    schema_for,
)
from postedit.core.site import Site
from postedit.core.split import split_post

SEED_POST = """---
title: "De Toekomst van AI in Nederlandse Bedrijven: Trends en Verwachtingen 2024-2025"
date: 2024-02-05
author: "Deductive Team"
description: "Ontdek de belangrijkste AI-trends die Nederlandse bedrijven zullen beïnvloeden."
categories: ["AI-Trends"]
tags: ["ai-trends", "nederlandse-bedrijven", "toekomst", "digitalisering", "innovatie"]
featured_image: "images/blog/blog-5.jpg"
draft: false
seo:
  title: "AI in Nederland"
  noindex: false
---

{{< toc >}}

## Nederland als AI-Pionier
"""

HUGO_NEW_ARCHETYPE = """+++
date = '{{ .Date }}'
draft = true
title = '{{ replace .File.ContentBaseName "-" " " | title }}'
{{- if .Site.Params.withSeries }}
series = []
{{- end }}
published = {{ now.Format "2006-01-02" }}
summary = "About {{ .Name }} and more"
+++
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def root(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    write(site / "hugo.toml", '[taxonomies]\ntag = "tags"\ncategory = "categories"\n')
    return site


def schema(root: Path, section: str = "blog") -> SectionSchema:
    site = Site.open(root)
    index = SiteIndex(site, cache_dir=root.parent / "cache")
    index.refresh()
    return schema_for(site, section, index)


def kinds(result: SectionSchema) -> dict[str, FieldKind]:
    return {field.name: field.kind for field in result.fields}


# --- inference from posts --------------------------------------------------------------------


def test_a_seed_like_post_gives_the_expected_kinds(root: Path) -> None:
    write(root / "content" / "blog" / "ai.md", SEED_POST)
    result = schema(root)
    assert kinds(result) == {
        "title": FieldKind.STRING,
        "date": FieldKind.DATE,
        "author": FieldKind.STRING,
        "description": FieldKind.TEXT,
        "categories": FieldKind.STRING_LIST,
        "tags": FieldKind.STRING_LIST,
        "featured_image": FieldKind.IMAGE,
        "draft": FieldKind.BOOL,
        "seo": FieldKind.RAW,
    }
    assert result.field("tags") == Field("tags", FieldKind.STRING_LIST, "Tags", taxonomy="tags")
    assert result.field("categories").taxonomy == "categories"  # type: ignore[union-attr]
    assert result.field("featured_image").label == "Featured image"  # type: ignore[union-attr]
    assert result.field("TITLE") is result.fields[0]
    assert result.sources == ("1 post",)
    assert result.warnings == ()


def test_kinds_follow_the_majority_and_fields_order_by_frequency(root: Path) -> None:
    blog = root / "content" / "blog"
    write(blog / "a.md", "---\ntitle: A\nrating: 4\nsubtitle: x\nlinks: [{url: a}]\n---\n")
    write(blog / "b.md", "---\ntitle: B\nrating: 5\nsubtitle: y\n---\n")
    write(blog / "c.md", "---\ntitle: C\nrating: high\n---\n")
    write(blog / "_index.md", "---\ntitle: Blog\nmenu: main\ncascade: {x: 1}\n---\n")
    result = schema(root)
    assert result.names == ("title", "rating", "subtitle", "links", "date", "draft")
    assert kinds(result) == {
        "title": FieldKind.STRING,
        "rating": FieldKind.NUMBER,
        "subtitle": FieldKind.STRING,
        "links": FieldKind.RAW,
        "date": FieldKind.DATETIME,  # essential, unseen: a datetime by default
        "draft": FieldKind.BOOL,
    }


def test_posts_of_other_sections_and_broken_posts_do_not_vote(root: Path) -> None:
    write(root / "content" / "blog" / "a.md", "---\ntitle: A\nweight: 1\n---\n")
    write(root / "content" / "blog" / "bad.md", "---\ntitle: [\n---\n")
    write(root / "content" / "news" / "n.md", "---\ntitle: N\nurgent: true\n---\n")
    assert "urgent" not in schema(root).names
    assert kinds(schema(root, "news"))["urgent"] is FieldKind.BOOL


@pytest.mark.parametrize(
    ("name", "shapes", "expected"),
    [
        ("summary", {"string": 3}, FieldKind.TEXT),
        ("intro", {"string": 3, "long_string": 1}, FieldKind.TEXT),
        ("cover", {"string": 2}, FieldKind.IMAGE),
        ("heroImage", {}, FieldKind.IMAGE),
        ("photo", {"image": 2, "string": 1}, FieldKind.IMAGE),
        ("date", {"date": 2, "datetime": 1}, FieldKind.DATE),
        ("lastmod", {"date": 1, "datetime": 1}, FieldKind.DATETIME),
        ("draft", {"string": 4}, FieldKind.BOOL),
        ("related", {"empty_list": 2}, FieldKind.STRING_LIST),
        ("toc", {"bool": 3, "empty": 5}, FieldKind.BOOL),
        ("extra", {"raw": 2, "string": 1}, FieldKind.RAW),
        ("menu", {"string": 3}, FieldKind.RAW),
        ("notes", {}, FieldKind.STRING),
    ],
)
def test_kind_for(name: str, shapes: dict[str, int], expected: FieldKind) -> None:
    assert kind_for(name, shapes)[0] is expected


def test_a_configured_taxonomy_is_a_string_list_whatever_its_values(root: Path) -> None:
    assert kind_for("Series", {"string": 3}, ("series",)) == (FieldKind.STRING_LIST, "series")
    assert kind_for("series", {"string": 3}, ()) == (FieldKind.STRING, None)


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("featured_image", "Featured image"),
        ("publishDate", "Publish date"),
        ("linkTitle", "Link title"),
        ("SEO_title", "SEO title"),
        ("og-image", "Og image"),
        ("title", "Title"),
    ],
)
def test_label_for(name: str, label: str) -> None:
    assert label_for(name) == label


# --- archetypes ---------------------------------------------------------------------------------


def test_template_actions_are_neutralized_so_the_archetype_parses() -> None:
    data = parse_front_matter(split_post(neutralize_template(HUGO_NEW_ARCHETYPE)))
    assert data == {
        "date": "2006-01-02T15:04:05+00:00",
        "draft": True,
        "title": "text",
        "series": [],  # conditional fields are kept: some posts will have them
        "published": "2006-01-02",
        "summary": "About text and more",
    }


def test_a_bare_yaml_date_action_becomes_a_datetime_string() -> None:
    text = '---\ntitle: "{{ .Name }}"\ndate: {{ .Date }}\nlist: [{{ .Name }}]\n---\n'
    data = parse_front_matter(split_post(neutralize_template(text)))
    assert data == {"title": "text", "date": "2006-01-02T15:04:05+00:00", "list": ["text"]}


def test_an_archetype_without_posts_gives_kinds_and_order(root: Path) -> None:
    write(root / "archetypes" / "blog.md", HUGO_NEW_ARCHETYPE)
    write(root / "archetypes" / "default.md", "---\nother: 1\n---\n")
    result = schema(root)
    assert result.names == ("date", "draft", "title", "series", "published", "summary")
    assert kinds(result) == {
        "date": FieldKind.DATETIME,
        "draft": FieldKind.BOOL,
        "title": FieldKind.STRING,
        "series": FieldKind.STRING_LIST,
        "published": FieldKind.DATE,
        "summary": FieldKind.TEXT,
    }
    assert result.sources == ("archetype archetypes/blog.md",)


def test_archetype_order_comes_first_then_what_posts_add(root: Path) -> None:
    write(
        root / "archetypes" / "default.md",
        '---\ntitle: "{{ .Name }}"\ndate: {{ .Date }}\ntags: []\nimage: ""\n---\n',
    )
    write(root / "content" / "blog" / "a.md", "---\ntitle: A\nauthor: Me\ndate: 2024-01-01\n---\n")
    write(root / "content" / "blog" / "b.md", "---\ntitle: B\ndate: 2024-01-02\n---\n")
    result = schema(root)
    assert result.names == ("title", "date", "tags", "image", "author", "draft")
    assert kinds(result)["date"] is FieldKind.DATE  # two posts outvote the archetype
    assert kinds(result)["image"] is FieldKind.IMAGE
    assert result.field("tags").taxonomy == "tags"  # type: ignore[union-attr]
    assert result.sources == ("archetype archetypes/default.md", "2 posts")


def test_archetype_lookup_follows_hugo(root: Path) -> None:
    write(root / "hugo.toml", 'theme = "base"\n')
    site = Site.open(root)
    theme = root / "themes" / "base" / "archetypes"
    assert find_archetype(site, "blog") is None
    write(theme / "default.md", "")
    assert find_archetype(site, "blog") == theme / "default.md"
    write(theme / "blog.md", "")
    assert find_archetype(site, "blog") == theme / "blog.md"
    write(root / "archetypes" / "default.md", "")
    assert find_archetype(site, "blog") == site.archetype_dir / "default.md"
    write(root / "archetypes" / "blog" / "index.md", "")
    assert find_archetype(site, "blog") == site.archetype_dir / "blog" / "index.md"
    write(root / "archetypes" / "blog.md", "")
    assert find_archetype(site, "blog") == site.archetype_dir / "blog.md"


def test_a_broken_archetype_is_a_warning_not_an_error(root: Path) -> None:
    write(root / "archetypes" / "default.md", "---\ntitle: [unclosed\n---\n")
    result = schema(root)
    assert result.names == ("title", "date", "draft")
    assert len(result.warnings) == 1 and "archetypes/default.md" in result.warnings[0]


# --- .postedit.yaml --------------------------------------------------------------------------------


POSTEDIT_YAML = """
sections:
  default:
    fields:
      - name: title
        label: Titel
        required: true
      - name: featured_image
        label: Afbeelding
  blog:
    fields:
      - name: status
        choices: [concept, review, klaar]
      - name: Title
        label: Kop
      - name: author
        kind: text
    hidden: [seo]
"""


def test_postedit_yaml_overrides_labels_kinds_order_and_hides(root: Path) -> None:
    write(root / "content" / "blog" / "ai.md", SEED_POST)
    write(root / ".postedit.yaml", POSTEDIT_YAML)
    result = schema(root)
    assert result.names[:5] == ("status", "title", "author", "featured_image", "date")
    assert "seo" not in result.names
    title = result.field("title")
    assert title == Field("title", FieldKind.STRING, "Kop", required=True)
    assert result.field("status") == Field(
        "status", FieldKind.STRING, "Status", choices=("concept", "review", "klaar")
    )
    assert result.field("author").kind is FieldKind.TEXT  # type: ignore[union-attr]
    assert result.field("featured_image").kind is FieldKind.IMAGE  # type: ignore[union-attr]
    assert result.field("featured_image").label == "Afbeelding"  # type: ignore[union-attr]
    assert result.sources == ("1 post", ".postedit.yaml")
    # Another section gets `default` only.
    news = schema(root, "news")
    assert news.field("title").label == "Titel"  # type: ignore[union-attr]
    assert news.field("status") is None


def test_the_documented_postedit_yaml_example_is_valid(root: Path) -> None:
    doc = schema_module.__doc__ or ""
    example = doc.split("format::", 1)[1].split("Each field entry", 1)[0]
    write(root / ".postedit.yaml", textwrap.dedent(example))
    result = schema(root)
    assert result.warnings == ()
    assert result.field("title").label == "Titel"  # type: ignore[union-attr]
    assert result.field("series").taxonomy == "series"  # type: ignore[union-attr]
    assert schema(root, "").names == ("title", "featured_image", "draft")


def test_postedit_yaml_problems_become_warnings(root: Path) -> None:
    write(
        root / ".postedit.yaml",
        "sections:\n  blog:\n    fields:\n      - name: title\n        kind: headline\n"
        "      - label: no name\n      - name: tags\n        colour: red\n    extra: 1\n",
    )
    result = schema(root)
    assert result.field("title").kind is FieldKind.STRING  # type: ignore[union-attr]
    text = "\n".join(result.warnings)
    assert "unknown kind 'headline'" in text
    assert "needs a `name`" in text
    assert "colour" in text and "extra" in text


def test_an_unparsable_postedit_yaml_is_ignored_with_a_warning(root: Path) -> None:
    write(root / ".postedit.yaml", "sections: [\n")
    result = schema(root)
    assert result.names == ("title", "date", "draft")
    assert result.warnings and ".postedit.yaml cannot be read" in result.warnings[0]


def test_top_level_pages_use_the_slash_section(root: Path) -> None:
    write(root / ".postedit.yaml", "sections:\n  /:\n    hidden: [date]\n")
    assert schema(root, "").names == ("title", "draft")
    assert schema(root, "blog").names == ("title", "date", "draft")


# --- Front Matter CMS --------------------------------------------------------------------------


FRONTMATTER_JSON: dict[str, Any] = {
    "$schema": "https://frontmatter.codes/frontmatter.schema.json",
    "frontMatter.taxonomy.contentTypes": [
        {
            "name": "default",
            "pageBundle": False,
            "fields": [
                {"title": "Title", "name": "title", "type": "string"},
                {"title": "Date", "name": "date", "type": "datetime"},
            ],
        },
        {
            "name": "post",
            "pageBundle": True,
            "fields": [
                {"title": "Titel", "name": "title", "type": "string", "required": True},
                {"type": "divider", "title": "—"},
                {
                    "title": "Omschrijving",
                    "name": "description",
                    "type": "string",
                    "multiline": True,
                },
                {"title": "Publicatiedatum", "name": "date", "type": "datetime"},
                {"title": "Concept", "name": "draft", "type": "draft"},
                {"title": "Tags", "name": "tags", "type": "tags"},
                {"title": "Rubriek", "name": "categories", "type": "categories"},
                {"title": "Reeks", "name": "series", "type": "taxonomy", "taxonomyId": "series"},
                {"title": "Beeld", "name": "featured_image", "type": "image"},
                {
                    "title": "Status",
                    "name": "status",
                    "type": "choice",
                    "choices": ["concept", {"id": "live", "title": "Live"}],
                },
                {"title": "SEO", "name": "seo", "type": "fields", "fields": []},
                {"title": "Volgorde", "name": "weight", "type": "number"},
                {"title": "PDF", "name": "pdf", "type": "file", "fileExtensions": ["pdf"]},
                {"title": "Foto", "name": "photo", "type": "file", "fileExtensions": ["jpg"]},
                {"title": "Intern", "name": "internal", "type": "boolean", "hidden": True},
            ],
        },
    ],
    "frontMatter.content.pageFolders": [
        {"title": "Blog", "path": "[[workspace]]/content/blog", "contentTypes": ["post"]},
        {"title": "Pages", "path": "[[workspace]]/content"},
    ],
}


def test_front_matter_cms_content_types_map_to_our_kinds(root: Path) -> None:
    write(
        root / "hugo.toml",
        '[taxonomies]\ntag = "tags"\ncategory = "categories"\nseries = "series"\n',
    )
    write(root / "frontmatter.json", json.dumps(FRONTMATTER_JSON))
    write(root / "content" / "blog" / "a.md", "---\ntitle: A\nextra: kept\n---\n")
    result = schema(root)
    assert result.names == (
        "title",
        "description",
        "date",
        "draft",
        "tags",
        "categories",
        "series",
        "featured_image",
        "status",
        "seo",
        "weight",
        "pdf",
        "photo",
        "extra",
    )
    assert kinds(result) == {
        "title": FieldKind.STRING,
        "description": FieldKind.TEXT,
        "date": FieldKind.DATETIME,
        "draft": FieldKind.BOOL,
        "tags": FieldKind.STRING_LIST,
        "categories": FieldKind.STRING_LIST,
        "series": FieldKind.STRING_LIST,
        "featured_image": FieldKind.IMAGE,
        "status": FieldKind.STRING,
        "seo": FieldKind.RAW,
        "weight": FieldKind.NUMBER,
        "pdf": FieldKind.STRING,
        "photo": FieldKind.IMAGE,
        "extra": FieldKind.STRING,
    }
    assert result.field("title") == Field("title", FieldKind.STRING, "Titel", required=True)
    assert result.field("status").choices == ("concept", "live")  # type: ignore[union-attr]
    assert result.field("series").taxonomy == "series"  # type: ignore[union-attr]
    assert result.field("categories").label == "Rubriek"  # type: ignore[union-attr]
    assert result.sources == ("1 post", "frontmatter.json content type 'post'")


def test_folders_without_a_page_folder_type_use_the_default_type(root: Path) -> None:
    write(root / "frontmatter.json", json.dumps(FRONTMATTER_JSON))
    result = schema(root, "news")
    assert result.names == ("title", "date", "draft")
    assert result.field("date").label == "Date"  # type: ignore[union-attr]
    assert result.sources == ("frontmatter.json content type 'default'",)


def test_nested_front_matter_cms_settings_are_read_too(root: Path) -> None:
    nested = {
        "frontMatter": {
            "taxonomy": {
                "contentTypes": [
                    {
                        "name": "default",
                        "fields": [{"title": "Kop", "name": "title", "type": "string"}],
                    }
                ]
            },
        }
    }
    write(root / "frontmatter.json", json.dumps(nested))
    assert schema(root).field("title").label == "Kop"  # type: ignore[union-attr]


def test_postedit_yaml_wins_over_front_matter_cms(root: Path) -> None:
    write(root / "frontmatter.json", json.dumps(FRONTMATTER_JSON))
    write(
        root / ".postedit.yaml",
        "sections:\n  blog:\n    fields:\n      - name: title\n        label: Kopregel\n"
        "      - name: weight\n        kind: string\n",
    )
    result = schema(root)
    assert result.names[:2] == ("title", "weight")
    assert result.field("title") == Field("title", FieldKind.STRING, "Kopregel", required=True)
    assert result.field("weight").kind is FieldKind.STRING  # type: ignore[union-attr]
    assert result.field("weight").label == "Volgorde"  # type: ignore[union-attr]


def test_a_broken_frontmatter_json_is_a_warning(root: Path) -> None:
    write(root / "frontmatter.json", "{ not json")
    result = schema(root)
    assert result.names == ("title", "date", "draft")
    assert result.warnings and "frontmatter.json cannot be read" in result.warnings[0]


def test_schema_without_an_index_uses_archetype_and_known_fields(root: Path) -> None:
    write(root / "archetypes" / "default.md", '---\ntitle: ""\ntags: []\n---\n')
    result = schema_for(Site.open(root), "blog")
    assert result.names == ("title", "tags", "date", "draft")
