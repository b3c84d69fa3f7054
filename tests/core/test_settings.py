"""The typed settings: what opening sites and posts remembers."""

from __future__ import annotations

from pathlib import Path

from postedit.core.settings import MAX_RECENT_SITES, Settings, WindowLayout


def test_opening_a_site_puts_it_first_once() -> None:
    settings = Settings().with_site(Path("/a")).with_site(Path("/b")).with_site(Path("/a"))
    assert settings.recent_sites == (Path("/a"), Path("/b"))
    assert settings.last_site == Path("/a")


def test_recent_sites_are_capped() -> None:
    settings = Settings()
    for number in range(MAX_RECENT_SITES + 3):
        settings = settings.with_site(Path(f"/site{number}"))
    assert len(settings.recent_sites) == MAX_RECENT_SITES
    assert settings.recent_sites[0] == Path(f"/site{MAX_RECENT_SITES + 2}")


def test_last_post_belongs_to_the_last_site() -> None:
    settings = Settings().with_site(Path("/a")).with_post(Path("/a/content/p.md"))
    assert settings.with_site(Path("/a")).last_post == Path("/a/content/p.md")
    assert settings.with_site(Path("/b")).last_post is None


def test_forgetting_a_recent_site() -> None:
    settings = Settings().with_site(Path("/b")).with_site(Path("/a")).with_post(Path("/a/p.md"))
    forgotten = settings.without_recent(Path("/a"))
    assert forgotten.recent_sites == (Path("/b"),)
    assert forgotten.last_site is None
    assert forgotten.last_post is None
    assert settings.without_recent(Path("/b")).last_post == Path("/a/p.md")


def test_settings_are_values() -> None:
    layout = WindowLayout(b"geo", (1, 2, 3), (4, 5))
    assert Settings().with_layout(layout) == Settings(layout=layout)
    assert Settings().with_layout(layout) != Settings()
