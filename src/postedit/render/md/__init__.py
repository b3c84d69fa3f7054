"""markdown-it-py plugins and render rules that make its output Goldmark's, as Hugo sets it up.

One module per difference from markdown-it's defaults; `postedit.render.markdown`
assembles them per `MarkupConfig`.
"""
