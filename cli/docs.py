"""The command reference, generated from the commands themselves: ``python -m lianjie.cli.docs``.

Writes ``docs/cli.md`` (every command, its usage, help and options) and the command table
of ``README.md`` (between the ``commands`` markers). A test fails when either is stale, so
the reference always says what the commands do.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import main

ROOT = Path(__file__).resolve().parents[1]
CLI_MD = ROOT / "docs" / "cli.md"
README = ROOT / "README.md"
START, END = "<!-- commands:start (python -m lianjie.cli.docs) -->", "<!-- commands:end -->"


def commands() -> list[tuple[str, click.Command]]:
    """Every command of ``lianjie``, by name."""
    return sorted(main.commands.items())


def _option_usage(param: click.Option) -> str:
    name = max(param.opts, key=len)
    text = name if param.is_flag else f"{name} {param.make_metavar(click.Context(main)).strip('[]')}"
    if param.multiple:
        text += " ..."
    return text if param.required else f"[{text}]"


def usage(name: str, cmd: click.Command) -> str:
    """``lianjie NAME ARGUMENTS [--option VALUE] ...``: what a user types."""
    parts = [f"lianjie {name}"]
    ctx = click.Context(cmd, info_name=name, parent=click.Context(main, info_name="lianjie"))
    for param in cmd.params:
        if isinstance(param, click.Argument):
            parts.append(param.make_metavar(ctx))
    for param in cmd.params:
        if isinstance(param, click.Option) and param.name != "help":
            parts.append(_option_usage(param))
    return " ".join(parts)


def summary(cmd: click.Command) -> str:
    """The first sentence of a command's help."""
    return cmd.get_short_help_str(limit=300)


#: Options left out of the README's table (every store command has them; docs/cli.md lists them).
COMMON = {"--database", "--help"}


def readme_table() -> str:
    rows = ["| Command | Options | What it does |", "|---|---|---|"]
    for name, cmd in commands():
        ctx = click.Context(cmd, info_name=name, parent=click.Context(main, info_name="lianjie"))
        args = " ".join(p.make_metavar(ctx) for p in cmd.params if isinstance(p, click.Argument))
        options = [max(p.opts, key=len) for p in cmd.params if isinstance(p, click.Option)]
        shown = " ".join(f"`{o}`" for o in options if o not in COMMON)
        text = summary(cmd).replace("|", "\\|")
        rows.append(f"| `lianjie {name}{' ' + args if args else ''}` | {shown} | {text} |")
    return "\n".join(rows)


def _default(p: click.Option) -> str:
    d = p.default
    if p.is_flag or d is None or callable(d) or str(d).startswith("Sentinel.") or d in ((), ""):
        return ""
    return f"`{d}`"


def cli_markdown() -> str:
    lines = [
        "# Command reference",
        "",
        "Generated from the commands by `python -m lianjie.cli.docs`; do not edit by hand.",
        "Every command takes `--help`. Options that take a store also read `$LIANJIE_STORE`.",
        "",
    ]
    for name, cmd in commands():
        lines += [f"## lianjie {name}", "", "```", usage(name, cmd), "```", ""]
        lines += [click.unstyle(cmd.help or "").strip(), ""]
        options = [p for p in cmd.params if isinstance(p, click.Option)]
        if options:
            lines += ["| Option | Meaning | Default |", "|---|---|---|"]
            for p in options:
                opts = ", ".join(f"`{o}`" for o in p.opts)
                default = _default(p)
                envvar = f" (or `${p.envvar}`)" if isinstance(p.envvar, str) else ""
                help_text = (p.help or "").replace("|", "\\|") + envvar
                lines.append(f"| {opts} | {help_text} | {default} |")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def readme_with_table(readme: str) -> str:
    """The README with its command table replaced by the generated one."""
    if START not in readme or END not in readme:
        raise SystemExit(f"README.md has no {START} ... {END} markers")
    head, rest = readme.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{readme_table()}\n{END}{tail}"


def main_docs(argv: list[str] | None = None) -> int:
    """Write docs/cli.md and the README table; with ``--check``, only say whether they are current."""
    check = "--check" in (argv if argv is not None else sys.argv[1:])
    wanted = {CLI_MD: cli_markdown(), README: readme_with_table(README.read_text(encoding="utf-8"))}
    stale = [p for p, text in wanted.items() if not p.exists() or p.read_text(encoding="utf-8") != text]
    if check:
        for p in stale:
            print(f"{p.relative_to(ROOT)} is stale: run python -m lianjie.cli.docs")
        return 1 if stale else 0
    for p in stale:
        p.write_text(wanted[p], encoding="utf-8")
        print(f"wrote {p.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main_docs())
