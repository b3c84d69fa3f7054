"""The preview's HTML page: a shell around the rendered post, and where its URLs lead.

The preview shows a post the way a reader meets it: title, date, a draft badge,
the featured image, then the content. The page lives in postedit's own URL scheme
(`postedit://site/...`) laid out like the published site, so `/images/x.jpg`,
a bundle's `cover.jpg` and links written against the site's baseURL all resolve
the way Hugo would publish them. `resolve_local` maps such a URL back to a file,
and only to a file inside the folders the preview may show: the scheme handler
serves nothing else. No Qt here: the UI layer wires these to QtWebEngine.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, NamedTuple
from urllib.parse import quote, unquote, urlsplit

from postedit.core.site import Site

PREVIEW_SCHEME = "postedit"
SITE_HOST = "site"  # the post, its bundle and the site's files
APP_HOST = "app"  # postedit's own preview resources (resources/preview/)
STYLESHEET_URL = f"{PREVIEW_SCHEME}://{APP_HOST}/preview.css"

# Front-matter keys themes use for a post's leading image, most specific first.
# Hugo reads front-matter keys case-insensitively, so they are compared lower-cased.
IMAGE_FIELDS = (
    "featured_image",
    "featuredimage",
    "featured",
    "cover",
    "image",
    "images",
    "thumbnail",
    "banner",
    "hero",
)

_MONTHS = (
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
)


@dataclass(frozen=True)
class PageLocation:
    """Where a post's preview page lives in the preview's URL space and on disk.

    `url_path` is the page's path as Hugo would publish it by default (content
    path, baseURL's path first), percent-encoded, ending in "/". `bundle` is the
    folder whose files are the page's own resources: a leaf or branch bundle's
    folder, or the post's folder when no site is known.
    """

    site: Site | None
    post: Path | None
    bundle: Path | None
    url_path: str

    @property
    def url(self) -> str:
        """The page's address, also its `<base href>`: relative URLs resolve against it."""
        return f"{PREVIEW_SCHEME}://{SITE_HOST}{self.url_path}"


class PageParts(NamedTuple):
    """The two regions of the page that change while the writer types."""

    header: str  # inner HTML of <header id="page-header">
    content: str  # inner HTML of <article id="content">


def base_path(site: Site | None) -> str:
    """The path of the site's baseURL ("/" or "/docs/"), where the published site starts."""
    if site is None:
        return "/"
    path = urlsplit(site.base_url).path.strip("/")
    return f"/{quote(path)}/" if path else "/"


def locate_page(site: Site | None, post: Path | None) -> PageLocation:
    """The preview address and resource folder of `post` (None: a post not saved yet)."""
    if post is None:
        return PageLocation(site, None, None, base_path(site))
    post = Path(os.path.abspath(post))
    if site is None:
        return PageLocation(None, post, post.parent, "/")
    holding = [folder for folder in site.content_dirs if post.is_relative_to(folder)]
    if not holding:
        return PageLocation(site, post, None, base_path(site))
    relative = post.relative_to(max(holding, key=lambda folder: len(folder.parts)))
    bundle: Path | None = None
    if site.is_bundle_index(post.name) or post.stem.lower() == "_index":
        parts = relative.parent.parts
        bundle = post.parent
    else:
        parts = (*relative.parent.parts, post.stem)
    path = "".join(f"{quote(part)}/" for part in parts)
    return PageLocation(site, post, bundle, base_path(site) + path)


def featured_image(front_matter: Mapping[str, Any]) -> str | None:
    """The post's leading image as written in its front matter, whichever key holds it.

    Accepts a string, a list of strings (`images`) or a map with an `image`,
    `src` or `url` key (`cover: {image: ...}`), as popular themes write it.
    """
    fields = {str(key).lower(): value for key, value in front_matter.items()}
    for key in IMAGE_FIELDS:
        found = _image_value(fields.get(key))
        if found:
            return found
    return None


