"""attribution: find quoted and reported statements in news, who said them and when,
store them, and check them against verified records.

The public API; the CLI (``attribution.cli``) is a thin layer over it.
"""

from .check.quotes import check_document
from .check.verdict import Checker
from .errors import (
                     AttributionError,
                     BadConfig,
                     BadDatabase,
                     BadInput,
                     BadRecord,
                     FetchFailed,
                     ModelsMissing,
                     ReviewRefused,
                     ServerBusy,
)
from .extract.runner import extract
from .ingest import IngestReport, ingest_articles
from .model import Cue, Quote, Speaker
from .nlp.models import download_models, load_pipeline
from .store.claimreview import claim_reviews
from .store.database import open_db
from .store.records import add_record, import_records, read_records
from .store.review import confirm_check, merge_speakers, overturn_check, promote_quote, reject_quote
from .text.article import Article, read_articles

__all__ = [
    "Article",
    "AttributionError",
    "BadConfig",
    "BadDatabase",
    "BadInput",
    "BadRecord",
    "Checker",
    "Cue",
    "FetchFailed",
    "IngestReport",
    "ModelsMissing",
    "Quote",
    "ReviewRefused",
    "ServerBusy",
    "Speaker",
    "add_record",
    "check_document",
    "claim_reviews",
    "confirm_check",
    "download_models",
    "extract",
    "import_records",
    "ingest_articles",
    "load_pipeline",
    "merge_speakers",
    "open_db",
    "overturn_check",
    "promote_quote",
    "read_articles",
    "read_records",
    "reject_quote",
]
