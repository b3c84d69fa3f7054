"""Finding shortcode and partial templates where Hugo finds them, site before theme.

Hugo looks in `layouts/_shortcodes/` (its newer layout) and `layouts/shortcodes/`,
first in the site, then in each theme in order, then among its own built-ins; the
same for partials in `layouts/_partials/` and `layouts/partials/`. Language and
output-format variants (`name.en.html`, `name.amp.html`) are not chosen between:
the plain `name.html` is what the preview uses.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from postedit.core.site import Site
from postedit.render.shortcodes import filecache

Source = Literal["site", "theme", "hugo"]

SHORTCODE_FOLDERS = ("_shortcodes", "shortcodes")
PARTIAL_FOLDERS = ("_partials", "partials")

# Hugo marks a shortcode as taking inner content when its template mentions these.
_USES_INNER = re.compile(r"\{\{[^}]*?\.Inner(Deindent)?\b", re.DOTALL)
# `.Get "name"` in a template: the named parameters it reads.
_GETS = re.compile(r'\.Get\s+"([A-Za-z_][\w-]*)"')


@dataclass(frozen=True)
class ShortcodeInfo:
    """One entry of the editor's "insert shortcode" menu."""

    name: str
    paired: bool
    source: Source
    params: tuple[str, ...] = ()  # named parameters the template reads, in order

    @property
    def snippet(self) -> str:
        """The text the menu inserts: the call with empty named parameters."""
        params = "".join(f' {name}=""' for name in self.params)
        opening = f"{{{{< {self.name}{params} >}}}}"
        return f"{opening}\n\n{{{{< /{self.name} >}}}}" if self.paired else opening


@dataclass(frozen=True)
class TemplateFile:
    """A template found on disk: its text and where it came from."""

    name: str
    path: Path
    text: str
    source: Source

    @property
    def takes_inner(self) -> bool:
        return _USES_INNER.search(self.text) is not None


def layout_roots(site: Site | None) -> Iterator[tuple[Path, Source]]:
    """The `layouts/` folders in lookup order: the site's, then each theme's."""
    if site is None:
        return
    yield site.layouts_dir, "site"
    for theme in site.theme_dirs:
        yield theme / "layouts", "theme"


def _read(path: Path) -> str | None:
    """A template's text (kept until the file changes), None when unreadable."""
    try:
        text: str = filecache.load(path, "text", lambda p: p.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError):
        return None
    return text


class TemplateFinder:
    """Looks up a site's shortcode and partial templates, caching what it read."""

    def __init__(self, site: Site | None) -> None:
        self.site = site
        self._cache: dict[tuple[str, str], TemplateFile | None] = {}

    def _find(self, folders: tuple[str, ...], name: str) -> TemplateFile | None:
        key = (folders[0], name)
        if key in self._cache:
            return self._cache[key]
        found: TemplateFile | None = None
        if _plain_name(name):
            for root, source in layout_roots(self.site):
                for folder in folders:
                    for candidate in (root / folder / f"{name}.html", root / folder / name):
                        if candidate.suffix and candidate.is_file():
                            text = _read(candidate)
                            if text is not None:
                                found = TemplateFile(name, candidate, text, source)
                                break
                    if found:
                        break
                if found:
                    break
        self._cache[key] = found
        return found

    def shortcode(self, name: str) -> TemplateFile | None:
        """The site's or a theme's template for a shortcode, or None."""
        return self._find(SHORTCODE_FOLDERS, name)

    def partial(self, name: str) -> TemplateFile | None:
        """A partial by the name templates call it with (`"foo.html"` or `"foo"`)."""
        name = name.strip().lstrip("/")
        return self._find(PARTIAL_FOLDERS, name.removesuffix(".html"))


def _plain_name(name: str) -> bool:
    """A name that stays inside its layouts folder on every system (no `..`, `\\`, `C:`)."""
    return bool(name) and ".." not in name.split("/") and not any(c in name for c in "\\:\0")


def _is_plain_template(path: Path) -> bool:
    """`name.html`, not a language or output-format variant like `name.en.html`."""
    return path.suffix == ".html" and "." not in path.stem


def available_shortcodes(site: Site | None) -> list[ShortcodeInfo]:
    """The shortcodes a post of `site` can use: its own, its themes', Hugo's built-ins.

    A name defined in several places is listed once, from where Hugo takes it.
    Sorted by name.
    """
    from postedit.render.shortcodes.builtins import BUILTINS

    found: dict[str, ShortcodeInfo] = {}
    for root, source in layout_roots(site):
        for folder in SHORTCODE_FOLDERS:
            base = root / folder
            if not base.is_dir():
                continue
            for path in sorted(base.rglob("*.html")):
                if not _is_plain_template(path):
                    continue
                name = path.relative_to(base).with_suffix("").as_posix()
                if name in found:
                    continue
                text = _read(path) or ""
                paired = _USES_INNER.search(text) is not None
                params = tuple(dict.fromkeys(_GETS.findall(text)))
                found[name] = ShortcodeInfo(name, paired, source, params)
    for name, builtin in BUILTINS.items():
        if name not in found and builtin.listed:
            found[name] = ShortcodeInfo(name, builtin.takes_inner, "hugo", builtin.params)
    return sorted(found.values(), key=lambda info: info.name)
