"""The ``attribution`` command: one thin function per command over the library."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sqlite3
import sys
import traceback
from typing import Iterator

import click
import sqlite_utils

from .check.quotes import PROBLEMS, check_document, check_stored, summary
from .check.verdict import Checker
from .demo import build_demo
from .errors import AttributionError, BadDatabase
from .extract.output import FORMATS, write_json, write_jsonl
from .extract.runner import MAX_NLP_CHARS, extract
from .ingest import IngestReport, ingest_articles
from .model import VERDICTS
from .nlp import models as nlp
from .nlp.selective import PARSE_MODES
from .store.claimreview import claim_reviews, publisher_from_env
from .store.database import DEFAULT_DB, open_db
from .store.identity import find_speakers
from .store.records import add_record, import_records, read_records
from .store.review import confirm_check, merge_speakers, overturn_check, promote_quote, reject_quote
from .store.statements import list_statements, update_statements
from .tables import write_check_table, write_statements_table, write_table
from .text.article import Article, read_articles
from .text.dates import parse_iso_date

__all__ = ["cli"]


class _CheckError(click.ClickException):
    """An error in ``check``: exit status 2, since 1 means "a quote is misattributed or altered"."""

    exit_code = 2


@contextlib.contextmanager
def _user_errors(error: type[click.ClickException] = click.ClickException) -> Iterator[None]:
    """Library errors become click's one-line "Error: ..." (``error`` says the exit status: 1 by default)."""
    try:
        yield
    except AttributionError as exc:
        raise error(str(exc)) from exc


@contextlib.contextmanager
def _database(db_path: str, *, missing: str | None = None,
              error: type[click.ClickException] = click.ClickException) -> Iterator[sqlite_utils.Database]:
    """The database one command works on: opened one way, closed however the command ends, its errors
    one-line messages (as ``error``).

    ``missing`` says what to do first when there is no database yet, for commands that only make sense
    on stored data (a review never starts an empty database, a check needs records).
    """
    with _user_errors(error):
        if missing and not os.path.isfile(db_path):
            raise BadDatabase(f"no database at {db_path}: {missing}, or give --db")
        new = not os.path.exists(db_path)
        db = open_db(db_path)
        try:
            yield db
        except BaseException:
            db.close()
            if new and not _holds_anything(db_path):  # a failed first command leaves no empty database behind
                for suffix in ("", "-wal", "-shm"):
                    with contextlib.suppress(FileNotFoundError):
                        os.remove(db_path + suffix)
            raise
        db.close()


def _holds_anything(db_path: str) -> bool:
    with contextlib.closing(sqlite3.connect(db_path)) as conn:
        return any(conn.execute(f"select 1 from [{table}] limit 1").fetchone()
                   for table in ("articles", "records", "speakers"))


_NOTHING_STORED = "ingest articles first"


output_option = click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-",
                             help="Write here (default: stdout); the file appears only when the command succeeds.")


@contextlib.contextmanager
def _output(path: str) -> Iterator:
    """Where a command writes its result: stdout, or ``path`` written beside it and renamed into place on
    success, so a failed command leaves no partial file (nor clobbers a good one). A device or a pipe
    (``/dev/stdout``, ``/dev/full``) is written directly. A full disk or a closed output is one line."""
    if path == "-" and (sys.stdout is None or sys.stdout.closed):
        raise click.ClickException("stdout is closed: give -o FILE")
    try:
        if path == "-":
            yield sys.stdout
            sys.stdout.flush()
        elif os.path.exists(path) and not os.path.isfile(path):
            with open(path, "w", encoding="utf-8") as out:
                yield out
        else:
            part = f"{path}.part"
            try:
                with open(part, "w", encoding="utf-8") as out:
                    yield out
                os.replace(part, path)
            finally:
                with contextlib.suppress(FileNotFoundError):
                    os.remove(part)
    except BrokenPipeError:
        raise  # the reader stopped early (`| head`): the command group ends quietly
    except OSError as exc:
        if path == "-":
            _discard_stdout()
        raise click.ClickException(f"cannot write {'the output' if path == '-' else path}: "
                                   f"{exc.strerror or exc}") from None


