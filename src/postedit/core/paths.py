"""Where postedit finds its own resources and keeps the writer's data.

Resources live in the repository's `resources/` folder when running from a
checkout, and beside the executable when frozen by PyInstaller. The writer's data
(the demo site copy, caches, recovery files) goes to the platform's usual folders
via platformdirs, never into the repository.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import platformdirs

APP_NAME = "postedit"


def same_file(left: str | os.PathLike[str] | None, right: str | os.PathLike[str] | None) -> bool:
    """Whether two spellings name one file (through symlinks and `..`); None names none."""
    if left is None or right is None:
        return False
    return left == right or os.path.realpath(left) == os.path.realpath(right)


def resources_dir() -> Path:
    """The folder holding the demo site, preview assets and icons."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    candidates = [Path(frozen_root) / "resources"] if frozen_root else []
    candidates.append(Path(__file__).resolve().parents[3] / "resources")
    for candidate in candidates:
        if (candidate / "demo-site").is_dir():
            return candidate
    raise FileNotFoundError(
        "postedit's resources folder is missing; install postedit from its source "
        "folder with `pip install -e .` (or `make run`)."
    )


def user_data_dir() -> Path:
    """The writer's postedit data folder (created on demand)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def user_cache_dir() -> Path:
    """Where caches such as the site index live; safe to delete."""
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def ensure_demo_site(data_dir: Path | None = None, source: Path | None = None) -> Path:
    """The writer's own copy of the demo site, made on first use.

    Trying postedit must never edit the repository or the installed program, so
    the demo opens from a copy. The copy is made in a temporary folder beside the
    destination and renamed into place, so an interrupted first run leaves no
    half-copied site behind.
    """
    data_dir = data_dir or user_data_dir()
    target = data_dir / "demo-site"
    if target.is_dir():
        return target
    source = source or resources_dir() / "demo-site"
    data_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".demo-site-", dir=data_dir))
    try:
        shutil.copytree(
            source,
            staging / "site",
            ignore=shutil.ignore_patterns("public", ".hugo_build.lock", "_gen"),
        )
        (staging / "site").rename(target)
    except FileExistsError:
        pass  # another postedit made it first; theirs is as good as ours
    except OSError:
        if not target.is_dir():
            raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target
