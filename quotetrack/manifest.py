"""Sidecar manifests: a ``quotetrack.csv`` or ``quotetrack.toml`` in a corpus folder that states
each file's outlet, date, URL and title, overriding whatever quotetrack inferred.

A manifest applies to the files in its folder and below, within the paths the user named. Its
``file`` column holds a path relative to the manifest's folder (``web/reuters.html``) or a doc id
(``export:3``, one record of a JSON export). When manifests at several levels name the same file,
the nearest one wins field by field. Manifest problems never stop a scan: they come back as
``Skipped`` records with the row at fault.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from .metadata import outlet_from_url, parse_date
from .models import Article, Skipped

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10: the same parser, published as tomli
    import tomli as tomllib

MANIFEST_NAMES = ("quotetrack.csv", "quotetrack.toml")
"""Both are read when both exist; for a file named in both, the TOML entry wins."""
MANIFEST_FIELDS = ("file", "outlet", "date", "url", "title")
TOML_TABLE = "article"
"""TOML manifests list entries as ``[[article]]`` tables."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One manifest row: what it says about one file or record (None where it says nothing)."""

    outlet: str | None = None
    date: str | None = None
    url: str | None = None
    title: str | None = None


class Manifests:
    """The manifests under the named paths, read once per folder on first use."""

    def __init__(self, paths: Iterable[str]) -> None:
        self._roots = tuple(os.path.abspath(p if os.path.isdir(p) else os.path.dirname(p) or ".")
                            for p in paths if p != "-")
        self._cache: dict[str, dict[str, Entry]] = {}
        self.problems: list[Skipped] = []
        """Manifest files or rows that could not be used, and why."""

    def apply(self, article: Article) -> Article:
        """The article with the manifest's fields in place of inferred ones (manifest wins)."""
        if article.path == "-":
            return article
        fields: dict[str, Any] = {}
        path = os.path.abspath(article.path)
        for folder in self._folders(os.path.dirname(path)):
            entries = self._load(folder)
            if not entries:
                continue  # most folders have no manifest: nothing to look up
            rel = os.path.relpath(path, folder).replace(os.sep, "/")
            for entry in (entries.get(article.doc), entries.get(rel)):
                for name in ("outlet", "date", "url", "title"):
                    if entry is not None and getattr(entry, name) and name not in fields:
                        fields[name] = getattr(entry, name)
        if not fields:
            return article
        if "url" in fields and "outlet" not in fields and article.outlet == article.doc:
            fields["outlet"] = outlet_from_url(fields["url"]) or article.outlet
        return replace(article, **fields)

    def fingerprint(self, files: Iterable[str]) -> str:
        """A digest of every manifest that can apply to ``files`` (their paths and bytes), so a
        stored scan result is reused only while its manifests are unchanged."""
        folders = {folder for d in {os.path.dirname(os.path.abspath(f)) for f in files if f != "-"}
                   for folder in self._folders(d)}
        digest = hashlib.sha256()
        for folder in sorted(folders):
            for name in MANIFEST_NAMES:
                path = os.path.join(folder, name)
                try:
                    with open(path, "rb") as fh:
                        data = fh.read()
                except FileNotFoundError:
                    continue
                except OSError as exc:
                    data = f"unreadable: {exc.strerror}".encode()
                digest.update(f"{path}\0{len(data)}\0".encode("utf-8", "surrogateescape") + data)
        return digest.hexdigest()

    def _folders(self, start: str) -> Iterable[str]:
        """``start`` and its parents, nearest first, as long as they lie within a named root."""
        folder = start
        while any(folder == r or folder.startswith(r.rstrip(os.sep) + os.sep) for r in self._roots):
            yield folder
            parent = os.path.dirname(folder)
            if parent == folder:
                return
            folder = parent

    def _load(self, folder: str) -> dict[str, Entry]:
        if folder not in self._cache:
            entries: dict[str, Entry] = {}
            for name in MANIFEST_NAMES:
                path = os.path.join(folder, name)
                if os.path.isfile(path):
                    entries.update(self._read(path))
            self._cache[folder] = entries
        return self._cache[folder]

    def _read(self, path: str) -> dict[str, Entry]:
        try:
            with open(path, encoding="utf-8-sig") as fh:
                raw = fh.read()
            rows = _toml_rows(raw) if path.endswith(".toml") else _csv_rows(raw)
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            self.problems.append(Skipped(path, f"bad manifest: {exc}"))
            return {}
        entries = {}
        for n, row in rows:
            key = str(row.get("file") or "").strip().replace("\\", "/").removeprefix("./")
            if not key:
                self.problems.append(Skipped(path, f"manifest entry {n}: no file"))
                continue
            date = None
            if row.get("date"):
                date = parse_date(row["date"])
                if date is None:
                    self.problems.append(Skipped(path, f"manifest entry {n}: not a date: {row['date']!r}"))
            entries[key] = Entry(outlet=_text(row.get("outlet")), date=date, url=_text(row.get("url")),
                                 title=_text(row.get("title")))
        return entries


def _text(value: object) -> str | None:
    if value is None:
        return None
    return " ".join(str(value).split()) or None


def _csv_rows(raw: str) -> list[tuple[int, dict[str, object]]]:
    """CSV with a header row naming some of ``MANIFEST_FIELDS`` (``file`` required); other
    columns are ignored. Entries are numbered by line."""
    reader = csv.DictReader(io.StringIO(raw))
    header = [(h or "").strip().casefold() for h in reader.fieldnames or ()]
    if "file" not in header:
        raise ValueError("no 'file' column in the header row")
    reader.fieldnames = header
    return [(reader.line_num, {k: v for k, v in row.items() if k in MANIFEST_FIELDS})
            for row in reader if any((v or "").strip() for v in row.values() if isinstance(v, str))]


def _toml_rows(raw: str) -> list[tuple[int, dict[str, object]]]:
    """TOML with one ``[[article]]`` table per file (dates may be TOML dates or strings)."""
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(str(exc)) from None
    tables = data.get(TOML_TABLE, [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise ValueError(f"expected [[{TOML_TABLE}]] tables")
    return [(n, {k: v for k, v in t.items() if k in MANIFEST_FIELDS}) for n, t in enumerate(tables, start=1)]