#: Articles longer than this are announced on stderr before Stanza starts on them.
LONG_ARTICLE_CHARS = 100_000


def _inputs(inputs: tuple[str, ...], date: dt.date | None) -> Iterator[Article]:
    """The articles to read, each long one announced (Stanza reads about 5,000-7,000 characters a second
    on one core: benchmarks/long_article.py; a long silence looks like a hang)."""
    for article in read_articles(inputs, default_date=date, stdin=sys.stdin):
        if LONG_ARTICLE_CHARS < len(article.text) <= MAX_NLP_CHARS:  # longer ones are refused, in one line
            click.echo(f"{article.id}: {len(article.text):,} characters, a long article: "
                       f"about {len(article.text) // 5_000:,} s on one core", err=True)
        yield article


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    """Parse --date; a bad one is a one-line "Error: bad date ..." (not click's usage block)."""
    if value is None:
        return None
    with _user_errors():
        return parse_iso_date(value)


models_dir_option = click.option(
    "--models-dir", type=click.Path(file_okay=False), envvar="STANZA_RESOURCES_DIR", show_envvar=True,
    help="Stanza resources directory holding the English models.")


def _discard_stdout() -> None:
    """After stdout failed (a closed pipe, a full disk): what is still buffered goes nowhere, quietly, at exit."""
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


class _Commands(click.Group):
    """The command group; output read by a pipe that closed early (``| head``) ends the command quietly."""

    def main(self, *args, **kwargs):
        try:
            return super().main(*args, **kwargs)
        except BrokenPipeError:
            _discard_stdout()
            sys.exit(1)


@click.group(cls=_Commands)
@click.version_option(package_name="attribution")
def cli() -> None:
    """Find quotes and reported speech in news articles: who said what, and when."""


jobs_option = click.option("--jobs", type=click.IntRange(min=1), default=1, show_default=True,
                           help="Worker processes parsing in parallel, each with its own Stanza pipeline.")


cluster_option = click.option(
    "--cluster", metavar="ADDRESS",
    help="Parse on a Dask cluster: a scheduler's tcp://HOST:8786, or local:N for N worker processes here.")


def _models_ready(models_dir: str | None, jobs: int, cluster: str | None = None) -> None:
    """Fail on missing models before reading anything (workers load their own pipeline)."""
    if jobs == 1 and not cluster:
        nlp.load_pipeline(models_dir)
    else:
        nlp.check_models(models_dir)


@cli.command("extract")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--date", "date", callback=_date, help="Publication date (YYYY-MM-DD) for inputs that have none.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@output_option
@click.option("--parse", type=click.Choice(PARSE_MODES), default="selective", show_default=True,
              help="Dependency-parse only the sentences extraction reads (same quotes), or every sentence.")
@jobs_option
@cluster_option
@models_dir_option
def extract_command(inputs: tuple[str, ...], date: dt.date | None, fmt: str, output, parse: str, jobs: int,
                    cluster: str | None, models_dir: str | None) -> None:
    """Find every quote in INPUTS (.txt, .html, .jsonl, an http(s) URL, or - for stdin)."""
    with _user_errors(), _output(output) as out:
        _models_ready(models_dir, jobs, cluster)
        docs = extract(_inputs(inputs, date), models_dir, parse=parse, jobs=jobs, cluster=cluster)
        if fmt == "json":
            write_json(list(docs), out)
            return
        for doc in docs:
            (write_jsonl if fmt == "jsonl" else write_table)(doc, out)
            out.flush()


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


# --- ingest and records ---------------------------------------------------------------------------

db_option = click.option("--db", "db_path", type=click.Path(dir_okay=False), default=DEFAULT_DB, show_default=True,
                         help="The SQLite database (created if missing).")


