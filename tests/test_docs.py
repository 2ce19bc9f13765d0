"""Docs are tested: every command has help and a README section; CI runs the README's commands."""

from __future__ import annotations

import re

import pytest
import typer.main
from typer.testing import CliRunner

from quotetrack.cli import Exit, app
from quotetrack.report import CLUSTER_COLUMNS, OCCURRENCE_COLUMNS, Format

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
CLI_DOC = (ROOT / "docs" / "CLI.md").read_text(encoding="utf-8")
"""The command-line reference: every command, option, column and exit code."""
COMMANDS = sorted(typer.main.get_command(app).commands)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_and_a_readme_section(command):
    result = CliRunner().invoke(app, [command, "--help"])
    assert result.exit_code == 0 and "Usage" in result.stdout
    assert f"## `quotetrack {command}" in CLI_DOC
    assert "Examples:" in result.stdout  # every command's help shows how it is used


@pytest.mark.parametrize("command", COMMANDS)
def test_every_option_is_in_the_readme(command):
    click_command = typer.main.get_command(app).commands[command]
    for param in click_command.params:
        for opt in param.opts:
            if opt.startswith("--") and opt != "--help":
                assert f"`{opt}" in CLI_DOC, f"{command} {opt} missing from docs/CLI.md"


@pytest.mark.parametrize("column", CLUSTER_COLUMNS + OCCURRENCE_COLUMNS)
def test_every_column_is_in_the_readme(column):
    assert f"`{column}`" in CLI_DOC


def test_every_format_is_in_the_readme():
    for fmt in Format:
        assert f"`{fmt.value}`" in CLI_DOC


def test_ci_runs_the_readme_commands():
    blocks = re.findall(r"```sh\n(.+?)\n```", README, re.S)
    install_and_scan, install_and_test = blocks[0], blocks[1]
    assert "quotetrack scan seeds/" in install_and_scan and "pytest" in install_and_test
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert install_and_scan in ci and install_and_test in ci


@pytest.mark.parametrize("code", list(Exit))
def test_every_exit_code_is_documented(code):
    assert f"| {code.value} |" in CLI_DOC or f"| {code.value}," in CLI_DOC


def test_help_shows_no_python_types_and_h_works():
    for args in (["-h"], ["scan", "-h"], ["trace", "--help"], ["diff", "-h"], ["text", "-h"], ["report", "-h"]):
        result = CliRunner().invoke(app, args, env={"COLUMNS": "100"})
        assert result.exit_code == 0 and "Usage" in result.stdout
        for python_type in ("<bool>", "<str>", "<int", "list[str]", "{paths}", "<float"):
            assert python_type not in result.stdout, (args, python_type)
