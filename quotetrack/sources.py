"""What a cached extraction or result depends on: the digest of quotetrack's own files.

The index keeps extractions and whole results only as long as the code that made them is the code
that runs. A hand-kept list of "the modules whose rules matter" went stale once (the readers, the
metadata and the manifests were missing, so a changed date rule left old dates in the index), so the
key covers every file of the package instead: its modules and its data files. The front end
(``FRONT_END``) is left out: it parses options and writes results, and it keys what it stores
itself (``outputs.py``), so the library never hashes it.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parent
FRONT_END = ("__main__.py", "cli.py", "outputs.py")
"""Files, relative to the package, that decide only how a result is written out."""


def package_files(root: Path = PACKAGE_ROOT) -> list[Path]:
    """Every source and data file under ``root``, in a fixed order (compiled files left out)."""
    return sorted(p for p in root.rglob("*")
                  if p.is_file() and "__pycache__" not in p.parts and p.suffix not in (".pyc", ".pyo"))


def digest_of(files: list[Path], root: Path) -> str:
    """A SHA-256 over each file's path relative to ``root`` and its bytes."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def library_digest(root: Path = PACKAGE_ROOT) -> str:
    """The digest of every file of the package but the front end: what extractions and results
    depend on."""
    files = [p for p in package_files(root) if p.relative_to(root).as_posix() not in FRONT_END]
    return digest_of(files, root)


def front_end_digest(root: Path = PACKAGE_ROOT) -> str:
    """The digest of the front end's files: what a stored output depends on beside its result."""
    return digest_of([root / name for name in FRONT_END if (root / name).is_file()], root)


@cache
def rules_key() -> str:
    """``library_digest`` of the installed package, computed once per process."""
    return library_digest()
