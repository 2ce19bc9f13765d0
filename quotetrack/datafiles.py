"""The data files shipped inside the package (word lists, the outlet table), read one way."""

from __future__ import annotations

from importlib import resources


def data_lines(package: str, name: str) -> list[str]:
    """The lines of the file ``name`` (a path relative to ``package``) that are neither blank nor
    ``#`` comments, as written."""
    text = resources.files(package).joinpath(name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
