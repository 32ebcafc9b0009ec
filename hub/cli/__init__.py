"""The `hub` command, assembled from one module per command group."""

import typer

from hub.cli import archive, quality, server, transfer
from hub.cli.credit import credit_app
from hub.cli.dedup import dedup_app
from hub.cli.keys import keys_app
from hub.cli.people import people_app
from hub.cli.plan import plan_app
from hub.cli.policy import policy_app
from hub.cli.tokens import token_app
from hub.cli.webhooks import webhooks_app

app = typer.Typer(
    help="hub: the master-data hub for medical-device companies.", no_args_is_help=True
)
app.command()(server.migrate)
app.command()(server.serve)
app.command()(server.demo)
app.command("export-schema")(server.export_schema)
app.add_typer(keys_app, name="keys")
app.add_typer(people_app, name="people")
app.command("rescreen")(quality.rescreen)
app.command("alerts")(quality.alerts)
app.command("quality-report")(quality.quality_report)
app.add_typer(policy_app, name="policy")
app.add_typer(token_app, name="token")
app.add_typer(dedup_app, name="dedup")
app.add_typer(webhooks_app, name="webhooks")
app.add_typer(archive.departments_app, name="departments")
app.command("follow-ups")(archive.screen_follow_ups)
app.add_typer(credit_app, name="credit")
app.add_typer(plan_app, name="plan")
app.command("export")(transfer.export)
app.command("restore")(transfer.restore)
app.command("import")(transfer.import_file)
