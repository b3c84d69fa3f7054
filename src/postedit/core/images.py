"""Where the image a front-matter field names lives, and how to name a chosen one.

Themes read an image field the way the demo site's does: first as a resource of
the page bundle (`cover.jpg` next to `index.md`), else as a path under the site's
static folders (`images/blog/x.jpg` or `/images/blog/x.jpg`, which `relURL`
turns into the same address). Some themes take it from `assets/` through
`resources.Get`. The form shows a thumbnail of the file found that way, says so
when there is none, and writes a chosen file back as the shortest such path.
Remote addresses are never fetched: an editor must not leak what a writer opens.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from postedit.core.site import Site, is_bundle_index

__all__ = [
    "ImageLookup",
    "bundle_folder",
    "copy_into_site",
    "front_matter_path",
    "image_folders",
    "resolve_image",
]


@dataclass(frozen=True)
class ImageLookup:
    """The file an image field names (`path`), or why there is none (`problem`)."""

    path: Path | None = None
    remote: bool = False
    problem: str | None = None


def bundle_folder(post: Path | None, site: Site | None = None) -> Path | None:
    """The folder of the page bundle `post` is the index of, if it is one.

    With the `site`, a translation's index (`index.nl.md`) counts as its languages
    make it; without, only `index.<ext>` does.
    """
    if post is None:
        return None
    if not (site.is_bundle_index(post.name) if site is not None else is_bundle_index(post.name)):
        return None
    return post.parent


def image_folders(site: Site | None, post: Path | None) -> list[Path]:
    """Where an image path is looked up, in order: bundle, static folders, assets."""
    folders = []
    bundle = bundle_folder(post, site)
    if bundle is not None:
        folders.append(bundle)
    if site is not None:
        folders.extend(site.static_dirs)
        folders.extend(theme / "static" for theme in site.theme_dirs)
        assets = str(site.config.get("assetdir") or "assets")
        folders.append(site.root / assets)
        folders.extend(theme / "assets" for theme in site.theme_dirs)
    return folders


def resolve_image(site: Site | None, post: Path | None, value: str) -> ImageLookup:
    """The local file an image field's value names, looked up as themes do."""
    text = value.strip()
    if not text:
        return ImageLookup()
    parts = urlsplit(text)
    if parts.scheme in ("http", "https") or text.startswith("//"):
        return ImageLookup(remote=True)
    if parts.scheme == "data":
        return ImageLookup()  # the picture is in the value itself: no file to find
    relative = unquote(parts.path).lstrip("/")
    if not relative:
        return ImageLookup(problem="This is not a path to an image.")
    bundle = bundle_folder(post, site)
    for folder in image_folders(site, post):
        if folder == bundle and parts.path.startswith("/"):
            continue  # "/x.jpg" names the site root, never the bundle
        candidate = folder / relative
        if _is_file_inside(candidate, folder):
            return ImageLookup(path=candidate)
    places = "next to the post or in the site's static folder" if bundle else "in the static folder"
    return ImageLookup(problem=f"There is no image “{text}” {places}.")


def front_matter_path(
    site: Site | None, post: Path | None, chosen: Path, like: str | None = None
) -> str | None:
    """How the front matter names `chosen` so the site finds it; None if it cannot.

    A file of the post's bundle is named relative to the bundle; a file in a
    static (or assets) folder relative to that folder, with a leading "/" when
    the field's current value `like` has one. A file outside all of them cannot
    be named: the site would not publish it.
    """
    bundle = bundle_folder(post, site)
    chosen = Path(os.path.realpath(chosen))
    for folder in image_folders(site, post):
        real = Path(os.path.realpath(folder))
        if not chosen.is_relative_to(real):
            continue
        relative = chosen.relative_to(real).as_posix()
        if folder == bundle:
            return relative
        return "/" + relative if (like or "").strip().startswith("/") else relative
    return None


def _is_file_inside(path: Path, folder: Path) -> bool:
    """Whether `path` is a file inside `folder`; False for a name no file can have.

    The value is whatever the writer is typing: `%00` (a NUL) or a name longer
    than the system allows must read as "no such image", not stop the form.
    """
    try:
        return _inside(path, folder) and path.is_file()
    except (OSError, ValueError):
        return False


def _inside(path: Path, folder: Path) -> bool:
    """Whether `path` stays inside `folder` (a value like `../../secret` must not escape)."""
    return os.path.realpath(path).startswith(os.path.realpath(folder) + os.sep)


def copy_into_site(site: Site | None, post: Path | None, chosen: Path) -> Path:
    """Copy an image from outside the site to where the post can use it; the new path.

    Into the post's bundle when it is one (the image travels with the post), else
    into `images/` of the site's first static folder. An existing file of the same
    name is never replaced: the copy gets a number (`photo-2.jpg`). Raises OSError.
    """
    bundle = bundle_folder(post, site)
    if bundle is not None:
        folder = bundle
    elif site is not None and site.static_dirs:
        folder = site.static_dirs[0] / "images"
    else:
        raise OSError("There is no site folder to copy the image into.")
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / chosen.name
    number = 2
    while target.exists():
        target = folder / f"{chosen.stem}-{number}{chosen.suffix}"
        number += 1
    shutil.copy2(chosen, target)
    return target
