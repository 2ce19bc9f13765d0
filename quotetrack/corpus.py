"""Turn the paths a user names into articles.

Files and directories (walked recursively, hidden entries skipped) and ``-`` for standard input.
Readers are chosen by file suffix from ``READERS``; a reader turns decoded text into an
``Article``. Inputs that cannot be read become ``Skipped`` records, never exceptions, so one bad
file never stops the others.
"""

from __future__ import annotations

import codecs
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from .manifest import Manifests
from .models import Article, InputError, Skipped
from .readers import read_html, read_json, read_jsonl, read_text

Reader = Callable[[str, str, str], "Article | Skipped | Sequence[Article | Skipped]"]
"""(doc id, path, decoded text) -> an Article, a Skipped record, or for a file that holds many
articles (a JSON export) a sequence of both."""

BINARY_SNIFF = 8192
STDIN_DOC = "stdin"

read_text_article = read_text
"""Plain text or Markdown (``readers.text``); the reader for stdin and unknown suffixes."""


READERS: dict[str, Reader] = {
    ".txt": read_text_article,
    ".text": read_text_article,
    ".md": read_text_article,
    ".markdown": read_text_article,
    ".html": read_html,
    ".htm": read_html,
    ".json": read_json,
    ".jsonl": read_jsonl,
}
"""Suffix -> reader. Files named explicitly with another suffix are read as plain text."""


def doc_id(path: str) -> str:
    """The document id: the file name without its extension."""
    name = os.path.basename(path)
    stem, _ = os.path.splitext(name)
    return stem or name


# Byte-order marks, longest first (a UTF-32-LE mark begins with the UTF-16-LE one). Source: the
# Unicode standard, section 23.8 "Specials"; the codecs module's BOM constants.
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
ENCODING_NAMES = {"utf-8": "UTF-8", "utf-16-le": "UTF-16", "utf-16-be": "UTF-16",
                  "utf-32-le": "UTF-32", "utf-32-be": "UTF-32"}


