"""Turn the paths a user names into articles.

Files and directories (walked recursively, hidden entries skipped) and ``-`` for standard input.
Readers are chosen by file suffix from ``READERS``; a reader turns decoded text into an
``Article``. Inputs that cannot be read become ``Skipped`` records, never exceptions, so one bad
file never stops the others.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from .models import Article, InputError, Skipped

Reader = Callable[[str, str, str], Article]
"""(doc id, path, decoded text) -> Article."""

# ` date 2025-03-13 By Andrew Thornebrooke`: the header line some scrapers and CMS exports write.
HEADER_DATE_RE = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})\b(?:\s+By\s+((?:[A-Z][\w.'’-]*\s?){1,4}))?")
BINARY_SNIFF = 8192
STDIN_DOC = "stdin"


def read_text_article(doc: str, path: str, text: str) -> Article:
    """Plain text or Markdown: metadata from a leading ``date YYYY-MM-DD [By NAME]`` header."""
    date = byline = None
    if m := HEADER_DATE_RE.match(text):
        date = m.group(1)
        byline = m.group(2).strip() if m.group(2) else None
    return Article(doc=doc, path=path, text=text, outlet=doc, date=date,
                   title=_first_line(text), byline=byline)


def _first_line(text: str) -> str | None:
    for line in text.splitlines():
        line = HEADER_DATE_RE.sub("", line).strip()
        if line:
            return line[:200]
    return None


READERS: dict[str, Reader] = {
    ".txt": read_text_article,
    ".text": read_text_article,
    ".md": read_text_article,
    ".markdown": read_text_article,
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
    """One input's bytes -> an Article, or a Skipped record saying why not."""
    try:
        text = decode(data)
    except ValueError as exc:
        return Skipped(path, str(exc))
    if not text.strip():
        return Skipped(path, "empty file")
    return reader(doc_id(path) if path != "-" else STDIN_DOC, path, text)


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
    """Yield an Article (or a Skipped record) for every input file under ``paths``."""
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
        yield read_article(path, data, reader)
