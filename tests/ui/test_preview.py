"""The live preview pane, checked through QtWebEngine's own DOM."""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QPalette

from postedit.core.site import Site
from postedit.render.page import page_parts
from postedit.ui.preview import PreviewPane
from postedit.ui.preview.renderer import RenderRequest, RenderResult, render_page
from tests.ui.helpers import delete_now, dom_text, run_js, wait_for_dom

BUNDLE_POST = "content/blog/better-photos-with-your-phone/index.md"


def raw_html(request: RenderRequest) -> RenderResult:
    """A renderer that takes the body as finished HTML: the pane is under test, not render/."""
    return RenderResult(request, page_parts(request.location, request.front_matter, request.body))


@pytest.fixture
def opened() -> list[str]:
    return []


@pytest.fixture
def make_pane(qtbot, opened: list[str]) -> Iterator:
    made: list[PreviewPane] = []

    def make(**options) -> PreviewPane:
        options.setdefault("open_url", lambda url: opened.append(url.toString()))
        widget = PreviewPane(**options)
        widget.resize(800, 600)
        widget.show()
        made.append(widget)
        return widget

    yield make
    for widget in made:
        delete_now(qtbot, widget)


@pytest.fixture
def pane(make_pane) -> PreviewPane:
    return make_pane()


@pytest.fixture
def html_pane(make_pane) -> PreviewPane:
    return make_pane(render=raw_html)


def show(qtbot, pane: PreviewPane, path: Path | None, front_matter: dict, body: str) -> None:
    with qtbot.waitSignal(pane.rendered, timeout=10000):
        pane.set_post(path, front_matter, body)


def images_settled(qtbot, pane: PreviewPane) -> dict[str, int]:
    """Wait until every image loaded or failed; src -> natural width (0: not loaded)."""
    wait_for_dom(
        qtbot, pane.view, "Array.from(document.images).every(function (i) { return i.complete; })"
    )
    widths = run_js(
        qtbot,
        pane.view,
        "Array.from(document.images).map(function (i) { return [i.getAttribute('src'), i.naturalWidth]; })",
    )
    return {src: int(width) for src, width in widths}


# Updating in place ------------------------------------------------------------------


def test_update_patches_the_dom_in_place(qtbot, pane: PreviewPane) -> None:
    show(qtbot, pane, None, {"title": "Hello"}, "First words.\n")
    assert "First words." in dom_text(qtbot, pane.view, "#content")
    assert dom_text(qtbot, pane.view, "#page-header") == "Hello"
    run_js(qtbot, pane.view, "document.documentElement.dataset.marker = 'kept'")
    pane.update_post({"title": "Hello again"}, "First words.\n\nA second paragraph.\n")
    wait_for_dom(qtbot, pane.view, "document.body.innerText.includes('A second paragraph.')", 2000)
    assert run_js(qtbot, pane.view, "document.documentElement.dataset.marker") == "kept"
    assert dom_text(qtbot, pane.view, "#page-header") == "Hello again"


def test_scroll_position_survives_an_update(qtbot, html_pane: PreviewPane) -> None:
    body = "".join(f'<p data-line="{n}">Paragraph {n}</p>\n' for n in range(200))
    show(qtbot, html_pane, None, {}, body)
    run_js(qtbot, html_pane.view, "window.scrollTo(0, 1500)")
    wait_for_dom(qtbot, html_pane.view, "window.scrollY === 1500")
    with qtbot.waitSignal(html_pane.rendered, timeout=2000):
        html_pane.update_post({}, body.replace("Paragraph 3<", "Paragraph three<"))
    assert dom_text(qtbot, html_pane.view, "[data-line='3']") == "Paragraph three"
    assert run_js(qtbot, html_pane.view, "window.scrollY") == 1500


def test_rendered_reports_milliseconds_since_the_edit(qtbot, pane: PreviewPane) -> None:
    show(qtbot, pane, None, {}, "a")
    with qtbot.waitSignal(pane.rendered, timeout=2000) as signal:
        pane.update_post({}, "ab")
    (elapsed,) = signal.args
    assert 100 <= elapsed < 2000  # includes the debounce pause


def test_rendering_happens_off_the_gui_thread(qtbot, make_pane) -> None:
    threads: list[int] = []

    def spy(request: RenderRequest) -> RenderResult:
        threads.append(threading.get_ident())
        return render_page(request)

    pane = make_pane(render=spy)
    show(qtbot, pane, None, {}, "one")
    with qtbot.waitSignal(pane.rendered, timeout=2000):
        pane.update_post({}, "two")
    assert len(threads) == 2
    assert threading.get_ident() not in threads


