"""Find one article by a doc id or its prefix, for ``text`` and ``diff``.

A doc id is a file name without its extension (a JSON export's records add ``:N``), so the
files whose names can hold the id are known from the folder listing alone: only those are read.
A large corpus is walked once and never parsed whole. An id that two files share, or a prefix
of several ids, is reported with the candidates, never settled by picking one.
"""

from __future__ import annotations

from pathlib import Path

from .corpus import Reader, doc_id, iter_articles, iter_files, read_file
from .models import Article, InputError, Skipped, UsageError

MAX_LISTED = 10
"""An ambiguous reference lists at most this many matching documents."""


def _candidates(ref: str, root: str) -> tuple[list[tuple[str, Reader]], list[Skipped]]:
    """The files under ``root`` whose doc ids may start with ``ref`` (their stem starts with it,
    or it names a record of theirs: ``export:3``), and the unreadable ones among every file."""
    files: list[tuple[str, Reader]] = []
    skipped: list[Skipped] = []
    for item in iter_files([root]):
        if isinstance(item, Skipped):
            skipped.append(item)
            continue
        stem = doc_id(item[0])
        if stem.startswith(ref) or ref.startswith(stem):
            files.append(item)
    return files, skipped


def _listed(docs: list[str]) -> str:
    shown = sorted(docs)
    return ", ".join(shown[:MAX_LISTED]) + (", ..." if len(shown) > MAX_LISTED else "")


def find_article(ref: str, root: str = ".") -> Article:
    """The article that ``ref`` names: an existing file holding one article, or a doc id or doc-id
    prefix (``002``, ``002_ff9``) of exactly one article under ``root`` (searched recursively).
    A doc id equal to ``ref`` wins over longer ones it prefixes; two files with that same id, or
    several ids with that prefix, are a usage error that lists them."""
    if Path(ref).is_file():
        return open_article(ref)
    if not ref.strip():
        raise UsageError("an empty article name")
    if not Path(root).exists():
        raise InputError(f"no such file or directory: {root}")
    files, skipped = _candidates(ref, root)
    articles: list[tuple[str, Article]] = []
    for path, reader in files:
        for item in read_file(path, reader)[0]:
            if isinstance(item, Skipped):
                skipped.append(item)
            elif item.doc.startswith(ref):
                articles.append((path, item))
    exact = [(p, a) for p, a in articles if a.doc == ref]
    if len(exact) > 1:
        raise UsageError(f"'{ref}' is the doc id of {len(exact)} files under {root}: "
                         f"{_listed([p for p, _ in exact])}; name one by its path")
    found = exact or articles
    if len(found) == 1:
        return found[0][1]
    if found:
        raise UsageError(f"'{ref}' matches {len(found)} articles under {root}: {_listed([a.doc for _, a in found])}; "
                         "give more of the id, or a path")
    unreadable = [s for s in skipped if doc_id(s.path).startswith(ref)]
    if len(unreadable) == 1:
        raise InputError(f"cannot read {unreadable[0].path}: {unreadable[0].reason}")
    raise UsageError(f"no article file or doc id starting with '{ref}' under {root}")


def open_article(path: str) -> Article:
    """The one article in the file at ``path``; a file that cannot be read as one article is an
    input error."""
    items = list(iter_articles([path]))
    if len(items) == 1 and isinstance(items[0], Skipped):
        raise InputError(f"cannot read {path}: {items[0].reason}")
    if len(items) != 1:
        raise InputError(f"{path} holds {len(items)} articles: name one by its doc id")
    found = items[0]
    if isinstance(found, Skipped):
        raise InputError(f"cannot read {path}: {found.reason}")
    return found
