"""The front-matter form above the editor: one widget per field of the post's schema.

Fields come in schema order, then any others the post holds. Each field gets the
widget its value fits (`core.field_values.fits`); a value that fits none gets the
raw YAML editor and a note saying why. Every edit is written straight into
`document.front_matter` and announced with `edited()`; the window derives the
dirty state from the Document. Loading writes nothing and announces nothing.

An edit the file cannot hold (a null in TOML, say) is taken back at once and the
field says why, so the Document can always be saved. Broken front matter shows
a banner and the raw text instead (`BrokenFrontMatter`); when the text reads
again, the form comes back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from postedit.core.atomic import SaveError
from postedit.core.document import Document
from postedit.core.field_values import (
    date_to_write,
    extra_field,
    find_key,
    fits,
    hidden_keys,
    is_blank,
    problem_of,
    shown_date,
)
from postedit.core.images import resolve_image
from postedit.core.index import SiteIndex
from postedit.core.schema import Field, FieldKind, SectionSchema
from postedit.core.site import Site
from postedit.core.textio import to_lf
from postedit.core.values import same_value
from postedit.ui.form.base import FieldEditor, muted_color, warning_color
from postedit.ui.form.broken import BrokenFrontMatter
from postedit.ui.form.chips import ChipsEditor
from postedit.ui.form.dates import DateEditor
from postedit.ui.form.image import ImageEditor
from postedit.ui.form.raw import RawEditor
from postedit.ui.form.simple import (
    ChoiceEditor,
    LineEditor,
    LongTextEditor,
    NumberEditor,
    SwitchEditor,
    description_editor,
)

_FIELDS_PAGE, _BROKEN_PAGE = 0, 1
_MISSING = object()


@dataclass
class _Row:
    """One field on the form: where its value lives and the widgets showing it."""

    field: Field
    key: str  # the post's spelling of the key (the schema's when the post lacks it)
    editor: FieldEditor
    label: QLabel
    problem: QLabel


class FrontMatterForm(QWidget):
    """The post's fields as a form, or its broken front matter as text."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._site: Site | None = None
        self._index: SiteIndex | None = None
        self._document: Document | None = None
        self._schema: SectionSchema | None = None
        self._rows: list[_Row] = []
        self._scroll = QScrollArea(self)
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._broken = BrokenFrontMatter(self)
        self._stack = QStackedWidget(self)
        self._stack.addWidget(self._scroll)
        self._stack.addWidget(self._broken)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._stack)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self._broken.text_edited.connect(self._on_broken_text_edited)

    # -- the window's side ----------------------------------------------------------

    def set_site(self, site: Site | None, index: SiteIndex | None) -> None:
        """The site (image folders) and its index (taxonomy completion)."""
        self._site, self._index = site, index
        for row in self._rows:
            self._give_context(row)

    def set_document(self, document: Document, schema: SectionSchema) -> None:
        """Show `document`'s front matter with `schema`'s fields; writes nothing."""
        self._document, self._schema = document, schema
        self._show_document()

    def commit_pending(self) -> None:
        """Take in what is typed but not yet confirmed (a tag before Enter): before a save."""
        for row in self._rows:
            if isinstance(row.editor, ChipsEditor):
                row.editor.commit_pending()

    # -- what tests and the window may look at ------------------------------------------

    def editor(self, name: str) -> FieldEditor | None:
        """The widget of a field, by key (case-insensitive)."""
        row = self._row(name)
        return row.editor if row else None

    def problem(self, name: str) -> str:
        """The problem a field shows ("" for none)."""
        row = self._row(name)
        return row.problem.text() if row and not row.problem.isHidden() else ""

    def field_names(self) -> list[str]:
        """The keys of the fields shown, in order."""
        return [row.key for row in self._rows]

    def is_broken(self) -> bool:
        """Whether the broken-front-matter view is shown instead of the fields."""
        return self._stack.currentIndex() == _BROKEN_PAGE

    @property
    def broken_view(self) -> BrokenFrontMatter:
        return self._broken

    # -- building ----------------------------------------------------------------------

    def _show_document(self) -> None:
        document = self._document
        if document is None:
            return
        error = document.front_matter_error
        if error is not None:
            # Unclosed front matter has no text of its own: the body shows all of it.
            editable = bool(document.front_matter_text)
            self._broken.set_text(document.front_matter_text)
            text_line = self._text_line(error.line)
            self._broken.show_problem(
                error.line, error.column, error.message, editable=editable, text_line=text_line
            )
            self._broken.point_at(text_line, error.column)
            self._stack.setCurrentIndex(_BROKEN_PAGE)
            return
        self._build_rows()
        self._stack.setCurrentIndex(_FIELDS_PAGE)

    def _build_rows(self) -> None:
        """A fresh page of rows for the document (the old page goes with its widgets)."""
        document, schema = self._document, self._schema
        assert document is not None
        front_matter = document.front_matter
        fields = list(schema.fields) if schema else []
        listed = {field.name.lower() for field in fields}
        if schema is not None:
            listed |= hidden_keys(self._site, schema)
        taxonomies = tuple(self._site.taxonomies.values()) if self._site else ()
        extras = [
            extra_field(key, front_matter[key], taxonomies)
            for key in front_matter
            if key.lower() not in listed
        ]
        self._rows = []
        page = QWidget()
        grid = QGridLayout(page)
        grid.setContentsMargins(16, 12, 16, 12)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(10)
        grid.setColumnStretch(1, 1)
        for field in fields:
            self._add_row(grid, field)
        if extras:
            heading = QLabel("More fields in this post")
            heading.setStyleSheet(f"color: {muted_color(self).name()}; font-weight: 600;")
            grid.addWidget(heading, grid.rowCount(), 0, 1, 2)
            for field in extras:
                self._add_row(grid, field)
        grid.setRowStretch(grid.rowCount(), 1)
        self._scroll.setWidget(page)  # deletes the previous page

    def _add_row(self, grid: QGridLayout, field: Field) -> None:
        document = self._document
        assert document is not None
        key = find_key(document.front_matter, field.name) or field.name
        present = key in document.front_matter
        value = document.front_matter[key] if present else None
        editor = self._editor_for(field, value)
        label = QLabel(self._label_text(field))
        label.setTextFormat(Qt.TextFormat.RichText)
        focus = editor.focusProxy() or editor
        focus.setAccessibleName(field.label)
        label.setBuddy(focus)
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        label.setContentsMargins(0, 5, 0, 0)
        label.setMinimumWidth(90)
        problem = QLabel()
        problem.setWordWrap(True)
        problem.setStyleSheet(f"color: {warning_color(self).name()};")
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(3)
        column.addWidget(editor)
        column.addWidget(problem)
        row = _Row(field, key, editor, label, problem)
        self._give_context(row)
        editor.set_value(value)
        self._show_problem(row, self._problem_for(row, value, present))
        editor.value_edited.connect(lambda new, row=row: self._on_field_edited(row, new))
        index = grid.rowCount()
        grid.addWidget(label, index, 0)
        grid.addWidget(holder, index, 1)
        self._rows.append(row)

    def _editor_for(self, field: Field, value: Any) -> FieldEditor:
        """The widget a field's value fits; the raw editor for anything else."""
        kind = field.kind
        if not fits(kind, value):
            return RawEditor()
        if kind in (FieldKind.DATE, FieldKind.DATETIME):
            shown = shown_date(value) if value is not None else None
            with_time = isinstance(shown, datetime) if shown else kind is FieldKind.DATETIME
            return DateEditor(with_time)
        if kind is FieldKind.BOOL:
            if field.name.lower() == "draft":
                return SwitchEditor("Draft — not published yet", "Published when the site is built")
            return SwitchEditor("Yes", "No")
        if kind is FieldKind.NUMBER:
            return NumberEditor(decimal=isinstance(value, float))
        if kind is FieldKind.STRING_LIST:
            return ChipsEditor(self._noun_for(field))
        if kind is FieldKind.IMAGE:
            return ImageEditor()
        if kind is FieldKind.TEXT:
            if field.name.lower() == "description":
                return description_editor()
            return LongTextEditor()
        if kind is FieldKind.STRING and field.choices:
            return ChoiceEditor(field.choices)
        if kind is FieldKind.STRING:
            return LineEditor()
        return RawEditor()

    def _noun_for(self, field: Field) -> str:
        """ "tag" for tags: the taxonomy's singular name, else a plain word."""
        if self._site and field.taxonomy:
            for singular, plural in self._site.taxonomies.items():
                if plural == field.taxonomy:
                    return singular
        return "tag" if field.taxonomy else "item"

    def _label_text(self, field: Field) -> str:
        text = field.label.replace("&", "&amp;").replace("<", "&lt;")
        if field.required:
            text += f' <span style="color: {muted_color(self).name()};">(required)</span>'
        return text

    def _give_context(self, row: _Row) -> None:
        editor = row.editor
        if isinstance(editor, ChipsEditor):
            terms: list[str] = []
            if self._index is not None and row.field.taxonomy:
                terms = [term for term, _ in self._index.taxonomy_values(row.field.taxonomy)]
            editor.set_completions(terms)
        elif isinstance(editor, ImageEditor):
            path = self._document.path if self._document else None
            editor.set_context(self._site, Path(path) if path else None)

    def _row(self, name: str) -> _Row | None:
        wanted = name.lower()
        return next((row for row in self._rows if row.key.lower() == wanted), None)

    # -- writing -------------------------------------------------------------------------

    def _on_field_edited(self, row: _Row, value: Any) -> None:
        document = self._document
        if document is None:
            return
        front_matter = document.front_matter
        previous = front_matter.get(row.key, _MISSING)
        is_date = isinstance(row.editor, DateEditor)
        if is_date and value is not None:
            value = date_to_write(value, None if previous is _MISSING else previous)
        try:
            front_matter.original(row.key)
            was_loaded = True
        except KeyError:
            was_loaded = False
        # Back to how the post was (no such field); a removed date goes, since an empty
        # date is not one Hugo reads and TOML cannot write it at all.
        remove = (is_date or not was_loaded) and is_blank(value)
        unchanged = previous is _MISSING if remove else same_value(previous, value)
        if unchanged:  # Enter after a complete line, say; a note about a refused edit goes
            current = None if previous is _MISSING else previous
            self._show_problem(row, self._problem_for(row, current, previous is not _MISSING))
            return
        if remove:
            del front_matter[row.key]
        else:
            front_matter[row.key] = value
        try:
            document.text  # noqa: B018 (writes the front matter out: can the file hold it?)
        except SaveError as error:
            if previous is _MISSING:
                front_matter.pop(row.key, None)
            else:
                front_matter[row.key] = previous
            self._show_problem(row, f"{error} The post keeps its previous value.")
            return
        present = row.key in front_matter
        current = front_matter[row.key] if present else None
        self._show_problem(row, self._problem_for(row, current, present))
        self.edited.emit()

    def _problem_for(self, row: _Row, value: Any, present: bool) -> str | None:
        """What is wrong with a field's value; for an image, also whether it exists."""
        problem = problem_of(row.field, value, present)
        if problem is None and isinstance(row.editor, ImageEditor) and isinstance(value, str):
            document = self._document
            post = Path(document.path) if document and document.path else None
            problem = resolve_image(self._site, post, value).problem
        return problem

    def _show_problem(self, row: _Row, message: str | None) -> None:
        row.problem.setText(message or "")
        row.problem.setVisible(bool(message))

    def _on_broken_text_edited(self, text: str) -> None:
        document = self._document
        if document is None:
            return
        document.front_matter_text = text
        error = document.front_matter_error
        if error is None:
            self._build_rows()
            self._stack.setCurrentIndex(_FIELDS_PAGE)
        else:
            self._broken.show_problem(
                error.line,
                error.column,
                error.message,
                editable=True,
                text_line=self._text_line(error.line),
            )
        self.edited.emit()

    def _text_line(self, file_line: int) -> int:
        """A line of the file counted in the front-matter text shown (0: outside it)."""
        document = self._document
        if document is None or not document.front_matter_text:
            return 0
        whole = to_lf(document.text)
        start = whole.find(document.front_matter_text)
        if start < 0:
            return 0
        line = file_line - whole.count("\n", 0, start)
        return line if 1 <= line <= document.front_matter_text.count("\n") + 1 else 0
