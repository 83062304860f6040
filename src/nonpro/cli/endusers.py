"""``nonpro end-users``: the missile end-user knowledge base, by country and name."""

from __future__ import annotations

import typer

from nonpro.cli.context import console, run_query
from nonpro.cli.output import JSON_OPTION, print_one
from nonpro.endusers import services
from nonpro.endusers.schemas import KnowledgeBase
from nonpro.screening.services import IndexProvider

app = typer.Typer(
    help="Missile and space programme entities: the office's reviewed records and the "
    "loaded lists' entries that name missile work.",
    no_args_is_help=True,
)


def _print(found: KnowledgeBase) -> None:
    lists = ", ".join(f"{k} {v}" for k, v in sorted(found.lists.items())) or "no list loaded"
    console.print(
        f"{len(found.entities)} found; the base holds {found.reviewed} reviewed records and "
        f"{found.from_lists} list entries ({lists})"
    )
    for e in found.entities:
        where = e.country_name or "country not given"
        generic = "; generic name, matched only where the country agrees" if e.generic_name else ""
        console.print(f"[bold]{e.name}[/bold] ({where}, {e.origin}){generic}", highlight=False)
        console.print(f"  {e.programme}", highlight=False)
        console.print(f"  {e.listing}; source {e.source} ({e.confidence})", highlight=False)


@app.command("search")
def search(
    country: str | None = typer.Option(
        None, "--country", help='A state\'s name or code: "Pakistan", "PAK".'
    ),
    text: str | None = typer.Option(None, "--name", help="Part of a name or alias."),
    as_json: bool = JSON_OPTION,
) -> None:
    """The programme entities of a country and/or whose names contain a text."""
    found = run_query(services.search, provider=IndexProvider(), country=country, text=text)
    print_one(found, as_json=as_json, show=_print)
