"""The writer's window: post list, form above editor, live preview, menus, saving.

The window composes panes and moves data between them; it parses nothing
itself. Data flows one way: `Document` -> form + editor -> `Document` -> file,
and the preview gets the Document's front matter and body on every change.
Whether the post is unsaved is always asked of the Document, never tracked here.

Other programs' changes reach the window through a `WatchBridge`; `ui.external`
decides what they mean for the open post, and `ui.journaling` keeps unsaved text
in the crash journal.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import time
from collections.abc import Callable
from concurrent.futures import Executor, Future
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from postedit.core.document import Document, DocumentError, Fingerprint, SaveError
from postedit.core.index import SiteIndex
from postedit.core.links import post_for_url
from postedit.core.paths import same_file
from postedit.core.recovery import Journal, KeptVersion, VersionStore
from postedit.core.schema import Field, SectionSchema, kind_for, label_for, schema_for
from postedit.core.settings import WindowLayout
from postedit.core.site import Site, SiteConfigError, SiteNotFoundError
from postedit.core.text_stats import TextStats, text_stats
from postedit.core.textio import from_lf
from postedit.core.watch import ChangeBatch
from postedit.render.shortcodes import available_shortcodes
from postedit.ui.conflict import ConflictBar
from postedit.ui.editor import EditorPane
from postedit.ui.elided_label import ElidedLabel
from postedit.ui.external import ExternalChanges
from postedit.ui.form import FrontMatterForm
from postedit.ui.form.chips import ChipsEditor
from postedit.ui.form.raw import RawEditor
from postedit.ui.journaling import JournalKeeper
from postedit.ui.kept_versions import KeptVersionsDialog
from postedit.ui.open import choose_post, choose_site, is_post_file, openable_path
from postedit.ui.posts import PostList
from postedit.ui.preview import PreviewPane
from postedit.ui.save import DialogPrompter, Prompter, save_document, settle_unsaved
from postedit.ui.settings import SettingsStore
from postedit.ui.status import StatusBar
from postedit.ui.theme import icon
from postedit.ui.watch_bridge import WatchBridge

_log = logging.getLogger(__name__)

_DEFAULT_COLUMNS = (300, 640, 620)
_DEFAULT_FORM_EDITOR = (300, 500)
_STATS_DELAY_MS = 250
# Counting holds the interpreter lock for ~80 ms per MB of text: in a long post the
# counts wait for a longer pause, so they never hold up the preview of the last word.
_STATS_DELAY_MS_PER_MB = 1000
_SCROLL_ECHO_MS = 400  # a pane's answer to being scrolled is not the writer scrolling

_PAGE_EMPTY, _PAGE_POST, _PAGE_SOURCE = 0, 1, 2


def _lone_post_schema(document: Document) -> SectionSchema:
    """A form for a post outside any site: its own fields, typed by name."""
    fields = []
    for name in document.front_matter:
        kind, taxonomy = kind_for(str(name), {})
        fields.append(Field(str(name), kind, label_for(str(name)), taxonomy=taxonomy))
    return SectionSchema(section="", fields=tuple(fields))


def _cursor_position(widget: QWidget | None) -> int | None:
    """Where the text cursor is in a line or text field (None: not a text field)."""
    if isinstance(widget, QLineEdit):
        return widget.cursorPosition()
    if isinstance(widget, QPlainTextEdit):
        return widget.textCursor().position()
    return None


def _put_cursor(widget: QWidget | None, position: int | None) -> None:
    """Put the text cursor back where `_cursor_position` found it."""
    if position is None:
        return
    if isinstance(widget, QLineEdit):
        widget.setCursorPosition(position)
    elif isinstance(widget, QPlainTextEdit):
        cursor = widget.textCursor()
        cursor.setPosition(min(position, widget.document().characterCount() - 1))
        widget.setTextCursor(cursor)


def _typed_in_form(form: FrontMatterForm) -> dict[str, str]:
    """Text typed in fields that the post does not hold yet: a tag before Enter,
    YAML that does not read yet. Rebuilding the form must not drop it."""
    typed = {}
    for name in form.field_names():
        editor = form.editor(name)
        if isinstance(editor, ChipsEditor) and editor.line.text():
            typed[name] = editor.line.text()
        elif isinstance(editor, RawEditor) and editor.error_text():
            typed[name] = editor.text.toPlainText()
    return typed


def _type_again(form: FrontMatterForm, typed: dict[str, str]) -> None:
    """Put `_typed_in_form`'s text back into the rebuilt fields of the same names."""
    for name, text in typed.items():
        editor = form.editor(name)
        if isinstance(editor, ChipsEditor):
            editor.line.setText(text)
        elif isinstance(editor, RawEditor):
            editor.text.setPlainText(text)


def _same_site(site: Site, folder: Path) -> bool:
    """Whether `folder` is `site`'s root or a folder inside it."""
    try:
        return same_file(Site.open(folder).root, site.root)
    except (SiteNotFoundError, SiteConfigError, OSError):
        return False


