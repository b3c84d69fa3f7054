"""Render postedit's app icon from its SVG source to PNGs, a Windows .ico and a macOS .icns.

    python packaging/make_icons.py OUT_DIR

writes OUT_DIR/png/postedit-<size>.png for every size in SIZES, OUT_DIR/postedit.ico
(16-256 px) and OUT_DIR/postedit.icns. Qt's SVG renderer draws the pixels (no screen
needed: the offscreen platform is used when none is set); Pillow, a build requirement
only (packaging/requirements-build.txt), writes the two container formats.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO / "resources" / "icons" / "postedit.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # .ico holds 256 px at most
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)  # the sizes the .icns format has slots for


def render_pngs(source: Path, out_dir: Path, sizes: tuple[int, ...] = SIZES) -> dict[int, Path]:
    """Render `source` at each size into out_dir; return the PNG path of each size."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(source))
    if not renderer.isValid():
        raise ValueError(f"{source} is not an SVG Qt can render")
    out_dir.mkdir(parents=True, exist_ok=True)
    written: dict[int, Path] = {}
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter)
        painter.end()
        path = out_dir / f"postedit-{size}.png"
        if not image.save(str(path)):  # the format follows the .png suffix
            raise OSError(f"could not write {path}")
        written[size] = path
    return written


def write_ico(pngs: dict[int, Path], target: Path) -> None:
    """A Windows .ico holding every ICO_SIZES image, each drawn at its own size."""
    from PIL import Image

    images = [Image.open(pngs[size]).convert("RGBA") for size in ICO_SIZES]
    largest = images[-1]
    largest.save(
        target,
        format="ICO",
        sizes=[(size, size) for size in ICO_SIZES],
        append_images=images[:-1],
    )


def write_icns(pngs: dict[int, Path], target: Path) -> None:
    """A macOS .icns with the ICNS_SIZES images, each drawn at its own size."""
    from PIL import Image

    images = [Image.open(pngs[size]).convert("RGBA") for size in ICNS_SIZES]
    images[-1].save(target, format="ICNS", append_images=images[:-1])


def make_icons(out_dir: Path, source: Path = SOURCE) -> None:
    pngs = render_pngs(source, out_dir / "png")
    write_ico(pngs, out_dir / "postedit.ico")
    write_icns(pngs, out_dir / "postedit.icns")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path, help="where to write png/, postedit.ico, .icns")
    parser.add_argument("--source", type=Path, default=SOURCE, help="the SVG to render")
    args = parser.parse_args(argv)
    make_icons(args.out_dir, args.source)
    print(f"icons written to {args.out_dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
