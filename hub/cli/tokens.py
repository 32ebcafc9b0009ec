"""`hub token mint`: JWT bearer tokens for people (development)."""

from typing import Annotated

import typer

from hub.authz import tokens
from hub.cli.common import console
from hub.config import get_settings
from hub.db.base import ROOT_ORG_PATH
from hub.db.enums import Role

token_app = typer.Typer(help="JWT bearer tokens for people.", no_args_is_help=True)


@token_app.command("mint")
def token_mint(
    subject: Annotated[str, typer.Option(help="The person, e.g. alice@example.com.")],
    role: Annotated[list[Role], typer.Option(help="A role; repeat for several.")],
    org_path: Annotated[str, typer.Option(help="Their organisation unit.")] = ROOT_ORG_PATH,
    ttl: Annotated[int, typer.Option(help="Lifetime in seconds.")] = 3600,
) -> None:
    """Mint an HS256 token with HUB_JWT_SECRET (for development); printed as the last line."""
    try:
        token = tokens.mint(get_settings(), subject, role, org_path, ttl)
    except tokens.TokenRejected as error:
        console.print(f"[red]{error}[/red]")
        raise typer.Exit(1) from error
    console.print(f"Token for {subject} ({', '.join(r.value for r in role)}), valid {ttl} s:")
    print(token)
