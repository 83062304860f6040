"""``nonpro users`` and ``nonpro tokens``: accounts from the command line."""

from __future__ import annotations

import sys

import typer

from nonpro.accounts import services
from nonpro.accounts.rules import Role
from nonpro.accounts.schemas import TokenCreated, TokenOut, UserIn, UserOut
from nonpro.cli.context import console, operator, run_as_operator, unit_of_work
from nonpro.cli.output import JSON_OPTION, print_one, print_rows
from nonpro.core.errors import InvalidInput
from nonpro.core.validation import parse_input

users_app = typer.Typer(
    help="Create, list and disable users; change and reset passwords.", no_args_is_help=True
)
tokens_app = typer.Typer(help="Create, list and revoke API bearer tokens.", no_args_is_help=True)


def _read_password(
    from_stdin: bool, *, field: str = "password", prompt: str = "Password", confirm: bool = True
) -> str:
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise InvalidInput(field, "nothing was read from standard input")
        return password
    password = typer.prompt(prompt, hide_input=True, confirmation_prompt=confirm)
    return str(password)


@users_app.command("create")
def create(
    username: str = typer.Argument(..., help="Sign-in name (lower case)."),
    role: Role = typer.Option(..., "--role", help="The user's role."),
    agency: str | None = typer.Option(None, "--agency", help="Agency code, e.g. DEFENSE_DTSA."),
    display_name: str = typer.Option("", "--display-name", help="Name shown in the UI."),
    password_stdin: bool = typer.Option(
        False, "--password-stdin", help="Read the password from standard input."
    ),
) -> None:
    """Create a user with a role (and an agency for agency reviewers)."""
    data = parse_input(
        UserIn,
        {
            "username": username,
            "role": role,
            "agency": agency,
            "display_name": display_name,
            "password": _read_password(password_stdin),
        },
    )
    user = run_as_operator(services.create_user, data)
    console.print(f"created user {user.username} ({user.role})")


@users_app.command("list")
def list_users(as_json: bool = JSON_OPTION) -> None:
    """List users with their roles, agencies and state."""
    with unit_of_work() as session:
        users = [UserOut.of(u) for u in services.list_users(session=session, actor=operator())]
    print_rows(
        users,
        as_json=as_json,
        columns=("user", "role", "agency", "active", "last sign-in"),
        row=lambda u: (
            u.username,
            u.role.value,
            u.agency or "",
            "yes" if u.active else "no",
            str(u.last_sign_in_at or ""),
        ),
    )


@users_app.command("disable")
def disable(username: str = typer.Argument(..., help="The user to disable.")) -> None:
    """Disable a user: no more sign-ins, every API token revoked."""
    user = run_as_operator(services.disable_user, username)
    console.print(f"disabled user {user.username} and revoked their tokens")


@users_app.command("enable")
def enable(username: str = typer.Argument(..., help="The disabled user to enable.")) -> None:
    """Let a disabled user sign in again (their old API tokens stay revoked)."""
    user = run_as_operator(services.enable_user, username)
    console.print(f"enabled user {user.username}")


@users_app.command("set-role")
def set_role(
    username: str = typer.Argument(..., help="The user."),
    role: Role = typer.Option(..., "--role", help="The new role."),
    agency: str | None = typer.Option(None, "--agency", help="Agency code."),
) -> None:
    """Change a user's role (and agency)."""
    user = run_as_operator(services.set_role, username, role, agency=agency)
    console.print(f"{user.username} is now {user.role}")


@users_app.command("passwd")
def passwd(
    username: str = typer.Argument(..., help="Whose password (they give the current one)."),
    password_stdin: bool = typer.Option(
        False,
        "--password-stdin",
        help="Read the current password, then the new one, from standard input (one a line).",
    ),
) -> None:
    """Change a user's password, giving the current one; their web sessions end."""
    current = _read_password(
        password_stdin, field="current_password", prompt="Current password", confirm=False
    )
    new = _read_password(password_stdin, field="new_password", prompt="New password")
    with unit_of_work() as session:
        # The current password is the proof: whoever knows it acts as that user.
        actor = services.principal_of(services.get_user(username, session=session))
        user = services.change_password(username, current, new, session=session, actor=actor)
    console.print(f"changed the password of {user.username}; their other sessions are ended")


@users_app.command("reset-password")
def reset_password(username: str = typer.Argument(..., help="The user.")) -> None:
    """Give a user a one-time password, printed once; they must change it when they sign in."""
    password = run_as_operator(services.reset_password, username)
    console.print(
        f"one-time password of {username}: [bold yellow]{password}[/bold yellow]\n"
        "they must change it at their next sign-in; it is not shown again",
        highlight=False,
    )


@users_app.command("ensure-admin")
def ensure_admin() -> None:
    """Create the first administrator if there is none, printing its one-time password."""
    password = run_as_operator(services.ensure_admin)
    if password is None:
        console.print("an administrator exists already")
        return
    console.print(
        f"[bold]created user {services.BOOTSTRAP_ADMIN}[/bold] with the one-time password "
        f"[bold yellow]{password}[/bold yellow]\n"
        "sign in at http://127.0.0.1:8000/ and keep it safe: it is not shown again; you must "
        "choose your own password at the first sign-in"
    )


@tokens_app.command("create")
def create_token(
    username: str = typer.Argument(..., help="Whose token."),
    name: str = typer.Option("cli", "--name", help="A label to tell tokens apart."),
    expires_in_days: int | None = typer.Option(
        None, "--expires-in-days", help="Days until the token expires (default: never)."
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Create an API bearer token; it is printed once and never again."""
    with unit_of_work() as session:
        token, plain = services.create_token(
            username, name, session=session, actor=operator(), expires_in_days=expires_in_days
        )
        created = TokenCreated(**TokenOut.model_validate(token).model_dump(), token=plain)
    print_one(created, as_json=as_json, show=_print_token)


def _print_token(created: TokenCreated) -> None:
    console.print(created.token, soft_wrap=True, highlight=False)


@tokens_app.command("list")
def list_tokens(
    username: str = typer.Argument(..., help="Whose tokens."),
    as_json: bool = JSON_OPTION,
) -> None:
    """List a user's tokens (prefixes only)."""
    with unit_of_work() as session:
        tokens = [
            TokenOut.model_validate(t) for t in services.list_tokens(username, session=session)
        ]
    print_rows(
        tokens,
        as_json=as_json,
        columns=("prefix", "name", "created", "last used", "expires", "revoked"),
        row=lambda t: (
            t.prefix,
            t.name,
            str(t.created_at),
            str(t.last_used_at or ""),
            str(t.expires_at or ""),
            str(t.revoked_at or ""),
        ),
    )


@tokens_app.command("revoke")
def revoke_token(prefix: str = typer.Argument(..., help="The token's prefix.")) -> None:
    """Revoke a token by its prefix."""
    token = run_as_operator(services.revoke_token, prefix)
    console.print(f"revoked token {token.prefix}")