_SHORTCODE_ORIGIN = {"site": "this site", "theme": "the theme", "hugo": "Hugo"}


def _shortcode_snippets(site: Site | None) -> list[tuple[str, str]]:
    """The site's and Hugo's shortcodes for the editor's Insert shortcode menu."""
    try:
        shortcodes = available_shortcodes(site)
    except Exception:  # a broken layouts folder must not keep a post from opening
        _log.exception("Listing the site's shortcodes failed")
        return []
    snippets = []
    for shortcode in shortcodes:
        name = shortcode.name
        text = f"{{{{< {name} >}}}}"
        if shortcode.paired:
            # The site's own paired shortcodes hold Markdown; Hugo's (highlight, qr) do not.
            mark = "<>" if shortcode.source == "hugo" else "%%"
            opening, closing = (
                f"{{{{{mark[0]} {name} {mark[1]}}}}}",
                f"{{{{{mark[0]} /{name} {mark[1]}}}}}",
            )
            text = f"{opening}\ntext\n{closing}"
        label = f"{name} ({_SHORTCODE_ORIGIN.get(shortcode.source, shortcode.source)})"
        snippets.append((label, text))
    return snippets


class MainWindow(QMainWindow):
    """One site, one open post."""

    site_opened = Signal(Path)
    post_opened = Signal(Path)
    post_saved = Signal(Path)
    post_reloaded = Signal(Path)  # the open post was read again after a change elsewhere
    index_built = Signal(object)  # SiteIndex; emitted on whatever thread built it
    stats_counted = Signal(int, object)  # (request number, TextStats); from a worker

    def __init__(
        self,
        settings: SettingsStore,
        executor: Executor | None = None,
        prompter: Prompter | None = None,
        index_factory: Callable[[Site], SiteIndex] = SiteIndex,
        *,
        journal: Journal | None = None,
        versions: VersionStore | None = None,
        watch: bool = True,
    ) -> None:
        """`journal` and `versions` default to the user's data folder; `watch=False`
        leaves the site unwatched (activation and save-time checks still run)."""
        super().__init__()
        self.settings = settings
        self._executor = executor
        self.prompter: Prompter = prompter or DialogPrompter(self)
        self._index_factory = index_factory
        self.journal = journal if journal is not None else Journal()
        self.versions = versions if versions is not None else VersionStore()
        self.bridge: WatchBridge | None = WatchBridge(self) if watch else None
        self.site: Site | None = None
        self.index: SiteIndex | None = None
        self.document: Document | None = None
        self.schema: SectionSchema | None = None
        self._editor_scrolled_at = 0
        self._editor_top_line = 0
        self._stats_requested = 0  # numbers the word counts asked for; older answers are dropped
        self._preview_scrolled_at = 0

        self.setObjectName("mainWindow")
        self.setAcceptDrops(True)
        self._build_panes()
        self._build_menus()
        self._stats_timer = QTimer(self)
        self._stats_timer.setSingleShot(True)
        self._stats_timer.setInterval(_STATS_DELAY_MS)
        self.journal_keeper = JournalKeeper(self.journal, executor, self)
        self.external = ExternalChanges(
            self, self.conflict_bar, self.versions, self.journal, executor
        )
        self._connect_signals()
        self._restore_layout()
        self.preview.allow_remote_content(self.settings.settings.allow_remote_content)
        self._show_post_state()
        self._show_warnings()

    # -- building ----------------------------------------------------------------------

    def _build_panes(self) -> None:
        self.post_list = PostList(self)
        self.form = FrontMatterForm(self)
        self.editor = EditorPane(self)
        self.source_editor = EditorPane(self)
        self.source_editor.setObjectName("sourceEditor")
        self.preview = PreviewPane(self)
        self.status = StatusBar(self)
        self.setStatusBar(self.status)
        self.protection_warning = QLabel("", self)
        self.protection_warning.setObjectName("protectionWarning")
        self.protection_warning.setWordWrap(False)
        self.protection_warning.hide()
        self.status.insertPermanentWidget(0, self.protection_warning)
        self.conflict_bar = ConflictBar(self)

        # A long title or path is shortened with "…" at the column's edge (the form
        # shows the whole title): a label as wide as its text pushed the middle
        # column wide and squeezed the preview away.
        self.post_heading = ElidedLabel(self)
        self.post_heading.setObjectName("postHeading")
        self.post_path = ElidedLabel(self, mode=Qt.TextElideMode.ElideMiddle)
        self.post_path.setObjectName("postPath")
        self.source_toggle = QToolButton(self)
        self.source_toggle.setObjectName("sourceToggle")
        self.source_toggle.setText("Source")
        self.source_toggle.setIcon(icon("source"))
        self.source_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.source_toggle.setCheckable(True)
        self.source_toggle.setToolTip("Show and edit the whole file as text")
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self.post_heading)
        titles.addWidget(self.post_path)
        header = QWidget(self)
        header.setObjectName("postHeader")
        header_layout = QHBoxLayout(header)
        header_layout.setContentsMargins(20, 12, 16, 12)
        header_layout.addLayout(titles, 1)
        header_layout.addWidget(self.source_toggle, 0, Qt.AlignmentFlag.AlignVCenter)
        self._header = header

        self.form_editor = QSplitter(Qt.Orientation.Vertical, self)
        self.form_editor.setObjectName("formEditorSplitter")
        self.form_editor.addWidget(self.form)
        self.form_editor.addWidget(self.editor)
        self.form_editor.setChildrenCollapsible(False)
        self.form_editor.setStretchFactor(1, 1)

        self.empty_state = QLabel("Choose a post on the left to start writing.", self)
        self.empty_state.setObjectName("emptyState")
        self.empty_state.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_state.setWordWrap(True)
        self.pages = QStackedWidget(self)
        self.pages.insertWidget(_PAGE_EMPTY, self.empty_state)
        self.pages.insertWidget(_PAGE_POST, self.form_editor)
        self.pages.insertWidget(_PAGE_SOURCE, self.source_editor)

        middle = QWidget(self)
        middle.setObjectName("middle")
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        middle_layout.setSpacing(0)
        middle_layout.addWidget(header)
        middle_layout.addWidget(self.conflict_bar)
        middle_layout.addWidget(self.pages, 1)

        self.columns = QSplitter(Qt.Orientation.Horizontal, self)
        self.columns.setObjectName("columnsSplitter")
        self.columns.addWidget(self.post_list)
        self.columns.addWidget(middle)
        self.columns.addWidget(self.preview)
        self.columns.setChildrenCollapsible(False)
        self.columns.setStretchFactor(1, 1)
        self.columns.setStretchFactor(2, 1)
        self.setCentralWidget(self.columns)
        # Dropped files go to the window, not into the text as a path.
        for editor in (self.editor.editor, self.source_editor.editor):
            editor.viewport().installEventFilter(self)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.open_site_action = self._action(file_menu, "Open Site…", "Ctrl+Shift+O")
        self.open_site_action.setIcon(icon("open-folder"))
        self.open_post_action = self._action(file_menu, "Open Post…", QKeySequence.StandardKey.Open)
        self.recent_menu = QMenu("Recent Sites", self)
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        self.save_action = self._action(file_menu, "Save", QKeySequence.StandardKey.Save)
        self.save_action.setIcon(icon("save"))
        self.save_as_action = self._action(file_menu, "Save As…", QKeySequence.StandardKey.SaveAs)
        self.kept_versions_action = self._action(file_menu, "Kept Versions…", None)
        self.kept_versions_action.setToolTip(
            "Versions of this post kept when you chose between yours and another"
        )
        file_menu.addSeparator()
        self.quit_action = self._action(file_menu, "Quit", QKeySequence.StandardKey.Quit)
        view_menu = self.menuBar().addMenu("&View")
        self.source_action = self._action(view_menu, "Edit Whole File as Text", "Ctrl+U")
        self.source_action.setCheckable(True)
        self.remote_action = self._action(
            view_menu, "Show Embedded Content from the Internet", None
        )
        self.remote_action.setCheckable(True)
        self.remote_action.setChecked(self.settings.settings.allow_remote_content)
        self._fill_recent_menu()

    def _action(
        self, menu: QMenu, text: str, shortcut: str | QKeySequence.StandardKey | None
    ) -> QAction:
        action = menu.addAction(text)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        return action

    def _connect_signals(self) -> None:
        self.index_built.connect(self._on_index_built, Qt.ConnectionType.QueuedConnection)
        self.stats_counted.connect(self._on_stats_counted, Qt.ConnectionType.QueuedConnection)
        self.post_list.post_chosen.connect(self._on_post_list_post_chosen)
        self.post_list.new_post_requested.connect(self._on_post_list_new_post_requested)
        self.form.edited.connect(self._on_form_edited)
        self.editor.text_edited.connect(self._on_editor_text_edited)
        self.editor.cursor_moved.connect(self._on_editor_cursor_moved)
        self.editor.top_line_changed.connect(self._on_editor_top_line_changed)
        self.source_editor.text_edited.connect(self._on_source_editor_text_edited)
        self.source_editor.cursor_moved.connect(self._on_editor_cursor_moved)
        self.source_toggle.toggled.connect(self._on_source_toggle_toggled)
        self.source_action.toggled.connect(self.source_toggle.setChecked)
        self.preview.source_line_shown.connect(self._on_preview_source_line_shown)
        self.preview.problems_changed.connect(self._on_preview_problems_changed)
        self.preview.site_link_clicked.connect(self._on_preview_site_link_clicked)
        self._stats_timer.timeout.connect(self._on_stats_timer_timeout)
        self.open_site_action.triggered.connect(self._on_open_site_action_triggered)
        self.open_post_action.triggered.connect(self._on_open_post_action_triggered)
        self.save_action.triggered.connect(self._on_save_action_triggered)
        self.save_as_action.triggered.connect(self._on_save_as_action_triggered)
        self.quit_action.triggered.connect(self.close)
        self.remote_action.toggled.connect(self._on_remote_action_toggled)
        self.settings.settings_changed.connect(self._on_settings_settings_changed)
        self.kept_versions_action.triggered.connect(self._on_kept_versions_action_triggered)
        self.journal_keeper.warning_changed.connect(self._on_journal_keeper_warning_changed)
        if self.bridge is not None:
            self.bridge.changes_arrived.connect(self._on_bridge_changes_arrived)

    # -- opening -----------------------------------------------------------------------

    def open_path(self, path: Path) -> bool:
        """Open a site folder (or a folder inside a site) or one post.

        The site already open stays as it is (`postedit SITE` again, a dropped folder):
        opening it again would ask about unsaved work and close the post for nothing.
        """
        if path.is_dir():
            if self.site is not None and _same_site(self.site, path):
                return True
            return self.open_site(path)
        return self.open_post(path)

    def open_site(self, path: Path, *, restore_post: bool = True) -> bool:
        """Open the site containing `path`; reopen its last post when asked to.

        A folder that is no site says so and asks nothing about the open post.
        """
        try:
            site = Site.open(path)
        except (SiteNotFoundError, SiteConfigError, OSError) as error:
            self.prompter.warn("Cannot open this site", str(error))
            return False
        if not self._settle_unsaved():
            return False
        self._close_post()
        self._use_site(site)
        last = self.settings.settings.last_post
        if restore_post and last is not None and last.is_file():
            self._open_post_now(last)
        return True

    def open_post(self, path: Path) -> bool:
        """Open one post (and its site, if it is in another one).

        The post is read before the open one is let go: one that cannot be opened
        asks nothing about unsaved work and leaves it exactly as it was.
        """
        if self.document is not None and same_file(self.document.path, path):
            self.post_list.select_path(self.document.path)
            return True
        return self._open_post_now(path, settle=True)

    def open_document(self, document: Document) -> bool:
        """Show a Document made elsewhere (recovered text), letting go of the open one."""
        if document.path is None:
            return False
        return self._open_document_now(document, document.path, settle=True)

    def _open_post_now(self, path: Path, *, settle: bool = False) -> bool:
        try:
            document = Document.load(path)
        except DocumentError as error:
            self.prompter.warn("Cannot open this post", str(error))
            self.post_list.select_path(self.document.path if self.document else None)
            return False
        return self._open_document_now(document, path, settle=settle)

    def _open_document_now(self, document: Document, path: Path, *, settle: bool) -> bool:
        if settle and not self._settle_unsaved():
            self.post_list.select_path(self.document.path if self.document else None)
            return False
        if self.site is None or not self.site.is_content_file(path):
            try:
                site: Site | None = Site.open(path)
            except (SiteNotFoundError, SiteConfigError, OSError):
                site = None
            if site is not None and (self.site is None or site.root != self.site.root):
                self._use_site(site)
            elif site is None and self.site is not None:
                self._use_site(None)
        self._show_document(document)
        return True

    def _use_site(self, site: Site | None) -> None:
        self.site = site
        self.index = None
        self.preview.set_site(site)
        self.form.set_site(site, None)
        self.editor.set_shortcodes(_shortcode_snippets(site))
        self._show_post_state()
        if site is None:
            self.post_list.set_index(None)
            self._watch(None)
            return
        self.post_list.show_loading(site.title or site.root.name)
        self.settings.update(self.settings.settings.with_site(site.root))
        self._build_index(site)
        self._watch(site)
        self.site_opened.emit(site.root)

    def _watch(self, site: Site | None) -> None:
        if self.bridge is None:
            return
        self.bridge.watch(site)
        document = self.document
        if document is not None and document.path is not None:
            self.bridge.remember(document.path, document.fingerprint)
        self._show_warnings()

    def _build_index(self, site: Site) -> None:
        index = self._index_factory(site)
        future = index.build(self._executor)
        future.add_done_callback(self._emit_index_built)

    def _emit_index_built(self, future: Future[SiteIndex]) -> None:
        """Runs on the worker; the queued connection brings the result to the GUI thread."""
        try:
            result: Any = future.result()
        except Exception as error:
            result = error
        with contextlib.suppress(RuntimeError):  # the window closed during the build
            self.index_built.emit(result)

    def _show_document(self, document: Document, *, reloaded: bool = False) -> None:
        """Show `document`; a `reloaded` copy of the open post patches the preview in place."""
        self.journal_keeper.forget(self.document)
        self.external.reset()
        self.document = document
        self.remember_disk(document.path, document.fingerprint)
        self.schema = self._schema_for(document)
        with QSignalBlocker(self.source_toggle), QSignalBlocker(self.source_action):
            self.source_toggle.setChecked(False)
            self.source_action.setChecked(False)
        self.form.set_document(document, self.schema)
        self.editor.set_text(document.body)
        self.pages.setCurrentIndex(_PAGE_POST)
        if reloaded:
            self.preview.update_post(document.front_matter, document.body)
        else:
            self.preview.set_post(document.path, document.front_matter, document.body)
        self.post_list.select_path(document.path)
        self.settings.update(self.settings.settings.with_post(document.path))
        self._show_post_state()
        self._on_stats_timer_timeout()
        if document.path is not None:
            (self.post_reloaded if reloaded else self.post_opened).emit(document.path)

    def _schema_for(self, document: Document) -> SectionSchema:
        if self.site is None or document.path is None:
            return _lone_post_schema(document)
        return schema_for(self.site, self.site.section_of(document.path), self.index)

    def _close_post(self) -> None:
        self.journal_keeper.forget(self.document)
        self.external.reset()
        self.document = None
        self.schema = None
        self.pages.setCurrentIndex(_PAGE_EMPTY)
        self.preview.set_post(None, {}, "")
        self._show_post_state()

    # -- following the disk (called by ui.external) ------------------------------------

    def replace_document(self, document: Document) -> None:
        """Show a fresh copy of the open post (reloaded from disk), keeping the writer's place."""
        views = [self.editor.editor, self.source_editor.editor]
        places = [
            (view.textCursor().position(), view.verticalScrollBar().value()) for view in views
        ]
        in_source = self.source_toggle.isChecked()
        put_back = self._keep_form_place()  # the form is filled anew: keep the writer's field
        self._show_document(document, reloaded=True)
        put_back()
        if in_source:
            self.source_toggle.setChecked(True)
        for view, (position, scroll) in zip(views, places, strict=True):
            _put_cursor(view, position)
            view.verticalScrollBar().setValue(scroll)

    def put_text(self, text: str) -> None:
        """Make `text` the open post's whole text, as an unsaved edit (recovered, kept)."""
        document = self.document
        if document is None:
            return
        document.set_text(text)
        self.schema = self._schema_for(document)
        self.form.set_document(document, self.schema)
        self.editor.set_text(document.body)
        if self.source_toggle.isChecked():
            self.source_editor.set_text(document.text)
        self._after_edit()

    def follow_move(self, path: Path) -> None:
        """The open post's file was renamed or moved to `path` by another program."""
        document = self.document
        if document is None:
            return
        old = document.path
        document.path = path
        self.journal_keeper.discard(old)
        if old is not None:
            try:  # File → Kept Versions lists the post's versions by its name
                self.versions.move(old, path)
            except OSError:
                _log.exception("Moving the kept versions of %s failed", old)
        if document.is_modified:
            self.journal_keeper.record_now(document, self.site_root())
        self.remember_disk(path, document.fingerprint)
        self.settings.update(self.settings.settings.with_post(path))
        self.post_list.select_path(path)
        self.preview.set_post(path, document.front_matter, document.body)
        schema = self._schema_for(document)  # moved to another section, perhaps
        if schema != self.schema:
            self.schema = schema
            self._refill_form(document, schema)
        self._show_post_state()
        where = self.site.relative(path) if self.site is not None else str(path)
        self.status.showMessage(f"Moved outside postedit: now {where}", 5000)

    def reopen_site(self) -> None:
        """The site's settings changed on disk: read the site, its index and schema again."""
        if self.site is None:
            return
        try:
            site = Site.open(self.site.root)
        except (SiteNotFoundError, SiteConfigError, OSError) as error:
            self.status.showMessage(f"The site's settings could not be read again: {error}")
            return
        self._use_site(site)
        # The old watcher's events still waiting went with it: look at the post now.
        self.external.check_open_post()

    def rerender_preview(self) -> None:
        """Templates or files the preview uses changed: render the post again."""
        document = self.document
        if document is None:
            return
        self.preview.set_post(document.path, document.front_matter, document.body)
        self.preview.scroll_to_source_line(self._editor_top_line)

    def remember_disk(self, path: Path | None, fingerprint: Fingerprint | None) -> None:
        """Tell the watcher what we read or are about to write: it is not news."""
        if self.bridge is not None and path is not None:
            self.bridge.remember(path, fingerprint)

    def refresh_post_state(self) -> None:
        self._show_post_state()

    def site_root(self) -> Path | None:
        return self.site.root if self.site is not None else None

    def offer_recovery(self) -> None:
        """Offer back the unsaved text a crashed or killed postedit left (call at start)."""
        self.external.offer_recovery()

    def use_kept_version(self, kept: KeptVersion) -> bool:
        """Compare the open post with `kept`; its text comes in as an unsaved edit if chosen."""
        return self.external.use_kept_version(kept)

    def _show_warnings(self) -> None:
        warnings = [self.journal.warning, self.bridge.error if self.bridge else None]
        text = "  ·  ".join(warning for warning in warnings if warning)
        self.protection_warning.setText(text)
        self.protection_warning.setToolTip(text)
        self.protection_warning.setVisible(bool(text))

    # -- saving ------------------------------------------------------------------------

    def save(self) -> bool:
        """Save the open post, asking what to do if that fails; True when saved."""
        return self._save_to(None)

    def save_as(self) -> bool:
        """Save the open post under a name the writer chooses; it stays open there."""
        if self.document is None:
            return True
        target = self.prompter.ask_save_path(self.document.path)
        return target is not None and self._save_to(target)

    def _save_to(self, target: Path | None) -> bool:
        document = self.document
        if document is None:
            return True
        self.form.commit_pending()
        old_path = document.path
        saved = save_document(
            document,
            self.prompter,
            target,
            before_write=self.remember_disk,
            on_external_change=self.external.settle_save_conflict,
        )
        if self.document is not document:  # the writer chose the version on disk instead
            return saved
        self._show_post_state(failed=not saved)
        if saved and document.path is not None:
            self.remember_disk(document.path, document.fingerprint)
            if old_path != document.path:
                self.journal_keeper.discard(old_path)
            self.journal_keeper.discard(document.path)
            self.external.reset()
            self.external.follow_own_save(document.path)
            self._show_post_state()
            self.settings.update(self.settings.settings.with_post(document.path))
            self.post_list.select_path(document.path)
            self.post_saved.emit(document.path)
        return saved

    def _settle_unsaved(self) -> bool:
        """Whether the open post may be let go (saved, discarded or unchanged)."""
        return settle_unsaved(
            self.document,
            self.prompter,
            self.save,
            self._on_discarded,
            deleted=self.external.deleted,
        )

    def _on_discarded(self, document: Document) -> None:
        self.journal_keeper.discard(document.path)

    # -- what the window shows ---------------------------------------------------------

    def _after_edit(self) -> None:
        document = self.document
        if document is None:
            return
        self._show_post_state()
        self.journal_keeper.edited(document, self.site_root())
        body = document.body
        self.preview.update_post(document.front_matter, body)
        self._stats_timer.start(_STATS_DELAY_MS + len(body) * _STATS_DELAY_MS_PER_MB // 1_000_000)

    def _show_post_state(self, *, failed: bool = False) -> None:
        document = self.document
        site_name = (self.site.title or self.site.root.name) if self.site else ""
        has_post = document is not None
        self._header.setVisible(has_post)
        for action in (
            self.save_action,
            self.save_as_action,
            self.source_action,
            self.kept_versions_action,
        ):
            action.setEnabled(has_post)
        if document is None:
            self.setWindowTitle(" — ".join(filter(None, [site_name, "postedit"])))
            self.setWindowModified(False)
            self.status.show_save_state("")
            self.status.show_stats(None)
            self.status.show_position(0, 0)
            return
        name = document.path.name if document.path else "Untitled"
        deleted = self.external.deleted
        shown = f"{name} (deleted)" if deleted else name
        self.setWindowTitle(" — ".join(filter(None, [f"{shown}[*]", site_name, "postedit"])))
        self.setWindowModified(document.is_modified)
        title = document.front_matter.get("title") if not document.front_matter_error else None
        self.post_heading.setText(str(title) if title else name)
        path = document.path
        if path is not None and self.site is not None:
            self.post_path.setText(self.site.relative(path))
        else:
            self.post_path.setText(str(path or ""))
        if failed:
            state = "Not saved"
        elif deleted:
            state = "Deleted outside postedit"
        elif document.is_modified:
            state = "Unsaved changes"
        elif document.read_only:
            state = "Read-only"
        else:
            state = "Saved"
        self.status.show_save_state(state)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.settings.recent_sites
        for root in recent:
            action = self.recent_menu.addAction(root.name or str(root))
            action.setToolTip(str(root))
            action.triggered.connect(lambda _=False, path=root: self._open_recent(path))
        self.recent_menu.setEnabled(bool(recent))

    def _open_recent(self, root: Path) -> None:
        if not root.is_dir():
            self.prompter.warn("Cannot open this site", f"“{root}” is not there any more.")
            self.settings.update(self.settings.settings.without_recent(root))
            return
        self.open_site(root)

    def _restore_layout(self) -> None:
        layout = self.settings.settings.layout
        if not layout.geometry or not self.restoreGeometry(layout.geometry):
            self.resize(1440, 900)
        columns = layout.columns if len(layout.columns) == 3 else _DEFAULT_COLUMNS
        self.columns.setSizes(list(columns))
        sizes = layout.form_editor if len(layout.form_editor) == 2 else _DEFAULT_FORM_EDITOR
        self.form_editor.setSizes(list(sizes))

    def _remember_layout(self) -> None:
        layout = WindowLayout(
            geometry=bytes(self.saveGeometry().data()),
            columns=tuple(self.columns.sizes()),
            form_editor=tuple(self.form_editor.sizes()),
        )
        self.settings.update(self.settings.settings.with_layout(layout))

    # -- slots -------------------------------------------------------------------------

    def _on_index_built(self, result: object) -> None:
        if isinstance(result, BaseException):
            self.prompter.warn("Cannot list the posts", f"Reading the site failed: {result}")
            return
        if not isinstance(result, SiteIndex) or self.site is None:
            return
        if result.site.root != self.site.root:
            return  # a site opened before the current one
        self.index = result
        self.show_index(result)
        self.external.index_ready()
        # The window and the site's index now live as long as the site is open. A
        # full garbage collection walks every object while all threads wait (80 to
        # 110 ms in a test process); frozen objects are skipped, so a git checkout's
        # batch or the next keystroke does not wait for that walk.
        gc.freeze()

    def show_index(self, index: SiteIndex) -> None:
        """List `index` (new or updated); completions and the form's schema follow it."""
        self.post_list.set_index(index)
        self.form.set_site(self.site, index)
        document = self.document
        if document is not None:
            self.post_list.select_path(document.path)
            schema = self._schema_for(document)
            if schema != self.schema:
                self.schema = schema
                self._refill_form(document, schema)

    def _refill_form(self, document: Document, schema: SectionSchema) -> None:
        """Rebuild the form, the writer's cursor staying in the field it was in.

        The index may land while the writer types in a field; without this the
        field's widget is replaced and the next keystrokes go nowhere.
        """
        put_back = self._keep_form_place()
        self.form.set_document(document, schema)
        put_back()

    def _keep_form_place(self) -> Callable[[], None]:
        """Note the form field the writer is in (cursor and text typed but not held by
        the post yet); the returned function puts both back into the rebuilt form."""
        focus = self.focusWidget()  # this window's, also while another one is active
        typing_in = next(
            (
                name
                for name in self.form.field_names()
                if focus is not None
                and (field := self.form.editor(name)) is not None
                and (field is focus or field.isAncestorOf(focus))
            ),
            None,
        )
        position = _cursor_position(focus)
        typed = _typed_in_form(self.form)

        def put_back() -> None:
            _type_again(self.form, typed)
            field = self.form.editor(typing_in) if typing_in is not None else None
            if field is not None:
                field.setFocus(Qt.FocusReason.OtherFocusReason)
                _put_cursor(self.focusWidget(), position)

        return put_back

    def _on_post_list_post_chosen(self, path: Path) -> None:
        self.open_post(path)

    def _on_post_list_new_post_requested(self) -> None:
        """Create a post from the site's archetype (as `hugo new content`) and open it."""
        if self.site is None:
            self.prompter.inform("New post", "Open a site first: a new post goes into a site.")
            return
        path = self.document.path if self.document is not None else None
        section = self.site.section_of(path) if path is not None else None
        known = {entry.section for entry in self.index.entries} if self.index else set()
        # Unsaved work first: the dialog writes the new file, and a Cancel after it
        # would leave that file in the site, unopened.
        if not self._settle_unsaved():
            return
        created = self.prompter.ask_new_post(self.site, sorted(known), section)
        if created is None:
            return
        self.external.follow_own_save(created)
        if created.is_file():
            self._open_post_now(created)  # the open post was settled above

    def _on_form_edited(self) -> None:
        self._after_edit()

    def _on_editor_text_edited(self) -> None:
        if self.document is None:
            return
        self.document.body = self.editor.text()
        self._after_edit()

    def _on_source_editor_text_edited(self) -> None:
        if self.document is None:
            return
        # The editor shows line ends as line breaks; the file keeps its own (CRLF).
        self.document.set_text(from_lf(self.source_editor.text(), self.document.newline))
        self._after_edit()

    def _on_editor_cursor_moved(self, line: int, column: int) -> None:
        self.status.show_position(line, column)

    def _on_editor_top_line_changed(self, line: int) -> None:
        self._editor_top_line = line
        if self._recently(self._editor_scrolled_at):
            return
        self._preview_scrolled_at = self._now()
        self.preview.scroll_to_source_line(line)

    def _on_preview_source_line_shown(self, line: int) -> None:
        if self._recently(self._preview_scrolled_at) or self.editor.editor.hasFocus():
            return
        self._editor_scrolled_at = self._now()
        self.editor.scroll_to_line(line)

    def _on_preview_site_link_clicked(self, path: str) -> None:
        """A link to another page of the site: open the post Hugo publishes there."""
        found = post_for_url(self.index, path) if self.index is not None else None
        if found is None:
            self.status.showMessage(f"No post in this site is published at {path}", 5000)
            return
        self.open_post(found)  # asks about unsaved changes first; the open post stays put

    def _on_preview_problems_changed(self, problems: list[Any]) -> None:
        if problems:
            noun = "problem" if len(problems) == 1 else "problems"
            self.status.showMessage(f"Preview: {len(problems)} shortcode {noun}. {problems[0]}")
        else:
            self.status.clearMessage()

    def _on_source_toggle_toggled(self, checked: bool) -> None:
        document = self.document
        with QSignalBlocker(self.source_action):
            self.source_action.setChecked(checked)
        if document is None or self.schema is None:
            return
        if checked:
            try:
                text = document.text
            except SaveError as error:
                self.prompter.warn("Cannot show the whole file", str(error))
                with QSignalBlocker(self.source_toggle), QSignalBlocker(self.source_action):
                    self.source_toggle.setChecked(False)
                    self.source_action.setChecked(False)
                return
            self.source_editor.set_text(text)
            self.pages.setCurrentIndex(_PAGE_SOURCE)
            return
        self.form.set_document(document, self.schema)
        if self.editor.text() != document.body:  # else keep the editor's undo history
            self.editor.set_text(document.body)
        self.pages.setCurrentIndex(_PAGE_POST)
        self._show_post_state()

    def _on_stats_timer_timeout(self) -> None:
        """Count words off the GUI thread: at 1 MB counting takes longer than a keystroke."""
        self._stats_requested += 1
        document = self.document
        if document is None:
            self.status.show_stats(None)
            return
        number, body = self._stats_requested, document.body
        if self._executor is None:
            self.status.show_stats(text_stats(body))
            return
        future = self._executor.submit(text_stats, body)
        future.add_done_callback(lambda done: self._emit_stats_counted(number, done))

    def _emit_stats_counted(self, number: int, future: Future[TextStats]) -> None:
        if future.exception() is not None:
            return
        with contextlib.suppress(RuntimeError):  # the window closed meanwhile
            self.stats_counted.emit(number, future.result())

    def _on_stats_counted(self, number: int, stats: TextStats) -> None:
        if number == self._stats_requested and self.document is not None:
            self.status.show_stats(stats)

    def _on_open_site_action_triggered(self) -> None:
        start = self.site.root.parent if self.site is not None else None
        path = choose_site(self, start)
        if path is not None:
            self.open_site(path, restore_post=False)

    def _on_open_post_action_triggered(self) -> None:
        start = self.site.content_dir if self.site is not None else None
        path = choose_post(self, start)
        if path is not None:
            self.open_post(path)

    def _on_save_action_triggered(self) -> None:
        self.save()

    def _on_save_as_action_triggered(self) -> None:
        self.save_as()

    def _on_remote_action_toggled(self, allowed: bool) -> None:
        self.preview.allow_remote_content(allowed)
        self.settings.update(replace(self.settings.settings, allow_remote_content=allowed))

    def _on_settings_settings_changed(self, _settings: object) -> None:
        self._fill_recent_menu()

    def _on_bridge_changes_arrived(self, batch: ChangeBatch) -> None:
        self.external.on_batch(batch)

    def _on_journal_keeper_warning_changed(self, _warning: object) -> None:
        self._show_warnings()

    def _on_kept_versions_action_triggered(self) -> None:
        document = self.document
        if document is None or document.path is None:
            return
        dialog = KeptVersionsDialog(self.versions, self, post=document.path)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # Queued: the list closes before the comparison opens over the window.
        dialog.version_chosen.connect(
            self._on_kept_versions_version_chosen, Qt.ConnectionType.QueuedConnection
        )
        dialog.open()

    def _on_kept_versions_version_chosen(self, kept: KeptVersion) -> None:
        self.use_kept_version(kept)

    # -- Qt events ---------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._settle_unsaved():
            event.ignore()
            return
        if self.bridge is not None:
            self.bridge.stop()
        self.journal_keeper.forget(self.document)
        self._remember_layout()
        event.accept()

    def changeEvent(self, event: QEvent) -> None:
        """Back in the window: the open post is checked against its file again."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.external.check_open_post()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if openable_path(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        path = openable_path(event.mimeData())
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        if is_post_file(path):
            self.open_post(path)
        else:
            self.open_site(path, restore_post=False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Files dragged over the editors open in the window instead of landing as text."""
        kind = event.type()
        if isinstance(event, QDropEvent) and openable_path(event.mimeData()) is not None:
            if kind == QEvent.Type.Drop:
                self.dropEvent(event)
                return True
            if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
                event.acceptProposedAction()
                return True
        return super().eventFilter(watched, event)

    # -- time, for scroll-echo suppression ---------------------------------------------

    @staticmethod
    def _now() -> int:
        return time.monotonic_ns() // 1_000_000

    def _recently(self, at: int) -> bool:
        return self._now() - at < _SCROLL_ECHO_MS
