"""The live preview: a QtWebEngine view of the post as Hugo would render it.

`app.py` must call `register_url_scheme()` before it creates the QApplication.
"""

from postedit.ui.preview.pane import PreviewPane
from postedit.ui.preview.scheme import register_url_scheme

__all__ = ["PreviewPane", "register_url_scheme"]