def _image_value(value: Any) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, Sequence) and not isinstance(value, str | bytes):
        for item in value:
            found = _image_value(item)
            if found:
                return found
        return None
    if isinstance(value, Mapping):
        for key in ("image", "src", "url"):
            found = _image_value(value.get(key))
            if found:
                return found
    return None


def image_url(location: PageLocation, written: str) -> str:
    """The URL the page uses for an image path written in front matter.

    Themes resolve a relative name against the page bundle first (a resource),
    then against the site root (`images/x.jpg` in static/); absolute URLs stay.
    """
    if urlsplit(written).scheme or written.startswith(("/", "//")):
        return written
    clean = written.split("#")[0].split("?")[0]
    if location.bundle is not None and _inside(location.bundle / unquote(clean), location.bundle):
        return written
    return base_path(location.site) + written


def _format_date(value: Any) -> tuple[str, str] | None:
    """(machine-readable, as shown) for a front-matter date; None when it is not one."""
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            return (value, value) if value.strip() else None
    if isinstance(value, dt.datetime | dt.date):
        day = value.date() if isinstance(value, dt.datetime) else value
        return (value.isoformat(), f"{day.day} {_MONTHS[day.month - 1]} {day.year}")
    return None


def _is_draft(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("true", "yes", "on", "1")
    return bool(value)


def header_html(location: PageLocation, front_matter: Mapping[str, Any]) -> str:
    """Title, date, draft badge and featured image, as the inner HTML of the header."""
    fields = {str(key).lower(): value for key, value in front_matter.items()}
    pieces = []
    title = fields.get("title")
    if title not in (None, ""):
        pieces.append(f'<h1 class="page-title">{html.escape(str(title))}</h1>')
    meta = []
    when = _format_date(fields.get("date"))
    if when is not None:
        machine, shown = when
        meta.append(f'<time datetime="{html.escape(machine)}">{html.escape(shown)}</time>')
    if _is_draft(fields.get("draft")):
        meta.append('<span class="draft-badge">Draft</span>')
    if meta:
        pieces.append(f'<p class="page-meta">{" ".join(meta)}</p>')
    image = featured_image(front_matter)
    if image is not None:
        source = html.escape(image_url(location, image))
        pieces.append(f'<figure class="featured-image"><img src="{source}" alt=""></figure>')
    return "\n".join(pieces)


def _site_url_prefix(site: Site | None) -> re.Pattern[str] | None:
    """Matches attribute values that point at the published site (`https://example.org/`)."""
    if site is None or not urlsplit(site.base_url).netloc:
        return None
    parts = urlsplit(site.base_url)
    origin = re.escape(f"//{parts.netloc}")
    return re.compile(rf'(\s(?:src|href|srcset)=")(?:https?:)?{origin}(?=/)', re.IGNORECASE)


def content_html(location: PageLocation, rendered: str) -> str:
    """The rendered post with links to the published site pointed at the local preview."""
    pattern = _site_url_prefix(location.site)
    return rendered if pattern is None else pattern.sub(r"\1", rendered)


def page_parts(location: PageLocation, front_matter: Mapping[str, Any], rendered: str) -> PageParts:
    """What `page_html` shows and what a live update replaces."""
    return PageParts(header_html(location, front_matter), content_html(location, rendered))


def page_html(location: PageLocation, parts: PageParts, *, dark: bool = False) -> str:
    """The whole preview page, loaded once per post; later edits patch its two regions."""
    language = ""
    if location.site is not None and location.site.language_code:
        language = f' lang="{html.escape(location.site.language_code)}"'
    theme = "dark" if dark else "light"
    return (
        f'<!DOCTYPE html>\n<html class="{theme}"{language}>\n<head>\n'
        '<meta charset="utf-8">\n'
        # Page JavaScript is switched off in the view too; this holds even if it were not.
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"script-src 'none'; object-src 'none'; base-uri 'self'\">\n"
        f'<base href="{html.escape(location.url)}">\n'
        f'<link rel="stylesheet" href="{STYLESHEET_URL}">\n'
        "<title>Preview</title>\n</head>\n<body>\n"
        f'<header id="page-header">{parts.header}</header>\n'
        f'<article id="content">{parts.content}</article>\n'
        "</body>\n</html>\n"
    )


def _inside(candidate: Path, folder: Path) -> bool:
    """Whether `candidate` is a regular file whose real location lies inside `folder`'s."""
    try:
        real = Path(os.path.realpath(candidate))
        return real.is_relative_to(os.path.realpath(folder)) and real.is_file()
    except (OSError, ValueError):
        return False


def _clean_segments(raw_path: str) -> tuple[str, ...] | None:
    """The decoded segments of a URL path, or None when it tries to leave its folder.

    Decoded first, so `%2e%2e` and `..%2f` are seen for what they are; a
    backslash, NUL, drive letter or `..` anywhere refuses the whole path.
    """
    path = unquote(raw_path, errors="strict") if "%" in raw_path else raw_path
    if "\\" in path or "\0" in path or ":" in path:
        return None
    segments = tuple(segment for segment in path.split("/") if segment not in ("", "."))
    if any(segment == ".." for segment in segments):
        return None
    return segments


def _site_roots(site: Site) -> list[Path]:
    """The folders a published site's files come from, in Hugo's lookup order."""
    assets = site.root / str(site.config.get("assetdir") or "assets")
    roots = [*site.static_dirs, *(theme / "static" for theme in site.theme_dirs)]
    roots += [assets, *(theme / "assets" for theme in site.theme_dirs)]
    roots += list(site.content_dirs)
    return roots


def _first_inside(roots: Sequence[Path], segments: tuple[str, ...]) -> Path | None:
    if not segments:
        return None
    for root in roots:
        candidate = root.joinpath(*segments)
        if _inside(candidate, root):
            return candidate
    return None


def _strip_prefix(segments: tuple[str, ...], prefix: str) -> tuple[str, ...] | None:
    """`segments` without the leading `prefix` path's segments, or None if it lacks them."""
    wanted = tuple(unquote(part) for part in PurePosixPath(prefix).parts[1:])
    if segments[: len(wanted)] != wanted:
        return None
    return segments[len(wanted) :]


def preview_resources_dir() -> Path:
    """resources/preview/: the stylesheet and anything else the page shell links to."""
    from postedit.core.paths import resources_dir

    return resources_dir() / "preview"


def resolve_local(
    host: str,
    raw_path: str,
    location: PageLocation | None,
    resources: Path | None = None,
) -> Path | None:
    """The file a preview URL names, or None when it lies outside the allowed folders.

    `host` is SITE_HOST or APP_HOST; `raw_path` the URL's path as requested,
    still percent-encoded. Site URLs reach the page's bundle, the site's static
    folders (its themes' too), assets/ and content/; app URLs reach only
    resources/preview/. Traversal (`..`, encoded or not), absolute paths, and
    symlinks whose target lies outside the folder they were found in are refused.
    """
    try:
        segments = _clean_segments(raw_path)
    except UnicodeDecodeError:
        return None
    if segments is None:
        return None
    if host == APP_HOST:
        return _first_inside([resources or preview_resources_dir()], segments)
    if host != SITE_HOST or location is None:
        return None
    if location.bundle is not None:
        inner = _strip_prefix(segments, location.url_path)
        if inner is not None:
            found = _first_inside([location.bundle], inner)
            if found is not None:
                return found
    if location.site is None:
        return None
    roots = _site_roots(location.site)
    unprefixed = _strip_prefix(segments, base_path(location.site))
    if unprefixed is not None and unprefixed != segments:
        found = _first_inside(roots, unprefixed)
        if found is not None:
            return found
    # Written without the baseURL's path (`/images/x.jpg` on a site under /docs/):
    # wrong on the published site, but the writer still sees which file is meant.
    return _first_inside(roots, segments)
