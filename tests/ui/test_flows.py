"""The six writer's flows of issue 4, end to end in the real window.

Each runs the window as the writer would: clicks and keys on the real widgets,
the preview read back from QtWebEngine's DOM, the saved file compared byte for
byte with what was there before.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from postedit.ui.form.chips import ChipsEditor
from postedit.ui.form.dates import DateEditor
from postedit.ui.form.image import ImageEditor
from postedit.ui.form.simple import LineEditor, LongTextEditor
from postedit.ui.posts import ENTRY_ROLE, format_date
from tests.ui import test_window_support as support
from tests.ui.helpers import dom_text, run_js, wait_for_dom
from tests.ui.test_window_support import SEED_LIKE_POST, open_site

# The shared fixtures, by name, for pytest to find here.
make_window = support.make_window
prompter = support.prompter
settings_file = support.settings_file


@pytest.fixture
def window(qtbot, make_window, demo_site: Path):
    window = make_window()
    window.resize(1400, 900)
    open_site(qtbot, window, demo_site)
    return window


def open_and_render(qtbot, window, post: Path) -> None:
    """Open `post` and wait until the preview shows it."""
    with qtbot.waitSignal(window.preview.rendered, timeout=10000):
        assert window.open_post(post)


def press_save(qtbot, window) -> None:
    with qtbot.waitSignal(window.post_saved, timeout=5000):
        qtbot.keyClick(window.editor.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def type_text(qtbot, widget, text: str) -> None:
    """Type `text` key by key; line breaks as Return presses (keyClicks cannot send them)."""
    for number, line in enumerate(text.split("\n")):
        if number:
            qtbot.keyClick(widget, Qt.Key.Key_Return)
        if line:
            qtbot.keyClicks(widget, line)


def changed_lines(before: bytes, after: bytes) -> list[tuple[bytes, bytes]]:
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    assert len(old) == len(new)
    return [(a, b) for a, b in zip(old, new, strict=True) if a != b]


def test_the_demo_site_is_listed_with_titles_and_dates_and_search_filters(
    qtbot, window, demo_site: Path
) -> None:
    titles = window.post_list.visible_titles()
    assert len(titles) == 10
    assert "Schrijven voor het web: kort, helder en vindbaar" in titles
    assert "Better website photos with the phone in your pocket" in titles  # a page bundle
    entries = [window.post_list.filter.index(r, 0).data(ENTRY_ROLE) for r in range(10)]
    posts = [e for e in entries if not e.path.endswith("_index.md") and e.section == "blog"]
    assert len(posts) == 7
    assert all(e.date is not None for e in posts)  # every blog post shows its date
    assert "2 May 2024" in [format_date(e.date) for e in posts]
    assert window.post_list.counts.text() == "10 posts  ·  2 drafts"
    qtbot.keyClicks(window.post_list.search_box, "weekstart")
    qtbot.waitUntil(lambda: len(window.post_list.visible_titles()) == 1)
    assert window.post_list.visible_titles() == [
        "De weekstart: een vaste routine voor het hele team"
    ]
    assert window.post_list.counts.text() == "1 of 10 posts"


def test_the_seed_like_post_title_changes_and_only_its_line_is_saved(
    qtbot, window, demo_site: Path
) -> None:
    post = demo_site / SEED_LIKE_POST
    before = post.read_bytes()
    open_and_render(qtbot, window, post)
    form = window.form
    kinds = {name: type(form.editor(name)) for name in form.field_names()}
    assert kinds == {
        "title": LineEditor,
        "date": DateEditor,
        "draft": type(form.editor("draft")),
        "author": LineEditor,
        "description": LongTextEditor,
        "categories": ChipsEditor,
        "tags": ChipsEditor,
        "featured_image": ImageEditor,
    }
    assert form.editor("tags").terms() == ["schrijven", "leesbaarheid", "webteksten"]
    line = form.editor("title").line
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, "Schrijven voor het web")
    assert window.isWindowModified()
    assert window.post_heading.text() == "Schrijven voor het web"
    press_save(qtbot, window)
    assert changed_lines(before, post.read_bytes()) == [
        (
            b'title: "Schrijven voor het web: kort, helder en vindbaar"\n',
            b'title: "Schrijven voor het web"\n',
        )
    ]
    assert not window.isWindowModified()


def test_typing_updates_the_preview_in_place_with_a_table_of_contents(
    qtbot, window, demo_site: Path
) -> None:
    open_and_render(qtbot, window, demo_site / SEED_LIKE_POST)
    view = window.preview.view
    run_js(qtbot, view, "document.documentElement.dataset.marker = 'kept'")
    editor = window.editor.editor
    editor.setFocus()
    cursor = editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    editor.setTextCursor(cursor)
    type_text(qtbot, editor, "\n\n## Een nieuwe kop\n\nZojuist getypte woorden.")
    wait_for_dom(
        qtbot, view, "document.body.innerText.includes('Zojuist getypte woorden.')", timeout=2000
    )
    assert run_js(qtbot, view, "document.documentElement.dataset.marker") == "kept"
    toc = json.loads(
        run_js(
            qtbot,
            view,
            "JSON.stringify(Array.from(document.querySelectorAll('nav#TableOfContents a'),"
            " a => [a.getAttribute('href'), a.textContent]))",
        )
    )
    headings = json.loads(
        run_js(
            qtbot,
            view,
            "JSON.stringify(Array.from(document.querySelectorAll('h2[id], h3[id]'),"
            " h => ['#' + h.id, h.textContent]))",
        )
    )
    assert toc, "the {{< toc >}} shortcode became no nav with links"
    assert toc == [h for h in headings if h[0] in {href for href, _ in toc}]
    assert ["#een-nieuwe-kop", "Een nieuwe kop"] in toc
    assert {href for href, _ in toc} == {href for href, _ in headings}


def test_tag_completion_offers_tags_used_elsewhere_on_the_site(qtbot, window, demo_site) -> None:
    open_and_render(qtbot, window, demo_site / SEED_LIKE_POST)
    tags = window.form.editor("tags")
    assert isinstance(tags, ChipsEditor)
    site_tags = {term for term, _ in window.index.taxonomy_values("tags")}
    elsewhere = site_tags - {"schrijven", "leesbaarheid", "webteksten"}
    assert elsewhere
    term = sorted(elsewhere)[0]
    completer = tags.completer
    # What typing the first letters asks of the completer (its popup needs a real screen).
    completer.setCompletionPrefix(term[:3])
    assert completer.completionCount() > 0
    offered = set()
    for row in range(completer.completionCount()):
        completer.setCurrentRow(row)
        offered.add(completer.currentCompletion())
    assert term in offered


def test_broken_yaml_shows_the_banner_and_save_writes_the_shown_text(
    qtbot, window, demo_site: Path
) -> None:
    post = demo_site / "content" / "blog" / "kapot.md"
    text = '---\ntitle: "Kapot\ntags: [een, twee\n---\n\nDe tekst blijft.\n'
    post.write_bytes(text.encode())
    open_and_render(qtbot, window, post)
    assert window.form.is_broken()
    banner = window.form.broken_view.banner.text()
    assert "line" in banner and "column" in banner
    raw = window.form.broken_view.text
    assert raw.toPlainText() == 'title: "Kapot\ntags: [een, twee\n'
    raw.setFocus()
    raw.moveCursor(raw.textCursor().MoveOperation.End)
    type_text(qtbot, raw, "# nog steeds kapot\n")
    editor = window.editor.editor
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, "Meer.")
    press_save(qtbot, window)
    shown = "---\n" + raw.toPlainText() + "---\n" + window.editor.text()
    assert post.read_bytes() == shown.encode()
    assert post.read_bytes() == (
        b'---\ntitle: "Kapot\ntags: [een, twee\n# nog steeds kapot\n---\n\nDe tekst blijft.\nMeer.'
    )


def test_a_script_in_raw_html_does_not_run(qtbot, make_window, demo_site: Path) -> None:
    config = demo_site / "hugo.toml"
    config.write_text(
        config.read_text(encoding="utf-8") + "\n[markup.goldmark.renderer]\nunsafe = true\n",
        encoding="utf-8",
    )
    post = demo_site / "content" / "blog" / "script.md"
    post.write_text(
        "---\ntitle: Script\n---\n\nVoor.\n\n"
        '<div id="raw">Ruwe HTML</div>\n\n'
        "<script>document.documentElement.dataset.ran = 'script';</script>\n\n"
        '<img src="x.png" onerror="document.documentElement.dataset.ran = \'onerror\'">\n\n'
        "Na.\n",
        encoding="utf-8",
    )
    window = make_window()
    open_site(qtbot, window, demo_site)
    open_and_render(qtbot, window, post)
    view = window.preview.view
    # Under load a CI run once read the DOM before this post's blocks were in it.
    wait_for_dom(qtbot, view, "document.querySelector('#raw') !== null")
    assert dom_text(qtbot, view, "#raw") == "Ruwe HTML"  # unsafe: the raw HTML is there
    assert run_js(qtbot, view, "document.querySelectorAll('script').length >= 0")
    # Give the image's error a chance to fire, then check nothing ran.
    wait_for_dom(qtbot, view, "document.readyState === 'complete'")
    assert run_js(qtbot, view, "document.documentElement.dataset.ran || 'nothing'") == "nothing"
