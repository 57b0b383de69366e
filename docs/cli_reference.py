"""Write docs/cli.md from the commands' own --help (run: python docs/cli_reference.py).

tests/cli/test_cli_reference.py checks that the committed file is current, so the reference
never drifts from the help a user sees.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "docs" / "cli.md"


def commands(group: click.Group, prefix: list[str]) -> list[tuple[list[str], click.Command]]:
    found: list[tuple[list[str], click.Command]] = []
    ctx = click.Context(group, info_name=" ".join(prefix))
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        if command is None or command.hidden:
            continue
        path = [*prefix, name]
        found.append((path, command))
        if isinstance(command, click.Group):
            found.extend(commands(command, path))
    return found


def help_text(path: list[str], command: click.Command) -> str:
    # A fixed width, whatever the terminal or an earlier test left behind.
    with click.Context(command, info_name=" ".join(path)) as ctx:
        formatter = click.HelpFormatter(width=100, max_width=100)
        command.format_help(ctx, formatter)
        return formatter.getvalue().rstrip("\n")


def render() -> str:
    sys.path.insert(0, str(ROOT))
    from cli import main

    parts = ["# Command reference", "",
             "Generated from each command's `--help` by `python docs/cli_reference.py`; a test "
             "checks it is current.", "", "```", help_text(["saksflyt"], main), "```", ""]
    for path, command in commands(main, ["saksflyt"]):
        parts += [f"## {' '.join(path)}", "", "```", help_text(path, command), "```", ""]
    return "\n".join(parts)


if __name__ == "__main__":
    TARGET.write_text(render(), encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")