def test_each_post_has_its_own_renderer_and_splitter(qtbot, make_pane) -> None:
    requests: list[RenderRequest] = []

    def spy(request: RenderRequest) -> RenderResult:
        requests.append(request)
        return render_page(request)

    pane = make_pane(render=spy)
    show(qtbot, pane, None, {}, "one")
    with qtbot.waitSignal(pane.rendered, timeout=2000):
        pane.update_post({}, "one more")
    show(qtbot, pane, None, {}, "another post")
    first, edit, other = requests
    assert first.markdown is not None and first.splitter is not None
    # The incremental state follows one post's edits, and starts afresh for the next post.
    assert (edit.markdown, edit.splitter) == (first.markdown, first.splitter)
    assert other.markdown != first.markdown and other.splitter is not first.splitter


def test_the_gui_thread_gets_the_blocks_split_on_the_worker(qtbot, make_pane) -> None:
    results: list[RenderResult] = []
    threads: list[int] = []

    def spy(request: RenderRequest) -> RenderResult:
        threads.append(threading.get_ident())
        return raw_html(request)

    pane = make_pane(render=spy)
    pane._scheduler.rendered.connect(results.append)
    show(qtbot, pane, None, {}, "<p>a</p>\n<p>b</p>\n")
    with qtbot.waitSignal(pane.rendered, timeout=2000):
        pane.update_post({}, "<p>a</p>\n<p>b!</p>\n")
    first, second = (result.blocks for result in results)
    assert first is not None and second is not None
    assert second.previous is first.blocks
    assert second.patch is not None and second.patch.blocks == ("<p>b!</p>\n",)
    assert second.blocks[0] is first.blocks[0]  # kept, not copied
    assert threading.get_ident() not in threads


def test_problems_are_reported_when_they_change(qtbot, make_pane) -> None:
    def with_problems(request: RenderRequest) -> RenderResult:
        problems = ("shortcode “gallery” is unknown",) if "gallery" in request.body else ()
        return RenderResult(request, page_parts(request.location, {}, request.body), problems)

    pane = make_pane(render=with_problems)
    with qtbot.waitSignal(pane.problems_changed, timeout=5000) as signal:
        pane.set_post(None, {}, "{{< gallery >}}")
    assert signal.args == [["shortcode “gallery” is unknown"]]
    with qtbot.waitSignal(pane.problems_changed, timeout=2000) as signal:
        pane.update_post({}, "fixed")
    assert signal.args == [[]]


# The demo site ----------------------------------------------------------------------


def test_demo_post_shows_header_and_featured_image(
    qtbot, pane: PreviewPane, demo_site: Path
) -> None:
    site = Site.open(demo_site)
    pane.set_site(site)
    post = demo_site / BUNDLE_POST
    show(
        qtbot,
        pane,
        post,
        {"title": "Better photos", "draft": True, "featured_image": "cover.jpg"},
        "Text.",
    )
    assert dom_text(qtbot, pane.view, ".draft-badge") == "Draft"
    widths = images_settled(qtbot, pane)
    assert widths["cover.jpg"] > 0
    pane.update_post({"title": "Better photos", "image": "images/blog/blog-2.jpg"}, "Text.")
    wait_for_dom(qtbot, pane.view, "!document.querySelector('.draft-badge')", 2000)
    assert images_settled(qtbot, pane) == {"/images/blog/blog-2.jpg": 480}


def test_demo_post_has_headings_and_toc_links(qtbot, pane: PreviewPane, demo_site: Path) -> None:
    from postedit.core.document import Document

    site = Site.open(demo_site)
    pane.set_site(site)
    document = Document.load(demo_site / BUNDLE_POST)
    show(qtbot, pane, document.path, dict(document.front_matter), document.body)
    headings = run_js(
        qtbot, pane.view, "Array.from(document.querySelectorAll('#content h2')).map(h => h.id)"
    )
    assert "light-comes-first" in headings
    links = run_js(
        qtbot,
        pane.view,
        "Array.from(document.querySelectorAll('#content nav a')).map(a => a.getAttribute('href'))",
    )
    assert "#light-comes-first" in links
    assert all(f"#{heading}" in links for heading in headings)


# Nothing runs, nothing leaks ----------------------------------------------------------


