"""The objects a shortcode template sees: `.` (the call) and `.Page`.

Attribute and method names are Go's (`Get`, `Inner`, `RelPermalink`), because the
template interpreter resolves `.Name` against Python attributes as Go resolves fields
and methods. Values are read-only snapshots of the post being previewed and its site.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from postedit.render.gotemplate import Params, Time
from postedit.render.gotemplate.funcs.collections import Scratch as ScratchPad
from postedit.render.gotemplate.values import MISSING, SafeHTML
from postedit.render.shortcodes import urls
from postedit.render.shortcodes.resources import ResourceList
from postedit.render.shortcodes.site_context import LanguageInfo, SiteContext
from postedit.render.shortcodes.values import as_go_time, dig, lower_keys

# What `.Page.TableOfContents` returns while the content is rendered; the real table
# replaces it once the headings are known (Hugo does the same).
TOC_TOKEN = "HAHAHUGOSHORTCODE0TOC0HBHB"


@dataclass
class FileInfo:
    """`.Page.File`."""

    Path: str
    BaseFileName: str
    ContentBaseName: str
    Dir: str
    Ext: str
    LogicalName: str
    Filename: str


class PageContext:
    """`.Page` for the post being previewed."""

    def __init__(
        self,
        *,
        site: SiteContext,
        front_matter: Mapping[str, Any],
        relative: str | None,
        path: Path | None,
        rel_permalink: str,
        resources: ResourceList,
        render_string: Callable[[str, Mapping[str, Any]], str],
    ) -> None:
        self._front_matter = front_matter
        self._params: Params = lower_keys(dict(front_matter))
        self._site = site
        self._relative = relative
        self._path = path
        self._rel_permalink = rel_permalink
        self._resources = resources
        self._render_string = render_string
        self._scratch = ScratchPad()

    def GetPage(self, ref: Any) -> Any:
        """Another page, looked up from this one's folder first (Hugo's Page.GetPage)."""
        return self._site.GetPage(ref)

    @property
    def content_path(self) -> str | None:
        """The post's path below its content folder (posix); None outside one."""
        return self._relative

    @property
    def Title(self) -> str:
        return str(self._params.get("title") or "")

    @property
    def LinkTitle(self) -> str:
        return str(self._params.get("linktitle") or self.Title)

    @property
    def Description(self) -> str:
        return str(self._params.get("description") or "")

    @property
    def Summary(self) -> str:
        return str(self._params.get("summary") or "")

    @property
    def Params(self) -> Params:
        return self._params

    def Param(self, key: Any) -> Any:
        found = dig(self._params, str(key))
        return found if found is not None else self._site.Param(key)

    @property
    def Date(self) -> Time:
        return as_go_time(self._params.get("date"))

    @property
    def PublishDate(self) -> Time:
        return as_go_time(self._params.get("publishdate") or self._params.get("date"))

    @property
    def Lastmod(self) -> Time:
        return as_go_time(self._params.get("lastmod") or self._params.get("date"))

    @property
    def ExpiryDate(self) -> Time:
        return as_go_time(self._params.get("expirydate"))

    @property
    def Draft(self) -> bool:
        return self._params.get("draft") is True

    @property
    def Weight(self) -> int:
        weight = self._params.get("weight")
        return weight if isinstance(weight, int) else 0

    @property
    def TableOfContents(self) -> SafeHTML:
        return SafeHTML(TOC_TOKEN)

    @property
    def RelPermalink(self) -> str:
        return self._rel_permalink

    @property
    def Permalink(self) -> str:
        return urls.absolute(self._site.BaseURL, self._rel_permalink)

    @property
    def Resources(self) -> ResourceList:
        return self._resources

    @property
    def Section(self) -> str:
        if not self._relative or "/" not in self._relative:
            return ""
        return self._relative.split("/", 1)[0]

    @property
    def Type(self) -> str:
        return str(self._params.get("type") or self.Section or "page")

    @property
    def Kind(self) -> str:
        if self._relative and self._relative.rsplit("/", 1)[-1].startswith("_index."):
            return "home" if "/" not in self._relative else "section"
        return "page"

    @property
    def IsPage(self) -> bool:
        return self.Kind == "page"

    @property
    def IsHome(self) -> bool:
        return self.Kind == "home"

    @property
    def IsSection(self) -> bool:
        return self.Kind == "section"

    @property
    def Language(self) -> LanguageInfo:
        return self._site.Language

    @property
    def Lang(self) -> str:
        return self._site.Language.Lang

    @property
    def Site(self) -> SiteContext:
        return self._site

    @property
    def File(self) -> FileInfo | None:
        if self._relative is None:
            return None
        relative = self._relative
        name = relative.rsplit("/", 1)[-1]
        stem, _, ext = name.rpartition(".")
        folder = relative[: -len(name)]
        content_name = (
            folder.rstrip("/").rsplit("/", 1)[-1] if stem in ("index", "_index") else stem
        )
        return FileInfo(
            Path=relative,
            BaseFileName=stem,
            ContentBaseName=content_name,
            Dir=folder or "/",  # Hugo's answer for a page at the top level
            Ext=ext,
            LogicalName=name,
            Filename=str(self._path or ""),
        )

    @property
    def Slug(self) -> str:
        return str(self._params.get("slug") or "")

    @property
    def Aliases(self) -> list[Any]:
        aliases = self._params.get("aliases")
        return list(aliases) if isinstance(aliases, list) else []

    @property
    def Scratch(self) -> ScratchPad:
        return self._scratch

    @property
    def Store(self) -> ScratchPad:
        return self._scratch

    def RenderString(self, *args: Any) -> SafeHTML:
        """`.Page.RenderString [options] text`: Markdown rendered like the page's."""
        options: Mapping[str, Any] = {}
        text: Any = ""
        if len(args) >= 2 and isinstance(args[0], Mapping):
            options, text = args[0], args[1]
        elif args:
            text = args[-1]
        return SafeHTML(self._render_string(str(text), options))


