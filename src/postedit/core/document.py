"""A post on disk: its front matter and body, loaded and saved without loss.

Data flows one way: file bytes -> `Document` -> (form, editor) -> `Document` ->
file bytes. The Document keeps the exact decoded text it loaded; `to_bytes()`
rebuilds the file from that text, splicing in only what was edited, so an
unchanged post is written back byte for byte. Spliced front matter is read back
before it is used: if it would not read as exactly the values set (or would end
early), the codec's full rewrite is tried, and failing that the save is refused
with a message. Damage is never written.

Problems are reported, never hidden:
- unreadable files (missing, no permission, binary, too large) raise a
  `DocumentError` subclass with a message meant for the writer;
- unreadable front matter (syntax error, unclosed, a list instead of fields,
  duplicate keys) loads anyway: `front_matter_error` says what and where, the raw
  text stays editable through `front_matter_text`, and a save writes it as shown.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from postedit.core.atomic import SaveError, atomic_write
from postedit.core.codecs import CODECS, FrontMatterCodec, FrontMatterSyntaxError
from postedit.core.codecs.base import FrontMatterWriteError
from postedit.core.paths import same_file
from postedit.core.split import FrontMatterFormat, SplitPost, split_post
from postedit.core.textio import (
    MAX_POST_BYTES,
    TextDecodeError,
    TextEncoding,
    decode,
    from_lf,
    split_lines,
    to_lf,
    too_large,
)
from postedit.core.values import FrontMatter, reads_as

__all__ = [
    "BinaryFileError",
    "Document",
    "DocumentError",
    "ExternalChangeError",
    "Fingerprint",
    "FrontMatterError",
    "SaveError",
]


class DocumentError(Exception):
    """A post that cannot be opened; `str(error)` is a message for the writer."""


class ExternalChangeError(SaveError):
    """The post's file changed (or vanished) on disk since we loaded or saved it."""

    def __init__(self, path: Path, *, deleted: bool) -> None:
        what = "deleted or moved" if deleted else "changed"
        super().__init__(
            f"“{path.name}” was {what} outside postedit since you opened it. "
            "Saving now would overwrite that; compare first, or save anyway."
        )
        self.path = path
        self.deleted = deleted


def _early_delimiter(split: SplitPost, front_matter: str) -> FrontMatterError | None:
    """An error when a line inside the front matter would close it early."""
    delimiter = split.format.delimiter if split.format else None
    if delimiter is None:
        return None
    for number, line in enumerate(split_lines(front_matter)):
        if line.startswith(delimiter):
            return FrontMatterError(
                f"This line starts with “{delimiter}”, which ends the front matter here "
                "for Hugo; indent it or put the text in quotes.",
                split.front_matter_first_line + number,
                1,
            )
    return None


def _writable(path: Path) -> bool:
    """Whether a save can replace `path`: the file and its folder must be writable."""
    real = Path(os.path.realpath(path))
    return os.access(real, os.W_OK) and os.access(real.parent, os.W_OK)


class EncodingSaveError(SaveError):
    """The post's own encoding cannot hold some of its new text; UTF-8 can."""


class FileMissingError(DocumentError):
    """The post's file does not exist (any more)."""


class FileAccessError(DocumentError):
    """The operating system refused to let us read the file."""


class BinaryFileError(DocumentError):
    """The file is not text we can edit: binary content or too large."""


@dataclass(frozen=True)
class FrontMatterError:
    """Why front matter could not be read, with a 1-based line and column in the file."""

    message: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"Line {self.line}, column {self.column}: {self.message}"


@dataclass(frozen=True)
class Fingerprint:
    """Size and SHA-256 of bytes on disk: tells our own writes from someone else's."""

    size: int
    sha256: str

    @classmethod
    def of(cls, data: bytes) -> Fingerprint:
        return cls(len(data), hashlib.sha256(data).hexdigest())

    @classmethod
    def of_file(cls, path: Path) -> Fingerprint | None:
        """The fingerprint of the file now on disk, or None if it cannot be read."""
        try:
            return cls.of(Path(path).read_bytes())
        except OSError:
            return None


