"""Where Hugo publishes a page: its RelPermalink and Permalink, from its path.

The preview needs page URLs for `.Page.RelPermalink`, `ref` and `relref`. We follow
Hugo's defaults (section folders, leaf bundles, `slug`, `url`, the base URL's path)
and the `permalinks` settings' most common tokens; exotic tokens fall back to the
path, which is what a writer sees locally anyway.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from postedit.core.dates import as_date


def urlize(text: str) -> str:
    """Hugo's `urlize` for path segments: lower-cased, spaces to hyphens."""
    text = unicodedata.normalize("NFC", text.strip()).lower()
    text = re.sub(r"\s+", "-", text)
    return re.sub(r"[^\w\-./~]", "", text)


def base_path(base_url: str) -> str:
    """The path part of the base URL without its trailing slash ("" for the root)."""
    return urlsplit(base_url).path.rstrip("/")


def absolute(base_url: str, rel: str) -> str:
    """A root-relative URL made absolute against the base URL's scheme and host."""
    parts = urlsplit(base_url)
    if not parts.scheme:
        return rel
    return f"{parts.scheme}://{parts.netloc}{rel}"


def _permalink_pattern(
    pattern: str, relative: PurePosixPath, front_matter: Mapping[str, Any]
) -> str | None:
    """Expand a `permalinks` pattern for the tokens we know; None for any other token."""
    date = as_date(front_matter.get("date"))
    slug = str(front_matter.get("slug") or "") or _stem(relative)
    title = str(front_matter.get("title") or "")
    values = {
        "slug": urlize(slug),
        "title": urlize(title),
        "filename": urlize(_stem(relative)),
        "contentbasename": urlize(_stem(relative)),
        "section": relative.parts[0] if len(relative.parts) > 1 else "",
        "sections": "/".join(
            relative.parts[:-1] if relative.stem != "index" else relative.parts[:-2]
        ),
        "year": f"{date.year:04d}" if date else None,
        "month": f"{date.month:02d}" if date else None,
        "day": f"{date.day:02d}" if date else None,
    }
    failed = False

    def token(match: re.Match[str]) -> str:
        nonlocal failed
        value = values.get(match.group(1))
        if value is None:
            failed = True
            return ""
        return value

    result = re.sub(r":(\w+)", token, pattern)
    return None if failed else result


def _stem(relative: PurePosixPath) -> str:
    return relative.parent.name if relative.stem in ("index", "_index") else relative.stem


def rel_permalink(
    relative: str,
    front_matter: Mapping[str, Any],
    *,
    base_url: str = "",
    permalinks: Mapping[str, Any] | None = None,
) -> str:
    """The RelPermalink of the content file at `relative` (posix, below content/)."""
    path = PurePosixPath(relative)
    prefix = base_path(base_url)
    url = front_matter.get("url")
    if isinstance(url, str) and url:
        return prefix + "/" + url.lstrip("/")
    section = path.parts[0] if len(path.parts) > 1 else ""
    pattern = (permalinks or {}).get(section) if section else None
    if isinstance(pattern, str) and path.stem not in ("_index",):
        expanded = _permalink_pattern(pattern, path, front_matter)
        if expanded is not None:
            expanded = "/" + expanded.strip("/") + "/"
            return prefix + re.sub(r"/+", "/", expanded)
    folders = list(path.parts[:-1])
    if path.stem in ("index", "_index"):
        leaf = ""
    else:
        slug = front_matter.get("slug")
        leaf = urlize(str(slug)) if slug else urlize(path.stem)
    parts = [urlize(part) for part in folders] + ([leaf] if leaf else [])
    return prefix + "/" + "".join(part + "/" for part in parts)
