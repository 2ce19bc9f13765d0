"""Turn the paths a user names into articles.

Files and directories (walked recursively, hidden entries skipped) and ``-`` for standard input.
Readers are chosen by file suffix from ``READERS``; a reader turns decoded text into an
``Article``. Inputs that cannot be read become ``Skipped`` records, never exceptions, so one bad
file never stops the others.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
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


def decode(data: bytes) -> str:
    """Decode article bytes as UTF-8, or raise ``ValueError`` with a short reason."""
    if b"\x00" in data[:BINARY_SNIFF]:
        raise ValueError("binary file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 text (byte {exc.start})") from None


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
    """Expand the named paths into (file, reader) pairs in a stable order."""
    for raw in paths:
        if raw == "-":
            yield raw, read_text_article
            continue
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path)
        elif path.is_file():
            yield raw, READERS.get(path.suffix.lower(), read_text_article)
        elif not path.exists():
            raise InputError(f"no such file or directory: {raw}")
        else:
            yield Skipped(raw, "not a regular file")


def _walk(root: Path) -> Iterator[tuple[str, Reader] | Skipped]:
    def on_error(exc: OSError) -> None:
        raise exc

    found = []
    try:
        for dirpath, dirnames, filenames in os.walk(root, onerror=on_error):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in filenames:
                suffix = os.path.splitext(name)[1].lower()
                if not name.startswith(".") and suffix in READERS:
                    found.append(os.path.join(dirpath, name))
    except OSError as exc:
        yield Skipped(str(exc.filename or root), exc.strerror or "cannot list directory")
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
        path, reader = item
        try:
            if path == "-":
                data = (stdin or sys.stdin.buffer).read()
            else:
                with open(path, "rb") as fh:
                    data = fh.read()
        except OSError as exc:
            yield Skipped(path, exc.strerror or "cannot read")
            continue
        for found in read_articles(path, data, reader):
            yield manifests.apply(found) if isinstance(found, Article) else found
    yield from manifests.problems
