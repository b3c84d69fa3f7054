"""Image fields: found where themes look (bundle, static folders), named as Hugo expects."""

from __future__ import annotations

from pathlib import Path

import pytest

from postedit.core.images import copy_into_site, front_matter_path, resolve_image
from postedit.core.site import Site


@pytest.fixture
def site(demo_site: Path) -> Site:
    return Site.open(demo_site)


def bundle_post(site: Site) -> Path:
    return site.content_dir / "blog" / "better-photos-with-your-phone" / "index.md"


def plain_post(site: Site) -> Path:
    return site.content_dir / "blog" / "calm-team-meetings.md"


def test_a_bundle_image_is_found_next_to_the_post(site: Site) -> None:
    found = resolve_image(site, bundle_post(site), "cover.jpg")
    assert found.path == bundle_post(site).parent / "cover.jpg"
    assert found.problem is None


@pytest.mark.parametrize("value", ["images/blog/blog-6.jpg", "/images/blog/blog-6.jpg"])
def test_a_static_image_is_found_with_or_without_a_leading_slash(site: Site, value: str) -> None:
    found = resolve_image(site, plain_post(site), value)
    assert found.path == site.root / "static" / "images" / "blog" / "blog-6.jpg"


def test_a_leading_slash_never_names_the_bundle(site: Site) -> None:
    found = resolve_image(site, bundle_post(site), "/cover.jpg")
    assert found.path is None
    assert "cover.jpg" in (found.problem or "")


def test_a_missing_image_says_so(site: Site) -> None:
    found = resolve_image(site, plain_post(site), "images/nope.jpg")
    assert found.path is None
    assert found.problem == "There is no image “images/nope.jpg” in the static folder."


def test_remote_images_are_not_fetched(site: Site) -> None:
    found = resolve_image(site, plain_post(site), "https://example.org/x.jpg")
    assert found.remote and found.path is None and found.problem is None


def test_a_path_cannot_escape_the_site(site: Site) -> None:
    found = resolve_image(site, plain_post(site), "../../hugo.toml")
    assert found.path is None


def test_empty_is_nothing(site: Site) -> None:
    assert resolve_image(site, plain_post(site), "  ").path is None
    assert resolve_image(site, plain_post(site), "").problem is None


def test_assets_folder_counts(site: Site) -> None:
    image = site.root / "assets" / "img" / "logo.png"
    image.parent.mkdir(parents=True)
    image.write_bytes(b"png")
    assert resolve_image(site, plain_post(site), "img/logo.png").path == image


def test_chosen_files_are_named_as_the_site_finds_them(site: Site) -> None:
    static_image = site.root / "static" / "images" / "blog" / "blog-2.jpg"
    bundle_image = bundle_post(site).parent / "cover.jpg"
    assert front_matter_path(site, plain_post(site), static_image) == "images/blog/blog-2.jpg"
    assert (
        front_matter_path(site, plain_post(site), static_image, like="/images/old.jpg")
        == "/images/blog/blog-2.jpg"
    )
    assert front_matter_path(site, bundle_post(site), bundle_image, like="/x.jpg") == "cover.jpg"
    assert front_matter_path(site, plain_post(site), site.root / "hugo.toml") is None


def test_copy_into_the_bundle_or_static_images_without_overwriting(
    site: Site, tmp_path: Path
) -> None:
    outside = tmp_path / "photo.jpg"
    outside.write_bytes(b"jpeg")
    first = copy_into_site(site, bundle_post(site), outside)
    assert first == bundle_post(site).parent / "photo.jpg"
    second = copy_into_site(site, bundle_post(site), outside)
    assert second.name == "photo-2.jpg" and first.read_bytes() == b"jpeg"
    static = copy_into_site(site, plain_post(site), outside)
    assert static == site.root / "static" / "images" / "photo.jpg"
    assert front_matter_path(site, plain_post(site), static) == "images/photo.jpg"


@pytest.mark.parametrize(
    "value",
    ["%00.jpg", "a\x00b.jpg", "x" * 5000 + ".jpg", "images/" + "y" * 300 + ".png"],
    ids=["escaped-nul", "nul", "long-name", "long-part"],
)
def test_a_name_no_file_can_have_is_no_image_not_an_error(site: Site, value: str) -> None:
    # These raised ValueError / OSError (name too long) and stopped the form.
    found = resolve_image(site, bundle_post(site), value)
    assert found.path is None
    assert found.problem is not None and "There is no image" in found.problem


def test_an_inline_data_image_needs_no_file(site: Site) -> None:
    found = resolve_image(site, plain_post(site), "data:image/png;base64," + "A" * 50_000)
    assert found == resolve_image(site, plain_post(site), "")
