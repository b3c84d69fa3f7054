"""The composition root: `postedit [SITE_OR_FILE]`.

Checks the command line without Qt (so a bad path is a one-line message and
exit status 2, and tests can check argument handling without a window), then
builds the settings, the thread pool and the window and hands them on. Nothing
is created at import time; Qt is imported only when the window is started.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from postedit import __version__
from postedit.core.document import Document, DocumentError
from postedit.core.paths import ensure_demo_site
from postedit.core.site import Site, SiteConfigError, SiteNotFoundError


class LaunchError(Exception):
    """The command line names something postedit cannot open; the message says why."""


@dataclass(frozen=True)
class Launch:
    """What to open at start: a site folder, one post, or (neither) the last site."""

    site: Path | None = None
    post: Path | None = None


def _parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="postedit",
        description="Edit the Markdown posts of a Hugo website and see them as Hugo would.",
    )
    parser.add_argument(
        "path",
        nargs="?",
        type=Path,
        help="a Hugo site folder or one post; without it, the site you had open last",
    )
    parser.add_argument("--version", action="version", version=f"postedit {__version__}")
    return parser.parse_args(argv)


def check_path(path: Path | None) -> Launch:
    """What `postedit PATH` opens; raise LaunchError when it cannot be opened."""
    if path is None:
        return Launch()
    path = path.absolute()
    if not path.exists():
        raise LaunchError(f"“{path}” does not exist.")
    if path.is_dir():
        try:
            return Launch(site=Site.open(path).root)
        except (SiteNotFoundError, SiteConfigError) as error:
            raise LaunchError(str(error)) from error
    try:
        Document.load(path)
    except DocumentError as error:
        raise LaunchError(str(error)) from error
    return Launch(post=path)


def start_site(launch: Launch, last_site: Path | None, demo: Callable[[], Path]) -> Launch:
    """`launch`, or with nothing asked for, the last site (first run: the demo site)."""
    if launch.site is not None or launch.post is not None:
        return launch
    if last_site is not None and last_site.is_dir():
        return Launch(site=last_site)
    return Launch(site=demo())


def run_window(launch: Launch) -> int:
    """Start the Qt application with the window and run it until it closes."""
    from concurrent.futures import ThreadPoolExecutor

    from PySide6.QtCore import QCoreApplication, QSettings, Qt
    from PySide6.QtWidgets import QApplication

    from postedit.ui.main_window import MainWindow
    from postedit.ui.preview import register_url_scheme
    from postedit.ui.settings import SettingsStore
    from postedit.ui.theme import apply_theme

    register_url_scheme()  # QtWebEngine wants custom schemes before the application exists
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    QCoreApplication.setOrganizationName("postedit")
    QCoreApplication.setApplicationName("postedit")
    app = QApplication(sys.argv[:1])
    apply_theme(app)
    store = SettingsStore(QSettings())
    launch = start_site(launch, store.settings.last_site, ensure_demo_site)
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="postedit") as executor:
        window = MainWindow(store, executor)
        window.show()
        if launch.post is not None:
            window.open_post(launch.post)
        elif launch.site is not None:
            window.open_site(launch.site)
        return app.exec()


def main(argv: Sequence[str] | None = None, launcher: Callable[[Launch], int] = run_window) -> int:
    """Run postedit; returns the process exit code. Tests pass their own `launcher`."""
    multiprocessing.freeze_support()  # the index's helper processes, when frozen
    args = _parse_args(argv)
    try:
        launch = check_path(args.path)
    except LaunchError as error:
        print(f"postedit: {error}", file=sys.stderr)
        return 2
    return launcher(launch)


if __name__ == "__main__":
    raise SystemExit(main())
