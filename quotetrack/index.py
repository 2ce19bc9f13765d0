"""The incremental index: each file's extraction, kept in SQLite so a re-scan skips unchanged files.

One SQLite file (stdlib ``sqlite3``, WAL journal) holds, per input file, its path, size and
modification time, the SHA-256 of its bytes, and its extraction (the article's metadata, its
attributed quotes and, for the clustering's word statistics, its concept counts, as JSON). A
re-scan that finds a file with the same path, size and mtime trusts the stored hash without
reading the file again for hashing; a file whose stat changed is hashed and reused if its bytes
did not change. It also keeps the last few whole scan results (``snapshot.py``), so a re-scan
of an unchanged corpus skips clustering as well, the last few outputs written from them, so
the same command on an unchanged corpus only copies its output, and for the last few corpora
scanned the pairs their clustering scored (``clustering.memo``), so a re-scan of a changed
corpus scores only the pairs of what changed.

The index carries a *schema key*: quotetrack's version, the index format, and a digest of every
file of the library (``sources.rules_key``: its modules and data files). When the key
differs (an upgrade, a rule change) or the file is not a readable index, it is rebuilt from
scratch and a warning is returned for the caller to show. When it cannot be written (a read-only
folder), the scan runs without it, with a warning. Writes are batched in transactions, so a scan
killed half-way keeps every batch it committed and never leaves a half-written row; two scans on
one index take turns through SQLite's locking.

The index lives in the user's cache folder (``default_path``), never in the folders scanned: it
is the only file quotetrack writes besides the outputs asked for.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ._version import __version__
from .models import Article, Block, Kind, Quote
from .sources import rules_key

INDEX_FORMAT = 7
"""Bumped when the tables or the JSON layout change."""
DEFAULT_DIR = "quotetrack"
DEFAULT_NAME = "index.sqlite"
RESULTS_KEPT = 4
"""Stored scan results (``snapshot.py``) kept, most recently used first: one per corpus a user
re-scans, for a few corpora."""
OUTPUTS_KEPT = 4
"""Stored outputs (a format and filters applied to a stored result) kept, most recently used first."""
STATES_KEPT = 4
"""Stored clustering records (``clustering.memo``, the pairs a scan scored) kept, most recently
used first: one per corpus a user re-scans, for a few corpora."""
STORED_TABLES = ("results", "outputs", "states")
"""Tables of whole-scan records: key, last use, compressed payload."""
BUSY_TIMEOUT_S = 30.0
"""How long a scan waits for another scan's write transaction on the same index."""
SQLITE_MAGIC = b"SQLite format 3\x00"


def default_path(paths: Sequence[str]) -> str | None:
    """The user's cache folder: ``$XDG_CACHE_HOME/quotetrack/index.sqlite`` (``~/.cache`` when
    unset), one index for every corpus (rows are keyed by absolute path and content hash); None
    when only standard input is scanned. Nothing is written into the folders being scanned."""
    if all(raw == "-" for raw in paths):
        return None
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return str(Path(cache) / DEFAULT_DIR / DEFAULT_NAME)


def schema_key() -> str:
    """Version, index format and a digest of the library's files: any edit to a rule, a word list
    or a reader invalidates the index."""
    return f"{__version__}/{INDEX_FORMAT}/{rules_key()[:16]}"


def content_hash(data: bytes) -> str:
    """The key of a file's bytes."""
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True, slots=True)
class Extraction:
    """One article's stored extraction."""

    article: Article
    quotes: tuple[Quote, ...]
    counts: dict[str, int] = field(default_factory=dict)
    """The article's ``text.concept_counts`` when it has quotes (``clustering.CorpusStats`` counts only
    those articles), else empty: a re-scan from the index does not read every text again."""
    introductions: tuple[tuple[str, str, str], ...] = ()
    """The people the article introduces by an owner's role when it has quotes
    (``clustering.roles.introductions``), kept for the same reason."""


def _encode(record: Any) -> dict[str, Any]:
    return {f.name: getattr(record, f.name) for f in dataclasses.fields(record)}


def _decode(cls: type, data: dict[str, Any]) -> Any:
    values = {}
    for f in dataclasses.fields(cls):
        v = data[f.name]
        if f.name == "blocks":
            v = tuple(Block(*b) for b in v)
        elif isinstance(v, list):
            v = tuple(v)
        if f.name == "kind":
            v = Kind(v)
        values[f.name] = v
    return cls(**values)