SCRIPTS = """
<p>before</p>
<script>document.title = "script ran"; document.body.appendChild(document.createElement("aside"));</script>
<img src="/nothing-here.png" onerror="document.title = 'onerror ran'; document.body.appendChild(document.createElement('aside'))">
<svg onload="document.title = 'onload ran'"></svg>
<p>after</p>
"""


def test_scripts_and_handlers_in_a_post_do_not_run(qtbot, html_pane: PreviewPane) -> None:
    show(qtbot, html_pane, None, {}, SCRIPTS)
    images_settled(qtbot, html_pane)
    with qtbot.waitSignal(html_pane.rendered, timeout=2000):
        html_pane.update_post({}, SCRIPTS + "<p>patched</p>")
    images_settled(qtbot, html_pane)
    assert "patched" in dom_text(qtbot, html_pane.view, "#content")
    assert run_js(qtbot, html_pane.view, "document.title") == "Preview"
    assert run_js(qtbot, html_pane.view, "document.querySelectorAll('aside').length") == 0


def test_raw_html_script_of_an_unsafe_site_does_not_run(
    qtbot, pane: PreviewPane, demo_site: Path
) -> None:
    config = demo_site / "hugo.toml"
    config.write_text(
        config.read_text(encoding="utf-8") + "\n[markup.goldmark.renderer]\nunsafe = true\n",
        encoding="utf-8",
    )
    pane.set_site(Site.open(demo_site))
    show(qtbot, pane, demo_site / "content" / "blog" / "new.md", {}, SCRIPTS)
    images_settled(qtbot, pane)
    assert run_js(qtbot, pane.view, "document.querySelectorAll('#content script').length") == 1
    assert run_js(qtbot, pane.view, "document.title") == "Preview"
    assert run_js(qtbot, pane.view, "document.querySelectorAll('aside').length") == 0


class _Recorder(http.server.BaseHTTPRequestHandler):
    paths: list[str]

    def do_GET(self) -> None:
        self.paths.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def web_server() -> Iterator[tuple[str, list[str]]]:
    """A local web server on an ephemeral port that records every request path."""
    paths: list[str] = []
    handler = type("Recorder", (_Recorder,), {"paths": paths})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", paths
    server.shutdown()
    server.server_close()
    thread.join()


def test_remote_requests_are_blocked_unless_allowed(
    qtbot, html_pane: PreviewPane, web_server
) -> None:
    address, paths = web_server
    body = f'<img src="{address}/pixel.png"><iframe src="{address}/frame.html"></iframe>'
    show(qtbot, html_pane, None, {"image": f"{address}/cover.png"}, body)
    images_settled(qtbot, html_pane)
    qtbot.waitUntil(lambda: len(html_pane.blocked_requests) >= 2)
    assert paths == []
    with qtbot.waitSignal(html_pane.rendered, timeout=5000):
        html_pane.allow_remote_content(True)
    qtbot.waitUntil(lambda: {"/pixel.png", "/cover.png", "/frame.html"} <= set(paths), timeout=5000)


def test_files_outside_the_site_cannot_be_loaded(
    qtbot, html_pane: PreviewPane, demo_site: Path
) -> None:
    secret = demo_site.parent / "secret.jpg"
    secret.write_bytes((demo_site / "static/images/blog/blog-1.jpg").read_bytes())
    html_pane.set_site(Site.open(demo_site))
    sources = [
        "/../secret.jpg",
        "/%2e%2e/secret.jpg",
        "/..%2fsecret.jpg",
        "/images/..%2f..%2f..%2fsecret.jpg",
        "../../../../secret.jpg",
        secret.as_uri(),
        "file://" + str(secret),
        "/images/blog/blog-1.jpg",  # the control: a file the page may show
    ]
    body = "".join(f'<img src="{source}">' for source in sources)
    show(qtbot, html_pane, demo_site / "content" / "blog" / "post.md", {}, body)
    widths = images_settled(qtbot, html_pane)
    assert widths.pop("/images/blog/blog-1.jpg") == 480
    assert widths == dict.fromkeys(sources[:-1], 0)


# Links ------------------------------------------------------------------------------


def click_element(qtbot, pane: PreviewPane, selector: str) -> None:
    """A real mouse click in the middle of the element."""
    rect = run_js(
        qtbot,
        pane.view,
        f"(function (s) {{ var r = document.querySelector(s).getBoundingClientRect();"
        f" return [r.left + r.width / 2, r.top + r.height / 2]; }})({json.dumps(selector)})",
    )
    target = pane.view.focusProxy() or pane.view
    qtbot.mouseClick(target, Qt.MouseButton.LeftButton, pos=QPoint(int(rect[0]), int(rect[1])))


