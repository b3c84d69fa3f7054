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
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="check a build: open a temporary copy of the demo site (or the post PATH), "
        "check its preview and saving, print 'smoke-test ok' and exit",
    )
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
    """Start the Qt application with the window and run it until it closes.

    A postedit already running for this user gets the path instead (its window
    opens it and comes forward), so one post is never open in two windows.
    """
    from concurrent.futures import ThreadPoolExecutor

    from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTimer

    from postedit.ui.application import PosteditApplication
    from postedit.ui.main_window import MainWindow
    from postedit.ui.preview import register_url_scheme
    from postedit.ui.settings import SettingsStore
    from postedit.ui.single_instance import SingleInstance
    from postedit.ui.theme import apply_theme

    register_url_scheme()  # QtWebEngine wants custom schemes before the application exists
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    QCoreApplication.setOrganizationName("postedit")
    QCoreApplication.setApplicationName("postedit")
    app = PosteditApplication(sys.argv[:1])
    guard = SingleInstance("postedit", app)
    asked = [path for path in (launch.post, launch.site) if path is not None]
    if guard.hand_over_or_listen(asked):  # a running postedit opens them instead
        return 0
    apply_theme(app)
    store = SettingsStore(QSettings())
    launch = start_site(launch, store.settings.last_site, ensure_demo_site)
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="postedit") as executor:
        window = MainWindow(store, executor)

        def open_handed_over(paths: list[Path]) -> None:
            for path in paths:
                window.open_path(path)
            window.raise_()
            window.activateWindow()

        guard.paths_received.connect(open_handed_over)
        app.file_open_requested.connect(lambda path: open_handed_over([path]))
        window.show()
        if launch.post is not None:
            window.open_post(launch.post)
        elif launch.site is not None:
            window.open_site(launch.site)
        for path in app.take_pending():  # files macOS sent while the window was built
            window.open_path(path)
        QTimer.singleShot(0, window.offer_recovery)  # after the window is on screen
        try:
            return app.exec()
        finally:
            guard.close()


def run_smoke_test(post: Path | None) -> int:
    """`postedit --smoke-test [POST]`: one checked run of the window (see ui/smoke.py)."""
    try:
        from postedit.ui.smoke import smoke_test
    except ImportError as error:  # a build that left a module or a Qt library out
        print(f"smoke-test failed: {error}", file=sys.stderr)
        return 1
    return smoke_test(post)


def main(
    argv: Sequence[str] | None = None,
    launcher: Callable[[Launch], int] = run_window,
    smoke_tester: Callable[[Path | None], int] = run_smoke_test,
) -> int:
    """Run postedit; returns the process exit code. Tests pass their own `launcher`."""
    multiprocessing.freeze_support()  # the index's helper processes, when frozen
    args = _parse_args(argv)
    if args.smoke_test:  # it checks POST itself and reports every failure its own way
        return smoke_tester(args.path)
    try:
        launch = check_path(args.path)
    except LaunchError as error:
        print(f"postedit: {error}", file=sys.stderr)
        return 2
    return launcher(launch)


if __name__ == "__main__":
    raise SystemExit(main())
