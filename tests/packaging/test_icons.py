"""packaging/make_icons.py: the app icon as PNGs, a Windows .ico and a macOS .icns."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT

Image = pytest.importorskip("PIL.Image", reason="Pillow is a build requirement only")

SCRIPT = PROJECT_ROOT / "packaging" / "make_icons.py"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)
ICO_SIZES = {(n, n) for n in (16, 24, 32, 48, 64, 128, 256)}


@pytest.fixture(scope="module")
def icons(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("icons")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, str(SCRIPT), str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return out


def test_every_png_size_is_drawn_at_its_size(icons: Path) -> None:
    for size in PNG_SIZES:
        with Image.open(icons / "png" / f"postedit-{size}.png") as image:
            assert image.size == (size, size)
            assert image.mode == "RGBA"


def test_the_ico_holds_every_size_from_16_to_256(icons: Path) -> None:
    with Image.open(icons / "postedit.ico") as ico:
        assert ico.format == "ICO"
        assert set(ico.info["sizes"]) == ICO_SIZES


def test_the_icns_opens_with_the_retina_sizes(icons: Path) -> None:
    with Image.open(icons / "postedit.icns") as icns:
        assert icns.format == "ICNS"
        sizes = set(icns.info["sizes"])
        assert {(128, 128, 1), (256, 256, 1), (512, 512, 1), (512, 512, 2)} <= sizes
        icns.load()
        assert icns.size == (1024, 1024)  # the largest: 512 px at 2x


def test_the_16_px_icon_is_not_blank(icons: Path) -> None:
    with Image.open(icons / "png" / "postedit-16.png") as image:
        pixels = [image.getpixel((x, y)) for y in range(16) for x in range(16)]
    opaque = [pixel[:3] for pixel in pixels if pixel[3] > 200]
    assert len(opaque) > 16 * 16 // 2, "the rounded square should cover most of the icon"
    assert len(set(opaque)) >= 3, "page, mark and background should all show at 16 px"
