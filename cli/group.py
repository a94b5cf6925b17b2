"""The click group every command hangs on: user mistakes become one clear line, closed pipes end quietly."""

from __future__ import annotations

import os
import select
import sys

import click

from ..base.errors import DatasetError, LianjieError


class LianjieGroup(click.Group):
    """Turns every error a user can cause into one clear message and exit code 1."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except DatasetError as exc:
            first = 10 if len(exc.groups()) < exc.total else exc.shown  # grouped, ten tell the rest
            lines = exc.report(first).splitlines()[:-1]  # the summary ends the output, as the error
            for line in lines:
                click.echo(line, err=True)
            if exc.total > first and not getattr(exc, "written_to", None):
                click.echo("every problem, one per line: add --problems FILE.csv", err=True)
            raise click.ClickException(exc.summary()) from None
        except LianjieError as exc:
            raise click.ClickException(str(exc)) from None
        except BrokenPipeError as exc:
            if not _stdout_closed():
                raise click.ClickException(f"{exc.strerror}: {exc.filename or 'output'}") from None
            _quiet_stdout()  # the reader went away (``lianjie … | head``): stop quietly, as other tools do
            raise click.exceptions.Exit(1) from None
        except OSError as exc:  # a path that cannot be read or written: the user's to fix
            raise click.ClickException(f"{exc.strerror or exc}: {exc.filename or ''}".rstrip(": ")) from None


def _stdout_closed() -> bool:
    """Whether standard output is a pipe whose reader has gone (the system reports an error on it)."""
    try:
        poller = select.poll()
        poller.register(sys.stdout.fileno(), select.POLLOUT)
        return any(events & select.POLLERR for _, events in poller.poll(0))
    except (AttributeError, OSError, ValueError):
        return False


def _quiet_stdout() -> None:
    """Point standard output at the null device, so nothing more is written to a closed pipe."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
