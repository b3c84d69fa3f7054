"""postedit: a desktop editor for the Markdown posts of a Hugo website."""

__version__ = "0.1.0"
