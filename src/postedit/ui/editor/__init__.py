"""The Markdown editor pane: toolbar, editor with highlighting, find and replace."""

from postedit.ui.editor.editor import MarkdownEditor
from postedit.ui.editor.find_bar import FindReplaceBar
from postedit.ui.editor.pane import EditorPane

__all__ = ["EditorPane", "FindReplaceBar", "MarkdownEditor"]
