"""Qt-free core: documents, the site, its schema and index, watching and recovery.

Nothing in this package may import Qt; a test walks the source tree to keep it so.
"""