def _count(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


@cli.command("ingest")
@click.argument("inputs", nargs=-1, required=True)
@db_option
@click.option("--outlet", help="Outlet name for articles that carry none.")
@click.option("--url", help="Source URL for articles that carry none.")
@click.option("--date", "date", callback=_date, help="Publication date (YYYY-MM-DD) for inputs that have none.")
@jobs_option
@cluster_option
@models_dir_option
def ingest_command(inputs: tuple[str, ...], db_path: str, outlet: str | None, url: str | None,
                   date: dt.date | None, jobs: int, cluster: str | None, models_dir: str | None) -> None:
    """Extract the quotes in INPUTS (.txt, .html, .jsonl, an http(s) URL, or - for stdin) and store them.

    Each article is stored with its quotes in one transaction. Articles already
    in the database (same text) are skipped, so running again after an
    interruption adds only what is missing.
    """
    stored = IngestReport()  # what is safely stored, for the message if a later input fails

    def progress(article, added: int | None) -> None:
        if added is not None:
            stored.articles_added += 1

    with _database(db_path) as db:
        try:
            articles = _inputs(inputs, date)
            if sys.stderr.isatty():
                with click.progressbar(articles, label="Ingesting", file=sys.stderr,
                                       item_show_func=lambda a: a.id if a is not None else None) as bar:
                    report = ingest_articles(db, bar, outlet=outlet, url=url, models_dir=models_dir,
                                             progress=progress, jobs=jobs, cluster=cluster)
            else:
                report = ingest_articles(db, articles, outlet=outlet, url=url, models_dir=models_dir,
                                         progress=progress, jobs=jobs, cluster=cluster)
        except AttributionError as exc:
            if stored.articles_added:
                raise AttributionError(f"{exc} ({_count(stored.articles_added, 'article')} before it stored in "
                                       f"{db_path}; fix the input and run again to add the rest)") from exc
            raise
    click.echo(f"{_count(report.articles_added, 'article')} added ({_count(report.quotes_added, 'quote')}), "
               f"{report.articles_skipped:,} already stored: {db_path}")
    if sum(report.verdicts.values()):
        click.echo(f"checked {_verdicts(report.verdicts)}; {_count(report.statements_added, 'new statement')}")


def _verdicts(counts) -> str:
    """ "12 quotes: 3 verified, 1 misattributed, 0 altered, 8 unverified" """
    return f"{_count(sum(counts.values()), 'quote')}: " + ", ".join(f"{n:,} {v}" for v, n in counts.items())


@cli.group()
def records() -> None:
    """Verified records: what people actually said, when, and the source."""


@records.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@db_option
def records_import(file: str, db_path: str) -> None:
    """Import verified records from FILE (.csv with a header row, or .jsonl).

    Columns: speaker, text, said_on (YYYY-MM-DD), source_url; optional
    source_type, verified_by, notes. Every row is checked first: one bad row
    and nothing is imported. Records already stored are skipped.
    """
    with _user_errors():
        rows = read_records(file)  # before creating any database
    with _database(db_path) as db:
        added = import_records(db, rows)
    click.echo(f"{_count(added, 'record')} added from {file}, {len(rows) - added:,} already stored: {db_path}")


@records.command("add")
@click.option("--speaker", required=True, help="Who said it (any form of the name: titles are dropped).")
@click.option("--text", required=True, help="What they said, word for word.")
@click.option("--said-on", "said_on", required=True, help="The day it was said (YYYY-MM-DD).")
@click.option("--source-url", "source_url", required=True, help="Where it is documented (http or https URL).")
@click.option("--source-type", "source_type", help='What the source is, e.g. "transcript", "speech".')
@click.option("--verified-by", "verified_by", help="Who checked it.")
@click.option("--notes")
@db_option
def records_add(speaker: str, text: str, said_on: str, source_url: str, source_type: str | None,
                verified_by: str | None, notes: str | None, db_path: str) -> None:
    """Add one verified record."""
    with _database(db_path) as db:
        before = db["records"].count
        record_id = add_record(db, speaker, text, said_on, source_url, source_type=source_type,
                               verified_by=verified_by, notes=notes)
        added = db["records"].count > before
    click.echo(f"record {record_id} {'added' if added else 'already stored'}: {db_path}")


# --- check ----------------------------------------------------------------------------------------

def _check_date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return parse_iso_date(value)
    except AttributionError as exc:
        raise _CheckError(str(exc)) from exc


@cli.command("check")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--db", "db_path", default=None, type=click.Path(dir_okay=False),
              help="The records database (default: db/attribution.db).")
