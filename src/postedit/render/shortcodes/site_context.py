"""`.Site` for shortcode templates: title, params, language, home page and data files."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from postedit.render.gotemplate import Params, TemplateError
from postedit.render.shortcodes import filecache
from postedit.render.shortcodes.values import dig


def _parse_data(file: Path) -> Any:
    """A data file's value (JSON, TOML or YAML by its suffix)."""
    text = file.read_text(encoding="utf-8-sig")
    suffix = file.suffix.lower()
    if suffix == ".json":
        return json.loads(text)
    if suffix == ".toml":
        return tomllib.loads(text)
    return yaml.safe_load(text)


def _load_data(folder: Path, into: dict[str, Any]) -> None:
    """Merge the data files below `folder` into `into` (later folders win)."""
    if not folder.is_dir():
        return
    base = folder.resolve()
    for file in sorted(folder.rglob("*")):
        suffix = file.suffix.lower()
        if suffix not in (".json", ".toml", ".yaml", ".yml") or not file.is_file():
            continue
        if not file.resolve().is_relative_to(base):
            continue  # a link out of the data folder: not the site's to read
        try:
            value = filecache.load(file, "data", _parse_data)
        except (OSError, ValueError, yaml.YAMLError):
            continue
        table: dict[str, Any] = into
        for part in file.relative_to(folder).parent.parts:
            existing = table.get(part)
            # A copy: the map may be a cached file's value, which must stay as read.
            table[part] = dict(existing) if isinstance(existing, dict) else {}
            table = table[part]
        _deep_merge(table, file.stem, value)


def _deep_merge(table: dict[str, Any], key: str, value: Any) -> None:
    """Hugo merges data maps key by key; the later (the site's) value wins.

    Maps are copied, never changed in place: the values are shared with the cache.
    """
    current = table.get(key)
    if isinstance(current, dict) and isinstance(value, dict):
        merged = dict(current)
        for inner_key, inner_value in value.items():
            _deep_merge(merged, str(inner_key), inner_value)
        table[key] = merged
    else:
        table[key] = value


_SITE_WIDE = frozenset(
    {"AllPages", "Pages", "RegularPages", "Sections", "Taxonomies", "Menus", "Lastmod"}
)


@dataclass(frozen=True)
class HomePage:
    """`.Site.Home`: the little of the home page a shortcode may ask for."""

    Title: str
    RelPermalink: str
    Permalink: str


@dataclass(frozen=True)
class LanguageInfo:
    """`.Site.Language` / `.Page.Language`."""

    Lang: str
    LanguageCode: str
    LanguageName: str = ""
    LanguageDirection: str = ""
    Weight: int = 0

    @property
    def Locale(self) -> str:
        return self.LanguageCode


@dataclass
class SiteContext:
    """`.Site`: the site's title, params, base URL and language."""

    Title: str = ""
    BaseURL: str = ""
    Params: Params = field(default_factory=Params)
    Language: LanguageInfo = field(default_factory=lambda: LanguageInfo("en", "en"))
    Home: HomePage | None = None
    Copyright: str = ""
    root: Path | None = None
    data_dirs: tuple[Path, ...] = ()  # the site's data/ folder first, then the themes'
    page_lookup: Callable[[str], Any] | None = field(default=None, repr=False)
    _data: dict[str, Any] | None = field(default=None, repr=False)

    def GetPage(self, ref: Any) -> Any:
        """Another page of the site by path (`/blog/post`, `post.md`); nil when absent."""
        return self.page_lookup(str(ref)) if self.page_lookup is not None else None

    @property
    def Data(self) -> dict[str, Any]:
        """`.Site.Data`: the files below data/, a map per folder and file name."""
        if self._data is None:
            merged: dict[str, Any] = {}
            for folder in reversed(self.data_dirs):
                _load_data(folder, merged)
            self._data = merged
        return self._data

    @property
    def LanguageCode(self) -> str:
        return self.Language.LanguageCode

    @property
    def Lang(self) -> str:
        return self.Language.Lang

    def Param(self, key: Any) -> Any:
        return dig(self.Params, str(key))

    def __getattr__(self, name: str) -> Any:
        """Page lists and menus need the whole built site, which a one-post preview lacks."""
        if name in _SITE_WIDE:
            raise TemplateError(
                f".Site.{name} needs the whole site built, which the preview of one post "
                "does not do; Hugo fills it in when it builds the site"
            )
        raise AttributeError(name)

    @property
    def IsMultiLingual(self) -> bool:
        return False

    @property
    def Sites(self) -> list[SiteContext]:
        return [self]
