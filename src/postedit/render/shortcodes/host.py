"""The site services shortcode templates and built-ins call: the real TemplateHost.

Markdown for `markdownify` and `.Page.RenderString`, URLs against the base URL,
partials from the site's and themes' layouts, `readFile` confined to the site folder,
translations from `i18n/`, and `ref`/`relref` to other pages of the site.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import yaml

from postedit.core.quickread import parse_front_matter, split_head
from postedit.core.site import MARKDOWN_EXTENSIONS, Site
from postedit.render.gotemplate import DefaultHost, TemplateSet
from postedit.render.gotemplate.host import site_file
from postedit.render.shortcodes import filecache, urls
from postedit.render.shortcodes.problems import ShortcodeProblem
from postedit.render.shortcodes.resources import Resource, ResourceList
from postedit.render.shortcodes.site_context import SiteContext
from postedit.render.shortcodes.templates import TemplateFinder

_P = re.compile(r"<p>")


def trim_short_html(html: str) -> str:
    """Hugo's TrimShortHTML: one paragraph loses its `<p>` wrapper (for inline use)."""
    if len(_P.findall(html)) == 1:
        html = html.strip()
        if html.startswith("<p>") and html.endswith("</p>"):
            html = html[3:-4].strip()
    return html


class SiteHost(DefaultHost):
    """TemplateHost and built-in environment for one post of one site."""

    def __init__(
        self,
        *,
        site: Site | None,
        finder: TemplateFinder,
        markdown: Callable[[str], str],
        relative: str | None,
        allow_remote: bool,
        language: str,
        site_context: SiteContext | None = None,
        page_resources: ResourceList | None = None,
    ) -> None:
        base_url = site.base_url if site is not None and site.base_url else "/"
        super().__init__(base_url, site_root=site.root if site else None)
        self.site = site
        self.finder = finder
        self.template_set = TemplateSet(self._load_partial)
        self.templates = self.template_set
        self._render_markdown = markdown
        self.relative = relative
        self.allow_remote = allow_remote
        self.site_config: Mapping[str, Any] = site.config if site is not None else {}
        self.language = language
        self._site_context = site_context
        self._page_resources = page_resources or ResourceList([])
        self._translations: dict[str, Any] | None = None
        self._pages: dict[str, tuple[str, Mapping[str, Any]]] = {}

    # --- Markdown ------------------------------------------------------------------

    def markdownify(self, text: str) -> str:
        return trim_short_html(self._render_markdown(str(text))) if text else ""

    def render_block(self, text: str) -> str:
        return self._render_markdown(text)

    def render_string(self, text: str, options: Mapping[str, Any]) -> str:
        rendered = self._render_markdown(text)
        return rendered if options.get("display") == "block" else trim_short_html(rendered)

    def highlight(self, code: str, lang: str, options: str) -> str:
        from postedit.render.config import MarkupConfig
        from postedit.render.highlight import highlight_block

        config = MarkupConfig.from_site(self.site) if self.site else MarkupConfig()
        # The shortcode, not a fence: `codeFences = false` does not switch it off.
        return highlight_block(code, lang, config.highlight, options, fence=False).rstrip("\n")

    # --- templates -----------------------------------------------------------------

    def _load_partial(self, name: str) -> str | None:
        found = self.finder.partial(name)
        return found.text if found else None

    def partial(self, name: str, context: Any) -> Any:
        return self.template_set.partial(name, context, self)

    # --- files ---------------------------------------------------------------------

    def resource_url(self, path: str) -> str | None:
        """The URL of a page resource, else of a file in assets/ (figure's `src`)."""
        found = self._page_resources.Get(path) or self.resource(path)
        return found.RelPermalink if found is not None else None

    def resource(self, path: str) -> Resource | None:
        """`resources.Get`: a file below the site's or a theme's assets/, or nil."""
        if self.site is None or not path:
            return None
        name = path.lstrip("/")
        for folder in [self.site.root / "assets"] + [t / "assets" for t in self.site.theme_dirs]:
            asset = site_file(folder, name)
            if asset is None:
                return None
            if asset.is_file():
                rel = urls.base_path(self.base_url) + "/" + name
                return Resource(asset, name, rel, urls.absolute(self.base_url, rel))
        return None

    def site_context(self) -> SiteContext | None:
        """`site` in any template, partials with a `dict` for dot included."""
        return self._site_context

    # --- translations --------------------------------------------------------------

    def _load_translations(self) -> dict[str, Any]:
        if self._translations is not None:
            return self._translations
        table: dict[str, Any] = {}
        if self.site is not None:
            folders = [self.site.root / "i18n"] + [t / "i18n" for t in self.site.theme_dirs]
            for folder in reversed(folders):
                for suffix in ("toml", "yaml", "yml", "json"):
                    path = folder / f"{self.language}.{suffix}"
                    try:
                        data = filecache.load(path, "i18n", _parse_translations)
                    except (OSError, ValueError, yaml.YAMLError, UnicodeDecodeError):
                        continue
                    if isinstance(data, list):  # the old [{id:, translation:}] form
                        data = {str(item.get("id")): item.get("translation") for item in data}
                    if isinstance(data, dict):
                        table.update({str(k).lower(): v for k, v in data.items()})
        self._translations = table
        return table

    def i18n(self, key: str, count: Any = None) -> str:
        value = self._load_translations().get(str(key).lower())
        if isinstance(value, Mapping):
            plural = "one" if count == 1 else "other"
            value = value.get(plural, value.get("other", ""))
        return "" if value is None else str(value)

    # --- ref / relref --------------------------------------------------------------

    def find_page(self, target: str) -> tuple[str, Mapping[str, Any]]:
        """The content-relative path and front matter of the page `target` names.

        Remembered for this render: a post may `ref` one page many times, and a
        name lookup walks the whole content folder.
        """
        found = self._pages.get(target)
        if found is None:
            found = self._pages[target] = self._find_page(target)
        return found

    def _find_page(self, target: str) -> tuple[str, Mapping[str, Any]]:
        if self.site is None:
            raise ShortcodeProblem(f'page "{target}" not found: no site is open')
        content = self.site.content_dir
        path = target.strip()
        current_dir = (
            self.relative.rsplit("/", 1)[0] if self.relative and "/" in self.relative else ""
        )
        bases = [""] if path.startswith("/") else ([current_dir, ""] if current_dir else [""])
        for base in bases:
            stem = f"{base}/{path.lstrip('/')}".strip("/")
            for candidate in _candidates(stem):
                file = site_file(content, candidate)
                if file is not None and file.is_file():
                    return candidate, _front_matter(file)
        if "/" not in path.strip("/"):
            name = path.strip("/")
            for file in sorted(content.rglob("*")):
                if file.suffix.lower() in MARKDOWN_EXTENSIONS and (
                    file.stem == name
                    or file.name == name
                    or (file.stem == "index" and file.parent.name == name)
                ):
                    return file.relative_to(content).as_posix(), _front_matter(file)
        raise ShortcodeProblem(f'page "{target}" not found')

    def _ref(self, target: str, absolute: bool) -> str:
        path, hashmark, anchor = target.partition("#")
        if path:
            relative, front_matter = self.find_page(path)
            rel = urls.rel_permalink(
                relative,
                front_matter,
                base_url=self.base_url,
                permalinks=self.site.permalinks if self.site else None,
            )
        else:
            return hashmark + anchor  # Hugo keeps a bare "#anchor" as it is
        url = urls.absolute(self.base_url, rel) if absolute else rel
        return url + (hashmark + anchor if hashmark else "")

    def ref(self, page: Any, target: str | Any) -> str:
        return self._ref(_ref_arg(target), absolute=True)

    def relref(self, page: Any, target: str | Any) -> str:
        return self._ref(_ref_arg(target), absolute=False)

    def ref_url(self, target: str, *, absolute: bool) -> str:
        return self._ref(target, absolute)


def _parse_translations(path: Path) -> Any:
    text = path.read_text(encoding="utf-8-sig")
    return tomllib.loads(text) if path.suffix == ".toml" else yaml.safe_load(text)


def _ref_arg(target: Any) -> str:
    if isinstance(target, Mapping):
        return str(target.get("path") or "")
    if isinstance(target, list | tuple) and target:
        return str(target[0])
    return str(target)


def _candidates(stem: str) -> list[str]:
    if Path(stem).suffix.lower() in MARKDOWN_EXTENSIONS:
        return [stem]
    found = [f"{stem}{ext}" for ext in (".md", ".markdown")]
    found += [f"{stem}/index.md", f"{stem}/_index.md"]
    return found


def _front_matter(file: Path) -> Mapping[str, Any]:
    """Another page's front matter (kept until that file changes)."""
    try:
        found: Mapping[str, Any] = filecache.load(
            file, "front matter", lambda path: parse_front_matter(split_head(path.read_bytes()))
        )
    except Exception:
        return {}
    return found
