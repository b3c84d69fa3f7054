"""A page bundle's files as `.Page.Resources` hands them out (Get, GetMatch, ByType)."""

from __future__ import annotations

import mimetypes
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from postedit.render.gotemplate.limits import MAX_STRING
from postedit.render.shortcodes.imagesize import image_size


@dataclass(frozen=True)
class MediaTypeInfo:
    """Hugo's media type of a resource (`image/jpeg` -> MainType image, SubType jpeg)."""

    Type: str
    MainType: str
    SubType: str

    def __str__(self) -> str:
        return self.Type


@dataclass(frozen=True)
class Resource:
    """A file of a page bundle, as `.Page.Resources` hands it out."""

    path: Path
    Name: str
    RelPermalink: str
    Permalink: str

    @property
    def Title(self) -> str:
        return self.Name

    @property
    def MediaType(self) -> MediaTypeInfo:
        kind = mimetypes.guess_type(self.Name)[0] or "application/octet-stream"
        main, _, sub = kind.partition("/")
        return MediaTypeInfo(kind, main, sub)

    @property
    def ResourceType(self) -> str:
        main = self.MediaType.MainType
        if self.Name.lower().endswith((".md", ".markdown", ".html")):
            return "page"
        return main if main in ("image", "video", "audio", "text") else "application"

    @property
    def Content(self) -> str:
        try:
            if self.path.stat().st_size > MAX_STRING:
                raise ValueError(f"{self.Name} is too large to read in the preview")
            return self.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return ""

    @property
    def Params(self) -> dict[str, Any]:
        return {}

    def _size(self) -> tuple[int, int]:
        size = image_size(self.path) if self.ResourceType == "image" else None
        if size is None:
            raise ValueError(f"{self.Name} is not an image whose size the preview can read")
        return size

    @property
    def Width(self) -> int:
        """An image's width in pixels, as Hugo reads it (from the file's header here)."""
        return self._size()[0]

    @property
    def Height(self) -> int:
        return self._size()[1]

    def _processing(self, method: str, spec: Any = "") -> Any:
        """Hugo's image processing: not done offline, so the preview says what it skips."""
        raise ValueError(
            f"the preview does not process images: Hugo would publish a copy of "
            f"{self.Name} made by {method} {spec!s}".rstrip()
        )

    def Resize(self, spec: Any) -> Any:
        return self._processing("Resize", spec)

    def Fill(self, spec: Any) -> Any:
        return self._processing("Fill", spec)

    def Fit(self, spec: Any) -> Any:
        return self._processing("Fit", spec)

    def Crop(self, spec: Any) -> Any:
        return self._processing("Crop", spec)

    def Process(self, spec: Any) -> Any:
        return self._processing("Process", spec)

    def Filter(self, *filters: Any) -> Any:
        return self._processing("Filter")

    def __str__(self) -> str:
        return self.RelPermalink


class ResourceList:
    """A page bundle's files: Get, GetMatch, Match, ByType, as Hugo's methods."""

    def __init__(self, items: list[Resource]) -> None:
        self._items = items

    def __iter__(self) -> Any:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    @staticmethod
    def _matches(pattern: str, name: str) -> bool:
        """Hugo's resource globs: case-insensitive, `*` within a folder, `**` across."""
        regex = "".join(
            ".*"
            if part == "**"
            else "[^/]*"
            if part == "*"
            else "[^/]"
            if part == "?"
            else re.escape(part)
            for part in re.split(r"(\*\*|\*|\?)", pattern.lower().lstrip("/"))
        )
        return re.fullmatch(regex, name.lower()) is not None

    def Get(self, name: Any) -> Resource | None:
        wanted = str(name).lower().lstrip("/")
        return next((item for item in self._items if item.Name.lower() == wanted), None)

    def GetMatch(self, pattern: Any) -> Resource | None:
        return next((item for item in self._items if self._matches(str(pattern), item.Name)), None)

    def Match(self, pattern: Any) -> list[Resource]:
        return [item for item in self._items if self._matches(str(pattern), item.Name)]

    def ByType(self, kind: Any) -> list[Resource]:
        return [item for item in self._items if item.ResourceType == str(kind)]
