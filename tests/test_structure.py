"""The package reads as one design: no module over 600 lines, no function over 80, no helper imports across layers."""

from __future__ import annotations

import ast

import pytest

from quotetrack import sources

from .conftest import ROOT

MAX_MODULE_LINES = 600
MAX_FUNCTION_LINES = 80
MODULES = [p for p in sources.package_files() if p.suffix == ".py"]


def _name(path) -> str:
    return path.relative_to(sources.PACKAGE_ROOT).as_posix()


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_modules_read_in_one_sitting(path):
    assert path.read_text(encoding="utf-8").count("\n") <= MAX_MODULE_LINES


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_functions_are_short(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    long = [f"{node.name} ({node.end_lineno - node.lineno + 1} lines)" for node in ast.walk(tree)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            and (node.end_lineno or node.lineno) - node.lineno + 1 > MAX_FUNCTION_LINES]
    assert not long


@pytest.mark.parametrize("folder, other", [("tests", "bench"), ("bench", "tests")])
def test_tests_and_benches_do_not_import_each_other(folder, other):
    for path in (ROOT / folder).glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert not node.module.startswith(other), f"{path.name} imports {node.module}"
            if isinstance(node, ast.Import):
                assert not any(a.name.startswith(other) for a in node.names), path.name


def test_benches_use_public_names_only():
    for path in (ROOT / "bench").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("quotetrack"):
                private = [a.name for a in node.names if a.name.startswith("_")]
                assert not private, f"{path.name} imports {private} from {node.module}"
