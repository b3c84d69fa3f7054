"""The writer's settings as one typed, frozen value.

The window reads and changes settings through this dataclass only; the Qt
adapter (`postedit.ui.settings`) maps it to QSettings keys in one place, so no
string keys are scattered through the code and tests can build settings
without Qt.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

MAX_RECENT_SITES = 8


@dataclass(frozen=True)
class WindowLayout:
    """Where the window and its splitters were, as the writer left them.

    `geometry` is Qt's opaque saveGeometry() blob; the splitter sizes are pixel
    widths (post list, middle, preview) and heights (form, editor).
    """

    geometry: bytes = b""
    columns: tuple[int, ...] = ()
    form_editor: tuple[int, ...] = ()


@dataclass(frozen=True)
class Settings:
    """Everything postedit remembers between runs."""

    last_site: Path | None = None
    last_post: Path | None = None
    recent_sites: tuple[Path, ...] = ()
    layout: WindowLayout = field(default_factory=WindowLayout)
    allow_remote_content: bool = False

    def with_site(self, root: Path) -> Settings:
        """These settings after opening the site at `root`: it becomes the most recent."""
        recent = (root, *(site for site in self.recent_sites if site != root))
        last_post = self.last_post if self.last_site == root else None
        return replace(
            self,
            last_site=root,
            last_post=last_post,
            recent_sites=recent[:MAX_RECENT_SITES],
        )

    def with_post(self, path: Path | None) -> Settings:
        return replace(self, last_post=path)

    def with_layout(self, layout: WindowLayout) -> Settings:
        return replace(self, layout=layout)

    def without_recent(self, root: Path) -> Settings:
        """Forget a recent site that no longer opens."""
        recent = tuple(site for site in self.recent_sites if site != root)
        last_site = None if self.last_site == root else self.last_site
        last_post = self.last_post if last_site is not None else None
        return replace(self, recent_sites=recent, last_site=last_site, last_post=last_post)