def encode_entries(entries: Sequence[Extraction], file_text: str) -> str:
    """A file's extractions as JSON. An article whose text is the file's decoded text (plain text,
    Markdown) is stored without it, to be re-read from the file; an HTML page's or a JSON
    record's text is extracted, so it is kept."""
    rows = []
    for e in entries:
        art = _encode(e.article)
        if art["text"] == file_text:
            art["text"] = None
        rows.append({"article": art, "quotes": [_encode(q) for q in e.quotes], "counts": e.counts,
                     "introductions": e.introductions})
    return json.dumps(rows, ensure_ascii=False)


QUOTE_FIELDS = tuple(f.name for f in dataclasses.fields(Quote))
KINDS = {k.value: k for k in Kind}
"""A kind by its value: a dict lookup is several times faster than calling the Enum."""


def decode_entries(payload: str, file_text: str | None) -> list[Extraction]:
    """The stored extractions back as records, each article's ``text`` put back (None when the
    file was not read again)."""
    entries = []
    for row in json.loads(payload):
        if row["article"]["text"] is None:
            row["article"]["text"] = file_text
        entries.append(Extraction(_decode(Article, row["article"]), tuple(map(_quote, row["quotes"])),
                                  row["counts"], tuple(map(tuple, row["introductions"]))))
    return entries


def _quote(data: dict[str, Any]) -> Quote:
    """``_decode(Quote, data)``, faster (a re-scan decodes every quote of the corpus): a quote's
    fields are plain values but its kind."""
    data["kind"] = KINDS[data["kind"]]
    return Quote(*map(data.__getitem__, QUOTE_FIELDS))


