"""Loading and saving posts: encodings, line ends, bad input, and nothing lost."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from postedit.core.atomic import SaveError
from postedit.core.document import (
    BinaryFileError,
    Document,
    ExternalChangeError,
    FileAccessError,
    FileMissingError,
    Fingerprint,
)
from postedit.core.split import FrontMatterFormat

POST = '---\ntitle: "Hallo wereld"\ndate: 2024-02-05\n---\n\nTekst met café.\n'


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


# Encodings and line ends


def test_utf8_bom_before_delimiter_is_kept(tmp_path: Path) -> None:
    data = b"\xef\xbb\xbf" + POST.encode()
    document = Document.load(_write(tmp_path / "p.md", data))
    assert document.format is FrontMatterFormat.YAML
    assert document.front_matter["title"] == "Hallo wereld"
    document.front_matter["title"] = "Nieuw"
    assert document.to_bytes() == data.replace(b"Hallo wereld", b"Nieuw")


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_is_decoded_and_saved_back_in_utf16(tmp_path: Path, codec: str) -> None:
    data = POST.replace("\n", "\r\n").encode(codec)
    path = _write(tmp_path / "p.md", data)
    document = Document.load(path)
    assert document.front_matter["title"] == "Hallo wereld"
    assert "café" in document.body
    assert "\ufffd" not in document.body
    assert document.to_bytes() == data
    document.front_matter["title"] = "Wereld"
    document.save()
    assert path.read_bytes() == POST.replace("\n", "\r\n").replace("Hallo wereld", "Wereld").encode(
        codec
    )


def test_cp1252_is_decoded_honestly_and_saved_back(tmp_path: Path) -> None:
    text = POST.replace("café", "café “quoted” – €5")
    data = text.encode("cp1252")
    path = _write(tmp_path / "p.md", data)
    document = Document.load(path)
    assert document.encoding.codec == "cp1252"
    assert "café “quoted” – €5" in document.body
    document.body = document.body + "Meer.\n"
    document.save()
    assert path.read_bytes() == data + b"Meer.\n"


def test_cp1252_cannot_hold_emoji_gives_clear_error_then_utf8(tmp_path: Path) -> None:
    path = _write(tmp_path / "p.md", POST.replace("café", "caf\xe9").encode("cp1252"))
    document = Document.load(path)
    document.body += "Feest 🎉\n"
    with pytest.raises(SaveError, match="cannot hold “🎉”"):
        document.save()
    assert path.read_bytes() == POST.encode("cp1252")
    document.use_utf8()
    document.save()
    assert path.read_bytes().decode("utf-8").endswith("Feest 🎉\n")


def test_crlf_body_edit_keeps_crlf(tmp_path: Path) -> None:
    data = POST.replace("\n", "\r\n").encode()
    document = Document(data)
    assert "\r" not in document.body
    document.body = document.body.replace("café", "thee")
    assert document.to_bytes() == data.replace(b"caf\xc3\xa9", b"thee")


def test_missing_trailing_newline_is_kept() -> None:
    data = POST.rstrip("\n").encode()
    document = Document(data)
    document.front_matter["title"] = "X"
    assert document.to_bytes().endswith(b"caf\xc3\xa9.")


def test_mixed_line_ends_unchanged_round_trip() -> None:
    data = b"---\r\ntitle: a\nx: 1\r\n---\nbody\r\nmore\n"
    document = Document(data)
    assert document.to_bytes() == data
    document.front_matter["title"] = "b"
    assert document.to_bytes() == data.replace(b"title: a", b"title: b")


def test_post_without_front_matter_gets_yaml_when_a_field_is_added() -> None:
    document = Document(b"Just text.\n")
    assert document.format is None
    assert document.to_bytes() == b"Just text.\n"
    document.front_matter["title"] = "Titel"
    assert document.to_bytes() == b'---\ntitle: "Titel"\n---\nJust text.\n'


# Bad input: typed errors or flagged documents, and no byte lost


def test_yaml_syntax_error_is_flagged_with_line_and_column_and_kept() -> None:
    data = b'---\ntitle: "Open quote\ndate: 2024-02-05\n---\nBody\n'
    document = Document(data)
    error = document.front_matter_error
    assert error is not None
    assert error.line >= 2
    assert error.column >= 1
    assert error.message
    assert document.to_bytes() == data
    assert document.front_matter_text == 'title: "Open quote\ndate: 2024-02-05\n'
    assert document.body == "Body\n"


def test_broken_yaml_raw_text_is_editable_and_saved_as_shown(tmp_path: Path) -> None:
    path = _write(tmp_path / "p.md", b"---\ntitle: [unclosed\n---\nBody\n")
    document = Document.load(path)
    assert document.front_matter_error is not None
    assert document.front_matter_error.line == 2
    document.front_matter_text = "title: [still broken\nextra: 1\n"
    document.body = "Body edited\n"
    document.save()
    assert path.read_bytes() == b"---\ntitle: [still broken\nextra: 1\n---\nBody edited\n"
    document.front_matter_text = "title: fixed\n"
    assert document.front_matter_error is None
    assert document.front_matter["title"] == "fixed"


def test_unclosed_front_matter_is_flagged_and_kept() -> None:
    data = b"---\ntitle: a\n\nBody without closing line\n"
    document = Document(data)
    assert document.front_matter_error is not None
    assert "closing" in document.front_matter_error.message
    assert document.front_matter_error.line == 1
    assert document.body == data.decode()
    assert document.to_bytes() == data


def test_leading_thematic_break_is_explained_not_eaten() -> None:
    data = b"---\n\nA paragraph that follows a horizontal rule.\n"
    document = Document(data)
    assert document.front_matter_error is not None
    assert "horizontal rule" in document.front_matter_error.message
    assert document.to_bytes() == data
    document.body = "***\n\nA paragraph that follows a horizontal rule.\n"
    assert document.to_bytes() == b"***\n\nA paragraph that follows a horizontal rule.\n"


@pytest.mark.parametrize(
    ("front", "kind"), [("- a\n- b\n", "a list"), ("just words\n", "a single value")]
)
def test_front_matter_that_is_not_a_mapping(front: str, kind: str) -> None:
    data = f"---\n{front}---\nBody\n".encode()
    document = Document(data)
    assert document.front_matter_error is not None
    assert kind in document.front_matter_error.message
    assert document.to_bytes() == data


def test_duplicate_keys_are_flagged_and_every_line_kept() -> None:
    data = b"---\ntitle: one\ndate: 2024-01-01\ntitle: two\n---\nBody\n"
    document = Document(data)
    error = document.front_matter_error
    assert error is not None
    assert "“title” appears twice (lines 2 and 4)" in error.message
    assert error.line == 4
    assert document.to_bytes() == data


def test_json_duplicate_keys_are_flagged() -> None:
    data = b'{\n  "title": "a",\n  "title": "b"\n}\n'
    document = Document(data)
    assert document.front_matter_error is not None
    assert "appears twice" in document.front_matter_error.message
    assert document.to_bytes() == data


def test_toml_syntax_error_has_position() -> None:
    data = b'+++\ntitle = "a"\ndate = \n+++\n'
    document = Document(data)
    assert document.front_matter_error is not None
    assert document.front_matter_error.line == 3
    assert document.to_bytes() == data


@pytest.mark.parametrize("data", [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", b"abc\x00def"])
def test_binary_file_is_refused_with_a_message(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(BinaryFileError, match="binary"):
        Document.load(_write(tmp_path / "image.md", data))


def test_file_over_20_mb_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.md"
    with path.open("wb") as handle:
        handle.truncate(20 * 1024 * 1024 + 1)
    with pytest.raises(BinaryFileError, match="up to 20 MB"):
        Document.load(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FileMissingError, match="does not exist"):
        Document.load(tmp_path / "gone.md")


def _run_as_writer(code: str, *args: str) -> str:
    """Run `code` in a child Python that obeys file permissions, even as root.

    CI runs as root, for whom every file is readable and writable; dropping the
    capabilities that let root ignore permission bits makes these tests real there.
    """
    command = [sys.executable, "-c", code, *args]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: permissions cannot be denied")
        command = [setpriv, "--bounding-set=-dac_override,-dac_read_search,-fowner", *command]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_permission_denied_on_read(tmp_path: Path) -> None:
    path = _write(tmp_path / "p.md", POST.encode())
    path.chmod(0)
    out = _run_as_writer(
        "import sys\n"
        "from postedit.core.document import Document, FileAccessError\n"
        "try:\n"
        "    Document.load(sys.argv[1])\n"
        "except FileAccessError as error:\n"
        "    print('refused:', error)\n",
        str(path),
    )
    assert out.startswith("refused: postedit is not allowed to read “p.md”")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_read_only_file_loads_and_save_says_so_and_keeps_text(tmp_path: Path) -> None:
    path = _write(tmp_path / "p.md", POST.encode())
    path.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    copy = tmp_path / "copy.md"
    out = _run_as_writer(
        "import sys\n"
        "from postedit.core.document import Document, SaveError\n"
        "document = Document.load(sys.argv[1])\n"
        "print('read_only:', document.read_only)\n"
        "document.body = 'Nieuw\\n'\n"
        "try:\n"
        "    document.save()\n"
        "except SaveError as error:\n"
        "    print('refused:', error)\n"
        "print('body kept:', document.body == 'Nieuw\\n')\n"
        "document.save(sys.argv[2])\n",
        str(path),
        str(copy),
    )
    assert "read_only: True" in out
    assert "refused: “p.md” is read-only. Use Save As to keep your changes." in out
    assert "body kept: True" in out
    assert path.read_bytes() == POST.encode()
    assert copy.read_bytes().endswith(b"Nieuw\n")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_save_into_read_only_folder_fails_cleanly(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    path = _write(folder / "p.md", POST.encode())
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP)
    try:
        out = _run_as_writer(
            "import sys\n"
            "from postedit.core.document import Document, SaveError\n"
            "document = Document.load(sys.argv[1])\n"
            "document.body = 'Nieuw\\n'\n"
            "try:\n"
            "    document.save()\n"
            "except SaveError as error:\n"
            "    print('refused:', error)\n",
            str(path),
        )
        assert out.startswith("refused: postedit may not write “p.md”")
        assert path.read_bytes() == POST.encode()
        assert list(folder.iterdir()) == [path]
    finally:
        folder.chmod(stat.S_IRWXU)


def test_save_to_missing_folder_raises_save_error(tmp_path: Path) -> None:
    document = Document(POST.encode())
    with pytest.raises(SaveError, match="does not exist"):
        document.save(tmp_path / "nope" / "p.md")


# Saving


def test_save_keeps_mode_and_writes_through_symlink(tmp_path: Path) -> None:
    target = _write(tmp_path / "real.md", POST.encode())
    target.chmod(0o640)
    link = tmp_path / "link.md"
    link.symlink_to(target)
    document = Document.load(link)
    document.front_matter["title"] = "Via link"
    document.save()
    assert link.is_symlink()
    assert b"Via link" in target.read_bytes()
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.md", "real.md"]


def test_fingerprint_tracks_loaded_and_saved_bytes(tmp_path: Path) -> None:
    path = _write(tmp_path / "p.md", POST.encode())
    document = Document.load(path)
    assert document.fingerprint == Fingerprint.of(POST.encode())
    assert not document.changed_on_disk()
    path.write_bytes(POST.encode() + b"extern\n")
    assert document.changed_on_disk()
    document.body = "Eigen\n"
    document.save(overwrite_external=True)
    assert not document.changed_on_disk()
    assert document.fingerprint == Fingerprint.of(path.read_bytes())
    assert not document.is_modified


def test_after_save_further_edits_are_relative_to_the_save(tmp_path: Path) -> None:
    path = _write(tmp_path / "p.md", POST.encode())
    document = Document.load(path)
    document.front_matter["title"] = "Een"
    document.save()
    assert document.front_matter.changed_keys() == []
    document.front_matter["title"] = "Twee"
    document.save()
    assert path.read_bytes() == POST.replace("Hallo wereld", "Twee").encode()


def test_unchanged_save_writes_identical_bytes(tmp_path: Path) -> None:
    data = b"\xef\xbb\xbf---\r\ntitle: 'x'  # c\r\nn: 01234\r\n---\r\nBody"
    path = _write(tmp_path / "p.md", data)
    Document.load(path).save()
    assert path.read_bytes() == data


def test_set_text_replaces_everything_and_reparses() -> None:
    document = Document(POST.encode())
    document.set_text("+++\ntitle = 'TOML now'\n+++\nNew body\n")
    assert document.format is FrontMatterFormat.TOML
    assert document.front_matter["title"] == "TOML now"
    assert document.is_modified
    assert document.to_bytes() == b"+++\ntitle = 'TOML now'\n+++\nNew body\n"


def test_save_refuses_to_overwrite_an_external_change(tmp_path: Path) -> None:
    path = _write(tmp_path / "p.md", POST.encode())
    document = Document.load(path)
    document.body = "Mijn versie\n"
    theirs = POST.encode() + b"Hun regel\n"
    path.write_bytes(theirs)
    with pytest.raises(ExternalChangeError, match="changed outside postedit") as caught:
        document.save()
    assert not caught.value.deleted
    assert path.read_bytes() == theirs
    assert document.body == "Mijn versie\n"
    document.save(overwrite_external=True)
    assert path.read_bytes().endswith(b"Mijn versie\n")
    document.body = "Daarna\n"
    document.save()
    assert path.read_bytes().endswith(b"Daarna\n")


def test_save_refuses_to_recreate_a_deleted_post_silently(tmp_path: Path) -> None:
    path = _write(tmp_path / "p.md", POST.encode())
    document = Document.load(path)
    path.unlink()
    with pytest.raises(ExternalChangeError, match="deleted or moved") as caught:
        document.save()
    assert caught.value.deleted
    assert not path.exists()
    document.save(overwrite_external=True)
    assert path.read_bytes() == POST.encode()


def test_touch_with_identical_content_is_no_conflict(tmp_path: Path) -> None:
    path = _write(tmp_path / "p.md", POST.encode())
    document = Document.load(path)
    path.write_bytes(POST.encode())
    os.utime(path, (1, 1))
    document.body = "Nieuw\n"
    document.save()
    assert path.read_bytes().endswith(b"Nieuw\n")


def test_new_post_from_text_is_saved_as_utf8(tmp_path: Path) -> None:
    document = Document.from_text('---\ntitle: "Nieuw"\n---\n\nTekst met café.\n')
    assert document.path is None
    with pytest.raises(SaveError, match="no file yet"):
        document.save()
    target = tmp_path / "nieuw.md"
    document.save(target)
    assert target.read_bytes() == '---\ntitle: "Nieuw"\n---\n\nTekst met café.\n'.encode()
    assert document.path == target


def test_post_with_a_long_file_name_can_be_saved(tmp_path: Path) -> None:
    path = _write(tmp_path / ("lang-" * 49 + "x.md"), POST.encode())
    assert len(path.name.encode()) > 240
    document = Document.load(path)
    document.body = "Nieuw\n"
    document.save()
    assert path.read_bytes().endswith(b"Nieuw\n")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX FIFOs")
def test_a_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    with pytest.raises(FileAccessError, match="not an ordinary file"):
        Document.load(fifo)


def test_size_is_checked_before_reading(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "huge.md"
    with path.open("wb") as handle:
        handle.truncate(20 * 1024 * 1024 + 1)

    def no_reading(self: Path) -> bytes:
        raise AssertionError("read a file known to be too large")

    monkeypatch.setattr(Path, "read_bytes", no_reading)
    with pytest.raises(BinaryFileError, match="larger"):
        Document.load(path)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_writable_file_in_read_only_folder_is_read_only(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    path = _write(folder / "p.md", POST.encode())
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP)
    try:
        out = _run_as_writer(
            "import sys\nfrom postedit.core.document import Document\n"
            "print('read_only:', Document.load(sys.argv[1]).read_only)\n",
            str(path),
        )
        assert out.strip() == "read_only: True"
    finally:
        folder.chmod(stat.S_IRWXU)


def test_utf16_without_bom_with_cjk_characters() -> None:
    text = "---\ntitle: 一个标题\n---\n一 文本 with some ASCII words\n"
    data = text.encode("utf-16-le")
    document = Document(data)
    assert document.encoding.codec == "utf-16-le"
    assert document.front_matter["title"] == "一个标题"
    assert document.to_bytes() == data


def test_rebase_keeps_the_edits_and_makes_the_disk_version_the_baseline(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_bytes(b"---\ntitle: Mine\n---\nBody\n")
    document = Document.load(post)
    document.body = "Body, edited\n"
    theirs = b"---\ntitle: Theirs\n---\nTheir body\n"
    post.write_bytes(theirs)
    document.rebase(theirs)
    assert not document.changed_on_disk()
    assert document.is_modified
    document.body = "Body\n"  # undone back to what was loaded: still not what is on disk
    assert document.is_modified
    document.save()
    assert post.read_bytes() == b"---\ntitle: Mine\n---\nBody\n"


def test_rebase_onto_identical_bytes_is_not_a_change(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_bytes(b"---\ntitle: Same\n---\nBody\n")
    document = Document.load(post)
    document.rebase(b"---\ntitle: Same\n---\nBody\n")
    assert not document.is_modified
    assert document.to_bytes() == post.read_bytes()
