"""The post list: a model over the site index, a search filter and the view.

The index is built elsewhere (off the GUI thread); this module only shows what
it holds. Search goes through `SiteIndex.search` (titles, tags, categories,
descriptions, paths; accents and case ignored), so the list and any other
search in postedit agree on what matches.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import (
    QAbstractListModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from postedit.core.index import SiteIndex
from postedit.core.index_entry import IndexEntry
from postedit.ui.theme import COLORS, icon

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
PATH_ROLE = Qt.ItemDataRole.UserRole + 2
_SEARCH_DELAY_MS = 120

_Index = QModelIndex | QPersistentModelIndex


def format_date(value: dt.date | None) -> str:
    """A date as writers read it: "2 May 2024" (no time; the list is about days)."""
    if value is None:
        return "No date"
    return f"{value.day} {value:%b %Y}"


class PostListModel(QAbstractListModel):
    """The site's entries, newest first, as the index orders them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._entries: tuple[IndexEntry, ...] = ()
        self._index: SiteIndex | None = None

    def set_index(self, index: SiteIndex | None) -> None:
        self.beginResetModel()
        self._index = index
        self._entries = index.entries if index is not None else ()
        self.endResetModel()

    @property
    def entries(self) -> tuple[IndexEntry, ...]:
        return self._entries

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return entry.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return entry.error or entry.description or entry.path
        if role == ENTRY_ROLE:
            return entry
        if role == PATH_ROLE and self._index is not None:
            return self._index.site.absolute(entry.path)
        return None

    def row_of(self, path: Path) -> int:
        """The row of the post at absolute `path`, or -1."""
        if self._index is None:
            return -1
        relative = self._index.site.relative(path)
        return next((row for row, e in enumerate(self._entries) if e.path == relative), -1)