def test_external_link_opens_the_browser_and_the_page_stays(
    qtbot, html_pane: PreviewPane, opened: list[str]
) -> None:
    show(qtbot, html_pane, None, {}, '<p><a id="out" href="https://example.com/x">out</a></p>')
    run_js(qtbot, html_pane.view, "document.documentElement.dataset.marker = 'kept'")
    page_url = html_pane.view.url().toString()
    click_element(qtbot, html_pane, "#out")
    qtbot.waitUntil(lambda: opened == ["https://example.com/x"])
    assert html_pane.view.url().toString() == page_url
    assert run_js(qtbot, html_pane.view, "document.documentElement.dataset.marker") == "kept"


def test_anchor_link_scrolls_in_place(qtbot, html_pane: PreviewPane, opened: list[str]) -> None:
    filler = "".join(f"<p>filler {n}</p>" for n in range(100))
    body = f'<p><a id="jump" href="#far">jump</a></p>{filler}<h2 id="far">Far</h2>{filler}'
    show(qtbot, html_pane, None, {}, body)
    run_js(qtbot, html_pane.view, "document.documentElement.dataset.marker = 'kept'")
    click_element(qtbot, html_pane, "#jump")
    wait_for_dom(
        qtbot,
        html_pane.view,
        "Math.abs(document.getElementById('far').getBoundingClientRect().top) < 2",
    )
    assert run_js(qtbot, html_pane.view, "document.documentElement.dataset.marker") == "kept"
    assert opened == []


def test_internal_links_do_not_navigate(qtbot, html_pane: PreviewPane, opened: list[str]) -> None:
    body = '<p><a id="other" href="/blog/other/">other post</a> <a id="out" href="https://example.com/">out</a></p>'
    show(qtbot, html_pane, None, {}, body)
    run_js(qtbot, html_pane.view, "document.documentElement.dataset.marker = 'kept'")
    page_url = html_pane.view.url().toString()
    clicked: list[str] = []
    html_pane.site_link_clicked.connect(clicked.append)
    click_element(qtbot, html_pane, "#other")
    click_element(qtbot, html_pane, "#out")  # handled after the first click: a finish line
    qtbot.waitUntil(lambda: opened == ["https://example.com/"])
    assert clicked == ["/blog/other/"]
    assert html_pane.view.url().toString() == page_url
    assert run_js(qtbot, html_pane.view, "document.documentElement.dataset.marker") == "kept"


def test_a_link_to_a_page_of_the_site_is_announced(qtbot, html_pane: PreviewPane) -> None:
    body = '<p><a href="/contact/">x</a></p>'  # what [x](/contact/) renders to
    show(qtbot, html_pane, None, {}, body)
    with qtbot.waitSignal(html_pane.site_link_clicked, timeout=5000) as signal:
        click_element(qtbot, html_pane, "a")
    assert signal.args == ["/contact/"]


def test_a_script_click_is_a_link_click_too(qtbot, html_pane: PreviewPane) -> None:
    show(qtbot, html_pane, None, {}, '<p><a href="../caf%C3%A9/?q=1#part">x</a></p>')
    with qtbot.waitSignal(html_pane.site_link_clicked, timeout=5000) as signal:
        run_js(qtbot, html_pane.view, "document.querySelector('a').click()")
    assert signal.args == ["/café/"]  # resolved against the page, decoded, no query or fragment


def test_links_to_files_and_to_the_page_itself_are_not_announced(
    qtbot, html_pane: PreviewPane, demo_site: Path, opened: list[str]
) -> None:
    html_pane.set_site(Site.open(demo_site))
    filler = "".join(f"<p>filler {n}</p>" for n in range(100))
    body = (
        '<p><a id="image" href="/images/blog/blog-1.jpg">image</a>'
        ' <a id="self" href="/blog/post/#far">here</a>'
        ' <a id="out" href="https://example.com/">out</a></p>'
        f'{filler}<h2 id="far">Far</h2>{filler}'
    )
    show(qtbot, html_pane, demo_site / "content" / "blog" / "post.md", {}, body)
    clicked: list[str] = []
    html_pane.site_link_clicked.connect(clicked.append)
    click_element(qtbot, html_pane, "#image")
    click_element(qtbot, html_pane, "#self")
    wait_for_dom(
        qtbot,
        html_pane.view,
        "Math.abs(document.getElementById('far').getBoundingClientRect().top) < 2",
    )
    run_js(qtbot, html_pane.view, "window.scrollTo(0, 0)")
    wait_for_dom(qtbot, html_pane.view, "window.scrollY === 0")
    click_element(qtbot, html_pane, "#out")  # a finish line
    qtbot.waitUntil(lambda: opened == ["https://example.com/"])
    assert clicked == []


