"""The ``attribution`` command: one thin function per command over the library."""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
from typing import Iterator

import click

from . import nlp
from .article import read_articles
from .dates import parse_iso_date
from .errors import AttributionError
from .output import FORMATS, write_json, write_jsonl, write_table
from .pipeline import extract

__all__ = ["cli"]


@contextlib.contextmanager
def _user_errors() -> Iterator[None]:
    """Library errors become click's one-line "Error: ..." and exit status 1."""
    try:
        yield
    except AttributionError as exc:
        raise click.ClickException(str(exc)) from exc


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    """Parse --date; a bad one is a one-line "Error: bad date ..." (not click's usage block)."""
    if value is None:
        return None
    with _user_errors():
        return parse_iso_date(value)


models_dir_option = click.option(
    "--models-dir", type=click.Path(file_okay=False), envvar="STANZA_RESOURCES_DIR", show_envvar=True,
    help="Stanza resources directory holding the English models.")


@click.group()
@click.version_option(package_name="attribution")
def cli() -> None:
    """Find quotes and reported speech in news articles: who said what, and when."""


@cli.command("extract")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--date", "date", callback=_date, help="Publication date (YYYY-MM-DD) for inputs that have none.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-", help="Write here (default: stdout).")
@models_dir_option
def extract_command(inputs: tuple[str, ...], date: dt.date | None, fmt: str, output, models_dir: str | None) -> None:
    """Find every quote in INPUTS (.txt, .html, .jsonl, or - for stdin)."""
    with _user_errors():
        nlp.load_pipeline(models_dir)  # fail on missing models before reading anything
        docs = extract(read_articles(inputs, default_date=date, stdin=sys.stdin), models_dir)
        if fmt == "json":
            write_json(list(docs), output)
            return
        for doc in docs:
            (write_jsonl if fmt == "jsonl" else write_table)(doc, output)
            output.flush()


@cli.group()
def models() -> None:
    """The Stanza English models extraction needs."""


@models.command("download")
@models_dir_option
def models_download(models_dir: str | None) -> None:
    """Fetch the official Stanza English models (needs internet)."""
    with _user_errors():
        path = nlp.download_models(models_dir)
    click.echo(f"Stanza English models are in {path}")


@models.command("check")
@models_dir_option
def models_check(models_dir: str | None) -> None:
    """Load the models once, to tell whether extraction will run."""
    with _user_errors():
        nlp.load_pipeline(models_dir)
    click.echo(f"Stanza English models load from {nlp.models_dir(models_dir)}")