@click.option("--date", "date", callback=_check_date, help="Publication date (YYYY-MM-DD) for inputs that have none.")
@click.option("--format", "fmt", type=click.Choice(("table", "json")), default="table", show_default=True)
@jobs_option
@cluster_option
@models_dir_option
@click.pass_context
def check_command(ctx: click.Context, inputs: tuple[str, ...], db_path: str | None, date: dt.date | None, fmt: str,
                  jobs: int, cluster: str | None, models_dir: str | None) -> None:
    """Check every quote in INPUTS (.txt, .html, .jsonl, an http(s) URL, or - for stdin) against the verified records.

    Each quote is verified, misattributed, altered or unverified. Exit status: 0 when no quote is
    misattributed or altered, 1 when one is, 2 on an error.
    """
    db_path = db_path or DEFAULT_DB
    results: list[dict] = []
    try:
        with _database(db_path, missing="import verified records first", error=_CheckError) as db:
            if not db["records"].count:
                click.echo(f"Warning: {db_path} has no records: every quote will be unverified", err=True)
            _models_ready(models_dir, jobs, cluster)
            checker = Checker(db)
            articles = _inputs(inputs, date)
            for doc in extract(articles, models_dir, cache=db, jobs=jobs, cluster=cluster):
                art = check_document(db, doc, checker)
                results.append(art)
                if fmt == "table":
                    write_check_table(art, sys.stdout)
                    sys.stdout.flush()
        if fmt == "json":
            json.dump(results, sys.stdout, ensure_ascii=False, indent=2)
            sys.stdout.write("\n")
        else:
            click.echo(f"checked {_verdicts(summary(results))}")
    except (click.ClickException, BrokenPipeError):
        raise
    except sqlite3.Error as exc:
        raise _CheckError(f"database {db_path}: {exc}") from exc
    except Exception as exc:  # a bug: still exit 2, never the 1 that means "problems found"
        traceback.print_exc()
        raise _CheckError(f"unexpected {type(exc).__name__}: {exc}") from exc
    if any(q["verdict"] in PROBLEMS for art in results for q in art["quotes"]):
        ctx.exit(1)


@cli.command("recheck")
@db_option
def recheck_command(db_path: str) -> None:
    """Check every stored quote against the records again and save the verdicts (the checks table).

    Run it after importing or adding records. Reviewers' notes on a check are kept.
    """
    with _database(db_path, missing=_NOTHING_STORED) as db:
        counts = check_stored(db)
    click.echo(f"checked {_verdicts(counts)}: {db_path}")


@cli.command("statements")
@db_option
@click.option("--speaker", help="Only this speaker's statements (any form of the name).")
@click.option("--corroborated", is_flag=True, help="Only statements carried by two or more independent sources, uncontested.")
@click.option("--format", "fmt", type=click.Choice(("table", "json")), default="table", show_default=True)
def statements_command(db_path: str, speaker: str | None, corroborated: bool, fmt: str) -> None:
    """Each statement once: who said it, where it first appeared, every outlet that carried it, its wordings.

    Quotes stored since the last run are clustered first.
    """
    with _database(db_path, missing=_NOTHING_STORED) as db:
        update_statements(db)
        ids = [s.id for s in find_speakers(db, speaker)] if speaker else None
        found = list_statements(db, ids, corroborated_only=corroborated)
    if fmt == "json":
        click.echo(json.dumps(found, ensure_ascii=False, indent=2))
    else:
        why = "no statements stored"
        if speaker and ids == []:
            why = f"no speaker known as {speaker!r}"
        elif speaker or corroborated:
            why = "no statements match" + (f" from {speaker!r}" if speaker else "") + (
                " that are corroborated" if corroborated else "")
        write_statements_table(found, sys.stdout, empty=why)


# --- demo and serve -------------------------------------------------------------------------------

