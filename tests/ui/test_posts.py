"""The post list over a real index of the demo site: order, badges, search, counts."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from postedit.core.index import SiteIndex
from postedit.core.site import Site
from postedit.ui.posts import ENTRY_ROLE, PATH_ROLE, PostList, format_date


@pytest.fixture
def index(demo_site: Path, tmp_path: Path) -> SiteIndex:
    index = SiteIndex(Site.open(demo_site), tmp_path / "cache")
    index.refresh()
    return index


@pytest.fixture
def post_list(qtbot, index: SiteIndex) -> PostList:
    widget = PostList()
    qtbot.addWidget(widget)
    widget.set_index(index)
    return widget


def test_all_posts_newest_first_with_counts(post_list: PostList, index: SiteIndex) -> None:
    titles = post_list.visible_titles()
    assert titles == [entry.title for entry in index.entries]
    assert len(titles) == 10
    dates = [e.date for e in index.entries if e.date is not None]
    assert [str(d)[:10] for d in dates] == sorted((str(d)[:10] for d in dates), reverse=True)
    assert post_list.counts.text() == "10 posts  ·  2 drafts"


def test_rows_carry_entry_and_absolute_path(post_list: PostList, demo_site: Path) -> None:
    row = post_list.visible_titles().index("Schrijven voor het web: kort, helder en vindbaar")
    index = post_list.filter.index(row, 0)
    assert index.data(PATH_ROLE) == demo_site.resolve() / "content/blog/schrijven-voor-het-web.md"
    assert index.data(ENTRY_ROLE).section == "blog"


def test_search_filters_by_title_and_tag_ignoring_case(qtbot, post_list: PostList) -> None:
    post_list.search_box.setText("KWARTAALPLANNING")
    qtbot.waitUntil(lambda: len(post_list.visible_titles()) < 10)
    assert post_list.visible_titles() == ["Kwartaalplanning in de praktijk"]
    assert post_list.counts.text() == "1 of 10 posts"
    post_list.search_box.setText("leesbaarheid")  # a tag of one post, in no title
    qtbot.waitUntil(lambda: "Kwartaalplanning in de praktijk" not in post_list.visible_titles())
    assert "Schrijven voor het web: kort, helder en vindbaar" in post_list.visible_titles()
    post_list.search_box.setText("no such words anywhere")
    qtbot.waitUntil(lambda: post_list.visible_titles() == [])
    assert post_list.counts.text() == "0 of 10 posts"
    post_list.search_box.clear()
    qtbot.waitUntil(lambda: len(post_list.visible_titles()) == 10)


def test_clicking_a_post_announces_its_path(qtbot, post_list: PostList) -> None:
    view = post_list.view
    rect = view.visualRect(post_list.filter.index(2, 0))
    with qtbot.waitSignal(post_list.post_chosen) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args[0] == post_list.filter.index(2, 0).data(PATH_ROLE)


def test_select_path_marks_without_announcing(qtbot, post_list: PostList, demo_site: Path) -> None:
    post = demo_site / "content/blog/schrijven-voor-het-web.md"
    with qtbot.assertNotEmitted(post_list.post_chosen):
        post_list.select_path(post)
    assert post_list.view.currentIndex().data(PATH_ROLE) == post.resolve()
    post_list.select_path(None)
    assert post_list.view.selectionModel().selectedIndexes() == []


def test_drafts_are_marked_for_the_painter(post_list: PostList) -> None:
    entries = [post_list.filter.index(row, 0).data(ENTRY_ROLE) for row in range(10)]
    assert sum(entry.draft for entry in entries) == 2


def test_dates_read_like_dates() -> None:
    import datetime as dt

    assert format_date(dt.date(2024, 5, 2)) == "2 May 2024"
    assert format_date(dt.datetime(2024, 10, 21, 9, 30)) == "21 Oct 2024"
    assert format_date(None) == "No date"


def test_without_a_site_the_list_is_empty(qtbot) -> None:
    widget = PostList()
    qtbot.addWidget(widget)
    widget.set_index(None)
    assert widget.visible_titles() == []


def test_long_titles_wrap_to_two_lines_then_elide(qtbot) -> None:
    from PySide6.QtGui import QFont, QFontMetrics

    from postedit.ui.posts import title_lines

    metrics = QFontMetrics(QFont())
    width = metrics.horizontalAdvance("Een website die meegroeit")
    assert title_lines("Kort", metrics, width) == ["Kort"]
    lines = title_lines(
        "Een website die meegroeit met je bedrijf en nog veel meer woorden", metrics, width
    )
    assert lines[0] == "Een website die meegroeit"
    assert len(lines) == 2 and lines[1].endswith("…")
    assert all(metrics.horizontalAdvance(line) <= width for line in lines)
