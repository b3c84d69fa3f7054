"""postedit's look: a calm light theme, its colours and its icons.

One palette and one style sheet for the whole window, so panes made by
different hands look like one program. Fusion is the base style because it
draws the same on every platform and takes the palette fully.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QColor, QFont, QIcon, QPalette
from PySide6.QtWidgets import QApplication

from postedit.core.paths import resources_dir

COLORS: dict[str, str] = {
    "window": "#f7f6f3",
    "sidebar": "#efede8",
    "surface": "#fdfcfa",
    "text": "#2a2926",
    "muted": "#8a8782",
    "border": "#e2dfd8",
    "accent": "#3f6e8c",
    "accent_hover": "#365f79",
    "selection": "#e1e8ee",
    "hover": "#e8e6e0",
    "draft_bg": "#f6e7cf",
    "draft_fg": "#8a5a17",
    "warning": "#b0552f",
}

_STYLE_SHEET = """
QMainWindow, QDialog {{ background: {window}; }}
QWidget {{ color: {text}; }}
QSplitter::handle {{ background: {border}; }}
QSplitter::handle:horizontal {{ width: 1px; }}
QSplitter::handle:vertical {{ height: 1px; }}
#postList {{ background: {sidebar}; }}
#postView {{ background: transparent; border: none; outline: none; }}
#searchBox {{
    background: {surface}; border: 1px solid {border}; border-radius: 8px;
    padding: 6px 8px; selection-background-color: {selection};
}}
#searchBox:focus {{ border-color: {accent}; }}
#counts {{ color: {muted}; }}
#newPostButton {{
    background: {accent}; color: white; border: none; border-radius: 8px;
    padding: 6px 12px; font-weight: 600;
}}
#newPostButton:hover {{ background: {accent_hover}; }}
#middle {{ background: {surface}; }}
#postHeader {{ background: {surface}; border-bottom: 1px solid {border}; }}
#postHeading {{ font-size: 13pt; font-weight: 600; }}
#postPath {{ color: {muted}; }}
#sourceToggle {{
    background: transparent; border: 1px solid {border}; border-radius: 7px;
    padding: 4px 10px; color: {text};
}}
#sourceToggle:checked {{ background: {selection}; border-color: {accent}; }}
#emptyState {{ color: {muted}; font-size: 12pt; }}
QStatusBar {{ background: {window}; border-top: 1px solid {border}; color: {muted}; }}
QStatusBar QLabel {{ color: {muted}; padding: 0 10px; }}
QStatusBar::item {{ border: none; }}
QMenuBar {{ background: {window}; }}
QMenuBar::item:selected {{ background: {hover}; border-radius: 4px; }}
QScrollBar:vertical {{ background: transparent; width: 10px; margin: 2px; }}
QScrollBar::handle:vertical {{ background: #d3cfc6; border-radius: 4px; min-height: 30px; }}
QScrollBar::add-line, QScrollBar::sub-line {{ height: 0; width: 0; }}
QScrollBar::add-page, QScrollBar::sub-page {{ background: transparent; }}
"""


@cache
def icon(name: str) -> QIcon:
    """One of postedit's own icons from resources/icons/ (an empty icon if missing)."""
    path = resources_dir() / "icons" / f"{name}.svg"
    return QIcon(str(path)) if path.is_file() else QIcon()


def palette() -> QPalette:
    colors = {name: QColor(value) for name, value in COLORS.items()}
    result = QPalette()
    role = QPalette.ColorRole
    result.setColor(role.Window, colors["window"])
    result.setColor(role.WindowText, colors["text"])
    result.setColor(role.Base, colors["surface"])
    result.setColor(role.AlternateBase, colors["window"])
    result.setColor(role.Text, colors["text"])
    result.setColor(role.Button, colors["window"])
    result.setColor(role.ButtonText, colors["text"])
    result.setColor(role.Highlight, colors["accent"])
    result.setColor(role.HighlightedText, QColor("#ffffff"))
    result.setColor(role.PlaceholderText, colors["muted"])
    result.setColor(role.ToolTipBase, colors["surface"])
    result.setColor(role.ToolTipText, colors["text"])
    result.setColor(role.Link, colors["accent"])
    return result


def apply_theme(app: QApplication) -> None:
    """Give the application postedit's style, palette, font and icon."""
    app.setStyle("Fusion")
    app.setPalette(palette())
    font = QFont(app.font())
    font.setPointSizeF(max(font.pointSizeF(), 10.0))
    app.setFont(font)
    app.setStyleSheet(_STYLE_SHEET.format(**COLORS))
    app.setWindowIcon(icon("postedit"))
