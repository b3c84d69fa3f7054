"""Unchanged posts are written back byte for byte: the shared corpus and the demo site."""

from __future__ import annotations

from pathlib import Path

import pytest

from postedit.core.document import Document
from tests.conftest import DEMO_SITE, corpus_files

CORPUS_FILES = corpus_files()
DEMO_FILES = sorted((DEMO_SITE / "content").rglob("*.md"))


def _id(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


@pytest.mark.skipif(not CORPUS_FILES, reason="shared corpus not present on this machine")
@pytest.mark.parametrize("path", CORPUS_FILES, ids=_id)
def test_corpus_post_round_trips_byte_for_byte(path: Path, tmp_path: Path) -> None:
    original = path.read_bytes()
    document = Document.load(path)
    assert document.front_matter_error is None, document.front_matter_error
    assert document.to_bytes() == original
    copy = tmp_path / path.name
    document.save(copy)
    assert copy.read_bytes() == original


@pytest.mark.skipif(not CORPUS_FILES, reason="shared corpus not present on this machine")
@pytest.mark.parametrize("path", CORPUS_FILES[::7], ids=_id)
def test_corpus_title_edit_touches_only_the_title_lines(path: Path) -> None:
    document = Document.load(path)
    if "title" not in document.front_matter:
        pytest.skip("post has no title")
    before = document.to_bytes().decode("utf-8").splitlines(keepends=True)
    document.front_matter["title"] = "A new title: with colon & “quotes”"
    after_text = document.to_bytes().decode("utf-8")
    after = after_text.splitlines(keepends=True)
    changed = [(old, new) for old, new in zip(before, after, strict=False) if old != new]
    assert len(before) == len(after) or "\n" in str(document.front_matter)
    assert len(changed) == 1, changed
    assert "title" in changed[0][1].lower()
    assert Document(after_text.encode()).front_matter["title"] == document.front_matter["title"]


@pytest.mark.parametrize("path", DEMO_FILES, ids=_id)
def test_demo_post_round_trips_byte_for_byte(path: Path) -> None:
    original = path.read_bytes()
    document = Document.load(path)
    assert document.front_matter_error is None
    assert document.front_matter.get("title")
    assert document.to_bytes() == original
    assert not document.is_modified


def test_archetype_with_template_actions_round_trips_and_is_flagged() -> None:
    path = DEMO_SITE / "archetypes" / "default.md"
    document = Document.load(path)
    assert document.to_bytes() == path.read_bytes()
    assert document.front_matter_error is not None  # `{{ .Date }}` is not YAML
