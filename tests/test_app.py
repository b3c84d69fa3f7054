"""The command line: `postedit [SITE_OR_FILE]` and the demo-site copy."""

from __future__ import annotations

import io
from pathlib import Path

from postedit.app import main
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


def test_site_summary_is_printed(demo_site: Path) -> None:
    out = io.StringIO()
    assert main([str(demo_site / "content" / "blog")], out) == 0
    text = out.getvalue()
    assert text.splitlines() == [
        "Het Logboek van Bureau Kompasroos",
        f"root: {demo_site}",
        "posts: 10 (2 drafts)",
        "sections: blog 8, (top level) 2",
        "languages: nl",
    ]


def test_post_fields_are_printed(demo_site: Path) -> None:
    out = io.StringIO()
    post = demo_site / "content" / "blog" / "schrijven-voor-het-web.md"
    assert main([str(post)], out) == 0
    assert "Front matter: yaml" in out.getvalue()
    assert "  title: " in out.getvalue()


def test_not_a_site_exits_with_a_message(tmp_path: Path, capsys) -> None:
    assert main([str(tmp_path)], io.StringIO()) == 2
    assert "postedit:" in capsys.readouterr().err


def test_binary_post_exits_with_a_message(tmp_path: Path, capsys) -> None:
    post = tmp_path / "x.md"
    post.write_bytes(b"\x00\x01binary")
    assert main([str(post)], io.StringIO()) == 2
    assert "binary" in capsys.readouterr().err


def test_missing_post_says_so(demo_site: Path, capsys) -> None:
    assert main([str(demo_site / "content" / "blog" / "missing.md")], io.StringIO()) == 2
    assert "does not exist" in capsys.readouterr().err


def test_broken_site_config_is_a_message_not_a_traceback(tmp_path: Path, capsys) -> None:
    (tmp_path / "hugo.toml").write_text("title = = \n", encoding="utf-8")
    (tmp_path / "content").mkdir()
    assert main([str(tmp_path)], io.StringIO()) == 2
    error = capsys.readouterr().err
    assert error.startswith("postedit: ")
    assert "hugo.toml" in error
    assert "Traceback" not in error
