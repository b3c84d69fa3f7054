"""The front-matter form: one widget per field of the post's schema (see form.py)."""

from postedit.ui.form.form import FrontMatterForm

__all__ = ["FrontMatterForm"]