class ShortcodeContext:
    """`.` inside a shortcode template: Hugo's ShortcodeWithPage."""

    def __init__(
        self,
        *,
        name: str,
        params: list[Any] | dict[str, Any] | None,
        inner: str,
        page: PageContext,
        parent: ShortcodeContext | None,
        ordinal: int,
        indentation: str,
        position: Callable[[], str],
    ) -> None:
        self.Name = name
        self.Params = params if params is not None else []
        self.Inner = SafeHTML(inner)
        self.Page = page
        self.Parent = parent
        self.Ordinal = ordinal
        self.IsNamedParams = isinstance(params, dict)
        self._indentation = indentation
        self._position = position
        self._scratch = ScratchPad()

    @property
    def Site(self) -> SiteContext:
        return self.Page.Site

    @property
    def Position(self) -> str:
        """`"file:line:column"` as Hugo prints it (worked out only when asked for)."""
        return self._position()

    @property
    def InnerDeindent(self) -> SafeHTML:
        """The inner text with the call's own indentation taken off each line."""
        if not self._indentation:
            return self.Inner
        lines = self.Inner.splitlines(keepends=True)
        return SafeHTML(
            "".join(
                line[len(self._indentation) :] if line.startswith(self._indentation) else line
                for line in lines
            )
        )

    def Get(self, key: Any) -> Any:
        """A parameter by position or name, with Hugo's rules for the wrong kind.

        Hugo returns nil (Go prints `<no value>` in text templates, nothing in HTML)
        when there are no parameters or the key is of the other kind, and "" for a
        missing name or an index past the end.
        """
        params = self.Params
        if not params or isinstance(key, bool):
            return MISSING
        if isinstance(key, int):
            if isinstance(params, dict):
                return MISSING
            return params[key] if 0 <= key < len(params) else ""
        if isinstance(key, str):
            if isinstance(params, list):
                return MISSING
            return params.get(key, "")
        return MISSING

    @property
    def Scratch(self) -> ScratchPad:
        return self._scratch

    @property
    def Store(self) -> ScratchPad:
        return self._scratch