class PostFilter(QSortFilterProxyModel):
    """Rows whose paths `SiteIndex.search` returned; all rows when not searching."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._matches: frozenset[str] | None = None

    def set_matches(self, paths: frozenset[str] | None) -> None:
        self.beginFilterChange()
        self._matches = paths
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        if self._matches is None:
            return True
        source = self.sourceModel()
        entry = source.data(source.index(source_row, 0, source_parent), ENTRY_ROLE)
        return isinstance(entry, IndexEntry) and entry.path in self._matches


def title_lines(title: str, metrics: QFontMetrics, width: int) -> list[str]:
    """A title in at most two lines that fit `width`: wrapped at spaces, the second elided."""
    words = title.split()
    first: list[str] = []
    while words and metrics.horizontalAdvance(" ".join([*first, words[0]])) <= width:
        first.append(words.pop(0))
    if not first:  # one word longer than the line
        return [metrics.elidedText(title, Qt.TextElideMode.ElideRight, width)]
    lines = [" ".join(first)]
    if words:
        lines.append(metrics.elidedText(" ".join(words), Qt.TextElideMode.ElideRight, width))
    return lines


class PostDelegate(QStyledItemDelegate):
    """A calm card per post: the title on up to two lines, then date, section and badge."""

    _PADDING = 10
    _GAP = 4

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        line = QFontMetrics(option.font).height()
        return QSize(200, line * 3 + self._GAP + self._PADDING * 2)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        entry = index.data(ENTRY_ROLE)
        if not isinstance(entry, IndexEntry):
            return
        painter.save()
        rect: QRect = option.rect
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        hovered = bool(option.state & QStyle.StateFlag.State_MouseOver)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if selected or hovered:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(COLORS["selection"] if selected else COLORS["hover"]))
            painter.drawRoundedRect(rect.adjusted(6, 2, -6, -2), 8, 8)
        inner = rect.adjusted(self._PADDING + 6, self._PADDING, -self._PADDING - 6, -self._PADDING)
        line = QFontMetrics(option.font).height()
        left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter

        title_font = QFont(option.font)
        title_font.setWeight(QFont.Weight.DemiBold)
        painter.setFont(title_font)
        painter.setPen(option.palette.color(QPalette.ColorRole.Text))
        lines = title_lines(entry.title, QFontMetrics(title_font), inner.width())
        # Rows have room for a two-line title; a one-line card sits in the middle.
        inner.translate(0, (2 - len(lines)) * line // 2)
        for number, text in enumerate(lines):
            top = inner.top() + number * line
            painter.drawText(QRect(inner.left(), top, inner.width(), line), left, text)

        meta_top = inner.top() + len(lines) * line + self._GAP
        meta = QRect(inner.left(), meta_top, inner.width(), line)
        if entry.draft:
            meta.setRight(meta.right() - self._draw_badge(painter, option.font, meta))
        painter.setFont(option.font)
        painter.setPen(QColor(COLORS["warning"] if entry.error else COLORS["muted"]))
        parts = [format_date(entry.date), entry.section or "Pages"]
        if entry.error:
            parts.append("needs attention")
        painter.drawText(meta, left, "  ·  ".join(parts))
        painter.restore()

    @staticmethod
    def _draw_badge(painter: QPainter, font: QFont, line: QRect) -> int:
        """Draw the "Draft" pill at the right end of `line`; returns the width it took."""
        small = QFont(font)
        small.setPointSizeF(max(font.pointSizeF() - 1.5, 7.0))
        small.setWeight(QFont.Weight.DemiBold)
        metrics = QFontMetrics(small)
        width = metrics.horizontalAdvance("Draft") + 14
        height = metrics.height() + 2
        badge = QRect(line.right() - width, line.center().y() - height // 2, width, height)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(COLORS["draft_bg"]))
        painter.drawRoundedRect(badge, height / 2, height / 2)
        painter.setPen(QColor(COLORS["draft_fg"]))
        painter.setFont(small)
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, "Draft")
        return width + 8


class PostList(QWidget):
    """The left column: search box, posts, counts and the "New post" button."""

    post_chosen = Signal(Path)  # the writer picked a post in the list
    new_post_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("postList")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.model = PostListModel(self)
        self.filter = PostFilter(self)
        self.filter.setSourceModel(self.model)
        self._index: SiteIndex | None = None

        self.search_box = QLineEdit(self)
        self.search_box.setObjectName("searchBox")
        self.search_box.setPlaceholderText("Search titles, tags, text")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.view = QListView(self)
        self.view.setObjectName("postView")
        self.view.setModel(self.filter)
        self.view.setItemDelegate(PostDelegate(self.view))
        self.view.setMouseTracking(True)
        self.view.setUniformItemSizes(True)
        self.view.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.counts = QLabel("Reading the site…", self)
        self.counts.setObjectName("counts")
        self.new_post_button = QPushButton(icon("new-post"), "New post", self)
        self.new_post_button.setObjectName("newPostButton")
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(_SEARCH_DELAY_MS)

        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(self.search_box, 1)
        footer = QHBoxLayout()
        footer.setContentsMargins(4, 0, 0, 0)
        footer.addWidget(self.counts, 1)
        footer.addWidget(self.new_post_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 8, 12)
        layout.setSpacing(10)
        layout.addLayout(header)
        layout.addWidget(self.view, 1)
        layout.addLayout(footer)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.search_box.textChanged.connect(self._on_search_box_text_changed)
        self._search_timer.timeout.connect(self._on_search_timer_timeout)
        self.view.clicked.connect(self._on_view_clicked)
        self.view.activated.connect(self._on_view_clicked)
        self.new_post_button.clicked.connect(self.new_post_requested)

    # -- what the window calls -------------------------------------------------------

    def set_index(self, index: SiteIndex | None) -> None:
        """Show the posts of a freshly built index (None: no site open)."""
        self._index = index
        self.model.set_index(index)
        self._apply_search()

    def show_loading(self, site_title: str) -> None:
        self._index = None
        self.model.set_index(None)
        self.counts.setText(f"Reading {site_title}…")

    def select_path(self, path: Path | None) -> None:
        """Mark the open post in the list without announcing a choice."""
        selection = self.view.selectionModel()
        row = self.model.row_of(path) if path is not None else -1
        if row < 0:
            selection.clearSelection()
            return
        proxy = self.filter.mapFromSource(self.model.index(row, 0))
        if proxy.isValid():
            selection.setCurrentIndex(proxy, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self.view.scrollTo(proxy)
        else:
            selection.clearSelection()

    def visible_titles(self) -> list[str]:
        """The titles shown, top to bottom (for tests and accessibility checks)."""
        return [str(self.filter.index(row, 0).data()) for row in range(self.filter.rowCount())]

    # -- slots -------------------------------------------------------------------------

    def _on_search_box_text_changed(self, _text: str) -> None:
        self._search_timer.start()

    def _on_search_timer_timeout(self) -> None:
        self._apply_search()

    def _on_view_clicked(self, proxy: QModelIndex) -> None:
        path = proxy.data(PATH_ROLE)
        if isinstance(path, Path):
            self.post_chosen.emit(path)

    def _apply_search(self) -> None:
        query = self.search_box.text().strip()
        if self._index is None or not query:
            self.filter.set_matches(None)
        else:
            self.filter.set_matches(frozenset(e.path for e in self._index.search(query)))
        self._show_counts(query)

    def _show_counts(self, query: str) -> None:
        if self._index is None:
            return
        entries = self.model.entries
        total = len(entries)
        if query:
            shown = self.filter.rowCount()
            self.counts.setText(f"{shown} of {total} posts")
            return
        drafts = sum(1 for entry in entries if entry.draft)
        noun = "post" if total == 1 else "posts"
        draft_text = f"  ·  {drafts} draft{'s' if drafts != 1 else ''}" if drafts else ""
        self.counts.setText(f"{total} {noun}{draft_text}")
