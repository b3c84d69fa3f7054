"""Real-world pages from the shared corpus load into the form without a byte changing."""

from __future__ import annotations

import pytest

from postedit.core.document import Document, DocumentError
from postedit.core.schema import SectionSchema
from postedit.ui.form import FrontMatterForm
from tests.conftest import corpus_files

FILES = corpus_files()


@pytest.mark.slow
@pytest.mark.skipif(not FILES, reason="the shared corpus is not present")
def test_loading_corpus_pages_writes_nothing(qtbot) -> None:
    form = FrontMatterForm()
    qtbot.addWidget(form)
    form.resize(700, 600)
    form.show()
    qtbot.waitExposed(form)
    empty_schema = SectionSchema("", ())  # every field typed from its value
    shown = 0
    for path in FILES:
        try:
            document = Document.load(path)
        except DocumentError:
            continue
        with qtbot.assertNotEmitted(form.edited):
            form.set_document(document, empty_schema)
        assert document.to_bytes() == path.read_bytes(), path
        assert form.is_broken() == (document.front_matter_error is not None), path
        if not form.is_broken():
            assert form.field_names() == list(document.front_matter), path
        shown += 1
    assert shown > 0
