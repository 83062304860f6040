"""The CLI reference page, generated from the Typer app so it can never drift from the code.

``python -m nonpro.cli.reference_docs > docs/reference/cli.md`` (``make docs``) writes it; a test
fails when the committed page differs from what this renders.
"""

from __future__ import annotations

from typing import Any

import typer.main

from nonpro.cli.main import app


def _params(command: Any) -> list[str]:
    lines = []
    for param in command.params:
        if param.name == "help":
            continue
        if param.param_type_name == "argument":
            help_text = getattr(param, "help", None) or ""
            lines.append(f"- `{param.name.upper()}` (argument): {help_text}{_required(param)}")
            continue
        names = ", ".join(f"`{opt}`" for opt in param.opts)
        help_text = getattr(param, "help", None) or ""
        lines.append(f"- {names}: {help_text}{_required(param)}".rstrip())
    return lines


def _required(param: Any) -> str:
    return " — required" if param.required else ""


def _walk(command: Any, path: list[str], out: list[str]) -> None:
    subcommands = getattr(command, "commands", None)
    if subcommands:
        for name in sorted(subcommands):
            _walk(subcommands[name], [*path, name], out)
        return
    out.append(f"### `{' '.join(path)}`\n")
    out.append((command.help or "").strip().split("\n\n")[0] + "\n")
    params = _params(command)
    if params:
        out.append("\n".join(params) + "\n")


def render_cli_reference() -> str:
    root = typer.main.get_command(app)
    out = [
        "# CLI reference\n",
        "Generated from the code by `make docs`; do not edit by hand.\n",
        "Every command exits 0 on success, 2 on bad input or settings (the message names the "
        "field or the `NONPRO_*` setting), 3 when something is not found, 4 on a conflict, "
        "5 when not allowed, 1 otherwise (for `audit verify`: a broken chain).\n",
    ]
    _walk(root, ["nonpro"], out)
    return "\n".join(out)


if __name__ == "__main__":
    print(render_cli_reference(), end="")
