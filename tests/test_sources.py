"""The rules key covers every file of the library, so a cached extraction or result never outlives its code."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from quotetrack import sources

PACKAGE = sources.PACKAGE_ROOT
LIBRARY_FILES = [p.relative_to(PACKAGE).as_posix() for p in sources.package_files()
                 if p.relative_to(PACKAGE).as_posix() not in sources.FRONT_END]


@pytest.fixture(scope="module")
def copy(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("pkg") / "quotetrack"
    shutil.copytree(PACKAGE, root, ignore=shutil.ignore_patterns("__pycache__"))
    return root


def test_the_copy_has_the_installed_key(copy):
    assert sources.library_digest(copy) == sources.rules_key()


@pytest.mark.parametrize("name", LIBRARY_FILES)
def test_editing_any_library_file_changes_the_key(copy, name):
    before = sources.library_digest(copy)
    path = copy / name
    original = path.read_bytes()
    try:
        path.write_bytes(original + b"\n")
        assert sources.library_digest(copy) != before
    finally:
        path.write_bytes(original)
    assert sources.library_digest(copy) == before


def test_a_new_file_changes_the_key(copy):
    before = sources.library_digest(copy)
    added = copy / "readers" / "added.py"
    added.write_text("RULE = 1\n", encoding="utf-8")
    try:
        assert sources.library_digest(copy) != before
    finally:
        added.unlink()


@pytest.mark.parametrize("name", sources.FRONT_END)
def test_the_front_end_keys_only_its_outputs(copy, name):
    library, front = sources.library_digest(copy), sources.front_end_digest(copy)
    path = copy / name
    original = path.read_bytes()
    try:
        path.write_bytes(original + b"\n")
        assert sources.library_digest(copy) == library
        assert sources.front_end_digest(copy) != front
    finally:
        path.write_bytes(original)


def test_the_readers_and_metadata_are_covered():
    # The files a hand-kept module list once left out.
    assert {"metadata.py", "manifest.py", "readers/html.py", "readers/text.py"} <= set(LIBRARY_FILES)


def test_the_library_never_imports_the_front_end():
    for name in LIBRARY_FILES:
        if name.endswith(".py"):
            text = (PACKAGE / name).read_text(encoding="utf-8")
            assert "from .cli" not in text and "from .outputs" not in text and "import typer" not in text, name
