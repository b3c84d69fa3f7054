"""`postedit --smoke-test [POST]` from source: the run CI repeats on the frozen bundle."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from postedit.app import main
from postedit.ui.smoke import OK_LINE, PreviewFacts, SmokeTestError, check_preview
from tests.conftest import PROJECT_ROOT

TOC_POST = Path("content") / "blog" / "schrijven-voor-het-web.md"
TITLE = "Schrijven voor het web: kort, helder en vindbaar"


def smoke_env(home: Path) -> dict[str, str]:
    """Offscreen, QtWebEngine allowed to run as root, and user folders of the test's own."""
    env = dict(os.environ)
    env.update(QT_QPA_PLATFORM="offscreen", QTWEBENGINE_CHROMIUM_FLAGS="--no-sandbox")
    for variable in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        env[variable] = str(home / variable.lower())
    return env


def run_smoke_test(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "postedit.app", "--smoke-test", *args],
        cwd=PROJECT_ROOT,
        env=smoke_env(home),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def files_under(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*") if path.is_file()) if folder.exists() else []


def test_the_smoke_test_passes_on_the_demo_site(tmp_path: Path) -> None:
    result = run_smoke_test(tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [OK_LINE]
    assert files_under(tmp_path) == []  # the demo copy, settings and cache were temporary


def test_the_smoke_test_opens_a_given_post_and_leaves_it_alone(
    tmp_path: Path, demo_site: Path
) -> None:
    post = demo_site / TOC_POST
    before = post.read_bytes(), post.stat().st_mtime_ns
    result = run_smoke_test(tmp_path / "home", str(post))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [OK_LINE]
    assert (post.read_bytes(), post.stat().st_mtime_ns) == before


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("missing.md", None, "is not a file"),
        ("photo.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
    ],
    ids=["missing", "binary"],
)
def test_a_post_that_cannot_be_opened_fails_with_the_reason(
    tmp_path: Path, name: str, content: bytes | None, reason: str
) -> None:
    post = tmp_path / name
    if content is not None:
        post.write_bytes(content)
    result = run_smoke_test(tmp_path / "home", str(post))
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith("smoke-test failed: ")
    assert reason in result.stderr


def test_a_smoke_test_that_runs_out_of_time_fails_saying_where(tmp_path: Path) -> None:
    code = "from postedit.ui.smoke import smoke_test; raise SystemExit(smoke_test(timeout_ms=20))"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=PROJECT_ROOT,
        env=smoke_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert "smoke-test failed: no result within 0.02 s (waiting for " in result.stderr


def test_the_option_goes_to_the_smoke_test_with_the_post(tmp_path: Path) -> None:
    asked: list[Path | None] = []

    def smoke_tester(post: Path | None) -> int:
        asked.append(post)
        return 7

    def launcher(_launch: object) -> int:
        raise AssertionError("the window must not start for a smoke test")

    assert main(["--smoke-test"], launcher, smoke_tester) == 7
    assert main(["--smoke-test", str(tmp_path / "missing.md")], launcher, smoke_tester) == 7
    assert asked == [None, tmp_path / "missing.md"]  # checking POST is the smoke test's job


FRONT_MATTER = {"title": TITLE}
TOC_BODY = "\n{{< toc >}}\n\n## Een\n"


def facts(headline: str | None = TITLE, targets: tuple[str, ...] = ("een",), **kw) -> PreviewFacts:
    return PreviewFacts(headline, kw.get("toc", True), targets, kw.get("unresolved", ()))


@pytest.mark.parametrize(
    ("seen", "front_matter", "body", "problem"),
    [
        (facts(), FRONT_MATTER, TOC_BODY, None),
        (facts(headline=None, toc=False, targets=()), {}, "No toc here.\n", None),
        (facts(headline="Iets anders"), FRONT_MATTER, TOC_BODY, "headline"),
        (facts(headline=None), FRONT_MATTER, TOC_BODY, "headline"),
        (facts(toc=False, targets=()), FRONT_MATTER, TOC_BODY, "did not expand"),
        (facts(targets=()), FRONT_MATTER, "{{% toc %}}\n", "did not expand"),
        (facts(unresolved=("een",)), FRONT_MATTER, TOC_BODY, "lead to no heading: een"),
    ],
)
def test_the_preview_check_wants_the_title_and_an_expanded_toc(
    seen: PreviewFacts, front_matter: dict[str, str], body: str, problem: str | None
) -> None:
    if problem is None:
        check_preview(seen, front_matter, body)
        return
    with pytest.raises(SmokeTestError, match=problem):
        check_preview(seen, front_matter, body)
