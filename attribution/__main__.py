"""``python -m attribution``: the same as the ``attribution`` command."""

from .cli import cli

__all__: list[str] = []

if __name__ == "__main__":
    cli()