# Scroll sync ------------------------------------------------------------------------


LINES = "".join(f'<p data-line="{n * 2}">Paragraph on line {n * 2}</p>\n' for n in range(150))


def test_scroll_to_source_line_brings_the_block_to_the_top(qtbot, html_pane: PreviewPane) -> None:
    show(qtbot, html_pane, None, {"title": "Lines"}, LINES)
    html_pane.scroll_to_source_line(101)  # inside the block that starts on line 100
    wait_for_dom(
        qtbot,
        html_pane.view,
        "Math.abs(document.querySelector('[data-line=\"100\"]').getBoundingClientRect().top) < 1",
    )
    html_pane.scroll_to_source_line(0)
    wait_for_dom(qtbot, html_pane.view, "window.scrollY === 0")


def test_scrolling_the_preview_reports_the_top_line_once(qtbot, html_pane: PreviewPane) -> None:
    show(qtbot, html_pane, None, {}, LINES)
    shown: list[int] = []
    html_pane.source_line_shown.connect(shown.append)
    html_pane.scroll_to_source_line(60)
    wait_for_dom(qtbot, html_pane.view, "window.scrollY > 0")
    # The writer scrolls the preview; the editor's own scroll is not echoed back first.
    run_js(
        qtbot,
        html_pane.view,
        "window.scrollTo(0, document.querySelector('[data-line=\"200\"]').getBoundingClientRect().top + window.scrollY + 3)",
    )
    qtbot.waitUntil(lambda: 200 in shown)
    assert shown == [200]
    html_pane.scroll_to_source_line(200)  # the editor following: no jump
    run_js(qtbot, html_pane.view, "window.scrollTo(0, 0)")
    qtbot.waitUntil(lambda: shown[-1] == 0)
    assert shown == [200, 0]


def test_scroll_request_before_the_page_loads_is_kept(qtbot, html_pane: PreviewPane) -> None:
    with qtbot.waitSignal(html_pane.rendered, timeout=10000):
        html_pane.set_post(None, {}, LINES)
        html_pane.scroll_to_source_line(120)
    wait_for_dom(
        qtbot,
        html_pane.view,
        "Math.abs(document.querySelector('[data-line=\"120\"]').getBoundingClientRect().top) < 1",
    )


# Theme ------------------------------------------------------------------------------


def test_theme_follows_the_palette(qtbot, pane: PreviewPane) -> None:
    show(qtbot, pane, None, {}, "text")
    assert run_js(qtbot, pane.view, "document.documentElement.className") == "light"
    dark = QPalette(pane.palette())
    dark.setColor(QPalette.ColorRole.Window, QColor("#202124"))
    dark.setColor(QPalette.ColorRole.Base, QColor("#1e1f22"))
    pane.setPalette(dark)
    wait_for_dom(qtbot, pane.view, "document.documentElement.className === 'dark'")
    color = run_js(qtbot, pane.view, "getComputedStyle(document.body).color")
    assert color == "rgb(230, 230, 227)"
    show(qtbot, pane, None, {}, "another post")
    assert run_js(qtbot, pane.view, "document.documentElement.className") == "dark"


def test_an_edit_replaces_only_the_blocks_it_touched(qtbot, html_pane: PreviewPane) -> None:
    body = "".join(f'<p data-line="{n}">Paragraph {n}</p>\n' for n in range(300))
    show(qtbot, html_pane, None, {}, body)
    # Wait until the page's blocks are tracked (right after the load), then mark two.
    wait_for_dom(qtbot, html_pane.view, "window.posteditBlocks !== undefined")
    mark = "document.querySelector('[data-line=\"%d\"]').dataset.mark = 'old'"
    run_js(qtbot, html_pane.view, mark % 10)
    run_js(qtbot, html_pane.view, mark % 150)
    with qtbot.waitSignal(html_pane.rendered, timeout=2000):
        html_pane.update_post({}, body.replace("Paragraph 150<", "Paragraph 150, edited<"))
    assert dom_text(qtbot, html_pane.view, "[data-line='150']") == "Paragraph 150, edited"
    assert (
        run_js(qtbot, html_pane.view, "document.querySelector('[data-line=\"10\"]').dataset.mark")
        == "old"
    )
    assert (
        run_js(qtbot, html_pane.view, "document.querySelector('[data-line=\"150\"]').dataset.mark")
        is None
    )
    assert run_js(qtbot, html_pane.view, "document.querySelectorAll('#content p').length") == 300