@cli.command("demo")
@db_option
@models_dir_option
def demo_command(db_path: str, models_dir: str | None) -> None:
    """Build a demo database from the project's fixtures (articles, records, verdicts); running it again adds nothing."""
    with _user_errors():
        report = build_demo(db_path, models_dir=models_dir)
    click.echo(f"{_count(report.ingest.articles_added, 'article')} added ({_count(report.ingest.quotes_added, 'quote')}), "
               f"{report.ingest.articles_skipped:,} already stored; {_count(report.records_added, 'record')} added; "
               f"checked {_verdicts(report.verdicts)}: {db_path}")
    click.echo(f"Now run: attribution serve --db {db_path}")


@cli.command("serve")
@click.option("--db", "db_path", type=click.Path(dir_okay=False), default=DEFAULT_DB, show_default=True,
              help="The database to publish (it must exist: see `attribution demo`).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8001, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@click.option("--metadata", type=click.Path(dir_okay=False, exists=True),
              help="Datasette metadata (default: metadata.yml of this checkout).")
@click.option("--no-cache", "no_cache", is_flag=True,
              help="Compute every page afresh (by default pages are kept until the database changes).")
@click.option("--https-urls", "https_urls", is_flag=True,
              help="Absolute links (the Atom feed's) say https://: for a server behind a proxy that speaks HTTPS.")
@click.option("--forwarded-allow-ips", "forwarded_allow_ips", metavar="IPS",
              help="Trust X-Forwarded-For/-Proto from these addresses (comma-separated): your reverse proxy's. "
                   "By default no address is trusted, not even this host's.")
@models_dir_option
def serve_command(db_path: str, host: str, port: int, metadata: str | None, no_cache: bool, https_urls: bool,
                  forwarded_allow_ips: str | None, models_dir: str | None) -> None:
    """Publish the database with Datasette, with the check page at /-/check.

    Anyone can read; reviewers log in to review at /-/review. Each environment variable
    ATTRIBUTION_PASSWORD_HASH_<ID> holding a `datasette hash-password` hash adds the reviewer
    login <id> (lower case).
    """
    from .web.review_pages import reviewer_accounts
    from .web.serve import make_datasette, serve

    with _user_errors():
        ds = make_datasette(db_path, metadata=metadata, models_dir=models_dir,
                            settings={"force_https_urls": True} if https_urls else None)
    click.echo(f"Serving {db_path} at http://{host}:{port}/ (check page: /-/check); Ctrl-C stops", err=True)
    reviewers = sorted(reviewer_accounts(ds))
    click.echo(f"Reviewers: {', '.join(reviewers)} (log in at /-/login)" if reviewers else
               "No reviewers: set ATTRIBUTION_PASSWORD_HASH_<ID> to a `datasette hash-password` hash to add one",
               err=True)
    serve(ds, host=host, port=port, cache=not no_cache, forwarded_allow_ips=forwarded_allow_ips)


# --- review: promote, reject, confirm, overturn, merge ---------------------------------------------

def _reviewer_option(*names: str):
    return click.option(*names, "actor", required=True, envvar="ATTRIBUTION_REVIEWER", show_envvar=True,
                        help="Who is reviewing (recorded with every change).")


@records.command("promote")
@click.argument("quote_id", type=int)
@_reviewer_option("--verified-by", "--by")
@click.option("--source-url", "source_url", required=True, help="Where the reviewer verified the words.")
@click.option("--source-type", "source_type", help='What the source is, e.g. "transcript", "speech".')
@click.option("--notes")
@db_option
def records_promote(quote_id: int, actor: str, source_url: str, source_type: str | None, notes: str | None,
                    db_path: str) -> None:
    """Make extracted quote QUOTE_ID a verified record (its speaker, words and date)."""
    with _database(db_path, missing=_NOTHING_STORED) as db:
        record_id = promote_quote(db, quote_id, actor, source_url, source_type=source_type, notes=notes)
    click.echo(f"quote {quote_id} promoted to record {record_id} by {actor}: {db_path}")


@records.command("reject")
@click.argument("quote_id", type=int)
@_reviewer_option("--by")
@click.option("--note", help="Why (not speech, wrong speaker, ...).")
@db_option
def records_reject(quote_id: int, actor: str, note: str | None, db_path: str) -> None:
    """Mark extracted quote QUOTE_ID as not to become a record."""
    with _database(db_path, missing=_NOTHING_STORED) as db:
        reject_quote(db, quote_id, actor, note)
    click.echo(f"quote {quote_id} rejected by {actor}: {db_path}")


