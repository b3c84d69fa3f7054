"""The Qt binding itself must not corrupt Python's reference counts.

PySide6 6.12.0 under Python 3.11 drops a reference to None on every call of a
method returning void (None became immortal only in Python 3.12): an editor that
highlights a long post aborts with "deallocating None". pyproject excludes that
release; this test fails if a broken binding comes back.
"""

from __future__ import annotations

import sys

from PySide6.QtGui import QTextDocument


def test_void_calls_keep_the_reference_count_of_none() -> None:
    document = QTextDocument()
    block = document.firstBlock()
    before = sys.getrefcount(None)
    for _ in range(2000):
        block.setUserState(1)
    # Allow small drift from unrelated objects; the bug loses one per call.
    assert sys.getrefcount(None) - before > -100
