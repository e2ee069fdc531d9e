"""(being written)"""

import click


def register(group: click.Group) -> None:
    """Attach this module's commands to the top-level group."""