def test_switching_posts_quickly_shows_the_last_one(qtbot, pane: PreviewPane) -> None:
    pane.set_post(None, {"title": "First"}, "first body")
    with qtbot.waitSignal(pane.rendered, timeout=10000):
        pane.set_post(None, {"title": "Second"}, "second body")
    wait_for_dom(qtbot, pane.view, "document.body.innerText.includes('second body')")
    assert dom_text(qtbot, pane.view, "#page-header") == "Second"
    with qtbot.waitSignal(pane.rendered, timeout=2000):
        pane.update_post({"title": "Second"}, "second body, edited")
    assert "second body, edited" in dom_text(qtbot, pane.view, "#content")


def test_theme_follows_the_application_palette(qtbot, qapp, pane: PreviewPane) -> None:
    show(qtbot, pane, None, {}, "text")
    original = QPalette(qapp.palette())
    dark = QPalette(original)
    dark.setColor(QPalette.ColorRole.Window, QColor("#202124"))
    try:
        qapp.setPalette(dark)
        wait_for_dom(qtbot, pane.view, "document.documentElement.className === 'dark'")
    finally:
        qapp.setPalette(original)
    wait_for_dom(qtbot, pane.view, "document.documentElement.className === 'light'")


def test_a_reloaded_page_is_patched_whole(qtbot, html_pane: PreviewPane) -> None:
    body = "".join(f'<p data-line="{n}">Paragraph {n}</p>\n' for n in range(20))
    show(qtbot, html_pane, None, {}, body)
    wait_for_dom(qtbot, html_pane.view, "window.posteditBlocks !== undefined")
    with qtbot.waitSignal(html_pane.view.loadFinished, timeout=5000):
        html_pane.view.page().triggerAction(html_pane.view.page().WebAction.Reload)
    with qtbot.waitSignal(html_pane.rendered, timeout=2000):
        html_pane.update_post({}, body.replace("Paragraph 5<", "Paragraph five<"))
    assert run_js(qtbot, html_pane.view, "document.querySelectorAll('#content p').length") == 20
    assert dom_text(qtbot, html_pane.view, "[data-line='5']") == "Paragraph five"


def test_a_new_line_moves_the_lines_of_the_blocks_below(qtbot, html_pane: PreviewPane) -> None:
    def page(lines: list[int]) -> str:
        return "".join(f'<p data-line="{line}">Paragraph {n}</p>\n' for n, line in enumerate(lines))

    show(qtbot, html_pane, None, {}, page([2 * n for n in range(100)]))
    wait_for_dom(qtbot, html_pane.view, "window.posteditBlocks !== undefined")
    run_js(
        qtbot, html_pane.view, "document.querySelectorAll('#content p')[80].dataset.mark = 'old'"
    )
    with qtbot.waitSignal(html_pane.rendered, timeout=2000):
        html_pane.update_post({}, page([2 * n if n <= 10 else 2 * n + 1 for n in range(100)]))
    lines = run_js(
        qtbot,
        html_pane.view,
        "Array.from(document.querySelectorAll('#content p')).map(p => +p.dataset.line)",
    )
    assert lines == [2 * n if n <= 10 else 2 * n + 1 for n in range(100)]
    assert (
        run_js(qtbot, html_pane.view, "document.querySelectorAll('#content p')[80].dataset.mark")
        == "old"
    )


def test_the_url_scheme_is_registered_once_and_early() -> None:
    from PySide6.QtWebEngineCore import QWebEngineUrlScheme

    from postedit.ui.preview import register_url_scheme

    register_url_scheme()  # again, with the application running: a no-op, no warning
    scheme = QWebEngineUrlScheme.schemeByName(b"postedit")
    assert scheme.syntax() == QWebEngineUrlScheme.Syntax.Host
    assert scheme.flags() & QWebEngineUrlScheme.Flag.SecureScheme
