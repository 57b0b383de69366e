"""Every command has help with an example, and docs/cli.md is generated from that help."""

from __future__ import annotations

import importlib.util
from types import ModuleType

from tests.conftest import ROOT


def _reference() -> ModuleType:
    spec = importlib.util.spec_from_file_location("cli_reference",
                                                  ROOT / "docs" / "cli_reference.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_command_has_help_with_an_example() -> None:
    import click

    from cli import main

    reference = _reference()
    missing = []
    for ctx, command in reference.commands(main, ["saksflyt"]):
        if isinstance(command, click.Group):
            continue
        if "Eksempel" not in (command.help or ""):
            missing.append(ctx.command_path)
    assert not missing, f"commands without an example in their help: {missing}"


def test_docs_cli_md_is_current() -> None:
    reference = _reference()
    committed = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert committed == reference.render(), "run: python docs/cli_reference.py"
