"""The command line: `postedit [SITE_OR_FILE]` and the demo-site copy."""

from __future__ import annotations

from pathlib import Path

from postedit.app import Launch, main, start_site
from postedit.core.paths import ensure_demo_site, resources_dir
from tests.conftest import DEMO_SITE


def test_resources_are_found_from_a_checkout() -> None:
    assert resources_dir() == DEMO_SITE.parent


def test_demo_site_is_copied_once_and_never_edited_in_place(tmp_path: Path) -> None:
    copy = ensure_demo_site(tmp_path)
    assert copy == tmp_path / "demo-site"
    assert (copy / "hugo.toml").read_bytes() == (DEMO_SITE / "hugo.toml").read_bytes()
    assert sorted(p.name for p in (copy / "content" / "blog").iterdir()) == sorted(
        p.name for p in (DEMO_SITE / "content" / "blog").iterdir()
    )
    (copy / "hugo.toml").write_text("# the writer's own change\n", encoding="utf-8")
    assert ensure_demo_site(tmp_path) == copy
    assert (copy / "hugo.toml").read_text(encoding="utf-8") == "# the writer's own change\n"
    assert [p.name for p in tmp_path.iterdir()] == ["demo-site"]


class Recorder:
    """Stands in for the window: records what it was asked to open."""

    def __init__(self) -> None:
        self.launches: list[Launch] = []

    def __call__(self, launch: Launch) -> int:
        self.launches.append(launch)
        return 0


def test_a_site_folder_opens_as_a_site(demo_site: Path) -> None:
    recorder = Recorder()
    assert main([str(demo_site / "content" / "blog")], recorder) == 0
    assert recorder.launches == [Launch(site=demo_site.resolve())]


def test_a_post_opens_as_a_post(demo_site: Path) -> None:
    recorder = Recorder()
    post = demo_site / "content" / "blog" / "schrijven-voor-het-web.md"
    assert main([str(post)], recorder) == 0
    assert recorder.launches == [Launch(post=post)]


def test_a_relative_post_path_is_made_absolute(demo_site: Path, monkeypatch) -> None:
    monkeypatch.chdir(demo_site)
    recorder = Recorder()
    assert main(["content/contact.md"], recorder) == 0
    assert recorder.launches == [Launch(post=demo_site / "content" / "contact.md")]


def test_without_a_path_the_last_site_or_the_demo_opens(tmp_path: Path, demo_site: Path) -> None:
    recorder = Recorder()
    assert main([], recorder) == 0
    assert recorder.launches == [Launch()]
    made: list[Path] = []

    def demo() -> Path:
        made.append(tmp_path / "demo")
        return made[-1]

    assert start_site(Launch(), demo_site, demo) == Launch(site=demo_site)
    assert made == []
    assert start_site(Launch(), tmp_path / "gone", demo) == Launch(site=tmp_path / "demo")
    assert start_site(Launch(), None, demo) == Launch(site=tmp_path / "demo")
    post = Launch(post=demo_site / "content" / "contact.md")
    assert start_site(post, demo_site, demo) == post


def test_not_a_site_exits_with_a_message(tmp_path: Path, capsys) -> None:
    recorder = Recorder()
    assert main([str(tmp_path)], recorder) == 2
    error = capsys.readouterr().err
    assert error.startswith("postedit: ") and error.count("\n") == 1
    assert recorder.launches == []


def test_binary_post_exits_with_a_message(tmp_path: Path, capsys) -> None:
    post = tmp_path / "x.md"
    post.write_bytes(b"\x00\x01binary")
    assert main([str(post)], Recorder()) == 2
    assert "binary" in capsys.readouterr().err


def test_missing_post_says_so(demo_site: Path, capsys) -> None:
    assert main([str(demo_site / "content" / "blog" / "missing.md")], Recorder()) == 2
    assert "does not exist" in capsys.readouterr().err


def test_broken_site_config_is_a_message_not_a_traceback(tmp_path: Path, capsys) -> None:
    (tmp_path / "hugo.toml").write_text("title = = \n", encoding="utf-8")
    (tmp_path / "content").mkdir()
    assert main([str(tmp_path)], Recorder()) == 2
    error = capsys.readouterr().err
    assert error.startswith("postedit: ")
    assert "hugo.toml" in error
    assert "Traceback" not in error


def test_importing_the_app_starts_nothing() -> None:
    """No Qt at import time: the command line is checked before any window exists."""
    import subprocess
    import sys

    code = (
        "import sys, postedit.app; print(sorted(m for m in sys.modules if m.startswith('PySide6')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