def decode(data: bytes) -> str:
    """Decode article bytes into the text every offset indexes, or raise ``ValueError`` with a
    short reason.

    Policy (README: Inputs): a byte-order mark selects UTF-8, UTF-16 or UTF-32 and is dropped;
    without one the bytes must be strict UTF-8, and a NUL byte in the first 8 KiB means a binary
    file. Nothing is guessed or replaced: undecodable input is refused, never half-read. Line
    endings are then made ``\n`` exactly as Python's text mode does (``\r\n`` and a lone ``\r``),
    so the result equals ``open(path, encoding="utf-8-sig").read()`` for a UTF-8 file.
    """
    encoding, body = "utf-8", data
    for bom, name in BOMS:
        if data.startswith(bom):
            encoding, body = name, data[len(bom):]
            break
    else:
        if b"\x00" in data[:BINARY_SNIFF]:
            raise ValueError("binary file")
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        offset = exc.start + len(data) - len(body)
        raise ValueError(f"not {ENCODING_NAMES[encoding]} text (invalid byte 0x{body[exc.start]:02x} "
                         f"at offset {offset})") from None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def shown(path: str) -> str:
    """A path as printed and recorded: file-name bytes that are not UTF-8 (which Python keeps as
    lone surrogates) become U+FFFD, so no output stream can fail to encode them."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def read_article(path: str, data: bytes, reader: Reader = read_text_article) -> Article | Skipped:
    """One input's bytes -> an Article, or a Skipped record saying why not (for a file that
    holds many articles, the first: ``read_articles`` gives them all)."""
    return next(iter(read_articles(path, data, reader)), Skipped(path, "no articles in the file"))


def read_articles(path: str, data: bytes, reader: Reader = read_text_article) -> list[Article | Skipped]:
    """One input's bytes -> its Articles (a JSON export holds many), or Skipped records saying
    why not."""
    try:
        text = decode(data)
    except ValueError as exc:
        return [Skipped(path, str(exc))]
    if not text.strip():
        return [Skipped(path, "empty file")]
    found = reader(doc_id(path) if path != "-" else STDIN_DOC, path, text)
    return [found] if isinstance(found, (Article, Skipped)) else list(found)


def iter_files(paths: Iterable[str]) -> Iterator[tuple[str, Reader] | Skipped]:
    """Expand the named paths into (file, reader) pairs in a stable order.

    A named path that does not exist raises ``InputError``; one that exists but cannot be used
    (a broken or looping symbolic link, a device, a socket) becomes a ``Skipped`` record. A named
    FIFO is read (``quotetrack scan <(curl ...)``); inside directories only regular files are.
    """
    for raw in paths:
        if raw == "-":
            yield raw, read_text_article
            continue
        try:
            mode = os.stat(raw).st_mode
        except FileNotFoundError:
            if not os.path.lexists(raw):
                raise InputError(f"no such file or directory: {shown(raw)}") from None
            yield Skipped(shown(raw), "broken symbolic link")
            continue
        except OSError as exc:
            yield Skipped(shown(raw), exc.strerror or "cannot read")
            continue
        if stat.S_ISDIR(mode):
            yield from _walk(Path(raw))
        elif stat.S_ISREG(mode) or stat.S_ISFIFO(mode):
            yield raw, READERS.get(Path(raw).suffix.lower(), read_text_article)
        else:
            yield Skipped(shown(raw), "not a regular file")


def _walk(root: Path) -> Iterator[tuple[str, Reader] | Skipped]:
    """Every article file under ``root``, sorted by path; problems become ``Skipped`` records.

    Hidden entries are skipped. Symbolic links to files are read; symbolic links to directories
    are not followed, so a link loop cannot recur and no file is read twice. A directory that
    cannot be listed is reported and the walk goes on with its siblings. Special files (FIFOs,
    sockets, devices) are reported, never opened, so a named pipe cannot hang the scan.
    """
    found: list[str] = []
    skipped: list[Skipped] = []
    stack = [str(root)]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as entries:
                listed = sorted(entries, key=lambda e: e.name)
        except OSError as exc:
            skipped.append(Skipped(shown(folder), exc.strerror or "cannot list directory"))
            continue
        subfolders = []
        for entry in listed:
            if entry.name.startswith("."):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    subfolders.append(entry.path)
                    continue
                if os.path.splitext(entry.name)[1].lower() not in READERS:
                    continue
                if entry.is_file(follow_symlinks=False):
                    found.append(entry.path)
                    continue
                mode = os.stat(entry.path).st_mode  # a symbolic link, or a special file
            except OSError as exc:
                reason = "broken symbolic link" if isinstance(exc, FileNotFoundError) else exc.strerror
                skipped.append(Skipped(shown(entry.path), reason or "cannot read"))
                continue
            if stat.S_ISREG(mode):
                found.append(entry.path)
            elif not stat.S_ISDIR(mode):
                skipped.append(Skipped(shown(entry.path), "not a regular file"))
        stack.extend(reversed(subfolders))
    if not found and not skipped:
        suffixes = ", ".join(sorted(READERS))
        skipped.append(Skipped(shown(str(root)), f"no article files ({suffixes})"))
    yield from sorted(skipped, key=lambda sk: sk.path)
    for path in sorted(found):
        yield path, READERS[os.path.splitext(path)[1].lower()]


def iter_articles(paths: Iterable[str], stdin: BinaryIO | None = None) -> Iterator[Article | Skipped]:
    """Yield an Article (or a Skipped record) for every article in every input file under
    ``paths``, with sidecar manifests (``manifest.py``) applied."""
    paths = list(paths)
    manifests = Manifests(paths)
    for item in iter_files(paths):
        if isinstance(item, Skipped):
            yield item
            continue
        for found in read_file(*item, stdin)[0]:
            yield manifests.apply(found) if isinstance(found, Article) else found
    yield from manifests.problems


def read_file(path: str, reader: Reader, stdin: BinaryIO | None = None
              ) -> tuple[list[Article | Skipped], bytes | None]:
    """One input file's articles (a JSON export holds many), or why it was skipped, and its
    bytes (None when it could not be read)."""
    try:
        if path == "-":
            data = (stdin or sys.stdin.buffer).read()
        else:
            with open(path, "rb") as fh:
                data = fh.read()
    except OSError as exc:
        return [Skipped(shown(path), exc.strerror or "cannot read")], None
    return read_articles(shown(path), data, reader), data
