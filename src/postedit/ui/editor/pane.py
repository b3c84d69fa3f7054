"""The editor pane: formatting toolbar, the Markdown editor and the find bar."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar, QToolButton, QVBoxLayout, QWidget

from postedit.core.formatting import (
    Edited,
    LineStyle,
    cycle_heading,
    insert_code,
    insert_link,
    insert_snippet,
    toggle_inline,
    toggle_lines,
)
from postedit.ui.editor.editor import MarkdownEditor
from postedit.ui.editor.find_bar import FindReplaceBar

# (name, button text, tooltip, shortcut)
_FORMAT_ACTIONS: tuple[tuple[str, str, str, str], ...] = (
    ("bold", "B", "Bold", "Ctrl+B"),
    ("italic", "I", "Italic", "Ctrl+I"),
    ("heading", "H", "Heading (click again for a smaller one)", "Ctrl+Alt+H"),
    ("link", "Link", "Link", "Ctrl+K"),
    ("bullets", "• List", "Bulleted list", "Ctrl+Shift+8"),
    ("numbers", "1. List", "Numbered list", "Ctrl+Shift+7"),
    ("quote", "Quote", "Quote", "Ctrl+Shift+9"),
    ("code", "Code", "Code", "Ctrl+Shift+C"),
    ("image", "Image", "Image", "Ctrl+Shift+I"),
)


class EditorPane(QWidget):
    """What the window places in the middle, below the form."""

    text_edited = Signal()
    cursor_moved = Signal(int, int)
    top_line_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("editorPane")
        self.editor = MarkdownEditor(self)
        self.find_bar = FindReplaceBar(self.editor, self)
        self.toolbar = QToolBar("Formatting", self)
        self.toolbar.setObjectName("formatToolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.actions_by_name: dict[str, QAction] = {}
        self._loading = False
        self._build_actions()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.find_bar)
        self._connect_signals()

    # --- the documented interface --------------------------------------------------------------

    def set_text(self, text: str) -> None:
        """Show a new post's body; not an edit, so `text_edited` is not emitted."""
        self._loading = True
        try:
            self.editor.set_markdown(text)
        finally:
            self._loading = False

    def text(self) -> str:
        return self.editor.markdown()

    def scroll_to_line(self, line: int) -> None:
        self.editor.scroll_to_line(line)

    def set_shortcodes(self, snippets: Sequence[tuple[str, str]]) -> None:
        """Fill the Insert shortcode menu: (label, text to insert) pairs."""
        menu = self._shortcode_menu
        menu.clear()
        for label, snippet in snippets:
            action = menu.addAction(label)
            action.setToolTip(snippet)
            action.triggered.connect(lambda _=False, text=snippet: self.insert_snippet(text))
        self._shortcode_button.setEnabled(bool(snippets))

    # --- commands ------------------------------------------------------------------------------

    def _run(self, command: Callable[[str, int, int], Edited]) -> None:
        lines, text, start, end = self.editor.selected_lines()
        self.editor.apply(lines, command(text, start, end))

    def format(self, name: str) -> None:
        """Run a formatting command by its name (see `_FORMAT_ACTIONS`)."""
        commands: dict[str, Callable[[str, int, int], Edited]] = {
            "bold": lambda t, s, e: toggle_inline(t, s, e, "**", "bold text"),
            "italic": lambda t, s, e: toggle_inline(t, s, e, "_", "italic text"),
            "heading": lambda t, s, e: cycle_heading(t),
            "link": insert_link,
            "bullets": lambda t, s, e: toggle_lines(t, LineStyle.BULLET),
            "numbers": lambda t, s, e: toggle_lines(t, LineStyle.NUMBERED),
            "quote": lambda t, s, e: toggle_lines(t, LineStyle.QUOTE),
            "code": insert_code,
            "image": lambda t, s, e: insert_link(t, s, e, image=True),
        }
        self._run(commands[name])

    def insert_snippet(self, snippet: str) -> None:
        self._run(lambda t, s, e: insert_snippet(t, s, e, snippet))

    # --- wiring --------------------------------------------------------------------------------

    def _build_actions(self) -> None:
        for name, text, tip, shortcut in _FORMAT_ACTIONS:
            action = QAction(text, self)
            action.setObjectName(f"format_{name}")
            action.setToolTip(
                f"{tip} ({QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)})"
            )
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _=False, command=name: self.format(command))
            self.addAction(action)
            self.toolbar.addAction(action)
            self.actions_by_name[name] = action
        for name in ("bold", "italic"):
            button = self.toolbar.widgetForAction(self.actions_by_name[name])
            font = QFont(button.font())
            font.setBold(name == "bold")
            font.setItalic(name == "italic")
            button.setFont(font)
        self._shortcode_menu = QMenu("Insert shortcode", self)
        self._shortcode_button = QToolButton(self)
        self._shortcode_button.setText("Shortcode")
        self._shortcode_button.setToolTip("Insert a shortcode of this site or of Hugo")
        self._shortcode_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self._shortcode_button.setMenu(self._shortcode_menu)
        self._shortcode_button.setEnabled(False)
        self.toolbar.addSeparator()
        self.toolbar.addWidget(self._shortcode_button)
        for name, shortcut, replace in (("find", "Ctrl+F", False), ("replace", "Ctrl+H", True)):
            action = QAction("Find…" if name == "find" else "Replace…", self)
            action.setObjectName(name)
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _=False, r=replace: self.find_bar.open_find(replace=r))
            self.addAction(action)
            self.actions_by_name[name] = action

    def _connect_signals(self) -> None:
        self.editor.textChanged.connect(self._on_editor_text_changed)
        self.editor.cursor_moved.connect(self.cursor_moved)
        self.editor.top_line_changed.connect(self.top_line_changed)

    def _on_editor_text_changed(self) -> None:
        if not self._loading:
            self.text_edited.emit()
