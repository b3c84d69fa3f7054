"""The render scheduler: debounced, one render at a time, the newest text last."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QRunnable

from postedit.render.page import locate_page, page_parts
from postedit.ui.preview.renderer import (
    RenderRequest,
    RenderResult,
    make_markdown,
    render_page,
)
from postedit.ui.preview.worker import RenderScheduler


def request(body: str, generation: int = 1) -> RenderRequest:
    return RenderRequest(locate_page(None, None), {}, body, generation=generation)


class Recorder:
    """A render function that records what it rendered and may hold a render back."""

    def __init__(self) -> None:
        self.bodies: list[str] = []
        self.threads: set[int] = set()
        self.gate = threading.Event()
        self.gate.set()

    def __call__(self, job: RenderRequest) -> RenderResult:
        self.gate.wait(10)
        self.bodies.append(job.body)
        self.threads.add(threading.get_ident())
        return RenderResult(job, page_parts(job.location, {}, job.body))


class InlinePool:
    """Runs work on the calling thread: what tests use when threads are not the point."""

    def start(self, runnable: QRunnable) -> None:
        runnable.run()


def test_edits_in_quick_succession_render_once(qtbot) -> None:
    render = Recorder()
    scheduler = RenderScheduler(render, debounce_ms=50)
    results: list[RenderResult] = []
    scheduler.rendered.connect(results.append)
    for body in ("a", "ab", "abc", "abcd"):
        scheduler.request(request(body))
    qtbot.waitUntil(lambda: len(results) == 1)
    assert render.bodies == ["abcd"]
    assert results[0].parts.content == "abcd"
    assert threading.get_ident() not in render.threads
    assert not scheduler.busy


def test_edits_during_a_render_render_once_more_with_the_newest_text(qtbot) -> None:
    render = Recorder()
    render.gate.clear()
    scheduler = RenderScheduler(render, debounce_ms=0)
    results: list[RenderResult] = []
    scheduler.rendered.connect(results.append)
    scheduler.request(request("first"), now=True)
    assert scheduler.busy
    scheduler.request(request("second"), now=True)
    scheduler.request(request("third"), now=True)
    render.gate.set()
    qtbot.waitUntil(lambda: len(results) == 2)
    assert render.bodies == ["first", "third"]
    assert [result.request.body for result in results] == ["first", "third"]


def test_results_arrive_queued_even_from_an_inline_pool(qtbot) -> None:
    render = Recorder()
    scheduler = RenderScheduler(render, pool=InlinePool())
    results: list[RenderResult] = []
    scheduler.rendered.connect(results.append)
    scheduler.request(request("now"), now=True)
    assert render.bodies == ["now"] and results == []  # delivered by the event loop
    qtbot.waitUntil(lambda: len(results) == 1)


def test_cancel_forgets_the_pending_request(qtbot) -> None:
    render = Recorder()
    scheduler = RenderScheduler(render, pool=InlinePool(), debounce_ms=10)
    scheduler.request(request("dropped"))
    scheduler.cancel()
    with qtbot.waitSignal(scheduler.rendered, timeout=2000):
        scheduler.request(request("kept"), now=True)
    assert render.bodies == ["kept"]


# The adapter to render/ ------------------------------------------------------------


def test_render_page_gives_header_content_and_problems(demo_site: Path) -> None:
    from postedit.core.site import Site

    site = Site.open(demo_site)
    location = locate_page(site, demo_site / "content" / "blog" / "x.md")
    job = RenderRequest(location, {"title": "T"}, "# Kop\n\n{{< nope >}}\n", make_markdown(site))
    result = render_page(job)
    assert 'data-line="0"' in result.parts.content
    assert '<h1 class="page-title">T</h1>' in result.parts.header
    assert len(result.problems) == 1 and "nope" in result.problems[0]


@pytest.mark.parametrize(
    "edits",
    [
        ["{{< toc >}}\n\n## A\n\ntext\n", "{{< toc >}}\n\n## A\n\ntext more\n"],
        [
            "## A\n\n{{% callout %}}\nin\n{{% /callout %}}\n\nafter\n",
            "## A\n\n{{% callout %}}\nin\nmore\n{{% /callout %}}\n\nafter\n",
        ],
        ["one\n\ntwo\n", "zero\n\none\n\ntwo\n", "one\n\ntwo\n\nthree\n"],
    ],
)
def test_incremental_markdown_equals_a_full_render(demo_site: Path, edits: list[str]) -> None:
    from postedit.core.site import Site
    from postedit.render.content import render_post

    site = Site.open(demo_site)
    path = demo_site / "content" / "blog" / "x.md"
    markdown = make_markdown(site)
    for body in edits:
        incremental = render_post(body, site=site, path=path, preview=True, markdown=markdown)
        full = render_post(body, site=site, path=path, preview=True)
        assert incremental == full