class Index:
    """An open index. Use :func:`open_index`; close with :meth:`close` (or as a context manager)."""

    def __init__(self, path: str, conn: sqlite3.Connection) -> None:
        self.path = path
        self._conn = conn
        self._pending: list[tuple[str, int, int, str, str]] = []

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def stat_hash(self, path: str, size: int, mtime_ns: int) -> str | None:
        """The stored hash of ``path`` if its size and mtime are unchanged."""
        row = self._conn.execute("SELECT size, mtime_ns, hash FROM files WHERE path = ?", (path,)).fetchone()
        return row[2] if row and row[0] == size and row[1] == mtime_ns else None

    def stats(self) -> dict[str, tuple[int, int, str]]:
        """Every stored path -> (size, mtime_ns, hash): one query for a whole re-scan."""
        return {p: (s, m, h) for p, s, m, h in self._conn.execute("SELECT path, size, mtime_ns, hash FROM files")}

    def extraction(self, path: str, digest: str) -> str | None:
        """The stored JSON extraction of ``path`` with content ``digest``, if any."""
        row = self._conn.execute("SELECT payload FROM files WHERE path = ? AND hash = ?", (path, digest)).fetchone()
        return row[0] if row and row[0] is not None else None

    def result(self, key: str) -> bytes | None:
        """The stored scan result with this key (``snapshot.result_key``), if any; marks it used."""
        return self._get("results", key)

    def put_result(self, key: str, payload: bytes) -> None:
        """Store a scan result, keeping only the ``RESULTS_KEPT`` most recently used."""
        self._put("results", key, payload, RESULTS_KEPT)

    def output(self, key: str) -> bytes | None:
        """The stored output with this key (``snapshot.output_key``), if any; marks it used."""
        return self._get("outputs", key)

    def put_output(self, key: str, payload: bytes) -> None:
        """Store an output, keeping only the ``OUTPUTS_KEPT`` most recently used."""
        self._put("outputs", key, payload, OUTPUTS_KEPT)

    def state(self, key: str) -> bytes | None:
        """The stored clustering record of the corpus with this key (``pipeline.state_key``), if
        any; marks it used."""
        return self._get("states", key)

    def put_state(self, key: str, payload: bytes) -> None:
        """Store a clustering record, keeping only the ``STATES_KEPT`` most recently used."""
        self._put("states", key, payload, STATES_KEPT)

    def _get(self, table: str, key: str) -> bytes | None:
        row = self._conn.execute(f"SELECT payload FROM {table} WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        with self._conn:
            self._conn.execute(f"UPDATE {table} SET used = (SELECT COALESCE(MAX(used), 0) + 1 FROM {table}) "
                               "WHERE key = ?", (key,))
        return bytes(row[0])

    def _put(self, table: str, key: str, payload: bytes, kept: int) -> None:
        with self._conn:
            self._conn.execute(f"INSERT OR REPLACE INTO {table} (key, used, payload) "
                               f"VALUES (?, (SELECT COALESCE(MAX(used), 0) + 1 FROM {table}), ?)", (key, payload))
            self._conn.execute(f"DELETE FROM {table} WHERE key NOT IN "
                               f"(SELECT key FROM {table} ORDER BY used DESC LIMIT ?)", (kept,))

    def put(self, path: str, size: int, mtime_ns: int, digest: str, payload: str) -> None:
        """Queue one file's extraction; written in batches by :meth:`flush`."""
        self._pending.append((path, size, mtime_ns, digest, payload))

    def flush(self) -> None:
        """Write the queued rows in one transaction."""
        if not self._pending:
            return
        with self._conn:
            self._conn.executemany(
                "INSERT OR REPLACE INTO files (path, size, mtime_ns, hash, payload) VALUES (?, ?, ?, ?, ?)",
                self._pending)
        self._pending.clear()

    def close(self) -> None:
        """Flush and close."""
        try:
            self.flush()
        finally:
            self._conn.close()


def _connect(path: str) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    conn.isolation_level = ""  # type: ignore[assignment]  # deferred transactions, opened by `with conn`
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    return conn


def _create(conn: sqlite3.Connection, key: str) -> None:
    with conn:
        conn.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        conn.execute("CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, size INTEGER NOT NULL, "
                     "mtime_ns INTEGER NOT NULL, hash TEXT NOT NULL, payload TEXT)")
        for table in STORED_TABLES:
            conn.execute(f"CREATE TABLE IF NOT EXISTS {table} (key TEXT PRIMARY KEY, used INTEGER NOT NULL, "
                         "payload BLOB NOT NULL)")
        conn.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('schema', ?)", (key,))


def _check(conn: sqlite3.Connection, key: str) -> str | None:
    """None when the index is sound and current, else the reason to rebuild it. A damaged file
    raises ``sqlite3.DatabaseError``."""
    if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
        return "index is corrupt"
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not tables:
        return None  # a new, empty file
    if not {"meta", "files", *STORED_TABLES} <= tables:
        return "index has an unknown layout"
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    if row is None or row[0] != key:
        return f"index was built by another version or rule set ({row[0] if row else 'none'})"
    return None


def _looks_like_sqlite(path: str) -> bool:
    try:
        with open(path, "rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
    except FileNotFoundError:
        return True
    return head == SQLITE_MAGIC or head == b""


def scanned_folder(path: str, scanned: Sequence[str]) -> str | None:
    """The folder of ``scanned`` that ``path`` lies inside, if any."""
    target = Path(path).resolve()
    for raw in scanned:
        if raw != "-" and Path(raw).is_dir() and target.is_relative_to(Path(raw).resolve()):
            return raw
    return None


def refusal(path: str, scanned: Sequence[str]) -> str | None:
    """Why ``path`` must not be used as an index the user named, or None when it may: a file
    that exists and is not a quotetrack index (an article, a README, another program's
    database) is never overwritten, and an index is never written inside a folder being
    scanned (it would be read as input, and the folder is the user's data)."""
    folder = scanned_folder(path, scanned)
    if folder is not None:
        return f"--index {path} is inside {folder}, a folder being scanned: put the index elsewhere"
    target = Path(path).resolve()
    if not target.exists() or target.is_dir():
        return None  # created, or refused by open_index with a warning
    try:
        with open(target, "rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
    except OSError:
        return None  # open_index says why it cannot use it
    if head == b"":
        return None
    if head == SQLITE_MAGIC:
        try:
            conn = sqlite3.connect(f"{target.as_uri()}?mode=ro", uri=True)
            try:
                if conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone() is not None:
                    return None
            finally:
                conn.close()
        except sqlite3.Error:
            pass
    return f"--index {path} exists and is not a quotetrack index: it was left as it is; name a new file"


def _remove(path: str) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            os.remove(path + suffix)
        except FileNotFoundError:
            pass


def open_index(path: str, warnings: list[str]) -> Index | None:
    """Open (creating or rebuilding as needed) the index at ``path``. Returns None, with a warning
    appended, when it cannot be used at all (a read-only folder, a path that is a directory)."""
    key = schema_key()
    try:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        if not _looks_like_sqlite(path):
            warnings.append(f"index {path} is not an index file; rebuilding it")
            _remove(path)
        conn: sqlite3.Connection | None = None
        try:
            conn = _connect(path)
            reason = _check(conn, key)
        except sqlite3.OperationalError:
            raise  # locked or unopenable: not a reason to delete anything
        except sqlite3.DatabaseError as exc:
            reason = f"index is unreadable ({exc})"
        if reason is not None:
            if conn is not None:
                conn.close()
            warnings.append(f"{reason}; rebuilding {path}")
            _remove(path)
            conn = _connect(path)
        assert conn is not None
        _create(conn, key)
        if conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()[0] != key:
            conn.close()  # another scan rebuilt it for a different rule set just now
            warnings.append(f"index {path} is in use by another version; scanning without it")
            return None
        return Index(path, conn)
    except (OSError, sqlite3.Error) as exc:
        warnings.append(f"cannot use index {path} ({exc}); scanning without it")
        return None

