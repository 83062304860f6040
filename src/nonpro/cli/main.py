"""The ``nonpro`` command: every capability's commands under one Typer app."""

from __future__ import annotations

import sys

import typer

from nonpro import __version__
from nonpro.cli import accounts as accounts_cli  # own line: shared file, fewer merge clashes
from nonpro.cli import audit, config, db, reference, screening, screening_lists, serve, treaties
from nonpro.cli import cases as cases_cli  # own line: shared file, fewer merge clashes
from nonpro.cli import controls as controls_cli  # own line: shared file, fewer merge clashes
from nonpro.cli import denials as denials_cli  # own line: shared file, fewer merge clashes
from nonpro.cli import endusers as endusers_cli  # own line: shared file, fewer merge clashes
from nonpro.cli import interagency as interagency_cli  # own line: shared file, fewer clashes
from nonpro.cli import multilateral as multilateral_cli  # own line: shared file, fewer clashes
from nonpro.cli import multilateral_funds as funds_cli  # own line: shared file, fewer clashes
from nonpro.cli import programs as programs_cli  # own line: shared file, fewer merge clashes
from nonpro.cli import registers_agreements as agreements_cli  # own line: fewer clashes
from nonpro.cli import registers_arms as arms_cli  # own line: fewer merge clashes
from nonpro.cli import registers_files as files_cli  # own line: fewer merge clashes
from nonpro.cli import reports as reports_cli  # own line: shared file, fewer merge clashes
from nonpro.cli import sanctions as sanctions_cli  # own line: shared file, fewer merge clashes
from nonpro.cli.context import error_console
from nonpro.cli.errors import exit_code_for
from nonpro.cli.output import refused_table
from nonpro.core.errors import InvalidInput, NonproError
from nonpro.core.inputs import has_lone_surrogate
from nonpro.core.logging import configure_logging
from nonpro.core.rejected_rows import REPORTED_ROWS, RejectedRows
from nonpro.core.settings import get_settings
from nonpro.wiring import install as install_checks

app = typer.Typer(
    name="nonpro",
    help="nonpro: a nonproliferation workbench (MTCR controls, screening, cases, treaties).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


@app.callback()
def _every_command() -> None:
    # Before any command: every capability's checks on decisions (nonpro.wiring).
    install_checks()


app.add_typer(config.app, name="config")
app.add_typer(db.app, name="db")
app.add_typer(accounts_cli.users_app, name="users")
app.add_typer(accounts_cli.tokens_app, name="tokens")
app.add_typer(audit.app, name="audit")
app.add_typer(reference.countries_app, name="countries")
app.add_typer(reference.reference_app, name="reference")
app.add_typer(screening_lists.app, name="lists")
app.add_typer(cases_cli.app, name="cases")
app.add_typer(denials_cli.app, name="denials")
app.add_typer(endusers_cli.app, name="end-users")
app.add_typer(interagency_cli.app, name="interagency")
app.add_typer(sanctions_cli.app, name="sanctions")
app.add_typer(treaties.app, name="treaties")
app.add_typer(programs_cli.app, name="programs")
app.add_typer(reports_cli.app, name="report")
app.add_typer(multilateral_cli.meetings_app, name="meetings")
app.add_typer(multilateral_cli.instructions_app, name="instructions")
app.add_typer(funds_cli.hcoc_app, name="hcoc")
app.add_typer(funds_cli.contributions_app, name="contributions")
app.add_typer(agreements_cli.app, name="agreements")
app.add_typer(files_cli.app, name="files")
app.add_typer(arms_cli.app, name="unroca")
app.command("serve")(serve.serve)
app.command("screen")(screening.screen_command)
app.command("screen-file")(screening.screen_file_command)
app.add_typer(controls_cli.annex_app, name="annex")
app.add_typer(controls_cli.range_app, name="range")
app.command("classify")(controls_cli.classify_command)
app.command("destination")(controls_cli.destination_command)
app.command("catch-all")(controls_cli.catch_all_command)


@app.command("version")
def version() -> None:
    """Print the version."""
    typer.echo(__version__)


def refuse_broken_arguments(arguments: list[str]) -> None:
    """A byte that is not UTF-8 in a command line reaches Python as a lone surrogate, which no
    database driver can store: refused here, for every command, naming the argument."""
    for position, argument in enumerate(arguments, start=1):
        if has_lone_surrogate(argument):
            raise InvalidInput(f"argument {position}", f"{ascii(argument)[:60]} is not UTF-8 text")


def run(argv: list[str] | None = None) -> None:
    """Entry point: domain errors become one line on stderr and an exit code, never a traceback."""
    try:
        refuse_broken_arguments(sys.argv[1:] if argv is None else argv)
        configure_logging(get_settings())
        app(args=argv, prog_name="nonpro")
    except NonproError as error:
        error_console.print(f"error: {error.message}", highlight=False, soft_wrap=True)
        if isinstance(error, RejectedRows):  # every refused row, not only the message's first
            error_console.print(refused_table(error.rows[:REPORTED_ROWS], title="rows refused"))
        sys.exit(exit_code_for(error))
