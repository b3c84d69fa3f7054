"""Qt-free rendering: Markdown to HTML as Hugo renders it, shortcodes, page assembly.

The renderer arrives with its own issue; this package exists so the layers are visible.
"""
