"""Docs are tested: every command has help and a README section; CI runs the README's commands."""

from __future__ import annotations

import re

import pytest
import typer.main
from typer.testing import CliRunner

from quotetrack.cli import app
from quotetrack.report import CLUSTER_COLUMNS, OCCURRENCE_COLUMNS, Format

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
REFERENCE = README + "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "docs").glob("*.md")))
"""The README and the reference pages under docs/ (an option may be documented on its topic's page)."""
COMMANDS = sorted(typer.main.get_command(app).commands)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_and_a_readme_section(command):
    result = CliRunner().invoke(app, [command, "--help"])
    assert result.exit_code == 0 and "Usage" in result.stdout
    assert f"### `quotetrack {command}" in README


@pytest.mark.parametrize("command", COMMANDS)
def test_every_option_is_in_the_readme_or_docs(command):
    click_command = typer.main.get_command(app).commands[command]
    for param in click_command.params:
        for opt in param.opts:
            if opt.startswith("--") and opt != "--help":
                assert f"`{opt}" in REFERENCE or f"{opt} " in REFERENCE, f"{command} {opt} missing from the docs"


@pytest.mark.parametrize("column", CLUSTER_COLUMNS + OCCURRENCE_COLUMNS)
def test_every_column_is_in_the_readme(column):
    assert f"`{column}`" in README


def test_every_format_is_in_the_readme():
    for fmt in Format:
        assert fmt.value in README


def test_ci_runs_the_readme_commands():
    blocks = re.findall(r"```sh\n(.+?)\n```", README, re.S)
    install_and_scan, install_and_test = blocks[0], blocks[1]
    assert "quotetrack scan seeds/" in install_and_scan and "pytest" in install_and_test
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert install_and_scan in ci and install_and_test in ci
