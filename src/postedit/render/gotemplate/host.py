"""What only the caller can do for a template: the site around it.

The interpreter knows the language and Hugo's pure functions; rendering Markdown,
resolving URLs against the site, reading site files and running partials need the
site, so the shortcode renderer passes a host. `DefaultHost` is a standalone stand-in
for tests and for templates run without a site.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from .limits import MAX_STRING

if TYPE_CHECKING:
    from .template import TemplateSet


@runtime_checkable
class TemplateHost(Protocol):
    """Site services template functions call back into."""

    def markdownify(self, text: str) -> str:
        """`markdownify`: Markdown rendered as the site renders it (inline when one paragraph)."""
        ...

    def rel_url(self, url: str) -> str:
        """`relURL`: the URL relative to the site root."""
        ...

    def abs_url(self, url: str) -> str:
        """`absURL`: the URL made absolute with the site's baseURL."""
        ...

    def partial(self, name: str, context: Any) -> Any:
        """`partial`: the named partial run with `context` (HTML, or what it `return`s)."""
        ...

    def read_file(self, path: str) -> str:
        """`readFile`: a file of the site; "" when missing or outside it."""
        ...

    def file_exists(self, path: str) -> bool:
        """`fileExists`: whether the site has the file (never outside it)."""
        ...

    def i18n(self, key: str, count: Any = None) -> str:
        """`i18n`/`T`: the translation of `key` for the page's language."""
        ...

    def ref(self, page: Any, target: str) -> str:
        """`ref`: the permalink of another page."""
        ...

    def relref(self, page: Any, target: str) -> str:
        """`relref`: the relative permalink of another page."""
        ...


class DefaultHost:
    """Standalone behaviour: a base URL, an optional site folder and template set.

    Markdown is rendered minimally (paragraph-free inline text, escaped) unless a
    `markdown` callable is given; partials run from `templates` when given.
    """

    def __init__(
        self,
        base_url: str = "https://example.org/",
        *,
        site_root: Path | None = None,
        templates: TemplateSet | None = None,
        translations: dict[str, str] | None = None,
        markdown: Any = None,
    ) -> None:
        self.base_url = base_url if base_url.endswith("/") else base_url + "/"
        self.site_root = site_root
        self.templates = templates
        self.translations = translations or {}
        self._markdown = markdown

    def markdownify(self, text: str) -> str:
        if self._markdown is not None:
            return str(self._markdown(text))
        return html.escape(text, quote=False)

    def rel_url(self, url: str) -> str:
        if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", url) or url.startswith("//"):
            return url
        path = _base_path(self.base_url)
        if url.startswith("/"):
            return path.rstrip("/") + url if path != "/" else url
        joined = path + url
        return joined if url or path != "/" else "/"

    def abs_url(self, url: str) -> str:
        if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", url) or url.startswith("//"):
            return url
        root = re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://[^/]*", self.base_url)
        if url.startswith("/") and root:
            prefix = self.base_url.rstrip("/")
            path = _base_path(self.base_url)
            if path != "/" and url.startswith(path):
                return root.group() + url
            return prefix + url
        return self.base_url + url

    def partial(self, name: str, context: Any) -> Any:
        if self.templates is None:
            raise LookupError(f'partial "{name}" not found')
        return self.templates.partial(name, context, self)

    def read_file(self, path: str) -> str:
        """Hugo's `readFile`: "" for a file that is not there (or not in the site)."""
        if not path:
            raise ValueError("readFile needs a filename")
        target = site_file(self.site_root, path) if self.site_root is not None else None
        if target is None or not target.exists():
            return ""
        if target.stat().st_size > MAX_STRING:
            raise OSError(f"file {path!r} is too large to preview")
        return target.read_text(encoding="utf-8", errors="replace")

    def file_exists(self, path: str) -> bool:
        """Hugo's `fileExists`, confined to the site folder."""
        if not path:
            raise ValueError("fileExists needs a path to a file")
        target = site_file(self.site_root, path) if self.site_root is not None else None
        return target is not None and target.exists()

    def i18n(self, key: str, count: Any = None) -> str:
        return self.translations.get(key, "")

    def ref(self, page: Any, target: str) -> str:
        return self.abs_url(_ref_path(target))

    def relref(self, page: Any, target: str) -> str:
        return self.rel_url(_ref_path(target))


def site_file(root: Path, path: str) -> Path | None:
    """`path` below `root` as Hugo's project file system sees it; None if it leads out.

    Hugo roots template file access at the project folder: `/notes.txt` is the
    project's, `..` cannot climb above it. Links are followed, then checked, so a
    link to a file outside does not leak it either.
    """
    base = root.resolve()
    relative = path.replace("\\", "/").lstrip("/")
    target = (base / relative).resolve()
    return target if target.is_relative_to(base) else None


def _base_path(base_url: str) -> str:
    match = re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://[^/]*(/.*)?$", base_url)
    path = (match.group(1) if match else base_url) or "/"
    return path if path.endswith("/") else path + "/"


def _ref_path(target: str) -> str:
    """A plausible permalink for a content path: `blog/post.md#x` -> `/blog/post/#x`."""
    path, hashmark, anchor = target.partition("#")
    path = re.sub(r"(/index|/_index)?\.md$", "", path.strip("/"))
    url = f"/{path}/" if path else ""
    return url + (hashmark + anchor if hashmark else "")
