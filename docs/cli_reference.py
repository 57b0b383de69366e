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


def commands(group: click.Group, prefix: list[str],
             parent: click.Context | None = None) -> list[tuple[click.Context, click.Command]]:
    """Every command under `group`, each with the context it runs in (settings inherited, as
    when a user types it: `-h` is a help option everywhere)."""
    ctx = parent or click.Context(group, info_name=prefix[-1], **group.context_settings)
    found: list[tuple[click.Context, click.Command]] = []
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        if command is None or command.hidden:
            continue
        child = click.Context(command, info_name=name, parent=ctx, **command.context_settings)
        found.append((child, command))
        if isinstance(command, click.Group):
            found.extend(commands(command, [*prefix, name], child))
    return found


def help_text(ctx: click.Context, command: click.Command) -> str:
    # A fixed width, whatever the terminal or an earlier test left behind.
    formatter = click.HelpFormatter(width=100, max_width=100)
    command.format_help(ctx, formatter)
    return formatter.getvalue().rstrip("\n")


def render() -> str:
    sys.path.insert(0, str(ROOT))
    from cli import main

    root = click.Context(main, info_name="saksflyt", **main.context_settings)
    parts = ["# Command reference", "",
             "Generated from each command's `--help` by `python docs/cli_reference.py`; a test "
             "checks it is current.", "", "```", help_text(root, main), "```", ""]
    for ctx, command in commands(main, ["saksflyt"], root):
        parts += [f"## {ctx.command_path}", "", "```", help_text(ctx, command), "```", ""]
    return "\n".join(parts)


if __name__ == "__main__":
    TARGET.write_text(render(), encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")