@cli.group("checks")
def checks_group() -> None:
    """A reviewer's ruling on the checker's verdicts."""


@checks_group.command("confirm")
@click.argument("check_id", type=int)
@_reviewer_option("--by")
@click.option("--note", help="What the reviewer checked.")
@db_option
def checks_confirm(check_id: int, actor: str, note: str | None, db_path: str) -> None:
    """The verdict of check CHECK_ID stands."""
    with _database(db_path, missing=_NOTHING_STORED) as db:
        row = confirm_check(db, check_id, actor, note)
    click.echo(f"check {check_id} confirmed by {actor}: {row['ruling']} stands: {db_path}")


@checks_group.command("overturn")
@click.argument("check_id", type=int)
@_reviewer_option("--by")
@click.option("--note", required=True, help="Why the verdict is wrong.")
@click.option("--to", "to", type=click.Choice(VERDICTS),
              default="unverified", show_default=True, help="The verdict that stands instead.")
@db_option
def checks_overturn(check_id: int, actor: str, note: str, to: str, db_path: str) -> None:
    """The verdict of check CHECK_ID is wrong."""
    with _database(db_path, missing=_NOTHING_STORED) as db:
        row = overturn_check(db, check_id, actor, note, to=to)
    click.echo(f"check {check_id} overturned by {actor}: {row['reviewed_verdict']} → {row['ruling']}: {db_path}")


@cli.group("speakers")
def speakers_group() -> None:
    """People and organisations quoted."""


@speakers_group.command("merge")
@click.argument("keep")
@click.argument("absorb")
@_reviewer_option("--by")
@db_option
def speakers_merge(keep: str, absorb: str, actor: str, db_path: str) -> None:
    """Speaker ABSORB is the same as KEEP (ids or names): KEEP takes over ABSORB's quotes, records and names."""
    with _database(db_path, missing=_NOTHING_STORED) as db:
        report = merge_speakers(db, keep, absorb, actor)
    kept, gone = report.kept, report.absorbed
    click.echo(f"speaker {gone['id']} ({gone['name']}) merged into {kept['id']} ({kept['name']}) by {actor}: "
               f"{_count(report.moved.get('quotes.speaker_id', 0), 'quote')}, "
               f"{_count(report.moved.get('records.speaker_id', 0), 'record')} moved, "
               f"{_count(report.records_merged, 'duplicate record')} folded; "
               f"run the checks again to update verdicts: {db_path}")


# --- export: ClaimReview --------------------------------------------------------------------------

@cli.group("export")
def export_group() -> None:
    """Publish reviewed findings in formats others read."""


@export_group.command("claimreview")
@click.option("--since", "since", callback=_date, help="Only reviews made on or after this day (YYYY-MM-DD).")
@output_option
@click.option("--org-name", envvar="ATTRIBUTION_ORG_NAME", show_envvar=True, help="The publishing organisation.")
@click.option("--org-url", envvar="ATTRIBUTION_ORG_URL", show_envvar=True, help="Its web address.")
@click.option("--site-url", envvar="ATTRIBUTION_SITE_URL", show_envvar=True,
              help="Where the database is published (Datasette's public address); review URLs point there.")
@db_option
def export_claimreview(since: dt.date | None, output, org_name: str | None, org_url: str | None,
                       site_url: str | None, db_path: str) -> None:
    """Write schema.org ClaimReview JSON-LD (a JSON list) for every verdict a reviewer ruled on."""
    with _user_errors():
        publisher = publisher_from_env({}, name=org_name, url=org_url, site_url=site_url)
    with _database(db_path, missing=_NOTHING_STORED) as db:
        reviews = claim_reviews(db, publisher, since)
    with _output(output) as out:
        json.dump(reviews, out, ensure_ascii=False, indent=2)
        out.write("\n")
    if output != "-":
        click.echo(f"{_count(len(reviews), 'ClaimReview')} written to {output}", err=True)


if __name__ == "__main__":  # python -m attribution.cli
    cli()