class Document:
    """One post: front matter (tracked mapping), body text, and how to write them back."""

    def __init__(self, data: bytes, path: Path | None = None, *, read_only: bool = False) -> None:
        """Build a Document from raw bytes; raise BinaryFileError for non-text."""
        try:
            text, encoding = decode(data)
        except TextDecodeError as error:
            raise BinaryFileError(str(error)) from error
        self.path = path
        self.read_only = read_only
        self.encoding: TextEncoding = encoding
        self._mark_saved(data, text)

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Document:
        """Read a post from disk; raise a DocumentError subclass when it cannot be read."""
        path = Path(path)
        try:
            info = path.stat()
            if stat.S_ISDIR(info.st_mode):
                raise FileAccessError(f"“{path.name}” is a folder, not a post.")
            if not stat.S_ISREG(info.st_mode):  # a pipe or device would never end
                raise FileAccessError(f"“{path.name}” is not an ordinary file.")
            if info.st_size > MAX_POST_BYTES:
                raise BinaryFileError(f"“{path.name}” cannot be opened as a post. {too_large()}")
            data = path.read_bytes()
        except FileNotFoundError as error:
            raise FileMissingError(f"“{path.name}” does not exist (any more).") from error
        except PermissionError as error:
            raise FileAccessError(f"postedit is not allowed to read “{path.name}”.") from error
        except OSError as error:
            raise FileAccessError(f"“{path.name}” could not be read: {error.strerror}.") from error
        try:
            return cls(data, path, read_only=not _writable(path))
        except BinaryFileError as error:
            raise BinaryFileError(f"“{path.name}” cannot be opened as a post. {error}") from error

    @classmethod
    def from_text(cls, text: str, path: Path | None = None) -> Document:
        """A new post from text, stored as UTF-8 with the newline the text uses."""
        return cls(text.encode("utf-8"), path)

    def _mark_saved(self, data: bytes, text: str) -> None:
        """Make `data` (decoded: `text`) the baseline for changes and conflicts."""
        self.fingerprint = Fingerprint.of(data)
        self._saved_bytes = data
        self._saved_text = text
        self._saved_encoding = self.encoding
        self.set_text(text)

    def set_text(self, text: str) -> None:
        """Replace the whole file text (the "source" view) and read it again."""
        self._split: SplitPost = split_post(text)
        self._body_lf_original = to_lf(self._split.body)
        self._body_lf = self._body_lf_original
        self._front_matter_raw = self._split.front_matter
        self._written: tuple[tuple[str, str], str] | None = None
        self._parse_front_matter()

    def _parse_front_matter(self) -> None:
        split = self._split
        self.front_matter_error: FrontMatterError | None = None
        self.front_matter = FrontMatter()
        if split.error:
            self.front_matter_error = FrontMatterError(split.error, split.error_line, 1)
            return
        if split.format is None:
            return
        early = _early_delimiter(split, self._front_matter_raw)
        if early is not None:
            self.front_matter_error = early
            return
        codec = CODECS[split.format]
        first_line = split.front_matter_first_line
        try:
            values = codec.load(self._front_matter_raw, first_line)
        except FrontMatterSyntaxError as error:
            self.front_matter_error = FrontMatterError(error.message, error.line, error.column)
            return
        except (RecursionError, ValueError, TypeError) as error:  # absurd nesting, huge numbers
            message = f"The front matter cannot be read: {error}"
            self.front_matter_error = FrontMatterError(message, first_line, 1)
            return
        self.front_matter = FrontMatter(values)

    @property
    def format(self) -> FrontMatterFormat | None:
        """The front matter's format, or None for a post without any."""
        return self._split.format

    @property
    def newline(self) -> str:
        """The line end the file mostly uses; lines we write use it too."""
        return self.encoding.newline

    @property
    def body(self) -> str:
        """The Markdown body, with LF line ends whatever the file uses.

        For a post whose front matter never closes, Hugo sees no body at all;
        we show the whole text here so nothing is hidden from the writer.
        """
        return self._body_lf

    @body.setter
    def body(self, value: str) -> None:
        self._body_lf = to_lf(value)

    @property
    def front_matter_text(self) -> str:
        """The front-matter text between the delimiters, with LF line ends like `body`.

        Edits in `front_matter` are reflected here (it is what a save writes).
        Setting it replaces the raw text, as a raw editor does when the writer
        repairs broken front matter, and reads it again; it is saved as shown.
        """
        return to_lf(self._front_matter_out())

    @front_matter_text.setter
    def front_matter_text(self, value: str) -> None:
        if self._split.format is None or self._split.error:
            raise ValueError("This post has no front matter section; use set_text().")
        value = to_lf(value)
        if value and not value.endswith("\n"):
            value += "\n"  # the closing delimiter must stay on a line of its own
        self._front_matter_raw = from_lf(value, self.newline)
        self._parse_front_matter()

    def _front_matter_out(self) -> str:
        """The front-matter text a save writes: the raw text, with edits spliced in."""
        fmt = self._split.format
        if fmt is None or self.front_matter_error is not None:
            return self._front_matter_raw
        if not self.front_matter.is_modified():
            return self._front_matter_raw
        expected = self.front_matter.to_dict()
        key = (self._front_matter_raw, repr(expected))
        if self._written is None or self._written[0] != key:
            self._written = (key, self._write_front_matter(CODECS[fmt], expected))
        return self._written[1]

    def _write_front_matter(self, codec: FrontMatterCodec, expected: dict[str, Any]) -> str:
        """Splice the edits in, check the result reads back as exactly the values
        set, and fall back to the codec's rewrite if not; never return text that
        would read differently."""
        writer_reasons: list[str] = []
        for write in (codec.edit, codec.rewrite):
            try:
                candidate = write(self._front_matter_raw, self.front_matter)
            except FrontMatterWriteError as error:
                writer_reasons.append(str(error))
                continue
            except Exception:  # a failed splice is a reason to fall back, never to write
                continue
            if self._reads_back(codec, candidate, expected):
                return candidate
        if writer_reasons:
            raise SaveError(writer_reasons[0])
        changed = self.front_matter.changed_keys() + self.front_matter.added_keys()
        names = ", ".join(f"“{name}”" for name in changed) or "the front matter"
        raise SaveError(
            f"postedit cannot write the change to {names} without risk to the rest of "
            "the front matter. Edit the front matter as text instead."
        )

    def _reads_back(
        self, codec: FrontMatterCodec, candidate: str, expected: dict[str, Any]
    ) -> bool:
        """Whether `candidate` splits and parses back into `expected`."""
        split = self._split
        if _early_delimiter(split, candidate) is not None:
            return False
        try:
            loaded = codec.load(candidate)
        except Exception:  # anything unreadable fails the check
            return False
        return reads_as(expected, loaded)

    @property
    def text(self) -> str:
        """The whole file as text, exactly as `to_bytes()` would encode it."""
        split = self._split
        if self._body_lf == self._body_lf_original:
            body = split.body
        else:
            body = from_lf(self._body_lf, self.newline)
        if split.error:
            return split.lead + body
        if split.format is None:
            head = self._new_front_matter() if self.front_matter else ""
            return head + split.lead + body
        return split.lead + split.opening + self._front_matter_out() + split.closing + body

    def _new_front_matter(self) -> str:
        """YAML front matter for a post that had none and just got its first fields."""
        newline, codec = self.newline, CODECS[FrontMatterFormat.YAML]
        expected = self.front_matter.to_dict()
        inner = codec.create(expected, newline)
        if any(line.startswith("---") for line in split_lines(inner)) or not reads_as(
            expected, codec.load(inner)
        ):
            raise SaveError("postedit cannot write these fields as front matter safely.")
        return f"---{newline}{inner}---{newline}"

    def to_bytes(self) -> bytes:
        """The exact bytes a save would write; the loaded bytes when nothing changed."""
        if not self.is_modified:
            return self._saved_bytes
        text = self.text
        try:
            return self.encoding.encode(text)
        except UnicodeEncodeError as error:
            bad = text[error.start : error.end]
            raise EncodingSaveError(
                f"This post is stored in the {self.encoding.codec} encoding, which cannot "
                f"hold “{bad}”. Save it as UTF-8 to keep this character."
            ) from error

    def use_utf8(self) -> None:
        """Save as UTF-8 from now on (for text the file's old encoding cannot hold)."""
        self.encoding = replace(self.encoding, codec="utf-8", bom=False)

    @property
    def is_modified(self) -> bool:
        """Whether a save would write something other than what was loaded or saved.

        Derived from the parts, without writing the front matter out: the title bar
        asks on every keystroke.
        """
        return (
            self.encoding != self._saved_encoding
            or self._body_lf != self._body_lf_original
            or self._front_matter_raw != self._split.front_matter
            or self.front_matter.is_modified()
            or self._split.text != self._saved_text
        )

    def save(
        self, path: str | os.PathLike[str] | None = None, *, overwrite_external: bool = False
    ) -> None:
        """Write atomically to `path` (default: where it came from); raise SaveError.

        Saving over the post's own file first checks that the file is still what
        we loaded or last saved: if another program changed or removed it, the
        save raises `ExternalChangeError` instead of silently overwriting their
        work. Pass `overwrite_external=True` once the writer chose to keep theirs.
        """
        target = Path(path) if path is not None else self.path
        if target is None:
            raise SaveError("This post has no file yet: choose where to save it.")
        if not overwrite_external and self.path is not None and same_file(target, self.path):
            on_disk = Fingerprint.of_file(target)
            if on_disk != self.fingerprint:
                raise ExternalChangeError(target, deleted=on_disk is None)
        data = self.to_bytes()
        text = self.text
        atomic_write(target, data)
        self.path = target
        self.read_only = False
        self._mark_saved(data, text)

    def rebase(self, data: bytes) -> None:
        """Make `data` (the bytes on disk now) the baseline, keeping the edits.

        For "Keep mine" after another program changed the post: the next save
        overwrites their version knowingly, and the post stays unsaved until it is
        written, even if the writer undoes back to the text first loaded, because
        the disk no longer holds that text.
        """
        self.fingerprint = Fingerprint.of(data)
        try:
            text, encoding = decode(data)
        except TextDecodeError:
            text, encoding = "\0not text\0", self._saved_encoding  # never equals an edit
        self._saved_bytes = data
        self._saved_text = text
        self._saved_encoding = encoding

    def changed_on_disk(self) -> bool:
        """Whether the file on disk is no longer what we loaded or last saved."""
        if self.path is None:
            return False
        return Fingerprint.of_file(self.path) != self.fingerprint

    def __repr__(self) -> str:
        return f"Document({self.path!s}, format={self.format}, modified={self.is_modified})"
