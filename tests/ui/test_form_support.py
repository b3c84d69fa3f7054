"""Opening a post in a FrontMatterForm the way the window does, for the form's tests."""

from __future__ import annotations

import difflib
from pathlib import Path

from postedit.core.document import Document
from postedit.core.index import SiteIndex
from postedit.core.schema import schema_for
from postedit.core.site import Site
from postedit.ui.form import FrontMatterForm

BLOG = Path("content") / "blog"
PHOTOS = BLOG / "better-photos-with-your-phone" / "index.md"
MEETINGS = BLOG / "calm-team-meetings.md"
TOML_POST = BLOG / "kwartaalplanning-in-de-praktijk.md"
JSON_POST = BLOG / "pre-publish-checklist.md"
DATETIME_POST = BLOG / "schrijven-voor-het-web.md"


def indexed(root: Path) -> tuple[Site, SiteIndex]:
    site = Site.open(root)
    index = SiteIndex(site, use_cache=False)
    index.refresh()
    return site, index


def open_form(qtbot, site: Site, index: SiteIndex, path: Path) -> tuple[FrontMatterForm, Document]:
    """A shown form holding the post at `path` (absolute or site-relative)."""
    path = site.absolute(path)
    document = Document.load(path)
    form = FrontMatterForm()
    qtbot.addWidget(form)
    form.resize(720, 640)
    form.set_site(site, index)
    with qtbot.assertNotEmitted(form.edited):
        form.set_document(document, schema_for(site, site.section_of(path), index))
    form.show()
    qtbot.waitExposed(form)
    return form, document


def changed_lines(before: bytes, after: bytes) -> list[str]:
    """The lines a save would change, as `-old` / `+new`."""
    diff = difflib.unified_diff(
        before.decode().splitlines(), after.decode().splitlines(), lineterm="", n=0
    )
    return [line for line in diff if line[:1] in "+-" and line[:3] not in ("---", "+++")]
