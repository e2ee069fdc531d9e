"""``hireloop definitions``: validate, deploy and inspect process definitions.

``validate`` needs no database, so HR can check a file before anyone deploys
it; every problem in the file is listed at once.
"""

from pathlib import Path

import click
from rich.table import Table
from rich.text import Text

from hireloop.cli.support import console, echo_json, friendly, ledger

FILE = click.Path(path_type=Path, dir_okay=False)


@click.group("definitions")
def definitions() -> None:
    """Validate, deploy and inspect process definitions."""


@definitions.command("validate")
@click.argument("file", type=FILE)
@friendly
def validate(file: Path) -> None:
    """Check a definition file and list every problem in it."""
    from definitions.loader import load_file

    definition, _ = load_file(file)
    click.echo(
        f"ok: {definition.id} ({len(definition.nodes)} nodes, {len(definition.flows)} flows)"
    )


@definitions.command("deploy")
@click.argument("file", type=FILE)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
@friendly
def deploy(ctx: click.Context, file: Path, as_json: bool) -> None:
    """Validate and deploy a definition; unchanged content keeps its version."""
    from definitions.loader import load_file
    from ledger.stores.deployments import DefinitionRegistry

    definition, source = load_file(file)
    deployment = DefinitionRegistry(ledger(ctx)).deploy(definition, source)
    if as_json:
        echo_json(
            {
                "definition_id": deployment.definition_id,
                "version": deployment.version,
                "content_hash": deployment.content_hash,
                "created": deployment.created,
            }
        )
        return
    state = "new version" if deployment.created else "unchanged, already deployed"
    click.echo(f"{deployment.definition_id} version {deployment.version} ({state})")


@definitions.command("list")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
@friendly
def list_definitions(ctx: click.Context, as_json: bool) -> None:
    """List every deployed version."""
    from ledger.stores.deployments import DefinitionRegistry

    infos = DefinitionRegistry(ledger(ctx)).list()
    if as_json:
        echo_json(
            [
                {
                    "definition_id": info.definition_id,
                    "version": info.version,
                    "content_hash": info.content_hash,
                    "deployed_at": info.deployed_at.isoformat(),
                    "nodes": info.nodes,
                }
                for info in infos
            ]
        )
        return
    if not infos:
        click.echo("no definitions deployed; deploy one with `hireloop definitions deploy FILE`")
        return
    table = Table("id", "version", "content hash", "deployed at (UTC)", "nodes")
    for info in infos:
        table.add_row(
            Text(info.definition_id),
            str(info.version),
            info.content_hash[:12],
            info.deployed_at.strftime("%Y-%m-%d %H:%M:%S"),
            str(info.nodes),
        )
    console().print(table)


@definitions.command("show")
@click.argument("definition_id")
@click.option("--version", type=click.IntRange(min=1), help="A deployed version (default: latest).")
@click.option("--json", "as_json", is_flag=True, help="Print the compiled form as JSON.")
@click.pass_context
@friendly
def show(ctx: click.Context, definition_id: str, version: int | None, as_json: bool) -> None:
    """Print a deployed definition: its YAML source, or with --json its compiled form."""
    from ledger.stores.deployments import DefinitionRegistry

    registry = DefinitionRegistry(ledger(ctx))
    if as_json:
        definition = (
            registry.latest(definition_id)
            if version is None
            else registry.get(definition_id, version)
        )
        echo_json(definition.model_dump(mode="json", by_alias=True))
        return
    click.echo(registry.source(definition_id, version).rstrip("\n"))


def register(group: click.Group) -> None:
    """Attach this module's commands to the top-level group."""
    group.add_command(definitions)
