"""The frozen app: packaging/postedit.spec builds a slim bundle that passes its smoke test.

Slow: PyInstaller freezes the app into a temporary folder (about a minute here),
then the frozen `postedit --smoke-test` runs offscreen. On these machines
QtWebEngine runs as root, so this test (never the shipped app) disables its sandbox.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT

pytestmark = pytest.mark.slow

SPEC = PROJECT_ROOT / "packaging" / "postedit.spec"
SIZE_LIMIT_MB = 480  # ~600 MB unslimmed; the slim bundle is ~400 MB on Linux
KEPT_LOCALES = {"en-US.pak", "nl.pak"}
QT_LIBRARY = re.compile(r"^(lib)?qt6?[a-z0-9]\w*(\.so\.6|\.dll|)$")  # lower-cased names
DROPPED_BINDINGS = ("QtQml", "QtQuick", "QtQuickWidgets")


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """dist/postedit of a fresh build of the committed spec, removed after the module.

    pytest keeps the temporary folders of its last three runs; a bundle and its
    build folder are 400 MB, so they go at once instead of piling up in /tmp.
    """
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.skip(
            "PyInstaller is not installed (make test installs packaging/requirements-build.txt)"
        )
    work = tmp_path_factory.mktemp("freeze")
    try:
        yield _freeze(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _freeze(work: Path) -> Path:
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", str(SPEC)]
    result = subprocess.run(
        [*command, "--distpath", str(work / "dist"), "--workpath", str(work / "build")],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=1200,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-5000:]
    return work / "dist" / "postedit"


def executable(bundle: Path) -> Path:
    return bundle / ("postedit.exe" if sys.platform == "win32" else "postedit")


def is_binary(path: Path) -> bool:
    """An ELF, PE or Mach-O file (not a symlink: those point at one in the bundle)."""
    if not path.is_file() or path.is_symlink():
        return False
    with path.open("rb") as file:
        magic = file.read(4)
    return magic == b"\x7fELF" or magic.startswith(b"MZ") or magic == b"\xcf\xfa\xed\xfe"


def size_mb(folder: Path) -> float:
    files = (path for path in folder.rglob("*") if path.is_file() and not path.is_symlink())
    return sum(path.stat().st_size for path in files) / 1_000_000


def test_the_frozen_app_passes_its_smoke_test(bundle: Path, tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QTWEBENGINE_DISABLE_SANDBOX="1")
    for variable in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        env[variable] = str(tmp_path / variable.lower())
    result = subprocess.run(
        [str(executable(bundle)), "--smoke-test"],
        cwd=tmp_path,  # nothing from the checkout: resources come from the bundle
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-5000:]
    if sys.platform != "win32":  # a windowed .exe has no stdout to print to
        assert result.stdout.splitlines() == ["smoke-test ok"]
    assert [path for path in tmp_path.rglob("*") if path.is_file()] == []


def test_the_bundle_carries_the_resources(bundle: Path) -> None:
    resources = next(bundle.rglob("resources/demo-site")).parent
    assert (resources / "demo-site" / "hugo.toml").is_file()
    assert (resources / "preview" / "preview.css").is_file()
    assert (resources / "icons" / "postedit.svg").is_file()
    assert not (resources / "demo-site" / "public").exists()  # Hugo's output is no resource


def test_the_image_plugins_stay(bundle: Path) -> None:
    # Loaded, not linked: the slimming must not take qtga.dll or qtiff.dll (Windows'
    # names) for unused Qt libraries. Only the PDF one goes (it needs Qt's PDF library).
    folders = [path for path in bundle.rglob("imageformats") if path.is_dir()]
    assert folders
    stems = {path.name.split(".")[0].removeprefix("lib") for path in folders[0].iterdir()}
    assert {"qgif", "qico", "qjpeg", "qsvg", "qtga", "qtiff", "qwebp"} <= stems
    assert "qpdf" not in stems


def test_the_bundle_is_slim(bundle: Path) -> None:
    assert [path for path in bundle.rglob("qml") if path.is_dir()] == []
    assert list(bundle.rglob("qtwebengine_devtools_resources.pak")) == []
    locales = [path for path in bundle.rglob("qtwebengine_locales") if path.is_dir()]
    assert locales
    for folder in locales:
        assert {path.name for path in folder.iterdir()} == KEPT_LOCALES
    bindings = [
        path.name for path in bundle.rglob("Qt*") if path.name.split(".")[0] in DROPPED_BINDINGS
    ]
    assert bindings == []
    assert size_mb(bundle) < SIZE_LIMIT_MB


def test_every_qt_library_in_the_bundle_is_linked_by_another_file(bundle: Path) -> None:
    from PyInstaller.depend.bindepend import get_imports

    binaries = [path for path in bundle.rglob("*") if is_binary(path)]
    linked: set[str] = set()
    for path in binaries:
        linked |= {Path(name).name.lower() for name, _ in get_imports(str(path))}
    qt_libraries = {
        path.name.lower()
        for path in binaries
        if QT_LIBRARY.match(path.name.lower()) and "plugins" not in path.parts
    }
    qt_libraries.discard("qtwebengineprocess")  # Chromium's helper (macOS): run, not linked
    assert qt_libraries
    assert sorted(qt_libraries - linked) == []
