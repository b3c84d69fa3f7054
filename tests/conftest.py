"""Shared fixtures: where the repository's resources and the shared corpus live."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# `HYPOTHESIS_PROFILE=thorough make test` hunts harder than the everyday run.
settings.register_profile("default", max_examples=150, deadline=None)
settings.register_profile("thorough", max_examples=3000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

# Set before any Qt import, for the UI tests: no screen, and QtWebEngine as root.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEMO_SITE = PROJECT_ROOT / "resources" / "demo-site"
SHARED = PROJECT_ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
SEEDS = SHARED / "seeds"


@pytest.fixture(autouse=True)
def _private_user_folders(tmp_path_factory: pytest.TempPathFactory, monkeypatch) -> None:
    """Keep tests out of the real user's data, cache and config folders."""
    home = tmp_path_factory.mktemp("home")
    for variable in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(variable, str(home / variable.lower()))


@pytest.fixture
def demo_site(tmp_path: Path) -> Path:
    """A private copy of the demo site that a test may change freely."""
    import shutil

    target = tmp_path / "demo-site"
    shutil.copytree(DEMO_SITE, target)
    return target


def corpus_files() -> list[Path]:
    """Every Markdown file of the shared corpus and seeds; empty when absent."""
    files: list[Path] = []
    if CORPUS.is_dir():
        files += sorted(CORPUS.rglob("*.md"))
    if SEEDS.is_dir():
        files += sorted(path for path in SEEDS.iterdir() if path.is_file())
    return files
